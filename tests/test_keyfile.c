/* test_keyfile.c: tests of key files (common/keyfile.c): a round trip for every kind of key,
 * the permissions they are written with, and every refusal of the reader: a missing file, the
 * wrong kind, another version, bad base64, a wrong length, an id that does not match, a secret
 * key others can read, text after the key, and a writer that will not replace a key. Then
 * secret keys locked with a passphrase: the round trip, the cost and salt written, a wrong
 * passphrase, every line damaged or changed, a cost out of range, and replacing a key.
 *
 * Everything happens in a fresh folder under /tmp, removed at the end. */
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "fileio.h"
#include "keyfile.h"
#include "test.h"

static char dir[64];
static char err[ERR_LEN];

/* A path in the test folder (one of four rotating buffers). */
static const char *path_of(const char *name)
{
    static char bufs[4][256];
    static int next;
    char *p = bufs[next++ % 4];
    snprintf(p, sizeof bufs[0], "%s/%s", dir, name);
    return p;
}

/* A fresh key of kind: a real key pair's matching half. key must hold 64 bytes. */
static void make_key(KeyKind kind, uint8_t *key)
{
    uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    switch (kind) {
    case KEY_COUNCIL_BOX_PUBLIC:
    case KEY_COUNCIL_BOX_SECRET:
        crypto_box_keypair(pk, sk);
        break;
    default:
        crypto_sign_keypair(pk, sk);
    }
    int secret = kind == KEY_COUNCIL_BOX_SECRET || kind == KEY_COUNCIL_SIGN_SECRET ||
                 kind == KEY_KIOSK_SIGN_SECRET;
    memcpy(key, secret ? sk : pk, keyfile_key_len(kind));
    sodium_memzero(sk, sizeof sk);
}

/* Reads the whole text of a file into buf (cap bytes, NUL-terminated). */
static void slurp(const char *path, char *buf, size_t cap)
{
    char *data = NULL;
    size_t len = 0;
    buf[0] = '\0';
    if (file_read_all(path, cap - 1, &data, &len, err) != 0) {
        fprintf(stderr, "%s\n", err);
        test_current_failed = 1;
        return;
    }
    memcpy(buf, data, len + 1);
    free(data);
}

/* Writes text to path (replacing it) with mode. */
static void spit(const char *path, const char *text, int mode)
{
    unlink(path);
    if (file_write_atomic(path, text, strlen(text), mode, err) != 0) {
        fprintf(stderr, "%s\n", err);
        test_current_failed = 1;
    }
}

/* Reads path as kind into a sodium_malloc'd buffer; returns keyfile_read's result. */
static int read_as(const char *path, KeyKind kind)
{
    uint8_t *key = sodium_malloc(keyfile_key_len(kind));
    if (!key)
        return -2;
    err[0] = '\0';
    int rc = keyfile_read(path, kind, key, NULL, err);
    sodium_free(key);
    return rc;
}

/* Checks that reading path as kind is refused with a message containing words. */
static void check_refused(const char *path, KeyKind kind, const char *words, int line)
{
    int rc = read_as(path, kind);
    if (rc != -1 || !strstr(err, words)) {
        fprintf(stderr, "%s:%d: want refusal with \"%s\", got %d \"%s\"\n", __FILE__, line, words,
                rc, err);
        test_current_failed = 1;
    }
}
#define CHECK_REFUSED(path, kind, words) check_refused(path, kind, words, __LINE__)

static void test_round_trip(void)
{
    for (int k = 0; k < KEY_KIND_COUNT; k++) {
        KeyKind kind = (KeyKind)k;
        size_t n = keyfile_key_len(kind);
        uint8_t key[64];
        make_key(kind, key);
        char name[64];
        snprintf(name, sizeof name, "%s.key", keyfile_kind_name(kind));
        const char *path = path_of(name);
        CHECK_INT(keyfile_write(path, kind, key, err), 0);

        uint8_t *back = sodium_malloc(n);
        uint8_t id[KEY_ID_LEN], want_id[KEY_ID_LEN];
        if (!back) {
            CHECK(0);
            return;
        }
        memset(id, 0, sizeof id);
        CHECK_INT(keyfile_read(path, kind, back, id, err), 0);
        CHECK(memcmp(back, key, n) == 0);
        /* The id is that of the public half, for secret keys too. */
        uint8_t pub[32];
        if (kind == KEY_COUNCIL_BOX_SECRET)
            crypto_scalarmult_base(pub, key);
        else if (n == crypto_sign_SECRETKEYBYTES)
            crypto_sign_ed25519_sk_to_pk(pub, key);
        else
            memcpy(pub, key, 32);
        keyfile_key_id(pub, want_id);
        CHECK(memcmp(id, want_id, KEY_ID_LEN) == 0);
        /* The id may be left out. */
        CHECK_INT(keyfile_read(path, kind, back, NULL, err), 0);
        sodium_free(back);

        /* The file is the documented text, with the documented permissions. */
        char text[KEYFILE_MAX], idhex[2 * KEY_ID_LEN + 1], expect[256];
        sodium_bin2hex(idhex, sizeof idhex, want_id, sizeof want_id);
        snprintf(expect, sizeof expect, "chorus-key 1\nkind %s\nid %s\nkey ",
                 keyfile_kind_name(kind), idhex);
        slurp(path, text, sizeof text);
        CHECK(strncmp(text, expect, strlen(expect)) == 0);
        CHECK(text[strlen(text) - 1] == '\n');
        struct stat st;
        CHECK_INT(stat(path, &st), 0);
        int secret = kind == KEY_COUNCIL_BOX_SECRET || kind == KEY_COUNCIL_SIGN_SECRET ||
                     kind == KEY_KIOSK_SIGN_SECRET;
        CHECK_INT(st.st_mode & 0777, secret ? 0600 : 0644);
    }
    CHECK_INT(keyfile_key_len(KEY_COUNCIL_BOX_PUBLIC), 32);
    CHECK_INT(keyfile_key_len(KEY_COUNCIL_SIGN_SECRET), 64);
    CHECK_STR(keyfile_kind_name(KEY_KIOSK_SIGN_PUBLIC), "kiosk-sign-public");
}

/* Writes a good council-box-public file at name and returns its text in text. */
static const char *good_public(const char *name, char *text, size_t cap)
{
    const char *path = path_of(name);
    uint8_t key[64];
    make_key(KEY_COUNCIL_BOX_PUBLIC, key);
    unlink(path);
    CHECK_INT(keyfile_write(path, KEY_COUNCIL_BOX_PUBLIC, key, err), 0);
    slurp(path, text, cap);
    CHECK_INT(read_as(path, KEY_COUNCIL_BOX_PUBLIC), 0);
    return path;
}

/* Replaces the first occurrence of from in text by to. */
static void edit(char *text, size_t cap, const char *from, const char *to)
{
    char *at = strstr(text, from);
    if (!at || strlen(text) - strlen(from) + strlen(to) >= cap) {
        fprintf(stderr, "cannot edit '%s'\n", from);
        test_current_failed = 1;
        return;
    }
    memmove(at + strlen(to), at + strlen(from), strlen(at + strlen(from)) + 1);
    memcpy(at, to, strlen(to));
}

static void test_missing(void)
{
    const char *path = path_of("no-such.key");
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "no-such.key");
    CHECK(strstr(err, "cannot open") != NULL);
}

static void test_wrong_kind(void)
{
    char text[KEYFILE_MAX];
    const char *path = good_public("kind.key", text, sizeof text);
    CHECK_REFUSED(path, KEY_KIOSK_SIGN_PUBLIC, "council-box-public");
    CHECK(strstr(err, "kiosk-sign-public") != NULL);
    CHECK(strstr(err, ":2:") != NULL);
    /* Same length, other kind: still refused. */
    CHECK_REFUSED(path, KEY_COUNCIL_SIGN_PUBLIC, "council-sign-public");
}

static void test_version(void)
{
    char text[KEYFILE_MAX];
    const char *path = good_public("version.key", text, sizeof text);
    edit(text, sizeof text, "chorus-key 1", "chorus-key 2");
    spit(path, text, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "a locked key file, but a council-box-public key");
    edit(text, sizeof text, "chorus-key 2", "chorus-key 10");
    spit(path, text, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "version");
    spit(path, "not a key file\n", 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "not a Chorus key file");
    spit(path, "", 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "not a Chorus key file");
}

static void test_bad_base64(void)
{
    char text[KEYFILE_MAX], bad[KEYFILE_MAX];
    const char *path = good_public("base64.key", text, sizeof text);
    char *key = strstr(text, "\nkey ") + 5;
    /* A character that base64 does not have, at the start, middle and end. */
    static const int where[] = {0, 20, 42};
    for (int i = 0; i < 3; i++) {
        memcpy(bad, text, sizeof bad);
        bad[(key - text) + where[i]] = '!';
        spit(path, bad, 0644);
        CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, ":4:");
    }
    /* The url-safe alphabet is another variant. */
    memcpy(bad, text, sizeof bad);
    bad[key - text] = '-';
    spit(path, bad, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, ":4:");
    /* No padding. */
    memcpy(bad, text, sizeof bad);
    edit(bad, sizeof bad, "=\n", "\n");
    spit(path, bad, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, ":4:");
    /* No key line at all. */
    memcpy(bad, text, sizeof bad);
    strstr(bad, "\nkey ")[1] = '\0';
    spit(path, bad, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, ":4:");
}

static void test_wrong_length(void)
{
    char text[KEYFILE_MAX], bad[KEYFILE_MAX], b64[128];
    const char *path = good_public("length.key", text, sizeof text);
    uint8_t raw[33];
    randombytes_buf(raw, sizeof raw);
    static const size_t lens[] = {0, 31, 33};
    for (int i = 0; i < 3; i++) {
        memcpy(bad, text, sizeof bad);
        char *key = strstr(bad, "\nkey ") + 5;
        sodium_bin2base64(b64, sizeof b64, raw, lens[i], sodium_base64_VARIANT_ORIGINAL);
        snprintf(key, sizeof bad - (size_t)(key - bad), "%s\n", b64);
        spit(path, bad, 0644);
        CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "32-byte");
    }
    /* A public key where a 64-byte signing secret is expected. */
    memcpy(bad, text, sizeof bad);
    edit(bad, sizeof bad, "council-box-public", "council-sign-secret");
    spit(path, bad, 0600);
    CHECK_REFUSED(path, KEY_COUNCIL_SIGN_SECRET, "64-byte");
}

static void test_id_mismatch(void)
{
    char text[KEYFILE_MAX];
    const char *path = good_public("id.key", text, sizeof text);
    char *id = strstr(text, "\nid ") + 4;
    for (int i = 0; i < 2 * KEY_ID_LEN; i += 5) {
        char saved = id[i];
        id[i] = saved == '0' ? '1' : '0'; /* one hex digit changed */
        spit(path, text, 0644);
        CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "id does not match");
        id[i] = saved;
    }
    /* Malformed ids: too short, too long, not hex. */
    char bad[KEYFILE_MAX];
    memcpy(bad, text, sizeof bad);
    edit(bad, sizeof bad, "\nkey", "0\nkey");
    spit(path, bad, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, ":3:");
    memcpy(bad, text, sizeof bad);
    edit(bad, sizeof bad, "\nkey", "00\nkey");
    spit(path, bad, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, ":3:");
    memcpy(bad, text, sizeof bad);
    bad[(strstr(bad, "\nid ") + 4 - bad) + 3] = 'g';
    spit(path, bad, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, ":3:");
    /* A key changed under its id (a damaged file). */
    memcpy(bad, text, sizeof bad);
    char *key = strstr(bad, "\nkey ") + 5;
    key[0] = key[0] == 'A' ? 'B' : 'A';
    spit(path, bad, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "id does not match");
    /* And the untouched text still reads. */
    spit(path, text, 0644);
    CHECK_INT(read_as(path, KEY_COUNCIL_BOX_PUBLIC), 0);
}

static void test_secret_permissions(void)
{
    const char *path = path_of("secret.key");
    uint8_t key[64];
    make_key(KEY_COUNCIL_BOX_SECRET, key);
    CHECK_INT(keyfile_write(path, KEY_COUNCIL_BOX_SECRET, key, err), 0);
    CHECK_INT(read_as(path, KEY_COUNCIL_BOX_SECRET), 0);
    static const int open_modes[] = {0644, 0640, 0604, 0660, 0606, 0620, 0602, 0610};
    for (int i = 0; i < 8; i++) {
        CHECK_INT(chmod(path, (mode_t)open_modes[i]), 0);
        CHECK_REFUSED(path, KEY_COUNCIL_BOX_SECRET, "are too open for a secret key");
    }
    /* ssh's words: the file, its mode and the command that fixes it. */
    char want[512];
    CHECK_INT(chmod(path, 0644), 0);
    snprintf(want, sizeof want,
             "%s: permissions 0644 are too open for a secret key; run: chmod 600 %s", path, path);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_SECRET, want);
    CHECK_INT(chmod(path, 0400), 0);
    CHECK_INT(read_as(path, KEY_COUNCIL_BOX_SECRET), 0);
    CHECK_INT(chmod(path, 0600), 0);
    CHECK_INT(read_as(path, KEY_COUNCIL_BOX_SECRET), 0);
    /* A public key may be read by anyone. */
    char text[KEYFILE_MAX];
    const char *pub = good_public("public.key", text, sizeof text);
    CHECK_INT(chmod(pub, 0644), 0);
    CHECK_INT(read_as(pub, KEY_COUNCIL_BOX_PUBLIC), 0);
}

static void test_extra_text(void)
{
    char text[KEYFILE_MAX], bad[KEYFILE_MAX];
    const char *path = good_public("extra.key", text, sizeof text);
    static const char *const tails[] = {"more\n", "x", "\n\nkey AAAA\n", "# comment\n"};
    for (int i = 0; i < 4; i++) {
        snprintf(bad, sizeof bad, "%s%s", text, tails[i]);
        spit(path, bad, 0644);
        CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "after the key");
    }
    /* Text after the key on its own line. */
    memcpy(bad, text, sizeof bad);
    edit(bad, sizeof bad, "=\n", "= trailing\n");
    spit(path, bad, 0644);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, ":4:");
    /* Blank lines after the key are harmless. */
    snprintf(bad, sizeof bad, "%s\n\n", text);
    spit(path, bad, 0644);
    CHECK_INT(read_as(path, KEY_COUNCIL_BOX_PUBLIC), 0);
    /* A NUL byte makes it binary. */
    memcpy(bad, text, sizeof bad);
    size_t n = strlen(bad);
    bad[n - 1] = '\0';
    unlink(path);
    CHECK_INT(file_write_atomic(path, bad, n, 0644, err), 0);
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "binary");
}

static void test_no_overwrite(void)
{
    char text[KEYFILE_MAX], after[KEYFILE_MAX];
    const char *path = good_public("keep.key", text, sizeof text);
    uint8_t other[64];
    make_key(KEY_COUNCIL_BOX_PUBLIC, other);
    CHECK_INT(keyfile_write(path, KEY_COUNCIL_BOX_PUBLIC, other, err), -1);
    CHECK(strstr(err, "already exists") != NULL);
    slurp(path, after, sizeof after);
    CHECK_STR(after, text);
    /* Nor any other file that happens to be there. */
    const char *plain = path_of("plain.txt");
    spit(plain, "hello\n", 0644);
    CHECK_INT(keyfile_write(plain, KEY_COUNCIL_BOX_PUBLIC, other, err), -1);
    slurp(plain, after, sizeof after);
    CHECK_STR(after, "hello\n");
}

/* ---- secret keys locked with a passphrase ---- */

static KeyPassphrase *pass_of(const char *text)
{
    KeyPassphrase *p = keyfile_passphrase_new(text, strlen(text), KEYFILE_COST_INTERACTIVE, err);
    CHECK(p != NULL);
    return p;
}

/* Unlocks path as kind with p (may be NULL) into out (64 bytes; may be NULL); returns
 * keyfile_unlock's result, err set. */
static int unlock_as(const char *path, KeyKind kind, KeyPassphrase *p, uint8_t *out)
{
    uint8_t *key = sodium_malloc(64);
    if (!key)
        return -2;
    memset(key, 0xAA, 64);
    err[0] = '\0';
    int rc = keyfile_unlock(path, kind, p, key, NULL, err);
    if (out)
        memcpy(out, key, keyfile_key_len(kind));
    sodium_free(key);
    return rc;
}

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t any = 0;
    for (size_t i = 0; i < n; i++)
        any |= p[i];
    return any == 0;
}

/* Checks that unlocking path as kind with p is refused with words in the message, leaving no
 * key bytes behind. */
static void check_locked_refused(const char *path, KeyKind kind, KeyPassphrase *p,
                                 const char *words, int line)
{
    uint8_t key[64];
    int rc = unlock_as(path, kind, p, key);
    if (rc != -1 || !strstr(err, words) || !all_zero(key, keyfile_key_len(kind))) {
        fprintf(stderr, "%s:%d: want refusal with \"%s\", got %d \"%s\"\n", __FILE__, line,
                words, rc, err);
        test_current_failed = 1;
    }
}
#define CHECK_LOCKED_REFUSED(path, kind, p, words) \
    check_locked_refused(path, kind, p, words, __LINE__)

/* Sets the check line of a locked file's text to the one its first five lines make, as only
 * someone forging the file would: the test of what the cipher alone catches. */
static void recheck(char *text)
{
    char *at = text;
    for (int i = 0; i < 5 && at; i++) {
        at = strchr(at, '\n');
        at = at ? at + 1 : NULL;
    }
    if (!at || strncmp(at, "check ", 6) != 0) {
        test_current_failed = 1;
        return;
    }
    uint8_t h[32];
    char hex[17];
    crypto_generichash(h, sizeof h, (const uint8_t *)text, (size_t)(at - text), NULL, 0);
    sodium_bin2hex(hex, sizeof hex, h, 8);
    memcpy(at + 6, hex, 16);
}

static void test_locked_round_trip(void)
{
    static const KeyKind secret[] = {KEY_COUNCIL_BOX_SECRET, KEY_COUNCIL_SIGN_SECRET,
                                     KEY_KIOSK_SIGN_SECRET};
    KeyPassphrase *p = pass_of("correct horse battery staple");
    char first_kdf[256] = "";
    for (int k = 0; k < 3 && p; k++) {
        KeyKind kind = secret[k];
        size_t n = keyfile_key_len(kind);
        uint8_t key[64], back[64], id[KEY_ID_LEN], want_id[KEY_ID_LEN], pub[32];
        char name[64];
        make_key(kind, key);
        snprintf(name, sizeof name, "locked-%s.key", keyfile_kind_name(kind));
        const char *path = path_of(name);
        CHECK_INT(keyfile_store(path, kind, key, p, KEYFILE_NEW, err), 0);
        struct stat st;
        CHECK_INT(stat(path, &st), 0);
        CHECK_INT(st.st_mode & 0777, 0600);
        /* The documented lines: the cost recorded (interactive here), no key in the clear. */
        char text[KEYFILE_MAX], expect[256], idhex[2 * KEY_ID_LEN + 1], b64[128];
        if (kind == KEY_COUNCIL_BOX_SECRET)
            crypto_scalarmult_base(pub, key);
        else
            crypto_sign_ed25519_sk_to_pk(pub, key);
        keyfile_key_id(pub, want_id);
        sodium_bin2hex(idhex, sizeof idhex, want_id, sizeof want_id);
        snprintf(expect, sizeof expect,
                 "chorus-key 2\nkind %s\nid %s\nkdf argon2id opslimit %llu memlimit %zu salt ",
                 keyfile_kind_name(kind), idhex,
                 (unsigned long long)crypto_pwhash_OPSLIMIT_INTERACTIVE,
                 (size_t)crypto_pwhash_MEMLIMIT_INTERACTIVE);
        slurp(path, text, sizeof text);
        CHECK(strncmp(text, expect, strlen(expect)) == 0);
        CHECK(strstr(text, "\nkey ") != NULL && strstr(text, "\ncheck ") != NULL);
        sodium_bin2base64(b64, sizeof b64, key, n, sodium_base64_VARIANT_ORIGINAL);
        CHECK(strstr(text, b64) == NULL);
        sodium_bin2base64(b64, sizeof b64, key, 16, sodium_base64_VARIANT_ORIGINAL);
        CHECK(strstr(text, b64) == NULL);
        /* Files one passphrase locks share its salt and cost (one Argon2id a command). */
        char *kdf = strstr(text, "\nkdf "), *kdf_end = kdf ? strchr(kdf + 1, '\n') : NULL;
        if (kdf && kdf_end) {
            *kdf_end = '\0';
            if (k == 0)
                snprintf(first_kdf, sizeof first_kdf, "%s", kdf);
            else
                CHECK_STR(kdf, first_kdf);
        }
        /* Back again, with the same passphrase object and with a fresh one. */
        uint8_t *locked_back = sodium_malloc(64);
        CHECK_INT(keyfile_unlock(path, kind, p, locked_back, id, err), 0);
        CHECK(memcmp(locked_back, key, n) == 0);
        CHECK(memcmp(id, want_id, KEY_ID_LEN) == 0);
        sodium_free(locked_back);
        KeyPassphrase *again = pass_of("correct horse battery staple");
        CHECK_INT(unlock_as(path, kind, again, back), 0);
        CHECK(memcmp(back, key, n) == 0);
        keyfile_passphrase_free(again);
        CHECK_INT(keyfile_is_locked(path, err), 1);
        /* The plain reader never unlocks; no passphrase, no key. */
        CHECK_REFUSED(path, kind, "locked with a passphrase");
        CHECK_LOCKED_REFUSED(path, kind, NULL, "locked with a passphrase, and none was given");
        /* A plain secret key still reads through keyfile_unlock, without a passphrase. */
        snprintf(name, sizeof name, "plain-%s.key", keyfile_kind_name(kind));
        const char *plain = path_of(name);
        CHECK_INT(keyfile_write(plain, kind, key, err), 0);
        CHECK_INT(keyfile_is_locked(plain, err), 0);
        CHECK_INT(unlock_as(plain, kind, NULL, back), 0);
        CHECK(memcmp(back, key, n) == 0);
    }
    /* A public key is never locked. */
    uint8_t pk[64];
    make_key(KEY_COUNCIL_BOX_PUBLIC, pk);
    CHECK_INT(keyfile_store(path_of("locked-public.key"), KEY_COUNCIL_BOX_PUBLIC, pk, p,
                            KEYFILE_NEW, err),
              -1);
    CHECK(!file_exists(path_of("locked-public.key")));
    keyfile_passphrase_free(p);
}

static void test_locked_wrong_passphrase(void)
{
    const char *path = path_of("wrong.key");
    uint8_t key[64];
    make_key(KEY_COUNCIL_SIGN_SECRET, key);
    KeyPassphrase *right = pass_of("the right one"), *wrong = pass_of("the right onE");
    CHECK_INT(keyfile_store(path, KEY_COUNCIL_SIGN_SECRET, key, right, KEYFILE_NEW, err), 0);
    char want[512];
    snprintf(want, sizeof want, "%s: wrong passphrase", path);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_SIGN_SECRET, wrong, want);
    CHECK_STR(err, want);
    CHECK_INT(unlock_as(path, KEY_COUNCIL_SIGN_SECRET, right, NULL), 0);
    keyfile_passphrase_free(right);
    keyfile_passphrase_free(wrong);
}

static void test_locked_damage(void)
{
    const char *path = path_of("damage.key");
    uint8_t key[64];
    make_key(KEY_COUNCIL_BOX_SECRET, key);
    KeyPassphrase *p = pass_of("passphrase");
    CHECK_INT(keyfile_store(path, KEY_COUNCIL_BOX_SECRET, key, p, KEYFILE_NEW, err), 0);
    char text[KEYFILE_MAX], bad[KEYFILE_MAX];
    slurp(path, text, sizeof text);
    size_t len = strlen(text);
    /* Bytes all over the file changed, one at a time (every 7th: each line several times):
     * refused, and no key left behind. Most are caught by the line they break or by the check,
     * before any Argon2id. */
    int refused = 0;
    for (size_t i = 0; i < len; i += 7) {
        memcpy(bad, text, len + 1);
        bad[i] = bad[i] == 'A' ? 'B' : bad[i] == '\n' ? ' ' : 'A';
        spit(path, bad, 0600);
        uint8_t back[64];
        refused += unlock_as(path, KEY_COUNCIL_BOX_SECRET, p, back) == -1 &&
                   all_zero(back, 32);
    }
    CHECK_INT(refused, (len + 6) / 7);
    /* A changed character of the ciphertext: the check tells damage from a wrong passphrase. */
    memcpy(bad, text, len + 1);
    char *k = strstr(bad, "\nkey ") + 10;
    *k = *k == 'A' ? 'B' : 'A';
    spit(path, bad, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, "check does not match: the file is "
                                                          "damaged");
    /* Forged with a new check: the cipher catches a change to any line it covers. */
    recheck(bad);
    spit(path, bad, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, "wrong passphrase");
    memcpy(bad, text, len + 1);
    char *id = strstr(bad, "\nid ") + 4;
    *id = *id == '0' ? '1' : '0';
    recheck(bad);
    spit(path, bad, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, "wrong passphrase");
    /* Lines missing, out of order, or more after the check. */
    memcpy(bad, text, len + 1);
    *strstr(bad, "\ncheck ") = '\0';
    spit(path, bad, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, ":6:");
    snprintf(bad, sizeof bad, "%smore\n", text);
    spit(path, bad, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, ":7: unexpected text");
    memcpy(bad, text, len + 1);
    edit(bad, sizeof bad, "kdf argon2id", "kdf argon2i");
    spit(path, bad, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, ":4: missing or malformed 'kdf'");
    memcpy(bad, text, len + 1);
    edit(bad, sizeof bad, "opslimit 2 ", "opslimit 02 ");
    spit(path, bad, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, ":4:");
    /* A cost no one chose: refused before Argon2id runs, even with a good check. */
    memcpy(bad, text, len + 1);
    edit(bad, sizeof bad, "opslimit 2 ", "opslimit 4000000 ");
    recheck(bad);
    spit(path, bad, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, "cost out of range");
    memcpy(bad, text, len + 1);
    edit(bad, sizeof bad, "memlimit 67108864 ", "memlimit 1099511627776 ");
    recheck(bad);
    spit(path, bad, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, "cost out of range");
    /* The other kind of secret key, and the untouched text still opens. */
    spit(path, text, 0600);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_SIGN_SECRET, p, ":2: this is a council-box-secret");
    CHECK_INT(unlock_as(path, KEY_COUNCIL_BOX_SECRET, p, NULL), 0);
    /* Too open: refused before it is read, and before any passphrase is asked for. */
    CHECK_INT(chmod(path, 0640), 0);
    CHECK_LOCKED_REFUSED(path, KEY_COUNCIL_BOX_SECRET, p, "permissions 0640 are too open");
    CHECK_INT(keyfile_is_locked(path, err), -1);
    CHECK(strstr(err, "chmod 600") != NULL);
    keyfile_passphrase_free(p);
}

static void test_locked_replace(void)
{
    const char *path = path_of("rotate.key");
    uint8_t a[64], b[64], back[64];
    make_key(KEY_COUNCIL_BOX_SECRET, a);
    make_key(KEY_COUNCIL_BOX_SECRET, b);
    KeyPassphrase *p = pass_of("passphrase");
    CHECK_INT(keyfile_store(path, KEY_COUNCIL_BOX_SECRET, a, p, KEYFILE_NEW, err), 0);
    CHECK_INT(keyfile_store(path, KEY_COUNCIL_BOX_SECRET, b, p, KEYFILE_NEW, err), -1);
    CHECK(strstr(err, "already exists") != NULL);
    CHECK_INT(unlock_as(path, KEY_COUNCIL_BOX_SECRET, p, back), 0);
    CHECK(memcmp(back, a, 32) == 0);
    CHECK_INT(keyfile_store(path, KEY_COUNCIL_BOX_SECRET, b, p, KEYFILE_REPLACE, err), 0);
    CHECK_INT(unlock_as(path, KEY_COUNCIL_BOX_SECRET, p, back), 0);
    CHECK(memcmp(back, b, 32) == 0);
    /* And a plain public key replaced (a kiosk's new sealing key). */
    const char *pub = path_of("rotate.pub");
    CHECK_INT(keyfile_store(pub, KEY_COUNCIL_BOX_PUBLIC, a, NULL, KEYFILE_NEW, err), 0);
    CHECK_INT(keyfile_store(pub, KEY_COUNCIL_BOX_PUBLIC, b, NULL, KEYFILE_REPLACE, err), 0);
    CHECK_INT(keyfile_read(pub, KEY_COUNCIL_BOX_PUBLIC, back, NULL, err), 0);
    CHECK(memcmp(back, b, 32) == 0);
    keyfile_passphrase_free(p);
}

static void test_passphrase_limits(void)
{
    char *big = malloc(PASSPHRASE_MAX + 1);
    if (!big) {
        CHECK(0);
        return;
    }
    memset(big, 'x', PASSPHRASE_MAX + 1);
    KeyPassphrase *p = keyfile_passphrase_new(big, PASSPHRASE_MAX, KEYFILE_COST_MODERATE, err);
    CHECK(p != NULL);
    keyfile_passphrase_free(p);
    CHECK(keyfile_passphrase_new(big, PASSPHRASE_MAX + 1, KEYFILE_COST_MODERATE, err) == NULL);
    CHECK(strstr(err, "longer than") != NULL);
    CHECK(keyfile_passphrase_new(big, 0, KEYFILE_COST_MODERATE, err) == NULL);
    CHECK(strstr(err, "empty") != NULL);
    keyfile_passphrase_free(NULL);
    free(big);
    KeyfileCost c = KEYFILE_COST_SENSITIVE;
    CHECK_INT(keyfile_cost_parse("interactive", &c), 0);
    CHECK_INT(c, KEYFILE_COST_INTERACTIVE);
    CHECK_INT(keyfile_cost_parse("moderate", &c), 0);
    CHECK_INT(c, KEYFILE_COST_MODERATE);
    CHECK_INT(keyfile_cost_parse("sensitive", &c), 0);
    CHECK_INT(c, KEYFILE_COST_SENSITIVE);
    CHECK_INT(keyfile_cost_parse("Moderate", &c), -1);
    CHECK_INT(keyfile_cost_parse(NULL, &c), -1);
}

/* Removes the test folder and the files in it. */
static void remove_dir(void)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlink(path_of(e->d_name));
    closedir(d);
    rmdir(dir);
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    snprintf(dir, sizeof dir, "/tmp/chorus-keyfile.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_round_trip);
    RUN(test_missing);
    RUN(test_wrong_kind);
    RUN(test_version);
    RUN(test_bad_base64);
    RUN(test_wrong_length);
    RUN(test_id_mismatch);
    RUN(test_secret_permissions);
    RUN(test_extra_text);
    RUN(test_no_overwrite);
    RUN(test_locked_round_trip);
    RUN(test_locked_wrong_passphrase);
    RUN(test_locked_damage);
    RUN(test_locked_replace);
    RUN(test_passphrase_limits);
    remove_dir();
    return TEST_SUMMARY("keyfile");
}
