/* test_report.c: tests of sync/report.c and of `plan` over a real database: a council
 * database made with council_open and filled with plain SQL inserts (the schema of
 * sync/council.h), a report of 2026-Q3 from the shipped surveys and measures, and checks of
 * every file it writes: what the committee sees (figures only, small ones hidden), what only
 * workers see (free text, safety flags), measures.csv against a golden file, and the plans.
 *
 * To accept a deliberate change of measures.csv: CHORUS_UPDATE_GOLDEN=1 build/tests/test_report
 * rewrites tests/data/report/measures.csv; read the diff before committing it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../sync/plan.h"
#include "../sync/report.h"
#include "chorus_limits.h"
#include "fileio.h"
#include "response.h"
#include "test.h"

#define GOLDEN "tests/data/report/measures.csv"

static char dir[256], dbpath[300], outdir[300];
static sqlite3 *db;
static int next_id;

/* ---- the fixture ---- */

static void exec(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
        test_current_failed = 1;
    }
    sqlite3_free(msg);
}

/* One response. answers are "question=choice", "question=" (I'd rather not say) or
 * "question:text", NULL-terminated; ids start c0ffee so the HTML can be searched for them. */
static void response(const char *form, const char *day, const char *session, int flags,
                     const char *const *answers)
{
    uint8_t id[RESPONSE_ID_LEN] = {0xc0, 0xff, 0xee, (uint8_t)(next_id >> 8), (uint8_t)next_id};
    next_id++;
    sqlite3_stmt *r = NULL, *a = NULL;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO response(id, kiosk, form_id, form_version, day,"
                           " session, lang, flags, digest, imported_on)"
                           " VALUES (?1, 'kiosk-north-7', ?2, '2026110101', ?3, ?4, 'en', ?5,"
                           " zeroblob(32), '2026-10-02')",
                           -1, &r, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO answer(response, question, kind, value)"
                           " VALUES (?1, ?2, ?3, ?4)",
                           -1, &a, NULL) != SQLITE_OK) {
        fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db));
        test_current_failed = 1;
        goto done;
    }
    sqlite3_bind_blob(r, 1, id, sizeof id, SQLITE_STATIC);
    sqlite3_bind_text(r, 2, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(r, 3, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(r, 4, session, -1, SQLITE_STATIC);
    sqlite3_bind_int(r, 5, flags);
    CHECK_INT(sqlite3_step(r), SQLITE_DONE);
    for (int i = 0; answers[i]; i++) {
        const char *sep = strpbrk(answers[i], "=:");
        char question[64];
        snprintf(question, sizeof question, "%.*s", (int)(sep - answers[i]), answers[i]);
        int kind = *sep == ':' ? ANSWER_TEXT : sep[1] ? ANSWER_CHOICES : ANSWER_DECLINED;
        sqlite3_reset(a);
        sqlite3_bind_blob(a, 1, id, sizeof id, SQLITE_STATIC);
        sqlite3_bind_text(a, 2, question, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(a, 3, kind);
        sqlite3_bind_text(a, 4, sep + 1, -1, SQLITE_STATIC);
        CHECK_INT(sqlite3_step(a), SQLITE_DONE);
    }
done:
    sqlite3_finalize(r);
    sqlite3_finalize(a);
}

#define ANSWERS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Three quarters of made-up answers; the expected figures are worked out beside them. */
static void fill_database(void)
{
    exec("INSERT INTO kiosk(name, public_key, key_id, enrolled_on)"
         " VALUES ('kiosk-north-7', zeroblob(32), '0000000000000000', '2026-01-01')");
    exec("BEGIN");
    /* children_in_care, 2026-Q3: 40. listened_to: 20 always + 12 most of the time of 37 who
     * answered = 86% (Green); heard_of_cicc: 30 of 40 = 75% (Green, target 75); involved:
     * 6 already. Age: 15 11-13, 20 14-15, 3 16-17, 2 not given. Two safety flags, one asking
     * to talk. Free text from two. */
    static const char *const days[3] = {"2026-07-05", "2026-08-10", "2026-09-30"};
    for (int i = 0; i < 40; i++) {
        const char *age = i < 15   ? "age_band=age_11_13"
                          : i < 35 ? "age_band=age_14_15"
                          : i < 38 ? "age_band=age_16_17"
                                   : "age_band=";
        const char *listened = i < 20   ? "listened_to=always"
                               : i < 32 ? "listened_to=most_of_the_time"
                               : i < 37 ? "listened_to=sometimes"
                                        : "listened_to=";
        const char *heard = i < 30 ? "heard_of_cicc=yes" : "heard_of_cicc=no";
        const char *involved = i < 6    ? "involved_cicc=already"
                               : i < 16 ? "involved_cicc=would_like"
                               : i < 30 ? "involved_cicc=maybe"
                                        : "feel_settled=yes";
        const char *safe = i < 2 ? "feel_safe=no" : "feel_safe=yes";
        const char *text = i == 2   ? "anything_else:=HYPERLINK(\"http://example.org\",\"x\")"
                           : i == 3 ? "anything_else:I <b>like</b> my carer, SECRET-TEXT-1"
                                    : "know_rights=yes";
        int flags = i == 0   ? RESPONSE_FLAG_SAFETY
                    : i == 1 ? RESPONSE_FLAG_SAFETY | RESPONSE_FLAG_TALK
                             : 0;
        response("children_in_care", days[i % 3], "", flags,
                 ANSWERS(age, safe, listened, heard, involved, text));
    }
    /* children_in_care, 2026-Q2: 20. listened 14 of 20 = 70% (Amber); heard 10; 2 already. */
    for (int i = 0; i < 20; i++)
        response("children_in_care", "2026-05-15", "", 0,
                 ANSWERS("age_band=age_14_15",
                         i < 10   ? "listened_to=always"
                         : i < 14 ? "listened_to=most_of_the_time"
                                  : "listened_to=sometimes",
                         i < 10 ? "heard_of_cicc=yes" : "heard_of_cicc=no",
                         i < 2 ? "involved_cicc=already" : "know_rights=no"));
    /* children_in_care, 2026-Q1: 5, too few to show. The year to 2026-Q3 for Herefordshire:
     * 8 already of 65 responses = 12% (Amber); heard 45 of 65 = 69% (Amber). */
    for (int i = 0; i < 5; i++)
        response("children_in_care", "2026-02-01", "", 0,
                 ANSWERS("listened_to=always", "heard_of_cicc=yes"));

    /* one_voice_session, 2026-Q3: 12 in two sessions. listened_today 9 of 12 = 75% (Amber);
     * had_a_say 11 of 12 = 92% (Green); 12 responses against a target of 30 (Red). */
    for (int i = 0; i < 12; i++)
        response("one_voice_session", "2026-08-12",
                 i < 8 ? "One Voice, 12 August" : "One Voice <b>summer</b>", 0,
                 ANSWERS(i < 6 ? "age_band=age_11_13" : "age_band=age_14_15",
                         i < 5   ? "listened_today=mostly"
                         : i < 9 ? "listened_today=totally"
                                 : "listened_today=a_bit",
                         i < 11 ? "had_a_say=yes" : "had_a_say=no", "topics_matter=school",
                         "topics_matter=home",
                         i == 0 ? "next_time:SECRET-TEXT-2" : "come_again=yes"));
    /* one_voice_session, 2026-Q2: 25 (Amber against 30/15), all listened to. */
    for (int i = 0; i < 25; i++)
        response("one_voice_session", "2026-06-20", "One Voice, 20 June", 0,
                 ANSWERS("listened_today=totally", "had_a_say=yes"));

    /* care_leavers, 2026-Q3: 7, too few. 2026-Q2: 15: prepared 9 = 60% (Amber), entitlements
     * 12 = 80% (Green), pathway plan 10 = 67% (Amber). */
    for (int i = 0; i < 7; i++)
        response("care_leavers", "2026-09-01", "", 0,
                 ANSWERS("age_band=age_18_20", "prepared_independence=yes", "know_entitlements=yes",
                         "pathway_plan_views=yes"));
    for (int i = 0; i < 15; i++)
        response("care_leavers", "2026-04-01", "", 0,
                 ANSWERS("age_band=age_18_20",
                         i < 9 ? "prepared_independence=yes" : "prepared_independence=no",
                         i < 12 ? "know_entitlements=yes" : "know_entitlements=not_sure",
                         i < 10 ? "pathway_plan_views=yes" : "pathway_plan_views=no"));
    /* how_was_today, 2026-Q3: 3 at a drop-in. Outside the period: 2026-10-01, never counted. */
    for (int i = 0; i < 3; i++)
        response("how_was_today", "2026-09-15", "Hub drop-in", 0,
                 ANSWERS("age_band=age_16_17", "today_rating=good"));
    response("how_was_today", "2026-10-01", "Hub drop-in", RESPONSE_FLAG_SAFETY,
             ANSWERS("felt_safe_here=no", "could_be_better:SECRET-TEXT-3"));
    exec("COMMIT");
}

static int setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/chorus-report.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return -1;
    }
    snprintf(dbpath, sizeof dbpath, "%s/council.db", dir);
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    char err[ERR_LEN];
    Council *c = council_open(dbpath, err);
    if (!c) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    council_close(c);
    if (sqlite3_open(dbpath, &db) != SQLITE_OK)
        return -1;
    exec("PRAGMA foreign_keys=ON");
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    char *buf = NULL, err[ERR_LEN];
    size_t n = 0;
    if (file_read_all(path, 64 * 1024 * 1024, &buf, &n, err) != 0) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
    if (len)
        *len = n;
    return buf;
}

static char *out_file(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", outdir, name);
    return slurp(path, NULL);
}

static int run_report(const char *period, const char *out)
{
    char *argv[] = {"report",
                    "--db",
                    dbpath,
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

/* ---- tests ---- */

static void test_report_runs(void)
{
    CHECK_INT(run_report("2026-Q3", outdir), 0);
    static const char *const names[] = {"report.html", "measures.csv", "participation.csv",
                                        "free-text.csv", "safety.csv"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", outdir, names[i]);
        struct stat st;
        CHECK(stat(path, &st) == 0);
        int worker = i >= 3;
        CHECK_INT(st.st_mode & 0777, worker ? 0600 : 0644);
    }
}

static void test_html_is_for_the_committee(void)
{
    char *h = out_file("report.html");
    CHECK(h != NULL);
    if (!h)
        return;
    /* One self-contained file: no script, no link out, no external file. */
    CHECK(strncmp(h, "<!DOCTYPE html>", 15) == 0);
    CHECK(strstr(h, "<script") == NULL);
    CHECK(strstr(h, "src=") == NULL);
    CHECK(strstr(h, "href") == NULL);
    CHECK(strstr(h, "http") == NULL);
    CHECK(strstr(h, "@import") == NULL);
    CHECK(strstr(h, "url(") == NULL);
    CHECK(strstr(h, "<svg") != NULL);
    CHECK(strstr(h, "@media print") != NULL);
    CHECK(strstr(h, "size:A4") != NULL);
    /* Safety first, before any measure. */
    const char *safety = strstr(h, "Safety first"), *measures = strstr(h, "<h2>Measures");
    CHECK(safety && measures && safety < measures);
    /* Two flags: a count under 10 is c. */
    CHECK(strstr(h, "<span class=\"big\">c</span>") != NULL);
    /* Never what was written, never an id, never the kiosk. */
    CHECK(strstr(h, "SECRET-TEXT") == NULL);
    CHECK(strstr(h, "HYPERLINK") == NULL);
    CHECK(strstr(h, "like</b>") == NULL);
    CHECK(strstr(h, "c0ffee") == NULL);
    CHECK(strstr(h, "kiosk-north-7") == NULL);
    /* A session name is escaped, not markup. */
    CHECK(strstr(h, "One Voice &lt;b&gt;summer&lt;/b&gt;") != NULL);
    CHECK(strstr(h, "<b>summer") == NULL);
    /* Figures: 86% Green for 1.1b, the footnote on small numbers. */
    CHECK(strstr(h, "<div class=\"value\">86%</div><div class=\"sub\">of 37 who answered") != NULL);
    CHECK(strstr(h, "Small numbers") != NULL);
    CHECK(strstr(h, "fewer than 10 young people") != NULL);
    CHECK(strstr(h, "Oct 2025 to Sep 2026") != NULL);
    free(h);
}

static void test_measures_golden(void)
{
    size_t got_len = 0, want_len = 0;
    char path[512];
    snprintf(path, sizeof path, "%s/measures.csv", outdir);
    char *got = slurp(path, &got_len);
    CHECK(got != NULL);
    if (!got)
        return;
    const char *update = getenv("CHORUS_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        char err[ERR_LEN];
        CHECK_INT(file_write_atomic(GOLDEN, got, got_len, 0644, err), 0);
        fprintf(stderr, "rewrote %s\n", GOLDEN);
    }
    char *want = slurp(GOLDEN, &want_len);
    CHECK(want != NULL);
    if (want && (got_len != want_len || memcmp(got, want, got_len) != 0)) {
        fprintf(stderr, "%s differs from %s; got:\n%s\n", path, GOLDEN, got);
        CHECK(0);
    }
    /* A few figures by hand, so the golden file can't silently bless a wrong one. */
    CHECK(strstr(got, "Gateshead 2021/22,1.1b,Participation; Care Leavers,") != NULL);
    CHECK(strstr(got, ",percent,2026-Q3,86,37,80,65,Green\n") != NULL);
    CHECK(strstr(got, ",percent,2026-Q2,70,20,80,65,Amber\n") != NULL);
    CHECK(strstr(got, ",percent,2026-Q1,c,c,80,65,\n") != NULL);
    CHECK(strstr(got, ",percent,2025-Q4,,0,80,65,\n") != NULL);
    CHECK(strstr(got, ",count,2026-Q3,12,12,30,15,Red\n") != NULL);
    CHECK(strstr(got, ",percent,Oct 2025 to Sep 2026,12,65,20,10,Amber\n") != NULL);
    CHECK(strstr(got, ",percent,Oct 2025 to Sep 2026,69,65,75,50,Amber\n") != NULL);
    free(got);
    free(want);
}

static void test_participation(void)
{
    char *p = out_file("participation.csv");
    CHECK(p != NULL);
    if (!p)
        return;
    /* 62 responses in Q3: 7 care leavers and 3 drop-in are hidden; together they are 10, so
     * neither can be worked out from the total. */
    CHECK(strstr(p, "\nall,,All surveys,,62\n") != NULL);
    CHECK(strstr(p, "\nsurvey,care_leavers,Your life after care,,c\n") != NULL);
    CHECK(strstr(p, "\nsurvey,children_in_care,Your life in care,,40\n") != NULL);
    CHECK(strstr(p, "\nsurvey,how_was_today,How was today?,,c\n") != NULL);
    CHECK(strstr(p, "\nsurvey,one_voice_session,One Voice: how was today's session?,,12\n") !=
          NULL);
    /* Children in care by age: 3 and 2 are small; 15 and 20 go too, because One Voice's 6s
     * are hidden in the same columns, whose totals (21, 26) are shown. */
    CHECK(strstr(p, "\nage band,children_in_care,Your life in care,11 to 13,c\n") != NULL);
    CHECK(strstr(p, "\nage band,children_in_care,Your life in care,14 or 15,c\n") != NULL);
    CHECK(strstr(p, "\nage band,children_in_care,Your life in care,16 or 17,c\n") != NULL);
    CHECK(strstr(p, "\nage band,children_in_care,Your life in care,Not given,c\n") != NULL);
    CHECK(strstr(p, "\nage band,,All surveys,11 to 13,21\n") != NULL);
    CHECK(strstr(p, "\nage band,,All surveys,14 or 15,26\n") != NULL);
    CHECK(strstr(p, "\nage band,,All surveys,8 to 10,0\n") != NULL);
    /* Sessions: the unnamed one is 47; the three small ones are hidden. */
    CHECK(strstr(p, "\nsession,,,(no session),47\n") != NULL);
    CHECK(strstr(p, "\nsession,,,\"One Voice, 12 August\",c\n") != NULL);
    CHECK(strstr(p, "\nsession,,,Hub drop-in,c\n") != NULL);
    /* No small number anywhere: every figure is c, 0 or at least 10. */
    for (const char *line = strchr(p, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        const char *end = strchr(line + 1, '\n');
        const char *comma = end;
        while (comma > line && comma[-1] != ',')
            comma--;
        long v = strtol(comma, NULL, 10);
        if (*comma != 'c')
            CHECK(v == 0 || v >= 10);
    }
    free(p);
}

static void test_worker_files(void)
{
    char *f = out_file("free-text.csv");
    CHECK(f != NULL);
    if (f) {
        CHECK(strncmp(f, "\xef\xbb\xbfresponse,day,session,form_id,question", 38) == 0);
        CHECK(strstr(f, "SECRET-TEXT-1") != NULL);
        CHECK(strstr(f, "SECRET-TEXT-2") != NULL);
        CHECK(strstr(f, "SECRET-TEXT-3") == NULL); /* sent after the period */
        /* A formula a young person typed never runs in the worker's spreadsheet. */
        CHECK(strstr(f, ",\"'=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")\"\n") != NULL);
        CHECK(strstr(f, "c0ffee") != NULL);
        free(f);
    }
    char *s = out_file("safety.csv");
    CHECK(s != NULL);
    if (s) {
        int rows = 0;
        for (const char *p = s; (p = strchr(p, '\n')); p++)
            rows++;
        CHECK_INT(rows, 3); /* the header and two flags; the October one is another period */
        CHECK(strstr(s, "c0ffee0000") != NULL);
        CHECK(
            strstr(s,
                   ",2026-07-05,,children_in_care,Your life in care,kiosk-north-7,feel_safe: no,no,"
                   "2026-10-02\n") != NULL);
        CHECK(strstr(s, ",feel_safe: no,yes,") != NULL);
        free(s);
    }
}

static void test_report_is_repeatable(void)
{
    char again[400];
    snprintf(again, sizeof again, "%s/again", dir);
    CHECK_INT(run_report("2026-Q3", again), 0);
    static const char *const names[] = {"report.html", "measures.csv", "participation.csv",
                                        "free-text.csv", "safety.csv"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char a[512], b[512];
        size_t la = 0, lb = 0;
        snprintf(a, sizeof a, "%s/%s", outdir, names[i]);
        snprintf(b, sizeof b, "%s/%s", again, names[i]);
        char *x = slurp(a, &la), *y = slurp(b, &lb);
        CHECK(x && y && la == lb && memcmp(x, y, la) == 0);
        free(x);
        free(y);
        unlink(b);
    }
    rmdir(again);
}

static void test_report_refusals(void)
{
    char missing[400], out[400];
    snprintf(missing, sizeof missing, "%s/nothing.db", dir);
    snprintf(out, sizeof out, "%s/refused", dir);
    char *no_db[] = {"report", "--db", missing, "--period", "2026-Q3", "--out", out, NULL};
    CHECK_INT(cmd_report(7, no_db), 1);
    CHECK(!file_exists(missing)); /* a report never makes a database */
    CHECK(!file_exists(out));
    char *bad_period[] = {"report", "--db", dbpath, "--period", "2026-Q7", "--out", out, NULL};
    CHECK_INT(cmd_report(7, bad_period), 1);
    CHECK(!file_exists(out));
    char *no_out[] = {"report", "--db", dbpath, "--period", "2026-Q3", NULL};
    CHECK_INT(cmd_report(5, no_out), 2);
    char *dangling[] = {"report", "--period", NULL};
    CHECK_INT(cmd_report(2, dangling), 2);
    char *unknown[] = {"report", "--colour", "red", NULL};
    CHECK_INT(cmd_report(3, unknown), 2);
    char *help[] = {"report", "--help", NULL};
    CHECK_INT(cmd_report(2, help), 0);
    char bad_measures[400];
    snprintf(bad_measures, sizeof bad_measures, "%s/bad.csv", dir);
    const char *bad = "ref,plan,workstream,measure,kind,form_id,question,counts,denominator,"
                      "target,amber,period\n1,P,,x,count,nope,,,,1,1,quarter\n";
    char err[ERR_LEN];
    CHECK_INT(file_write_atomic(bad_measures, bad, strlen(bad), 0644, err), 0);
    char *with_bad[] = {"report", "--db", dbpath,       "--period",   "2026-Q3",
                        "--out",  out,    "--measures", bad_measures, NULL};
    CHECK_INT(cmd_report(9, with_bad), 1);
    CHECK(!file_exists(out));
    unlink(bad_measures);
}

/* A year's report: quarter measures over the whole year. */
static void test_year_report(void)
{
    char out[400];
    snprintf(out, sizeof out, "%s/year", dir);
    CHECK_INT(run_report("2026", out), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/measures.csv", out);
    char *m = slurp(path, NULL);
    CHECK(m != NULL);
    if (m) {
        /* 1.1b over 2026: Q1 5 + Q2 14 + Q3 32 counted of 5 + 20 + 37 answered = 82%. */
        CHECK(strstr(m, ",percent,2026,82,62,80,65,Green\n") != NULL);
        /* The One Voice count over a year has four quarters' target: 120, amber 60. */
        CHECK(strstr(m, ",count,2026,37,37,120,60,Red\n") != NULL);
        CHECK(strstr(m, ",count,2023,0,0,120,60,Red\n") != NULL);
        free(m);
    }
    static const char *const names[] = {"report.html", "measures.csv", "participation.csv",
                                        "free-text.csv", "safety.csv"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", out, names[i]);
        unlink(path);
    }
    rmdir(out);
}

/* ---- plan, filled from this database ---- */

static char *run_plan(const char *seed, const char *extra, int *rc)
{
    char in[512], out[512];
    snprintf(in, sizeof in, "tests/data/seeds/%s", seed);
    snprintf(out, sizeof out, "%s/%s", dir, seed);
    char *argv[] = {"plan",
                    "--in",
                    in,
                    "--out",
                    out,
                    "--period",
                    "2026-Q3",
                    "--db",
                    dbpath,
                    (char *)extra,
                    extra ? "Gateshead 2021/22" : NULL,
                    NULL};
    *rc = cmd_plan(extra ? 11 : 9, argv);
    char *text = file_exists(out) ? slurp(out, NULL) : NULL;
    unlink(out);
    return text;
}

/* The line that starts with prefix, as a copy (caller frees). */
static char *line_of(const char *text, const char *prefix)
{
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncmp(p, prefix, strlen(prefix)) == 0) {
            const char *end = strchr(p, '\n');
            size_t n = end ? (size_t)(end - p) : strlen(p);
            char *line = malloc(n + 1);
            if (line) {
                memcpy(line, p, n);
                line[n] = '\0';
            }
            return line;
        }
    return NULL;
}

/* Cell i (0-based) of a tab-separated line, as a copy (caller frees). */
static char *cell_of(const char *line, int i)
{
    const char *p = line;
    for (int k = 0; k < i && p; k++)
        p = strchr(p, '\t') ? strchr(p, '\t') + 1 : NULL;
    if (!p)
        return NULL;
    size_t n = strcspn(p, "\t");
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, p, n);
        c[n] = '\0';
    }
    return c;
}

static void check_cell(const char *text, const char *ref, int cell, const char *want)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s\t", ref);
    char *line = line_of(text, prefix), *c = line ? cell_of(line, cell) : NULL;
    CHECK_STR(c, want);
    free(line);
    free(c);
}

static void test_plan_from_database(void)
{
    int rc;
    char *g = run_plan("000_363d74e2aefedf3b.txt", NULL, &rc);
    CHECK_INT(rc, 0);
    CHECK(g != NULL);
    if (g) {
        char *line = line_of(g, "1.1b\t"), *progress = line ? cell_of(line, 6) : NULL;
        CHECK(progress && strstr(progress, "from dashboard</i> [Chorus 2026-Q3: Looked after "
                                           "children who feel the adults who look after them "
                                           "listen to them most of the time or always: 86% of "
                                           "37 who answered (target 80%), 70% in 2026-Q2]"));
        free(progress);
        free(line);
        check_cell(g, "1.1b", 7, "Green");
        /* One Voice: 75% amber, 92% green, 12 responses red: the row is Red. */
        check_cell(g, "1.2a", 7, "Red");
        check_cell(g, "1.2a", 6,
                   "[Chorus 2026-Q3: Young people at One Voice who felt listened to (mostly or "
                   "totally): 75% of 12 who answered (target 80%), 100% in 2026-Q2; Young "
                   "people at One Voice who got to have their say: 92% of 12 who answered "
                   "(target 80%), 100% in 2026-Q2; Young people who gave feedback at One Voice "
                   "sessions: 12 responses (target 30), 25 in 2026-Q2]");
        /* Care leavers: 7 this quarter, so nothing is rated and the RAG cell stays. */
        check_cell(g, "6.1c", 7, "Yellow");
        check_cell(g, "6.1a", 7, "");
        line = line_of(g, "6.1b\t");
        progress = line ? cell_of(line, 6) : NULL;
        CHECK(progress && strstr(progress, "strengthen their voices") == NULL);
        CHECK(progress && strstr(progress, "further work. [Chorus 2026-Q3: Care leavers who "
                                           "feel they get a real say in their Pathway Plan: "
                                           "fewer than 10 answers, not shown]"));
        free(progress);
        free(line);
        free(g);
    }
    /* Durham: 24. and 25. share a measure, too few this quarter. */
    char *d = run_plan("003_382c6e5f3f34fa80.txt", NULL, &rc);
    CHECK_INT(rc, 0);
    if (d) {
        check_cell(d, "24.", 5,
                   "[Chorus 2026-Q3: Young people's feedback tells us that they "
                   "have been prepared for independence: fewer than 10 answers, "
                   "not shown]");
        check_cell(d, "25.", 6, "");
        check_cell(d, "6.", 7, "");
        free(d);
    }
    /* Naming the wrong plan for a table fills nothing, and says so. */
    char *w = run_plan("003_382c6e5f3f34fa80.txt", "--plan", &rc);
    CHECK_INT(rc, 0);
    char *orig = slurp("tests/data/seeds/003_382c6e5f3f34fa80.txt", NULL);
    CHECK(w && orig && strcmp(w, orig) == 0);
    free(w);
    free(orig);
}

int main(void)
{
    if (setup() != 0)
        return 1;
    RUN(fill_database);
    RUN(test_report_runs);
    RUN(test_html_is_for_the_committee);
    RUN(test_measures_golden);
    RUN(test_participation);
    RUN(test_worker_files);
    RUN(test_report_is_repeatable);
    RUN(test_report_refusals);
    RUN(test_year_report);
    RUN(test_plan_from_database);
    sqlite3_close(db);
    static const char *const names[] = {"report.html", "measures.csv", "participation.csv",
                                        "free-text.csv", "safety.csv"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", outdir, names[i]);
        unlink(path);
    }
    rmdir(outdir);
    char path[512];
    static const char *const dbfiles[] = {"council.db", "council.db-wal", "council.db-shm"};
    for (size_t i = 0; i < sizeof dbfiles / sizeof *dbfiles; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, dbfiles[i]);
        unlink(path);
    }
    rmdir(dir);
    return TEST_SUMMARY("report");
}
