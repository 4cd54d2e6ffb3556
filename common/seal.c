/* seal.c: crypto_box_seal around the response encoding. See seal.h. */
#include "seal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"

int seal_response(const Response *r, const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
                  uint8_t **sealed, size_t *len, char *err)
{
    /* The plaintext lives only in locked memory of exactly its size (a page or two, not the
     * 256 KiB a response may reach): a Send costs no more than its answers need. */
    size_t n = 0;
    if (response_encode(r, NULL, 0, &n, err) != 0)
        return -1;
    uint8_t *plain = sodium_malloc(n);
    uint8_t *out = NULL;
    int rc = -1;
    if (!plain) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    if (response_encode(r, plain, n, &n, err) != 0)
        goto done;
    out = malloc(n + SEAL_OVERHEAD);
    if (!out) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    if (crypto_box_seal(out, plain, n, council_pk) != 0) {
        snprintf(err, ERR_LEN, "sealing failed (bad council key?)");
        free(out);
        out = NULL;
        goto done;
    }
    *sealed = out;
    *len = n + SEAL_OVERHEAD;
    rc = 0;
done:
    sodium_free(plain); /* zeroes it first */
    return rc;
}

int seal_open_plain_keys(const uint8_t *sealed, size_t len, const SealKey *keys, int nkeys,
                         int *hint, uint8_t *scratch, size_t *n, char *err)
{
    if (len < SEAL_OVERHEAD || len - SEAL_OVERHEAD > RESPONSE_ENCODED_MAX) {
        snprintf(err, ERR_LEN, "sealed record of %zu bytes is not a response", len);
        return -1;
    }
    *n = len - SEAL_OVERHEAD;
    int first = *hint >= 0 && *hint < nkeys ? *hint : 0;
    for (int k = 0; k < nkeys; k++) {
        int i = k == 0 ? first : k <= first ? k - 1 : k; /* the others, in order */
        if (crypto_box_seal_open(scratch, sealed, len, keys[i].pk, keys[i].sk) == 0) {
            *hint = i;
            return 0;
        }
    }
    sodium_memzero(scratch, *n);
    snprintf(err, ERR_LEN, "record does not open with the council key%s (another key, or "
                           "damaged)",
             nkeys > 1 ? " nor any it retired" : "");
    return -1;
}

int seal_open_response_with(const uint8_t *sealed, size_t len,
                            const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
                            const uint8_t *council_sk, uint8_t *scratch, Arena *a, Response *r,
                            char *err)
{
    SealKey key = {.sk = council_sk};
    int hint = 0;
    size_t n = 0;
    memcpy(key.pk, council_pk, sizeof key.pk);
    if (seal_open_plain_keys(sealed, len, &key, 1, &hint, scratch, &n, err) != 0)
        return -1;
    int rc = response_decode(scratch, n, a, r, err);
    sodium_memzero(scratch, n);
    return rc;
}

int seal_open_plain(const uint8_t *sealed, size_t len,
                    const uint8_t council_pk[crypto_box_PUBLICKEYBYTES], const uint8_t *council_sk,
                    uint8_t *scratch, size_t *n, char *err)
{
    SealKey key = {.sk = council_sk};
    int hint = 0;
    memcpy(key.pk, council_pk, sizeof key.pk);
    return seal_open_plain_keys(sealed, len, &key, 1, &hint, scratch, n, err);
}

int seal_open_response(const uint8_t *sealed, size_t len,
                       const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
                       const uint8_t *council_sk, Arena *a, Response *r, char *err)
{
    size_t n = len > SEAL_OVERHEAD ? len - SEAL_OVERHEAD : 1;
    uint8_t *plain = sodium_malloc(n > RESPONSE_ENCODED_MAX ? 1 : n);
    if (!plain) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    int rc = seal_open_response_with(sealed, len, council_pk, council_sk, plain, a, r, err);
    sodium_free(plain);
    return rc;
}
