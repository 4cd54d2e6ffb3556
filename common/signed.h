/* signed.h: the signed files that travel between kiosk and council.
 *
 *   bundle   kiosk -> council   sealed responses, signed by the kiosk's Ed25519 key
 *   receipt  council -> kiosk   the response ids the council now holds, signed by the council
 *   pack     council -> kiosk   surveys, "you said, we did" items, settings, signed by the council
 *   provision  council -> a kiosk with no keys yet, on a stick: the council's name, its
 *              signing key and its first pack, signed by that key (chorus-sync provision)
 *
 * Each starts with a 4-byte magic and a version byte, keeps integers little-endian, checks every
 * length before use, and ends with a 64-byte Ed25519 signature over every byte before it. A
 * reader verifies the signature against the public key written in the file, and the caller then
 * decides whether it trusts that key (an enrolled kiosk, the pinned council). Layouts are in
 * FORMATS.md. Parsed records point into the caller's buffer, which must outlive them. */
#ifndef CHORUS_SIGNED_H
#define CHORUS_SIGNED_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "response.h"

#define BUNDLE_MAGIC "CHRB"
#define RECEIPT_MAGIC "CHRR"
#define PACK_MAGIC "CHRP"
#define PROVISION_MAGIC "CHRK"
#define SIGNED_VERSION 1 /* receipts and packs */
/* Bundles: version 2 adds the kiosk's bundle sequence number. Version 1 is still read (bundles
 * already on sticks or in folders when a kiosk is upgraded), as sequence 0. */
#define BUNDLE_VERSION 2
#define BUNDLE_VERSION_OLDEST 1
/* The unsigned head of a bundle: magic, version, kiosk key, sequence (version 2). */
#define BUNDLE_HEAD_LEN (4 + 1 + 32 + 8)

#define BUNDLE_FILE_MAX (512u * 1024 * 1024) /* bytes in one bundle file */
#define BUNDLE_RECORDS_MAX 1000000u
#define BUNDLE_SEQUENCE_MAX INT64_MAX /* a bundle's number, as databases store integers */
#define PACK_FILE_MAX (16u * 1024 * 1024)
#define PACK_FILES_MAX 64
#define PROVISION_NAME_MAX 100 /* bytes of the council's name in a provisioning file */
#define PROVISION_SUFFIX ".provision" /* what a kiosk looks for on a stick */
#define PROVISION_FILE_MAX (PACK_FILE_MAX + 4096u)

#define SIGN_PK_LEN crypto_sign_PUBLICKEYBYTES
#define SIGN_SK_LEN crypto_sign_SECRETKEYBYTES
#define SIG_LEN crypto_sign_BYTES

/* ---- bundles ---- */

typedef struct {
    uint8_t id[RESPONSE_ID_LEN]; /* the id the kiosk stored it under; must match the sealed id */
    const uint8_t *sealed;
    size_t len;
} BundleRecord;

typedef struct {
    uint8_t kiosk_pk[SIGN_PK_LEN];
    uint8_t version;       /* 1 or BUNDLE_VERSION */
    uint64_t sequence;     /* the kiosk's number for this bundle, from 1; 0 in a version 1 bundle */
    uint32_t count;
    BundleRecord *records; /* in the arena; sealed bytes point into the read buffer */
} Bundle;

/* Encodes records as bundle number sequence (BUNDLE_VERSION) and signs them with the kiosk's
 * secret key. Returns 0 with a malloc'd *out of *len bytes (caller frees), or -1 with err
 * (ERR_LEN). */
int bundle_write(const uint8_t *kiosk_sk, uint64_t sequence, const BundleRecord *records,
                 uint32_t count, uint8_t **out, size_t *len, char *err)
    __attribute__((warn_unused_result));

/* Reads the head of a bundle (its first len bytes; BUNDLE_HEAD_LEN is enough for every
 * version) without any check of its signature: the magic and version are checked, the kiosk
 * key and the sequence (0 for version 1) copied out. Only for refusing early, before the body
 * is read: a bundle from a key the council does not trust is refused from its first bytes.
 * Returns 0, or -1 with err (not a bundle, a version it does not know, too short). */
int bundle_peek(const uint8_t *head, size_t len, uint8_t pk[SIGN_PK_LEN], uint64_t *sequence,
                char *err) __attribute__((warn_unused_result));

/* Parses (buf, len) and verifies its signature with the kiosk key it names. Returns 0, or -1
 * with err naming the byte offset and the reason (not a bundle, a version it does not know,
 * truncated, a length past the end, trailing bytes, a bad signature, a duplicated id). */
int bundle_read(const uint8_t *buf, size_t len, Arena *a, Bundle *b, char *err)
    __attribute__((warn_unused_result));

/* ---- receipts ---- */

typedef struct {
    uint8_t council_pk[SIGN_PK_LEN]; /* the council key that signed it */
    uint8_t kiosk_pk[SIGN_PK_LEN];   /* the kiosk it is for */
    uint32_t count;
    const uint8_t *ids; /* count * RESPONSE_ID_LEN bytes, inside the read buffer */
} Receipt;

/* Encodes and signs a receipt for the kiosk kiosk_pk. Returns 0 with malloc'd *out, or -1. */
int receipt_write(const uint8_t *council_sk, const uint8_t kiosk_pk[SIGN_PK_LEN],
                  const uint8_t *ids, uint32_t count, uint8_t **out, size_t *len, char *err)
    __attribute__((warn_unused_result));

/* Parses and verifies a receipt. Returns 0, or -1 with err. */
int receipt_read(const uint8_t *buf, size_t len, Receipt *r, char *err)
    __attribute__((warn_unused_result));

/* ---- packs ---- */

typedef enum { PACK_SURVEY = 1, PACK_NEWS = 2, PACK_SETTINGS = 3 } PackKind;

typedef struct {
    PackKind kind;
    const char *name; /* a plain file name: no '/', no leading '.'; NUL-terminated in the arena */
    const uint8_t *data;
    size_t len;
} PackFile;

typedef struct {
    uint8_t council_pk[SIGN_PK_LEN];           /* the council signing key */
    uint64_t sequence;                          /* newer packs have larger numbers */
    uint8_t box_pk[crypto_box_PUBLICKEYBYTES]; /* the council key responses are sealed to */
    int nfiles;
    PackFile *files;
} Pack;

/* Encodes and signs a pack. Returns 0 with malloc'd *out, or -1 with err. */
int pack_write(const uint8_t *council_sk, uint64_t sequence,
               const uint8_t box_pk[crypto_box_PUBLICKEYBYTES], const PackFile *files,
               int nfiles, uint8_t **out, size_t *len, char *err)
    __attribute__((warn_unused_result));

/* Parses and verifies a pack. Returns 0, or -1 with err. */
int pack_read(const uint8_t *buf, size_t len, Arena *a, Pack *p, char *err)
    __attribute__((warn_unused_result));

/* ---- provisioning files ---- */

/* What a kiosk with no council keys is provisioned from: whose it is (the name the council gave
 * itself, its signing key) and the first pack, which carries the sealing key and the server's
 * URL and pin. The pack must be signed by the same key as the provisioning file. */
typedef struct {
    uint8_t council_pk[SIGN_PK_LEN];
    char name[PROVISION_NAME_MAX + 1]; /* UTF-8, no control characters */
    const uint8_t *pack;           /* the whole signed pack, pointing into the read buffer */
    size_t pack_len;
} Provision;

/* Encodes and signs a provisioning file for the council named name around the signed pack (pack,
 * pack_len). Returns 0 with malloc'd *out, or -1 with err (a bad name, a pack too large). */
int provision_write(const uint8_t *council_sk, const char *name, const uint8_t *pack,
                size_t pack_len, uint8_t **out, size_t *len, char *err)
    __attribute__((warn_unused_result));

/* Parses and verifies a provisioning file: its signature, and that the pack inside is a sound pack
 * signed by the same key (pack_read into p, with a). Returns 0, or -1 with err. */
int provision_read(const uint8_t *buf, size_t len, Arena *a, Provision *s, Pack *p, char *err)
    __attribute__((warn_unused_result));

/* ---- for the fuzzers and tests only; never trust their result ----
 *
 * The readers above without the signature check: the same size limits, magic, version and
 * walk of the body, so a fuzzer gets past the first byte the signature covers. Whoever wrote the
 * bytes is unknown; production code must call bundle_read, receipt_read and pack_read. */
int bundle_parse_unverified(const uint8_t *buf, size_t len, Arena *a, Bundle *b, char *err)
    __attribute__((warn_unused_result));
int receipt_parse_unverified(const uint8_t *buf, size_t len, Receipt *r, char *err)
    __attribute__((warn_unused_result));
int pack_parse_unverified(const uint8_t *buf, size_t len, Arena *a, Pack *p, char *err)
    __attribute__((warn_unused_result));
int provision_parse_unverified(const uint8_t *buf, size_t len, Arena *a, Provision *s, Pack *p,
                           char *err) __attribute__((warn_unused_result));

#endif
