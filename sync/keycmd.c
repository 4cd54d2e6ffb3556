/* keycmd.c: chorus-sync key-split, key-join and key-rotate. See keycmd.h; the keys folder is
 * keyring.c's, the shares' format shares.c's. Start reading at cmd_key_split(). */
#include "keycmd.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "fileio.h"
#include "keyring.h"
#include "shares.h"

#define PATH_CAP 4096
/* What key-split calls share i of n in its --out folder. */
#define SHARE_FILE "chorus-share-%d-of-%d.txt"

int keycmd_new_lock(const OptionTable *t, int plain, const char *cost, const PassphraseSource *src,
                    const char *dir, KeyPassphrase **lock)
{
    KeyfileCost c;
    char err[ERR_LEN];
    *lock = NULL;
    if (plain && (src->file || src->fd))
        return options_complain(t, "--plain keys take no passphrase");
    if (keyfile_cost_parse(cost, &c) != 0)
        return options_complain(t, "--kdf-cost must be interactive, moderate or sensitive");
    if (plain)
        return -1;
    *lock = passphrase_read(src, dir, 1, c, err);
    if (!*lock) {
        fprintf(stderr, "%s %s: %s\n", t->program, t->name, err);
        return 1;
    }
    return -1;
}

static void hex_of(const uint8_t id[KEY_ID_LEN], char hex[2 * KEY_ID_LEN + 1])
{
    sodium_bin2hex(hex, 2 * KEY_ID_LEN + 1, id, KEY_ID_LEN);
}

/* ---- key-split ---- */

static int cmd_key_split(int argc, char **argv);

typedef struct {
    const char *keys, *out;
    unsigned long long shares, threshold;
    PassphraseSource pass;
} SplitArgs;

static const Option split_rows[] = {
    OPT_TEXT("--keys", "DIR", SplitArgs, keys, DEFAULT_COUNCIL_KEYS, "the council's keys"),
    OPT_NUMBER("--shares", "N", SplitArgs, shares, 2, SHARES_MAX, "how many shares to make"),
    OPT_NUMBER("--threshold", "K", SplitArgs, threshold, 2, SHARES_MAX,
               "how many of them restore the keys (at most N)"),
    OPT_REQUIRED("--out", "DIR", SplitArgs, out,
                 "where the share files go (made 0700): chorus-share-I-of-N.txt"),
    OPT_PASSPHRASE(SplitArgs, pass),
    OPT_END,
};

const OptionTable key_split_options = {
    .program = "chorus-sync",
    .name = "key-split",
    .options = split_rows,
    .run = cmd_key_split,
    .about =
        "Splits the council's secret keys (the sealing key, the signing key and every retired\n"
        "sealing key) into N recovery shares, any K of which restore them with key-join; fewer\n"
        "tell nothing. Each share is a text file to print and give to a different person; each\n"
        "carries a check, so a mistyped share is caught. Split again after key-rotate.",
};

/* key-split --shares N --threshold K --out DIR: recovery shares of the keys in --keys. */
static int cmd_key_split(int argc, char **argv)
{
    SplitArgs o;
    OptionArgs args;
    int done = options_read(&key_split_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    if (!o.shares || !o.threshold)
        return options_complain(&key_split_options, "--shares and --threshold are required");
    if (o.threshold > o.shares)
        return options_complain(&key_split_options, "--threshold must be at most --shares");
    char err[ERR_LEN], path[PATH_CAP];
    int count = (int)o.shares, written = 0, rc = 1;
    Keyring *ring = keyring_open(o.keys, KEYRING_SIGN | KEYRING_BOX, &o.pass,
                                 "chorus-sync key-split", err);
    uint8_t *secret = NULL;
    Share *shares = NULL;
    char *text = NULL;
    if (!ring)
        goto fail;
    int nbox = 0;
    const SealKey *box = keyring_box_keys(ring, &nbox);
    const uint8_t *sign = keyring_sign_secret(ring);
    int nkeys = nbox + 1;
    uint8_t(*ids)[KEY_ID_LEN] = calloc((size_t)nkeys, KEY_ID_LEN);
    secret = sodium_malloc((size_t)nkeys * SHARE_KEY_LEN);
    shares = sodium_malloc((size_t)count * sizeof *shares);
    text = sodium_malloc(SHARE_FILE_MAX);
    if (!ids || !secret || !shares || !text) {
        free(ids);
        snprintf(err, ERR_LEN, "out of memory");
        goto fail;
    }
    /* The secret's order (shares.h): current sealing key, signing seed, retired oldest first. */
    memcpy(secret, box[0].sk, SHARE_KEY_LEN);
    keyfile_key_id(box[0].pk, ids[0]);
    memcpy(secret + SHARE_KEY_LEN, sign, SHARE_KEY_LEN);
    keyfile_key_id(sign + crypto_sign_SEEDBYTES, ids[1]);
    for (int i = 1; i < nbox; i++) {
        const SealKey *k = &box[nbox - i];
        memcpy(secret + (size_t)(1 + i) * SHARE_KEY_LEN, k->sk, SHARE_KEY_LEN);
        keyfile_key_id(k->pk, ids[1 + i]);
    }
    int split = share_split(secret, nkeys, (const uint8_t(*)[KEY_ID_LEN])ids, count,
                            (int)o.threshold, shares, err);
    free(ids);
    if (split != 0)
        goto fail;
    for (int i = 1; i <= count; i++) {
        snprintf(path, sizeof path, "%s/" SHARE_FILE, o.out, i, count);
        if (file_exists(path)) {
            snprintf(err, ERR_LEN, "%s already exists; refusing to replace a share", path);
            goto fail;
        }
    }
    if (file_mkdirs(o.out, 0700, err) != 0)
        goto fail;
    for (int i = 0; i < count; i++, written++) {
        size_t len = share_format(&shares[i], text, SHARE_FILE_MAX);
        snprintf(path, sizeof path, "%s/" SHARE_FILE, o.out, i + 1, count);
        if (len == 0) {
            snprintf(err, ERR_LEN, "%s: the share does not fit in %d bytes", path,
                     SHARE_FILE_MAX);
            goto fail;
        }
        if (file_write_new(path, text, len, 0600, err) != 0) /* never over anything */
            goto fail;
    }
    char hex[2 * KEY_ID_LEN + 1];
    hex_of(shares[0].ids[0], hex);
    printf("%d recovery shares of the council keys in %s written to %s: any %d restore them\n",
           count, o.keys, o.out, (int)o.threshold);
    printf("they hold sealing key %s, the signing key and %d retired sealing key%s; give each "
           "to a different person and remove %s from this machine\n",
           hex, nbox - 1, nbox == 2 ? "" : "s", o.out);
    rc = 0;
fail:
    if (rc) {
        fprintf(stderr, "chorus-sync key-split: %s\n", err);
        for (int i = 0; i < written; i++) { /* no half a set of shares */
            snprintf(path, sizeof path, "%s/" SHARE_FILE, o.out, i + 1, count);
            unlink(path);
        }
    }
    sodium_free(text);
    sodium_free(shares);
    sodium_free(secret);
    keyring_free(ring);
    return rc;
}

/* ---- key-join ---- */

static int cmd_key_join(int argc, char **argv);

typedef struct {
    const char *out, *cost;
    int plain;
    PassphraseSource pass;
} JoinArgs;

static const Option join_rows[] = {
    OPT_TEXT("--out", "DIR", JoinArgs, out, DEFAULT_COUNCIL_KEYS,
             "the keys folder to restore into (no secret keys in it yet)"),
    OPT_NEW_LOCK(JoinArgs, plain, cost, pass),
    OPT_END,
};

const OptionTable key_join_options = {
    .program = "chorus-sync",
    .name = "key-join",
    .options = join_rows,
    .args = "SHARE",
    .args_min = 1,
    .args_max = -1,
    .run = cmd_key_join,
    .about =
        "Restores the council's secret keys into --out from enough recovery shares (key-split):\n"
        "each share's check catches a mistyped one, and the keys restored must be the ones the\n"
        "shares name and, where --out has them, its public keys. The restored keys are locked\n"
        "with a new passphrase (asked twice on a terminal), or left --plain.",
};

/* 1 if dir holds any of the council's secret key files. */
static int holds_secret_keys(const char *dir, char *found, size_t cap)
{
    static const char *const names[] = {COUNCIL_BOX_SECRET_FILE, COUNCIL_SIGN_SECRET_FILE};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(found, cap, "%s/%s", dir, names[i]);
        if (file_exists(found))
            return 1;
    }
    for (int n = 1; n <= COUNCIL_RETIRED_MAX; n++)
        if (keyring_retired_path(dir, n, found, cap) == 0 && file_exists(found))
            return 1;
    return 0;
}

/* Checks the public key file dir/name, when there is one, against pk. */
static int matches_public(const char *dir, const char *name, KeyKind kind, const uint8_t *pk,
                          char *err)
{
    char path[PATH_CAP];
    uint8_t have[32];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!file_exists(path))
        return 0;
    if (keyfile_read(path, kind, have, NULL, err) != 0)
        return -1;
    if (sodium_memcmp(have, pk, 32) != 0) {
        snprintf(err, ERR_LEN, "%s is not the public half of the key the shares restore", path);
        return -1;
    }
    return 0;
}

/* One key key-join writes: where, what kind, the key, whether to write it only when missing. */
typedef struct {
    char path[PATH_CAP];
    KeyKind kind;
    const uint8_t *key;
    int if_missing;
    int written;
} Out;

/* key-join --out DIR SHARE...: the keys again. */
static int cmd_key_join(int argc, char **argv)
{
    JoinArgs o;
    OptionArgs args;
    int done = options_read(&key_join_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    char err[ERR_LEN], found[PATH_CAP];
    int n = args.nargs, rc = 1, nout = 0;
    if (n > SHARES_MAX)
        return options_complain(&key_join_options, "at most %d shares", SHARES_MAX);
    Share *shares = sodium_malloc((size_t)n * sizeof *shares);
    uint8_t *secret = sodium_malloc((size_t)SHARE_KEYS_MAX * SHARE_KEY_LEN);
    uint8_t *sign_sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    KeyPassphrase *lock = NULL;
    Out *out = calloc(2 * SHARE_KEYS_MAX, sizeof *out);
    uint8_t pk[SHARE_KEYS_MAX][32];
    if (!shares || !secret || !sign_sk || !out) {
        snprintf(err, ERR_LEN, "out of memory");
        goto fail;
    }
    if (holds_secret_keys(o.out, found, sizeof found)) {
        snprintf(err, ERR_LEN, "%s already exists; key-join restores into a folder without "
                               "secret keys", found);
        goto fail;
    }
    for (int i = 0; i < n; i++) {
        char *text = NULL;
        size_t len = 0;
        if (file_read_all(args.args[i], SHARE_FILE_MAX, &text, &len, err) != 0)
            goto fail;
        int parsed = share_parse(args.args[i], text, len, &shares[i], err);
        sodium_memzero(text, len);
        free(text);
        if (parsed != 0)
            goto fail;
    }
    if (share_join(shares, (const char *const *)args.args, n, secret, err) != 0)
        goto fail;
    /* The keys again, and their ids against those the shares name. */
    int nkeys = shares[0].nkeys;
    for (int k = 0; k < nkeys; k++) {
        const uint8_t *sk = secret + (size_t)k * SHARE_KEY_LEN;
        if (k == 1)
            crypto_sign_seed_keypair(pk[k], sign_sk, sk);
        else
            crypto_scalarmult_base(pk[k], sk);
        uint8_t id[KEY_ID_LEN];
        keyfile_key_id(pk[k], id);
        if (sodium_memcmp(id, shares[0].ids[k], KEY_ID_LEN) != 0) {
            snprintf(err, ERR_LEN, "the %d shares do not give back the keys they name (are they "
                                   "all of one key-split?)", n);
            goto fail;
        }
    }
    if (matches_public(o.out, COUNCIL_BOX_PUBLIC_FILE, KEY_COUNCIL_BOX_PUBLIC, pk[0], err) != 0 ||
        matches_public(o.out, COUNCIL_SIGN_PUBLIC_FILE, KEY_COUNCIL_SIGN_PUBLIC, pk[1], err) != 0)
        goto fail;
    done = keycmd_new_lock(&key_join_options, o.plain, o.cost, &o.pass, o.out, &lock);
    if (done >= 0) {
        rc = done;
        goto cleanup;
    }
    if (file_mkdirs(o.out, 0700, err) != 0)
        goto fail;
    /* Secret halves first, as keygen: a public key without its secret would be worse. */
    out[nout++] = (Out){"", KEY_COUNCIL_BOX_SECRET, secret, 0, 0};
    snprintf(out[nout - 1].path, PATH_CAP, "%s/" COUNCIL_BOX_SECRET_FILE, o.out);
    out[nout++] = (Out){"", KEY_COUNCIL_SIGN_SECRET, sign_sk, 0, 0};
    snprintf(out[nout - 1].path, PATH_CAP, "%s/" COUNCIL_SIGN_SECRET_FILE, o.out);
    for (int k = 2; k < nkeys; k++) {
        out[nout++] = (Out){"", KEY_COUNCIL_BOX_SECRET, secret + (size_t)k * SHARE_KEY_LEN, 0, 0};
        keyring_retired_path(o.out, k - 1, out[nout - 1].path, PATH_CAP);
    }
    out[nout++] = (Out){"", KEY_COUNCIL_BOX_PUBLIC, pk[0], 1, 0};
    snprintf(out[nout - 1].path, PATH_CAP, "%s/" COUNCIL_BOX_PUBLIC_FILE, o.out);
    out[nout++] = (Out){"", KEY_COUNCIL_SIGN_PUBLIC, pk[1], 1, 0};
    snprintf(out[nout - 1].path, PATH_CAP, "%s/" COUNCIL_SIGN_PUBLIC_FILE, o.out);
    for (int i = 0; i < nout; i++) {
        if (out[i].if_missing && file_exists(out[i].path))
            continue;
        int secret_kind = out[i].kind == KEY_COUNCIL_BOX_SECRET ||
                          out[i].kind == KEY_COUNCIL_SIGN_SECRET;
        if (keyfile_store(out[i].path, out[i].kind, out[i].key, secret_kind ? lock : NULL,
                          KEYFILE_NEW, err) != 0)
            goto fail;
        out[i].written = 1;
    }
    char box_hex[2 * KEY_ID_LEN + 1], sign_hex[2 * KEY_ID_LEN + 1];
    hex_of(shares[0].ids[0], box_hex);
    hex_of(shares[0].ids[1], sign_hex);
    printf("council keys restored in %s from %d shares: sealing key %s, signing key %s, %d "
           "retired sealing key%s, %s\n",
           o.out, n, box_hex, sign_hex, nkeys - 2, nkeys == 3 ? "" : "s",
           lock ? "locked with the new passphrase" : "not encrypted (development keys)");
    rc = 0;
fail:
    if (rc) {
        fprintf(stderr, "chorus-sync key-join: %s\n", err);
        for (int i = 0; i < nout; i++) /* nothing half restored */
            if (out[i].written)
                unlink(out[i].path);
    }
cleanup:
    keyfile_passphrase_free(lock);
    sodium_memzero(pk, sizeof pk);
    free(out);
    sodium_free(sign_sk);
    sodium_free(secret);
    sodium_free(shares);
    return rc;
}

/* ---- key-rotate ---- */

static int cmd_key_rotate(int argc, char **argv);

typedef struct {
    const char *keys;
    PassphraseSource pass;
} RotateArgs;

static const Option rotate_rows[] = {
    OPT_TEXT("--keys", "DIR", RotateArgs, keys, DEFAULT_COUNCIL_KEYS, "the council's keys"),
    OPT_PASSPHRASE(RotateArgs, pass),
    OPT_END,
};

const OptionTable key_rotate_options = {
    .program = "chorus-sync",
    .name = "key-rotate",
    .options = rotate_rows,
    .run = cmd_key_rotate,
    .about =
        "Makes a new sealing key pair in --keys, locked like the old one. The old secret key is\n"
        "kept (" COUNCIL_BOX_SECRET_FILE ".N), so responses sealed to it still import; kiosks\n"
        "switch to the new key with the next pack (chorus-sync pack). The signing key stays.",
};

/* key-rotate: a new sealing key; the old one retired, not forgotten. */
static int cmd_key_rotate(int argc, char **argv)
{
    RotateArgs o;
    OptionArgs args;
    int done = options_read(&key_rotate_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    char err[ERR_LEN], hex[2 * KEY_ID_LEN + 1];
    uint8_t id[KEY_ID_LEN];
    Keyring *ring = keyring_open(o.keys, KEYRING_BOX, &o.pass, "chorus-sync key-rotate", err);
    int made = ring ? keyring_rotate(ring, id, err) : -1;
    keyring_free(ring);
    if (made < 0) {
        fprintf(stderr, "chorus-sync key-rotate: %s\n", err);
        return 1;
    }
    hex_of(id, hex);
    if (made == 2)
        printf("finished the interrupted rotation: %s/" COUNCIL_BOX_PUBLIC_FILE " is now sealing "
               "key %s\n", o.keys, hex);
    else
        printf("new sealing key %s in %s; the old one is kept as a retired key, so what was "
               "sealed to it still imports\n", hex, o.keys);
    printf("next: chorus-sync pack gives kiosks the new key; then key-split again (earlier "
           "shares hold only the old keys)\n");
    return 0;
}
