/* draft.h: the answers of the young person at the screen, in memory only.
 *
 * A draft lives in locked memory inside the App, is never written anywhere, and is wiped with
 * sodium_memzero when it is sent, abandoned or timed out. */
#ifndef CHORUS_DRAFT_H
#define CHORUS_DRAFT_H

#include <stddef.h>
#include <stdint.h>

#include "chorus_limits.h"
#include "receipt.h"
#include "response.h"
#include "survey.h"

#define DRAFT_DECIMAL_DIGITS 15 /* characters of a typed decimal answer, the point included */

typedef enum { DS_UNANSWERED = 0, DS_ANSWERED, DS_DECLINED } DraftState;

typedef struct {
    uint8_t state;   /* DraftState */
    uint64_t chosen; /* select types: bit i set when choice i is chosen */
    size_t len;      /* text, integer and decimal: bytes typed; others: of the value set */
    /* text and integer as typed; decimal as typed ("3." on the way to "3.5"); range the value
     * chosen (canonical); date YYYY-MM-DD and time HH:MM as set on the picker; acknowledge "OK" */
    char text[ANSWER_TEXT_MAX + 1];
    char number[ANSWER_DECIMAL_MAX + 1]; /* decimal: the typed text's canonical number */
    /* rank: the choices tapped so far, first to last; answered once every choice has its place */
    uint8_t order[SURVEY_CHOICES_MAX];
    uint8_t norder;
} DraftAnswer;

typedef struct {
    const Survey *survey; /* NULL when no one is answering */
    /* The id the response is stored under, drawn when the draft starts: a Send tried again
     * after a commit that reported failure but reached the disk finds it there, so the answers
     * are stored once, never twice. */
    uint8_t id[RESPONSE_ID_LEN];
    int lang;
    uint32_t flags; /* RESPONSE_FLAG_* */
    /* The receipt code the response carries (receipt.h), drawn at its first Send so that a
     * Send tried again carries the same; "" until then. */
    char receipt[RECEIPT_CODE_MAX + 1];
    /* The age the welcome was told (draft_tell_age): the survey's age question (its index + 1;
     * 0: none), the choices of it that fit that age (bit c for choice c), and whether its answer
     * is still the one the welcome gave (then its page is not shown again). */
    int age_q;
    uint64_t age_fits;
    int age_given;
    DraftAnswer answers[SURVEY_QUESTIONS_MAX];
} Draft;

/* Starts a draft of survey s shown in language lang, with a new random id; questions with a
 * `default` start answered with it. */
void draft_start(Draft *d, const Survey *s, int lang);

/* The age asked once: the young person said on the welcome screen that they are min to max
 * years old. The survey's age question (its first select_one whose every choice is named
 * age_LO_HI, age_LO_plus or age_under_N, as the shipped surveys' age bands are) then offers
 * only the choices that fit, when together they cover min..max; and when one choice alone
 * covers it, that choice is the answer and its page is not shown (the review shows it, and a
 * tap there changes it). A survey without such a question, or bands that do not cover the
 * age, asks as it would. Returns the question answered, or NULL. */
const Question *draft_tell_age(Draft *d, int min, int max);

/* 1 if q's answer is the one the welcome screen gave (draft_tell_age), not one given here. */
int draft_age_given(const Draft *d, const Question *q);

/* Forgets everything in the draft, overwriting it with zeros. */
void draft_wipe(Draft *d);

/* The index of question q in the draft's survey. */
int draft_index(const Draft *d, const Question *q);

/* 1 if question q is shown given the answers so far. Answers to questions that are not shown
 * count as unanswered (XLSForm's rule), so a hidden answer never decides what comes next. */
int draft_relevant(const Draft *d, const Question *q);

/* 1 if question q must be answered or declined before Next: required, and its `required`
 * expression (when it has one) holds given the answers so far. "I'd rather not say" always
 * answers it. */
int draft_required(const Draft *d, const Question *q);

/* The choices of select q offered now, bit c for choice c: those whose choice_filter holds
 * given the answers so far; every choice without one. */
uint64_t draft_offered(const Draft *d, const Question *q);

/* 1 if q has an answer (declining is not one): for a select, a choice still offered. */
int draft_answered(const Draft *d, const Question *q);

/* 1 if question q's answer meets its constraint, or it has none, or it is unanswered or
 * declined ("I'd rather not say" is never held back). */
int draft_constraint_ok(const Draft *d, const Question *q);

/* The answer to q as it reads in a sentence, into (buf, cap): the labels of the chosen choices
 * (joined by ", ") in the draft's language, the typed text, a calculated value; "" when it is
 * unanswered, declined or not shown. q may be a calculate row. Returns buf. */
const char *draft_value_text(const Draft *d, const Question *q, char *buf, size_t cap);

/* text with each ${name} of a question or calculate row replaced by draft_value_text() of it;
 * a ${...} naming nothing is kept. Returns text itself when it has no ${, else out (cap bytes,
 * cut to fit). Wipe out after use: it may hold answers. */
const char *draft_fill(const Draft *d, const char *text, char *out, size_t cap);

/* 1 if page p has a question that is shown. */
int draft_page_shown(const Draft *d, int p);

/* 1 if page p is shown and asks something besides an answer the welcome gave
 * (draft_tell_age): the pages Next and Back go through, and "2 of 5" counts. */
int draft_page_asked(const Draft *d, int p);

/* The next / previous shown page after / before page p; -1 when there is none. */
int draft_next_page(const Draft *d, int p);
int draft_prev_page(const Draft *d, int p);

/* Sets choice c of question q: for select_one it replaces the answer, for select_multiple it
 * toggles. Returns 1 if the choice is now chosen and is marked as a safety concern. */
int draft_choose(Draft *d, const Question *q, int c);

/* Rank question q: choice c takes the next place, or, when it has one, gives it up (the
 * choices after it move up). The answer is whole when every choice has a place. Returns the
 * place c now has (1 first), or 0. */
int draft_rank(Draft *d, const Question *q, int c);

/* Marks question q "I'd rather not say" (clearing any answer), or undoes that. */
void draft_decline(Draft *d, const Question *q);

/* Appends UTF-8 text (or digits for integer questions, digits and one point for decimal ones)
 * to question q's answer. Returns 0, or -1 when it would break ANSWER_TEXT_MAX /
 * ANSWER_INT_DIGITS / DRAFT_DECIMAL_DIGITS or is not allowed (a non-digit in an integer
 * answer, a second point). */
int draft_type(Draft *d, const Question *q, const char *utf8);

/* Sets question q's answer to value, a value the kiosk's own controls made: a range's value
 * (survey_range_value), "OK" for an acknowledge, a date YYYY-MM-DD or a time HH:MM; NULL
 * clears it. Returns 0, or -1 when the value does not fit the question (nothing changes). */
int draft_set(Draft *d, const Question *q, const char *value);

/* The date picker and the time picker: steps field 0 (year, hour), 1 (month, minute) or 2 (day)
 * of date or time question q by delta: a month or day, an hour or minute wraps round, a year
 * stops at 1900 and 2199, and a day past the end of a new month is that month's last. An
 * unanswered question first takes the value start (y, m, d, or h, min, 0): nothing is taken
 * from a clock here. Returns 0, or -1 when q is neither or field is out of range. */
int draft_pick(Draft *d, const Question *q, int field, int delta, const int start[3]);

/* The year, month and day (date) or hour and minute (time) of q's answer into v[0..2]; 0, or
 * -1 when it is not answered. */
int draft_picked(const Draft *d, const Question *q, int v[3]);

/* Removes the last character (a whole UTF-8 sequence) of question q's typed answer. */
void draft_backspace(Draft *d, const Question *q);

/* The answer to q as a short readable text for the review screen (into buf). */
const char *draft_describe(const Draft *d, const Question *q, char *buf, size_t cap);

/* Builds a response from the draft: answers of shown questions only, in survey order, and the
 * safety flag only if a safety-concern answer is among them. The
 * response points into the draft and into answers_buf / choices_buf, which must outlive it.
 * Returns the number of answers. */
int draft_to_response(const Draft *d, Response *r, Answer *answers_buf, const char **choices_buf);

#endif
