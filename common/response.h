/* response.h: one young person's answers to one survey, and their canonical encoding.
 *
 * The encoding (FORMATS.md, "Response") is what gets sealed to the council: the same response
 * always encodes to the same bytes, and the decoder accepts only bytes the encoder could have
 * written, so a response has exactly one form. */
#ifndef CHORUS_RESPONSE_H
#define CHORUS_RESPONSE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define RESPONSE_ID_LEN 16
#define RESPONSE_MAGIC "CHRS"
/* Version 2 adds the answer kinds from ANSWER_DECIMAL on. The encoder writes version 1 when a
 * response has none of them (so a council not yet upgraded still reads it) and 2 when it has;
 * the decoder reads both and refuses a version 2 that needs no new kind, keeping one encoding
 * per response. */
#define RESPONSE_VERSION 2
#define RESPONSE_VERSION_1 1
/* Version 3 adds a receipt code (receipt.h) after the answers: written when a response has one
 * (then the answers may be of any kind), and refused without one, so each response still has
 * one encoding; versions 1 and 2 (no code) are read as before. */
#define RESPONSE_VERSION_3 3

#define RESPONSE_FLAG_SAFETY 0x1u /* an answer marked as a safety concern was chosen */
#define RESPONSE_FLAG_TALK 0x2u   /* the young person asked for someone to talk to them */
#define RESPONSE_FLAGS_KNOWN (RESPONSE_FLAG_SAFETY | RESPONSE_FLAG_TALK)

typedef enum {
    ANSWER_DECLINED = 0, /* "I'd rather not say" */
    ANSWER_CHOICES = 1,  /* select_one (one name) or select_multiple (names in list order) */
    ANSWER_TEXT = 2,
    ANSWER_INTEGER = 3,
    /* version 2 */
    ANSWER_DECIMAL = 4, /* decimal and range: text, a number in canonical form (below) */
    ANSWER_DATE = 5,    /* date: year, month, day as the young person picked them */
    ANSWER_TIME = 6,    /* time: hour and minute as the young person picked them, never a clock */
    ANSWER_ACK = 7,     /* acknowledge and trigger: tapped (pyxform's "OK") */
    ANSWER_RANK = 8     /* rank: choice names as choices are, in the young person's order */
} AnswerKind;

#define ANSWER_KIND_LAST ANSWER_RANK
#define ANSWER_DECIMAL_MAX 24 /* bytes of a decimal answer's canonical text */

typedef struct {
    const char *question; /* the question's name */
    AnswerKind kind;
    int nchoices;
    const char *const *choices;
    const char *text;     /* ANSWER_TEXT, and ANSWER_DECIMAL's canonical number */
    int64_t integer;
    int year, month, day; /* ANSWER_DATE */
    int hour, minute;     /* ANSWER_TIME */
} Answer;

typedef struct {
    uint8_t id[RESPONSE_ID_LEN]; /* random */
    const char *form_id;
    const char *form_version;
    int year, month, day; /* the day it was sent; never a time of day */
    const char *session;  /* the worker's session name, "" when none */
    const char *lang;     /* code or name of the language the survey was shown in */
    uint32_t flags;       /* RESPONSE_FLAG_* */
    int nanswers;         /* questions not reached or skipped have no answer */
    const Answer *answers;
    const char *receipt;  /* its receipt code, canonical (receipt.h); NULL or "": none */
} Response;

/* Encodes r into (out, cap), padded with zeros to a multiple of RESPONSE_PAD so the sealed size
 * says little about the answers. Returns 0 and sets *len, or -1 with err (ERR_LEN) when a field
 * breaks a limit, a string holds a NUL or invalid UTF-8, the date is impossible, a question is
 * answered twice or a choice comes twice in one answer, or cap is too small. With out NULL
 * nothing is written and *len is the size the encoding needs. The order of answers and of
 * choices is the caller's: survey order and list order (checked at the council against the
 * survey, which this module does not know). */
int response_encode(const Response *r, uint8_t *out, size_t cap, size_t *len, char *err)
    __attribute__((warn_unused_result));

/* Decodes (buf, len) into r, its strings owned by arena a. Returns 0, or -1 with err naming the
 * byte offset and reason: wrong magic or version, a length past the end, a limit broken,
 * invalid UTF-8, an unknown kind or flag, an impossible date, a question answered twice, a
 * choice twice in one answer, non-zero or over-long padding. */
int response_decode(const uint8_t *buf, size_t len, Arena *a, Response *r, char *err)
    __attribute__((warn_unused_result));

/* 1 if y-m-d is a real day between 2000 and 9999, else 0. */
int response_date_valid(int y, int m, int d);

/* 1 if y-m-d is a real day from 1900 to 2199: a date a young person can answer. */
int answer_date_valid(int y, int m, int d);

/* 1 if s is a decimal answer's canonical text: an optional '-', digits without leading zeros
 * (just "0" before a point), and a fraction without trailing zeros, at most ANSWER_DECIMAL_MAX
 * bytes; "-0" is "0". Else 0. */
int answer_decimal_valid(const char *s);

/* The canonical text (answer_decimal_valid) of the number typed in s ("07.50" is "7.5", "3."
 * is "3", ".5" is "0.5"), into out (ANSWER_DECIMAL_MAX + 1 bytes). Returns 0, or -1 when s is
 * not a number of digits with at most one point, or is too long. */
int answer_decimal_canonical(const char *s, char *out);

/* 1 if (s, n) is valid UTF-8 without NUL bytes, else 0. */
int utf8_valid(const char *s, size_t n);

#endif
