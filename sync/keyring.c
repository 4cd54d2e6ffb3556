/* keyring.c: the council's keys folder, unlocked once a command; rotation of the sealing key.
 * See keyring.h. Start reading at keyring_open(). */
#include "keyring.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "fileio.h"

#define PATH_CAP 4096
#define BOX_MAX (1 + COUNCIL_RETIRED_MAX) /* the current sealing key and the retired ones */

struct Keyring {
    char dir[PATH_CAP];
    const PassphraseSource *src; /* while opening: where a passphrase comes from */
    KeyPassphrase *pass;         /* once a locked key was met */
    int plain;                   /* a plain secret key was read */
    uint8_t *secrets;            /* sodium_malloc: the signing key (64), then sealing keys (32) */
    int has_sign, has_box;
    uint8_t box_pk[crypto_box_PUBLICKEYBYTES]; /* council-box.pub */
    int nbox;
    SealKey box[BOX_MAX];
    int current_locked;  /* council-box.key is locked (a rotated key is written alike) */
    int pub_at;          /* the index in box of council-box.pub's key */
    int last_retired;    /* the highest N of council-box.key.N, 0 when none */
    int nretired;        /* files council-box.key.N */
    int current_retired; /* council-box.key.<last_retired> is the current key (a rotation that
                          * stopped after its first step) */
};

int keyring_retired_path(const char *dir, int n, char *path, size_t cap)
{
    int len = snprintf(path, cap, "%s/" COUNCIL_BOX_RETIRED_FILE, dir, n);
    return len > 0 && (size_t)len < cap ? 0 : -1;
}

/* The numbers N of the files council-box.key.N in dir, newest (highest) first, into no (at most
 * COUNCIL_RETIRED_MAX). Returns how many, or -1 with err. */
static int list_retired(const char *dir, int no[COUNCIL_RETIRED_MAX], char *err)
{
    static const char prefix[] = COUNCIL_BOX_SECRET_FILE ".";
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, ERR_LEN, "%s: cannot open the keys folder", dir);
        return -1;
    }
    int n = 0, rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *s = e->d_name;
        if (strncmp(s, prefix, sizeof prefix - 1) != 0)
            continue;
        s += sizeof prefix - 1;
        long v = 0;
        int digits = 0;
        for (; *s >= '0' && *s <= '9' && digits < 6; s++, digits++)
            v = v * 10 + (*s - '0');
        if (*s || digits == 0 || e->d_name[sizeof prefix - 1] == '0')
            continue; /* council-box.key.new, .bak...: not ours */
        if (n == COUNCIL_RETIRED_MAX) {
            snprintf(err, ERR_LEN, "%s: more than %d retired sealing keys", dir,
                     COUNCIL_RETIRED_MAX);
            rc = -1;
            break;
        }
        no[n++] = (int)v;
    }
    closedir(d);
    if (rc)
        return -1;
    for (int i = 1; i < n; i++) /* a few dozen at most: insertion sort, highest first */
        for (int j = i; j > 0 && no[j] > no[j - 1]; j--) {
            int t = no[j];
            no[j] = no[j - 1];
            no[j - 1] = t;
        }
    return n;
}

/* Reads the secret key at path into key, asking for the passphrase first if the file is locked
 * and none was asked yet. *locked (may be NULL) says which it was. Returns 0 or -1 with err. */
static int unlock_one(Keyring *k, const char *path, KeyKind kind, uint8_t *key, int *locked_out,
                      char *err)
{
    int locked = keyfile_is_locked(path, err);
    if (locked < 0)
        return -1;
    if (locked && !k->pass) {
        char why[ERR_LEN];
        k->pass = passphrase_read(k->src, k->dir, 0, KEYFILE_COST_MODERATE, why);
        if (!k->pass) {
            snprintf(err, ERR_LEN, "%s", why);
            return -1;
        }
    }
    if (!locked)
        k->plain = 1;
    if (locked_out)
        *locked_out = locked;
    return keyfile_unlock(path, kind, locked ? k->pass : NULL, key, NULL, err);
}

static int open_sign(Keyring *k, char *err)
{
    char path[PATH_CAP];
    uint8_t pk[crypto_sign_PUBLICKEYBYTES];
    snprintf(path, sizeof path, "%s/" COUNCIL_SIGN_SECRET_FILE, k->dir);
    if (unlock_one(k, path, KEY_COUNCIL_SIGN_SECRET, k->secrets, NULL, err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/" COUNCIL_SIGN_PUBLIC_FILE, k->dir);
    if (file_exists(path)) {
        if (keyfile_read(path, KEY_COUNCIL_SIGN_PUBLIC, pk, NULL, err) != 0)
            return -1;
        if (sodium_memcmp(pk, k->secrets + crypto_sign_SEEDBYTES, sizeof pk) != 0) {
            snprintf(err, ERR_LEN, "%s is not the public half of %s/" COUNCIL_SIGN_SECRET_FILE,
                     path, k->dir);
            return -1;
        }
    }
    k->has_sign = 1;
    return 0;
}

/* Adds the sealing secret key at path to the ring, unless it is one already held. */
static int add_box(Keyring *k, const char *path, int *locked, int *duplicate, char *err)
{
    uint8_t *sk = k->secrets + crypto_sign_SECRETKEYBYTES + (size_t)k->nbox * 32;
    SealKey *key = &k->box[k->nbox];
    if (unlock_one(k, path, KEY_COUNCIL_BOX_SECRET, sk, locked, err) != 0)
        return -1;
    crypto_scalarmult_base(key->pk, sk);
    key->sk = sk;
    *duplicate = 0;
    for (int i = 0; i < k->nbox; i++)
        *duplicate |= sodium_memcmp(k->box[i].pk, key->pk, sizeof key->pk) == 0;
    if (*duplicate)
        sodium_memzero(sk, 32);
    else
        k->nbox++;
    return 0;
}

static int open_box(Keyring *k, const int *retired, int nretired, const char *who, char *err)
{
    char path[PATH_CAP];
    snprintf(path, sizeof path, "%s/" COUNCIL_BOX_PUBLIC_FILE, k->dir);
    if (keyfile_read(path, KEY_COUNCIL_BOX_PUBLIC, k->box_pk, NULL, err) != 0)
        return -1;
    int dup = 0, locked = 0;
    snprintf(path, sizeof path, "%s/" COUNCIL_BOX_SECRET_FILE, k->dir);
    if (add_box(k, path, &k->current_locked, &dup, err) != 0)
        return -1;
    k->last_retired = nretired ? retired[0] : 0;
    k->nretired = nretired;
    for (int i = 0; i < nretired; i++) {
        if (keyring_retired_path(k->dir, retired[i], path, sizeof path) != 0) {
            snprintf(err, ERR_LEN, "%s: path too long", k->dir);
            return -1;
        }
        if (add_box(k, path, &locked, &dup, err) != 0)
            return -1;
        if (i == 0 && dup)
            k->current_retired = 1; /* the newest retired one is the current key */
    }
    k->pub_at = -1;
    for (int i = 0; i < k->nbox && k->pub_at < 0; i++)
        if (sodium_memcmp(k->box[i].pk, k->box_pk, sizeof k->box_pk) == 0)
            k->pub_at = i;
    if (k->pub_at < 0) {
        snprintf(err, ERR_LEN,
                 "%s/" COUNCIL_BOX_PUBLIC_FILE " is not the public half of any sealing key in "
                 "%s: kiosks would seal to a key this council cannot open",
                 k->dir, k->dir);
        return -1;
    }
    if (k->pub_at > 0)
        fprintf(stderr,
                "%s: warning: %s/" COUNCIL_BOX_PUBLIC_FILE " is a retired sealing key, older "
                "than " COUNCIL_BOX_SECRET_FILE " (a key-rotate stopped before its last step): "
                "run chorus-sync key-rotate --keys %s to finish it\n",
                who, k->dir, k->dir);
    k->has_box = 1;
    return 0;
}

Keyring *keyring_open(const char *dir, int need, const PassphraseSource *src, const char *who,
                      char *err)
{
    Keyring *k = calloc(1, sizeof *k);
    int retired[COUNCIL_RETIRED_MAX], nretired = 0;
    if (!k) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    if (snprintf(k->dir, sizeof k->dir, "%s", dir) >= (int)sizeof k->dir) {
        snprintf(err, ERR_LEN, "%s: path too long", dir);
        goto fail;
    }
    k->src = src;
    if ((need & KEYRING_BOX) && (nretired = list_retired(dir, retired, err)) < 0)
        goto fail;
    k->secrets = sodium_malloc(crypto_sign_SECRETKEYBYTES + (size_t)(1 + nretired) * 32);
    if (!k->secrets) {
        snprintf(err, ERR_LEN, "out of memory");
        goto fail;
    }
    if ((need & KEYRING_SIGN) && open_sign(k, err) != 0)
        goto fail;
    if ((need & KEYRING_BOX) && open_box(k, retired, nretired, who, err) != 0)
        goto fail;
    if (k->plain)
        fprintf(stderr, "%s: warning: council keys in %s are not encrypted (development keys)\n",
                who, dir);
    k->src = NULL;
    return k;
fail:
    keyring_free(k);
    return NULL;
}

void keyring_free(Keyring *k)
{
    if (!k)
        return;
    sodium_free(k->secrets);
    keyfile_passphrase_free(k->pass);
    sodium_memzero(k, sizeof *k);
    free(k);
}

const uint8_t *keyring_sign_secret(const Keyring *k) { return k->has_sign ? k->secrets : NULL; }

const uint8_t *keyring_box_public(const Keyring *k) { return k->has_box ? k->box_pk : NULL; }

const SealKey *keyring_box_keys(const Keyring *k, int *n)
{
    *n = k->has_box ? k->nbox : 0;
    return k->has_box ? k->box : NULL;
}

KeyPassphrase *keyring_passphrase(const Keyring *k) { return k->pass; }

int keyring_rotate(Keyring *k, uint8_t id[KEY_ID_LEN], char *err)
{
    char cur[PATH_CAP], pub[PATH_CAP], old[PATH_CAP];
    if (!k->has_box) {
        snprintf(err, ERR_LEN, "the sealing keys were not opened");
        return -1;
    }
    snprintf(cur, sizeof cur, "%s/" COUNCIL_BOX_SECRET_FILE, k->dir);
    snprintf(pub, sizeof pub, "%s/" COUNCIL_BOX_PUBLIC_FILE, k->dir);
    KeyPassphrase *lock = k->current_locked ? k->pass : NULL;
    if (k->pub_at > 0) {
        /* Stopped after the new secret key replaced the old: only the public key is left. */
        if (keyfile_store(pub, KEY_COUNCIL_BOX_PUBLIC, k->box[0].pk, NULL, KEYFILE_REPLACE,
                          err) != 0)
            return -1;
        keyfile_key_id(k->box[0].pk, id);
        return 2;
    }
    /* 1. The current key is kept under the next number (unless a stopped run did that). */
    if (!k->current_retired) {
        if (k->nretired >= COUNCIL_RETIRED_MAX) {
            snprintf(err, ERR_LEN, "%s: already %d retired sealing keys, the most it holds", k->dir,
                     COUNCIL_RETIRED_MAX);
            return -1;
        }
        if (keyring_retired_path(k->dir, k->last_retired + 1, old, sizeof old) != 0) {
            snprintf(err, ERR_LEN, "%s: path too long", k->dir);
            return -1;
        }
        if (keyfile_store(old, KEY_COUNCIL_BOX_SECRET, k->box[0].sk, lock, KEYFILE_NEW, err) != 0)
            return -1;
    }
    /* 2. The new secret key replaces the current one; 3. then its public half. */
    uint8_t pk[crypto_box_PUBLICKEYBYTES];
    uint8_t *sk = sodium_malloc(crypto_box_SECRETKEYBYTES);
    int rc = -1;
    if (!sk) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    crypto_box_keypair(pk, sk);
    if (keyfile_store(cur, KEY_COUNCIL_BOX_SECRET, sk, lock, KEYFILE_REPLACE, err) != 0 ||
        keyfile_store(pub, KEY_COUNCIL_BOX_PUBLIC, pk, NULL, KEYFILE_REPLACE, err) != 0)
        goto done;
    keyfile_key_id(pk, id);
    rc = 1;
done:
    sodium_free(sk);
    return rc;
}
