/* seal.c: crypto_box_seal around the response encoding. See seal.h. */
#include "seal.h"

#include <stdio.h>
#include <stdlib.h>

#include "chorus_limits.h"

int seal_response(const Response *r, const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
                  uint8_t **sealed, size_t *len, char *err)
{
    uint8_t *plain = sodium_malloc(RESPONSE_ENCODED_MAX);
    uint8_t *out = NULL;
    size_t n = 0;
    int rc = -1;
    if (!plain) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    if (response_encode(r, plain, RESPONSE_ENCODED_MAX, &n, err) != 0)
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
    sodium_memzero(plain, RESPONSE_ENCODED_MAX);
    sodium_free(plain);
    return rc;
}

int seal_open_response(const uint8_t *sealed, size_t len,
                       const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
                       const uint8_t *council_sk, Arena *a, Response *r, char *err)
{
    if (len < SEAL_OVERHEAD || len - SEAL_OVERHEAD > RESPONSE_ENCODED_MAX) {
        snprintf(err, ERR_LEN, "sealed record of %zu bytes is not a response", len);
        return -1;
    }
    size_t n = len - SEAL_OVERHEAD;
    uint8_t *plain = sodium_malloc(n ? n : 1);
    if (!plain) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    int rc = -1;
    if (crypto_box_seal_open(plain, sealed, len, council_pk, council_sk) != 0) {
        snprintf(err, ERR_LEN, "record does not open with the council key (another key, or "
                               "damaged)");
        goto done;
    }
    rc = response_decode(plain, n, a, r, err);
done:
    sodium_memzero(plain, n ? n : 1);
    sodium_free(plain);
    return rc;
}
