/* test_plan.c: tests of sync/plan.c: every seed action plan with a table (tests/data/seeds,
 * copies of ../shared/seeds) comes back byte for byte when no measure applies, and the seeds
 * with no table (prose, or tables without Ref and RAG columns) are refused; a filled row changes
 * only its progress and RAG cells; filling again replaces Chorus's note instead of adding one;
 * quoting, CRLF and trailing tabs survive; every refusal names the file and line; and the
 * command itself, over an empty council database, never half-writes its output.
 *
 * Inline tables are copied into a malloc'd buffer of exactly their length, so a read past the
 * end is caught by the sanitizer build. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../sync/plan.h"
#include "../sync/inputs.h"
#include "../sync/linked.h"
#include "../sync/report.h"
#include "../sync/suppress.h"
#include "chorus_limits.h"
#include "fileio.h"
#include "test.h"

static char *out;
static size_t outlen;
static int tables;
static char err[ERR_LEN];

static int fill_n(const char *text, size_t len, PlanFill *fills, int n)
{
    free(out);
    out = NULL;
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return -2;
    memcpy(copy, text, len);
    err[0] = '\0';
    int rc = plan_fill("t.tsv", copy, len, "2026-Q3", fills, n, &out, &outlen, &tables, err);
    free(copy);
    return rc;
}

static int fill(const char *text, PlanFill *fills, int n)
{
    return fill_n(text, strlen(text), fills, n);
}

static char *slurp(const char *path, size_t *len)
{
    char *buf = NULL, e[ERR_LEN];
    size_t n = 0;
    if (file_read_all(path, PLAN_FILE_MAX, &buf, &n, e) != 0) {
        fprintf(stderr, "%s\n", e);
        return NULL;
    }
    if (len)
        *len = n;
    return buf;
}

/* The seeds, by name, sorted. */
static int seed_names(char names[][256], int max)
{
    DIR *d = opendir("tests/data/seeds");
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && n < max) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0)
            snprintf(names[n++], 256, "tests/data/seeds/%s", e->d_name);
    }
    if (d)
        closedir(d);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[256];
            memcpy(t, names[j], 256);
            memcpy(names[j], names[j - 1], 256);
            memcpy(names[j - 1], t, 256);
        }
    return n;
}

/* 1 if the seed has an action-plan table (a header row with Ref, progress and RAG columns):
 * Gateshead's operational plan (000) and Durham's care leavers' plan (003). North Tyneside
 * (001) has tables without a Ref or RAG column, Herefordshire (002) is a strategy written as
 * prose, and Gateshead's commissioning plan (004) has no Ref, progress or RAG column. */
static int seed_has_table(const char *path)
{
    return strstr(path, "/000_") || strstr(path, "/003_");
}

static const char no_table_reason[] =
    ": no action-plan table found (needs Ref, progress and RAG columns)";

static void test_seeds_round_trip(void)
{
    char names[16][256];
    int n = seed_names(names, 16);
    CHECK_INT(n, 5);
    /* Refs of no plan, and refs that look like ones the seeds have but are not. */
    PlanFill none[] = {{"99.9z", "x", RAG_RED, 0}, {"1.1", "x", RAG_RED, 0},
                       {"Ref", "x", RAG_RED, 0},   {"", "x", RAG_RED, 0},
                       {"1.1b ", "x", RAG_RED, 0}, {"24", "x", RAG_RED, 0}};
    for (int i = 0; i < n; i++) {
        size_t len = 0;
        char *seed = slurp(names[i], &len);
        CHECK(seed != NULL);
        if (!seed)
            continue;
        for (int pass = 0; pass < 2; pass++) {
            int rc = fill_n(seed, len, none, pass ? (int)(sizeof none / sizeof *none) : 0);
            if (!seed_has_table(names[i])) {
                /* Not an action plan: refused, nothing out, and the reason. */
                CHECK_INT(rc, -1);
                CHECK(out == NULL);
                char want[ERR_LEN];
                snprintf(want, sizeof want, "t.tsv%s", no_table_reason);
                CHECK_STR(err, want);
                continue;
            }
            if (rc != 0)
                fprintf(stderr, "%s: %s\n", names[i], err);
            CHECK_INT(rc, 0);
            CHECK(tables > 0);
            CHECK(out && outlen == len && memcmp(out, seed, len) == 0);
        }
        free(seed);
    }
}

/* Splits text into lines (without their ends); returns the count. */
static int lines_of(char *text, char **lines, int max)
{
    int n = 0;
    for (char *p = text; p && n < max;) {
        lines[n++] = p;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        p = nl ? nl + 1 : NULL;
    }
    return n;
}

/* Cells of one line, in place. */
static int cells_of(char *line, char **cells, int max)
{
    int n = 0;
    for (char *p = line; p && n < max;) {
        cells[n++] = p;
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        p = tab ? tab + 1 : NULL;
    }
    return n;
}

/* Fills ref in the seed file and checks that exactly its progress and RAG cells changed, to
 * want_progress and want_rag. */
static void check_seed_fill(const char *path, const char *ref, int progress, int rag, Rag r,
                            const char *want_progress, const char *want_rag)
{
    size_t len = 0;
    char *seed = slurp(path, &len);
    CHECK(seed != NULL);
    if (!seed)
        return;
    PlanFill f = {ref, "a note", r, 0};
    CHECK_INT(fill_n(seed, len, &f, 1), 0);
    CHECK(f.line > 0);
    CHECK(out != NULL);
    if (!out) {
        free(seed);
        return;
    }
    char *got = malloc(outlen + 1);
    memcpy(got, out, outlen);
    got[outlen] = '\0';
    static char *a[1000], *b[1000];
    int na = lines_of(seed, a, 1000), nb = lines_of(got, b, 1000);
    CHECK_INT(nb, na);
    int changed = 0;
    for (int i = 0; i < na && i < nb; i++) {
        if (strcmp(a[i], b[i]) == 0)
            continue;
        changed++;
        CHECK_INT(i + 1, f.line);
        char *ca[64], *cb[64];
        int nca = cells_of(a[i], ca, 64), ncb = cells_of(b[i], cb, 64);
        CHECK_INT(ncb, nca);
        for (int c = 0; c < nca && c < ncb; c++) {
            if (c == progress)
                CHECK_STR(cb[c], want_progress);
            else if (c == rag)
                CHECK_STR(cb[c], want_rag);
            else
                CHECK_STR(cb[c], ca[c]);
        }
    }
    CHECK_INT(changed, 1);
    free(got);
    free(seed);
}

static void test_seed_fills(void)
{
    /* Gateshead: the 7th cell is Milestones/Progress/Impact, the 8th RAG Rating; the table
     * says Yellow, so amber is written Yellow. */
    check_seed_fill("tests/data/seeds/000_363d74e2aefedf3b.txt", "1.2a", 6, 7, RAG_AMBER,
                    "[Chorus 2026-Q3: a note]", "Yellow");
    check_seed_fill("tests/data/seeds/000_363d74e2aefedf3b.txt", "6.1c", 6, 7, RAG_GREEN,
                    "A small group of care leavers has been consulted regarding their "
                    "entitlements as care leavers. They were aware of the Care Leavers' app and "
                    "felt they had a good understanding of their entitlements. [Chorus 2026-Q3: "
                    "a note]",
                    "Green");
    /* Under a "Milestones/Progress" header (priority 5 onwards). */
    check_seed_fill("tests/data/seeds/000_363d74e2aefedf3b.txt", "5.1e", 6, 7, RAG_RED,
                    "[Chorus 2026-Q3: a note]", "Red");
    /* No rating: the RAG cell stays. */
    check_seed_fill("tests/data/seeds/000_363d74e2aefedf3b.txt", "7.1c", 6, 7, RAG_NONE,
                    "Workshops with senior leaders across the Council have taken place, "
                    "delivered by young people. [Chorus 2026-Q3: a note]",
                    "Yellow");
    /* Durham: Progress to date and Progress RAG; Impact RAG is left alone; no Yellow there. */
    check_seed_fill("tests/data/seeds/003_382c6e5f3f34fa80.txt", "24.", 5, 6, RAG_AMBER,
                    "[Chorus 2026-Q3: a note]", "Amber");
    check_seed_fill("tests/data/seeds/003_382c6e5f3f34fa80.txt", "6.", 5, 6, RAG_GREEN,
                    "[Chorus 2026-Q3: a note]", "Green");
}

static void test_fill_again_replaces_the_note(void)
{
    const char *table = "Ref\tAction\tProgress to date\tProgress RAG\tImpact RAG\n"
                        "1.\tDo it\tStarted in May.\tRed\t\n";
    PlanFill f = {"1.", "first", RAG_AMBER, 0};
    CHECK_INT(fill(table, &f, 1), 0);
    CHECK_STR(out, "Ref\tAction\tProgress to date\tProgress RAG\tImpact RAG\n"
                   "1.\tDo it\tStarted in May. [Chorus 2026-Q3: first]\tAmber\t\n");
    CHECK_INT(f.line, 2);
    CHECK_INT(tables, 1);
    char *once = strdup(out);
    f.note = "second";
    f.rag = RAG_GREEN;
    CHECK_INT(fill(once, &f, 1), 0);
    CHECK_STR(out, "Ref\tAction\tProgress to date\tProgress RAG\tImpact RAG\n"
                   "1.\tDo it\tStarted in May. [Chorus 2026-Q3: second]\tGreen\t\n");
    free(once);
    /* Words written after an old note are kept. */
    const char *after = "Ref\tProgress\tRAG\n1.\t[Chorus 2026-Q2: old] Then more.\tRed\n";
    f.note = "new";
    CHECK_INT(fill(after, &f, 1), 0);
    CHECK_STR(out, "Ref\tProgress\tRAG\n1.\tThen more. [Chorus 2026-Q3: new]\tGreen\n");
}

static void test_bytes_survive(void)
{
    /* CRLF, a BOM, a quoted progress cell with a tab, a line end and a doubled quote inside,
     * a quoted RAG cell, trailing tabs, a row carried on from the last, and no final line
     * end. */
    const char table[] =
        "\xef\xbb\xbfTitle\r\n"
        "\r\n"
        "Ref\tKey Action\tMilestones/Progress/Impact\tRAG Rating\r\n"
        "1.1b\t\"quoted \"\"action\"\"\"\t\"Line one\r\nline\ttwo\"\t\"Red\"\t\t\r\n"
        "\tcarried on\t\t\r\n"
        "1.1c\tx\ty\tGreen";
    PlanFill f = {"1.1b", "n=45", RAG_GREEN, 0};
    CHECK_INT(fill(table, &f, 1), 0);
    CHECK_INT(f.line, 4);
    CHECK_STR(out, "\xef\xbb\xbfTitle\r\n"
                   "\r\n"
                   "Ref\tKey Action\tMilestones/Progress/Impact\tRAG Rating\r\n"
                   "1.1b\t\"quoted \"\"action\"\"\"\t\"Line one\r\nline\ttwo [Chorus 2026-Q3: "
                   "n=45]\"\t\"Green\"\t\t\r\n"
                   "\tcarried on\t\t\r\n"
                   "1.1c\tx\ty\tGreen");
    /* A row after a multi-line cell is on the right line. */
    PlanFill g = {"1.1c", "z", RAG_RED, 0};
    CHECK_INT(fill(table, &g, 1), 0);
    CHECK_INT(g.line, 7);
    CHECK(out && strstr(out, "1.1c\tx\ty [Chorus 2026-Q3: z]\tRed") != NULL);
    /* A quote in a plain cell stays plain text, as in the seeds: "normal" activities. */
    const char plain[] = "Ref\tProgress\tRAG\n1\t\"normal\" things\tRed\n";
    PlanFill h = {"1", "k", RAG_AMBER, 0};
    CHECK_INT(fill(plain, &h, 1), 0);
    CHECK_STR(out, "Ref\tProgress\tRAG\n1\t\"normal\" things [Chorus 2026-Q3: k]\tAmber\n");
    /* A lone CR ends a line too. */
    const char cr[] = "Ref\tProgress\tRAG\r1\t\tRed\r2\t\t\r";
    PlanFill k = {"2", "k", RAG_AMBER, 0};
    CHECK_INT(fill(cr, &k, 1), 0);
    CHECK_INT(k.line, 3);
    CHECK_STR(out, "Ref\tProgress\tRAG\r1\t\tRed\r2\t[Chorus 2026-Q3: k]\tAmber\r");
    /* Empty input has no table. */
    CHECK_INT(fill("", &k, 1), -1);
    CHECK(out == NULL);
    CHECK_INT(tables, 0);
    CHECK_INT(k.line, 0);
}

static void test_refusals(void)
{
    PlanFill f = {"1.1b", "n", RAG_RED, 0};
    const char nul[] = "Ref\tProgress\tRAG\nok\tok\tok\nbad\0byte\t\t\n";
    CHECK_INT(fill_n(nul, sizeof nul - 1, &f, 1), -1);
    CHECK(strncmp(err, "t.tsv:3: not UTF-8", 18) == 0);
    CHECK_INT(fill("Ref\tProgress\tRAG\n\xff\xfe\t\t\n", &f, 1), -1);
    CHECK(strncmp(err, "t.tsv:2: not UTF-8", 18) == 0);
    /* A measured row under a header with no RAG column; the same table without a measured
     * row passes through. */
    const char norag[] = "Ref\tAction\tProgress to date\n1.1b\tx\ty\n";
    CHECK_INT(fill(norag, &f, 1), -1);
    CHECK(strstr(err, "t.tsv:2: ref 1.1b is measured, but its table's header (line 1) has no "
                      "RAG column") == err);
    /* The same table with no measured row is no action plan either: no RAG column. */
    PlanFill other = {"9", "n", RAG_RED, 0};
    CHECK_INT(fill(norag, &other, 1), -1);
    CHECK_STR(err, "t.tsv: no action-plan table found (needs Ref, progress and RAG columns)");
    CHECK(out == NULL);
    CHECK_INT(tables, 0);
    /* A README, or a strategy in prose: no table at all, filled or not. */
    const char *prose[] = {"# Action plans\n\nThe Ref column names each action.\n",
                           "Ref\tAction\tOwner\n1\tx\ty\n", "Progress\tRAG\n1\t\t\n",
                           "Notes about RAG ratings and progress.\n"};
    for (size_t i = 0; i < sizeof prose / sizeof *prose; i++) {
        CHECK_INT(fill(prose[i], &other, 1), -1);
        CHECK_STR(err, "t.tsv: no action-plan table found (needs Ref, progress and RAG columns)");
        CHECK(out == NULL);
        CHECK_INT(fill(prose[i], NULL, 0), -1);
    }
    /* One complete header anywhere is enough, before or after other tables. */
    CHECK_INT(fill("Ref\tAction\n1\tx\n\nRef\tProgress\tRAG\n2\t\t\n", &other, 1), 0);
    CHECK_INT(tables, 1);
    CHECK_INT(fill("Ref\tRAG Rating\n1.1b\tRed\n", &f, 1), -1);
    CHECK(strstr(err, "no progress column") != NULL);
    /* A measured row too short for its header. */
    CHECK_INT(fill("Ref\tAction\tProgress\tRAG\n1.1b\tx\n", &f, 1), -1);
    CHECK(strstr(err, "t.tsv:2: the row of ref 1.1b has 2 cells") == err);
    /* The same ref twice. */
    CHECK_INT(fill("Ref\tProgress\tRAG\n1.1b\t\t\nx\t\t\n1.1b\t\t\n", &f, 1), -1);
    CHECK(strstr(err, "t.tsv:4: ref 1.1b is also on line 2") == err);
    /* Refused means nothing out. */
    CHECK(out == NULL);
}

static void test_header_choice(void)
{
    /* "Progress RAG" wins over "Impact RAG" whatever their order; "Paragraph" has no "RAG". */
    const char t[] = "Ref\tParagraph\tImpact RAG\tProgress to date\tProgress RAG\n"
                     "1.\tp\tI\tP\tR\n";
    PlanFill f = {"1.", "n", RAG_GREEN, 0};
    CHECK_INT(fill(t, &f, 1), 0);
    CHECK_STR(out, "Ref\tParagraph\tImpact RAG\tProgress to date\tProgress RAG\n"
                   "1.\tp\tI\tP [Chorus 2026-Q3: n]\tGreen\n");
    /* Header words are matched trimmed and in any case. */
    const char u[] = " REF \t milestones/progress \t rag rating \n7\t\t\n";
    PlanFill g = {"7", "n", RAG_RED, 0};
    CHECK_INT(fill(u, &g, 1), 0);
    CHECK_STR(out, " REF \t milestones/progress \t rag rating \n7\t[Chorus 2026-Q3: n]\tRed\n");
    /* Rows before any header are not table rows. */
    const char v[] = "7\tx\ty\nRef\tProgress\tRAG\n";
    CHECK_INT(fill(v, &g, 1), 0);
    CHECK_INT(g.line, 0);
    CHECK(out && strcmp(out, v) == 0);
}

/* ---- the command, over an empty council database ---- */

static char dir[256], dbpath[300];

static int run_plan(const char *in, const char *outpath, const char *measures)
{
    char *argv[] = {"plan",    "--in", (char *)in, "--out",      (char *)outpath,  "--period",
                    "2026-Q3", "--db", dbpath,     "--measures", (char *)measures, NULL};
    return cmd_plan(11, argv);
}

static void test_command(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/chorus-plan.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(dbpath, sizeof dbpath, "%s/council.db", dir);
    Council *c = council_open(dbpath, err);
    CHECK(c != NULL);
    council_close(c);

    char names[16][256], path[512];
    int n = seed_names(names, 16);
    snprintf(path, sizeof path, "%s/out.tsv", dir);
    for (int i = 0; i < n; i++) {
        size_t len = 0, got_len = 0;
        char *seed = slurp(names[i], &len);
        unlink(path);
        if (!seed_has_table(names[i])) {
            /* Not an action plan: a clear error, and nothing written. */
            CHECK_INT(run_plan(names[i], path, "assets/plan/measures.csv"), 1);
            CHECK(!file_exists(path));
            free(seed);
            continue;
        }
        CHECK_INT(run_plan(names[i], path, "assets/plan/measures.csv"), 0);
        char *got = slurp(path, &got_len);
        CHECK(seed && got);
        if (seed && got) {
            /* With no answers, the measured rows of Gateshead and Durham get a note ("no
             * answers yet"; One Voice's count is 0). */
            CHECK(got_len > len && strstr(got, "no answers yet]") != NULL);
            /* Every line that is not a measured row is the same. */
            static char *a[1000], *b[1000];
            int na = lines_of(seed, a, 1000), nb = lines_of(got, b, 1000);
            CHECK_INT(na, nb);
            for (int k = 0; k < na && k < nb; k++)
                if (strcmp(a[k], b[k]) != 0)
                    CHECK(strstr(b[k], "[Chorus 2026-Q3: ") != NULL);
        }
        free(seed);
        free(got);
    }

    /* In place: --in and --out the same file, and a second fill changes nothing more. */
    char copy[512];
    snprintf(copy, sizeof copy, "%s/durham.tsv", dir);
    size_t len = 0;
    char *durham = slurp("tests/data/seeds/003_382c6e5f3f34fa80.txt", &len);
    CHECK_INT(file_write_atomic(copy, durham, len, 0640, err), 0);
    CHECK_INT(run_plan(copy, copy, "assets/plan/measures.csv"), 0);
    size_t once_len = 0, twice_len = 0;
    char *once = slurp(copy, &once_len);
    CHECK_INT(run_plan(copy, copy, "assets/plan/measures.csv"), 0);
    char *twice = slurp(copy, &twice_len);
    CHECK(once && twice && once_len == twice_len && memcmp(once, twice, once_len) == 0);
    struct stat st;
    CHECK(stat(copy, &st) == 0 && (st.st_mode & 0777) == 0640);

    /* Two plans' refs in one table is a question for the user; the output is not written. */
    char mixed[512], measures[512], result[512];
    snprintf(mixed, sizeof mixed, "%s/mixed.tsv", dir);
    snprintf(result, sizeof result, "%s/mixed-out.tsv", dir);
    const char *both = "Ref\tProgress\tRAG\n1.1b\t\t\n24.\t\t\n";
    CHECK_INT(file_write_atomic(mixed, both, strlen(both), 0644, err), 0);
    CHECK_INT(run_plan(mixed, result, "assets/plan/measures.csv"), 1);
    CHECK(!file_exists(result));
    char *with_plan[] = {"plan",
                         "--in",
                         mixed,
                         "--out",
                         result,
                         "--period",
                         "2026-Q3",
                         "--db",
                         dbpath,
                         "--plan",
                         "Durham care leavers 2021",
                         NULL};
    CHECK_INT(cmd_plan(11, with_plan), 0);
    char *got = slurp(result, NULL);
    CHECK(got && strstr(got, "1.1b\t\t\n24.\t[Chorus") != NULL);
    free(got);
    unlink(result);

    /* A table it can't read leaves the old output as it was. */
    char broken[512];
    snprintf(broken, sizeof broken, "%s/broken.tsv", dir);
    const char *bad = "Ref\tAction\n1.1b\t\xff\n";
    CHECK_INT(file_write_atomic(broken, bad, strlen(bad), 0644, err), 0);
    CHECK_INT(run_plan(broken, copy, "assets/plan/measures.csv"), 1);
    char *after = slurp(copy, &twice_len);
    CHECK(after && once && twice_len == once_len && memcmp(after, once, once_len) == 0);
    free(after);
    /* So does a file with no table: a README given by mistake never overwrites the plan. */
    CHECK_INT(run_plan("tests/data/seeds/README.md", copy, "assets/plan/measures.csv"), 1);
    CHECK_INT(
        run_plan("tests/data/seeds/002_4d5017d29381c6a6.txt", copy, "assets/plan/measures.csv"), 1);
    after = slurp(copy, &twice_len);
    CHECK(after && once && twice_len == once_len && memcmp(after, once, once_len) == 0);
    free(after);
    /* --plan on a table with no Ref/progress/RAG header is an error too. */
    char *no_table[] = {"plan",
                        "--in",
                        "tests/data/seeds/001_68afd07b9d8cb547.txt",
                        "--out",
                        result,
                        "--period",
                        "2026-Q3",
                        "--db",
                        dbpath,
                        "--plan",
                        "Herefordshire 2017-20",
                        NULL};
    CHECK_INT(cmd_plan(11, no_table), 1);
    CHECK(!file_exists(result));
    char *unknown_plan[] = {"plan",    "--in", mixed,  "--out",  result,    "--period",
                            "2026-Q3", "--db", dbpath, "--plan", "Nowhere", NULL};
    CHECK_INT(cmd_plan(11, unknown_plan), 1);
    char *missing[] = {"plan", "--in", mixed, "--period", "2026-Q3", NULL};
    CHECK_INT(cmd_plan(5, missing), 2);
    char *help[] = {"plan", "--help", NULL};
    CHECK_INT(cmd_plan(2, help), 0);
    snprintf(measures, sizeof measures, "%s/none.db", dir);
    char *no_db[] = {"plan",     "--in",    mixed,  "--out",  result,
                     "--period", "2026-Q3", "--db", measures, NULL};
    CHECK_INT(cmd_plan(9, no_db), 1);
    CHECK(!file_exists(measures));

    free(durham);
    free(once);
    free(twice);
    static const char *const files[] = {"out.tsv",       "durham.tsv", "mixed.tsv",
                                        "broken.tsv",    "council.db", "council.db-wal",
                                        "council.db-shm"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

int main(void)
{
    RUN(test_seeds_round_trip);
    RUN(test_seed_fills);
    RUN(test_fill_again_replaces_the_note);
    RUN(test_bytes_survive);
    RUN(test_refusals);
    RUN(test_header_choice);
    RUN(test_command);
    free(out);
    return TEST_SUMMARY("plan");
}
