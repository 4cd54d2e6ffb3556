/* test_series.c: an attacker over a series of published reports.
 *
 * For each of many random data sets (a council database made here, a few young people a month
 * in three surveys, so that small numbers are everywhere), runs the reports a council runs in
 * a year: quarters, the calendar year, the financial year, a financial quarter that is a
 * calendar one under another name, and quarters run again after a late bundle. Then it reads
 * everything the ledger says was shown and attacks the lot.
 *
 * The attacker's unknowns are the counts of every series (ledger.h) on the finest grid all the
 * windows make, split by the batches of responses each run could count (its last_ref): atoms.
 * It knows, as equations: every shown figure is the sum of its atoms over the batches its run
 * counted; in every atom, all responses are their surveys', a survey's are its age bands', an
 * age band's (all surveys) are its surveys', all responses are their sessions', who answered
 * plus who did not are a survey's responses, and who counted plus who did not are who
 * answered; every atom is a whole number from 0 up. It works by interval narrowing through
 * the sums, then by linear algebra on what is left. It must work out no hidden figure, and no
 * atom of 1 to 9 young people (a year less its quarters, a re-run less the first run).
 *
 * The ledger is checked against the files: every figure of participation.csv is in it as
 * shown or hidden. CHORUS_SERIES_SETS=N runs N data sets (default 4).
 *
 * slow: about 45 s, 2 minutes under ASan; `make test-quick` leaves it out. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "chorus_limits.h"
#include "../sync/council.h"
#include "fileio.h"
#include "../sync/ledger.h"
#include "../sync/inputs.h"
#include "../sync/linked.h"
#include "../sync/report.h"
#include "../sync/suppress.h"
#include "response.h"
#include "test.h"

static char dir[256];
static sqlite3 *db;
static unsigned rng_state;
static int next_id;

static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 16) % n;
}

static void exec(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
        test_current_failed = 1;
    }
    sqlite3_free(msg);
}

static void answer(sqlite3_int64 ref, const char *q, const char *v)
{
    static int pos; /* answers in the order given: any increasing number will do */
    sqlite3_stmt *a = NULL;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO answer(response, question, pos, kind, value) VALUES (?,?,?,?,?)",
                           -1, &a, NULL) != SQLITE_OK) {
        test_current_failed = 1;
        return;
    }
    sqlite3_bind_int64(a, 1, ref);
    sqlite3_bind_text(a, 2, q, -1, SQLITE_STATIC);
    sqlite3_bind_int(a, 3, pos++);
    sqlite3_bind_int(a, 4, *v ? ANSWER_CHOICES : ANSWER_DECLINED);
    sqlite3_bind_text(a, 5, v, -1, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(a), SQLITE_DONE);
    sqlite3_finalize(a);
}

/* One random young person of form on day. */
static void person(const char *form, const char *day)
{
    static const char *const cic_age[] = {"age_11_13", "age_14_15", "age_16_17", ""};
    static const char *const ov_age[] = {"age_11_13", "age_14_15"};
    static const char *const listened[] = {"always", "most_of_the_time", "sometimes", ""};
    static const char *const today[] = {"mostly", "totally", "a_bit"};
    uint8_t id[RESPONSE_ID_LEN] = {0x5e, (uint8_t)(next_id >> 16), (uint8_t)(next_id >> 8),
                                   (uint8_t)next_id};
    next_id++;
    int ov = strcmp(form, "one_voice_session") == 0;
    char session[32] = "";
    if (ov)
        snprintf(session, sizeof session, "One Voice %.7s", day);
    sqlite3_stmt *r = NULL;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO response(id, kiosk, seq, form_id, form_version, day,"
                           " session, lang, flags, digest, imported_on) VALUES (?1, 'k', 1, ?2,"
                           " '1', ?3, ?4, 'en', 0, zeroblob(32), '2026-12-01')",
                           -1, &r, NULL) != SQLITE_OK) {
        test_current_failed = 1;
        return;
    }
    sqlite3_bind_blob(r, 1, id, sizeof id, SQLITE_STATIC);
    sqlite3_bind_text(r, 2, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(r, 3, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(r, 4, session, -1, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(r), SQLITE_DONE);
    sqlite3_finalize(r);
    sqlite3_int64 ref = sqlite3_last_insert_rowid(db);
    if (strcmp(form, "children_in_care") == 0) {
        const char *age = cic_age[rnd(4)];
        if (*age)
            answer(ref, "age_band", age);
        answer(ref, "listened_to", listened[rnd(4)]);
        answer(ref, "heard_of_cicc", rnd(3) ? "yes" : "no");
    } else if (ov) {
        answer(ref, "age_band", ov_age[rnd(2)]);
        answer(ref, "listened_today", today[rnd(3)]);
        answer(ref, "had_a_say", rnd(4) ? "yes" : "no");
    } else {
        answer(ref, "age_band", "age_18_20");
        answer(ref, "prepared_independence", rnd(2) ? "yes" : "no");
        answer(ref, "know_entitlements", rnd(3) ? "yes" : "not_sure");
        answer(ref, "pathway_plan_views", rnd(2) ? "yes" : "no");
    }
}

static const char *const forms[] = {"children_in_care", "one_voice_session", "care_leavers"};

/* A year of young people, 0 to 7 a month in each survey (April 2026 to March 2027). */
static void fill(void)
{
    exec("BEGIN");
    for (int m = 0; m < 12; m++)
        for (int f = 0; f < 3; f++) {
            int n = (int)rnd(8);
            for (int i = 0; i < n; i++) {
                char day[11];
                int y = 2026 + (m + 3) / 12, mo = (m + 3) % 12 + 1;
                snprintf(day, sizeof day, "%04d-%02d-%02d", y, mo, 1 + (int)rnd(28));
                person(forms[f], day);
            }
        }
    exec("COMMIT");
}

/* A late bundle: 1 to 12 young people in 2026-Q3. */
static void late(void)
{
    int n = 1 + (int)rnd(12);
    exec("BEGIN");
    for (int i = 0; i < n; i++) {
        char day[11];
        snprintf(day, sizeof day, "2026-%02d-%02d", 7 + (int)rnd(3), 1 + (int)rnd(28));
        person(forms[rnd(3)], day);
    }
    exec("COMMIT");
}

static int report(const char *dbfile, const char *period, const char *out)
{
    char *argv[] = {"report",
                    "--db",
                    (char *)dbfile,
                    "--period",
                    (char *)period,
                    "--out",
                    (char *)out,
                    "--surveys",
                    "assets/surveys",
                    "--measures",
                    "assets/plan/measures.csv",
                    NULL};
    return cmd_report(11, argv);
}

/* ---- the attacker ---- */

typedef struct {
    int nv, neq, nterm, capterm, capeq;
    long *truth, *lo, *hi;
    int *eq_first, *term_var, *term_coef;
} Sys;

static void sys_term(Sys *s, int v, int c)
{
    if (s->nterm == s->capterm) {
        s->capterm = s->capterm ? s->capterm * 2 : 4096;
        s->term_var = realloc(s->term_var, sizeof(int) * (size_t)s->capterm);
        s->term_coef = realloc(s->term_coef, sizeof(int) * (size_t)s->capterm);
    }
    s->term_var[s->nterm] = v;
    s->term_coef[s->nterm++] = c;
}

static void sys_end(Sys *s)
{
    if (s->neq + 2 >= s->capeq) {
        s->capeq = s->capeq ? s->capeq * 2 : 1024;
        s->eq_first = realloc(s->eq_first, sizeof(int) * (size_t)s->capeq);
    }
    s->eq_first[++s->neq] = s->nterm;
}

/* Narrows lo..hi through every sum until nothing changes. */
static void sys_narrow(Sys *s)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (int e = 0; e < s->neq; e++) {
            long min = 0, max = 0;
            for (int t = s->eq_first[e]; t < s->eq_first[e + 1]; t++) {
                int v = s->term_var[t], c = s->term_coef[t];
                min += c > 0 ? c * s->lo[v] : c * s->hi[v];
                max += c > 0 ? c * s->hi[v] : c * s->lo[v];
            }
            for (int t = s->eq_first[e]; t < s->eq_first[e + 1]; t++) {
                int v = s->term_var[t], c = s->term_coef[t];
                long omin = min - (c > 0 ? c * s->lo[v] : c * s->hi[v]);
                long omax = max - (c > 0 ? c * s->hi[v] : c * s->lo[v]);
                long l = c > 0 ? -omax : omin, h = c > 0 ? -omin : omax;
                if (l > s->lo[v]) {
                    s->lo[v] = l;
                    changed = 1;
                }
                if (h < s->hi[v]) {
                    s->hi[v] = h;
                    changed = 1;
                }
            }
        }
    }
}

/* fixed[v] = 1 for each variable the equations determine once the narrowed points are put in
 * (Gauss-Jordan over the reals; coefficients are small whole numbers). */
static void sys_fixed(const Sys *s, unsigned char *fixed)
{
    int *col = malloc(sizeof *col * (size_t)s->nv), ncols = 0;
    for (int v = 0; v < s->nv; v++) {
        fixed[v] = s->lo[v] == s->hi[v];
        col[v] = fixed[v] ? -1 : ncols++;
    }
    if (ncols == 0) {
        free(col);
        return;
    }
    double *a = calloc((size_t)s->neq * (size_t)ncols, sizeof *a);
    int *var = malloc(sizeof *var * (size_t)ncols), *pivot = malloc(sizeof *pivot * (size_t)s->neq);
    for (int v = 0; v < s->nv; v++)
        if (col[v] >= 0)
            var[col[v]] = v;
    for (int e = 0; e < s->neq; e++)
        for (int t = s->eq_first[e]; t < s->eq_first[e + 1]; t++)
            if (col[s->term_var[t]] >= 0)
                a[(size_t)e * (size_t)ncols + (size_t)col[s->term_var[t]]] += s->term_coef[t];
    int rank = 0;
    for (int c = 0; c < ncols && rank < s->neq; c++) {
        int best = -1;
        for (int i = rank; i < s->neq; i++)
            if (fabs(a[(size_t)i * (size_t)ncols + (size_t)c]) > 1e-9 &&
                (best < 0 || fabs(a[(size_t)i * (size_t)ncols + (size_t)c]) >
                                 fabs(a[(size_t)best * (size_t)ncols + (size_t)c])))
                best = i;
        if (best < 0)
            continue;
        double *pr = a + (size_t)best * (size_t)ncols, *rr = a + (size_t)rank * (size_t)ncols;
        for (int j = 0; j < ncols && best != rank; j++) {
            double t = pr[j];
            pr[j] = rr[j];
            rr[j] = t;
        }
        double inv = 1.0 / rr[c];
        for (int j = 0; j < ncols; j++)
            rr[j] *= inv;
        for (int i = 0; i < s->neq; i++) {
            double *ri = a + (size_t)i * (size_t)ncols, f = ri[c];
            if (i == rank || fabs(f) <= 1e-9)
                continue;
            for (int j = 0; j < ncols; j++)
                ri[j] -= f * rr[j];
        }
        pivot[rank++] = c;
    }
    for (int i = 0; i < rank; i++) {
        const double *ri = a + (size_t)i * (size_t)ncols;
        int alone = 1;
        for (int j = 0; j < ncols && alone; j++)
            alone = j == pivot[i] || fabs(ri[j]) <= 1e-9;
        if (alone)
            fixed[var[pivot[i]]] = 1;
    }
    free(a);
    free(var);
    free(pivot);
    free(col);
}

static int month_of(const char *day, int after)
{
    return atoi(day) * 12 + atoi(day + 5) - 1 + (after ? 1 : 0);
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int by_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Series index of name in names[0..n-1], or -1. */
static int series_at(char **names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

/* Where atom_of counts: got[atom], atoms laid out as attack_series lays them. */
typedef struct {
    int *got, *bound, ncell, nbatch;
    int64_t *batch;
} AtomsInto;

/* ledger_series_each_many's each: one response into its atom (series, run of months, batch),
 * as attack_series lays them out. */
static int atom_of(int series, const char *day, int64_t ref, void *ctx)
{
    AtomsInto *c = ctx;
    int m = month_of(day, 0), e = -1, k = 0;
    for (int i = 0; i < c->ncell; i++)
        if (c->bound[i] <= m && m < c->bound[i + 1])
            e = i;
    while (k < c->nbatch && c->batch[k] < ref)
        k++;
    if (e >= 0 && k < c->nbatch)
        c->got[(series * c->ncell + e) * c->nbatch + k]++;
    return 0;
}

/* Attacks everything the ledger of d says was published. Returns how many figures it works
 * out that it must not (each named on stderr). */
static int attack_series(const char *path)
{
    char err[ERR_LEN];
    LedgerFigures led = {0};
    Council *council = council_open(path, err);
    CHECK(council != NULL);
    if (!council)
        return 1;
    Sql *cdb = council_db(council);
    sqlite3 *d = sql_sqlite(cdb);
    CHECK_INT(ledger_load(cdb, &led, err), 0);
    int nnames = 0, nb = 0, nbatch = 0, bad = 0;
    char **names = calloc((size_t)led.n + 1, sizeof *names);
    int *bound = malloc(sizeof *bound * (size_t)(2 * led.n + 2));
    int64_t *batch = malloc(sizeof *batch * (size_t)(led.n + 1));
    for (int i = 0; i < led.n; i++) {
        if (series_at(names, nnames, led.items[i].series) < 0)
            names[nnames++] = led.items[i].series;
        bound[nb++] = month_of(led.items[i].first, 0);
        bound[nb++] = month_of(led.items[i].last, 1);
        batch[nbatch++] = led.items[i].last_ref;
    }
    qsort(bound, (size_t)nb, sizeof *bound, by_int);
    qsort(batch, (size_t)nbatch, sizeof *batch, by_i64);
    int u = 0;
    for (int i = 0; i < nb; i++)
        if (!u || bound[u - 1] != bound[i])
            bound[u++] = bound[i];
    nb = u;
    u = 0;
    for (int i = 0; i < nbatch; i++)
        if (!u || batch[u - 1] != batch[i])
            batch[u++] = batch[i];
    nbatch = u; /* nothing after the last run is published: no batch for it */
    int ncell = nb - 1, natoms = nnames * ncell * nbatch;
#define ATOM(s, e, k) (((s)*ncell + (e)) * nbatch + (k))
    Sys s = {0};
    int cap = natoms + led.n + 4 * ncell * nbatch * nnames + 16;
    s.truth = calloc((size_t)cap, sizeof *s.truth);
    s.lo = calloc((size_t)cap, sizeof *s.lo);
    s.hi = calloc((size_t)cap, sizeof *s.hi);
    long all = 0;
    {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(d, "SELECT count(*) FROM response", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            all = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    s.nv = natoms;
    sys_end(&s);
    s.neq = 0;
    s.eq_first[0] = 0;
    SqlStmt *count = NULL;
    for (int n = 0; n < nnames; n++)
        for (int e = 0; e < ncell; e++)
            for (int k = 0; k < nbatch; k++) {
                int y0 = bound[e] / 12, m0 = bound[e] % 12 + 1, y1 = (bound[e + 1] - 1) / 12,
                    m1 = (bound[e + 1] - 1) % 12 + 1;
                char first[11], last[11];
                snprintf(first, sizeof first, "%04d-%02d-01", y0, m0);
                snprintf(last, sizeof last, "%04d-%02d-31", y1, m1);
                long v = 0;
                CHECK_INT(ledger_series_count(cdb, &count, names[n], first, last,
                                              k ? batch[k - 1] : 0, batch[k], &v, err),
                          0);
                s.truth[ATOM(n, e, k)] = v;
                s.lo[ATOM(n, e, k)] = 0;
                s.hi[ATOM(n, e, k)] = all;
            }
    sql_finalize(count);
    /* The report reads every series at once (ledger_series_each_many, its counting in C): the
     * same atoms as each series' own query. */
    {
        int *got = calloc((size_t)natoms + 1, sizeof *got);
        AtomsInto into = {got, bound, ncell, nbatch, batch};
        char first[11], last[11];
        snprintf(first, sizeof first, "%04d-%02d-01", bound[0] / 12, bound[0] % 12 + 1);
        snprintf(last, sizeof last, "%04d-%02d-31", (bound[ncell] - 1) / 12,
                 (bound[ncell] - 1) % 12 + 1);
        CHECK_INT(ledger_series_each_many(cdb, NULL, names, nnames, first, last, atom_of, &into, err),
                  0);
        int same = 1;
        for (int i = 0; i < natoms; i++)
            if (got[i] != s.truth[i]) {
                if (same)
                    fprintf(stderr, "atom %d: %d read at once, %ld by its series' query\n", i,
                            got[i], s.truth[i]);
                same = 0;
            }
        CHECK(same);
        free(got);
    }
    /* Each published figure: a variable, the sum of its atoms. */
    int fig0 = s.nv;
    for (int i = 0; i < led.n; i++) {
        const LedgerFigure *f = &led.items[i];
        int v = s.nv++, n = series_at(names, nnames, f->series), from = month_of(f->first, 0),
            to = month_of(f->last, 1);
        s.truth[v] = f->value;
        s.lo[v] = f->shown ? f->value : 0;
        s.hi[v] = f->shown ? f->value : all;
        long sum = 0;
        for (int e = 0; e < ncell; e++)
            if (bound[e] >= from && bound[e + 1] <= to)
                for (int k = 0; k < nbatch && batch[k] <= f->last_ref; k++) {
                    sys_term(&s, ATOM(n, e, k), 1);
                    sum += s.truth[ATOM(n, e, k)];
                }
        sys_term(&s, v, -1);
        sys_end(&s);
        if (sum != f->value) {
            fprintf(stderr, "attacker: %s %s..%s is %ld in the ledger, %ld by its atoms\n",
                    f->series, f->first, f->last, f->value, sum);
            test_current_failed = 1;
        }
    }
    /* In every atom: the sums of the tables, and answered / counted within their bases. */
    for (int e = 0; e < ncell; e++)
        for (int k = 0; k < nbatch; k++) {
            int total = series_at(names, nnames, "responses|*");
            char name[512];
            for (int n = 0; n < nnames && total >= 0; n++) {
                char form[80];
                if (sscanf(names[n], "responses|%79s", form) == 1 && strcmp(form, "*") != 0)
                    sys_term(&s, ATOM(n, e, k), 1);
            }
            if (total >= 0) {
                sys_term(&s, ATOM(total, e, k), -1);
                sys_end(&s);
                for (int n = 0; n < nnames; n++)
                    if (strncmp(names[n], "session|", 8) == 0)
                        sys_term(&s, ATOM(n, e, k), 1);
                sys_term(&s, ATOM(total, e, k), -1);
                sys_end(&s);
            }
            for (int n = 0; n < nnames; n++) {
                /* a survey's responses are its age bands' */
                if (strncmp(names[n], "responses|", 10) == 0) {
                    const char *form = names[n] + 10;
                    snprintf(name, sizeof name, "age|%s|", form);
                    int any = 0;
                    for (int b = 0; b < nnames; b++)
                        if (strncmp(names[b], name, strlen(name)) == 0) {
                            sys_term(&s, ATOM(b, e, k), 1);
                            any = 1;
                        }
                    if (any) {
                        sys_term(&s, ATOM(n, e, k), -1);
                        sys_end(&s);
                    } else {
                        s.nterm = s.eq_first[s.neq];
                    }
                }
                /* an age band of all surveys is its surveys' */
                if (strncmp(names[n], "age|*|", 6) == 0) {
                    const char *band = names[n] + 6;
                    for (int b = 0; b < nnames; b++) {
                        const char *bar =
                            strncmp(names[b], "age|", 4) == 0 ? strchr(names[b] + 4, '|') : NULL;
                        if (bar && b != n && strcmp(bar + 1, band) == 0)
                            sys_term(&s, ATOM(b, e, k), 1);
                    }
                    sys_term(&s, ATOM(n, e, k), -1);
                    sys_end(&s);
                }
                /* answered + not = responses; counted + not = answered */
                char f[80], q[80];
                int wider = -1;
                if (sscanf(names[n], "answered|%79[^|]|%79s", f, q) == 2) {
                    snprintf(name, sizeof name, "responses|%s", f);
                    wider = series_at(names, nnames, name);
                } else if (sscanf(names[n], "counted|%79[^|]|%79[^|]", f, q) == 2) {
                    snprintf(name, sizeof name, "answered|%s|%s", f, q);
                    wider = series_at(names, nnames, name);
                }
                if (wider >= 0) {
                    int rest = s.nv++;
                    s.truth[rest] = s.truth[ATOM(wider, e, k)] - s.truth[ATOM(n, e, k)];
                    s.lo[rest] = 0;
                    s.hi[rest] = all;
                    sys_term(&s, ATOM(n, e, k), 1);
                    sys_term(&s, rest, 1);
                    sys_term(&s, ATOM(wider, e, k), -1);
                    sys_end(&s);
                }
            }
        }
    /* Every sum holds for the truth, or the attacker's own model is wrong. */
    for (int e = 0; e < s.neq; e++) {
        long sum = 0;
        for (int t = s.eq_first[e]; t < s.eq_first[e + 1]; t++)
            sum += s.term_coef[t] * s.truth[s.term_var[t]];
        if (sum != 0) {
            fprintf(stderr, "attacker: sum %d does not hold\n", e);
            test_current_failed = 1;
            break;
        }
    }
    sys_narrow(&s);
    unsigned char *fixed = calloc((size_t)s.nv, 1);
    sys_fixed(&s, fixed);
    for (int i = 0; i < led.n; i++) {
        int v = fig0 + i;
        const LedgerFigure *f = &led.items[i];
        if (!f->shown && f->value >= 1 && f->value < 10 && fixed[v]) {
            fprintf(stderr, "attacker: run %lld's hidden %s %s..%s can be worked out: %ld\n",
                    (long long)f->run, f->series, f->first, f->last, f->value);
            bad++;
        }
    }
    for (int n = 0; n < nnames; n++)
        for (int e = 0; e < ncell; e++)
            for (int k = 0; k < nbatch; k++) {
                int v = ATOM(n, e, k);
                if (fixed[v] && s.truth[v] >= 1 && s.truth[v] < 10) {
                    fprintf(stderr,
                            "attacker: %s, months %d..%d, batch %d, can be worked out: %ld\n",
                            names[n], bound[e], bound[e + 1] - 1, k, s.truth[v]);
                    bad++;
                }
            }
#undef ATOM
    free(fixed);
    free(s.truth);
    free(s.lo);
    free(s.hi);
    free(s.eq_first);
    free(s.term_var);
    free(s.term_coef);
    free(names);
    free(bound);
    free(batch);
    ledger_free(&led);
    council_close(council);
    return bad;
}

/* Every row of participation.csv in out is in the ledger's newest run, shown as printed. */
static void check_files_in_ledger(sqlite3 *d, const char *out)
{
    char path[512], *text = NULL, err[ERR_LEN];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/participation.csv", out);
    if (file_read_all(path, 1 << 20, &text, &len, err) != 0) {
        CHECK(0);
        return;
    }
    sqlite3_stmt *st = NULL;
    CHECK_INT(sqlite3_prepare_v2(d,
                                 "SELECT value, shown FROM published_figure WHERE run ="
                                 " (SELECT max(run) FROM publication) AND series = 'responses|*'",
                                 -1, &st, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    char want[64];
    if (sqlite3_column_int(st, 1))
        snprintf(want, sizeof want, "\nall,,All surveys,,%lld\n",
                 (long long)sqlite3_column_int64(st, 0));
    else
        snprintf(want, sizeof want, "\nall,,All surveys,,c\n");
    CHECK(strstr(text, want) != NULL);
    sqlite3_finalize(st);
    free(text);
}

static void test_series_of_reports(void)
{
    static const char *const steps[] = {"2026-Q2", "2026-Q3",    "2026",    "LATE",
                                        "2026-Q3", "2026/27-Q2", "2026-Q4", "2026",
                                        "2027-Q1", "LATE",       "2026/27", "2026-Q3"};
    const char *env = getenv("CHORUS_SERIES_SETS");
    int sets = env ? atoi(env) : 4, found = 0;
    for (int set = 0; set < sets; set++) {
        char dbfile[400], out[400], err[ERR_LEN];
        snprintf(dbfile, sizeof dbfile, "%s/series-%d.db", dir, set);
        snprintf(out, sizeof out, "%s/out", dir);
        Council *c = council_open(dbfile, err);
        CHECK(c != NULL);
        council_close(c);
        CHECK_INT(sqlite3_open(dbfile, &db), SQLITE_OK);
        exec("INSERT INTO kiosk(name, public_key, key_id, enrolled_on)"
             " VALUES ('k', zeroblob(32), '0000000000000000', '2026-01-01')");
        rng_state = 7919u * (unsigned)(set + 1);
        fill();
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
            if (strcmp(steps[i], "LATE") == 0) {
                late();
                continue;
            }
            CHECK_INT(report(dbfile, steps[i], out), 0);
            check_files_in_ledger(db, out);
        }
        int bad = attack_series(dbfile);
        if (bad)
            fprintf(stderr, "data set %d: %d figures worked out\n", set, bad);
        found += bad;
        sqlite3_close(db);
        db = NULL;
        if (getenv("CHORUS_KEEP_TEST_FILES")) { /* to read what the reports recorded */
            fprintf(stderr, "kept %s\n", dbfile);
            continue;
        }
        static const char *const names[] = {"report.html",       "report.xlsx",   "measures.csv",
                                            "participation.csv", "free-text.csv", "safety.csv"};
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            char path[512];
            snprintf(path, sizeof path, "%s/%s", out, names[i]);
            unlink(path);
        }
        rmdir(out);
        static const char *const tails[] = {"", "-wal", "-shm"};
        for (size_t i = 0; i < 3; i++) {
            char path[512];
            snprintf(path, sizeof path, "%s%s", dbfile, tails[i]);
            unlink(path);
        }
    }
    CHECK_INT(found, 0);
}

/* A report --draft records nothing and says DRAFT; published lists runs. */
static void test_draft_and_published(void)
{
    char dbfile[400], out[400], err[ERR_LEN], path[512];
    snprintf(dbfile, sizeof dbfile, "%s/draft.db", dir);
    snprintf(out, sizeof out, "%s/draft-out", dir);
    Council *c = council_open(dbfile, err);
    CHECK(c != NULL);
    council_close(c);
    CHECK_INT(sqlite3_open(dbfile, &db), SQLITE_OK);
    exec("INSERT INTO kiosk(name, public_key, key_id, enrolled_on)"
         " VALUES ('k', zeroblob(32), '0000000000000000', '2026-01-01')");
    rng_state = 1;
    fill();
    char *argv[] = {"report",    "--draft",        "--db",       dbfile,
                    "--period",  "2026-Q3",        "--out",      out,
                    "--surveys", "assets/surveys", "--measures", "assets/plan/measures.csv",
                    NULL};
    CHECK_INT(cmd_report(12, argv), 0);
    sqlite3_stmt *st = NULL;
    CHECK_INT(sqlite3_prepare_v2(db, "SELECT count(*) FROM publication", -1, &st, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    char *text = NULL;
    size_t len;
    snprintf(path, sizeof path, "%s/report.html", out);
    CHECK_INT(file_read_all(path, 1 << 22, &text, &len, err), 0);
    CHECK(text && strstr(text, "<p class=\"draft\">DRAFT: not for publication.") != NULL);
    CHECK(text && strstr(text, "<title>DRAFT: ") != NULL);
    free(text);
    text = NULL;
    snprintf(path, sizeof path, "%s/measures.csv", out);
    CHECK_INT(file_read_all(path, 1 << 22, &text, &len, err), 0);
    CHECK(text && strncmp(text,
                          "\xef\xbb\xbf"
                          "DRAFT: not for publication",
                          29) == 0);
    free(text);
    CHECK_INT(report(dbfile, "2026-Q3", out), 0);
    CHECK_INT(sqlite3_prepare_v2(db, "SELECT count(*) FROM publication", -1, &st, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    char *pargv[] = {"published", "--db", dbfile, NULL};
    CHECK_INT(cmd_published(3, pargv), 0);
    sqlite3_close(db);
    db = NULL;
    static const char *const names[] = {"report.html",       "report.xlsx",   "measures.csv",
                                        "participation.csv", "free-text.csv", "safety.csv"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", out, names[i]);
        unlink(path);
    }
    rmdir(out);
    static const char *const tails[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", dbfile, tails[i]);
        unlink(path);
    }
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/chorus-series.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_draft_and_published);
    RUN(test_series_of_reports);
    rmdir(dir);
    return TEST_SUMMARY("series");
}
