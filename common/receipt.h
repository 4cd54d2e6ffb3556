/* receipt.h: receipt codes, the short code a young person is given with their thank-you, and
 * the sealed request to take answers back that a code makes.
 *
 * A code is drawn at random on the kiosk when a response is sent and travels sealed inside it
 * (response version 3), so only the council, which opens it, can match a code to a response;
 * the council keeps only a keyed hash of it (sync/withdraw.c). Two kinds, one for each age:
 *
 *   pictures  4 pictures, each one of RECEIPT_SYMBOLS (256, in 16 groups of 16): 32 bits, for a
 *             young child to keep ("dog, apple, bus, star")
 *   letters   10 characters of RECEIPT_ALPHABET (32: digits and capitals without I, L, O, U)
 *             and a check character: 50 bits, written XXXX-XXXX-XXX
 *
 * Canonical text, what is sealed and hashed: "P" and the 4 picture numbers as 8 lowercase hex
 * digits ("P0a3f1b22"), or "L" and the 11 characters ("LK7QM4XRT9B2"). Knows no SDL, no SQL. */
#ifndef CHORUS_RECEIPT_H
#define CHORUS_RECEIPT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define RECEIPT_PICTURES 4     /* pictures in a picture code */
#define RECEIPT_SYMBOLS 256    /* pictures to choose from: RECEIPT_GROUPS groups of as many */
#define RECEIPT_GROUPS 16
#define RECEIPT_LETTERS 11     /* characters in a letter code, the check character last */
#define RECEIPT_ALPHABET "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#define RECEIPT_CODE_MAX 16    /* bytes of a canonical code, without its NUL */
#define RECEIPT_KIOSK_DAY 10   /* codes a kiosk takes back a day: the guessing limit */

typedef enum { RECEIPT_KIND_PICTURES, RECEIPT_KIND_LETTERS } ReceiptKind;

/* A new random code of kind, canonical, into out (RECEIPT_CODE_MAX + 1 bytes). */
void receipt_new(ReceiptKind kind, char *out);

/* 1 if s is a canonical code, else 0. */
int receipt_valid(const char *s);

/* The kind of canonical code s (receipt_valid). */
ReceiptKind receipt_kind(const char *s);

/* The picture numbers of a canonical picture code into n[RECEIPT_PICTURES]; 0, or -1 when s is
 * not one. */
int receipt_pictures(const char *s, int n[RECEIPT_PICTURES]);

/* The canonical picture code of pictures n[RECEIPT_PICTURES] (each 0..255) into out. */
void receipt_from_pictures(const int n[RECEIPT_PICTURES], char *out);

/* The picture number i (0..RECEIPT_SYMBOLS-1) as UTF-8 (an emoji the bundled colour font
 * draws), and its English name ("dog"). Static storage. */
const char *receipt_symbol(int i);
const char *receipt_symbol_name(int i);

/* A code as a person writes or types it read into canonical form: for letters, any case, with
 * spaces and dashes anywhere, O read as 0 and I and L as 1; it must have its 11 characters and
 * a right check character. A canonical code is read as itself. Returns 0 with out set, or -1
 * with err (ERR_LEN) saying kindly what is wrong (too short, a character that is in no code, a
 * mistyped character). */
int receipt_parse(const char *typed, char *out, char *err) __attribute__((warn_unused_result));

/* A code as it is shown and written down: pictures as their emoji, letters XXXX-XXXX-XXX (into
 * out, cap bytes). Returns out. */
const char *receipt_display(const char *code, char *out, size_t cap);

/* ---- a request to take answers back ---- */

#define WITHDRAW_MAGIC "CHRW"
#define WITHDRAW_VERSION 1
#define WITHDRAW_ID_LEN 16
#define WITHDRAW_FORM "" /* the form id a kiosk stores a request under, among its responses */
#define WITHDRAW_ENCODED_LEN 64 /* magic, version, id, code: padded to one block (RESPONSE_PAD) */

/* The kiosk records a request as its own sealed record (id random, the code canonical), so a
 * young person can take answers back on any kiosk, not only the one they answered on. */
typedef struct {
    uint8_t id[WITHDRAW_ID_LEN];
    char code[RECEIPT_CODE_MAX + 1];
} WithdrawRequest;

/* Encodes w into out (WITHDRAW_ENCODED_LEN bytes). Returns 0, or -1 with err when the code is
 * not canonical. */
int withdraw_encode(const WithdrawRequest *w, uint8_t out[WITHDRAW_ENCODED_LEN], char *err)
    __attribute__((warn_unused_result));

/* 1 if (buf, len) starts with WITHDRAW_MAGIC: a request, not a response or help record. */
int withdraw_is_record(const uint8_t *buf, size_t len);

/* Decodes (buf, len) into w. Returns 0, or -1 with err naming the byte and reason (length,
 * magic, version, a code that is not canonical, non-zero padding). */
int withdraw_decode(const uint8_t *buf, size_t len, WithdrawRequest *w, char *err)
    __attribute__((warn_unused_result));

#endif
