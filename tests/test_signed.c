/* test_signed.c: bundles, receipts and packs: round trips, and every tampering refused.
 *
 * Tampering is generated: every truncation, every single flipped byte of the header and of a
 * record boundary, records dropped, duplicated and swapped (re-signed by an attacker with another
 * key, or not re-signed), and the signer's key replaced. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "signed.h"
#include "test.h"

static uint8_t kiosk_pk[SIGN_PK_LEN], kiosk_sk[SIGN_SK_LEN];
static uint8_t council_pk[SIGN_PK_LEN], council_sk[SIGN_SK_LEN];

/* n fake sealed records of varying length (the bundle does not open them). */
static BundleRecord *records(uint32_t n, uint8_t **pool)
{
    BundleRecord *r = calloc(n, sizeof *r);
    *pool = malloc((size_t)n * 200);
    for (uint32_t i = 0; i < n; i++) {
        randombytes_buf(r[i].id, RESPONSE_ID_LEN);
        r[i].len = 48 + 16 * i;
        r[i].sealed = *pool + (size_t)i * 200;
        randombytes_buf(*pool + (size_t)i * 200, r[i].len);
    }
    return r;
}

static int reads(const uint8_t *buf, size_t len)
{
    Arena *a = arena_new();
    Bundle b;
    char err[ERR_LEN];
    int rc = bundle_read(buf, len, a, &b, err);
    arena_free(a);
    return rc == 0;
}

static void test_bundle_round_trip(void)
{
    uint8_t *pool, *out = NULL;
    size_t len;
    char err[ERR_LEN];
    BundleRecord *r = records(5, &pool);
    CHECK(bundle_write(kiosk_sk, 7, r, 5, &out, &len, err) == 0);
    Arena *a = arena_new();
    Bundle b;
    CHECK(bundle_read(out, len, a, &b, err) == 0);
    CHECK_INT(b.count, 5);
    CHECK_INT(b.version, BUNDLE_VERSION);
    CHECK_INT(b.sequence, 7);
    CHECK(memcmp(b.kiosk_pk, kiosk_pk, SIGN_PK_LEN) == 0);
    /* The head alone names the kiosk and the number, from the first bytes. */
    uint8_t pk[SIGN_PK_LEN];
    uint64_t seq = 0;
    CHECK(bundle_peek(out, BUNDLE_HEAD_LEN, pk, &seq, err) == 0);
    CHECK(memcmp(pk, kiosk_pk, SIGN_PK_LEN) == 0);
    CHECK_INT(seq, 7);
    CHECK(bundle_peek(out, BUNDLE_HEAD_LEN - 1, pk, &seq, err) != 0);
    CHECK(bundle_peek(out, 4, pk, &seq, err) != 0);
    for (uint32_t i = 0; i < b.count && i < 5; i++) {
        CHECK(memcmp(b.records[i].id, r[i].id, RESPONSE_ID_LEN) == 0);
        CHECK_INT(b.records[i].len, r[i].len);
        CHECK(memcmp(b.records[i].sealed, r[i].sealed, r[i].len) == 0);
    }
    arena_free(a);
    /* An empty bundle is a valid bundle. */
    uint8_t *empty = NULL;
    size_t elen;
    CHECK(bundle_write(kiosk_sk, 1, r, 0, &empty, &elen, err) == 0);
    CHECK(reads(empty, elen));
    free(empty);
    free(out);
    free(r);
    free(pool);
}

/* The bundle (buf, len) of 4 records rebuilt with the records in this order (an index may
 * repeat or be left out) and the count to match, keeping the original signature: the
 * records moved by someone without the kiosk's key. Returns the new length. */
static size_t splice(const uint8_t *buf, size_t len, const int *order, int n, uint8_t *out)
{
    const size_t head = BUNDLE_HEAD_LEN;
    size_t at[5];
    at[0] = head + 4;
    for (int i = 0; i < 4; i++) {
        size_t sl = (size_t)buf[at[i] + 16] | (size_t)buf[at[i] + 17] << 8 |
                    (size_t)buf[at[i] + 18] << 16 | (size_t)buf[at[i] + 19] << 24;
        at[i + 1] = at[i] + 16 + 4 + sl;
    }
    CHECK(at[4] + SIG_LEN == len);
    memcpy(out, buf, head);
    size_t o = head;
    out[o++] = (uint8_t)n, out[o++] = 0, out[o++] = 0, out[o++] = 0;
    for (int i = 0; i < n; i++) {
        memcpy(out + o, buf + at[order[i]], at[order[i] + 1] - at[order[i]]);
        o += at[order[i] + 1] - at[order[i]];
    }
    memcpy(out + o, buf + len - SIG_LEN, SIG_LEN);
    return o + SIG_LEN;
}

/* A version 1 bundle (as kiosks wrote before sequence numbers; some are still on sticks): the
 * version 2 layout without its 8 sequence bytes, signed again. Still read, as sequence 0. */
static void test_bundle_version_1(void)
{
    uint8_t *pool, *out = NULL;
    size_t len;
    char err[ERR_LEN];
    BundleRecord *r = records(3, &pool);
    CHECK(bundle_write(kiosk_sk, 9, r, 3, &out, &len, err) == 0);
    size_t v1len = len - 8;
    uint8_t *v1 = malloc(len);
    memcpy(v1, out, 5 + SIGN_PK_LEN);
    v1[4] = 1;
    memcpy(v1 + 5 + SIGN_PK_LEN, out + BUNDLE_HEAD_LEN, len - BUNDLE_HEAD_LEN - SIG_LEN);
    crypto_sign_detached(v1 + v1len - SIG_LEN, NULL, v1, v1len - SIG_LEN, kiosk_sk);
    Arena *a = arena_new();
    Bundle b;
    CHECK(bundle_read(v1, v1len, a, &b, err) == 0);
    CHECK_INT(b.version, 1);
    CHECK_INT(b.sequence, 0);
    CHECK_INT(b.count, 3);
    for (uint32_t i = 0; i < b.count && i < 3; i++)
        CHECK(memcmp(b.records[i].id, r[i].id, RESPONSE_ID_LEN) == 0 &&
              b.records[i].len == r[i].len);
    uint8_t pk[SIGN_PK_LEN];
    uint64_t seq = 99;
    CHECK(bundle_peek(v1, 5 + SIGN_PK_LEN, pk, &seq, err) == 0);
    CHECK_INT(seq, 0);
    /* every truncation and every flipped byte of the old layout is refused too */
    int refused = 1;
    for (size_t n = 0; n < v1len; n++)
        refused &= !reads(v1, n);
    for (size_t i = 0; i < v1len; i++) {
        v1[i] ^= 0x01;
        refused &= !reads(v1, v1len);
        v1[i] ^= 0x01;
    }
    CHECK(refused);
    /* a number larger than a database holds, well signed: refused */
    out[BUNDLE_HEAD_LEN - 1] = 0x80;
    crypto_sign_detached(out + len - SIG_LEN, NULL, out, len - SIG_LEN, kiosk_sk);
    CHECK(!reads(out, len));
    CHECK(bundle_peek(out, BUNDLE_HEAD_LEN, pk, &seq, err) != 0);
    CHECK(bundle_write(kiosk_sk, (uint64_t)BUNDLE_SEQUENCE_MAX + 1, r, 3, &v1, &len, err) != 0);
    arena_free(a);
    free(v1);
    free(out);
    free(r);
    free(pool);
}

static void test_bundle_tampering(void)
{
    uint8_t *pool, *out = NULL;
    size_t len;
    char err[ERR_LEN];
    BundleRecord *r = records(4, &pool);
    CHECK(bundle_write(kiosk_sk, 1, r, 4, &out, &len, err) == 0);
    uint8_t *copy = malloc(len + 64);
    /* Every truncation, including at each record boundary. */
    int refused = 1;
    for (size_t n = 0; n < len; n++)
        refused &= !reads(out, n);
    CHECK(refused);
    /* Every single byte flipped, header, records and signature alike. */
    refused = 1;
    for (size_t i = 0; i < len; i++) {
        memcpy(copy, out, len);
        copy[i] ^= 0x01;
        refused &= !reads(copy, len);
    }
    CHECK(refused);
    /* Records swapped, dropped or duplicated, the count kept true, the signature kept. */
    uint8_t *moved = malloc(2 * len);
    static const struct {
        int n, order[5];
    } moves[] = {{4, {1, 0, 2, 3}}, {4, {0, 1, 3, 2}}, {3, {0, 1, 2}},   {3, {1, 2, 3}},
                 {3, {0, 2, 3}},    {5, {0, 1, 2, 3, 3}}, {5, {0, 0, 1, 2, 3}}, {4, {0, 1, 2, 3}}};
    for (size_t m = 0; m < sizeof moves / sizeof *moves; m++) {
        size_t mlen = splice(out, len, moves[m].order, moves[m].n, moved);
        /* the last one is the bundle unchanged: the splicing itself is sound */
        CHECK(reads(moved, mlen) == (m == sizeof moves / sizeof *moves - 1));
    }
    free(moved);
    /* A byte appended. */
    memcpy(copy, out, len);
    copy[len] = 0;
    CHECK(!reads(copy, len + 1));
    /* The attacker's own key: well signed, but by another kiosk (the importer checks enrolment),
     * and a record dropped, duplicated or swapped under the real kiosk's key is not signed. */
    uint8_t apk[SIGN_PK_LEN], ask[SIGN_SK_LEN];
    crypto_sign_keypair(apk, ask);
    uint8_t *forged = NULL;
    size_t flen;
    CHECK(bundle_write(ask, 1, r, 3, &forged, &flen, err) == 0);
    Arena *a = arena_new();
    Bundle b;
    CHECK(bundle_read(forged, flen, a, &b, err) == 0);
    CHECK(memcmp(b.kiosk_pk, kiosk_pk, SIGN_PK_LEN) != 0);
    memcpy(forged + 5, kiosk_pk, SIGN_PK_LEN); /* claim to be the real kiosk */
    CHECK(!reads(forged, flen));
    arena_free(a);
    free(forged);
    /* A duplicated record is refused even when properly signed. */
    BundleRecord dup[3] = {r[0], r[1], r[0]};
    CHECK(bundle_write(kiosk_sk, 1, dup, 3, &forged, &flen, err) == 0);
    CHECK(!reads(forged, flen));
    free(forged);
    /* A wrong version, even re-signed. */
    memcpy(copy, out, len);
    copy[4] = BUNDLE_VERSION + 1;
    crypto_sign_detached(copy + len - SIG_LEN, NULL, copy, len - SIG_LEN, kiosk_sk);
    a = arena_new();
    CHECK(bundle_read(copy, len, a, &b, err) != 0);
    CHECK(strstr(err, "version 3") != NULL);
    arena_free(a);
    /* A count that lies, re-signed: refused by the length checks, not by the signature. */
    memcpy(copy, out, len);
    copy[BUNDLE_HEAD_LEN] = 5;
    crypto_sign_detached(copy + len - SIG_LEN, NULL, copy, len - SIG_LEN, kiosk_sk);
    CHECK(!reads(copy, len));
    free(copy);
    free(out);
    free(r);
    free(pool);
}

static void test_receipt(void)
{
    uint8_t ids[3 * RESPONSE_ID_LEN], *out = NULL;
    size_t len;
    char err[ERR_LEN];
    randombytes_buf(ids, sizeof ids);
    CHECK(receipt_write(council_sk, kiosk_pk, ids, 3, &out, &len, err) == 0);
    Receipt rc;
    CHECK(receipt_read(out, len, &rc, err) == 0);
    CHECK_INT(rc.count, 3);
    CHECK(memcmp(rc.council_pk, council_pk, SIGN_PK_LEN) == 0);
    CHECK(memcmp(rc.kiosk_pk, kiosk_pk, SIGN_PK_LEN) == 0);
    CHECK(memcmp(rc.ids, ids, sizeof ids) == 0);
    int refused = 1;
    for (size_t n = 0; n < len; n++)
        refused &= receipt_read(out, n, &rc, err) != 0;
    uint8_t *copy = malloc(len);
    for (size_t i = 0; i < len; i++) {
        memcpy(copy, out, len);
        copy[i] ^= 0x80;
        refused &= receipt_read(copy, len, &rc, err) != 0;
    }
    CHECK(refused);
    free(copy);
    free(out);
    uint8_t twice[2 * RESPONSE_ID_LEN];
    memcpy(twice, ids, RESPONSE_ID_LEN);
    memcpy(twice + RESPONSE_ID_LEN, ids, RESPONSE_ID_LEN);
    CHECK(receipt_write(council_sk, kiosk_pk, twice, 2, &out, &len, err) == 0);
    CHECK(receipt_read(out, len, &rc, err) != 0);
    free(out);
}

static void test_pack(void)
{
    uint8_t box_pk[crypto_box_PUBLICKEYBYTES], box_sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(box_pk, box_sk);
    static const char survey[] = "survey,,\n,type,name,label\n,note,n,Hello\n";
    static const char news[] = "You said the hub was cold: we fixed the heating.\n";
    PackFile files[2] = {{PACK_SURVEY, "hello.csv", (const uint8_t *)survey, sizeof survey - 1},
                         {PACK_NEWS, "news.txt", (const uint8_t *)news, sizeof news - 1}};
    uint8_t *out = NULL;
    size_t len;
    char err[ERR_LEN];
    CHECK(pack_write(council_sk, 42, box_pk, files, 2, &out, &len, err) == 0);
    Arena *a = arena_new();
    Pack p;
    CHECK(pack_read(out, len, a, &p, err) == 0);
    CHECK_INT(p.sequence, 42);
    CHECK_INT(p.nfiles, 2);
    CHECK(memcmp(p.box_pk, box_pk, sizeof box_pk) == 0);
    CHECK(memcmp(p.council_pk, council_pk, SIGN_PK_LEN) == 0);
    if (p.nfiles == 2) {
        CHECK_STR(p.files[0].name, "hello.csv");
        CHECK_INT(p.files[1].kind, PACK_NEWS);
        CHECK(p.files[1].len == sizeof news - 1 && memcmp(p.files[1].data, news, p.files[1].len) == 0);
    }
    arena_free(a);
    int refused = 1;
    uint8_t *copy = malloc(len);
    for (size_t n = 0; n < len; n++) {
        a = arena_new();
        refused &= pack_read(out, n, a, &p, err) != 0;
        arena_free(a);
    }
    for (size_t i = 0; i < len; i++) {
        memcpy(copy, out, len);
        copy[i] ^= 0x04;
        a = arena_new();
        refused &= pack_read(copy, len, a, &p, err) != 0;
        arena_free(a);
    }
    CHECK(refused);
    free(copy);
    free(out);
    /* Names that could escape the pack folder are refused when writing. */
    PackFile bad = {PACK_SURVEY, "../evil.csv", (const uint8_t *)survey, sizeof survey - 1};
    CHECK(pack_write(council_sk, 1, box_pk, &bad, 1, &out, &len, err) != 0);
    PackFile hidden = {PACK_SURVEY, ".hidden", (const uint8_t *)survey, sizeof survey - 1};
    CHECK(pack_write(council_sk, 1, box_pk, &hidden, 1, &out, &len, err) != 0);
}

/* A provisioning file: round trip, every truncation and flipped byte refused, a pack inside
 * signed by another key refused though the whole is signed, names a worker could not read
 * refused when writing. */
static void test_provision(void)
{
    uint8_t box_pk[crypto_box_PUBLICKEYBYTES], box_sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(box_pk, box_sk);
    static const char survey[] = "survey,,\n,type,name,label\n,note,n,Hello\n";
    PackFile file = {PACK_SURVEY, "hello.csv", (const uint8_t *)survey, sizeof survey - 1};
    uint8_t *pack = NULL, *out = NULL, *other = NULL;
    size_t plen = 0, len = 0, olen = 0;
    char err[ERR_LEN];
    CHECK(pack_write(council_sk, 9, box_pk, &file, 1, &pack, &plen, err) == 0);
    CHECK(provision_write(council_sk, "Gateshead Council", pack, plen, &out, &len, err) == 0);
    Arena *a = arena_new();
    Provision pv;
    Pack p;
    CHECK(provision_read(out, len, a, &pv, &p, err) == 0);
    CHECK_STR(pv.name, "Gateshead Council");
    CHECK(memcmp(pv.council_pk, council_pk, SIGN_PK_LEN) == 0);
    CHECK(pv.pack_len == plen && memcmp(pv.pack, pack, plen) == 0);
    CHECK_INT(p.sequence, 9);
    arena_free(a);
    int refused = 1;
    uint8_t *copy = malloc(len);
    for (size_t n = 0; n < len; n++) {
        a = arena_new();
        refused &= provision_read(out, n, a, &pv, &p, err) != 0;
        arena_free(a);
    }
    for (size_t i = 0; i < len; i++) {
        memcpy(copy, out, len);
        copy[i] ^= 0x04;
        a = arena_new();
        refused &= provision_read(copy, len, a, &pv, &p, err) != 0;
        arena_free(a);
    }
    CHECK(refused);
    free(copy);
    /* a pack another key signed, in a file the council key signed */
    free(pack);
    CHECK(pack_write(kiosk_sk, 9, box_pk, &file, 1, &pack, &plen, err) == 0);
    CHECK(provision_write(council_sk, "Gateshead Council", pack, plen, &other, &olen, err) == 0);
    a = arena_new();
    CHECK(provision_read(other, olen, a, &pv, &p, err) != 0);
    CHECK(strstr(err, "signed by another key") != NULL);
    arena_free(a);
    free(other);
    /* a pack is not a provisioning file */
    a = arena_new();
    CHECK(provision_read(pack, plen, a, &pv, &p, err) != 0);
    CHECK(strstr(err, "not a Chorus provisioning file") != NULL);
    arena_free(a);
    static const char *const bad_names[] = {"", " Gateshead", "Gateshead ", "Gates\nhead",
                                            "\xff\xfe", "Gates\x7fhead"};
    for (size_t i = 0; i < sizeof bad_names / sizeof *bad_names; i++) {
        other = NULL;
        CHECK(provision_write(council_sk, bad_names[i], pack, plen, &other, &olen, err) != 0);
        free(other);
    }
    char longname[PROVISION_NAME_MAX + 2];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    other = NULL;
    CHECK(provision_write(council_sk, longname, pack, plen, &other, &olen, err) != 0);
    free(other);
    longname[PROVISION_NAME_MAX] = '\0';
    CHECK(provision_write(council_sk, longname, pack, plen, &other, &olen, err) == 0);
    free(other);
    free(pack);
    free(out);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    crypto_sign_keypair(kiosk_pk, kiosk_sk);
    crypto_sign_keypair(council_pk, council_sk);
    RUN(test_bundle_round_trip);
    RUN(test_bundle_version_1);
    RUN(test_bundle_tampering);
    RUN(test_receipt);
    RUN(test_pack);
    RUN(test_provision);
    return TEST_SUMMARY("signed");
}
