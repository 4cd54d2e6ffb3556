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
    /* `default`: the answer a question starts with (checked when the survey loaded) */
    for (int i = 0; i < s->nquestions; i++) {
        const Question *q = &s->questions[i];
        DraftAnswer *a = &d->answers[i];
        if (!q->default_value || q->read_only)
            continue;
        if (q->type == QT_SELECT_ONE || q->type == QT_SELECT_MULTIPLE) {
            for (int c = 0; c < q->list->nchoices; c++) {
                const char *n = q->list->choices[c].name;
                size_t k = strlen(n);
                for (const char *t = q->default_value; (t = strstr(t, n)); t += k)
                    if ((t == q->default_value || t[-1] == ' ') && (t[k] == ' ' || !t[k]))
                        a->chosen |= 1ull << c;
            }
            a->state = a->chosen ? DS_ANSWERED : DS_UNANSWERED;
        } else if (q->type == QT_TEXT || q->type == QT_INTEGER) {
            a->len = strlen(q->default_value);
            if (a->len > ANSWER_TEXT_MAX)
                a->len = ANSWER_TEXT_MAX;
            memcpy(a->text, q->default_value, a->len);
            a->text[a->len] = '\0';
            a->state = a->len ? DS_ANSWERED : DS_UNANSWERED;
        } else if (q->type == QT_DECIMAL || q->type == QT_RANGE) {
            char norm[ANSWER_DECIMAL_MAX + 1];
            if (answer_decimal_canonical(q->default_value, norm) == 0)
                (void)(q->type == QT_RANGE ? draft_set(d, q, norm) : draft_type(d, q, norm));
        } else if (q->type == QT_DATE || q->type == QT_TIME) {
            char v[11];
            /* a time written HH:MM:SS is its hour and minute (checked at load) */
            snprintf(v, q->type == QT_TIME ? 6 : sizeof v, "%s", q->default_value);
            (void)draft_set(d, q, v);
        }
    }
}

void draft_wipe(Draft *d)
{
    sodium_memzero(d, sizeof *d);
}

/* The years a choice named age_LO_HI, age_LO_plus or age_under_N stands for; 0, or -1 when
 * the name is none of these. */
static int age_range(const char *name, int *lo, int *hi)
{
    char tail[8];
    int a, b, n;
    if (sscanf(name, "age_under_%d%n", &a, &n) == 1 && !name[n] && a > 0) {
        *lo = 0;
        *hi = a - 1;
        return 0;
    }
    if (sscanf(name, "age_%d_%7[a-z]%n", &a, tail, &n) == 2 && !name[n] &&
        strcmp(tail, "plus") == 0) {
        *lo = a;
        *hi = 200;
        return 0;
    }
    if (sscanf(name, "age_%d_%d%n", &a, &b, &n) == 2 && !name[n] && a <= b) {
        *lo = a;
        *hi = b;
        return 0;
    }
    return -1;
}

const Question *draft_tell_age(Draft *d, int min, int max)
{
    const Survey *s = d->survey;
    for (int i = 0; s && i < s->nquestions && !d->age_q; i++) {
        const Question *q = &s->questions[i];
        if (q->type != QT_SELECT_ONE || !q->list || q->list->nchoices == 0)
            continue;
        uint64_t fits = 0, whole = 0;
        int ok = 1;
        unsigned char covered[201] = {0};
        for (int c = 0; c < q->list->nchoices && ok; c++) {
            int lo, hi;
            ok = age_range(q->list->choices[c].name, &lo, &hi) == 0;
            if (!ok || hi < min || lo > max)
                continue;
            fits |= 1ull << c;
            if (lo <= min && hi >= max)
                whole |= 1ull << c;
            for (int y = lo > min ? lo : min; y <= (hi < max ? hi : max) && y <= 200; y++)
                covered[y] = 1;
        }
        if (!ok)
            continue;
        d->age_q = i + 1; /* the survey's age question, whether the bands fit or not */
        int all = 1;
        for (int y = min; y <= max && y <= 200; y++)
            all &= covered[y];
        if (!all)
            return NULL; /* its bands do not describe this age: it is asked as it is */
        d->age_fits = fits;
        if (fits == whole && (fits & (fits - 1)) == 0) {
            DraftAnswer *a = &d->answers[i];
            a->state = DS_ANSWERED;
            a->chosen = fits;
            d->age_given = 1;
            return q;
        }
    }
    return NULL;
}

int draft_age_given(const Draft *d, const Question *q)
{
    return d->age_given && d->age_q == draft_index(d, q) + 1 &&
           d->answers[d->age_q - 1].state == DS_ANSWERED;
}

int draft_index(const Draft *d, const Question *q)
{
    return (int)(q - d->survey->questions);
}

/* A question's relevance while draft_relevant() works it out, besides 0 and 1. */
enum { REL_UNKNOWN = -1, REL_WORKING = -2 };

/* The longest value of a question: every choice of a list chosen, names joined by spaces. */
#define VALUE_MAX (SURVEY_CHOICES_MAX * (SURVEY_NAME_MAX + 1) + 1)

/* What one chain of evaluations shares: each question's relevance, worked out once, and which
 * calculations are being worked out (one that needs itself, an authoring mistake, is ""). */
typedef struct {
    const Draft *d;
    signed char memo[SURVEY_QUESTIONS_MAX]; /* REL_UNKNOWN, REL_WORKING, or 0 / 1 */
    unsigned char calc_busy[SURVEY_QUESTIONS_MAX];
    unsigned char note_busy[SURVEY_QUESTIONS_MAX];
    /* choice_filters being worked out: one that needs its own question's answer (an authoring
     * mistake) offers every choice, rather than recurse for ever */
    unsigned char filter_busy[SURVEY_QUESTIONS_MAX];
} Walk;

/* Values for one expression: a small ring of buffers (the evaluator copies each value it is
 * handed at once), and the question `.` stands for. On the heap, since chains of relevant
 * conditions and calculations recurse, one a level. */
typedef struct {
    Walk *w;
    const Question *current; /* NULL: `.` is empty */
    const Choice *choice;    /* a choice_filter's choice: what its bare names read */
    int next;
    char bufs[4][VALUE_MAX];
} Lookup;

static int relevant_memo(Walk *w, int i);
static const char *lookup_value(const char *name, void *ctx);

static char *ring(Lookup *lk)
{
    char *buf = lk->bufs[lk->next];
    lk->next = (lk->next + 1) % 4;
    buf[0] = '\0';
    return buf;
}

static const char *choice_column(const char *name, void *ctx)
{
    Lookup *lk = ctx;
    const char *v = lk->choice ? survey_choice_column(lk->w->d->survey, lk->choice, name) : NULL;
    /* a label column reads as shown: ${name1} is name1's answer. Filling it may work out
     * another filter (an answer shown as its choice's label); one inside another reads the
     * label as written, so a label that names its own question cannot recurse for ever. */
    static int filling;
    if (!v || !strstr(v, "${") || filling)
        return v;
    filling++;
    v = draft_fill(lk->w->d, v, ring(lk), VALUE_MAX);
    filling--;
    return v;
}

static const char *choice_label(const char *question, const char *choice, void *ctx)
{
    Lookup *lk = ctx;
    const Survey *s = lk->w->d->survey;
    const Question *q = survey_question_named(s, question);
    int c = q && q->list ? survey_choice_index(q->list, choice) : -1;
    return c < 0 ? NULL : survey_text(s, q->list->choices[c].label, lk->w->d->lang);
}

/* Evaluates e with `.` as current into out (VALUE_MAX bytes) as a string, or as a boolean when
 * out is NULL; the lookup's buffers are wiped after. */
static int evaluate_for(Walk *w, const Expr *e, const Question *current, const Choice *choice,
                        char *out);

static int evaluate(Walk *w, const Expr *e, const Question *current, char *out)
{
    return evaluate_for(w, e, current, NULL, out);
}

/* evaluate(), with choice the choice a choice_filter is asked about. */
static int evaluate_for(Walk *w, const Expr *e, const Question *current, const Choice *choice,
                        char *out)
{
    Lookup *lk = malloc(sizeof *lk);
    if (!lk) {
        if (out)
            out[0] = '\0';
        return 1; /* out of memory: show the question rather than lose it */
    }
    lk->w = w;
    lk->current = current;
    lk->choice = choice;
    lk->next = 0;
    ExprEnv env = {lookup_value, choice_label, lk, 0, 0, 0, choice_column};
    int rc = out ? expr_eval_string(e, &env, out, VALUE_MAX) : expr_eval_env(e, &env);
    sodium_memzero(lk->bufs, sizeof lk->bufs);
    free(lk);
    return rc;
}

/* The value of a hidden (calculate) row or of a read-only question's calculation, into buf. */
static const char *calculated(Walk *w, const Question *q, char *buf)
{
    const Survey *s = w->d->survey;
    int calc = q->type == QT_CALCULATE;
    int i = calc ? (int)(q - s->calcs) : draft_index(w->d, q);
    unsigned char *busy = calc ? w->calc_busy : w->note_busy;
    buf[0] = '\0';
    if (busy[i])
        return buf;
    /* A hidden value not relevant is empty, as a question not shown is. */
    if (calc && q->relevant && !evaluate(w, q->relevant, NULL, NULL))
        return buf;
    if (!calc && !relevant_memo(w, i))
        return buf;
    busy[i] = 1;
    if (q->calculation)
        (void)evaluate(w, q->calculation, q, buf);
    else if (q->default_value)
        snprintf(buf, VALUE_MAX, "%s", q->default_value);
    busy[i] = 0;
    return buf;
}

/* The choices of select q that are offered: those whose choice_filter holds, each bit a choice;
 * every choice without a filter. An answer counts only its offered choices. */
static uint64_t offered(Walk *w, const Question *q)
{
    uint64_t all = q->list->nchoices >= 64 ? ~0ull : (1ull << q->list->nchoices) - 1;
    if (!q->choice_filter)
        return all;
    int i = draft_index(w->d, q);
    if (w->filter_busy[i])
        return all;
    w->filter_busy[i] = 1;
    uint64_t mask = 0;
    for (int c = 0; c < q->list->nchoices; c++)
        if (evaluate_for(w, q->choice_filter, NULL, &q->list->choices[c], NULL))
            mask |= 1ull << c;
    w->filter_busy[i] = 0;
    return mask;
}

/* The answer to question i as an expression value, into buf: choice names joined by spaces,
 * the typed text; "" when it is not answered or not shown. */
static const char *answer_value(Walk *w, const Question *q, char *buf)
{
    const Draft *d = w->d;
    if (q->type == QT_CALCULATE || q->read_only)
        return calculated(w, q, buf);
    int i = draft_index(d, q);
    const DraftAnswer *a = &d->answers[i];
    buf[0] = '\0';
    /* A question that is not shown has no value (XLSForm's rule), even if it was answered
     * before an earlier answer hid it: otherwise a hidden answer would still decide what is
     * asked next, and that answer would be sent while the one that led to it is not. */
    if (a->state != DS_ANSWERED || !relevant_memo(w, i))
        return buf;
    if (q->type == QT_SELECT_ONE || q->type == QT_SELECT_MULTIPLE) {
        size_t used = 0;
        uint64_t chosen = a->chosen & offered(w, q);
        for (int c = 0; c < q->list->nchoices; c++) {
            if (!(chosen & (1ull << c)))
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
    if (q->type == QT_RANK) {
        /* ODK's value: the names in the young person's order */
        size_t used = 0;
        for (int k = 0; k < a->norder; k++) {
            const char *n = q->list->choices[a->order[k]].name;
            size_t len = strlen(n);
            if (used + len + 2 > VALUE_MAX)
                break;
            if (used)
                buf[used++] = ' ';
            memcpy(buf + used, n, len + 1);
            used += len;
        }
        return buf;
    }
    return q->type == QT_DECIMAL ? a->number : a->text;
}

static const char *lookup_value(const char *name, void *ctx)
{
    Lookup *lk = ctx;
    const Question *q =
        strcmp(name, ".") == 0 ? lk->current : survey_question_named(lk->w->d->survey, name);
    if (!q)
        return "";
    if (q == lk->current && !q->read_only && q->type != QT_CALCULATE) {
        /* `.` in a constraint: the answer as it stands, shown or not */
        const DraftAnswer *a = &lk->w->d->answers[draft_index(lk->w->d, q)];
        if (q->type == QT_DECIMAL)
            return a->state == DS_ANSWERED ? a->number : "";
        if (q->type != QT_SELECT_ONE && q->type != QT_SELECT_MULTIPLE && q->type != QT_RANK)
            return a->state == DS_ANSWERED ? a->text : "";
    }
    return answer_value(lk->w, q, ring(lk));
}

/* Whether question i is shown. Each question is worked out once per call chain, so the depth
 * is bounded by the number of questions; one that depends on itself (a cycle of relevant
 * conditions, an authoring mistake) counts as not shown while it is being worked out. */
static int relevant_memo(Walk *w, int i)
{
    signed char *memo = w->memo;
    if (memo[i] >= 0)
        return memo[i];
    if (memo[i] == REL_WORKING)
        return 0;
    const Question *q = &w->d->survey->questions[i];
    if (!q->relevant)
        return memo[i] = 1;
    memo[i] = REL_WORKING;
    int shown = evaluate(w, q->relevant, NULL, NULL) != 0;
    return memo[i] = (signed char)shown;
}

static Walk *walk_new(const Draft *d)
{
    Walk *w = malloc(sizeof *w);
    if (!w)
        return NULL;
    w->d = d;
    memset(w->memo, REL_UNKNOWN, sizeof w->memo);
    memset(w->calc_busy, 0, sizeof w->calc_busy);
    memset(w->note_busy, 0, sizeof w->note_busy);
    memset(w->filter_busy, 0, sizeof w->filter_busy);
    return w;
}

int draft_relevant(const Draft *d, const Question *q)
{
    if (!q->relevant)
        return 1;
    Walk *w = walk_new(d);
    if (!w)
        return 1; /* out of memory: show the question rather than lose it */
    int shown = relevant_memo(w, draft_index(d, q));
    free(w);
    return shown;
}

uint64_t draft_offered(const Draft *d, const Question *q)
{
    if (!q->list)
        return 0;
    /* The age question offers what fits the age the welcome was told (draft_tell_age). */
    uint64_t age = d->age_q == draft_index(d, q) + 1 && d->age_fits ? d->age_fits : ~0ull;
    if (!q->choice_filter)
        return offered(NULL, q) & age;
    Walk *w = walk_new(d);
    if (!w)
        return (q->list->nchoices >= 64 ? ~0ull : (1ull << q->list->nchoices) - 1) & age;
    uint64_t mask = offered(w, q);
    free(w);
    return mask & age;
}

int draft_answered(const Draft *d, const Question *q)
{
    const DraftAnswer *a = &d->answers[draft_index(d, q)];
    if (a->state != DS_ANSWERED)
        return 0;
    return !q->choice_filter || (a->chosen & draft_offered(d, q)) != 0;
}

int draft_required(const Draft *d, const Question *q)
{
    if (!q->required || !q->required_if)
        return q->required;
    Walk *w = walk_new(d);
    if (!w)
        return 0; /* out of memory: never hold a young person back */
    int required = evaluate(w, q->required_if, q, NULL) != 0;
    free(w);
    return required;
}

int draft_constraint_ok(const Draft *d, const Question *q)
{
    const DraftAnswer *a = &d->answers[draft_index(d, q)];
    /* "I'd rather not say" and no answer are never held back */
    if (!q->constraint || a->state != DS_ANSWERED)
        return 1;
    Walk *w = walk_new(d);
    if (!w)
        return 1;
    int ok = evaluate(w, q->constraint, q, NULL) != 0;
    free(w);
    return ok;
}

const char *draft_value_text(const Draft *d, const Question *q, char *buf, size_t cap)
{
    buf[0] = '\0';
    Walk *w = walk_new(d);
    char *v = malloc(VALUE_MAX);
    if (!w || !v) {
        free(w);
        free(v);
        return buf;
    }
    const char *val = answer_value(w, q, v);
    if (*val && (q->type == QT_SELECT_ONE || q->type == QT_SELECT_MULTIPLE)) {
        /* the labels of the choices, as the young person saw them */
        const DraftAnswer *a = &d->answers[draft_index(d, q)];
        uint64_t chosen = a->chosen & offered(w, q);
        size_t used = 0;
        for (int c = 0; c < q->list->nchoices; c++) {
            if (!(chosen & (1ull << c)))
                continue;
            int n = snprintf(buf + used, cap - used, "%s%s", used ? ", " : "",
                             survey_text(d->survey, q->list->choices[c].label, d->lang));
            if (n < 0 || (size_t)n >= cap - used)
                break;
            used += (size_t)n;
        }
    } else if (*val && q->type == QT_RANK) {
        const DraftAnswer *a = &d->answers[draft_index(d, q)];
        size_t used = 0;
        for (int k = 0; k < a->norder; k++) {
            int n = snprintf(buf + used, cap - used, "%s%s", used ? ", " : "",
                             survey_text(d->survey, q->list->choices[a->order[k]].label, d->lang));
            if (n < 0 || (size_t)n >= cap - used)
                break;
            used += (size_t)n;
        }
    } else {
        snprintf(buf, cap, "%s", val);
    }
    sodium_memzero(v, VALUE_MAX);
    free(v);
    free(w);
    return buf;
}

const char *draft_fill(const Draft *d, const char *text, char *out, size_t cap)
{
    if (!strstr(text, "${"))
        return text;
    size_t o = 0;
    char name[SURVEY_NAME_MAX + 1], *val = malloc(VALUE_MAX);
    if (!val) {
        snprintf(out, cap, "%s", text);
        return out;
    }
    for (const char *s = text; *s && o + 1 < cap;) {
        const char *end = s[0] == '$' && s[1] == '{' ? strchr(s + 2, '}') : NULL;
        size_t n = end ? (size_t)(end - s - 2) : 0;
        const Question *q = NULL;
        if (end && n && n <= SURVEY_NAME_MAX) {
            memcpy(name, s + 2, n);
            name[n] = '\0';
            q = survey_question_named(d->survey, name);
        }
        if (!q) {
            out[o++] = *s++;
            continue;
        }
        draft_value_text(d, q, val, VALUE_MAX);
        size_t k = strlen(val);
        if (k > cap - 1 - o)
            k = cap - 1 - o;
        memcpy(out + o, val, k);
        o += k;
        s = end + 1;
    }
    out[o] = '\0';
    sodium_memzero(val, VALUE_MAX);
    free(val);
    return out;
}

int draft_page_shown(const Draft *d, int p)
{
    const Page *pg = &d->survey->pages[p];
    for (int i = 0; i < pg->count; i++)
        if (draft_relevant(d, &d->survey->questions[pg->first + i]))
            return 1;
    return 0;
}

int draft_page_asked(const Draft *d, int p)
{
    const Page *pg = &d->survey->pages[p];
    for (int i = 0; i < pg->count; i++) {
        const Question *q = &d->survey->questions[pg->first + i];
        if (draft_relevant(d, q) && !draft_age_given(d, q))
            return 1;
    }
    return 0;
}

int draft_next_page(const Draft *d, int p)
{
    for (int i = p + 1; i < d->survey->npages; i++)
        if (draft_page_asked(d, i))
            return i;
    return -1;
}

int draft_prev_page(const Draft *d, int p)
{
    for (int i = p - 1; i >= 0; i--)
        if (draft_page_asked(d, i))
            return i;
    return -1;
}

/* q's answer is the young person's own from now on (draft_tell_age's is no longer). */
static void own_answer(Draft *d, const Question *q)
{
    if (d->age_q == draft_index(d, q) + 1)
        d->age_given = 0;
}

int draft_choose(Draft *d, const Question *q, int c)
{
    DraftAnswer *a = &d->answers[draft_index(d, q)];
    uint64_t bit = 1ull << c;
    own_answer(d, q);
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

int draft_rank(Draft *d, const Question *q, int c)
{
    DraftAnswer *a = &d->answers[draft_index(d, q)];
    if (q->type != QT_RANK || c < 0 || c >= q->list->nchoices)
        return 0;
    if (a->state == DS_DECLINED)
        sodium_memzero(a, sizeof *a);
    for (int k = 0; k < a->norder; k++) {
        if (a->order[k] != c)
            continue;
        memmove(a->order + k, a->order + k + 1, (size_t)(a->norder - k - 1));
        a->order[--a->norder] = 0;
        a->state = DS_UNANSWERED;
        return 0;
    }
    a->order[a->norder++] = (uint8_t)c;
    a->state = a->norder == q->list->nchoices ? DS_ANSWERED : DS_UNANSWERED;
    return a->norder;
}

void draft_decline(Draft *d, const Question *q)
{
    DraftAnswer *a = &d->answers[draft_index(d, q)];
    own_answer(d, q);
    int was = a->state == DS_DECLINED;
    sodium_memzero(a, sizeof *a);
    a->state = was ? DS_UNANSWERED : DS_DECLINED;
}

int draft_type(Draft *d, const Question *q, const char *utf8)
{
    DraftAnswer *a = &d->answers[draft_index(d, q)];
    size_t n = strlen(utf8);
    size_t max = q->type == QT_INTEGER   ? ANSWER_INT_DIGITS
                 : q->type == QT_DECIMAL ? DRAFT_DECIMAL_DIGITS
                                         : ANSWER_TEXT_MAX;
    if (q->type == QT_INTEGER || q->type == QT_DECIMAL) {
        int points = a->state == DS_ANSWERED && memchr(a->text, '.', a->len) != NULL;
        for (size_t i = 0; i < n; i++) {
            if (utf8[i] == '.' && q->type == QT_DECIMAL && !points++)
                continue;
            if (utf8[i] < '0' || utf8[i] > '9')
                return -1;
        }
    } else if (q->type != QT_TEXT || !utf8_valid(utf8, n)) {
        return -1;
    }
    if (a->state == DS_DECLINED) {
        sodium_memzero(a, sizeof *a);
    }
    /* A point typed first is "0.": the answer is a number at every key. */
    int zero = q->type == QT_DECIMAL && a->len == 0 && utf8[0] == '.';
    if (n + (size_t)zero > max - a->len)
        return -1;
    if (zero)
        a->text[a->len++] = '0';
    memcpy(a->text + a->len, utf8, n);
    a->len += n;
    a->text[a->len] = '\0';
    a->state = a->len ? DS_ANSWERED : DS_UNANSWERED;
    if (q->type == QT_DECIMAL && answer_decimal_canonical(a->text, a->number) != 0)
        a->number[0] = '\0';
    return 0;
}

int draft_set(Draft *d, const Question *q, const char *value)
{
    DraftAnswer *a = &d->answers[draft_index(d, q)];
    if (!value) {
        sodium_memzero(a, sizeof *a);
        return 0;
    }
    int ok = 0, y, m, dd;
    char end;
    size_t n = strlen(value);
    char want[ANSWER_DECIMAL_MAX + 1];
    switch (q->type) {
    case QT_RANGE:
        for (int k = 0; k < q->range_count && !ok; k++)
            ok = survey_range_value(q, k, want) == 0 && strcmp(want, value) == 0;
        break;
    case QT_ACKNOWLEDGE:
        ok = strcmp(value, "OK") == 0;
        break;
    case QT_DATE:
        ok = n == 10 && sscanf(value, "%4d-%2d-%2d%c", &y, &m, &dd, &end) == 3 &&
             answer_date_valid(y, m, dd);
        break;
    case QT_TIME:
        ok = n == 5 && sscanf(value, "%2d:%2d%c", &y, &m, &end) == 2 && y >= 0 && y <= 23 &&
             m >= 0 && m <= 59;
        break;
    default:
        break;
    }
    if (!ok)
        return -1;
    sodium_memzero(a, sizeof *a);
    memcpy(a->text, value, n + 1);
    a->len = n;
    a->state = DS_ANSWERED;
    return 0;
}

int draft_picked(const Draft *d, const Question *q, int v[3])
{
    const DraftAnswer *a = &d->answers[draft_index(d, q)];
    v[0] = v[1] = v[2] = 0;
    if (a->state != DS_ANSWERED)
        return -1;
    if (q->type == QT_DATE)
        return sscanf(a->text, "%4d-%2d-%2d", &v[0], &v[1], &v[2]) == 3 ? 0 : -1;
    if (q->type == QT_TIME)
        return sscanf(a->text, "%2d:%2d", &v[0], &v[1]) == 2 ? 0 : -1;
    return -1;
}

/* The days in month m of year y. */
static int month_days(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* (v + delta) wrapped into lo .. hi. */
static int wrap(int v, int delta, int lo, int hi)
{
    int span = hi - lo + 1;
    return lo + (((v - lo + delta) % span) + span) % span;
}

int draft_pick(Draft *d, const Question *q, int field, int delta, const int start[3])
{
    int v[3];
    if ((q->type != QT_DATE && q->type != QT_TIME) || field < 0 ||
        field > (q->type == QT_DATE ? 2 : 1))
        return -1;
    if (draft_picked(d, q, v) != 0)
        memcpy(v, start, sizeof v);
    char out[11];
    if (q->type == QT_TIME) {
        if (field == 0)
            v[0] = wrap(v[0], delta, 0, 23);
        else
            v[1] = wrap(v[1], delta, 0, 59);
        snprintf(out, sizeof out, "%02d:%02d", wrap(v[0], 0, 0, 23), wrap(v[1], 0, 0, 59));
        int rc = draft_set(d, q, out);
        sodium_memzero(out, sizeof out); /* it spelled the answer */
        return rc;
    }
    if (field == 0) {
        v[0] += delta;
        v[0] = v[0] < 1900 ? 1900 : v[0] > 2199 ? 2199 : v[0];
    } else if (field == 1) {
        v[1] = wrap(v[1], delta, 1, 12);
    }
    if (v[0] < 1900 || v[0] > 2199 || v[1] < 1 || v[1] > 12)
        return -1; /* a start that is no date */
    int last = month_days(v[0], v[1]);
    if (field == 2)
        v[2] = wrap(v[2] > last ? last : v[2], delta, 1, last);
    v[2] = v[2] < 1 ? 1 : v[2] > last ? last : v[2];
    snprintf(out, sizeof out, "%04d-%02d-%02d", v[0], v[1], v[2]);
    int rc = draft_set(d, q, out);
    sodium_memzero(out, sizeof out);
    sodium_memzero(v, sizeof v);
    return rc;
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
    if (q->type == QT_DECIMAL && answer_decimal_canonical(a->text, a->number) != 0)
        a->number[0] = '\0';
}

const char *draft_describe(const Draft *d, const Question *q, char *buf, size_t cap)
{
    const DraftAnswer *a = &d->answers[draft_index(d, q)];
    if (a->state == DS_DECLINED)
        return "I'd rather not say";
    if (a->state != DS_ANSWERED)
        return "Not answered";
    if (q->type == QT_DECIMAL)
        return a->number;
    if (q->type == QT_RANK)
        return draft_value_text(d, q, buf, cap);
    if (q->type != QT_SELECT_ONE && q->type != QT_SELECT_MULTIPLE)
        return a->text;
    size_t used = 0;
    buf[0] = '\0';
    uint64_t chosen = a->chosen & draft_offered(d, q);
    if (!chosen)
        return "Not answered"; /* every choice chosen is no longer offered */
    for (int c = 0; c < q->list->nchoices; c++) {
        if (!(chosen & (1ull << c)))
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
        /* a choice no longer offered (its choice_filter turned false) is not sent */
        uint64_t chosen = q->list ? a->chosen & draft_offered(d, q) : 0;
        if (a->state == DS_ANSWERED && q->list && q->type != QT_RANK && !chosen)
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
                if (!(chosen & (1ull << c)))
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
        case QT_DECIMAL:
            an->kind = ANSWER_DECIMAL;
            an->text = a->number;
            break;
        case QT_RANGE:
            an->kind = ANSWER_DECIMAL;
            an->text = a->text;
            break;
        case QT_ACKNOWLEDGE:
            an->kind = ANSWER_ACK;
            break;
        case QT_RANK:
            an->kind = ANSWER_RANK;
            an->choices = &choices_buf[nc];
            for (int k = 0; k < a->norder; k++)
                choices_buf[nc + an->nchoices++] = q->list->choices[a->order[k]].name;
            nc += an->nchoices;
            break;
        case QT_DATE:
            an->kind = ANSWER_DATE;
            (void)sscanf(a->text, "%4d-%2d-%2d", &an->year, &an->month, &an->day);
            break;
        case QT_TIME:
            an->kind = ANSWER_TIME;
            (void)sscanf(a->text, "%2d:%2d", &an->hour, &an->minute);
            break;
        case QT_NOTE:
        case QT_CALCULATE:
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
