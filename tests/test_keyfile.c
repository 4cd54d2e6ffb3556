/* test_keyfile.c: tests of key files (common/keyfile.c): a round trip for every kind of key,
 * the permissions they are written with, and every refusal of the reader: a missing file, the
 * wrong kind, another version, bad base64, a wrong length, an id that does not match, a secret
 * key others can read, text after the key, and a writer that will not replace a key.
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
    CHECK_REFUSED(path, KEY_COUNCIL_BOX_PUBLIC, "version '2'");
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
    static const int open_modes[] = {0644, 0640, 0604, 0660, 0606};
    for (int i = 0; i < 5; i++) {
        CHECK_INT(chmod(path, (mode_t)open_modes[i]), 0);
        CHECK_REFUSED(path, KEY_COUNCIL_BOX_SECRET, "read by others");
    }
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
    remove_dir();
    return TEST_SUMMARY("keyfile");
}
