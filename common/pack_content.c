/* pack_content.c: the rules for what a kiosk pack carries. See pack_content.h.
 *
 * The names and kinds of the files were already checked by pack_read() (signed.c); this file
 * checks what they hold, the same way for the council that builds a pack and the kiosk that
 * installs it. */
#include "pack_content.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "net.h"
#include "response.h"

static int problem(PackProblem *prob, int file, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Records the problem; returns -1 for the caller to return. */
static int problem(PackProblem *prob, int file, int line, int column, const char *fmt, ...)
{
    prob->file = file;
    prob->line = line;
    prob->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prob->reason, sizeof prob->reason, fmt, ap);
    va_end(ap);
    return -1;
}

/* The length of line (s, n) without trailing spaces, tabs and CR. */
static size_t trimmed(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

/* Checks the news file at index i line by line and appends its items to (news, *used) when
 * news is not NULL. Returns 0, or -1 with prob. */
static int check_news(const PackFile *f, int i, char *news, size_t cap, size_t *used, int *items,
                      PackProblem *prob)
{
    const char *p = (const char *)f->data, *end = p + f->len;
    for (int line = 1; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (!utf8_valid(p, n))
            return problem(prob, i, line, 0, "not UTF-8 text");
        size_t keep = trimmed(p, n), lead = 0;
        while (lead < keep && (p[lead] == ' ' || p[lead] == '\t'))
            lead++;
        if (keep > lead) {
            if (keep - lead > NEWS_ITEM_MAX)
                return problem(prob, i, line, 0,
                               "an item longer than %d bytes (%zu), which kiosks refuse",
                               NEWS_ITEM_MAX, keep - lead);
            if (*items == NEWS_ITEMS_MAX)
                return problem(prob, i, line, 0,
                               "more than %d items in the pack, which kiosks refuse",
                               NEWS_ITEMS_MAX);
            if (news) {
                if (cap - *used < keep - lead + 2)
                    return problem(prob, i, line, 0, "the items do not fit in %zu bytes", cap);
                memcpy(news + *used, p + lead, keep - lead);
                *used += keep - lead;
                news[(*used)++] = '\n';
                news[*used] = '\0';
            }
            (*items)++;
        }
        p += n + (nl ? 1 : 0);
    }
    return 0;
}

/* Checks the survey file at index i: named .csv, .xlsx or .xls, once in the pack, loads, a new form id.
 * forms holds the form ids of the surveys before it (counts->surveys of them). */
static int check_survey(const Pack *p, int i, const SurveyMedia *media,
                        char (*forms)[SURVEY_NAME_MAX + 1], PackContents *counts,
                        PackProblem *prob)
{
    static SurveyProblems probs;
    const PackFile *f = &p->files[i];
    if (!survey_file_name(f->name))
        return problem(prob, i, 0, 0, "a survey's name must end in .csv, .xlsx or .xls");
    for (int k = 0; k < i; k++)
        if (p->files[k].kind == PACK_SURVEY && strcmp(p->files[k].name, f->name) == 0)
            return problem(prob, i, 0, 0, "the survey is in the pack twice");
    if (counts->surveys == SURVEYS_MAX)
        return problem(prob, i, 0, 0, "more than %d surveys in the pack, which kiosks refuse",
                       SURVEYS_MAX);
    Survey *s = survey_parse_with(f->name, (const char *)f->data, f->len, media, &probs);
    if (!s) {
        const SurveyProblem *pr = probs.count ? &probs.items[0] : NULL;
        if (pr && pr->sheet[0]) { /* a workbook: its sheet and A1 cell, in the reason */
            char where[ERR_LEN + 400];
            survey_problem_format(f->name, pr, where, sizeof where);
            const char *at = where + strlen(f->name) + 1; /* "survey!C12: reason" */
            return problem(prob, i, 0, 0, "the survey does not load: %s%s", at,
                           probs.count > 1 ? " (and more: see chorus-sync check-survey)" : "");
        }
        return problem(prob, i, pr ? pr->line : 0, pr ? pr->column : 0,
                       "the survey does not load: %s%s", pr ? pr->reason : "unknown",
                       probs.count > 1 ? " (and more: see chorus-sync check-survey)" : "");
    }
    int dup = -1;
    for (int k = 0; k < counts->surveys; k++)
        if (strcmp(forms[k], s->form_id) == 0)
            dup = k;
    if (dup < 0)
        snprintf(forms[counts->surveys], sizeof forms[0], "%s", s->form_id);
    else
        problem(prob, i, 0, 0, "form id %s is in the pack twice", s->form_id);
    survey_free(s);
    if (dup >= 0)
        return -1;
    counts->surveys++;
    return 0;
}

/* Checks the settings file at index i: the server's pin and URL must be well formed and come
 * once; any other settings file is counted. */
static int check_settings(const PackFile *f, int i, PackContents *counts, PackProblem *prob)
{
    char why[ERR_LEN];
    int pin = strcmp(f->name, NET_PIN_FILE) == 0, url = strcmp(f->name, NET_URL_FILE) == 0;
    int *at = pin ? &counts->server_pin : url ? &counts->server_url : NULL;
    if (!at) {
        counts->settings++;
        return 0;
    }
    if (*at >= 0)
        return problem(prob, i, 0, 0, "the settings file is in the pack twice");
    if (memchr(f->data, '\0', f->len) ||
        !(pin ? net_pin_valid((const char *)f->data, f->len, why)
              : net_url_valid((const char *)f->data, f->len, why)))
        return problem(prob, i, 0, 0, "%s %s", pin ? "the server's pin is malformed:"
                                                   : "the server's URL is malformed:",
                       memchr(f->data, '\0', f->len) ? "a NUL byte" : why);
    *at = i;
    return 0;
}

int pack_content_check(const Pack *p, const SurveyMedia *media, char *news, size_t cap,
                       size_t *news_len, PackContents *counts, PackProblem *prob)
{
    char forms[SURVEYS_MAX][SURVEY_NAME_MAX + 1];
    size_t used = 0;
    memset(counts, 0, sizeof *counts);
    counts->server_pin = counts->server_url = -1;
    memset(prob, 0, sizeof *prob);
    if (news && cap > 0)
        news[0] = '\0';
    if (news_len)
        *news_len = 0;
    for (int i = 0; i < p->nfiles; i++) {
        const PackFile *f = &p->files[i];
        int rc = 0;
        switch (f->kind) {
        case PACK_SURVEY:
            rc = check_survey(p, i, media, forms, counts, prob);
            break;
        case PACK_NEWS:
            rc = check_news(f, i, news, cap, &used, &counts->news, prob);
            break;
        case PACK_SETTINGS:
            rc = check_settings(f, i, counts, prob);
            break;
        default:
            rc = problem(prob, i, 0, 0, "a kind of file kiosks do not know (%d)", (int)f->kind);
        }
        if (rc != 0)
            return -1;
    }
    if (counts->surveys == 0)
        return problem(prob, -1, 0, 0, "the pack has no surveys");
    if (news_len)
        *news_len = used;
    return 0;
}

void pack_problem_format(const Pack *p, const PackProblem *prob, const char *name, char *out)
{
    if (prob->file < 0 || prob->file >= p->nfiles) {
        snprintf(out, ERR_LEN, "%s", prob->reason);
        return;
    }
    if (!name)
        name = p->files[prob->file].name;
    if (prob->line > 0 && prob->column > 0)
        snprintf(out, ERR_LEN, "%s:%d:%d: %s", name, prob->line, prob->column, prob->reason);
    else if (prob->line > 0)
        snprintf(out, ERR_LEN, "%s:%d: %s", name, prob->line, prob->reason);
    else
        snprintf(out, ERR_LEN, "%s: %s", name, prob->reason);
}
