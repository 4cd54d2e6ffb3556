/* test_response.c: tests of the response encoding (common/response.c) and of sealing it to the
 * council (common/seal.c): round trips of every kind of answer, padding, determinism, the
 * decoder's refusal of anything the encoder could not have written, and that a sealed record
 * opens only with the right key and only when not a byte of it changed.
 *
 * The decoder is always given a malloc'd copy of exactly the bytes under test, so a read past
 * the end is caught by the sanitizer build. */
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "receipt.h"
#include "response.h"
#include "seal.h"
#include "test.h"

static uint8_t enc[RESPONSE_ENCODED_MAX];
static size_t enc_len;
static char err[ERR_LEN];
static Arena *arena;
static Response got;

static const char *const colours[] = {"red", "green", "blue"};
static const char *const one_choice[] = {"yes"};
static const Answer all_answers[] = {
    {.question = "q_declined", .kind = ANSWER_DECLINED},
    {.question = "q_one", .kind = ANSWER_CHOICES, .nchoices = 1, .choices = one_choice},
    {.question = "q_many", .kind = ANSWER_CHOICES, .nchoices = 3, .choices = colours},
    {.question = "q_text", .kind = ANSWER_TEXT,
     .text = "Caf\xC3\xA9 \xE2\x82\xAC 5, \xF0\x9F\x98\x80\nnew line"},
    {.question = "q_empty", .kind = ANSWER_TEXT, .text = ""},
    {.question = "q_int", .kind = ANSWER_INTEGER, .integer = 123456789},
    {.question = "q_neg", .kind = ANSWER_INTEGER, .integer = -42},
    {.question = "q_min", .kind = ANSWER_INTEGER, .integer = INT64_MIN},
    {.question = "q_last", .kind = ANSWER_TEXT, .text = "xyz"},
};

/* A response with every kind of answer; the last answer is text ending in 'z'. */
static Response full_response(void)
{
    Response r = {
        .id = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
        .form_id = "children_in_care",
        .form_version = "2026110101",
        .year = 2026,
        .month = 11,
        .day = 3,
        .session = "Tuesday group \xC3\xA9",
        .lang = "en",
        .flags = RESPONSE_FLAG_SAFETY | RESPONSE_FLAG_TALK,
        .nanswers = (int)(sizeof all_answers / sizeof *all_answers),
        .answers = all_answers,
    };
    return r;
}

/* A response with no answers and short strings: fits in one block. */
static Response small_response(void)
{
    Response r = {
        .id = {0xAA},
        .form_id = "f",
        .form_version = "1",
        .year = 2024,
        .month = 2,
        .day = 29,
        .session = "",
        .lang = "cy",
        .flags = 0,
        .nanswers = 0,
        .answers = NULL,
    };
    return r;
}

static int encode(const Response *r)
{
    err[0] = '\0';
    enc_len = 0;
    return response_encode(r, enc, sizeof enc, &enc_len, err);
}

/* Decodes an exact-size copy of (buf, len) into got. */
static int decode(const uint8_t *buf, size_t len)
{
    arena_free(arena);
    arena = arena_new();
    uint8_t *copy = malloc(len ? len : 1);
    if (!arena || !copy) {
        free(copy);
        return -2;
    }
    if (len)
        memcpy(copy, buf, len);
    err[0] = '\0';
    int rc = response_decode(copy, len, arena, &got, err);
    free(copy);
    return rc;
}

/* The offset of the first occurrence of (needle, n) in (buf, len), or -1. */
static long find_in(const uint8_t *buf, size_t len, const void *needle, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(buf + i, needle, n) == 0)
            return (long)i;
    return -1;
}

/* The same in the last encoding. */
static long find(const void *needle, size_t n) { return find_in(enc, enc_len, needle, n); }

/* Checks that b is the same response as a, field by field. */
static void check_same(const Response *a, const Response *b)
{
    CHECK(memcmp(a->id, b->id, RESPONSE_ID_LEN) == 0);
    CHECK_STR(b->form_id, a->form_id);
    CHECK_STR(b->form_version, a->form_version);
    CHECK_INT(b->year, a->year);
    CHECK_INT(b->month, a->month);
    CHECK_INT(b->day, a->day);
    CHECK_STR(b->session, a->session);
    CHECK_STR(b->lang, a->lang);
    CHECK_INT(b->flags, a->flags);
    CHECK_INT(b->nanswers, a->nanswers);
    if (b->nanswers != a->nanswers)
        return;
    for (int i = 0; i < a->nanswers; i++) {
        const Answer *x = &a->answers[i], *y = &b->answers[i];
        CHECK_STR(y->question, x->question);
        CHECK_INT(y->kind, x->kind);
        if (y->kind != x->kind)
            continue;
        switch (x->kind) {
        case ANSWER_DECLINED:
            break;
        case ANSWER_CHOICES:
        case ANSWER_RANK:
            CHECK_INT(y->nchoices, x->nchoices);
            for (int c = 0; c < x->nchoices && c < y->nchoices; c++)
                CHECK_STR(y->choices[c], x->choices[c]);
            break;
        case ANSWER_TEXT:
            CHECK_STR(y->text, x->text);
            break;
        case ANSWER_INTEGER:
            CHECK_INT(y->integer, x->integer);
            break;
        case ANSWER_DECIMAL:
            CHECK_STR(y->text, x->text);
            break;
        case ANSWER_DATE:
            CHECK_INT(y->year, x->year);
            CHECK_INT(y->month, x->month);
            CHECK_INT(y->day, x->day);
            break;
        case ANSWER_TIME:
            CHECK_INT(y->hour, x->hour);
            CHECK_INT(y->minute, x->minute);
            break;
        case ANSWER_ACK:
            break;
        }
    }
}

/* ---- encoding ---- */

static void test_round_trip(void)
{
    Response r = full_response();
    CHECK_INT(encode(&r), 0);
    CHECK(enc_len > 0);
    CHECK_INT(memcmp(enc, RESPONSE_MAGIC, 4), 0);
    /* No answer of a version 2 kind: written as version 1, which an older council reads. */
    CHECK_INT(enc[4], RESPONSE_VERSION_1);
    CHECK_INT(decode(enc, enc_len), 0);
    check_same(&r, &got);

    r = small_response();
    CHECK_INT(encode(&r), 0);
    CHECK_INT(enc_len, RESPONSE_PAD);
    CHECK_INT(decode(enc, enc_len), 0);
    check_same(&r, &got);

    /* A NULL session is written as "". */
    r.session = NULL;
    CHECK_INT(encode(&r), 0);
    CHECK_INT(decode(enc, enc_len), 0);
    CHECK_STR(got.session, "");

    /* The longest strings the limits allow (names that differ, as they must, in their last
     * three bytes). */
    static char text[ANSWER_TEXT_MAX + 1], name[SURVEY_NAME_MAX + 1],
        session[SESSION_NAME_MAX + 1], qname[SURVEY_QUESTIONS_MAX][SURVEY_NAME_MAX + 1],
        cname[SURVEY_CHOICES_MAX][SURVEY_NAME_MAX + 1];
    memset(text, 't', ANSWER_TEXT_MAX);
    memset(name, 'n', SURVEY_NAME_MAX);
    memset(session, 's', SESSION_NAME_MAX);
    const char *names[SURVEY_CHOICES_MAX];
    for (int i = 0; i < SURVEY_CHOICES_MAX; i++) {
        snprintf(cname[i], sizeof cname[i], "%.*s%03d", SURVEY_NAME_MAX - 3, name, i);
        names[i] = cname[i];
    }
    Answer big[SURVEY_QUESTIONS_MAX];
    for (int i = 0; i < SURVEY_QUESTIONS_MAX; i++) {
        snprintf(qname[i], sizeof qname[i], "%.*s%03d", SURVEY_NAME_MAX - 3, name, i);
        big[i] = (Answer){.question = qname[i], .kind = ANSWER_TEXT, .text = text};
    }
    big[0] = (Answer){.question = qname[0], .kind = ANSWER_CHOICES,
                      .nchoices = SURVEY_CHOICES_MAX, .choices = names};
    r = full_response();
    r.form_id = r.form_version = r.lang = name;
    r.session = session;
    r.nanswers = SURVEY_QUESTIONS_MAX;
    r.answers = big;
    CHECK_INT(encode(&r), 0);
    CHECK(enc_len <= RESPONSE_ENCODED_MAX);
    CHECK_INT(decode(enc, enc_len), 0);
    check_same(&r, &got);
}

static void test_padding(void)
{
    Response r = full_response();
    /* Answers of every text length, so the content ends at every offset within a block. */
    Answer a[1] = {{.question = "t", .kind = ANSWER_TEXT}};
    char text[3 * RESPONSE_PAD + 1];
    r.answers = a;
    r.nanswers = 1;
    size_t prev = 0;
    for (int n = 0; n <= 3 * RESPONSE_PAD; n++) {
        memset(text, 'a', (size_t)n);
        text[n] = '\0';
        a[0].text = text;
        CHECK_INT(encode(&r), 0);
        CHECK_INT(enc_len % RESPONSE_PAD, 0);
        CHECK(enc_len >= prev);
        /* counting alone (no buffer) gives the same size */
        size_t need = 0;
        CHECK_INT(response_encode(&r, NULL, 0, &need, err), 0);
        CHECK_INT(need, enc_len);
        /* Less than one block of padding, all zeros, after the text. */
        long at = find("\x01t\x02", 3);
        CHECK(at > 0);
        size_t end = (size_t)at + 5 + (size_t)n;
        CHECK(end > enc_len - RESPONSE_PAD);
        CHECK(end <= enc_len);
        for (size_t i = end; i < enc_len; i++)
            CHECK_INT(enc[i], 0);
        CHECK_INT(decode(enc, enc_len), 0);
        CHECK_STR(got.answers[0].text, text);
        prev = enc_len;
    }
    CHECK(prev > RESPONSE_PAD); /* the loop did cross block boundaries */
}

static void test_deterministic(void)
{
    Response r = full_response();
    static uint8_t first[RESPONSE_ENCODED_MAX];
    memset(enc, 0xAA, sizeof enc); /* garbage where the padding will go */
    CHECK_INT(encode(&r), 0);
    size_t first_len = enc_len;
    memcpy(first, enc, enc_len);
    memset(enc, 0x55, sizeof enc);
    CHECK_INT(encode(&r), 0);
    CHECK_INT(enc_len, first_len);
    CHECK(memcmp(enc, first, first_len) == 0);
    /* Decoding and encoding again gives the same bytes. */
    CHECK_INT(decode(first, first_len), 0);
    memset(enc, 0x33, sizeof enc);
    CHECK_INT(encode(&got), 0);
    CHECK_INT(enc_len, first_len);
    CHECK(memcmp(enc, first, first_len) == 0);
}

static void test_encode_refuses(void)
{
    Response r = full_response();
    r.year = 2026, r.month = 2, r.day = 30;
    CHECK_INT(encode(&r), -1);
    CHECK(strstr(err, "date") != NULL);
    r = full_response();
    r.year = 2025, r.month = 2, r.day = 29;
    CHECK_INT(encode(&r), -1);
    r.year = 2100; /* not a leap year */
    CHECK_INT(encode(&r), -1);
    r.year = 2000; /* a leap year */
    CHECK_INT(encode(&r), 0);
    r.month = 13, r.day = 1;
    CHECK_INT(encode(&r), -1);
    r.month = 4, r.day = 31;
    CHECK_INT(encode(&r), -1);
    r.month = 12, r.day = 0;
    CHECK_INT(encode(&r), -1);

    r = full_response();
    r.flags = 0x4;
    CHECK_INT(encode(&r), -1);
    CHECK(strstr(err, "flag") != NULL);

    r = full_response();
    r.lang = "caf\xC3";
    CHECK_INT(encode(&r), -1);
    CHECK(strstr(err, "UTF-8") != NULL);

    Answer a = {.question = "t", .kind = ANSWER_TEXT, .text = "bad \xFF byte"};
    r = full_response();
    r.answers = &a;
    r.nanswers = 1;
    CHECK_INT(encode(&r), -1);
    static char text[ANSWER_TEXT_MAX + 2];
    memset(text, 'x', ANSWER_TEXT_MAX + 1);
    a.text = text;
    CHECK_INT(encode(&r), -1);
    a = (Answer){.question = "c", .kind = ANSWER_CHOICES, .nchoices = 0, .choices = colours};
    CHECK_INT(encode(&r), -1);
    a = (Answer){.question = "k", .kind = (AnswerKind)4};
    CHECK_INT(encode(&r), -1);

    char session[SESSION_NAME_MAX + 2];
    memset(session, 's', SESSION_NAME_MAX + 1);
    session[SESSION_NAME_MAX + 1] = '\0';
    r = full_response();
    r.session = session;
    CHECK_INT(encode(&r), -1);

    /* Too small a buffer is an error, not an overflow. */
    r = full_response();
    uint8_t small[RESPONSE_PAD];
    size_t len = 0;
    CHECK_INT(response_encode(&r, small, sizeof small, &len, err), -1);
}

/* ---- decoding refuses ---- */

static void test_decode_truncated(void)
{
    Response r = full_response();
    CHECK_INT(encode(&r), 0);
    CHECK(enc_len > RESPONSE_PAD);
    for (size_t n = 0; n < enc_len; n++) {
        if (decode(enc, n) != -1) {
            fprintf(stderr, "truncated to %zu of %zu bytes was accepted\n", n, enc_len);
            test_current_failed = 1;
            break;
        }
    }
    r = small_response();
    CHECK_INT(encode(&r), 0);
    for (size_t n = 0; n < enc_len; n++)
        CHECK_INT(decode(enc, n), -1);
}

/* Encodes the full response, changes byte at to v, and checks the decoder refuses it with a
 * message containing words. */
static void check_patched(long at, uint8_t v, const char *words, int line)
{
    Response r = full_response();
    if (encode(&r) != 0 || at < 0 || (size_t)at >= enc_len) {
        fprintf(stderr, "%s:%d: cannot patch byte %ld\n", __FILE__, line, at);
        test_current_failed = 1;
        return;
    }
    enc[at] = v;
    if (decode(enc, enc_len) != -1 || !strstr(err, words)) {
        fprintf(stderr, "%s:%d: byte %ld = 0x%02x: want refusal with \"%s\", got \"%s\"\n",
                __FILE__, line, at, v, words, err);
        test_current_failed = 1;
    }
}
#define CHECK_PATCHED(at, v, words) check_patched(at, v, words, __LINE__)

static void test_decode_refuses(void)
{
    Response r = full_response();
    CHECK_INT(encode(&r), 0);
    /* The offsets of the fields, from the layout in response.c. */
    long date = 4 + 1 + RESPONSE_ID_LEN + 1 + (long)strlen(r.form_id) + 1 +
                (long)strlen(r.form_version);
    CHECK_INT(enc[date] | enc[date + 1] << 8, 2026);
    long flags = date + 4 + 1 + (long)strlen(r.session) + 1 + (long)strlen(r.lang);
    CHECK_INT(enc[flags], RESPONSE_FLAG_SAFETY | RESPONSE_FLAG_TALK);

    CHECK_PATCHED(0, 'X', "magic");
    CHECK_PATCHED(3, 's', "magic");
    CHECK_PATCHED(4, RESPONSE_VERSION_3 + 1, "version");
    CHECK_PATCHED(4, RESPONSE_VERSION_3, "receipt code"); /* a version 3 has a code */
    CHECK_PATCHED(4, 0, "version");
    /* Impossible dates: 2026-02-30, then 2025-02-29 (but 2024-02-29 is fine). */
    CHECK_INT(encode(&r), 0);
    enc[date + 2] = 2;
    enc[date + 3] = 30;
    CHECK_INT(decode(enc, enc_len), -1);
    CHECK(strstr(err, "date") != NULL);
    enc[date + 3] = 28;
    CHECK_INT(decode(enc, enc_len), 0);
    enc[date] = (uint8_t)(2025 & 0xFF);
    enc[date + 3] = 29;
    CHECK_INT(decode(enc, enc_len), -1);
    enc[date] = (uint8_t)(2024 & 0xFF);
    CHECK_INT(decode(enc, enc_len), 0);
    CHECK_PATCHED(date + 3, 31, "date"); /* 2026-11-31 */
    CHECK_PATCHED(date + 2, 13, "date");
    CHECK_PATCHED(date + 2, 0, "date");
    CHECK_PATCHED(date + 3, 0, "date");
    CHECK_PATCHED(date, (uint8_t)(1999 & 0xFF), "date");
    CHECK_PATCHED(flags, 0x4, "flags");
    CHECK_PATCHED(flags + 3, 0x80, "flags");
    /* A string longer than its limit. */
    CHECK_PATCHED(4 + 1 + RESPONSE_ID_LEN, SURVEY_NAME_MAX + 1, "form id");
    /* Bad UTF-8 in a text answer, and in a choice name. */
    CHECK_PATCHED(find("xyz", 3) + 1, 0xFF, "UTF-8");
    CHECK_PATCHED(find("Caf", 3) + 4, ' ', "UTF-8");    /* a cut-off sequence */
    CHECK_PATCHED(find("Caf", 3) + 1, 0x00, "UTF-8");   /* a NUL inside */
    CHECK_PATCHED(find("green", 5), 0x80, "UTF-8");
    /* Unknown answer kinds: the byte after the question name. */
    long kind = find("\x0Aq_declined", 11) + 11;
    CHECK_INT(enc[kind], ANSWER_DECLINED);
    CHECK_PATCHED(kind, ANSWER_DECIMAL, "needs response version 2");
    CHECK_PATCHED(kind, ANSWER_KIND_LAST + 1, "unknown answer kind");
    CHECK_PATCHED(kind, 0xFF, "unknown answer kind");
    /* A choice count of zero. */
    long count = find("\x05q_one", 6) + 7;
    CHECK_INT(enc[count], 1);
    CHECK_PATCHED(count, 0, "choice count");
    /* Too many answers. */
    long nanswers = flags + 4;
    CHECK_INT(enc[nanswers], r.nanswers);
    CHECK_PATCHED(nanswers + 1, 0xFF, "answer count");
    /* More answers than there are: the reader runs into the padding, whose zeros read as
     * questions with an empty name, the second of which is a question answered twice (running
     * past the end is test_decode_truncated's). */
    CHECK_PATCHED(nanswers, SURVEY_QUESTIONS_MAX, "question  is answered twice");

    /* Non-zero padding, anywhere in it. */
    CHECK_INT(encode(&r), 0);
    long pad = find("xyz", 3) + 3;
    CHECK((size_t)pad < enc_len); /* the full response does have padding */
    for (size_t i = (size_t)pad; i < enc_len; i++)
        CHECK_PATCHED((long)i, 1, "padding");

    /* A whole extra block of zeros. */
    CHECK_INT(encode(&r), 0);
    memset(enc + enc_len, 0, RESPONSE_PAD);
    CHECK_INT(decode(enc, enc_len + RESPONSE_PAD), -1);
    CHECK(strstr(err, "padding") != NULL);
    /* Nor part of one. */
    CHECK_INT(decode(enc, enc_len + 1), -1);
    CHECK_INT(decode(enc, enc_len), 0);

    /* Bytes that are all zeros, or random, are not a response. */
    memset(enc, 0, RESPONSE_PAD);
    CHECK_INT(decode(enc, RESPONSE_PAD), -1);
    randombytes_buf(enc, 4 * RESPONSE_PAD);
    CHECK_INT(decode(enc, 4 * RESPONSE_PAD), -1);
}

/* One response, one encoding: a choice twice in one answer, or a question answered twice, is
 * refused by the encoder and, patched into an encoding, by the decoder. (The order of answers
 * and choices takes the survey to check: sync/import.c does, tested in test_import.c.) */
static void test_repeats_refused(void)
{
    static const char *const twice[] = {"red", "green", "red"};
    static const char *const two[] = {"aa", "bb"};
    Answer a[3] = {{.question = "q_many", .kind = ANSWER_CHOICES, .nchoices = 3, .choices = twice}};
    Response r = full_response();
    r.answers = a;
    r.nanswers = 1;
    CHECK_INT(encode(&r), -1);
    CHECK(strstr(err, "choice red twice") != NULL);
    /* the decoder: "bb" patched into "aa" */
    a[0].choices = two;
    a[0].nchoices = 2;
    CHECK_INT(encode(&r), 0);
    CHECK_INT(decode(enc, enc_len), 0);
    long at = find("\x02" "bb", 3);
    CHECK(at > 0);
    enc[at + 1] = 'a', enc[at + 2] = 'a';
    CHECK_INT(decode(enc, enc_len), -1);
    CHECK(strstr(err, "choice aa comes twice in the answer to q_many") != NULL);
    CHECK(strstr(err, "byte ") == err);
    /* the same name in another answer is no repeat */
    a[1] = (Answer){.question = "q_other", .kind = ANSWER_CHOICES, .nchoices = 2, .choices = two};
    r.nanswers = 2;
    CHECK_INT(encode(&r), 0);
    CHECK_INT(decode(enc, enc_len), 0);

    /* a question answered twice, in a row or not */
    a[1] = (Answer){.question = "q_many", .kind = ANSWER_DECLINED};
    CHECK_INT(encode(&r), -1);
    CHECK(strstr(err, "q_many is answered twice") != NULL);
    a[0].question = "q_a";
    a[1] = (Answer){.question = "q_x", .kind = ANSWER_DECLINED};
    a[2] = (Answer){.question = "q_y", .kind = ANSWER_DECLINED};
    r.nanswers = 3;
    CHECK_INT(encode(&r), 0);
    CHECK_INT(decode(enc, enc_len), 0);
    at = find("\x03q_y", 4);
    CHECK(at > 0);
    enc[at + 3] = 'x'; /* q_a, q_x, q_x */
    CHECK_INT(decode(enc, enc_len), -1);
    CHECK(strstr(err, "question q_x is answered twice") != NULL);
    enc[at + 3] = 'a'; /* q_a, q_x, q_a */
    CHECK_INT(decode(enc, enc_len), -1);
    CHECK(strstr(err, "question q_a is answered twice") != NULL);
    enc[at + 3] = 'y';
    CHECK_INT(decode(enc, enc_len), 0);
}

static void test_decode_refuses_text_over_limit(void)
{
    /* A text answer's length may not exceed ANSWER_TEXT_MAX even when the bytes are there. */
    static char text[ANSWER_TEXT_MAX + 1];
    memset(text, 'x', ANSWER_TEXT_MAX);
    Answer a = {.question = "t", .kind = ANSWER_TEXT, .text = text};
    Response r = full_response();
    r.answers = &a;
    r.nanswers = 1;
    CHECK_INT(encode(&r), 0);
    long at = find("\x01t\x02", 3) + 3;
    CHECK_INT(enc[at] | enc[at + 1] << 8, ANSWER_TEXT_MAX);
    CHECK_INT(decode(enc, enc_len), 0);
    /* Claim one byte more: the padding supplies it, but the limit is broken. */
    enc[at] = (uint8_t)((ANSWER_TEXT_MAX + 1) & 0xFF);
    enc[at + 1] = (uint8_t)((ANSWER_TEXT_MAX + 1) >> 8);
    CHECK((enc_len - (size_t)at - 2) > ANSWER_TEXT_MAX); /* padding follows the text */
    CHECK_INT(decode(enc, enc_len), -1);
}

/* ---- sealing ---- */

static void test_seal_round_trip(void)
{
    uint8_t pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    uint8_t pk2[crypto_box_PUBLICKEYBYTES], sk2[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);
    crypto_box_keypair(pk2, sk2);
    Response r = full_response();
    uint8_t *sealed = NULL, *again = NULL;
    size_t len = 0, len2 = 0;
    CHECK_INT(seal_response(&r, pk, &sealed, &len, err), 0);
    if (!sealed)
        return;
    CHECK_INT(encode(&r), 0);
    CHECK_INT(len, enc_len + SEAL_OVERHEAD);
    /* The plaintext does not show through. */
    CHECK(find_in(sealed, len, "children_in_care", 16) < 0);
    CHECK(find_in(sealed, len, "Tuesday", 7) < 0);

    arena_free(arena);
    arena = arena_new();
    CHECK_INT(seal_open_response(sealed, len, pk, sk, arena, &got, err), 0);
    check_same(&r, &got);
    /* Another key pair does not open it, nor a mixed one. */
    CHECK_INT(seal_open_response(sealed, len, pk2, sk2, arena, &got, err), -1);
    CHECK(err[0] != '\0');
    CHECK_INT(seal_open_response(sealed, len, pk, sk2, arena, &got, err), -1);
    CHECK_INT(seal_open_response(sealed, len, pk2, sk, arena, &got, err), -1);
    /* Sealing twice gives different bytes (a fresh ephemeral key each time). */
    CHECK_INT(seal_response(&r, pk, &again, &len2, err), 0);
    CHECK_INT(len2, len);
    if (again)
        CHECK(memcmp(again, sealed, len) != 0);
    /* A response that does not encode is not sealed. */
    Response bad = full_response();
    bad.day = 31, bad.month = 6;
    uint8_t *none = NULL;
    CHECK_INT(seal_response(&bad, pk, &none, &len2, err), -1);
    CHECK(none == NULL);
    free(sealed);
    free(again);
}

static void test_seal_every_byte(void)
{
    uint8_t pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);
    Response r = small_response();
    uint8_t *sealed = NULL;
    size_t len = 0;
    CHECK_INT(seal_response(&r, pk, &sealed, &len, err), 0);
    if (!sealed)
        return;
    CHECK_INT(len, RESPONSE_PAD + SEAL_OVERHEAD);
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit += 7) { /* the lowest and the highest bit */
            sealed[i] ^= (uint8_t)(1u << bit);
            arena_free(arena);
            arena = arena_new();
            if (seal_open_response(sealed, len, pk, sk, arena, &got, err) != -1) {
                fprintf(stderr, "byte %zu bit %d flipped: the record still opens\n", i, bit);
                test_current_failed = 1;
            }
            sealed[i] ^= (uint8_t)(1u << bit);
        }
    }
    /* Unchanged, it still opens; shortened or lengthened, it does not. */
    CHECK_INT(seal_open_response(sealed, len, pk, sk, arena, &got, err), 0);
    check_same(&r, &got);
    for (size_t n = 0; n < len; n++)
        CHECK_INT(seal_open_response(sealed, n, pk, sk, arena, &got, err), -1);
    uint8_t *longer = malloc(len + 1);
    if (longer) {
        memcpy(longer, sealed, len);
        longer[len] = 0;
        CHECK_INT(seal_open_response(longer, len + 1, pk, sk, arena, &got, err), -1);
        free(longer);
    }
    free(sealed);
}

/* ---- version 3: a receipt code ---- */

static Response new_response(void); /* below: the version 2 kinds */

static void test_version_3(void)
{
    char code[RECEIPT_CODE_MAX + 1], other[RECEIPT_CODE_MAX + 1];
    for (int kind = 0; kind < 2; kind++) {
        receipt_new((ReceiptKind)kind, code);
        CHECK(receipt_valid(code));
        Response r = full_response();
        r.receipt = code;
        CHECK_INT(encode(&r), 0);
        CHECK_INT(enc[4], RESPONSE_VERSION_3);
        CHECK_INT(decode(enc, enc_len), 0);
        check_same(&r, &got);
        CHECK_STR(got.receipt, code);
        /* A code that is not canonical is refused both ways. */
        long at = find(code, strlen(code));
        CHECK(at > 0);
        uint8_t keep[4096];
        size_t keep_len = enc_len < sizeof keep ? enc_len : sizeof keep;
        memcpy(keep, enc, keep_len);
        r.receipt = "LK7QM";
        CHECK_INT(encode(&r), -1);
        memcpy(enc, keep, keep_len);
        enc_len = keep_len;
        enc[at] = (uint8_t)'U'; /* in no code */
        CHECK_INT(decode(enc, enc_len), -1);
        CHECK(strstr(err, "receipt code") != NULL);
    }
    /* Versions 1 and 2 still read, with no code; a response without one is not version 3. */
    Response old = full_response();
    CHECK_INT(encode(&old), 0);
    CHECK_INT(enc[4], RESPONSE_VERSION_1);
    CHECK_INT(decode(enc, enc_len), 0);
    CHECK(got.receipt == NULL);
    Response r2 = new_response();
    r2.receipt = "";
    CHECK_INT(encode(&r2), 0);
    CHECK_INT(enc[4], RESPONSE_VERSION);
    CHECK_INT(decode(enc, enc_len), 0);

    /* Codes as typed: any case, dashes and spaces, O for 0 and I or L for 1; a mistyped
     * character is caught by the check character, and every code reads back as itself. */
    receipt_new(RECEIPT_KIND_LETTERS, code);
    char shown[64], typed[64];
    receipt_display(code, shown, sizeof shown);
    CHECK_INT((int)strlen(shown), 13);
    for (size_t i = 0; shown[i]; i++)
        typed[i] = (char)(shown[i] >= 'A' && shown[i] <= 'Z' ? shown[i] - 'A' + 'a' : shown[i]);
    typed[strlen(shown)] = '\0';
    CHECK_INT(receipt_parse(typed, other, err), 0);
    CHECK_STR(other, code);
    CHECK_INT(receipt_parse("LOL0-1111-1", other, err), -1);
    CHECK(strstr(err, "short") != NULL);
    int caught = 0, tried = 0;
    for (int pos = 1; pos <= RECEIPT_LETTERS; pos++)
        for (int c = 0; c < 32; c++) {
            snprintf(other, sizeof other, "%s", code);
            if (other[pos] == RECEIPT_ALPHABET[c])
                continue;
            other[pos] = RECEIPT_ALPHABET[c];
            char out[RECEIPT_CODE_MAX + 1];
            tried++;
            caught += receipt_parse(other + 1, out, err) != 0;
        }
    CHECK_INT(caught, tried); /* every single mistyped character */
    CHECK(tried == RECEIPT_LETTERS * 31);
    int n[RECEIPT_PICTURES] = {0, 17, 128, 255};
    receipt_from_pictures(n, code);
    CHECK_STR(code, "P001180ff");
    int back[RECEIPT_PICTURES];
    CHECK_INT(receipt_pictures(code, back), 0);
    CHECK(memcmp(n, back, sizeof n) == 0);
    CHECK_STR(receipt_symbol_name(0), "dog");
    /* Every picture is its own. */
    for (int i = 0; i < RECEIPT_SYMBOLS; i++)
        for (int j = i + 1; j < RECEIPT_SYMBOLS; j++)
            CHECK(strcmp(receipt_symbol(i), receipt_symbol(j)) != 0);

    /* A request to take answers back: its own record, every byte checked. */
    WithdrawRequest w = {{1, 2, 3}, ""}, wd;
    receipt_new(RECEIPT_KIND_LETTERS, w.code);
    uint8_t rec[WITHDRAW_ENCODED_LEN];
    CHECK_INT(withdraw_encode(&w, rec, err), 0);
    CHECK(withdraw_is_record(rec, sizeof rec));
    CHECK_INT(withdraw_decode(rec, sizeof rec, &wd, err), 0);
    CHECK_STR(wd.code, w.code);
    CHECK(memcmp(wd.id, w.id, WITHDRAW_ID_LEN) == 0);
    for (size_t i = 0; i < sizeof rec; i++) {
        rec[i] ^= 0x40;
        int ok = withdraw_decode(rec, sizeof rec, &wd, err) == 0;
        /* only a flipped id byte still decodes (an id is any 16 bytes) */
        CHECK(!ok || (i >= 5 && i < 5 + WITHDRAW_ID_LEN));
        rec[i] ^= 0x40;
    }
    CHECK_INT(withdraw_decode(rec, sizeof rec - 1, &wd, err), -1);
}

/* ---- version 2: decimal, date, time, acknowledged ---- */

static const Answer new_answers[] = {
    {.question = "q_one", .kind = ANSWER_CHOICES, .nchoices = 1, .choices = one_choice},
    {.question = "q_dec", .kind = ANSWER_DECIMAL, .text = "-12.375"},
    {.question = "q_range", .kind = ANSWER_DECIMAL, .text = "7"},
    {.question = "q_date", .kind = ANSWER_DATE, .year = 1996, .month = 2, .day = 29},
    {.question = "q_time", .kind = ANSWER_TIME, .hour = 23, .minute = 5},
    {.question = "q_ok", .kind = ANSWER_ACK},
    /* a rank keeps the young person's order: not the list's */
    {.question = "q_rank",
     .kind = ANSWER_RANK,
     .nchoices = 3,
     .choices = (const char *const[]){"blue", "red", "green"}},
};

static Response new_response(void)
{
    Response r = small_response();
    r.nanswers = (int)(sizeof new_answers / sizeof *new_answers);
    r.answers = new_answers;
    return r;
}

static void test_version_2(void)
{
    Response r = new_response();
    CHECK_INT(encode(&r), 0);
    CHECK_INT(enc[4], RESPONSE_VERSION);
    CHECK_INT(decode(enc, enc_len), 0);
    check_same(&r, &got);
    /* The date and the time are what was picked: bytes year, month, day; hour, minute. */
    long at = find("q_date", 6);
    CHECK(at > 0);
    CHECK_INT(enc[at + 7] | enc[at + 8] << 8, 1996);
    CHECK_INT(enc[at + 9], 2);
    CHECK_INT(enc[at + 10], 29);
    at = find("q_time", 6);
    CHECK_INT(enc[at + 7], 23);
    CHECK_INT(enc[at + 8], 5);

    /* A version 1 response may not carry a version 2 kind... */
    enc[4] = RESPONSE_VERSION_1;
    CHECK_INT(decode(enc, enc_len), -1);
    CHECK(strstr(err, "needs response version 2") != NULL);
    /* ...and a version 2 one must need it: one response, one encoding. */
    Response old = full_response();
    CHECK_INT(encode(&old), 0);
    enc[4] = RESPONSE_VERSION;
    CHECK_INT(decode(enc, enc_len), -1);
    CHECK(strstr(err, "no answer that needs it") != NULL);

    /* A rank names each choice once. */
    Answer twice[1] = {{.question = "q",
                        .kind = ANSWER_RANK,
                        .nchoices = 2,
                        .choices = (const char *const[]){"a", "a"}}};
    Response rr = small_response();
    rr.answers = twice;
    rr.nanswers = 1;
    CHECK_INT(encode(&rr), -1);
    CHECK(strstr(err, "twice") != NULL);
    /* Impossible values are refused both ways. */
    Answer bad[1] = {{.question = "q", .kind = ANSWER_DATE, .year = 2023, .month = 2, .day = 29}};
    r.answers = bad;
    r.nanswers = 1;
    CHECK_INT(encode(&r), -1);
    bad[0] = (Answer){.question = "q", .kind = ANSWER_DATE, .year = 1899, .month = 12, .day = 31};
    CHECK_INT(encode(&r), -1);
    bad[0] = (Answer){.question = "q", .kind = ANSWER_TIME, .hour = 24, .minute = 0};
    CHECK_INT(encode(&r), -1);
    bad[0] = (Answer){.question = "q", .kind = ANSWER_TIME, .hour = 0, .minute = 60};
    CHECK_INT(encode(&r), -1);
    static const char *const not_canonical[] = {"",
                                                "07",
                                                "7.50",
                                                "-0",
                                                "1.",
                                                ".5",
                                                "1e3",
                                                "+1",
                                                "1.2.3",
                                                "0.10",
                                                "12345678901234567890123.5"};
    for (size_t i = 0; i < sizeof not_canonical / sizeof *not_canonical; i++) {
        bad[0] = (Answer){.question = "q", .kind = ANSWER_DECIMAL, .text = not_canonical[i]};
        CHECK_INT(encode(&r), -1);
    }
    bad[0] = (Answer){.question = "q", .kind = ANSWER_DECIMAL, .text = "0.5"};
    CHECK_INT(encode(&r), 0);
    long d = find("0.5", 3);
    CHECK(d > 0);
    enc[d + 2] = '0'; /* "0.0": a trailing zero */
    CHECK_INT(decode(enc, enc_len), -1);
    CHECK(strstr(err, "canonical") != NULL);
    bad[0] = (Answer){.question = "q", .kind = ANSWER_TIME, .hour = 9, .minute = 30};
    CHECK_INT(encode(&r), 0);
    d = find("q", 1);
    long t = find_in(enc, enc_len, (const uint8_t[]){9, 30}, 2);
    CHECK(t > d);
    enc[t] = 24;
    CHECK_INT(decode(enc, enc_len), -1);
    CHECK(strstr(err, "time") != NULL);
}

static void test_decimal_canonical(void)
{
    static const char *const pairs[][2] = {
        {"7", "7"},      {"07.50", "7.5"}, {"3.", "3"},  {".5", "0.5"},       {"-0.0", "0"},
        {"-012", "-12"}, {"0", "0"},       {"000", "0"}, {"10.010", "10.01"},
    };
    char out[ANSWER_DECIMAL_MAX + 1];
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        CHECK_INT(answer_decimal_canonical(pairs[i][0], out), 0);
        CHECK_STR(out, pairs[i][1]);
        CHECK(answer_decimal_valid(out));
    }
    static const char *const refused[] = {
        "", ".", "-", "1.2.3", "1e3", "abc", " 1", "1,5", "1234567890123456789012345"};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
        CHECK_INT(answer_decimal_canonical(refused[i], out), -1);
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    RUN(test_round_trip);
    RUN(test_padding);
    RUN(test_deterministic);
    RUN(test_encode_refuses);
    RUN(test_decode_truncated);
    RUN(test_decode_refuses);
    RUN(test_decode_refuses_text_over_limit);
    RUN(test_repeats_refused);
    RUN(test_seal_round_trip);
    RUN(test_seal_every_byte);
    RUN(test_version_2);
    RUN(test_version_3);
    RUN(test_decimal_canonical);
    arena_free(arena);
    return TEST_SUMMARY("response");
}
