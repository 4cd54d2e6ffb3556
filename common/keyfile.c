/* keyfile.c: reading and writing key files. See keyfile.h for the format. */
#include "keyfile.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "chorus_limits.h"

static const struct {
    const char *name;
    size_t len;
    int secret;
} kinds[KEY_KIND_COUNT] = {
    [KEY_COUNCIL_BOX_PUBLIC] = {"council-box-public", crypto_box_PUBLICKEYBYTES, 0},
    [KEY_COUNCIL_BOX_SECRET] = {"council-box-secret", crypto_box_SECRETKEYBYTES, 1},
    [KEY_COUNCIL_SIGN_PUBLIC] = {"council-sign-public", crypto_sign_PUBLICKEYBYTES, 0},
    [KEY_COUNCIL_SIGN_SECRET] = {"council-sign-secret", crypto_sign_SECRETKEYBYTES, 1},
    [KEY_KIOSK_SIGN_PUBLIC] = {"kiosk-sign-public", crypto_sign_PUBLICKEYBYTES, 0},
    [KEY_KIOSK_SIGN_SECRET] = {"kiosk-sign-secret", crypto_sign_SECRETKEYBYTES, 1},
};

size_t keyfile_key_len(KeyKind kind) { return kinds[kind].len; }
const char *keyfile_kind_name(KeyKind kind) { return kinds[kind].name; }

void keyfile_key_id(const uint8_t *public_key, uint8_t id[KEY_ID_LEN])
{
    uint8_t h[32];
    crypto_generichash(h, sizeof h, public_key, 32, NULL, 0);
    memcpy(id, h, KEY_ID_LEN);
}

/* The public half of a key, for its id. An Ed25519 secret key is its seed followed by its public
 * key; the public key is made again from the seed rather than copied from the second half, so
 * that damage to the seed changes the id (and is caught), and the reader can check the second
 * half against it. */
static void public_of(KeyKind kind, const uint8_t *key, uint8_t pub[32])
{
    switch (kind) {
    case KEY_COUNCIL_BOX_SECRET:
        crypto_scalarmult_base(pub, key);
        break;
    case KEY_COUNCIL_SIGN_SECRET:
    case KEY_KIOSK_SIGN_SECRET: {
        uint8_t sk[crypto_sign_SECRETKEYBYTES];
        crypto_sign_seed_keypair(pub, sk, key);
        sodium_memzero(sk, sizeof sk);
        break;
    }
    default:
        memcpy(pub, key, 32);
    }
}

/* 1 if b64 (NUL-terminated) is exactly how the writer spells the n-byte key in base64. The
 * decoder alone is not enough: libsodium 1.0.18 decodes some bytes outside the alphabet (0xFF
 * reads as '/'), and a final character may differ in bits the key does not use. */
static int canonical_base64(const char *b64, const uint8_t *key, size_t n)
{
    char again[sodium_base64_ENCODED_LEN(crypto_sign_SECRETKEYBYTES,
                                         sodium_base64_VARIANT_ORIGINAL)];
    size_t len = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
    if (len > sizeof again)
        return 0;
    sodium_bin2base64(again, sizeof again, key, n, sodium_base64_VARIANT_ORIGINAL);
    int same = strlen(b64) == len - 1 && sodium_memcmp(again, b64, len - 1) == 0;
    sodium_memzero(again, sizeof again);
    return same;
}

int keyfile_write(const char *path, KeyKind kind, const uint8_t *key, char *err)
{
    if (file_exists(path)) {
        snprintf(err, ERR_LEN, "%s: already exists; refusing to replace a key", path);
        return -1;
    }
    uint8_t pub[32], id[KEY_ID_LEN];
    public_of(kind, key, pub);
    keyfile_key_id(pub, id);
    char idhex[2 * KEY_ID_LEN + 1];
    sodium_bin2hex(idhex, sizeof idhex, id, sizeof id);
    size_t b64len = sodium_base64_encoded_len(kinds[kind].len, sodium_base64_VARIANT_ORIGINAL);
    char *text = sodium_malloc(b64len + 256);
    if (!text) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        return -1;
    }
    int n = snprintf(text, 256, "chorus-key 1\nkind %s\nid %s\nkey ", kinds[kind].name, idhex);
    sodium_bin2base64(text + n, b64len, key, kinds[kind].len, sodium_base64_VARIANT_ORIGINAL);
    size_t total = strlen(text);
    text[total++] = '\n';
    /* Never replaces anything, even what appears at path while it is written (a link planted
     * in a shared folder): the rename refuses. */
    int rc = file_write_new(path, text, total, kinds[kind].secret ? 0600 : 0644, err);
    sodium_free(text);
    return rc;
}

/* Splits the next line off *p (up to end); returns it NUL-terminated in place, or NULL. */
static char *next_line(char **p, char *end)
{
    if (*p >= end)
        return NULL;
    char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = end;
    }
    return s;
}

int keyfile_parse(const char *name, char *text, size_t len, KeyKind expect, uint8_t *key,
                  uint8_t id[KEY_ID_LEN], char *err)
{
    int rc = -1;
    if (memchr(text, '\0', len)) {
        snprintf(err, ERR_LEN, "%s: not a Chorus key file (binary data)", name);
        goto done;
    }
    char *p = text, *end = text + len;
    char *l1 = next_line(&p, end), *l2 = next_line(&p, end), *l3 = next_line(&p, end),
         *l4 = next_line(&p, end);
    if (!l1 || strncmp(l1, "chorus-key ", 11) != 0) {
        snprintf(err, ERR_LEN, "%s:1: not a Chorus key file (it must start 'chorus-key 1')", name);
        goto done;
    }
    if (strcmp(l1 + 11, "1") != 0) {
        snprintf(err, ERR_LEN, "%s:1: key file version '%s' is not supported (only 1)", name,
                 l1 + 11);
        goto done;
    }
    if (!l2 || strncmp(l2, "kind ", 5) != 0) {
        snprintf(err, ERR_LEN, "%s:2: missing 'kind' line", name);
        goto done;
    }
    if (strcmp(l2 + 5, kinds[expect].name) != 0) {
        snprintf(err, ERR_LEN, "%s:2: this is a %s key, but a %s key is needed", name, l2 + 5,
                 kinds[expect].name);
        goto done;
    }
    uint8_t want_id[KEY_ID_LEN];
    size_t idlen = 0;
    if (!l3 || strncmp(l3, "id ", 3) != 0 ||
        sodium_hex2bin(want_id, sizeof want_id, l3 + 3, strlen(l3 + 3), NULL, &idlen, NULL) != 0 ||
        idlen != KEY_ID_LEN || strlen(l3 + 3) != 2 * KEY_ID_LEN) {
        snprintf(err, ERR_LEN, "%s:3: missing or malformed 'id' line", name);
        goto done;
    }
    size_t keylen = 0;
    const char *b64end = NULL;
    if (!l4 || strncmp(l4, "key ", 4) != 0 ||
        sodium_base642bin(key, kinds[expect].len, l4 + 4, strlen(l4 + 4), NULL, &keylen, &b64end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        keylen != kinds[expect].len || *b64end != '\0' ||
        !canonical_base64(l4 + 4, key, keylen)) {
        snprintf(err, ERR_LEN, "%s:4: missing key, or not a %zu-byte key in base64", name,
                 kinds[expect].len);
        goto done;
    }
    for (char *rest = p; rest < end; rest++) {
        if (*rest != '\n' && *rest != '\r' && *rest != ' ') {
            snprintf(err, ERR_LEN, "%s:5: unexpected text after the key", name);
            goto done;
        }
    }
    uint8_t pub[32], got_id[KEY_ID_LEN];
    public_of(expect, key, pub);
    keyfile_key_id(pub, got_id);
    if (sodium_memcmp(got_id, want_id, KEY_ID_LEN) != 0) {
        snprintf(err, ERR_LEN, "%s:3: the id does not match the key (damaged or edited file)",
                 name);
        goto done;
    }
    if (kinds[expect].len == crypto_sign_SECRETKEYBYTES &&
        sodium_memcmp(key + crypto_sign_SEEDBYTES, pub, 32) != 0) {
        snprintf(err, ERR_LEN, "%s:4: the key's two halves do not belong together (damaged "
                               "or edited file)",
                 name);
        goto done;
    }
    if (id)
        memcpy(id, got_id, KEY_ID_LEN);
    rc = 0;
done:
    if (rc != 0)
        sodium_memzero(key, kinds[expect].len);
    return rc;
}

int keyfile_read(const char *path, KeyKind expect, uint8_t *key, uint8_t id[KEY_ID_LEN], char *err)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = -1;
    if (file_read_all(path, KEYFILE_MAX, &buf, &len, err) != 0)
        return -1;
    if (kinds[expect].secret) {
        struct stat st;
        if (stat(path, &st) == 0 && (st.st_mode & 077)) {
            snprintf(err, ERR_LEN, "%s: secret key file can be read by others (chmod 600 it)",
                     path);
            sodium_memzero(key, kinds[expect].len);
            goto done;
        }
    }
    rc = keyfile_parse(path, buf, len, expect, key, id, err);
done:
    sodium_memzero(buf, len);
    free(buf);
    return rc;
}
