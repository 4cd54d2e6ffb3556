/* exchange.c: the kiosk's half of the kiosk <-> council exchange. See exchange.h.
 *
 * Every refusal is decided before anything changes: a receipt or a pack is read, verified and
 * checked against the keys the kiosk trusts, and only then does the store or the data folder
 * change. Messages name the file first and then the reason, as the worker reads them. */
#include "exchange.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "defaults.h"
#include "fileio.h"
#include "net.h"
#include "pack_content.h"
#include "response.h"
#include "survey.h"

#define PACK_DIR_PREFIX "pack-"
#define NEWS_FILE "news.txt"
#define SURVEYS_DIR "surveys"

/* ---- small helpers ---- */

/* DATA/NAME into (out, cap). Returns 0, or -1 with err when it does not fit. */
static int path_in(char *out, size_t cap, const char *dir, const char *name, char *err)
{
    int n = snprintf(out, cap, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= cap) {
        snprintf(err, ERR_LEN, "%s/%s: path longer than %zu bytes", dir, name, cap - 1);
        return -1;
    }
    return 0;
}

static void key_hex(const uint8_t *pk, char *hex)
{
    uint8_t id[KEY_ID_LEN];
    keyfile_key_id(pk, id);
    sodium_bin2hex(hex, 2 * KEY_ID_LEN + 1, id, sizeof id);
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* ---- the kiosk's own key ---- */

int exchange_kiosk_key(const char *data, uint8_t pk[SIGN_PK_LEN], char *id_hex, char *err)
{
    char sk_path[EXCHANGE_PATH_MAX], pk_path[EXCHANGE_PATH_MAX];
    uint8_t *sk = NULL;
    int rc = -1;
    if (path_in(sk_path, sizeof sk_path, data, KIOSK_SIGN_SECRET_FILE, err) != 0 ||
        path_in(pk_path, sizeof pk_path, data, KIOSK_SIGN_PUBLIC_FILE, err) != 0)
        goto done;
    if (!file_exists(sk_path)) {
        if (file_exists(pk_path)) {
            snprintf(err, ERR_LEN,
                     "%s: missing, so this kiosk can no longer sign its bundles; to start again "
                     "with a new key, move %s away and enrol the new one with the council",
                     sk_path, pk_path);
            goto done;
        }
        sk = sodium_malloc(SIGN_SK_LEN);
        if (!sk) {
            snprintf(err, ERR_LEN, "%s: out of memory for the kiosk key", sk_path);
            goto done;
        }
        crypto_sign_keypair(pk, sk);
        /* The secret half first: if the kiosk stops before the public half is written, the
         * next start derives it from the secret one below. */
        if (keyfile_write(sk_path, KEY_KIOSK_SIGN_SECRET, sk, err) != 0)
            goto done;
    }
    if (!file_exists(pk_path)) {
        if (!sk) {
            sk = sodium_malloc(SIGN_SK_LEN);
            if (!sk) {
                snprintf(err, ERR_LEN, "%s: out of memory for the kiosk key", sk_path);
                goto done;
            }
            if (keyfile_read(sk_path, KEY_KIOSK_SIGN_SECRET, sk, NULL, err) != 0)
                goto done;
        }
        crypto_sign_ed25519_sk_to_pk(pk, sk);
        if (keyfile_write(pk_path, KEY_KIOSK_SIGN_PUBLIC, pk, err) != 0)
            goto done;
    }
    /* The secret half stays on disk: it is read only to sign an export. */
    if (keyfile_read(pk_path, KEY_KIOSK_SIGN_PUBLIC, pk, NULL, err) != 0)
        goto done;
    if (id_hex)
        key_hex(pk, id_hex);
    rc = 0;
done:
    sodium_free(sk);
    return rc;
}

/* Reads the kiosk's secret key into sk (sodium_malloc memory) and checks it is the half of
 * the public key the council enrolled. */
static int kiosk_secret(const char *data, uint8_t *sk, uint8_t pk[SIGN_PK_LEN], char *err)
{
    char sk_path[EXCHANGE_PATH_MAX];
    uint8_t half[SIGN_PK_LEN];
    if (exchange_kiosk_key(data, pk, NULL, err) != 0 ||
        path_in(sk_path, sizeof sk_path, data, KIOSK_SIGN_SECRET_FILE, err) != 0 ||
        keyfile_read(sk_path, KEY_KIOSK_SIGN_SECRET, sk, NULL, err) != 0)
        return -1;
    crypto_sign_ed25519_sk_to_pk(half, sk);
    if (sodium_memcmp(half, pk, sizeof half) != 0) {
        snprintf(err, ERR_LEN, "%s: not the secret half of %s/%s", sk_path, data,
                 KIOSK_SIGN_PUBLIC_FILE);
        return -1;
    }
    return 0;
}

int exchange_kiosk_sign(const char *data, const uint8_t *msg, size_t len, uint8_t sig[SIG_LEN],
                        uint8_t pk[SIGN_PK_LEN], char *err)
{
    uint8_t *sk = sodium_malloc(SIGN_SK_LEN);
    if (!sk) {
        snprintf(err, ERR_LEN, "out of memory for the kiosk key");
        return -1;
    }
    int rc = kiosk_secret(data, sk, pk, err);
    if (rc == 0)
        crypto_sign_detached(sig, NULL, msg, len, sk);
    sodium_free(sk); /* wipes it */
    return rc;
}

/* ---- the council's signing key ---- */

int exchange_council_sign_key(const char *data, uint8_t pk[SIGN_PK_LEN], char *id_hex, char *err)
{
    char path[EXCHANGE_PATH_MAX];
    if (path_in(path, sizeof path, data, COUNCIL_SIGN_PUBLIC_FILE, err) != 0)
        return -1;
    if (!file_exists(path))
        return 0;
    if (keyfile_read(path, KEY_COUNCIL_SIGN_PUBLIC, pk, NULL, err) != 0)
        return -1;
    if (id_hex)
        key_hex(pk, id_hex);
    return 1;
}

/* Pins pk as the council signing key (data has none yet). */
static int pin_council_sign(const char *data, const uint8_t pk[SIGN_PK_LEN], char *err)
{
    char path[EXCHANGE_PATH_MAX];
    if (path_in(path, sizeof path, data, COUNCIL_SIGN_PUBLIC_FILE, err) != 0)
        return -1;
    return keyfile_write(path, KEY_COUNCIL_SIGN_PUBLIC, pk, err);
}

int exchange_provision_council_sign(const char *data, const char *given, char *err)
{
    uint8_t pinned[SIGN_PK_LEN], key[SIGN_PK_LEN];
    int have = exchange_council_sign_key(data, pinned, NULL, err);
    if (have < 0)
        return -1;
    if (!given)
        return 0;
    if (keyfile_read(given, KEY_COUNCIL_SIGN_PUBLIC, key, NULL, err) != 0)
        return -1;
    if (!have)
        return pin_council_sign(data, key, err);
    if (sodium_memcmp(key, pinned, sizeof key) != 0) {
        snprintf(err, ERR_LEN, "%s/%s: this kiosk trusts a different council signing key than %s",
                 data, COUNCIL_SIGN_PUBLIC_FILE, given);
        return -1;
    }
    return 0;
}

/* ---- export ---- */

/* Takes the next bundle sequence number (the last exported + 1) and records it before the
 * bundle is written: a failed export skips a number, and no two bundles share one. */
static int next_bundle_sequence(Store *st, uint64_t *seq, char *err)
{
    char buf[32];
    int got = store_get(st, STORE_BUNDLE_SEQUENCE, buf, sizeof buf);
    unsigned long long last = 0;
    if (got < 0) {
        snprintf(err, ERR_LEN, "cannot read the last bundle number: %s", store_errmsg(st));
        return -1;
    }
    if (got == 1) {
        char *end = NULL;
        errno = 0;
        last = strtoull(buf, &end, 10);
        if (errno || end == buf || *end || buf[0] == '-' || last == UINT64_MAX) {
            snprintf(err, ERR_LEN, "the stored bundle number \"%s\" is damaged", buf);
            return -1;
        }
    }
    *seq = (uint64_t)last + 1;
    snprintf(buf, sizeof buf, "%" PRIu64, *seq);
    if (store_set(st, STORE_BUNDLE_SEQUENCE, buf) != 0) {
        snprintf(err, ERR_LEN, "cannot record the bundle number: %s", store_errmsg(st));
        return -1;
    }
    return 0;
}

long exchange_export(Store *st, const char *data, const char *out, char *err)
{
    StoredResponse *list = NULL, *help = NULL;
    size_t n = 0, nhelp = 0, nresp = 0, blen = 0;
    BundleRecord *records = NULL;
    uint8_t *ids = NULL, *sk = NULL, *bundle = NULL;
    uint8_t pk[SIGN_PK_LEN];
    char why[ERR_LEN];
    long rc = -1;
    uint64_t seq = 0;
    /* A response damaged on this disk stays here, set aside, and the others travel. */
    if (store_set_aside_damaged(st) < 0) {
        snprintf(err, ERR_LEN, "%s: cannot check the responses: %s", out, store_errmsg(st));
        goto done;
    }
    /* Requests for help go first: a bundle cut short on the way still carries them. */
    if (store_list_help(st, &help, &nhelp) != 0 ||
        store_list_responses(st, 0, &list, &nresp) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot read the responses: %s", out, store_errmsg(st));
        goto done;
    }
    n = nhelp + nresp;
    if (n == 0) {
        rc = 0;
        goto done;
    }
    if (n > BUNDLE_RECORDS_MAX) {
        snprintf(err, ERR_LEN, "%s: %zu responses are more than one bundle holds (%u)", out, n,
                 BUNDLE_RECORDS_MAX);
        goto done;
    }
    records = calloc(n, sizeof *records);
    ids = malloc(n * RESPONSE_ID_LEN);
    sk = sodium_malloc(SIGN_SK_LEN);
    if (!records || !ids || !sk) {
        snprintf(err, ERR_LEN, "%s: out of memory for %zu responses", out, n);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const StoredResponse *from = i < nhelp ? &help[i] : &list[i - nhelp];
        memcpy(records[i].id, from->id, RESPONSE_ID_LEN);
        records[i].sealed = from->sealed;
        records[i].len = from->len;
        memcpy(ids + i * RESPONSE_ID_LEN, from->id, RESPONSE_ID_LEN);
    }
    if (kiosk_secret(data, sk, pk, why) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot sign: %s", out, why);
        goto done;
    }
    if (next_bundle_sequence(st, &seq, why) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", out, why);
        goto done;
    }
    int signed_ok = bundle_write(sk, seq, records, (uint32_t)n, &bundle, &blen, why);
    sodium_free(sk); /* wipes it */
    sk = NULL;
    if (signed_ok != 0) {
        snprintf(err, ERR_LEN, "%s: cannot make the bundle: %s", out, why);
        goto done;
    }
    if (file_write_atomic(out, bundle, blen, 0600, err) != 0)
        goto done;
    /* Only now that the bundle is on disk do the responses count as exported. */
    if (store_mark_exported(st, ids, n) != 0) {
        snprintf(err, ERR_LEN,
                 "%s: the bundle is complete and can be taken, but its responses could not be "
                 "marked exported: %s",
                 out, store_errmsg(st));
        goto done;
    }
    rc = (long)n;
done:
    sodium_free(sk);
    free(bundle);
    free(ids);
    free(records);
    store_responses_free(help, nhelp);
    store_responses_free(list, nresp);
    return rc;
}

int exchange_export_name(const char *data, const char *dir, long long wall, char *path, size_t cap,
                         char *err)
{
    char pk_path[EXCHANGE_PATH_MAX], hex[2 * KEY_ID_LEN + 1];
    uint8_t pk[SIGN_PK_LEN];
    if (path_in(pk_path, sizeof pk_path, data, KIOSK_SIGN_PUBLIC_FILE, err) != 0 ||
        keyfile_read(pk_path, KEY_KIOSK_SIGN_PUBLIC, pk, NULL, err) != 0)
        return -1;
    key_hex(pk, hex);
    time_t t = (time_t)wall;
    struct tm tm;
    if (!localtime_r(&t, &tm)) {
        snprintf(err, ERR_LEN, "cannot tell today's date");
        return -1;
    }
    int n = snprintf(path, cap, "%s/chorus-%s-%04d-%02d-%02d.bundle", dir, hex, tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday);
    if (n < 0 || (size_t)n >= cap) {
        snprintf(err, ERR_LEN, "%s: folder name too long", dir);
        return -1;
    }
    return 0;
}

static int by_path(const void *x, const void *y)
{
    return strcmp((const char *)x, (const char *)y);
}

/* 1 if path is a writable folder on another file system than its parent (a mount point). */
static int mounted_folder(const char *path, const char *parent)
{
    struct stat st, up;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && stat(parent, &up) == 0 &&
           st.st_dev != up.st_dev && access(path, W_OK) == 0;
}

/* Adds the mount points ROOT/USER/NAME to folders. */
static int scan_media(const char *root, char (*folders)[EXCHANGE_PATH_MAX], int n, int max)
{
    DIR *users = opendir(root);
    if (!users)
        return n;
    struct dirent *u;
    while ((u = readdir(users)) && n < max) {
        if (u->d_name[0] == '.')
            continue;
        char user[EXCHANGE_PATH_MAX];
        if (snprintf(user, sizeof user, "%s/%s", root, u->d_name) >= (int)sizeof user)
            continue;
        DIR *d = opendir(user);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) && n < max) {
            if (e->d_name[0] == '.')
                continue;
            char path[EXCHANGE_PATH_MAX];
            if (snprintf(path, sizeof path, "%s/%s", user, e->d_name) >= (int)sizeof path)
                continue;
            if (mounted_folder(path, user))
                memcpy(folders[n++], path, sizeof path);
        }
        closedir(d);
    }
    closedir(users);
    return n;
}

int exchange_export_folders(const char *extra, char (*folders)[EXCHANGE_PATH_MAX], int max)
{
    int n = 0;
    if (extra && *extra && max > 0 && strlen(extra) < EXCHANGE_PATH_MAX)
        snprintf(folders[n++], EXCHANGE_PATH_MAX, "%s", extra);
    int first = n;
    n = scan_media("/media", folders, n, max);
    n = scan_media("/run/media", folders, n, max);
    qsort(folders[first], (size_t)(n - first), EXCHANGE_PATH_MAX, by_path);
    return n;
}

/* ---- receipts ---- */

int exchange_import_receipt(Store *st, const char *data, const char *path, ReceiptResult *res,
                            char *err)
{
    char *buf = NULL, why[ERR_LEN], ours[2 * KEY_ID_LEN + 1], theirs[2 * KEY_ID_LEN + 1];
    size_t len = 0;
    uint8_t council[SIGN_PK_LEN], kiosk[SIGN_PK_LEN];
    Receipt r;
    int rc = -1;
    memset(res, 0, sizeof *res);
    if (file_read_found(path, RECEIPT_FILE_MAX, &buf, &len, err) != 0) /* from a stick */
        goto done;
    if (receipt_read((const uint8_t *)buf, len, &r, why) != 0) {
        snprintf(err, ERR_LEN, "%s: refused, not a sound receipt: %s", path, why);
        goto done;
    }
    int pinned = exchange_council_sign_key(data, council, ours, why);
    if (pinned < 0) {
        snprintf(err, ERR_LEN, "%s: refused: %s", path, why);
        goto done;
    }
    if (pinned == 0) {
        snprintf(err, ERR_LEN,
                 "%s: refused: this kiosk does not know its council's signing key yet (import a "
                 "pack first, or start once with --council-sign-key FILE)",
                 path);
        goto done;
    }
    if (sodium_memcmp(r.council_pk, council, sizeof council) != 0) {
        key_hex(r.council_pk, theirs);
        snprintf(err, ERR_LEN,
                 "%s: refused: signed by council key %s, but this kiosk trusts only %s", path,
                 theirs, ours);
        goto done;
    }
    if (exchange_kiosk_key(data, kiosk, ours, why) != 0) {
        snprintf(err, ERR_LEN, "%s: refused: %s", path, why);
        goto done;
    }
    if (sodium_memcmp(r.kiosk_pk, kiosk, sizeof kiosk) != 0) {
        key_hex(r.kiosk_pk, theirs);
        snprintf(err, ERR_LEN, "%s: refused: it is for kiosk %s, and this kiosk is %s", path,
                 theirs, ours);
        goto done;
    }
    if (store_delete_responses(st, r.ids, r.count, &res->deleted, &res->unknown) != 0) {
        snprintf(err, ERR_LEN, "%s: nothing was deleted: %s", path, store_errmsg(st));
        goto done;
    }
    res->listed = (long)r.count;
    rc = 0;
done:
    free(buf);
    return rc;
}

/* ---- packs ---- */

/* The number of the live pack, from the name of the folder DATA/pack links to
 * (pack-SEQ-RANDOM): 0 when no pack is installed. The link is switched in one rename, so its
 * number is recorded in the same atomic step as the install itself. Returns 0, or -1 with err
 * (a link this kiosk did not make). */
static int live_sequence(const char *data, uint64_t *seq, char *err)
{
    char link[EXCHANGE_PATH_MAX], target[EXCHANGE_PATH_MAX];
    *seq = 0;
    if (path_in(link, sizeof link, data, PACK_LINK, err) != 0)
        return -1;
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, ERR_LEN, "%s: not the link to a pack folder this kiosk makes (%s)", link,
                 strerror(errno));
        return -1;
    }
    target[n] = '\0';
    const char *digits = target + strlen(PACK_DIR_PREFIX);
    char *end = NULL;
    errno = 0;
    unsigned long long v = strncmp(target, PACK_DIR_PREFIX, strlen(PACK_DIR_PREFIX)) == 0 &&
                                   *digits >= '0' && *digits <= '9'
                               ? strtoull(digits, &end, 10)
                               : 0;
    if (!end || errno || *end != '-') {
        snprintf(err, ERR_LEN, "%s: links to \"%s\", not a pack folder this kiosk makes", link,
                 target);
        return -1;
    }
    *seq = (uint64_t)v;
    return 0;
}

int exchange_pack_sequence(Store *st, const char *data, uint64_t *seq, char *err)
{
    char buf[32];
    uint64_t live = 0;
    *seq = 0;
    int got = store_get(st, STORE_PACK_SEQUENCE, buf, sizeof buf);
    if (got < 0) {
        snprintf(err, ERR_LEN, "cannot read the last pack number: %s", store_errmsg(st));
        return -1;
    }
    if (got == 1) {
        char *end = NULL;
        errno = 0;
        unsigned long long v = strtoull(buf, &end, 10);
        if (errno || end == buf || *end || buf[0] == '-') {
            snprintf(err, ERR_LEN, "the stored pack number \"%s\" is damaged", buf);
            return -1;
        }
        *seq = (uint64_t)v;
    }
    if (live_sequence(data, &live, err) != 0)
        return -1;
    if (live > *seq)
        *seq = live;
    return 0;
}

/* The length of line (s, n) without trailing spaces, tabs and CR. */
static size_t trimmed(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

/* Removes the pack folder DATA/name made by install_pack without following any link: a link
 * named like a pack folder goes itself, never what it points at, and nothing is gone into
 * through a link. Best effort: what is left is tried again by the next import. */
static void remove_pack_dir(const char *data, const char *name)
{
    char why[ERR_LEN];
    (void)file_remove_tree(data, name, why);
}

/* Removes every pack folder in data except keep (a name). */
static void remove_old_packs(const char *data, const char *keep)
{
    DIR *d = opendir(data);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, PACK_DIR_PREFIX, strlen(PACK_DIR_PREFIX)) == 0 &&
            strcmp(e->d_name, keep) != 0)
            remove_pack_dir(data, e->d_name);
    }
    closedir(d);
}

/* Writes the pack's surveys and news into a new folder DATA/pack-SEQ-RANDOM and switches the
 * link DATA/pack to it. Returns 0 with the folder's name in name; -1 with why and the old pack
 * still live; or 1 with why when the new pack is live but the data folder could not be synced,
 * so a power cut might still bring the old one back. */
static int install_pack(const char *data, const Pack *p, const char *news, size_t news_len,
                        char *name, size_t name_cap, char *why)
{
    char dir[EXCHANGE_PATH_MAX], sub[EXCHANGE_PATH_MAX], path[EXCHANGE_PATH_MAX];
    char link_tmp[EXCHANGE_PATH_MAX], link[EXCHANGE_PATH_MAX];
    uint8_t rnd[4];
    char hex[9];
    int made = 0;
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    snprintf(name, name_cap, PACK_DIR_PREFIX "%" PRIu64 "-%s", p->sequence, hex);
    if (path_in(dir, sizeof dir, data, name, why) != 0 ||
        path_in(sub, sizeof sub, dir, SURVEYS_DIR, why) != 0 ||
        path_in(link, sizeof link, data, PACK_LINK, why) != 0 ||
        path_in(link_tmp, sizeof link_tmp, data, PACK_LINK ".new", why) != 0)
        return -1;
    if (mkdir(dir, 0700) != 0) {
        snprintf(why, ERR_LEN, "%s: cannot create folder: %s", dir, strerror(errno));
        return -1;
    }
    made = 1;
    if (mkdir(sub, 0700) != 0) {
        snprintf(why, ERR_LEN, "%s: cannot create folder: %s", sub, strerror(errno));
        goto fail;
    }
    for (int i = 0; i < p->nfiles; i++) {
        const PackFile *f = &p->files[i];
        if (f->kind != PACK_SURVEY)
            continue;
        if (path_in(path, sizeof path, sub, f->name, why) != 0 ||
            file_write_atomic(path, f->data, f->len, 0600, why) != 0)
            goto fail;
    }
    if (path_in(path, sizeof path, dir, NEWS_FILE, why) != 0 ||
        file_write_atomic(path, news, news_len, 0600, why) != 0)
        goto fail;
    if (fsync_dir(dir) != 0) {
        snprintf(why, ERR_LEN, "%s: cannot sync: %s", dir, strerror(errno));
        goto fail;
    }
    /* The switch: a new link renamed over the old one is atomic, where a folder can't be
     * renamed over a folder that has files in it. */
    if (unlink(link_tmp) != 0 && errno != ENOENT) {
        snprintf(why, ERR_LEN, "%s: cannot remove: %s", link_tmp, strerror(errno));
        goto fail;
    }
    if (symlink(name, link_tmp) != 0) {
        snprintf(why, ERR_LEN, "%s: cannot create link: %s", link_tmp, strerror(errno));
        goto fail;
    }
    if (rename(link_tmp, link) != 0) {
        snprintf(why, ERR_LEN, "%s: cannot replace (%s)%s", link, strerror(errno),
                 errno == EISDIR || errno == ENOTEMPTY
                     ? "; it must be the link this kiosk made, not a folder"
                     : "");
        unlink(link_tmp);
        goto fail;
    }
    if (fsync_dir(data) != 0) {
        snprintf(why, ERR_LEN, "%s: cannot sync: %s", data, strerror(errno));
        return 1; /* the new pack is live; only its durability is in doubt */
    }
    return 0;
fail:
    if (made)
        remove_pack_dir(data, name);
    return -1;
}

/* ---- the council's sealing key, switched by a pack ---- */

/* The setting that remembers the sealing keys packs replaced: their public keys in hex,
 * separated by spaces, the last replaced last (at most RETIRED_KEPT). */
#define RETIRED_SETTING "council_box_retired"
#define RETIRED_KEPT 16
#define RETIRED_CAP (RETIRED_KEPT * (2 * crypto_box_PUBLICKEYBYTES + 1) + 1)

/* 1 if a record can be sealed to pk (libsodium refuses keys of small order). */
static int sealable(const uint8_t pk[crypto_box_PUBLICKEYBYTES])
{
    uint8_t m = 0, out[crypto_box_SEALBYTES + 1];
    return crypto_box_seal(out, &m, 1, pk) == 0;
}

int exchange_council_key_retired(Store *st, const uint8_t pk[crypto_box_PUBLICKEYBYTES])
{
    char list[RETIRED_CAP], hex[2 * crypto_box_PUBLICKEYBYTES + 1];
    if (store_get(st, RETIRED_SETTING, list, sizeof list) != 1)
        return 0;
    sodium_bin2hex(hex, sizeof hex, pk, crypto_box_PUBLICKEYBYTES);
    for (const char *p = list; *p; p += strspn(p, " ")) {
        size_t w = strcspn(p, " ");
        if (w == 2 * crypto_box_PUBLICKEYBYTES && memcmp(p, hex, w) == 0)
            return 1;
        p += w;
    }
    return 0;
}

/* Moves the kiosk from the sealing key old_pk to new_pk: old_pk is remembered as replaced (so a
 * start with --council-key naming it is not refused), then box_path (DATA/council-box.pub) is
 * replaced in one step. Returns 0, or -1 with why. */
static int switch_sealing_key(Store *st, const char *box_path, const uint8_t *old_pk,
                              const uint8_t *new_pk, char *why)
{
    char list[RETIRED_CAP + 2 * crypto_box_PUBLICKEYBYTES + 1] = "";
    if (!exchange_council_key_retired(st, old_pk)) {
        if (store_get(st, RETIRED_SETTING, list, RETIRED_CAP) < 0) {
            snprintf(why, ERR_LEN, "the store's replaced sealing keys can't be read: %s",
                     store_errmsg(st));
            return -1;
        }
        size_t n = strlen(list);
        if (n)
            list[n++] = ' ';
        sodium_bin2hex(list + n, sizeof list - n, old_pk, crypto_box_PUBLICKEYBYTES);
        char *keep = list; /* the last RETIRED_KEPT */
        for (size_t count = (strlen(list) + 1) / (2 * crypto_box_PUBLICKEYBYTES + 1);
             count > RETIRED_KEPT; count--)
            keep += 2 * crypto_box_PUBLICKEYBYTES + 1;
        if (store_set(st, RETIRED_SETTING, keep) != 0) {
            snprintf(why, ERR_LEN, "the replaced sealing key can't be noted: %s",
                     store_errmsg(st));
            return -1;
        }
    }
    return keyfile_store(box_path, KEY_COUNCIL_BOX_PUBLIC, new_pk, NULL, KEYFILE_REPLACE, why);
}

/* ---- the council's server, named by a pack ---- */

/* Replaces DATA/name with the pack's settings file f (already checked: a pin line or a URL),
 * as one line, unless it already holds the same. Returns 1 when replaced, 0 when the same, or
 * -1 with why. */
static int replace_setting(const char *data, const char *name, const PackFile *f, char *why)
{
    char path[EXCHANGE_PATH_MAX], line[NET_PIN_LINE_MAX + NET_URL_MAX + 2], *old = NULL;
    size_t n = f->len && f->data[f->len - 1] == '\n' ? f->len - 1 : f->len, old_len = 0;
    if (path_in(path, sizeof path, data, name, why) != 0)
        return -1;
    if (n + 2 > sizeof line) {
        snprintf(why, ERR_LEN, "%s: the pack's %s is too long", path, name);
        return -1;
    }
    memcpy(line, f->data, n);
    line[n++] = '\n';
    int same = file_exists(path) && file_read_all(path, sizeof line, &old, &old_len, why) == 0 &&
               old_len == n && memcmp(old, line, n) == 0;
    free(old);
    if (same)
        return 0;
    return file_write_atomic(path, line, n, 0644, why) == 0 ? 1 : -1;
}

/* How pack_import takes a pack: one from the kiosk's council (a stick or the network), or the
 * first, from a provisioning file, checked only or installed. */
typedef enum { PACK_UPDATE, PACK_FIRST_CHECK, PACK_FIRST } PackMode;

/* Checks the signed pack (buf, len), read from path (named in every message), and, unless mode
 * is PACK_FIRST_CHECK, installs it (exchange_import_pack_with). PACK_FIRST is provisioning: the
 * kiosk has no sealing key yet, which the pack's becomes, last, once everything else is in
 * place; its signer is pinned when none is; and a pack already live under the same number (a
 * provisioning cut short) is kept rather than refused as not newer, so provisioning can be run
 * again until it completes. */
static int pack_import(Store *st, const char *data, const SurveyMedia *media, const char *path,
                       const uint8_t *buf, size_t len, PackMode mode, PackResult *res, char *err)
{
    char *news = NULL, why[ERR_LEN], box_path[EXCHANGE_PATH_MAX];
    char ours[2 * KEY_ID_LEN + 1], theirs[2 * KEY_ID_LEN + 1], name[64] = "";
    size_t news_len = 0, news_cap = PACK_NEWS_CAP;
    uint8_t council[SIGN_PK_LEN], box[crypto_box_PUBLICKEYBYTES];
    uint64_t last = 0;
    Arena *arena = NULL;
    Pack p;
    int rc = -1, first = mode != PACK_UPDATE;
    memset(res, 0, sizeof *res);
    arena = arena_new();
    news = malloc(news_cap);
    if (!arena || !news) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        goto done;
    }
    if (pack_read(buf, len, arena, &p, why) != 0) {
        snprintf(err, ERR_LEN, "%s: refused, not a sound pack: %s", path, why);
        goto done;
    }
    key_hex(p.council_pk, theirs);
    int pinned = exchange_council_sign_key(data, council, ours, why);
    if (pinned < 0) {
        snprintf(err, ERR_LEN, "%s: refused: %s", path, why);
        goto done;
    }
    if (!pinned && !first) {
        /* Trusting whoever signed the first pack would let anyone with the public sealing key
         * take the kiosk over; the signing key comes with provisioning, like the sealing key. */
        snprintf(err, ERR_LEN,
                 "%s: refused: no council signing key is pinned on this kiosk (provision it once "
                 "with --council-sign-key FILE)",
                 path);
        goto done;
    }
    if (pinned && sodium_memcmp(p.council_pk, council, sizeof council) != 0) {
        snprintf(err, ERR_LEN,
                 "%s: refused: signed by council key %s, but this kiosk trusts only %s", path,
                 theirs, ours);
        goto done;
    }
    if (exchange_pack_sequence(st, data, &last, why) != 0) {
        snprintf(err, ERR_LEN, "%s: refused: %s", path, why);
        goto done;
    }
    int live = 0; /* PACK_FIRST: this very pack is already live */
    if (first && p.sequence == last && last > 0) {
        live = live_sequence(data, &last, why) == 0 && last == p.sequence;
        last = p.sequence;
    }
    if (p.sequence <= last && !live) {
        snprintf(err, ERR_LEN,
                 "%s: refused: pack %" PRIu64 " is not newer than pack %" PRIu64
                 ", which this kiosk has",
                 path, p.sequence, last);
        goto done;
    }
    if (path_in(box_path, sizeof box_path, data, COUNCIL_BOX_PUBLIC_FILE, why) != 0) {
        snprintf(err, ERR_LEN, "%s: refused: %s", path, why);
        goto done;
    }
    if (first && file_exists(box_path)) {
        snprintf(err, ERR_LEN, "%s: refused: this kiosk is already provisioned (%s exists)", path,
                 box_path);
        goto done;
    }
    if (!first && keyfile_read(box_path, KEY_COUNCIL_BOX_PUBLIC, box, NULL, why) != 0) {
        snprintf(err, ERR_LEN, "%s: refused: %s", path, why);
        goto done;
    }
    /* Signed by the pinned council: a sealing key other than this kiosk's is the council's new
     * one (chorus-sync key-rotate), switched to below, once it is known to seal. */
    int new_box = first || sodium_memcmp(p.box_pk, box, sizeof box) != 0;
    if (new_box && !sealable(p.box_pk)) {
        snprintf(err, ERR_LEN, "%s: refused: its council sealing key can't be sealed to", path);
        goto done;
    }
    /* The same check `chorus-sync pack` ran before it signed the pack, with the pictures and
     * recordings the surveys name looked for where this kiosk keeps them. */
    SurveyMedia ours_media;
    if (!media && survey_media_beside(DEFAULT_SURVEYS, &ours_media) == 0)
        media = &ours_media;
    PackContents counts;
    PackProblem prob;
    if (pack_content_check(&p, media, news, news_cap, &news_len, &counts, &prob) != 0) {
        pack_problem_format(&p, &prob, NULL, why);
        snprintf(err, ERR_LEN, "%s: refused: %s", path, why);
        goto done;
    }
    res->surveys = counts.surveys;
    res->news = counts.news;
    res->settings = counts.settings;
    res->sequence = p.sequence;
    memcpy(res->key_id, theirs, sizeof res->key_id);
    key_hex(p.box_pk, res->box_id);
    if (counts.server_url >= 0) {
        const PackFile *f = &p.files[counts.server_url];
        size_t n = f->len && f->data[f->len - 1] == '\n' ? f->len - 1 : f->len;
        snprintf(res->url, sizeof res->url, "%.*s", (int)(n < NET_URL_MAX ? n : NET_URL_MAX),
                 (const char *)f->data);
    }
    res->has_pin = counts.server_pin >= 0;
    if (mode == PACK_FIRST_CHECK) {
        rc = 0;
        goto done;
    }
    /* Everything is checked: from here on the kiosk changes. Provisioning pins the signing key
     * first (the pack is its). An update switches to a new sealing key first: should the
     * install fail after it, the kiosk seals to a key its council holds, and the pack can be
     * installed again. */
    if (first && !pinned && pin_council_sign(data, p.council_pk, why) != 0) {
        snprintf(err, ERR_LEN, "%s: not installed: %s", path, why);
        goto done;
    }
    if (!first && new_box && switch_sealing_key(st, box_path, box, p.box_pk, why) != 0) {
        snprintf(err, ERR_LEN, "%s: not installed: %s", path, why);
        goto done;
    }
    res->box_switched = !first && new_box;
    /* The server's key and URL before the install too: should the install fail, the kiosk
     * already reaches the council's server as the pack says and can fetch the pack again;
     * after it, a failure here could never be made good (the same pack is no longer newer). */
    int changed = 0;
    if (counts.server_pin >= 0 &&
        (changed = replace_setting(data, NET_PIN_FILE, &p.files[counts.server_pin], why)) < 0) {
        snprintf(err, ERR_LEN, "%s: not installed: %s", path, why);
        goto done;
    }
    res->server_pin = changed;
    changed = 0;
    if (counts.server_url >= 0 &&
        (changed = replace_setting(data, NET_URL_FILE, &p.files[counts.server_url], why)) < 0) {
        snprintf(err, ERR_LEN, "%s: not installed: %s", path, why);
        goto done;
    }
    res->server_url = changed;
    /* The pack's number is recorded by
     * the install itself, in the name of the folder the switched link points at, so a failed
     * or killed install leaves the old pack live and this one can be installed again, and an
     * installed one is never followed by an older one. */
    int installed = live ? 0 : install_pack(data, &p, news, news_len, name, sizeof name, why);
    if (installed < 0) {
        snprintf(err, ERR_LEN, "%s: not installed: %s", path, why);
        goto done;
    }
    if (installed > 0) {
        /* Old folders stay: the old link may be what a power cut brings back. */
        snprintf(err, ERR_LEN,
                 "%s: pack %" PRIu64 " is in use, but not yet safely on disk: %s; if the kiosk "
                 "loses power now it may come back with the pack before, and this one can then be "
                 "installed again",
                 path, p.sequence, why);
        goto done;
    }
    /* A second record of the number, in the store, so an older pack stays refused even if the
     * pack folder were removed. The link already holds it: a failure here is not one of the
     * install's, and the greater of the two numbers counts. */
    char seq[32];
    snprintf(seq, sizeof seq, "%" PRIu64, p.sequence);
    if (store_set(st, STORE_PACK_SEQUENCE, seq) != 0) {
        /* nothing to undo: the live link says the same, and it is what counts */
    }
    if (name[0])
        remove_old_packs(data, name);
    /* Provisioning: the sealing key last, since a kiosk with one is provisioned. */
    if (first && (keyfile_store(box_path, KEY_COUNCIL_BOX_PUBLIC, p.box_pk, NULL, KEYFILE_NEW,
                                why) != 0 ||
                  fsync_dir(data) != 0)) {
        snprintf(err, ERR_LEN, "%s: not provisioned: %s", path,
                 file_exists(box_path) ? "the data folder could not be synced" : why);
        goto done;
    }
    rc = 0;
done:
    free(news);
    arena_free(arena);
    return rc;
}

int exchange_import_pack(Store *st, const char *data, const char *path, PackResult *res, char *err)
{
    return exchange_import_pack_with(st, data, NULL, path, res, err);
}

int exchange_import_pack_with(Store *st, const char *data, const SurveyMedia *media,
                              const char *path, PackResult *res, char *err)
{
    char *buf = NULL;
    size_t len = 0;
    memset(res, 0, sizeof *res);
    if (file_read_found(path, PACK_FILE_MAX, &buf, &len, err) != 0) /* from a stick */
        return -1;
    int rc = pack_import(st, data, media, path, (const uint8_t *)buf, len, PACK_UPDATE, res, err);
    free(buf);
    return rc;
}

/* ---- provisioning from a stick ---- */

int exchange_provisioned(const char *data)
{
    char path[EXCHANGE_PATH_MAX], err[ERR_LEN];
    return path_in(path, sizeof path, data, COUNCIL_BOX_PUBLIC_FILE, err) == 0 &&
           file_exists(path);
}

/* Reads and checks the provisioning file at f->path (as exchange_provision_check), keeping its
 * bytes in *buf for the caller to free. Returns 0, or -1 with f->why. */
static int provision_load(Store *st, const char *data, const SurveyMedia *media,
                          ProvisionFound *f, char **buf, PackResult *r)
{
    size_t len = 0;
    char why[ERR_LEN];
    Arena *arena = arena_new();
    Provision pv;
    Pack p;
    int rc = -1;
    f->ok = 0;
    *buf = NULL;
    if (!arena) {
        snprintf(f->why, sizeof f->why, "%s: out of memory", f->path);
    } else if (file_read_found(f->path, PROVISION_FILE_MAX, buf, &len, why) != 0) {
        snprintf(f->why, sizeof f->why, "%s", why); /* names the file */
    } else if (provision_read((const uint8_t *)*buf, len, arena, &pv, &p, why) != 0) {
        snprintf(f->why, sizeof f->why, "%s: refused, not a sound provisioning file: %s",
                 f->path, why);
    } else if (pack_import(st, data, media, f->path, pv.pack, pv.pack_len, PACK_FIRST_CHECK, r,
                           f->why) == 0) {
        snprintf(f->council, sizeof f->council, "%s", pv.name);
        crypto_generichash(f->digest, sizeof f->digest, (const uint8_t *)*buf, len, NULL, 0);
        f->size = len;
        f->ok = 1;
        rc = 0;
    }
    if (rc == 0) {
        memcpy(f->key_id, r->key_id, sizeof f->key_id);
        f->sequence = r->sequence;
        f->surveys = r->surveys;
        f->news = r->news;
        snprintf(f->url, sizeof f->url, "%s", r->url);
        f->has_pin = r->has_pin;
    } else {
        free(*buf);
        *buf = NULL;
    }
    arena_free(arena);
    return rc;
}

int exchange_provision_check(Store *st, const char *data, const SurveyMedia *media,
                             ProvisionFound *f)
{
    char *buf = NULL;
    PackResult r;
    int rc = provision_load(st, data, media, f, &buf, &r);
    free(buf);
    return rc;
}

int exchange_provision_find(Store *st, const char *data, const SurveyMedia *media,
                            const char *extra, ProvisionFound *found, int max)
{
    static char folders[EXPORT_FOLDERS_MAX][EXCHANGE_PATH_MAX];
    int nf = exchange_export_folders(extra, folders, EXPORT_FOLDERS_MAX), n = 0;
    for (int i = 0; i < nf && n < max; i++) {
        char *names[PROVISION_FOUND_MAX], why[ERR_LEN];
        int k = file_list(folders[i], PROVISION_SUFFIX, names, PROVISION_FOUND_MAX, why);
        for (int j = 0; j < k && n < max; j++) {
            ProvisionFound *f = &found[n++];
            memset(f, 0, sizeof *f);
            snprintf(f->folder, sizeof f->folder, "%s", folders[i]);
            if (snprintf(f->path, sizeof f->path, "%s/%s", folders[i], names[j]) >=
                (int)sizeof f->path)
                snprintf(f->why, sizeof f->why, "%s/%s: path too long", folders[i], names[j]);
            else
                (void)exchange_provision_check(st, data, media, f);
        }
        if (k > 0)
            file_list_free(names, k);
    }
    return n;
}

int exchange_provision(Store *st, const char *data, const SurveyMedia *media,
                       const ProvisionFound *shown, ProvisionResult *res, char *err)
{
    ProvisionFound f = *shown;
    char *buf = NULL, *key = NULL, pub[EXCHANGE_PATH_MAX], why[ERR_LEN];
    uint8_t seen[sizeof f.digest];
    size_t key_len = 0;
    int rc = -1;
    memset(res, 0, sizeof *res);
    memcpy(seen, shown->digest, sizeof seen);
    /* Read and checked again: the stick may have changed since the worker saw it. */
    if (provision_load(st, data, media, &f, &buf, &res->pack) != 0) {
        snprintf(err, ERR_LEN, "%s", f.why);
        goto done;
    }
    if (sodium_memcmp(seen, f.digest, sizeof seen) != 0) {
        snprintf(err, ERR_LEN, "%s: refused: the file changed after it was shown; look again",
                 f.path);
        goto done;
    }
    /* The kiosk's key onto the stick first, for `chorus-sync enrol`: if the stick can't take
     * it, nothing on the kiosk has changed. */
    uint8_t pk[SIGN_PK_LEN];
    char id[2 * KEY_ID_LEN + 1], enrol[EXCHANGE_PATH_MAX];
    if (exchange_kiosk_key(data, pk, id, err) != 0 ||
        path_in(pub, sizeof pub, data, KIOSK_SIGN_PUBLIC_FILE, err) != 0 ||
        file_read_all(pub, KEYFILE_MAX, &key, &key_len, err) != 0)
        goto done;
    int n = snprintf(enrol, sizeof enrol, "%s/chorus-kiosk-%s.pub", f.folder, id);
    if (n < 0 || (size_t)n >= sizeof enrol) {
        snprintf(err, ERR_LEN, "%s: path too long for the kiosk's key", f.folder);
        goto done;
    }
    if (file_write_atomic(enrol, key, key_len, 0644, why) != 0) {
        snprintf(err, ERR_LEN,
                 "not provisioned: the kiosk's key could not be written to the stick (%s); "
                 "nothing changed on the kiosk",
                 why);
        goto done;
    }
    snprintf(res->enrol_path, sizeof res->enrol_path, "%s", enrol);
    memcpy(res->kiosk_id, id, sizeof res->kiosk_id);
    Provision pv;
    Pack p;
    Arena *arena = arena_new();
    if (!arena || provision_read((const uint8_t *)buf, (size_t)f.size, arena, &pv, &p, why) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", f.path, arena ? why : "out of memory");
        arena_free(arena);
        goto done;
    }
    rc = pack_import(st, data, media, f.path, pv.pack, pv.pack_len, PACK_FIRST, &res->pack, err);
    arena_free(arena);
    if (rc == 0)
        snprintf(res->council, sizeof res->council, "%s", f.council);
done:
    free(key);
    free(buf);
    return rc;
}

int exchange_pack_surveys(const char *data, char *dir, size_t cap)
{
    struct stat st;
    int n = snprintf(dir, cap, "%s/" PACK_LINK "/" SURVEYS_DIR, data);
    return n > 0 && (size_t)n < cap && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

int exchange_read_news(const char *data, char (*items)[NEWS_ITEM_MAX + 1], int max, char *err)
{
    char path[EXCHANGE_PATH_MAX], *buf = NULL;
    size_t len = 0;
    int n = -1;
    if (snprintf(path, sizeof path, "%s/" PACK_LINK "/" NEWS_FILE, data) >= (int)sizeof path) {
        snprintf(err, ERR_LEN, "%s: path too long", data);
        return -1;
    }
    if (!file_exists(path))
        return 0;
    if (file_read_all(path, (size_t)NEWS_ITEMS_MAX * (NEWS_ITEM_MAX + 2), &buf, &len, err) != 0)
        goto done;
    if (!utf8_valid(buf, len)) {
        snprintf(err, ERR_LEN, "%s: not UTF-8 text", path);
        goto done;
    }
    n = 0;
    const char *p = buf, *end = buf + len;
    while (p < end && n < max) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t line = nl ? (size_t)(nl - p) : (size_t)(end - p);
        size_t keep = trimmed(p, line);
        if (keep > NEWS_ITEM_MAX) {
            snprintf(err, ERR_LEN, "%s: an item is longer than %d bytes", path, NEWS_ITEM_MAX);
            n = -1;
            goto done;
        }
        if (keep > 0) {
            memcpy(items[n], p, keep);
            items[n][keep] = '\0';
            n++;
        }
        p += line + (nl ? 1 : 0);
    }
done:
    free(buf);
    return n;
}
