/* fuzz_keyfile: key files (keyfile_parse, the text checks of keyfile_read, common/keyfile.c).
 * A kiosk reads the council's public keys from a USB stick or a pack, so their text is outside
 * bytes.
 *
 * Each input is read as every kind of key, as each reader expects one. Properties: a refusal
 * gives a reason and leaves no key bytes behind; an accepted key is spelt exactly as the writer
 * spells it, has the id of its public half, and, for a signing secret key, has two halves that
 * belong together (its public half is the one its seed makes), since that is what a damaged
 * file would break. */
#include "chorus_limits.h"
#include "fuzz.h"
#include "keyfile.h"

const char fuzz_name[] = "keyfile";

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t any = 0;
    for (size_t i = 0; i < n; i++)
        any |= p[i];
    return any == 0;
}

/* The public key a secret key of kind k must belong to. */
static void public_half(KeyKind k, const uint8_t *key, uint8_t pub[32])
{
    if (k == KEY_COUNCIL_BOX_SECRET) {
        crypto_scalarmult_base(pub, key);
    } else if (k == KEY_COUNCIL_SIGN_SECRET || k == KEY_KIOSK_SIGN_SECRET) {
        uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
        crypto_sign_seed_keypair(pk, sk, key); /* the seed is the first half */
        memcpy(pub, pk, 32);
        sodium_memzero(sk, sizeof sk);
    } else {
        memcpy(pub, key, 32);
    }
}

/* 1 if the fourth line of (data, size) is "key " and exactly the base64 the writer makes of
 * the key: a key file spells its key one way only. */
static int key_line_is(const uint8_t *data, size_t size, const uint8_t *key, size_t n)
{
    const uint8_t *p = data, *end = data + size;
    for (int line = 1; line < 4; line++) {
        const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return 0;
        p = nl + 1;
    }
    char b64[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, key, n, sodium_base64_VARIANT_ORIGINAL);
    size_t len = strlen(b64);
    return (size_t)(end - p) >= 4 + len && memcmp(p, "key ", 4) == 0 &&
           memcmp(p + 4, b64, len) == 0 && (p + 4 + len == end || p[4 + len] == '\n');
}

static void read_as(KeyKind k, const uint8_t *data, size_t size, char *text)
{
    uint8_t key[64], id[KEY_ID_LEN];
    char err[ERR_LEN] = "";
    memcpy(text, data, size); /* keyfile_parse splits lines in place: a fresh copy each time */
    text[size] = '\0';
    memset(key, 0xAA, sizeof key);
    if (keyfile_parse("fuzz.key", text, size, k, key, id, err) != 0) {
        FUZZ_ASSERT_MESSAGE(err, sizeof err);
        FUZZ_ASSERT(all_zero(key, keyfile_key_len(k)));
        return;
    }
    FUZZ_ASSERT(key_line_is(data, size, key, keyfile_key_len(k)));
    uint8_t pub[32], want[KEY_ID_LEN];
    public_half(k, key, pub);
    keyfile_key_id(pub, want);
    FUZZ_ASSERT(memcmp(id, want, KEY_ID_LEN) == 0);
    if (keyfile_key_len(k) == crypto_sign_SECRETKEYBYTES)
        FUZZ_ASSERT(memcmp(key + 32, pub, 32) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > KEYFILE_MAX) /* keyfile_read refuses larger files before parsing */
        return 0;
    fuzz_sodium();
    char *text = malloc(size + 1);
    FUZZ_ASSERT(text);
    for (int k = 0; k < KEY_KIND_COUNT; k++)
        read_as((KeyKind)k, data, size, text);
    free(text);
    return 0;
}
