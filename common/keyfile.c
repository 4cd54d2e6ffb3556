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
    /* room for the longest: a locked signing key, its nonce and its tag */
    char again[sodium_base64_ENCODED_LEN(24 + crypto_sign_SECRETKEYBYTES + 16,
                                         sodium_base64_VARIANT_ORIGINAL)];
    size_t len = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
    if (len > sizeof again)
        return 0;
    sodium_bin2base64(again, sizeof again, key, n, sodium_base64_VARIANT_ORIGINAL);
    int same = strlen(b64) == len - 1 && sodium_memcmp(again, b64, len - 1) == 0;
    sodium_memzero(again, sizeof again);
    return same;
}

/* The room a key file's text takes, plain or locked. */
#define KEYFILE_TEXT_CAP 1024

/* The text of a plain (version 1) key file of (kind, key) into text (KEYFILE_TEXT_CAP bytes of
 * locked memory: it holds the key); returns its length. */
static size_t plain_text(KeyKind kind, const uint8_t *key, char *text)
{
    uint8_t pub[32], id[KEY_ID_LEN];
    public_of(kind, key, pub);
    keyfile_key_id(pub, id);
    char idhex[2 * KEY_ID_LEN + 1];
    sodium_bin2hex(idhex, sizeof idhex, id, sizeof id);
    int n = snprintf(text, KEYFILE_TEXT_CAP, "chorus-key 1\nkind %s\nid %s\nkey ", kinds[kind].name,
                     idhex);
    sodium_bin2base64(text + n, KEYFILE_TEXT_CAP - (size_t)n, key, kinds[kind].len,
                      sodium_base64_VARIANT_ORIGINAL);
    size_t total = strlen(text);
    text[total++] = '\n';
    return total;
}

static int locked_text(KeyKind kind, const uint8_t *key, KeyPassphrase *p, const char *name,
                       char *text, size_t *len, char *err);

int keyfile_store(const char *path, KeyKind kind, const uint8_t *key, KeyPassphrase *lock,
                  KeyfileWrite how, char *err)
{
    if (lock && !kinds[kind].secret) {
        snprintf(err, ERR_LEN, "%s: a %s key is public and is never locked", path,
                 kinds[kind].name);
        return -1;
    }
    if (how == KEYFILE_NEW && file_exists(path)) {
        snprintf(err, ERR_LEN, "%s: already exists; refusing to replace a key", path);
        return -1;
    }
    char *text = sodium_malloc(KEYFILE_TEXT_CAP);
    size_t len = 0;
    if (!text) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        return -1;
    }
    int rc = -1;
    if (lock) {
        if (locked_text(kind, key, lock, path, text, &len, err) != 0)
            goto done;
    } else {
        len = plain_text(kind, key, text);
    }
    /* KEYFILE_NEW never replaces anything, even what appears at path while it is written (a
     * link planted in a shared folder): the rename itself refuses. */
    int mode = kinds[kind].secret ? 0600 : 0644;
    rc = how == KEYFILE_NEW ? file_write_new(path, text, len, mode, err)
                            : file_write_atomic(path, text, len, mode, err);
done:
    sodium_free(text);
    return rc;
}

int keyfile_write(const char *path, KeyKind kind, const uint8_t *key, char *err)
{
    return keyfile_store(path, kind, key, NULL, KEYFILE_NEW, err);
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

/* Checks that key (of kind expect, read from name) is the one its file's id line names, and,
 * for a signing key, that its two halves belong together (the key is on line key_line); copies
 * the id into id (may be NULL). Returns 0, or -1 with err. */
static int check_id(const char *name, KeyKind expect, const uint8_t *key,
                    const uint8_t want_id[KEY_ID_LEN], int key_line, uint8_t id[KEY_ID_LEN],
                    char *err)
{
    uint8_t pub[32], got_id[KEY_ID_LEN];
    public_of(expect, key, pub);
    keyfile_key_id(pub, got_id);
    if (sodium_memcmp(got_id, want_id, KEY_ID_LEN) != 0) {
        snprintf(err, ERR_LEN, "%s:3: the id does not match the key (damaged or edited file)",
                 name);
        return -1;
    }
    if (kinds[expect].len == crypto_sign_SECRETKEYBYTES &&
        sodium_memcmp(key + crypto_sign_SEEDBYTES, pub, 32) != 0) {
        snprintf(err, ERR_LEN, "%s:%d: the key's two halves do not belong together (damaged "
                               "or edited file)",
                 name, key_line);
        return -1;
    }
    if (id)
        memcpy(id, got_id, KEY_ID_LEN);
    return 0;
}

/* Reads the kind line l2 (line 2) of name: 0 if it names expect, else -1 with err. */
static int check_kind(const char *name, const char *l2, KeyKind expect, char *err)
{
    if (!l2 || strncmp(l2, "kind ", 5) != 0) {
        snprintf(err, ERR_LEN, "%s:2: missing 'kind' line", name);
        return -1;
    }
    if (strcmp(l2 + 5, kinds[expect].name) != 0) {
        snprintf(err, ERR_LEN, "%s:2: this is a %s key, but a %s key is needed", name, l2 + 5,
                 kinds[expect].name);
        return -1;
    }
    return 0;
}

/* Reads the id line l3 (line 3) of name into id. Returns 0, or -1 with err. */
static int read_id_line(const char *name, const char *l3, uint8_t id[KEY_ID_LEN], char *err)
{
    size_t idlen = 0;
    if (!l3 || strncmp(l3, "id ", 3) != 0 ||
        sodium_hex2bin(id, KEY_ID_LEN, l3 + 3, strlen(l3 + 3), NULL, &idlen, NULL) != 0 ||
        idlen != KEY_ID_LEN || strlen(l3 + 3) != 2 * KEY_ID_LEN) {
        snprintf(err, ERR_LEN, "%s:3: missing or malformed 'id' line", name);
        return -1;
    }
    return 0;
}

/* -1 with err unless everything from p to end is blank (spaces and newlines); line is the line
 * p starts on. */
static int only_blank_after(const char *name, const char *p, const char *end, int line,
                            char *err)
{
    for (; p < end; p++) {
        if (*p != '\n' && *p != '\r' && *p != ' ') {
            snprintf(err, ERR_LEN, "%s:%d: unexpected text after the key", name, line);
            return -1;
        }
    }
    return 0;
}

static int is_locked_text(const char *text, size_t len);
static int parse_locked(const char *name, char *text, size_t len, KeyKind expect,
                        KeyPassphrase *p, uint8_t *key, uint8_t id[KEY_ID_LEN], char *err);

int keyfile_parse(const char *name, char *text, size_t len, KeyKind expect, uint8_t *key,
                  uint8_t id[KEY_ID_LEN], char *err)
{
    /* A locked file is read as far as it can be without its passphrase, then refused. */
    if (is_locked_text(text, len))
        return parse_locked(name, text, len, expect, NULL, key, id, err);
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
    if (strcmp(l1 + 11, "2") == 0) {
        snprintf(err, ERR_LEN, "%s:1: key file version '2' is a secret key locked with a "
                               "passphrase, which this reader does not unlock", name);
        goto done;
    }
    if (strcmp(l1 + 11, "1") != 0) {
        snprintf(err, ERR_LEN, "%s:1: key file version '%s' is not supported (only 1 and 2)",
                 name, l1 + 11);
        goto done;
    }
    uint8_t want_id[KEY_ID_LEN];
    if (check_kind(name, l2, expect, err) != 0 || read_id_line(name, l3, want_id, err) != 0)
        goto done;
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
    if (only_blank_after(name, p, end, 5, err) != 0)
        goto done;
    rc = check_id(name, expect, key, want_id, 4, id, err);
done:
    if (rc != 0)
        sodium_memzero(key, kinds[expect].len);
    return rc;
}

/* -1 with err when the secret key file at path may be read or written by group or others, as
 * ssh refuses such a key: checked before it is read, so nothing secret is read from it. A
 * missing file is left to the reader to report. */
static int too_open(const char *path, char *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && (st.st_mode & 077)) {
        snprintf(err, ERR_LEN,
                 "%s: permissions %04o are too open for a secret key; run: chmod 600 %s", path,
                 (unsigned)(st.st_mode & 07777), path);
        return -1;
    }
    return 0;
}

int keyfile_read(const char *path, KeyKind expect, uint8_t *key, uint8_t id[KEY_ID_LEN], char *err)
{
    char *buf = NULL;
    size_t len = 0;
    int rc;
    if (kinds[expect].secret && too_open(path, err) != 0) {
        sodium_memzero(key, kinds[expect].len);
        return -1;
    }
    if (file_read_all(path, KEYFILE_MAX, &buf, &len, err) != 0)
        return -1;
    rc = keyfile_parse(path, buf, len, expect, key, id, err);
    sodium_memzero(buf, len);
    free(buf);
    return rc;
}

/* ---- secret keys locked with a passphrase (version 2) ---- */

#define SALT_LEN crypto_pwhash_SALTBYTES
#define LOCK_KEY_LEN crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_LEN crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_LEN crypto_aead_xchacha20poly1305_ietf_ABYTES
#define CHECK_LEN 8 /* bytes of BLAKE2b-256 on the check line */
/* The most a locked file may ask of Argon2id: libsodium's sensitive limits are 4 passes and
 * 1 GiB; far more is a damaged or hostile file that would hang or exhaust the machine. */
#define KDF_OPS_MAX 16
#define KDF_MEM_MAX ((size_t)4 << 30)
#define DERIVED_MAX 4 /* keys remembered by one KeyPassphrase (salts met in one command) */

static const struct {
    const char *name;
    unsigned long long ops;
    size_t mem;
} costs[] = {
    [KEYFILE_COST_INTERACTIVE] = {"interactive", crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_MEMLIMIT_INTERACTIVE},
    [KEYFILE_COST_MODERATE] = {"moderate", crypto_pwhash_OPSLIMIT_MODERATE,
                               crypto_pwhash_MEMLIMIT_MODERATE},
    [KEYFILE_COST_SENSITIVE] = {"sensitive", crypto_pwhash_OPSLIMIT_SENSITIVE,
                                crypto_pwhash_MEMLIMIT_SENSITIVE},
};

int keyfile_cost_parse(const char *name, KeyfileCost *cost)
{
    for (size_t i = 0; name && i < sizeof costs / sizeof *costs; i++) {
        if (strcmp(name, costs[i].name) == 0) {
            *cost = (KeyfileCost)i;
            return 0;
        }
    }
    return -1;
}

typedef struct {
    uint8_t salt[SALT_LEN];
    unsigned long long ops; /* 0: this slot holds nothing */
    size_t mem;
    uint8_t key[LOCK_KEY_LEN];
} Derived;

struct KeyPassphrase {
    char text[PASSPHRASE_MAX];
    size_t len;
    KeyfileCost cost;
    int nderived; /* derived[0], once made, locks new files */
    Derived derived[DERIVED_MAX];
};

KeyPassphrase *keyfile_passphrase_new(const char *text, size_t len, KeyfileCost cost, char *err)
{
    if (len == 0) {
        snprintf(err, ERR_LEN, "the passphrase is empty");
        return NULL;
    }
    if (len > PASSPHRASE_MAX) {
        snprintf(err, ERR_LEN, "the passphrase is longer than %d bytes", PASSPHRASE_MAX);
        return NULL;
    }
    KeyPassphrase *p = sodium_malloc(sizeof *p);
    if (!p) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    sodium_memzero(p, sizeof *p);
    memcpy(p->text, text, len);
    p->len = len;
    p->cost = cost;
    return p;
}

void keyfile_passphrase_free(KeyPassphrase *p) { sodium_free(p); /* wipes first; NULL is ok */ }

/* The key Argon2id makes of p with this salt and cost: made once, then remembered. Returns it,
 * or NULL with err (naming name) when Argon2id can't run (no memory for it). */
static const uint8_t *derive(KeyPassphrase *p, const uint8_t salt[SALT_LEN],
                             unsigned long long ops, size_t mem, const char *name, char *err)
{
    for (int i = 0; i < p->nderived; i++) {
        const Derived *d = &p->derived[i];
        if (d->ops == ops && d->mem == mem && memcmp(d->salt, salt, SALT_LEN) == 0)
            return d->key;
    }
    /* A full cache gives up its last slot, never the first (it locks new files). */
    int slot = p->nderived < DERIVED_MAX ? p->nderived : DERIVED_MAX - 1;
    Derived *d = &p->derived[slot];
    d->ops = 0;
    if (crypto_pwhash(d->key, sizeof d->key, p->text, p->len, salt, ops, mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        sodium_memzero(d, sizeof *d);
        if (slot < p->nderived)
            p->nderived = slot; /* the evicted slot was the last one */
        snprintf(err, ERR_LEN, "%s: Argon2id could not run (it needs %zu MiB of memory)", name,
                 mem >> 20);
        return NULL;
    }
    memcpy(d->salt, salt, SALT_LEN);
    d->ops = ops;
    d->mem = mem;
    if (slot == p->nderived)
        p->nderived++;
    return d->key;
}

/* The kdf line of a locked file (NUL-terminated, without its newline) into line (128 bytes). */
static void kdf_line(const uint8_t salt[SALT_LEN], unsigned long long ops, size_t mem,
                     char line[128])
{
    char salt64[sodium_base64_ENCODED_LEN(SALT_LEN, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(salt64, sizeof salt64, salt, SALT_LEN, sodium_base64_VARIANT_ORIGINAL);
    snprintf(line, 128, "kdf argon2id opslimit %llu memlimit %zu salt %s", ops, mem, salt64);
}

/* The check line's hex of the first n bytes of text into hex (2 * CHECK_LEN + 1). */
static void check_of(const char *text, size_t n, char hex[2 * CHECK_LEN + 1])
{
    uint8_t h[32];
    crypto_generichash(h, sizeof h, (const uint8_t *)text, n, NULL, 0);
    sodium_bin2hex(hex, 2 * CHECK_LEN + 1, h, CHECK_LEN);
}

/* The text of a locked key file of (kind, key) into text (KEYFILE_TEXT_CAP bytes) and its
 * length into *len: the salt and cost p already locks with, or a fresh salt at p's cost. */
static int locked_text(KeyKind kind, const uint8_t *key, KeyPassphrase *p, const char *name,
                       char *text, size_t *len, char *err)
{
    uint8_t salt[SALT_LEN];
    unsigned long long ops = costs[p->cost].ops;
    size_t mem = costs[p->cost].mem;
    if (p->nderived > 0) {
        memcpy(salt, p->derived[0].salt, SALT_LEN);
        ops = p->derived[0].ops;
        mem = p->derived[0].mem;
    } else {
        randombytes_buf(salt, sizeof salt);
    }
    const uint8_t *lock = derive(p, salt, ops, mem, name, err);
    if (!lock)
        return -1;
    uint8_t pub[32], id[KEY_ID_LEN];
    public_of(kind, key, pub);
    keyfile_key_id(pub, id);
    char idhex[2 * KEY_ID_LEN + 1], kdf[128];
    sodium_bin2hex(idhex, sizeof idhex, id, sizeof id);
    kdf_line(salt, ops, mem, kdf);
    int head = snprintf(text, KEYFILE_TEXT_CAP, "chorus-key 2\nkind %s\nid %s\n%s\n",
                        kinds[kind].name, idhex, kdf);
    uint8_t blob[NONCE_LEN + crypto_sign_SECRETKEYBYTES + TAG_LEN];
    unsigned long long clen = 0;
    randombytes_buf(blob, NONCE_LEN);
    crypto_aead_xchacha20poly1305_ietf_encrypt(blob + NONCE_LEN, &clen, key, kinds[kind].len,
                                               (const uint8_t *)text, (unsigned long long)head,
                                               NULL, blob, lock);
    size_t n = (size_t)head;
    memcpy(text + n, "key ", 4);
    n += 4;
    sodium_bin2base64(text + n, KEYFILE_TEXT_CAP - n, blob, NONCE_LEN + (size_t)clen,
                      sodium_base64_VARIANT_ORIGINAL);
    n += strlen(text + n);
    text[n++] = '\n';
    char check[2 * CHECK_LEN + 1];
    check_of(text, n, check);
    n += (size_t)snprintf(text + n, KEYFILE_TEXT_CAP - n, "check %s\n", check);
    *len = n;
    return 0;
}

/* keyfile_parse() of a locked (version 2) file's text: see keyfile.h for its lines. */
static int parse_locked(const char *name, char *text, size_t len, KeyKind expect,
                        KeyPassphrase *p, uint8_t *key, uint8_t id[KEY_ID_LEN], char *err)
{
    int rc = -1;
    size_t klen = kinds[expect].len;
    if (len > KEYFILE_MAX) {
        snprintf(err, ERR_LEN, "%s: larger than a key file (%d bytes)", name, KEYFILE_MAX);
        goto done;
    }
    /* The check and the cipher's additional data are over the bytes as written, before the
     * lines are split in place: where lines 4 and 5 end. */
    size_t ends[5], nends = 0;
    for (size_t i = 0; i < len && nends < 5; i++)
        if (text[i] == '\n')
            ends[nends++] = i;
    char head[KEYFILE_MAX], want_check[2 * CHECK_LEN + 1] = "";
    size_t head_len = nends >= 4 ? ends[3] + 1 : 0;
    if (nends == 5)
        check_of(text, ends[4] + 1, want_check);
    memcpy(head, text, head_len);
    if (memchr(text, '\0', len)) {
        snprintf(err, ERR_LEN, "%s: not a Chorus key file (binary data)", name);
        goto done;
    }
    char *at = text, *end = text + len;
    char *l1 = next_line(&at, end), *l2 = next_line(&at, end), *l3 = next_line(&at, end),
         *l4 = next_line(&at, end), *l5 = next_line(&at, end), *l6 = next_line(&at, end);
    (void)l1; /* "chorus-key 2": how the caller chose this reader */
    if (!kinds[expect].secret) {
        snprintf(err, ERR_LEN, "%s:1: a locked key file, but a %s key is public", name,
                 kinds[expect].name);
        goto done;
    }
    uint8_t want_id[KEY_ID_LEN];
    if (check_kind(name, l2, expect, err) != 0 || read_id_line(name, l3, want_id, err) != 0)
        goto done;
    /* kdf argon2id opslimit N memlimit N salt B64: read, then written again and compared, so
     * that only the writer's spelling passes (no spaces, signs or leading zeros). */
    unsigned long long ops = 0;
    size_t mem = 0, saltlen = 0;
    char salt64[64] = "", again[128];
    uint8_t salt[SALT_LEN];
    if (!l4 ||
        sscanf(l4, "kdf argon2id opslimit %llu memlimit %zu salt %63s", &ops, &mem, salt64) != 3 ||
        sodium_base642bin(salt, sizeof salt, salt64, strlen(salt64), NULL, &saltlen, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        saltlen != SALT_LEN || (kdf_line(salt, ops, mem, again), strcmp(again, l4) != 0)) {
        snprintf(err, ERR_LEN,
                 "%s:4: missing or malformed 'kdf' line (kdf argon2id opslimit N memlimit N salt "
                 "BASE64)",
                 name);
        goto done;
    }
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > KDF_OPS_MAX ||
        mem < crypto_pwhash_MEMLIMIT_MIN || mem > KDF_MEM_MAX) {
        snprintf(err, ERR_LEN,
                 "%s:4: Argon2id cost out of range (opslimit %llu to %d, memlimit %zu to %zu)",
                 name, (unsigned long long)crypto_pwhash_OPSLIMIT_MIN, KDF_OPS_MAX,
                 (size_t)crypto_pwhash_MEMLIMIT_MIN, KDF_MEM_MAX);
        goto done;
    }
    uint8_t blob[NONCE_LEN + crypto_sign_SECRETKEYBYTES + TAG_LEN];
    size_t blen = 0;
    const char *b64end = NULL;
    if (!l5 || strncmp(l5, "key ", 4) != 0 ||
        sodium_base642bin(blob, sizeof blob, l5 + 4, strlen(l5 + 4), NULL, &blen, &b64end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        blen != NONCE_LEN + klen + TAG_LEN || *b64end != '\0' ||
        !canonical_base64(l5 + 4, blob, blen)) {
        snprintf(err, ERR_LEN, "%s:5: missing key, or not a locked %zu-byte key in base64", name,
                 klen);
        goto done;
    }
    if (!l6 || strncmp(l6, "check ", 6) != 0 || strlen(l6 + 6) != 2 * CHECK_LEN) {
        snprintf(err, ERR_LEN, "%s:6: missing or malformed 'check' line", name);
        goto done;
    }
    if (only_blank_after(name, at, end, 7, err) != 0)
        goto done;
    if (strcmp(l6 + 6, want_check) != 0) {
        snprintf(err, ERR_LEN, "%s:6: the check does not match: the file is damaged", name);
        goto done;
    }
    if (!p) {
        snprintf(err, ERR_LEN, "%s: locked with a passphrase, and none was given", name);
        goto done;
    }
    const uint8_t *lock = derive(p, salt, ops, mem, name, err);
    if (!lock)
        goto done;
    unsigned long long got = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(key, &got, NULL, blob + NONCE_LEN,
                                                   blen - NONCE_LEN, (const uint8_t *)head,
                                                   head_len, blob, lock) != 0 ||
        got != klen) {
        snprintf(err, ERR_LEN, "%s: wrong passphrase", name);
        goto done;
    }
    rc = check_id(name, expect, key, want_id, 5, id, err);
done:
    if (rc != 0)
        sodium_memzero(key, klen);
    return rc;
}

/* 1 if the text starts as a locked key file does. */
static int is_locked_text(const char *text, size_t len)
{
    return len >= 13 && memcmp(text, "chorus-key 2\n", 13) == 0;
}

int keyfile_is_locked(const char *path, char *err)
{
    char *buf = NULL;
    size_t len = 0;
    if (too_open(path, err) != 0 || file_read_all(path, KEYFILE_MAX, &buf, &len, err) != 0)
        return -1;
    int locked = is_locked_text(buf, len);
    sodium_memzero(buf, len);
    free(buf);
    return locked;
}

int keyfile_unlock(const char *path, KeyKind expect, KeyPassphrase *p, uint8_t *key,
                   uint8_t id[KEY_ID_LEN], char *err)
{
    char *buf = NULL;
    size_t len = 0;
    if (kinds[expect].secret && too_open(path, err) != 0) {
        sodium_memzero(key, kinds[expect].len);
        return -1;
    }
    if (file_read_all(path, KEYFILE_MAX, &buf, &len, err) != 0) {
        sodium_memzero(key, kinds[expect].len);
        return -1;
    }
    int rc = is_locked_text(buf, len) ? parse_locked(path, buf, len, expect, p, key, id, err)
                                      : keyfile_parse(path, buf, len, expect, key, id, err);
    sodium_memzero(buf, len);
    free(buf);
    return rc;
}
