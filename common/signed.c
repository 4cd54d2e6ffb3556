/* signed.c: bundles, receipts and packs. See signed.h; byte layouts in FORMATS.md.
 *
 * Writers build the body with a ByteWriter and append crypto_sign_detached over it. Readers
 * check the magic, the version and the signature (with the key named in the file) before they
 * trust a single length, then walk the body with a ByteReader that never reads past the end.
 *
 * Each reader is three steps, *_frame (size, magic, version), check_signature and *_body (the
 * walk), and the *_parse_unverified entry points skip only the middle one. That split, rather
 * than a build flag that turns the signature check off, keeps one compiled form of this file:
 * the fuzzers reach the body walk that production runs, and the same binary still calls the
 * real verifying reader on the same bytes. */
#include "signed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "chorus_limits.h"
#include "seal.h"

/* Checks the magic of (buf, len) and that its version is from oldest to newest. */
static int check_magic(const uint8_t *buf, size_t len, const char *magic, const char *what,
                       int oldest, int newest, char *err)
{
    if (len < 5 || memcmp(buf, magic, 4) != 0) {
        snprintf(err, ERR_LEN, "byte 0: not a Chorus %s (bad magic)", what);
        return -1;
    }
    if (buf[4] < oldest || buf[4] > newest) {
        if (oldest == newest)
            snprintf(err, ERR_LEN, "byte 4: %s version %u is not supported (only %d)", what,
                     buf[4], newest);
        else
            snprintf(err, ERR_LEN, "byte 4: %s version %u is not supported (only %d to %d)",
                     what, buf[4], oldest, newest);
        return -1;
    }
    return 0;
}

/* Checks the magic and the version of (buf, len), and that it is long enough to hold the
 * signer's public key at key_at and the signature. Returns 0 with *body_len (the bytes before the
 * signature), or -1 with err. */
static int check_frame_of(const uint8_t *buf, size_t len, const char *magic, const char *what,
                          int oldest, int newest, size_t key_at, size_t *body_len, char *err)
{
    if (check_magic(buf, len, magic, what, oldest, newest, err) != 0)
        return -1;
    if (len < key_at + SIGN_PK_LEN + SIG_LEN) {
        snprintf(err, ERR_LEN, "%s is truncated (%zu bytes)", what, len);
        return -1;
    }
    *body_len = len - SIG_LEN;
    return 0;
}

/* check_frame_of for receipts and packs: one version, SIGNED_VERSION. */
static int check_frame(const uint8_t *buf, size_t len, const char *magic, const char *what,
                       size_t key_at, size_t *body_len, char *err)
{
    return check_frame_of(buf, len, magic, what, SIGNED_VERSION, SIGNED_VERSION, key_at, body_len,
                          err);
}

/* Checks the signature after body_len bytes of buf with the public key at key_at. */
static int check_signature(const uint8_t *buf, size_t body_len, const char *what, size_t key_at,
                           char *err)
{
    if (crypto_sign_verify_detached(buf + body_len, buf, body_len, buf + key_at) != 0) {
        snprintf(err, ERR_LEN, "byte %zu: the signature does not match (damaged or forged %s)",
                 body_len, what);
        return -1;
    }
    return 0;
}

/* Signs w's bytes and hands them to the caller. */
static int finish(ByteWriter *w, const uint8_t *sk, uint8_t **out, size_t *len, char *err)
{
    uint8_t *sig = bw_reserve(w, SIG_LEN);
    if (w->over || !sig) {
        snprintf(err, ERR_LEN, "too large to write");
        free(w->buf);
        return -1;
    }
    crypto_sign_detached(sig, NULL, w->buf, w->len - SIG_LEN, sk);
    *out = w->buf;
    *len = w->len;
    return 0;
}

static int writer(ByteWriter *w, size_t cap, char *err)
{
    w->buf = malloc(cap);
    w->cap = cap;
    w->len = 0;
    w->over = 0;
    if (!w->buf) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    return 0;
}

/* ---- bundles: "CHRB" v2 | kiosk pk[32] | u64 sequence | u32 count
 *               | count * (id[16] u32 len sealed) | sig
 * (version 1 has no sequence) ---- */

int bundle_write(const uint8_t *kiosk_sk, uint64_t sequence, const BundleRecord *records,
                 uint32_t count, uint8_t **out, size_t *len, char *err)
{
    if (count > BUNDLE_RECORDS_MAX || sequence > BUNDLE_SEQUENCE_MAX) {
        snprintf(err, ERR_LEN, "%u records (the limit is %u), sequence %llu", count,
                 BUNDLE_RECORDS_MAX, (unsigned long long)sequence);
        return -1;
    }
    size_t cap = BUNDLE_HEAD_LEN + 4 + SIG_LEN;
    for (uint32_t i = 0; i < count; i++)
        cap += RESPONSE_ID_LEN + 4 + records[i].len;
    if (cap > BUNDLE_FILE_MAX) {
        snprintf(err, ERR_LEN, "bundle of %zu bytes is over the limit of %u", cap,
                 BUNDLE_FILE_MAX);
        return -1;
    }
    ByteWriter w;
    if (writer(&w, cap, err) != 0)
        return -1;
    uint8_t pk[SIGN_PK_LEN];
    crypto_sign_ed25519_sk_to_pk(pk, kiosk_sk);
    bw_bytes(&w, BUNDLE_MAGIC, 4);
    bw_u8(&w, BUNDLE_VERSION);
    bw_bytes(&w, pk, sizeof pk);
    bw_u64(&w, sequence);
    bw_u32(&w, count);
    for (uint32_t i = 0; i < count; i++) {
        bw_bytes(&w, records[i].id, RESPONSE_ID_LEN);
        bw_u32(&w, (uint32_t)records[i].len);
        bw_bytes(&w, records[i].sealed, records[i].len);
    }
    return finish(&w, kiosk_sk, out, len, err);
}

static int id_cmp(const void *x, const void *y) { return memcmp(x, y, RESPONSE_ID_LEN); }

/* 1 if any of n ids repeats; the ids start at first, stride bytes from one to the next. */
static int has_duplicate(const uint8_t *first, size_t stride, uint32_t n)
{
    if (n < 2)
        return 0;
    uint8_t *ids = malloc((size_t)n * RESPONSE_ID_LEN);
    if (!ids)
        return 1; /* can't tell: refuse rather than store twice */
    for (uint32_t i = 0; i < n; i++)
        memcpy(ids + (size_t)i * RESPONSE_ID_LEN, first + (size_t)i * stride, RESPONSE_ID_LEN);
    qsort(ids, n, RESPONSE_ID_LEN, id_cmp);
    int dup = 0;
    for (uint32_t i = 1; i < n && !dup; i++)
        dup = memcmp(ids + (size_t)(i - 1) * RESPONSE_ID_LEN, ids + (size_t)i * RESPONSE_ID_LEN,
                     RESPONSE_ID_LEN) == 0;
    free(ids);
    return dup;
}

/* The size limit, magic and version of a bundle; *body is the length before the signature. */
static int bundle_frame(const uint8_t *buf, size_t len, Bundle *b, size_t *body, char *err)
{
    memset(b, 0, sizeof *b);
    if (len > BUNDLE_FILE_MAX) {
        snprintf(err, ERR_LEN, "bundle of %zu bytes is over the limit of %u", len,
                 BUNDLE_FILE_MAX);
        return -1;
    }
    return check_frame_of(buf, len, BUNDLE_MAGIC, "bundle", BUNDLE_VERSION_OLDEST, BUNDLE_VERSION,
                          5, body, err);
}

int bundle_peek(const uint8_t *head, size_t len, uint8_t pk[SIGN_PK_LEN], uint64_t *sequence,
                char *err)
{
    if (check_magic(head, len, BUNDLE_MAGIC, "bundle", BUNDLE_VERSION_OLDEST, BUNDLE_VERSION,
                    err) != 0)
        return -1;
    size_t need = 5 + SIGN_PK_LEN + (head[4] >= 2 ? 8 : 0);
    if (len < need) {
        snprintf(err, ERR_LEN, "bundle is truncated (%zu bytes)", len);
        return -1;
    }
    memcpy(pk, head + 5, SIGN_PK_LEN);
    *sequence = head[4] >= 2 ? load_u64(head + 5 + SIGN_PK_LEN) : 0;
    if (*sequence > BUNDLE_SEQUENCE_MAX) {
        snprintf(err, ERR_LEN, "byte %d: bad bundle sequence number", 5 + SIGN_PK_LEN);
        return -1;
    }
    return 0;
}

/* Walks the body (buf's first body bytes, after a checked frame) into b. */
static int bundle_body(const uint8_t *buf, size_t body, Arena *a, Bundle *b, char *err)
{
    ByteReader r = {buf, body, 5, 0};
    memcpy(b->kiosk_pk, br_take(&r, SIGN_PK_LEN), SIGN_PK_LEN);
    b->version = buf[4];
    size_t at = r.pos;
    b->sequence = b->version >= 2 ? br_u64(&r) : 0;
    if (r.short_ || b->sequence > BUNDLE_SEQUENCE_MAX) {
        snprintf(err, ERR_LEN, "byte %zu: bad bundle sequence number", at);
        return -1;
    }
    at = r.pos;
    b->count = br_u32(&r);
    if (r.short_ || b->count > BUNDLE_RECORDS_MAX ||
        b->count > (body - r.pos) / (RESPONSE_ID_LEN + 4)) {
        snprintf(err, ERR_LEN, "byte %zu: record count %u does not fit the bundle", at, b->count);
        return -1;
    }
    b->records = arena_alloc(a, sizeof(BundleRecord) * (b->count ? b->count : 1));
    if (!b->records) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    for (uint32_t i = 0; i < b->count; i++) {
        BundleRecord *rec = &b->records[i];
        at = r.pos;
        const uint8_t *id = br_take(&r, RESPONSE_ID_LEN);
        uint32_t n = br_u32(&r);
        if (r.short_ || n < SEAL_OVERHEAD || n > RESPONSE_ENCODED_MAX + SEAL_OVERHEAD) {
            snprintf(err, ERR_LEN, "byte %zu: record %u has a bad length", at, i + 1);
            return -1;
        }
        rec->sealed = br_take(&r, n);
        if (!rec->sealed) {
            snprintf(err, ERR_LEN, "byte %zu: record %u runs past the end", at, i + 1);
            return -1;
        }
        memcpy(rec->id, id, RESPONSE_ID_LEN);
        rec->len = n;
    }
    if (r.pos != body) {
        snprintf(err, ERR_LEN, "byte %zu: %zu unexpected bytes after the last record", r.pos,
                 body - r.pos);
        return -1;
    }
    if (has_duplicate(b->records[0].id, sizeof(BundleRecord), b->count)) {
        snprintf(err, ERR_LEN, "a response id appears twice in the bundle");
        return -1;
    }
    return 0;
}

int bundle_read(const uint8_t *buf, size_t len, Arena *a, Bundle *b, char *err)
{
    size_t body;
    if (bundle_frame(buf, len, b, &body, err) != 0 ||
        check_signature(buf, body, "bundle", 5, err) != 0)
        return -1;
    return bundle_body(buf, body, a, b, err);
}

int bundle_parse_unverified(const uint8_t *buf, size_t len, Arena *a, Bundle *b, char *err)
{
    size_t body;
    if (bundle_frame(buf, len, b, &body, err) != 0)
        return -1;
    return bundle_body(buf, body, a, b, err);
}

/* ---- receipts: "CHRR" v1 | council pk[32] | kiosk pk[32] | u32 count | ids | sig ---- */

int receipt_write(const uint8_t *council_sk, const uint8_t kiosk_pk[SIGN_PK_LEN],
                  const uint8_t *ids, uint32_t count, uint8_t **out, size_t *len, char *err)
{
    if (count > BUNDLE_RECORDS_MAX) {
        snprintf(err, ERR_LEN, "%u ids (the limit is %u)", count, BUNDLE_RECORDS_MAX);
        return -1;
    }
    ByteWriter w;
    if (writer(&w, 4 + 1 + 2 * SIGN_PK_LEN + 4 + (size_t)count * RESPONSE_ID_LEN + SIG_LEN,
               err) != 0)
        return -1;
    uint8_t pk[SIGN_PK_LEN];
    crypto_sign_ed25519_sk_to_pk(pk, council_sk);
    bw_bytes(&w, RECEIPT_MAGIC, 4);
    bw_u8(&w, SIGNED_VERSION);
    bw_bytes(&w, pk, sizeof pk);
    bw_bytes(&w, kiosk_pk, SIGN_PK_LEN);
    bw_u32(&w, count);
    bw_bytes(&w, ids, (size_t)count * RESPONSE_ID_LEN);
    return finish(&w, council_sk, out, len, err);
}

/* Walks the body of a receipt (buf's first body bytes, after a checked frame) into rc. */
static int receipt_body(const uint8_t *buf, size_t body, Receipt *rc, char *err)
{
    ByteReader r = {buf, body, 5, 0};
    memcpy(rc->council_pk, br_take(&r, SIGN_PK_LEN), SIGN_PK_LEN);
    const uint8_t *kpk = br_take(&r, SIGN_PK_LEN);
    size_t at = r.pos;
    rc->count = br_u32(&r);
    if (!kpk || r.short_ || rc->count > BUNDLE_RECORDS_MAX ||
        (size_t)rc->count * RESPONSE_ID_LEN != body - r.pos) {
        snprintf(err, ERR_LEN, "byte %zu: id count does not match the receipt's length", at);
        return -1;
    }
    memcpy(rc->kiosk_pk, kpk, SIGN_PK_LEN);
    rc->ids = buf + r.pos;
    if (has_duplicate(rc->ids, RESPONSE_ID_LEN, rc->count)) {
        snprintf(err, ERR_LEN, "an id appears twice in the receipt");
        return -1;
    }
    return 0;
}

int receipt_read(const uint8_t *buf, size_t len, Receipt *rc, char *err)
{
    size_t body;
    memset(rc, 0, sizeof *rc);
    if (check_frame(buf, len, RECEIPT_MAGIC, "receipt", 5, &body, err) != 0 ||
        check_signature(buf, body, "receipt", 5, err) != 0)
        return -1;
    return receipt_body(buf, body, rc, err);
}

int receipt_parse_unverified(const uint8_t *buf, size_t len, Receipt *rc, char *err)
{
    size_t body;
    memset(rc, 0, sizeof *rc);
    if (check_frame(buf, len, RECEIPT_MAGIC, "receipt", 5, &body, err) != 0)
        return -1;
    return receipt_body(buf, body, rc, err);
}

/* ---- packs: "CHRP" v1 | council pk[32] | u64 sequence | box pk[32] | u16 n
 *             | n * (u8 kind, u8 name length, name, u32 length, bytes) | sig ---- */

static int pack_name_ok(const char *name, size_t n)
{
    if (n == 0 || n > SURVEY_NAME_MAX || name[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') &&
            c != '_' && c != '-' && c != '.')
            return 0;
    }
    return 1;
}

int pack_write(const uint8_t *council_sk, uint64_t sequence,
               const uint8_t box_pk[crypto_box_PUBLICKEYBYTES], const PackFile *files,
               int nfiles, uint8_t **out, size_t *len, char *err)
{
    if (nfiles < 0 || nfiles > PACK_FILES_MAX) {
        snprintf(err, ERR_LEN, "%d files (the limit is %d)", nfiles, PACK_FILES_MAX);
        return -1;
    }
    size_t cap = 4 + 1 + SIGN_PK_LEN + 8 + crypto_box_PUBLICKEYBYTES + 2 + SIG_LEN;
    for (int i = 0; i < nfiles; i++) {
        size_t n = strlen(files[i].name);
        if (!pack_name_ok(files[i].name, n) || files[i].kind < PACK_SURVEY ||
            files[i].kind > PACK_SETTINGS) {
            snprintf(err, ERR_LEN, "'%s' cannot go in a pack (a plain file name of letters, "
                                   "digits, '_', '-', '.')",
                     files[i].name);
            return -1;
        }
        cap += 1 + 1 + n + 4 + files[i].len;
    }
    if (cap > PACK_FILE_MAX) {
        snprintf(err, ERR_LEN, "pack of %zu bytes is over the limit of %u", cap, PACK_FILE_MAX);
        return -1;
    }
    ByteWriter w;
    if (writer(&w, cap, err) != 0)
        return -1;
    uint8_t pk[SIGN_PK_LEN];
    crypto_sign_ed25519_sk_to_pk(pk, council_sk);
    bw_bytes(&w, PACK_MAGIC, 4);
    bw_u8(&w, SIGNED_VERSION);
    bw_bytes(&w, pk, sizeof pk);
    bw_u64(&w, sequence);
    bw_bytes(&w, box_pk, crypto_box_PUBLICKEYBYTES);
    bw_u16(&w, (uint16_t)nfiles);
    for (int i = 0; i < nfiles; i++) {
        size_t n = strlen(files[i].name);
        bw_u8(&w, (uint8_t)files[i].kind);
        bw_u8(&w, (uint8_t)n);
        bw_bytes(&w, files[i].name, n);
        bw_u32(&w, (uint32_t)files[i].len);
        bw_bytes(&w, files[i].data, files[i].len);
    }
    return finish(&w, council_sk, out, len, err);
}

/* The size limit, magic and version of a pack; *body is the length before the signature. */
static int pack_frame(const uint8_t *buf, size_t len, Pack *p, size_t *body, char *err)
{
    memset(p, 0, sizeof *p);
    if (len > PACK_FILE_MAX) {
        snprintf(err, ERR_LEN, "pack of %zu bytes is over the limit of %u", len, PACK_FILE_MAX);
        return -1;
    }
    return check_frame(buf, len, PACK_MAGIC, "pack", 5, body, err);
}

/* Walks the body of a pack (buf's first body bytes, after a checked frame) into p. */
static int pack_body(const uint8_t *buf, size_t body, Arena *a, Pack *p, char *err)
{
    ByteReader r = {buf, body, 5, 0};
    memcpy(p->council_pk, br_take(&r, SIGN_PK_LEN), SIGN_PK_LEN);
    p->sequence = br_u64(&r);
    const uint8_t *box = br_take(&r, crypto_box_PUBLICKEYBYTES);
    size_t at = r.pos;
    uint16_t n = br_u16(&r);
    if (!box || r.short_ || n > PACK_FILES_MAX) {
        snprintf(err, ERR_LEN, "byte %zu: bad pack header or file count", at);
        return -1;
    }
    memcpy(p->box_pk, box, crypto_box_PUBLICKEYBYTES);
    p->files = arena_alloc(a, sizeof(PackFile) * (n ? n : 1));
    if (!p->files) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        PackFile *f = &p->files[i];
        at = r.pos;
        uint8_t kind = br_u8(&r);
        uint8_t nl = br_u8(&r);
        const uint8_t *name = br_take(&r, nl);
        uint32_t dl = br_u32(&r);
        const uint8_t *data = r.short_ ? NULL : br_take(&r, dl);
        if (!name || !data) {
            snprintf(err, ERR_LEN, "byte %zu: file %d runs past the end", at, i + 1);
            return -1;
        }
        if (kind < PACK_SURVEY || kind > PACK_SETTINGS || !pack_name_ok((const char *)name, nl)) {
            snprintf(err, ERR_LEN, "byte %zu: file %d has an unknown kind or a bad name", at,
                     i + 1);
            return -1;
        }
        for (int k = 0; k < i; k++) {
            if (strlen(p->files[k].name) == nl && memcmp(p->files[k].name, name, nl) == 0) {
                snprintf(err, ERR_LEN, "byte %zu: file name appears twice", at);
                return -1;
            }
        }
        f->kind = (PackKind)kind;
        f->name = arena_strndup(a, (const char *)name, nl);
        f->data = data;
        f->len = dl;
        if (!f->name) {
            snprintf(err, ERR_LEN, "out of memory");
            return -1;
        }
    }
    if (r.pos != body) {
        snprintf(err, ERR_LEN, "byte %zu: %zu unexpected bytes after the last file", r.pos,
                 body - r.pos);
        return -1;
    }
    p->nfiles = n;
    return 0;
}

int pack_read(const uint8_t *buf, size_t len, Arena *a, Pack *p, char *err)
{
    size_t body;
    if (pack_frame(buf, len, p, &body, err) != 0 || check_signature(buf, body, "pack", 5, err) != 0)
        return -1;
    return pack_body(buf, body, a, p, err);
}

int pack_parse_unverified(const uint8_t *buf, size_t len, Arena *a, Pack *p, char *err)
{
    size_t body;
    if (pack_frame(buf, len, p, &body, err) != 0)
        return -1;
    return pack_body(buf, body, a, p, err);
}

/* ---- provisioning files: "CHRK" v1 | council pk[32] | u8 name length, name
 *                          | u32 pack length, pack | sig ---- */

/* 1 if (s, n) can be shown to a worker as a council's name: 1 to PROVISION_NAME_MAX bytes of
 * UTF-8 with no control characters, not starting or ending with a space. */
static int provision_name_ok(const char *s, size_t n)
{
    if (n == 0 || n > PROVISION_NAME_MAX || s[0] == ' ' || s[n - 1] == ' ' ||
        !utf8_valid(s, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 0;
    return 1;
}

int provision_write(const uint8_t *council_sk, const char *name, const uint8_t *pack,
                    size_t pack_len, uint8_t **out, size_t *len, char *err)
{
    size_t n = strlen(name);
    if (!provision_name_ok(name, n)) {
        snprintf(err, ERR_LEN,
                 "the council's name must be 1 to %d bytes of UTF-8 text, no control characters "
                 "and no space at either end",
                 PROVISION_NAME_MAX);
        return -1;
    }
    if (pack_len > PACK_FILE_MAX) {
        snprintf(err, ERR_LEN, "pack of %zu bytes is over the limit of %u", pack_len,
                 PACK_FILE_MAX);
        return -1;
    }
    ByteWriter w;
    if (writer(&w, 4 + 1 + SIGN_PK_LEN + 1 + n + 4 + pack_len + SIG_LEN, err) != 0)
        return -1;
    uint8_t pk[SIGN_PK_LEN];
    crypto_sign_ed25519_sk_to_pk(pk, council_sk);
    bw_bytes(&w, PROVISION_MAGIC, 4);
    bw_u8(&w, SIGNED_VERSION);
    bw_bytes(&w, pk, sizeof pk);
    bw_u8(&w, (uint8_t)n);
    bw_bytes(&w, name, n);
    bw_u32(&w, (uint32_t)pack_len);
    bw_bytes(&w, pack, pack_len);
    return finish(&w, council_sk, out, len, err);
}

static int provision_frame(const uint8_t *buf, size_t len, Provision *s, size_t *body, char *err)
{
    memset(s, 0, sizeof *s);
    if (len > PROVISION_FILE_MAX) {
        snprintf(err, ERR_LEN, "provisioning file of %zu bytes is over the limit of %u", len,
                 PROVISION_FILE_MAX);
        return -1;
    }
    return check_frame(buf, len, PROVISION_MAGIC, "provisioning file", 5, body, err);
}

/* The body after a checked frame; the pack inside is read by read_pack (pack_read, or
 * pack_parse_unverified for the fuzzers) and must be signed by the same key. */
static int provision_body(const uint8_t *buf, size_t body, Arena *a, Provision *s, Pack *p,
                          int (*read_pack)(const uint8_t *, size_t, Arena *, Pack *, char *),
                          char *err)
{
    ByteReader r = {buf, body, 5, 0};
    memcpy(s->council_pk, br_take(&r, SIGN_PK_LEN), SIGN_PK_LEN);
    size_t at = r.pos;
    uint8_t n = br_u8(&r);
    const uint8_t *name = br_take(&r, n);
    if (!name || !provision_name_ok((const char *)name, n)) {
        snprintf(err, ERR_LEN,
                 "byte %zu: the council's name is missing, too long, or not plain UTF-8 text", at);
        return -1;
    }
    memcpy(s->name, name, n);
    s->name[n] = '\0';
    at = r.pos;
    uint32_t pl = br_u32(&r);
    const uint8_t *pack = r.short_ ? NULL : br_take(&r, pl);
    if (!pack) {
        snprintf(err, ERR_LEN, "byte %zu: the pack runs past the end", at);
        return -1;
    }
    if (r.pos != body) {
        snprintf(err, ERR_LEN, "byte %zu: %zu unexpected bytes after the pack", r.pos,
                 body - r.pos);
        return -1;
    }
    char why[ERR_LEN];
    if (read_pack(pack, pl, a, p, why) != 0) {
        snprintf(err, ERR_LEN, "byte %zu: the pack inside is not sound: %s", at + 4, why);
        return -1;
    }
    if (sodium_memcmp(p->council_pk, s->council_pk, SIGN_PK_LEN) != 0) {
        snprintf(err, ERR_LEN,
                 "byte %zu: the pack inside is signed by another key than the provisioning file",
                 at + 4);
        return -1;
    }
    s->pack = pack;
    s->pack_len = pl;
    return 0;
}

int provision_read(const uint8_t *buf, size_t len, Arena *a, Provision *s, Pack *p, char *err)
{
    size_t body;
    if (provision_frame(buf, len, s, &body, err) != 0 ||
        check_signature(buf, body, "provisioning file", 5, err) != 0)
        return -1;
    return provision_body(buf, body, a, s, p, pack_read, err);
}

int provision_parse_unverified(const uint8_t *buf, size_t len, Arena *a, Provision *s, Pack *p,
                               char *err)
{
    size_t body;
    if (provision_frame(buf, len, s, &body, err) != 0)
        return -1;
    return provision_body(buf, body, a, s, p, pack_parse_unverified, err);
}
