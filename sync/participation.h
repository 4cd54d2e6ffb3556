/* participation.h: who took part in a period: responses by survey, by age band (each survey's
 * own bands, and "not given"), and by session, counted from the council database; and the
 * responses by session and survey, which nothing publishes but the small-number sums need.
 *
 * Every count is one figure of value[]/hide[], indexed by the functions below; the sums that
 * tie them (and the hiding) are linked.h's. Start reading at participation_gather(). */
#ifndef CHORUS_PARTICIPATION_H
#define CHORUS_PARTICIPATION_H

#include "inputs.h"

#define FORMS_MAX (SURVEYS_MAX + 32) /* forms in one report, shipped or not */
#define BANDS_MAX 64                 /* age bands across all surveys, "not given" included */
#define SESSIONS_MAX 100000          /* sessions in one period */
#define AGE_QUESTION "age_band"      /* the question every shipped survey asks about age */

typedef struct {
    int nforms;
    char *form[FORMS_MAX];
    const Survey *survey[FORMS_MAX]; /* NULL for a form no loaded survey has */
    int nbands;                      /* the last band is "not given" */
    char *band[BANDS_MAX];           /* the choice name; "" for not given */
    char *band_label[BANDS_MAX];
    int nsessions;
    char **session;
    int nfig;
    long *value;         /* every figure, by the indexes below */
    unsigned char *hide; /* 1: shown as c (set by linked_solve) */
    /* Responses by survey and session (not published; see linked.c), ordered by session as
     * session[] is. */
    int nx;
    int *x_form, *x_session;
    long *x_count;
} Participation;

/* Counts who took part in in's period into p (any state; zeroed first): every loaded survey,
 * then any other form the period has, the bands sorted by age, then "not given", the sessions
 * by name ("" last). Returns 0, or -1 with err (ERR_LEN); free p with participation_free
 * either way. */
int participation_gather(const Inputs *in, Participation *p, char *err)
    __attribute__((warn_unused_result));

/* Frees what p holds and zeroes it. */
void participation_free(Participation *p);

/* Figure indexes: the total, then forms, bands, form x band cells, sessions. */
static inline int participation_all(void)
{
    return 0;
}
static inline int participation_form(const Participation *p, int f)
{
    (void)p;
    return 1 + f;
}
static inline int participation_band(const Participation *p, int b)
{
    return 1 + p->nforms + b;
}
static inline int participation_cell(const Participation *p, int f, int b)
{
    return 1 + p->nforms + p->nbands + f * p->nbands + b;
}
static inline int participation_session(const Participation *p, int s)
{
    return 1 + p->nforms + p->nbands + p->nforms * p->nbands + s;
}

/* The index of form in p->form, or -1. */
int participation_find_form(const Participation *p, const char *form);

/* 1 if survey f offers age band b (the "not given" band is offered by every survey). */
int participation_offered(const Participation *p, int f, int b);

/* Survey f's title in its default language (its form id when untitled or not loaded). */
const char *participation_title(const Participation *p, int f);

#endif
