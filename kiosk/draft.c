/* draft.c: answers in memory, relevance, and turning them into a response. See draft.h. */
#include "draft.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void draft_start(Draft *d, const Survey *s, int lang)
{
    draft_wipe(d);
    d->survey = s;
    d->lang = lang;
    randombytes_buf(d->id, sizeof d->id);
}

void draft_wipe(Draft *d) { sodium_memzero(d, sizeof *d); }

int draft_index(const Draft *d, const Question *q) { return (int)(q - d->survey->questions); }

/* A question's relevance while draft_relevant() works it out, besides 0 and 1. */
enum { REL_UNKNOWN = -1, REL_WORKING = -2 };

/* The longest value of a question: every choice of a list chosen, names joined by spaces. */
#define VALUE_MAX (SURVEY_CHOICES_MAX * (SURVEY_NAME_MAX + 1) + 1)

/* Values for expressions: a small ring of buffers, since a comparison may look up two names
 * before it compares them. */
typedef struct {
    const Draft *d;
    signed char *memo; /* per question: REL_UNKNOWN, REL_WORKING, or 0 / 1 */
    int next;
    char bufs[4][VALUE_MAX];
} Lookup;

static int relevant_memo(const Draft *d, int i, signed char *memo);

static const char *lookup_value(const char *name, void *ctx)
{
    Lookup *lk = ctx;
    const Question *q = survey_question_named(lk->d->survey, name);
    if (!q)
        return "";
    int i = draft_index(lk->d, q);
    const DraftAnswer *a = &lk->d->answers[i];
    /* A question that is not shown has no value (XLSForm's rule), even if it was answered
     * before an earlier answer hid it: otherwise a hidden answer would still decide what is
     * asked next, and that answer would be sent while the one that led to it is not. */
    if (a->state != DS_ANSWERED || !relevant_memo(lk->d, i, lk->memo))
        return "";
    char *buf = lk->bufs[lk->next];
    lk->next = (lk->next + 1) % 4;
    buf[0] = '\0';
    if (q->type == QT_SELECT_ONE || q->type == QT_SELECT_MULTIPLE) {
        size_t used = 0;
        for (int c = 0; c < q->list->nchoices; c++) {
            if (!(a->chosen & (1ull << c)))
                continue;
            const char *n = q->list->choices[c].name;
            size_t len = strlen(n);
            if (used + len + 2 > VALUE_MAX)
                break; /* cannot happen: VALUE_MAX holds every choice of a full list */
            if (used)
                buf[used++] = ' ';
            memcpy(buf + used, n, len + 1);
            used += len;
        }
        return buf;
    }
    return a->text;
}

/* Whether question i is shown. Each question is worked out once per call chain, so the depth
 * is bounded by the number of questions; one that depends on itself (a cycle of relevant
 * conditions, an authoring mistake) counts as not shown while it is being worked out. */
static int relevant_memo(const Draft *d, int i, signed char *memo)
{
    if (memo[i] >= 0)
        return memo[i];
    if (memo[i] == REL_WORKING)
        return 0;
    const Question *q = &d->survey->questions[i];
    if (!q->relevant)
        return memo[i] = 1;
    memo[i] = REL_WORKING;
    /* The ring holds answers only while the expression is evaluated; wipe it after. It is on
     * the heap because chains of relevant conditions recurse, one ring a level. */
    Lookup *lk = malloc(sizeof *lk);
    if (!lk)
        return memo[i] = 1; /* out of memory: show the question rather than lose it */
    lk->d = d;
    lk->memo = memo;
    lk->next = 0;
    int shown = expr_eval(q->relevant, lookup_value, lk) != 0;
    sodium_memzero(lk->bufs, sizeof lk->bufs);
    free(lk);
    return memo[i] = (signed char)shown;
}

int draft_relevant(const Draft *d, const Question *q)
{
    if (!q->relevant)
        return 1;
    signed char memo[SURVEY_QUESTIONS_MAX];
    memset(memo, REL_UNKNOWN, sizeof memo);
    return relevant_memo(d, draft_index(d, q), memo);
}

int draft_page_shown(const Draft *d, int p)
{
    const Page *pg = &d->survey->pages[p];
    for (int i = 0; i < pg->count; i++)
        if (draft_relevant(d, &d->survey->questions[pg->first + i]))
            return 1;
    return 0;
}

int draft_next_page(const Draft *d, int p)
{
    for (int i = p + 1; i < d->survey->npages; i++)
        if (draft_page_shown(d, i))
            return i;
    return -1;
}

int draft_prev_page(const Draft *d, int p)
{
    for (int i = p - 1; i >= 0; i--)
        if (draft_page_shown(d, i))
            return i;
    return -1;
}

int draft_choose(Draft *d, const Question *q, int c)
{
    DraftAnswer *a = &d->answers[draft_index(d, q)];
    uint64_t bit = 1ull << c;
    if (q->type == QT_SELECT_ONE) {
        a->chosen = bit;
    } else {
        if (a->state != DS_ANSWERED)
            a->chosen = 0;
        a->chosen ^= bit;
    }
    a->state = a->chosen ? DS_ANSWERED : DS_UNANSWERED;
    int chosen = (a->chosen & bit) != 0;
    if (chosen && q->list->choices[c].safeguarding) {
        d->flags |= RESPONSE_FLAG_SAFETY;
        return 1;
    }
    return 0;
}

void draft_decline(Draft *d, const Question *q)
{
    DraftAnswer *a = &d->answers[draft_index(d, q)];
    int was = a->state == DS_DECLINED;
    sodium_memzero(a, sizeof *a);
    a->state = was ? DS_UNANSWERED : DS_DECLINED;
}

int draft_type(Draft *d, const Question *q, const char *utf8)
{
    DraftAnswer *a = &d->answers[draft_index(d, q)];
    size_t n = strlen(utf8);
    size_t max = q->type == QT_INTEGER ? ANSWER_INT_DIGITS : ANSWER_TEXT_MAX;
    if (q->type == QT_INTEGER) {
        for (size_t i = 0; i < n; i++)
            if (utf8[i] < '0' || utf8[i] > '9')
                return -1;
    } else if (q->type != QT_TEXT || !utf8_valid(utf8, n)) {
        return -1;
    }
    if (a->state == DS_DECLINED) {
        sodium_memzero(a, sizeof *a);
    }
    if (n > max - a->len)
        return -1;
    memcpy(a->text + a->len, utf8, n);
    a->len += n;
    a->text[a->len] = '\0';
    a->state = a->len ? DS_ANSWERED : DS_UNANSWERED;
    return 0;
}

void draft_backspace(Draft *d, const Question *q)
{
    DraftAnswer *a = &d->answers[draft_index(d, q)];
    if (a->state != DS_ANSWERED || a->len == 0)
        return;
    do {
        a->len--;
    } while (a->len && ((unsigned char)a->text[a->len] & 0xC0) == 0x80);
    sodium_memzero(a->text + a->len, sizeof a->text - a->len);
    if (a->len == 0)
        a->state = DS_UNANSWERED;
}

const char *draft_describe(const Draft *d, const Question *q, char *buf, size_t cap)
{
    const DraftAnswer *a = &d->answers[draft_index(d, q)];
    if (a->state == DS_DECLINED)
        return "I'd rather not say";
    if (a->state != DS_ANSWERED)
        return "Not answered";
    if (q->type == QT_TEXT || q->type == QT_INTEGER)
        return a->text;
    size_t used = 0;
    buf[0] = '\0';
    for (int c = 0; c < q->list->nchoices; c++) {
        if (!(a->chosen & (1ull << c)))
            continue;
        int n = snprintf(buf + used, cap - used, "%s%s", used ? ", " : "",
                         survey_text(d->survey, q->list->choices[c].label, d->lang));
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

int draft_to_response(const Draft *d, Response *r, Answer *answers_buf, const char **choices_buf)
{
    const Survey *s = d->survey;
    int n = 0, nc = 0;
    /* The safety flag says what is sent, not what was once tapped: an answer taken back,
     * declined or hidden is not a concern. Asking to talk to someone stays asked. */
    uint32_t flags = d->flags & ~RESPONSE_FLAG_SAFETY;
    for (int i = 0; i < s->nquestions; i++) {
        const Question *q = &s->questions[i];
        const DraftAnswer *a = &d->answers[i];
        if (q->type == QT_NOTE || a->state == DS_UNANSWERED || !draft_relevant(d, q))
            continue;
        Answer *an = &answers_buf[n++];
        memset(an, 0, sizeof *an);
        an->question = q->name;
        if (a->state == DS_DECLINED) {
            an->kind = ANSWER_DECLINED;
            continue;
        }
        switch (q->type) {
        case QT_SELECT_ONE:
        case QT_SELECT_MULTIPLE:
            an->kind = ANSWER_CHOICES;
            an->choices = &choices_buf[nc];
            for (int c = 0; c < q->list->nchoices; c++) {
                if (!(a->chosen & (1ull << c)))
                    continue;
                choices_buf[nc + an->nchoices++] = q->list->choices[c].name;
                if (q->list->choices[c].safeguarding)
                    flags |= RESPONSE_FLAG_SAFETY;
            }
            nc += an->nchoices;
            break;
        case QT_TEXT:
            an->kind = ANSWER_TEXT;
            an->text = a->text;
            break;
        case QT_INTEGER:
            an->kind = ANSWER_INTEGER;
            an->integer = strtoll(a->text, NULL, 10);
            break;
        case QT_NOTE:
            break;
        }
    }
    r->form_id = s->form_id;
    r->form_version = s->version;
    r->lang = *s->langs[d->lang].code ? s->langs[d->lang].code : s->langs[d->lang].name;
    r->flags = flags;
    r->nanswers = n;
    r->answers = answers_buf;
    return n;
}
