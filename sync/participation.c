/* participation.c: who took part, counted from the council database. See participation.h;
 * start reading at participation_gather(). */
#include "participation.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "response.h"
#include "span.h"

void participation_free(Participation *p)
{
    for (int i = 0; i < p->nforms; i++)
        free(p->form[i]);
    for (int i = 0; i < p->nbands; i++) {
        free(p->band[i]);
        free(p->band_label[i]);
    }
    for (int i = 0; i < p->nsessions; i++)
        free(p->session[i]);
    free(p->session);
    free(p->value);
    free(p->hide);
    free(p->x_form);
    free(p->x_session);
    free(p->x_count);
    memset(p, 0, sizeof *p);
}

int participation_find_form(const Participation *p, const char *form)
{
    for (int i = 0; i < p->nforms; i++)
        if (strcmp(p->form[i], form) == 0)
            return i;
    return -1;
}

static int add_form(Participation *p, const char *form, const Survey *s, char *err)
{
    if (p->nforms == FORMS_MAX) {
        snprintf(err, ERR_LEN, "more than %d forms in one period", FORMS_MAX);
        return -1;
    }
    if (!(p->form[p->nforms] = strdup(form))) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    p->survey[p->nforms++] = s;
    return 0;
}

static int find_band(const Participation *p, const char *band)
{
    for (int i = 0; i < p->nbands; i++)
        if (strcmp(p->band[i], band) == 0)
            return i;
    return -1;
}

static int add_band(Participation *p, const char *band, const char *label, char *err)
{
    if (find_band(p, band) >= 0)
        return 0;
    if (p->nbands == BANDS_MAX - 1) { /* one place is kept for "not given" */
        snprintf(err, ERR_LEN, "more than %d age bands across the surveys", BANDS_MAX - 1);
        return -1;
    }
    p->band[p->nbands] = strdup(band);
    p->band_label[p->nbands] = strdup(label);
    if (!p->band[p->nbands] || !p->band_label[p->nbands]) {
        free(p->band[p->nbands]);
        free(p->band_label[p->nbands]);
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    p->nbands++;
    return 0;
}

/* Age bands sort by the ages in their names (age_8_10 before age_11_13 before age_18_plus). */
static void band_key(const char *name, long key[2])
{
    key[0] = key[1] = 1000000;
    int k = 0;
    for (const char *s = name; *s && k < 2;) {
        if (isdigit((unsigned char)*s)) {
            char *end;
            key[k++] = strtol(s, &end, 10);
            s = end;
        } else {
            s++;
        }
    }
}

static void sort_bands(Participation *p)
{
    for (int i = 1; i < p->nbands; i++)
        for (int j = i; j > 0; j--) {
            long a[2], b[2];
            band_key(p->band[j - 1], a);
            band_key(p->band[j], b);
            int after = a[0] > b[0] || (a[0] == b[0] && a[1] > b[1]) ||
                        (a[0] == b[0] && a[1] == b[1] && strcmp(p->band[j - 1], p->band[j]) > 0);
            if (!after)
                break;
            char *t = p->band[j];
            p->band[j] = p->band[j - 1];
            p->band[j - 1] = t;
            t = p->band_label[j];
            p->band_label[j] = p->band_label[j - 1];
            p->band_label[j - 1] = t;
        }
}

int participation_offered(const Participation *p, int f, int b)
{
    if (b == p->nbands - 1)
        return 1;
    const Survey *s = p->survey[f];
    const Question *q = s ? survey_question_named(s, AGE_QUESTION) : NULL;
    return q && q->list && survey_choice_index(q->list, p->band[b]) >= 0;
}

/* One row of the age query: responses to a form with one age band. */
typedef struct {
    int form;
    char *name; /* the band's choice name; NULL: not given */
    long count;
} AgeRow;

/* Responses of one form with one age band (NULL: none given), as the Span counts them: a
 * response with no age band answer counts once under NULL, one with an answer once a band. */
typedef struct {
    int form;         /* Span.forms */
    const char *name; /* its name */
    const char *band; /* a Span value (kept once: compared by address) */
    long count;
} AgeCount;

static int by_form_band(const void *a, const void *b)
{
    const AgeCount *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c || x->band == y->band)
        return c;
    if (!x->band || !y->band)
        return x->band ? 1 : -1;
    return strcmp(x->band, y->band);
}

/* The age counts of sp's responses of days first..last, by form then band. 0, or -1 out of
 * memory. */
static int age_counts(const Span *sp, const char *first, const char *last, AgeCount **out,
                      size_t *n)
{
    int age = span_question(sp, AGE_QUESTION);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    for (size_t k = 0; k < sp->nresponses; k++) {
        const SpanResponse *r = &sp->responses[k];
        if (strcmp(r->day, first) < 0 || strcmp(r->day, last) > 0)
            continue;
        int any = 0;
        for (uint32_t j = 0; j <= r->n; j++) {
            const char *band = NULL;
            if (j < r->n) {
                const SpanAnswer *a = &r->answers[j];
                if (age < 0 || a->question != age || a->kind != ANSWER_CHOICES)
                    continue;
                band = a->value;
                any = 1;
            } else if (any) {
                break;
            }
            size_t i = 0;
            while (i < *n && ((*out)[i].form != r->form || (*out)[i].band != band))
                i++;
            if (i == *n) {
                if (*n == cap) {
                    cap = cap ? cap * 2 : 32;
                    AgeCount *grown = realloc(*out, sizeof *grown * cap);
                    if (!grown)
                        return -1;
                    *out = grown;
                }
                (*out)[(*n)++] = (AgeCount){r->form, sp->forms[r->form], band, 0};
            }
            (*out)[i].count++;
        }
    }
    if (*n > 1)
        qsort(*out, *n, sizeof **out, by_form_band);
    return 0;
}

/* One session of the period, counted from the Span: its responses, and those of each form
 * (by the Span's form index). */
typedef struct {
    const char *name;
    long count;
    long *by_form;
} SessionCount;

static int by_session_order(const void *x, const void *y)
{
    const SessionCount *a = x, *b = y;
    int ea = a->name[0] == '\0', eb = b->name[0] == '\0';
    return ea != eb ? ea - eb : strcmp(a->name, b->name);
}

typedef struct {
    const Span *sp;
    int index;
} FormAt;

static int by_form_name(const void *x, const void *y)
{
    const FormAt *a = x, *b = y;
    return strcmp(a->sp->forms[a->index], b->sp->forms[b->index]);
}

static uint64_t session_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void sessions_free(SessionCount *sc, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(sc[i].by_form);
    free(sc);
}

/* The sessions of the period's responses in sp, in the order the report lists them (by name,
 * a response outside any session, named "", last). 0, or -1 with err. */
static int session_counts_of(const Span *sp, const char *first, const char *last,
                             SessionCount **out, size_t *n, char *err)
{
    SessionCount *sc = NULL;
    size_t ns = 0, cap = 0, slots = 0;
    size_t *slot = NULL; /* index + 1 into sc by hash of the name; 0 empty */
    size_t at = SIZE_MAX;  /* the last response's session */
    for (size_t k = 0; k < sp->nresponses; k++) {
        const SpanResponse *r = &sp->responses[k];
        if (strcmp(r->day, first) < 0 || strcmp(r->day, last) > 0)
            continue;
        if (at == SIZE_MAX || strcmp(sc[at].name, r->session) != 0) {
            if (2 * (ns + 1) > slots) { /* rehash, twice as many slots */
                size_t more = slots ? slots * 2 : 64;
                size_t *grown = calloc(more, sizeof *grown);
                if (!grown)
                    goto oom;
                for (size_t i = 0; i < ns; i++) {
                    size_t h = (size_t)session_hash(sc[i].name) & (more - 1);
                    while (grown[h])
                        h = (h + 1) & (more - 1);
                    grown[h] = i + 1;
                }
                free(slot);
                slot = grown;
                slots = more;
            }
            size_t h = (size_t)session_hash(r->session) & (slots - 1);
            while (slot[h] && strcmp(sc[slot[h] - 1].name, r->session) != 0)
                h = (h + 1) & (slots - 1);
            if (!slot[h]) {
                if (ns == SESSIONS_MAX) {
                    snprintf(err, ERR_LEN, "more than %d sessions in one period", SESSIONS_MAX);
                    goto fail;
                }
                if (ns == cap) {
                    cap = cap ? cap * 2 : 16;
                    SessionCount *grown = realloc(sc, sizeof *grown * cap);
                    if (!grown)
                        goto oom;
                    sc = grown;
                }
                sc[ns] = (SessionCount){r->session, 0,
                                        calloc((size_t)(sp->nforms ? sp->nforms : 1), sizeof(long))};
                if (!sc[ns].by_form)
                    goto oom;
                slot[h] = ++ns;
            }
            at = slot[h] - 1;
        }
        sc[at].count++;
        sc[at].by_form[r->form]++;
    }
    free(slot);
    if (ns > 1)
        qsort(sc, ns, sizeof *sc, by_session_order);
    *out = sc;
    *n = ns;
    return 0;
oom:
    snprintf(err, ERR_LEN, "out of memory");
fail:
    free(slot);
    sessions_free(sc, ns);
    return -1;
}

int participation_gather(const Inputs *in, Participation *p, char *err)
{
    Sql *db = council_db(in->council);
    AgeRow *rows = NULL;
    SessionCount *sessions = NULL;
    size_t nsessions = 0;
    FormAt *forms = NULL;
    AgeCount *ages = NULL;
    Span *owned = NULL; /* the Span read for this alone, if the report has none */
    long *session_counts = NULL;
    int nrows = 0, caprows = 0, rc = -1;
    char first[11], last[11];
    period_days(&in->period, first, last);
    memset(p, 0, sizeof *p);

    for (int i = 0; i < in->surveys.n; i++)
        if (add_form(p, in->surveys.items[i]->form_id, in->surveys.items[i], err) != 0)
            goto done;
    for (int i = 0; i < in->surveys.n; i++) {
        const Survey *sv = in->surveys.items[i];
        const Question *q = survey_question_named(sv, AGE_QUESTION);
        if (!q || !q->list)
            continue;
        for (int c = 0; c < q->list->nchoices; c++)
            if (add_band(p, q->list->choices[c].name,
                         survey_text(sv, q->list->choices[c].label, sv->default_lang), err) != 0)
                goto done;
    }

    /* Age band of every response in the period (the Span the report's other readers walk);
     * forms the surveys no longer have count too. */
    const Span *sp = span_for(in->spans, db, first, last, &owned, err);
    size_t nages = 0;
    if (!sp)
        goto done;
    if (age_counts(sp, first, last, &ages, &nages) != 0) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nages; i++) {
        const char *form = sp->forms[ages[i].form], *band = ages[i].band;
        int f = participation_find_form(p, form);
        if (f < 0) {
            if (add_form(p, form, NULL, err) != 0)
                goto done;
            f = p->nforms - 1;
        }
        if (band && find_band(p, band) < 0 && add_band(p, band, band, err) != 0)
            goto done;
        if (nrows == caprows) {
            caprows = caprows ? caprows * 2 : 64;
            AgeRow *grown = realloc(rows, sizeof *rows * (size_t)caprows);
            if (!grown) {
                snprintf(err, ERR_LEN, "out of memory");
                goto done;
            }
            rows = grown;
        }
        rows[nrows].form = f;
        rows[nrows].name = band ? strdup(band) : NULL;
        rows[nrows].count = ages[i].count;
        if (band && !rows[nrows].name) {
            snprintf(err, ERR_LEN, "out of memory");
            goto done;
        }
        nrows++;
    }
    sort_bands(p);
    p->band[p->nbands] = strdup("");
    p->band_label[p->nbands] = strdup("Not given");
    if (!p->band[p->nbands] || !p->band_label[p->nbands]) {
        snprintf(err, ERR_LEN, "out of memory");
        p->nbands++;
        goto done;
    }
    p->nbands++;

    /* Sessions, by name; a response outside any session has the name "". */
    if (session_counts_of(sp, first, last, &sessions, &nsessions, err) != 0)
        goto done;
    if (nsessions && (!(p->session = calloc(nsessions, sizeof *p->session)) ||
                      !(session_counts = calloc(nsessions, sizeof *session_counts)))) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nsessions; i++) {
        if (!(p->session[p->nsessions] = strdup(sessions[i].name))) {
            snprintf(err, ERR_LEN, "out of memory");
            goto done;
        }
        session_counts[p->nsessions++] = sessions[i].count;
    }

    p->nfig = participation_session(p, p->nsessions);
    p->value = calloc((size_t)p->nfig, sizeof *p->value);
    p->hide = calloc((size_t)p->nfig, 1);
    if (!p->value || !p->hide) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    for (int i = 0; i < nrows; i++) {
        int b = rows[i].name ? find_band(p, rows[i].name) : p->nbands - 1;
        p->value[participation_cell(p, rows[i].form, b)] += rows[i].count;
        p->value[participation_form(p, rows[i].form)] += rows[i].count;
        p->value[participation_band(p, b)] += rows[i].count;
        p->value[participation_all()] += rows[i].count;
    }
    for (int i = 0; i < p->nsessions; i++)
        p->value[participation_session(p, i)] = session_counts[i];

    /* Responses by session and survey, in the order of the sessions above, each session's
     * surveys by form id. */
    forms = malloc(sizeof *forms * (size_t)(sp->nforms ? sp->nforms : 1));
    size_t cells = 0;
    for (size_t i = 0; i < nsessions; i++)
        for (int f = 0; f < sp->nforms; f++)
            cells += sessions[i].by_form[f] > 0;
    if (!forms || (cells && (!(p->x_form = malloc(sizeof *p->x_form * cells)) ||
                             !(p->x_session = malloc(sizeof *p->x_session * cells)) ||
                             !(p->x_count = malloc(sizeof *p->x_count * cells))))) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    for (int f = 0; f < sp->nforms; f++)
        forms[f] = (FormAt){sp, f};
    qsort(forms, (size_t)sp->nforms, sizeof *forms, by_form_name);
    for (size_t i = 0; i < nsessions; i++)
        for (int k = 0; k < sp->nforms; k++) {
            long c = sessions[i].by_form[forms[k].index];
            if (c == 0)
                continue;
            int f = participation_find_form(p, sp->forms[forms[k].index]);
            if (f < 0) {
                snprintf(err, ERR_LEN, "participation: %s has sessions but no age bands",
                         sp->forms[forms[k].index]);
                goto done;
            }
            p->x_form[p->nx] = f;
            p->x_session[p->nx] = (int)i;
            p->x_count[p->nx++] = c;
        }
    rc = 0;
done:
    sessions_free(sessions, nsessions);
    free(forms);
    free(ages);
    span_free(owned);
    for (int i = 0; i < nrows; i++)
        free(rows[i].name);
    free(rows);
    free(session_counts);
    return rc;
}

const char *participation_title(const Participation *p, int f)
{
    const Survey *s = p->survey[f];
    if (!s)
        return p->form[f];
    const char *t = survey_text(s, s->title, s->default_lang);
    return *t ? t : s->form_id;
}
