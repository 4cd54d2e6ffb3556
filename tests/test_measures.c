/* test_measures.c: tests of sync/measures.c, period.c, figure.c and suppress.c: periods, RAG,
 * the small-number rules (primary and secondary suppression, checked against a brute-force
 * attacker; copies, costs, figures that are not published, and the check of all the sums
 * together), and loading measures.csv
 * with the exact line and column of every kind of problem, the shipped file included.
 *
 * Inline measure files are copied into a malloc'd buffer of exactly their length, so a read
 * past the end is caught by the sanitizer build. Files are read relative to the repository
 * root, where tests/run.sh runs every test. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../sync/council.h"
#include "../sync/figure.h"
#include "../sync/measures.h"
#include "../sync/period.h"
#include "../sync/suppress.h"
#include "chorus_limits.h"
#include "response.h"
#include "test.h"

static SurveySet surveys;
static SurveyProblems probs;

/* ---- periods ---- */

static void check_period(const char *text, const char *name, const char *first, const char *last,
                         const char *describe)
{
    Period p;
    char err[ERR_LEN], buf[128], d1[11], d2[11];
    CHECK_INT(period_parse(text, &p, err), 0);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, name);
    period_days(&p, d1, d2);
    CHECK_STR(d1, first);
    CHECK_STR(d2, last);
    period_describe(&p, buf, sizeof buf);
    CHECK_STR(buf, describe);
}

static void test_period_parse(void)
{
    check_period("2026-Q3", "2026-Q3", "2026-07-01", "2026-09-30", "1 July to 30 September 2026");
    check_period("2026-q1", "2026-Q1", "2026-01-01", "2026-03-31", "1 January to 31 March 2026");
    check_period("2026", "2026", "2026-01-01", "2026-12-31", "1 January to 31 December 2026");
    check_period("2026/27", "2026/27", "2026-04-01", "2027-03-31", "1 April 2026 to 31 March 2027");
    check_period("2026/27-Q1", "2026/27-Q1", "2026-04-01", "2026-06-30", "1 April to 30 June 2026");
    check_period("2026/27-Q4", "2026/27-Q4", "2027-01-01", "2027-03-31",
                 "1 January to 31 March 2027");
    check_period("1999/00", "1999/00", "1999-04-01", "2000-03-31", "1 April 1999 to 31 March 2000");

    static const char *const bad[] = {"",         "2026-Q5",    "2026-Q0", "2026/28", "26-Q1",
                                      "2026-Q3x", "Q3 2026",    "2026-3",  "2026/2",  "1969",
                                      "2026 ",    "2026/27-Q5", "abcd",    "2026-Q"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Period p;
        char err[ERR_LEN] = "";
        if (period_parse(bad[i], &p, err) != -1)
            fprintf(stderr, "period '%s' was accepted\n", bad[i]);
        CHECK(period_parse(bad[i], &p, err) == -1);
        CHECK(strstr(err, bad[i]) != NULL);
    }
}

static void test_period_arithmetic(void)
{
    Period q, y, p;
    char err[ERR_LEN], buf[64], l1[16], l2[16];
    CHECK_INT(period_parse("2026-Q1", &q, err), 0);
    p = period_before(&q, 1);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "2025-Q4");
    p = period_before(&q, 3);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "2025-Q2");
    p = period_before(&q, 0);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "2026-Q1");

    /* A year measure in a quarter's report: the twelve months to the end of the quarter. */
    CHECK_INT(period_parse("2026-Q3", &q, err), 0);
    p = period_window(&q, 12);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "Oct 2025 to Sep 2026");
    period_short(&p, l1, l2, sizeof l1);
    CHECK_STR(l1, "to Sep");
    CHECK_STR(l2, "2026");
    p = period_before(&p, 1);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "Oct 2024 to Sep 2025");
    /* ... which at the last quarter is the calendar year itself. */
    CHECK_INT(period_parse("2026-Q4", &q, err), 0);
    p = period_window(&q, 12);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "2026");
    /* A quarter measure in a year's report is judged over the year. */
    CHECK_INT(period_parse("2026", &y, err), 0);
    p = period_window(&y, 3);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "2026");
    p = period_before(&y, 2);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "2024");

    CHECK_INT(period_parse("2026/27-Q1", &q, err), 0);
    p = period_before(&q, 1);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "2025/26-Q4");
    period_short(&q, l1, l2, sizeof l1);
    CHECK_STR(l1, "Q1");
    CHECK_STR(l2, "2026/27");
    p = period_window(&q, 12);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "Jul 2025 to Jun 2026");
    CHECK_INT(period_parse("2026/27-Q4", &q, err), 0);
    p = period_window(&q, 12);
    period_name(&p, buf, sizeof buf);
    CHECK_STR(buf, "2026/27");
    period_short(&p, l1, l2, sizeof l1);
    CHECK_STR(l1, "2026/27");
    CHECK_STR(l2, "");

    /* Leap years: February is never the end of a period, but a year still has its days. */
    CHECK_INT(period_parse("2024-Q1", &q, err), 0);
    char d1[11], d2[11];
    period_days(&q, d1, d2);
    CHECK_STR(d2, "2024-03-31");
}

/* ---- RAG ---- */

static void test_rag(void)
{
    CHECK_INT(rag_for(80, 80, 65), RAG_GREEN);
    CHECK_INT(rag_for(100, 80, 65), RAG_GREEN);
    CHECK_INT(rag_for(79, 80, 65), RAG_AMBER);
    CHECK_INT(rag_for(65, 80, 65), RAG_AMBER);
    CHECK_INT(rag_for(64, 80, 65), RAG_RED);
    CHECK_INT(rag_for(0, 80, 65), RAG_RED);
    CHECK_INT(rag_for(0, 0, 0), RAG_GREEN);
    CHECK_INT(rag_for(50, 50, 50), RAG_GREEN);
    CHECK_INT(rag_for(49, 50, 50), RAG_RED);
    CHECK_STR(rag_name(RAG_GREEN), "Green");
    CHECK_STR(rag_name(RAG_AMBER), "Amber");
    CHECK_STR(rag_name(RAG_RED), "Red");
    CHECK_STR(rag_name(RAG_NONE), "");
}

/* ---- small numbers ---- */

static void test_suppress_small(void)
{
    CHECK_INT(suppress_small(0), 0);
    CHECK_INT(suppress_small(1), 1);
    CHECK_INT(suppress_small(9), 1);
    CHECK_INT(suppress_small(10), 0);
    CHECK_INT(suppress_small(11), 0);
    CHECK_INT(suppress_small(-1), 0);
}

/* One group: cells 0..n-1, the total at index n. Returns the hide flags as a string of 0/1,
 * cells first, then the total. */
static const char *one_group(const long *cells, int n, int total_hidden)
{
    static char out[32];
    long value[16];
    unsigned char hide[16] = {0};
    int idx[16];
    long total = 0;
    for (int i = 0; i < n; i++) {
        value[i] = cells[i];
        total += cells[i];
        idx[i] = i;
    }
    value[n] = total;
    hide[n] = (unsigned char)total_hidden;
    SuppressGroup g = {n, idx, n};
    suppress_figures(value, NULL, hide, n + 1, &g, 1);
    for (int i = 0; i <= n; i++)
        out[i] = hide[i] ? '1' : '0';
    out[n + 1] = '\0';
    return out;
}

static void test_suppress_one_group(void)
{
    /* Nothing small: nothing hidden. */
    CHECK_STR(one_group((long[]){12, 15, 40}, 3, 0), "0000");
    /* One small cell: the total minus the others would give it away, so the next smallest
     * goes too. */
    CHECK_STR(one_group((long[]){25, 3, 40}, 3, 0), "1100");
    CHECK_STR(one_group((long[]){40, 3, 25}, 3, 0), "0110");
    /* Zeros are shown and never chosen to hide: the next smallest non-zero is. */
    CHECK_STR(one_group((long[]){0, 3, 40}, 3, 0), "0110");
    /* Two small cells: their sum is known, neither is. */
    CHECK_STR(one_group((long[]){3, 4, 50}, 3, 0), "1100");
    /* Two hidden ones that must both be 1: a third goes. */
    CHECK_STR(one_group((long[]){1, 1, 30}, 3, 0), "1110");
    /* A small total hides with its cells. */
    CHECK_STR(one_group((long[]){5}, 1, 0), "11");
    CHECK_STR(one_group((long[]){2, 3}, 2, 0), "111");
    /* One small cell and only zeros beside it: the total is that cell, and is small. */
    CHECK_STR(one_group((long[]){0, 4, 0}, 3, 0), "0101");
    /* Ten ones add up to a total that may be shown, but then every hidden cell is known to
     * be 1; with no other cell left to hide, the total goes. */
    CHECK_STR(one_group((long[]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 10, 0), "11111111111");
    /* A total hidden elsewhere is worked out by adding its cells, so one of them goes. */
    CHECK_STR(one_group((long[]){12, 15}, 2, 1), "101");
    /* ...but a zero total of zero cells is nothing to protect. */
    CHECK_STR(one_group((long[]){0, 0}, 2, 1), "001");
    /* Exactly at the threshold is shown. */
    CHECK_STR(one_group((long[]){10, 10}, 2, 0), "000");
    CHECK_STR(one_group((long[]){9, 10}, 2, 0), "110");
}

/* The brute-force attacker: for a table of cells with row and column sums, every assignment of
 * values 1..max to the hidden cells that agrees with every shown figure and every sum. Each
 * hidden cell must have at least two possible values, or the suppression failed. */
enum { ROWS = 3, COLS = 3 };
static long attack_values[ROWS * COLS];
static int attack_hidden[ROWS * COLS], attack_nhidden;
static long attack_row[ROWS], attack_col[COLS], attack_all;
static unsigned char attack_row_hidden[ROWS], attack_col_hidden[COLS], attack_all_hidden;
static unsigned char attack_seen[ROWS * COLS][64];

static int consistent(const long *v)
{
    long all = 0;
    for (int r = 0; r < ROWS; r++) {
        long sum = 0;
        for (int c = 0; c < COLS; c++)
            sum += v[r * COLS + c];
        if (!attack_row_hidden[r] && sum != attack_row[r])
            return 0;
        all += sum;
    }
    for (int c = 0; c < COLS; c++) {
        long sum = 0;
        for (int r = 0; r < ROWS; r++)
            sum += v[r * COLS + c];
        if (!attack_col_hidden[c] && sum != attack_col[c])
            return 0;
    }
    return attack_all_hidden || all == attack_all;
}

static void attack(long *v, int k)
{
    if (k == attack_nhidden) {
        if (consistent(v))
            for (int i = 0; i < attack_nhidden; i++)
                attack_seen[attack_hidden[i]][v[attack_hidden[i]]] = 1;
        return;
    }
    for (long x = 1; x < 64; x++) {
        v[attack_hidden[k]] = x;
        attack(v, k + 1);
    }
}

/* Suppresses a ROWS x COLS table with its margins and checks it against the attacker. */
static void check_table(const long cells[ROWS * COLS], const char *want)
{
    enum { NFIG = ROWS * COLS + ROWS + COLS + 1 };
    long value[NFIG] = {0};
    unsigned char hide[NFIG] = {0};
    int idx[2 * ROWS * COLS + ROWS + COLS], *p = idx;
    SuppressGroup g[ROWS + COLS + 2];
    int ng = 0;
    const int ALL = ROWS * COLS + ROWS + COLS;
    for (int i = 0; i < ROWS * COLS; i++) {
        value[i] = cells[i];
        value[ROWS * COLS + i / COLS] += cells[i];
        value[ROWS * COLS + ROWS + i % COLS] += cells[i];
        value[ALL] += cells[i];
    }
    for (int r = 0; r < ROWS; r++) {
        g[ng++] = (SuppressGroup){COLS, p, ROWS * COLS + r};
        for (int c = 0; c < COLS; c++)
            *p++ = r * COLS + c;
    }
    for (int c = 0; c < COLS; c++) {
        g[ng++] = (SuppressGroup){ROWS, p, ROWS * COLS + ROWS + c};
        for (int r = 0; r < ROWS; r++)
            *p++ = r * COLS + c;
    }
    g[ng++] = (SuppressGroup){ROWS, p, ALL};
    for (int r = 0; r < ROWS; r++)
        *p++ = ROWS * COLS + r;
    g[ng++] = (SuppressGroup){COLS, p, ALL};
    for (int c = 0; c < COLS; c++)
        *p++ = ROWS * COLS + ROWS + c;
    suppress_figures(value, NULL, hide, NFIG, g, ng);

    char got[NFIG + 1];
    for (int i = 0; i < NFIG; i++)
        got[i] = hide[i] ? '1' : '0';
    got[NFIG] = '\0';
    if (want)
        CHECK_STR(got, want);

    /* The attacker knows every shown figure and that hidden ones are 1..63 (zeros show). */
    attack_nhidden = 0;
    for (int i = 0; i < ROWS * COLS; i++) {
        attack_values[i] = cells[i];
        if (hide[i])
            attack_hidden[attack_nhidden++] = i;
    }
    for (int r = 0; r < ROWS; r++) {
        attack_row[r] = value[ROWS * COLS + r];
        attack_row_hidden[r] = hide[ROWS * COLS + r];
    }
    for (int c = 0; c < COLS; c++) {
        attack_col[c] = value[ROWS * COLS + ROWS + c];
        attack_col_hidden[c] = hide[ROWS * COLS + ROWS + c];
    }
    attack_all = value[ALL];
    attack_all_hidden = hide[ALL];
    memset(attack_seen, 0, sizeof attack_seen);
    long v[ROWS * COLS];
    memcpy(v, attack_values, sizeof v);
    if (attack_nhidden <= 4)
        attack(v, 0);
    for (int i = 0; i < attack_nhidden && attack_nhidden <= 4; i++) {
        int possible = 0;
        for (int x = 1; x < 64; x++)
            possible += attack_seen[attack_hidden[i]][x];
        if (possible < 2)
            fprintf(stderr, "cell %d (value %ld) can be worked out: %d possible values\n",
                    attack_hidden[i], cells[attack_hidden[i]], possible);
        CHECK(possible >= 2);
    }
    /* Whatever the size, no group may be left with exactly one unknown. */
    for (int k = 0; k < ng; k++) {
        int unknown = hide[g[k].total];
        for (int i = 0; i < g[k].ncells; i++)
            unknown += hide[g[k].cells[i]];
        CHECK(unknown != 1);
    }
}

static void test_suppress_table(void)
{
    /* cells row by row, then row totals, column totals, the grand total. */
    check_table((long[]){3, 20, 0, /**/ 30, 40, 0, /**/ 0, 0, 0}, "110"
                                                                  "110"
                                                                  "000"
                                                                  "000"
                                                                  "000"
                                                                  "0");
    check_table((long[]){12, 15, 11, /**/ 14, 10, 13, /**/ 20, 30, 40}, "000000000"
                                                                        "000"
                                                                        "000"
                                                                        "0");
    /* A small cell in a corner: its row, its column and the cell across hide with it. */
    check_table((long[]){2, 12, 11, /**/ 14, 10, 13, /**/ 20, 30, 40}, NULL);
    /* A whole small row: its total hides, and a second row keeps the column sums safe. */
    check_table((long[]){2, 3, 1, /**/ 14, 10, 13, /**/ 20, 30, 40}, NULL);
    /* Two ones in a row. */
    check_table((long[]){1, 1, 20, /**/ 14, 10, 13, /**/ 20, 30, 40}, NULL);
    check_table((long[]){5, 0, 0, /**/ 0, 7, 0, /**/ 0, 0, 30}, NULL);
}

static void test_suppress_percent(void)
{
    /* Shown only from at least 10 answers, counting 0 or at least 10 of them. */
    CHECK_INT(suppress_percent(0, 12), 0);
    CHECK_INT(suppress_percent(10, 12), 1); /* 83% of 12: the other 2 said no */
    CHECK_INT(suppress_percent(11, 12), 1); /* 92% of 12: one said no */
    CHECK_INT(suppress_percent(10, 20), 0);
    CHECK_INT(suppress_percent(11, 21), 0);
    CHECK_INT(suppress_percent(12, 12), 0);
    CHECK_INT(suppress_percent(4, 12), 1); /* 33% of 12 is 4 */
    CHECK_INT(suppress_percent(9, 12), 1);
    CHECK_INT(suppress_percent(5, 100), 1);
    CHECK_INT(suppress_percent(9, 9), 1);
    CHECK_INT(suppress_percent(0, 9), 1);
    CHECK_INT(suppress_percent(0, 0), 0); /* no data, not a small number */
}

/* Hide flags as a string of 0/1. */
static const char *flags(const unsigned char *hide, int n)
{
    static char out[64];
    for (int i = 0; i < n && i < 63; i++)
        out[i] = hide[i] ? '1' : '0';
    out[n < 63 ? n : 63] = '\0';
    return out;
}

static void test_suppress_copies_and_costs(void)
{
    /* Survey counts 3, 12 and 40 (total 55); figure 4 is the same 12 in a count measure, and
     * figure 5 is the number of one survey's responses at a session (not published). */
    const long value[6] = {3, 12, 40, 55, 12, 3};
    const int cells[3] = {0, 1, 2}, copy[1] = {1}, session[1] = {5};
    SuppressGroup g[3] = {{3, cells, 3}, {1, copy, 4}, {1, session, 0}};
    unsigned char hide[6] = {0};
    /* Without costs: the smallest cell goes with the 3, and its copy with it; the 3 at the
     * session is the survey's 3 (a group of one), hidden as small. */
    CHECK_INT(suppress_figures(value, NULL, hide, 6, g, 3), 4);
    CHECK_STR(flags(hide, 6), "110011");
    /* With costs, even all alike, hiding the 12 would cost its copy too: the 40 goes. */
    int cost_all[6] = {1, 1, 1, 1, 1, 1};
    memset(hide, 0, sizeof hide);
    CHECK_INT(suppress_figures(value, cost_all, hide, 6, g, 3), 3);
    CHECK_STR(flags(hide, 6), "101001");
    /* The measure costs most: the 40 goes instead, and the measure's 12 stays. A figure that
     * is not published (cost 0) is never hidden for being small; it is hidden only when the
     * 3 would otherwise be its copy in plain sight. */
    int cost[6] = {2, 2, 2, 5, 100, 0};
    memset(hide, 0, sizeof hide);
    CHECK_INT(suppress_figures(value, cost, hide, 6, g, 3), 3);
    CHECK_STR(flags(hide, 6), "101001");
    /* A total cheaper than every cell goes before them. */
    int cheap_total[6] = {2, 50, 50, 1, 100, 0};
    memset(hide, 0, sizeof hide);
    CHECK_INT(suppress_figures(value, cheap_total, hide, 6, g, 3), 3);
    CHECK_STR(flags(hide, 6), "100101");
    /* An unpublished figure is the first choice when one more must go. */
    const long v2[5] = {3, 30, 20, 53, 0};
    const int c2[3] = {0, 1, 2};
    SuppressGroup g2[1] = {{3, c2, 3}};
    int cost2[5] = {1, 0, 1, 1, 1};
    unsigned char h2[5] = {0};
    CHECK_INT(suppress_figures(v2, cost2, h2, 5, g2, 1), 2);
    CHECK_STR(flags(h2, 5), "11000");
}

/* 1 if hidden cell (r, c) of a table whose margins are all shown lies on a cycle of hidden
 * cells (rows and columns as nodes, hidden cells as edges): only then can it move while every
 * sum stays, so only then is it not worked out. Independent of suppress_figures' algebra. */
enum { BR = 4, BC = 4 };
static int on_cycle(const unsigned char *hide, int r, int c)
{
    int seen[BR + BC] = {0}, queue[BR + BC], head = 0, tail = 0;
    seen[r] = 1; /* nodes: rows 0..BR-1, then columns */
    queue[tail++] = r;
    while (head < tail) {
        int node = queue[head++];
        for (int k = 0; k < (node < BR ? BC : BR); k++) {
            int rr = node < BR ? node : k, cc = node < BR ? k : node - BR;
            if (!hide[rr * BC + cc] || (rr == r && cc == c))
                continue; /* not hidden, or the cell itself */
            int next = node < BR ? BR + cc : rr;
            if (!seen[next]) {
                seen[next] = 1;
                queue[tail++] = next;
            }
        }
    }
    return seen[BR + c];
}

static void test_suppress_linked_groups(void)
{
    /* Two squares of hidden cells (rows 0-1 x columns 0-1, rows 2-3 x columns 2-3) and a
     * cell between them (1, 2). Every row and column has at least two hidden cells, so no
     * sum alone gives anything away; but rows 0 and 1 minus columns 0 and 1 is exactly the
     * cell between. Checking all the sums together finds it and hides one more. */
    enum { N = BR * BC + BR + BC + 1 };
    long value[N] = {0};
    unsigned char hide[N] = {0};
    static const long cells[BR * BC] = {30, 31, 11, 40, /**/ 32, 33, 34, 12, /**/
                                        41, 42, 35, 36, /**/ 43, 44, 37, 38};
    static const int hidden[] = {0, 1, 4, 5, 6, 10, 11, 14, 15};
    int idx[2 * BR * BC + BR + BC], *p = idx, ng = 0;
    SuppressGroup g[BR + BC + 2];
    const int ALL = N - 1;
    for (int i = 0; i < BR * BC; i++) {
        value[i] = cells[i];
        value[BR * BC + i / BC] += cells[i];
        value[BR * BC + BR + i % BC] += cells[i];
        value[ALL] += cells[i];
    }
    for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++)
        hide[hidden[i]] = 1;
    for (int r = 0; r < BR; r++) {
        g[ng++] = (SuppressGroup){BC, p, BR * BC + r};
        for (int c = 0; c < BC; c++)
            *p++ = r * BC + c;
    }
    for (int c = 0; c < BC; c++) {
        g[ng++] = (SuppressGroup){BR, p, BR * BC + BR + c};
        for (int r = 0; r < BR; r++)
            *p++ = r * BC + c;
    }
    g[ng++] = (SuppressGroup){BR, p, ALL};
    for (int r = 0; r < BR; r++)
        *p++ = BR * BC + r;
    g[ng++] = (SuppressGroup){BC, p, ALL};
    for (int c = 0; c < BC; c++)
        *p++ = BR * BC + BR + c;
    CHECK(on_cycle(hide, 0, 0));
    CHECK(!on_cycle(hide, 1, 2)); /* the cell between can be worked out... */
    CHECK(suppress_figures(value, NULL, hide, N, g, ng) >= 1);
    for (int i = BR * BC; i < N; i++)
        CHECK(!hide[i]); /* (margins stay: a cell beside it is enough) */
    for (int i = 0; i < BR * BC; i++)
        if (hide[i] && !on_cycle(hide, i / BC, i % BC))
            fprintf(stderr, "cell (%d, %d) can be worked out\n", i / BC, i % BC);
    for (int i = 0; i < BR * BC; i++)
        CHECK(!hide[i] || on_cycle(hide, i / BC, i % BC)); /* ...and now none can */
}

/* ---- measures.csv ---- */

static const char header[] =
    "ref,plan,workstream,measure,kind,form_id,question,counts,denominator,target,amber,period\n";

static MeasureSet *parse_n(const char *text, size_t len)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return NULL;
    memcpy(copy, text, len);
    MeasureSet *m = measures_parse("m.csv", copy, len, &surveys, &probs);
    free(copy);
    return m;
}

/* Parses header + row and checks for exactly one problem at line 2, column, with words. */
static void check_bad_row(const char *row, int column, const char *words, int srcline)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s\n", header, row);
    MeasureSet *m = parse_n(text, strlen(text));
    int ok = m == NULL && probs.count == 1 && probs.items[0].line == 2 &&
             probs.items[0].column == column && strstr(probs.items[0].reason, words);
    if (!ok) {
        fprintf(stderr, "%s:%d: want one problem 2:%d with \"%s\", got %d:\n", __FILE__, srcline,
                column, words, probs.count);
        survey_problems_print("m.csv", &probs, stderr);
    }
    CHECK(ok);
    measures_free(m);
}
#define CHECK_BAD_ROW(row, column, words) check_bad_row(row, column, words, __LINE__)

static void test_measures_good(void)
{
    char text[2048];
    snprintf(text, sizeof text,
             "%s"
             "1.1b,Gateshead 2021/22,Participation,\"Listened to, mostly\",percent,"
             "children_in_care,listened_to,most_of_the_time always,answered,80,65,quarter\n"
             "\n"
             "24. 25.,Durham,,Prepared,percent,care_leavers,prepared_independence,yes,"
             "responses,75,60,year\n"
             "1.2a,Gateshead 2021/22,Participation,One Voice,count,one_voice_session,,,,30,15,"
             "quarter\n"
             "1.2a,Gateshead 2021/22,Participation,Said yes,count,one_voice_session,had_a_say,"
             "yes,,5,1,quarter\n",
             header);
    MeasureSet *m = parse_n(text, strlen(text));
    if (!m)
        survey_problems_print("m.csv", &probs, stderr);
    CHECK(m != NULL);
    if (!m)
        return;
    CHECK_INT(m->n, 4);
    const Measure *a = &m->items[0], *b = &m->items[1], *c = &m->items[2], *d = &m->items[3];
    CHECK_INT(a->line, 2);
    CHECK_STR(a->text, "Listened to, mostly");
    CHECK_INT(a->kind, MEASURE_PERCENT);
    CHECK_INT(a->ncounts, 2);
    CHECK_STR(a->counts[1], "always");
    CHECK_INT(a->denominator, DENOM_ANSWERED);
    CHECK_INT(a->target, 80);
    CHECK_INT(a->amber, 65);
    CHECK_INT(a->months, 3);
    CHECK_STR(a->question->name, "listened_to");
    CHECK_INT(b->line, 4);
    CHECK_INT(b->nrefs, 2);
    CHECK_STR(b->ref[0], "24.");
    CHECK_STR(b->ref[1], "25.");
    CHECK_STR(b->refs, "24. 25.");
    CHECK(measure_has_ref(b, "25."));
    CHECK(!measure_has_ref(b, "25"));
    CHECK_INT(b->denominator, DENOM_RESPONSES);
    CHECK_INT(b->months, 12);
    CHECK_STR(b->workstream, "");
    CHECK_INT(c->kind, MEASURE_COUNT);
    CHECK(c->question == NULL);
    CHECK_INT(c->denominator, DENOM_NONE);
    CHECK(d->question != NULL);
    measures_free(m);

    /* Columns in any order, names in any case, a trailing comma. */
    const char *shuffled =
        "Period,REF,plan,workstream,measure,kind,form_id,question,counts,denominator,target,"
        "amber,\r\nyear,7,H,,x,count,children_in_care,,,,3,1,\r\n";
    m = parse_n(shuffled, strlen(shuffled));
    CHECK(m != NULL);
    if (m) {
        CHECK_INT(m->n, 1);
        CHECK_INT(m->items[0].months, 12);
        CHECK_STR(m->items[0].ref[0], "7");
    }
    measures_free(m);
}

static void test_measures_bad(void)
{
    CHECK_BAD_ROW(",P,,x,count,children_in_care,,,,3,1,quarter", 1, "no ref");
    CHECK_BAD_ROW("1 [2],P,,x,count,children_in_care,,,,3,1,quarter", 1, "brackets");
    CHECK_BAD_ROW("1,,,x,count,children_in_care,,,,3,1,quarter", 2, "which action plan");
    CHECK_BAD_ROW("1,P,,,count,children_in_care,,,,3,1,quarter", 4, "what is measured");
    CHECK_BAD_ROW("1,P,,see [note],count,children_in_care,,,,3,1,quarter", 4, "square brackets");
    CHECK_BAD_ROW("1,P,,x,ratio,children_in_care,,,,3,1,quarter", 5, "'percent' or 'count'");
    CHECK_BAD_ROW("1,P,,x,count,no_such_form,,,,3,1,quarter", 6, "no survey has form id");
    CHECK_BAD_ROW("1,P,,x,count,,,,,3,1,quarter", 6, "no form_id");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,,yes,answered,3,1,quarter", 7,
                  "needs a question");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,nope,yes,answered,3,1,quarter", 7,
                  "no question 'nope'");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,anything_else,yes,answered,3,1,quarter", 7,
                  "text question");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,listened_to,,answered,3,1,quarter", 8,
                  "which answers count");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,listened_to,often,answered,3,1,quarter", 8,
                  "'often' is not a choice");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,listened_to,always always,answered,3,1,"
                  "quarter",
                  8, "twice");
    CHECK_BAD_ROW("1,P,,x,count,children_in_care,,yes,,3,1,quarter", 8, "need a question");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,listened_to,always,some,3,1,quarter", 9,
                  "'answered'");
    CHECK_BAD_ROW("1,P,,x,count,children_in_care,,,answered,3,1,quarter", 9, "no denominator");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,listened_to,always,answered,120,1,quarter", 10,
                  "0 to 100");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,listened_to,always,answered,8.5,1,quarter", 10,
                  "whole");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,listened_to,always,answered,80,,quarter", 11,
                  "amber");
    CHECK_BAD_ROW("1,P,,x,percent,children_in_care,listened_to,always,answered,60,70,quarter", 11,
                  "above the target");
    CHECK_BAD_ROW("1,P,,x,count,children_in_care,,,,3,1,month", 12, "'quarter' or 'year'");

    /* Header problems. */
    const char *unknown = "ref,plan,workstream,measure,kind,form_id,question,counts,"
                          "denominator,target,amber,period,colour\n";
    CHECK(parse_n(unknown, strlen(unknown)) == NULL);
    CHECK_INT(probs.count, 1);
    CHECK_INT(probs.items[0].line, 1);
    CHECK_INT(probs.items[0].column, 13);
    CHECK(strstr(probs.items[0].reason, "unknown column 'colour'") != NULL);
    const char *missing = "ref,plan,workstream,measure,kind,form_id,question,counts,"
                          "denominator,target,period\n";
    CHECK(parse_n(missing, strlen(missing)) == NULL);
    CHECK_INT(probs.count, 1);
    CHECK(strstr(probs.items[0].reason, "no 'amber' column") != NULL);
    CHECK(parse_n(header, strlen(header)) == NULL);
    CHECK(strstr(probs.items[0].reason, "no measures") != NULL);
    CHECK(parse_n("", 0) == NULL);
    CHECK(strstr(probs.items[0].reason, "no header") != NULL);
    const char *quote = "ref,plan\n\"1,P\n";
    CHECK(parse_n(quote, strlen(quote)) == NULL);
    CHECK_INT(probs.items[0].line, 2);

    /* The same measure twice for the same ref, and every problem of a file at once. */
    char text[2048];
    snprintf(text, sizeof text,
             "%s1 2,P,,x,count,children_in_care,,,,3,1,quarter\n"
             "2,P,,y,count,children_in_care,,,,3,1,quarter\n"
             "3,P,,x,count,nope,,,,3,1,quarter\n"
             "4,P,,x,count,children_in_care,,,,3,1,week\n",
             header);
    CHECK(parse_n(text, strlen(text)) == NULL);
    CHECK_INT(probs.count, 3);
    CHECK_INT(probs.items[0].line, 3);
    CHECK(strstr(probs.items[0].reason, "same measure as line 2") != NULL);
    CHECK_INT(probs.items[1].line, 4);
    CHECK_INT(probs.items[2].line, 5);
}

static void test_measures_shipped(void)
{
    MeasureSet *m = measures_load("assets/plan/measures.csv", &surveys, &probs);
    if (!m)
        survey_problems_print("assets/plan/measures.csv", &probs, stderr);
    CHECK(m != NULL);
    if (!m)
        return;
    /* Every plan and ref the issue names, as the seed tables write them. */
    static const struct {
        const char *plan, *ref;
    } want[] = {
        {"Gateshead 2021/22", "1.1b"},       {"Gateshead 2021/22", "1.2a"},
        {"Gateshead 2021/22", "6.1a"},       {"Gateshead 2021/22", "6.1b"},
        {"Herefordshire 2017-20", "7"},      {"Durham care leavers 2021", "24."},
        {"Durham care leavers 2021", "25."}, {"Durham care leavers 2021", "6."},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int found = 0;
        for (int k = 0; k < m->n; k++)
            found += strcmp(m->items[k].plan, want[i].plan) == 0 &&
                     measure_has_ref(&m->items[k], want[i].ref);
        if (!found)
            fprintf(stderr, "no measure for %s %s\n", want[i].plan, want[i].ref);
        CHECK(found > 0);
    }
    int one_voice_count = 0;
    for (int k = 0; k < m->n; k++)
        one_voice_count += m->items[k].kind == MEASURE_COUNT &&
                           strcmp(m->items[k].form_id, "one_voice_session") == 0;
    CHECK_INT(one_voice_count, 1);
    measures_free(m);

    /* A missing file is one problem naming it. */
    CHECK(measures_load("tests/data/no-such-measures.csv", &surveys, &probs) == NULL);
    CHECK_INT(probs.count, 1);
    CHECK(strstr(probs.items[0].reason, "no-such-measures.csv") != NULL);
}

static void test_surveys_dir(void)
{
    SurveySet set = {0};
    char err[ERR_LEN];
    CHECK_INT(surveys_load_dir(&set, "tests/data/no-such-dir", err), -1);
    CHECK(strstr(err, "no-such-dir") != NULL);
    CHECK_INT(set.n, 0);
    CHECK_INT(surveys_load_dir(&set, "tests/data/seeds", err), -1);
    CHECK(strstr(err, "no survey files") != NULL);
    surveys_free(&set);
    surveys_free(NULL);
}

/* Counts over a range: a decimal, a range and a date question (tests/data/kinds), in a council
 * database filled with plain SQL. */
static void test_measures_ranges(void)
{
    SurveySet forms = {0}, saved = surveys;
    char err[ERR_LEN];
    CHECK_INT(surveys_load_dir(&forms, "tests/data/kinds", err), 0);
    surveys = forms;
    char text[2048];
    snprintf(text, sizeof text,
             "%s"
             "1,P,,Tall,percent,new_kinds,height,1.5..2,answered,50,40,quarter\n"
             "2,P,,Moved in 2016,count,new_kinds,moved,2016-01-01..2016-12-31,,3,1,quarter\n"
             "3,P,,Happy,count,new_kinds,mood,7..10,,3,1,quarter\n"
             "4,P,,Park first,percent,new_kinds,order,park,answered,50,40,quarter\n"
             "5,P,,Park or library first,count,new_kinds,order,park library,,3,1,quarter\n",
             header);
    MeasureSet *m = parse_n(text, strlen(text));
    if (!m)
        survey_problems_print("m.csv", &probs, stderr);
    CHECK(m != NULL);
    CHECK_BAD_ROW("1,P,,x,count,new_kinds,height,2..1,,3,1,quarter", 8, "LO at most HI");
    CHECK_BAD_ROW("1,P,,x,count,new_kinds,height,tall,,3,1,quarter", 8, "range LO..HI");
    CHECK_BAD_ROW("1,P,,x,count,new_kinds,height,,,3,1,quarter", 8, "e.g. '16..18'");
    CHECK_BAD_ROW("1,P,,x,count,new_kinds,moved,2016-02-30..2016-12-31,,3,1,quarter", 8,
                  "days YYYY-MM-DD");
    CHECK_BAD_ROW("1,P,,x,count,new_kinds,bed,1..2,,3,1,quarter", 7, "time question");
    CHECK_BAD_ROW("1,P,,x,count,new_kinds,lives,1..2,,3,1,quarter", 8, "reads as a range");
    CHECK_BAD_ROW("1,P,,x,count,new_kinds,order,beach,,3,1,quarter", 8, "not a choice");
    CHECK_BAD_ROW("1,P,,x,count,new_kinds,rules,OK,,3,1,quarter", 7, "ranked first of a rank");

    const char *tmp = getenv("TMPDIR");
    char dir[256], path[300];
    snprintf(dir, sizeof dir, "%s/chorus-ranges.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/council.db", dir);
    Council *c = m ? council_open(path, err) : NULL;
    CHECK(c != NULL);
    if (c) {
        sqlite3 *db = sql_sqlite(council_db(c));
        /* Five young people: heights, a day they moved, a mood; the third declined height. */
        static const char *const rows[][4] = {{"1.5", "2016-01-01", "7", "park library youth_club"},
                                              {"1.75", "2016-12-31", "10", "library park youth_club"},
                                              {NULL, "2017-01-01", "6.5", NULL},
                                              {"2", "2015-12-31", "0", "youth_club park library"},
                                              {"2.05", "2016-06-15", "8", "park youth_club library"}};
        char sql[1024];
        CHECK_INT(sqlite3_exec(db,
                               "INSERT INTO kiosk(name, public_key, key_id, enrolled_on)"
                               " VALUES ('k', zeroblob(32), '0000000000000000', '2026-01-01')",
                               NULL, NULL, NULL),
                  SQLITE_OK);
        for (int i = 0; i < 5; i++) {
            snprintf(sql, sizeof sql,
                     "INSERT INTO response(id, kiosk, seq, form_id, form_version, day, session,"
                     " lang, flags, digest, imported_on) VALUES (randomblob(16), 'k', 1,"
                     " 'new_kinds', '1', '2026-08-0%d', '', 'en', 0, zeroblob(32), '2026-10-02');"
                     "INSERT INTO answer VALUES (last_insert_rowid(), 'height', 0, %d, '%s');"
                     "INSERT INTO answer SELECT max(ref), 'moved', 1, %d, '%s' FROM response;"
                     "INSERT INTO answer SELECT max(ref), 'mood', 2, %d, '%s' FROM response;"
                     "INSERT INTO answer SELECT max(ref), 'order', 3, %d, '%s' FROM response;",
                     i + 1, rows[i][0] ? ANSWER_DECIMAL : ANSWER_DECLINED,
                     rows[i][0] ? rows[i][0] : "", ANSWER_DATE, rows[i][1], ANSWER_DECIMAL,
                     rows[i][2], rows[i][3] ? ANSWER_RANK : ANSWER_DECLINED,
                     rows[i][3] ? rows[i][3] : "");
            CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        }
        Period q3;
        CHECK_INT(period_parse("2026-Q3", &q3, err), 0);
        long responses, answered, counted;
        /* 1.5, 1.75 and 2 are in 1.5..2 (both ends count); 2.05 is not; one declined */
        CHECK_INT(figure_counts(council_db(c), NULL, &m->items[0], &q3, &responses, &answered, &counted, err),
                  0);
        CHECK_INT(responses, 5);
        CHECK_INT(answered, 4);
        CHECK_INT(counted, 3);
        /* the first and last day of 2016, and 2016-06-15 */
        CHECK_INT(figure_counts(council_db(c), NULL, &m->items[1], &q3, &responses, &answered, &counted, err),
                  0);
        CHECK_INT(counted, 3);
        /* numbers, not text: "10" is in 7..10 and "6.5" is not */
        CHECK_INT(figure_counts(council_db(c), NULL, &m->items[2], &q3, &responses, &answered, &counted, err),
                  0);
        CHECK_INT(counted, 3);
        /* rank: the choice ranked first; park is second in two answers, which do not count */
        CHECK_INT(figure_counts(council_db(c), NULL, &m->items[3], &q3, &responses, &answered, &counted, err),
                  0);
        CHECK_INT(answered, 4);
        CHECK_INT(counted, 2);
        CHECK_INT(figure_counts(council_db(c), NULL, &m->items[4], &q3, &responses, &answered, &counted, err),
                  0);
        CHECK_INT(counted, 3);
        /* Read a form at a time (figure_memo_measures, as a report reads): the same counts
         * as each measure's own queries, for every measure, in the quarter and the year. */
        Period year;
        CHECK_INT(period_parse("2026", &year, err), 0);
        const Period *windows[2] = {&q3, &year};
        for (int w = 0; w < 2; w++) {
            FigureMemo *memo = figure_memo_new();
            figure_memo_measures(memo, m);
            for (int i = 0; i < m->n; i++) {
                long r1, a1, c1, r2, a2, c2;
                CHECK_INT(figure_counts(council_db(c), NULL, &m->items[i], windows[w], &r1, &a1,
                                        &c1, err),
                          0);
                CHECK_INT(figure_counts(council_db(c), memo, &m->items[i], windows[w], &r2, &a2,
                                        &c2, err),
                          0);
                CHECK(r1 == r2 && a1 == a2 && c1 == c2);
                if (r1 != r2 || a1 != a2 || c1 != c2)
                    fprintf(stderr, "measure %d: %ld %ld %ld by its queries, %ld %ld %ld read at "
                                    "once\n",
                            i + 1, r1, a1, c1, r2, a2, c2);
            }
            figure_memo_free(memo);
        }
        /* Over a trend: a form's measures are read month by month over the window and the
         * windows before it, in one read (memo_window); four more young people, one in each
         * earlier quarter and one in the quarter, and one memo asked as a report asks (the
         * quarter, then its trend, then the year, which that read does not cover): every
         * window's counts are its own queries'. */
        static const char *const more[][2] = {
            {"2026-04-15", "1.6"}, {"2026-01-20", "1.9"}, {"2025-12-31", "2"}, {"2026-09-30", "3"}};
        for (int i = 0; i < 4; i++) {
            snprintf(sql, sizeof sql,
                     "INSERT INTO response(id, kiosk, seq, form_id, form_version, day, session,"
                     " lang, flags, digest, imported_on) VALUES (randomblob(16), 'k', 1,"
                     " 'new_kinds', '1', '%s', '', 'en', 0, zeroblob(32), '2026-10-02');"
                     "INSERT INTO answer VALUES (last_insert_rowid(), 'height', 0, %d, '%s');"
                     "INSERT INTO answer SELECT max(ref), 'mood', 2, %d, '7' FROM response;",
                     more[i][0], ANSWER_DECIMAL, more[i][1], ANSWER_DECIMAL);
            CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        }
        Period trend[5] = {q3, period_before(&q3, 1), period_before(&q3, 2),
                           period_before(&q3, 3), year};
        FigureMemo *memo = figure_memo_new();
        figure_memo_measures(memo, m);
        long seen = 0;
        for (int w = 0; w < 5; w++) {
            for (int i = 0; i < m->n; i++) {
                long r1, a1, c1, r2, a2, c2;
                CHECK_INT(figure_counts(council_db(c), NULL, &m->items[i], &trend[w], &r1, &a1,
                                        &c1, err),
                          0);
                CHECK_INT(figure_counts(council_db(c), memo, &m->items[i], &trend[w], &r2, &a2,
                                        &c2, err),
                          0);
                CHECK(r1 == r2 && a1 == a2 && c1 == c2);
                if (r1 != r2 || a1 != a2 || c1 != c2)
                    fprintf(stderr, "window %d, measure %d: %ld %ld %ld by its queries, %ld %ld "
                                    "%ld read at once\n",
                            w, i + 1, r1, a1, c1, r2, a2, c2);
                if (i == 0)
                    seen += r1;
            }
        }
        /* 6 in the quarter, 1 in each of the three before, 8 in 2026 */
        CHECK_INT(seen, 6 + 1 + 1 + 1 + 8);
        figure_memo_free(memo);
        council_close(c);
    }
    remove(path);
    char side[320];
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", path);
    remove(side);
    rmdir(dir);
    measures_free(m);
    surveys = saved;
    surveys_free(&forms);
}

int main(void)
{
    char err[ERR_LEN];
    if (surveys_load_dir(&surveys, "assets/surveys", err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(test_period_parse);
    RUN(test_period_arithmetic);
    RUN(test_rag);
    RUN(test_suppress_small);
    RUN(test_suppress_one_group);
    RUN(test_suppress_table);
    RUN(test_suppress_percent);
    RUN(test_suppress_copies_and_costs);
    RUN(test_suppress_linked_groups);
    RUN(test_measures_good);
    RUN(test_measures_bad);
    RUN(test_measures_shipped);
    RUN(test_surveys_dir);
    RUN(test_measures_ranges);
    surveys_free(&surveys);
    return TEST_SUMMARY("measures");
}
