/* response.c: the canonical encoding of a response. See response.h and FORMATS.md.
 *
 * Layout, all integers little-endian:
 *   "CHRS" u8 version | id[16] | str form_id | str form_version | u16 year u8 month u8 day
 *   | str session | str lang | u32 flags | u16 nanswers | answers... | zero padding
 * where str is u8 length + UTF-8 bytes, and an answer is
 *   str question | u8 kind | (choices: u8 n, n * str) (text: u16 length + bytes) (integer: i64)
 *   and from version 2 (decimal: str) (date: u16 year u8 month u8 day) (time: u8 hour u8 minute)
 *   (acknowledged: nothing) (rank: as choices, in the order given)
 * then from version 3 str receipt (a canonical receipt code, receipt.h),
 * and the padding brings the total to the next multiple of RESPONSE_PAD. */
#include "response.h"

#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "chorus_limits.h"
#include "receipt.h"

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned min;
        if ((c & 0xE0) == 0xC0) {
            need = 1;
            min = 0x80;
            c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            need = 2;
            min = 0x800;
            c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            need = 3;
            min = 0x10000;
            c &= 0x07;
        } else {
            return 0;
        }
        if (n - i - 1 < need)
            return 0;
        for (size_t k = 1; k <= need; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            c = c << 6 | (p[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
        i += need + 1;
    }
    return 1;
}

static int date_valid(int y, int m, int d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

int response_date_valid(int y, int m, int d) { return date_valid(y, m, d); }

int answer_date_valid(int y, int m, int d)
{
    if (y < 1900 || y > 2199)
        return 0;
    /* the same calendar, a year of the same leap rule moved into date_valid's range */
    int shifted = y < 2000 ? y + 400 : y;
    return date_valid(shifted, m, d);
}

int answer_decimal_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > ANSWER_DECIMAL_MAX)
        return 0;
    const char *p = s;
    if (*p == '-')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return 0;
    if (*p == '0' && p[1] >= '0' && p[1] <= '9')
        return 0; /* a leading zero */
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p[-1] == '0')
            return 0; /* a trailing zero */
    }
    if (*p)
        return 0;
    return strcmp(s, "-0") != 0;
}

int answer_decimal_canonical(const char *s, char *out)
{
    char buf[ANSWER_DECIMAL_MAX + 2];
    size_t o = 0;
    const char *p = s;
    int neg = *p == '-';
    if (neg)
        p++;
    const char *int_start = p;
    while (*p >= '0' && *p <= '9')
        p++;
    const char *int_end = p, *frac = NULL, *frac_end = NULL;
    if (*p == '.') {
        frac = ++p;
        while (*p >= '0' && *p <= '9')
            p++;
        frac_end = p;
    }
    if (*p || (int_end == int_start && (!frac || frac_end == frac)))
        return -1;
    while (int_start < int_end - 1 && *int_start == '0')
        int_start++; /* leading zeros */
    while (frac && frac_end > frac && frac_end[-1] == '0')
        frac_end--; /* trailing zeros */
    if (neg)
        buf[o++] = '-';
    if (int_start == int_end) {
        buf[o++] = '0';
    } else {
        size_t k = (size_t)(int_end - int_start);
        if (o + k > ANSWER_DECIMAL_MAX)
            return -1;
        memcpy(buf + o, int_start, k);
        o += k;
    }
    if (frac && frac_end > frac) {
        size_t k = (size_t)(frac_end - frac);
        if (o + 1 + k > ANSWER_DECIMAL_MAX)
            return -1;
        buf[o++] = '.';
        memcpy(buf + o, frac, k);
        o += k;
    }
    buf[o] = '\0';
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    if (!answer_decimal_valid(buf))
        return -1;
    memcpy(out, buf, o + 1);
    return 0;
}

/* 1 if a response with these answers needs version 2: a kind from ANSWER_DECIMAL on. */
static int needs_version_2(const Answer *answers, int n)
{
    for (int i = 0; i < n; i++)
        if (answers[i].kind >= ANSWER_DECIMAL)
            return 1;
    return 0;
}

/* 1 if choice c of an answer repeats an earlier one. Only names are known here: that the
 * choices follow their list's order is checked against the survey (sync/import.c). */
static int repeated_choice(const Answer *a, int c)
{
    for (int k = 0; k < c; k++)
        if (strcmp(a->choices[k], a->choices[c]) == 0)
            return 1;
    return 0;
}

/* 1 if answer i is to the same question as an earlier one. */
static int repeated_question(const Answer *answers, int i)
{
    for (int k = 0; k < i; k++)
        if (strcmp(answers[k].question, answers[i].question) == 0)
            return 1;
    return 0;
}

/* Writes a short string (u8 length); reports what breaks the limit. */
static int put_str(ByteWriter *w, const char *s, size_t max, const char *what, char *err)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    if (n > max || n > 255) {
        snprintf(err, ERR_LEN, "%s is longer than %zu bytes", what, max);
        return -1;
    }
    if (!utf8_valid(s, n)) {
        snprintf(err, ERR_LEN, "%s is not valid UTF-8", what);
        return -1;
    }
    bw_u8(w, (uint8_t)n);
    bw_bytes(w, s, n);
    return 0;
}

int response_encode(const Response *r, uint8_t *out, size_t cap, size_t *len, char *err)
{
    ByteWriter w = {out, out ? cap : SIZE_MAX, 0, 0};
    if (!date_valid(r->year, r->month, r->day)) {
        snprintf(err, ERR_LEN, "impossible date %04d-%02d-%02d", r->year, r->month, r->day);
        return -1;
    }
    if (r->flags & ~RESPONSE_FLAGS_KNOWN) {
        snprintf(err, ERR_LEN, "unknown flags 0x%x", (unsigned)r->flags);
        return -1;
    }
    if (r->nanswers < 0 || r->nanswers > SURVEY_QUESTIONS_MAX) {
        snprintf(err, ERR_LEN, "%d answers (the limit is %d)", r->nanswers, SURVEY_QUESTIONS_MAX);
        return -1;
    }
    int coded = r->receipt && *r->receipt;
    if (coded && !receipt_valid(r->receipt)) {
        snprintf(err, ERR_LEN, "receipt code is not a canonical code");
        return -1;
    }
    bw_bytes(&w, RESPONSE_MAGIC, 4);
    bw_u8(&w, coded ? RESPONSE_VERSION_3
                    : needs_version_2(r->answers, r->nanswers) ? RESPONSE_VERSION
                                                               : RESPONSE_VERSION_1);
    bw_bytes(&w, r->id, RESPONSE_ID_LEN);
    if (put_str(&w, r->form_id, SURVEY_NAME_MAX, "form id", err) ||
        put_str(&w, r->form_version, SURVEY_NAME_MAX, "form version", err))
        return -1;
    bw_u16(&w, (uint16_t)r->year);
    bw_u8(&w, (uint8_t)r->month);
    bw_u8(&w, (uint8_t)r->day);
    if (put_str(&w, r->session, SESSION_NAME_MAX, "session name", err) ||
        put_str(&w, r->lang, SURVEY_NAME_MAX, "language", err))
        return -1;
    bw_u32(&w, r->flags);
    bw_u16(&w, (uint16_t)r->nanswers);
    for (int i = 0; i < r->nanswers; i++) {
        const Answer *a = &r->answers[i];
        if (put_str(&w, a->question, SURVEY_NAME_MAX, "question name", err))
            return -1;
        if (repeated_question(r->answers, i)) {
            snprintf(err, ERR_LEN, "question %s is answered twice", a->question);
            return -1;
        }
        bw_u8(&w, (uint8_t)a->kind);
        switch (a->kind) {
        case ANSWER_DECLINED:
            break;
        case ANSWER_CHOICES:
        case ANSWER_RANK:
            if (a->nchoices < 1 || a->nchoices > SURVEY_CHOICES_MAX) {
                snprintf(err, ERR_LEN, "answer to %s has %d choices", a->question, a->nchoices);
                return -1;
            }
            bw_u8(&w, (uint8_t)a->nchoices);
            for (int c = 0; c < a->nchoices; c++) {
                if (put_str(&w, a->choices[c], SURVEY_NAME_MAX, "choice name", err))
                    return -1;
                if (repeated_choice(a, c)) {
                    snprintf(err, ERR_LEN, "answer to %s has choice %s twice", a->question,
                             a->choices[c]);
                    return -1;
                }
            }
            break;
        case ANSWER_TEXT: {
            size_t n = a->text ? strlen(a->text) : 0;
            if (n > ANSWER_TEXT_MAX || !utf8_valid(a->text ? a->text : "", n)) {
                snprintf(err, ERR_LEN, "text answer to %s is too long or not UTF-8", a->question);
                return -1;
            }
            bw_u16(&w, (uint16_t)n);
            bw_bytes(&w, a->text, n);
            break;
        }
        case ANSWER_INTEGER:
            bw_u64(&w, (uint64_t)a->integer);
            break;
        case ANSWER_DECIMAL:
            if (!a->text || !answer_decimal_valid(a->text)) {
                snprintf(err, ERR_LEN, "decimal answer to %s is not a number in canonical form",
                         a->question);
                return -1;
            }
            if (put_str(&w, a->text, ANSWER_DECIMAL_MAX, "decimal answer", err))
                return -1;
            break;
        case ANSWER_DATE:
            if (!answer_date_valid(a->year, a->month, a->day)) {
                snprintf(err, ERR_LEN, "date answer to %s is impossible: %04d-%02d-%02d",
                         a->question, a->year, a->month, a->day);
                return -1;
            }
            bw_u16(&w, (uint16_t)a->year);
            bw_u8(&w, (uint8_t)a->month);
            bw_u8(&w, (uint8_t)a->day);
            break;
        case ANSWER_TIME:
            if (a->hour < 0 || a->hour > 23 || a->minute < 0 || a->minute > 59) {
                snprintf(err, ERR_LEN, "time answer to %s is impossible: %02d:%02d", a->question,
                         a->hour, a->minute);
                return -1;
            }
            bw_u8(&w, (uint8_t)a->hour);
            bw_u8(&w, (uint8_t)a->minute);
            break;
        case ANSWER_ACK:
            break;
        default:
            snprintf(err, ERR_LEN, "answer to %s has unknown kind %d", a->question, (int)a->kind);
            return -1;
        }
    }
    if (coded && put_str(&w, r->receipt, RECEIPT_CODE_MAX, "receipt code", err))
        return -1;
    size_t content = w.len;
    size_t padded = (content + RESPONSE_PAD - 1) / RESPONSE_PAD * RESPONSE_PAD;
    uint8_t *pad = bw_reserve(&w, padded - content);
    if (pad)
        memset(pad, 0, padded - content);
    if (w.over) {
        snprintf(err, ERR_LEN, "response does not fit in %zu bytes", cap);
        return -1;
    }
    *len = w.len;
    return 0;
}

/* Reads a short string into the arena; NULL with err set on any problem. */
static const char *get_str(ByteReader *r, Arena *a, size_t max, const char *what, char *err)
{
    size_t at = r->pos;
    uint8_t n = br_u8(r);
    const uint8_t *p = br_take(r, n);
    if (!p) {
        snprintf(err, ERR_LEN, "byte %zu: %s runs past the end", at, what);
        return NULL;
    }
    if (n > max || !utf8_valid((const char *)p, n)) {
        snprintf(err, ERR_LEN, "byte %zu: %s is too long or not valid UTF-8", at, what);
        return NULL;
    }
    const char *s = arena_strndup(a, (const char *)p, n);
    if (!s)
        snprintf(err, ERR_LEN, "out of memory");
    return s;
}

int response_decode(const uint8_t *buf, size_t len, Arena *a, Response *r, char *err)
{
    ByteReader rd = {buf, len, 0, 0};
    memset(r, 0, sizeof *r);
    if (len % RESPONSE_PAD != 0 || len > RESPONSE_ENCODED_MAX) {
        snprintf(err, ERR_LEN, "length %zu is not a padded response", len);
        return -1;
    }
    const uint8_t *magic = br_take(&rd, 4);
    if (!magic || memcmp(magic, RESPONSE_MAGIC, 4) != 0) {
        snprintf(err, ERR_LEN, "byte 0: not a Chorus response (bad magic)");
        return -1;
    }
    uint8_t version = br_u8(&rd);
    if (version != RESPONSE_VERSION && version != RESPONSE_VERSION_1 &&
        version != RESPONSE_VERSION_3) {
        snprintf(err, ERR_LEN, "byte 4: response version %u is not supported", version);
        return -1;
    }
    const uint8_t *id = br_take(&rd, RESPONSE_ID_LEN);
    if (!id) {
        snprintf(err, ERR_LEN, "byte 5: id runs past the end");
        return -1;
    }
    memcpy(r->id, id, RESPONSE_ID_LEN);
    if (!(r->form_id = get_str(&rd, a, SURVEY_NAME_MAX, "form id", err)) ||
        !(r->form_version = get_str(&rd, a, SURVEY_NAME_MAX, "form version", err)))
        return -1;
    size_t at = rd.pos;
    r->year = br_u16(&rd);
    r->month = br_u8(&rd);
    r->day = br_u8(&rd);
    if (rd.short_ || !date_valid(r->year, r->month, r->day)) {
        snprintf(err, ERR_LEN, "byte %zu: impossible or missing date", at);
        return -1;
    }
    if (!(r->session = get_str(&rd, a, SESSION_NAME_MAX, "session name", err)) ||
        !(r->lang = get_str(&rd, a, SURVEY_NAME_MAX, "language", err)))
        return -1;
    at = rd.pos;
    r->flags = br_u32(&rd);
    if (rd.short_ || (r->flags & ~RESPONSE_FLAGS_KNOWN)) {
        snprintf(err, ERR_LEN, "byte %zu: unknown or missing flags", at);
        return -1;
    }
    at = rd.pos;
    r->nanswers = br_u16(&rd);
    if (rd.short_ || r->nanswers > SURVEY_QUESTIONS_MAX) {
        snprintf(err, ERR_LEN, "byte %zu: bad answer count", at);
        return -1;
    }
    Answer *answers = arena_alloc(a, sizeof(Answer) * (size_t)(r->nanswers ? r->nanswers : 1));
    if (!answers) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    r->answers = answers;
    for (int i = 0; i < r->nanswers; i++) {
        Answer *an = &answers[i];
        at = rd.pos;
        if (!(an->question = get_str(&rd, a, SURVEY_NAME_MAX, "question name", err)))
            return -1;
        if (repeated_question(answers, i)) {
            snprintf(err, ERR_LEN, "byte %zu: question %s is answered twice", at, an->question);
            return -1;
        }
        at = rd.pos;
        uint8_t kind = br_u8(&rd);
        if (rd.short_) {
            snprintf(err, ERR_LEN, "byte %zu: answer kind runs past the end", at);
            return -1;
        }
        an->kind = (AnswerKind)kind;
        if (kind >= ANSWER_DECIMAL && kind <= ANSWER_KIND_LAST && version == RESPONSE_VERSION_1) {
            snprintf(err, ERR_LEN, "byte %zu: answer kind %u needs response version %d", at, kind,
                     RESPONSE_VERSION);
            return -1;
        }
        switch (kind) {
        case ANSWER_DECLINED:
            break;
        case ANSWER_CHOICES:
        case ANSWER_RANK: {
            at = rd.pos;
            uint8_t n = br_u8(&rd);
            if (rd.short_ || n < 1 || n > SURVEY_CHOICES_MAX) {
                snprintf(err, ERR_LEN, "byte %zu: bad choice count", at);
                return -1;
            }
            const char **cs = arena_alloc(a, sizeof(char *) * n);
            if (!cs) {
                snprintf(err, ERR_LEN, "out of memory");
                return -1;
            }
            an->choices = cs;
            for (int c = 0; c < n; c++) {
                at = rd.pos;
                if (!(cs[c] = get_str(&rd, a, SURVEY_NAME_MAX, "choice name", err)))
                    return -1;
                if (repeated_choice(an, c)) {
                    snprintf(err, ERR_LEN, "byte %zu: choice %s comes twice in the answer to %s",
                             at, cs[c], an->question);
                    return -1;
                }
            }
            an->nchoices = n;
            break;
        }
        case ANSWER_TEXT: {
            at = rd.pos;
            uint16_t n = br_u16(&rd);
            const uint8_t *p = br_take(&rd, n);
            if (!p || n > ANSWER_TEXT_MAX || !utf8_valid((const char *)p, n)) {
                snprintf(err, ERR_LEN, "byte %zu: text answer too long, short or not UTF-8", at);
                return -1;
            }
            if (!(an->text = arena_strndup(a, (const char *)p, n))) {
                snprintf(err, ERR_LEN, "out of memory");
                return -1;
            }
            break;
        }
        case ANSWER_INTEGER:
            at = rd.pos;
            an->integer = (int64_t)br_u64(&rd);
            if (rd.short_) {
                snprintf(err, ERR_LEN, "byte %zu: integer runs past the end", at);
                return -1;
            }
            break;
        case ANSWER_DECIMAL:
            at = rd.pos;
            if (!(an->text = get_str(&rd, a, ANSWER_DECIMAL_MAX, "decimal answer", err)))
                return -1;
            if (!answer_decimal_valid(an->text)) {
                snprintf(err, ERR_LEN, "byte %zu: decimal answer '%s' is not a canonical number",
                         at, an->text);
                return -1;
            }
            break;
        case ANSWER_DATE:
            at = rd.pos;
            an->year = br_u16(&rd);
            an->month = br_u8(&rd);
            an->day = br_u8(&rd);
            if (rd.short_ || !answer_date_valid(an->year, an->month, an->day)) {
                snprintf(err, ERR_LEN, "byte %zu: impossible or missing date answer", at);
                return -1;
            }
            break;
        case ANSWER_TIME:
            at = rd.pos;
            an->hour = br_u8(&rd);
            an->minute = br_u8(&rd);
            if (rd.short_ || an->hour > 23 || an->minute > 59) {
                snprintf(err, ERR_LEN, "byte %zu: impossible or missing time answer", at);
                return -1;
            }
            break;
        case ANSWER_ACK:
            break;
        default:
            snprintf(err, ERR_LEN, "byte %zu: unknown answer kind %u", at, kind);
            return -1;
        }
    }
    /* One encoding per response: version 2 only when an answer needs it. */
    if (version == RESPONSE_VERSION && !needs_version_2(answers, r->nanswers)) {
        snprintf(err, ERR_LEN,
                 "byte 4: response version %u with no answer that needs it (a "
                 "version 1 response)",
                 version);
        return -1;
    }
    if (version == RESPONSE_VERSION_3) {
        at = rd.pos;
        if (!(r->receipt = get_str(&rd, a, RECEIPT_CODE_MAX, "receipt code", err)))
            return -1;
        if (!receipt_valid(r->receipt)) {
            snprintf(err, ERR_LEN, "byte %zu: receipt code is not a canonical code", at);
            return -1;
        }
    }
    /* Canonical padding: zeros only, and less than one whole block of it. */
    if (len - rd.pos >= RESPONSE_PAD) {
        snprintf(err, ERR_LEN, "byte %zu: %zu bytes of padding (at most %d)", rd.pos,
                 len - rd.pos, RESPONSE_PAD - 1);
        return -1;
    }
    for (size_t i = rd.pos; i < len; i++) {
        if (buf[i] != 0) {
            snprintf(err, ERR_LEN, "byte %zu: padding is not zero", i);
            return -1;
        }
    }
    return 0;
}
