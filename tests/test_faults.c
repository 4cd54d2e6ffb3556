/* test_faults.c: Send, export, import, receipt and pack with the k-th write, fsync or allocation
 * failing, for each k in turn, once (an I/O error) and from then on (a full disk), until a run
 * gets through with nothing left to fail.
 *
 * slow: about 25 s, 40 s under ASan; `make test-quick` leaves it out.
 *
 * Every run must end in a full commit or a full rollback, never crash, and leave a database
 * that passes PRAGMA integrity_check. A young person is told "saved" only when the answer is in
 * the store; told it could not be saved, "Try again" then stores it exactly once. A pack is
 * in use whole or not at all, and one not installed can be installed again. Then the same
 * step without faults completes the journey (tests/fault.h says how faults are made). */
#include <dirent.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "../sync/council.h"
#include "exchange.h"
#include "fault.h"
#include "fileio.h"
#include "../sync/import.h"
#include "keyfile.h"
#include "seal.h"
#include "signed.h"
#include "store.h"
#include "test.h"

#define WALL 1785000000LL /* 2026-07-25, a day inside a quarter */
#define KEPT 3            /* responses in the template kiosk */

static char root[64], tmpl[128], keys[128], surveys[128], council_path[128], bundle_path[160],
    receipt_path[200], pack_path[2][160];
static uint8_t box_pk[crypto_box_PUBLICKEYBYTES], box_sk[crypto_box_SECRETKEYBYTES];
static Survey *survey;
static App app;
static int run_no;
static long answers_held; /* answer rows of the bundle, once imported */

/* What the runs of one step ended in. */
typedef struct {
    long runs, committed, rolled_back, retried;
} Stats;

/* ---- helpers ---- */

static void copy_file(const char *from_dir, const char *to_dir, const char *name)
{
    char from[256], to[256], err[ERR_LEN];
    char *buf = NULL;
    size_t len = 0;
    snprintf(from, sizeof from, "%s/%s", from_dir, name);
    snprintf(to, sizeof to, "%s/%s", to_dir, name);
    CHECK(file_read_all(from, 64u << 20, &buf, &len, err) == 0);
    CHECK(buf && file_write_atomic(to, buf, len, 0600, err) == 0);
    free(buf);
}

/* A fresh folder for one run (dir, with its store at db), with copies of the template kiosk's
 * files; its store opened, or NULL (a failed check). */
static Store *fresh_kiosk(char dir[256], char db[300])
{
    char err[ERR_LEN];
    snprintf(dir, 256, "%s/run-%d", root, ++run_no);
    CHECK(file_mkdirs(dir, 0700, err) == 0);
    static const char *const files[] = {"kiosk.db", KIOSK_SIGN_SECRET_FILE,
                                        KIOSK_SIGN_PUBLIC_FILE, COUNCIL_SIGN_PUBLIC_FILE};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        copy_file(tmpl, dir, files[i]);
    snprintf(db, 300, "%s/kiosk.db", dir);
    Store *st = store_open(db, err);
    CHECK(st != NULL);
    return st;
}

/* SELECT returning one number, on a connection of its own. */
static long query(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *s = NULL;
    long n = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(h);
    return n;
}

static int integrity_ok(const char *db)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *s = NULL;
    int ok = 0;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        ok = strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0;
    sqlite3_finalize(s);
    sqlite3_close(h);
    return ok;
}

/* How many stored responses open with the council key and carry this text answer; -1 if any
 * stored response does not open. */
static long holding(Store *st, const char *text)
{
    StoredResponse *list = NULL;
    size_t n = 0;
    char err[ERR_LEN];
    if (store_list_responses(st, 0, &list, &n) != 0)
        return -1;
    long found = 0;
    for (size_t i = 0; i < n && found >= 0; i++) {
        Arena *a = arena_new();
        Response r;
        if (!a || seal_open_response(list[i].sealed, list[i].len, box_pk, box_sk, a, &r, err) != 0)
            found = -1;
        for (int q = 0; found >= 0 && q < r.nanswers; q++)
            if (r.answers[q].kind == ANSWER_TEXT && strcmp(r.answers[q].text, text) == 0)
                found++;
        arena_free(a);
    }
    store_responses_free(list, n);
    return found;
}

/* Starts the app on a store, answers the survey (typing text) and goes to the review screen. */
static void answer(App *a, Store *st, const char *dir, const char *text)
{
    memset(a, 0, sizeof *a);
    a->store = st;
    a->data_dir = dir;
    a->surveys[a->nsurveys++] = survey;
    memcpy(a->council_pk, box_pk, sizeof box_pk);
    app_resize(a, 1280, 800);
    CHECK(app_start(a, 0, WALL) == 0);
    app_go(a, SCR_WELCOME);
    draft_start(a->draft, survey, 0);
    a->survey = 0;
    int typed = 0, chosen = 0;
    for (int i = 0; i < survey->nquestions; i++) {
        const Question *q = &survey->questions[i];
        if (q->type == QT_TEXT && !typed)
            typed = draft_type(a->draft, q, text) == 0;
        else if (q->type == QT_SELECT_ONE && !chosen) {
            draft_choose(a->draft, q, 0);
            chosen = 1;
        }
    }
    CHECK(typed && chosen);
    app_go(a, SCR_REVIEW);
}

static ScreenId tap(App *a, int action)
{
    ScreenId next = screens[a->screen].on_action(a, action, 0);
    app_go(a, next);
    return next;
}

/* The step of a sweep: one run with this fault armed; returns how many operations failed. */
typedef long (*Run)(FaultKind kind, long k, int persistent, Stats *st);

static void sweep(const char *step, Run run)
{
    for (int kind = 0; kind < FAULT_KINDS; kind++) {
        for (int persistent = 0; persistent <= 1; persistent++) {
            Stats st = {0, 0, 0, 0};
            long k = 1;
            while (run((FaultKind)kind, k, persistent, &st) > 0 && k < 100000)
                k++;
            CHECK(k < 100000);
            printf("%s, %s %s: %ld runs, %ld committed, %ld rolled back, %ld completed on retry\n",
                   step, persistent ? "every" : "one", fault_name((FaultKind)kind), st.runs,
                   st.committed, st.rolled_back, st.retried);
        }
    }
}

/* ---- the four steps ---- */

static long run_send(FaultKind kind, long k, int persistent, Stats *stats)
{
    char dir[256], db[300], err[ERR_LEN], text[64];
    Store *st = fresh_kiosk(dir, db);
    snprintf(text, sizeof text, "fault-send-%d", run_no);
    if (!st)
        return 0;
    App *a = &app;
    answer(a, st, dir, text);
    fault_arm(kind, k, persistent);
    ScreenId next = tap(a, A_SEND);
    long failed = fault_disarm();
    stats->runs++;
    long n = query(db, "SELECT count(*) FROM response");
    if (next == SCR_THANKS) {
        /* told "saved": it is there, once */
        stats->committed++;
        CHECK_INT(n, KEPT + 1);
        CHECK_INT(holding(st, text), 1);
    } else {
        CHECK_INT(next, SCR_SAVE_FAILED);
        stats->rolled_back++;
        CHECK_INT(n, KEPT);
        CHECK(app_survey(a) != NULL); /* the answers are still there to try again */
        CHECK_INT(tap(a, A_RETRY), SCR_THANKS);
        stats->retried++;
        CHECK_INT(query(db, "SELECT count(*) FROM response"), KEPT + 1);
        CHECK_INT(holding(st, text), 1);
    }
    CHECK(integrity_ok(db));
    app_stop(a);
    store_close(st);
    /* and after the store is opened anew (recovering its write-ahead log) */
    st = store_open(db, err);
    CHECK(st && store_count(st, NULL, 0) == KEPT + 1);
    CHECK(st && holding(st, text) == 1);
    store_close(st);
    return failed;
}

/* 1 if folder d holds no temporary file (fileio's are hidden: .NAME.XXXXXXXX.tmp). */
static int no_temporaries(const char *d)
{
    DIR *h = opendir(d);
    struct dirent *e;
    int none = 1;
    while (h && (e = readdir(h))) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".tmp") == 0)
            none = 0;
    }
    if (h)
        closedir(h);
    return none;
}

static long run_export(FaultKind kind, long k, int persistent, Stats *stats)
{
    char dir[256], db[300], out[300], tmp[310], err[ERR_LEN];
    Store *st = fresh_kiosk(dir, db);
    snprintf(out, sizeof out, "%s/usb.bundle", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", out);
    if (!st)
        return 0;
    long unexported = store_count(st, NULL, 1);
    fault_arm(kind, k, persistent);
    long rc = exchange_export(st, dir, out, err);
    long failed = fault_disarm();
    stats->runs++;
    CHECK(!file_exists(tmp));
    CHECK(no_temporaries(dir));
    if (file_exists(out)) {
        /* a bundle on the stick is whole: it verifies and holds every response */
        char *buf = NULL;
        size_t len = 0;
        Arena *ar = arena_new();
        Bundle b;
        CHECK(file_read_all(out, BUNDLE_FILE_MAX, &buf, &len, err) == 0);
        CHECK(ar && buf && bundle_read((const uint8_t *)buf, len, ar, &b, err) == 0 &&
              b.count == KEPT);
        arena_free(ar);
        free(buf);
    }
    long left = query(db, "SELECT count(*) FROM response WHERE exported = 0");
    if (rc == KEPT) {
        stats->committed++;
        CHECK(file_exists(out));
        CHECK_INT(left, 0);
    } else {
        CHECK_INT(rc, -1);
        stats->rolled_back++;
        /* nothing marked exported, nothing lost */
        /* nothing lost; marked exported only if a whole bundle of them is on the stick (a
         * commit whose fsync failed may still have reached the disk: SQLite cannot know) */
        CHECK_INT(query(db, "SELECT count(*) FROM response"), KEPT);
        CHECK(left == unexported || (left == 0 && file_exists(out)));
        long again = exchange_export(st, dir, out, err);
        if (again != KEPT)
            fprintf(stderr, "export, %s fault %ld%s: the retry failed: %s\n", fault_name(kind),
                    k, persistent ? " on" : "", err);
        CHECK_INT(again, KEPT);
        stats->retried++;
    }
    CHECK(integrity_ok(db));
    store_close(st);
    return failed;
}

static int import(const char *db, const char *receipts)
{
    char *argv[] = {"import",  "--db",     (char *)db, "--keys", keys, "--surveys",
                    surveys,   "--receipts", (char *)receipts, bundle_path, NULL};
    fflush(stdout);
    int saved = dup(1);
    FILE *null = freopen("/dev/null", "w", stdout);
    int rc = cmd_import(10, argv);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    (void)null;
    return rc;
}

/* The receipt an import wrote into dir: 1 if it verifies and lists all KEPT responses, 0 if
 * there is none, -1 if it is damaged. */
static int receipt_in(const char *dir)
{
    char path[300], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/%s", dir, strrchr(receipt_path, '/') + 1);
    if (!file_exists(path))
        return 0;
    char *buf = NULL;
    size_t len = 0;
    Receipt r;
    int ok = file_read_all(path, 1u << 20, &buf, &len, err) == 0 &&
             receipt_read((const uint8_t *)buf, len, &r, err) == 0 && r.count == KEPT;
    free(buf);
    return ok ? 1 : -1;
}

static long run_import(FaultKind kind, long k, int persistent, Stats *stats)
{
    char dir[256], db[300], err[ERR_LEN];
    snprintf(dir, sizeof dir, "%s/run-%d", root, ++run_no);
    CHECK(file_mkdirs(dir, 0700, err) == 0);
    snprintf(db, sizeof db, "%s/council.db", dir);
    copy_file(root, dir, "council.db");
    fault_arm(kind, k, persistent);
    int rc = import(db, dir);
    long failed = fault_disarm();
    stats->runs++;
    long n = query(db, "SELECT count(*) FROM response");
    long answers = query(db, "SELECT count(*) FROM answer");
    int receipt = receipt_in(dir);
    CHECK(n == 0 || n == KEPT); /* all of the bundle or none of it */
    CHECK(answers == (n ? answers_held : 0));
    CHECK(receipt >= 0);         /* a receipt is whole or absent */
    CHECK(receipt == 0 || n == KEPT); /* and only for what is held */
    if (rc == 0) {
        stats->committed++;
        CHECK(n == KEPT && receipt == 1);
    } else {
        stats->rolled_back++;
        CHECK_INT(import(db, dir), 0);
        stats->retried++;
        CHECK_INT(query(db, "SELECT count(*) FROM response"), KEPT);
        CHECK_INT(query(db, "SELECT count(*) FROM answer"), answers_held);
        CHECK_INT(receipt_in(dir), 1);
    }
    CHECK(integrity_ok(db));
    return failed;
}

static long run_receipt(FaultKind kind, long k, int persistent, Stats *stats)
{
    char dir[256], db[300], err[ERR_LEN];
    Store *st = fresh_kiosk(dir, db);
    if (!st)
        return 0;
    ReceiptResult res;
    fault_arm(kind, k, persistent);
    int rc = exchange_import_receipt(st, dir, receipt_path, &res, err);
    long failed = fault_disarm();
    stats->runs++;
    /* what is on disk: read on a connection of its own, which sees only what was committed */
    long n = query(db, "SELECT count(*) FROM response");
    CHECK(n == 0 || n == KEPT);
    if (rc == 0) {
        stats->committed++;
        CHECK_INT(n, 0);
    } else {
        stats->rolled_back++;
        CHECK_INT(n, KEPT);
        CHECK_INT(exchange_import_receipt(st, dir, receipt_path, &res, err), 0);
        stats->retried++;
        CHECK_INT(query(db, "SELECT count(*) FROM response"), 0);
    }
    CHECK(integrity_ok(db));
    store_close(st);
    return failed;
}

/* Which of the two packs of setup() is live in dir: 1 or 2 by its news, 0 for none, -1 for a
 * live pack whose files are not whole (a survey that does not load, other news). */
static int live_pack(const char *dir)
{
    char path[300], err[ERR_LEN], *buf = NULL;
    size_t len = 0;
    if (!exchange_pack_surveys(dir, path, sizeof path))
        return 0;
    snprintf(path, sizeof path, "%s/" PACK_LINK "/surveys/how_was_today.csv", dir);
    static SurveyProblems probs;
    Survey *s = survey_load(path, &probs);
    int which = -1;
    snprintf(path, sizeof path, "%s/" PACK_LINK "/news.txt", dir);
    if (s && file_read_all(path, 4096, &buf, &len, err) == 0)
        which = len == 6 && memcmp(buf, "first\n", 6) == 0     ? 1
                : len == 7 && memcmp(buf, "second\n", 7) == 0 ? 2
                                                               : -1;
    survey_free(s);
    free(buf);
    return which;
}

static long run_pack(FaultKind kind, long k, int persistent, Stats *stats)
{
    char dir[256], db[300], err[ERR_LEN];
    Store *st = fresh_kiosk(dir, db);
    if (!st)
        return 0;
    copy_file(keys, dir, COUNCIL_BOX_PUBLIC_FILE);
    PackResult res;
    CHECK(exchange_import_pack(st, dir, pack_path[0], &res, err) == 0);
    fault_arm(kind, k, persistent);
    int rc = exchange_import_pack(st, dir, pack_path[1], &res, err);
    long failed = fault_disarm();
    stats->runs++;
    uint64_t seq = 0;
    int live = live_pack(dir);
    CHECK(exchange_pack_sequence(st, dir, &seq, err) == 0);
    if (rc == 0 || live == 2) {
        /* in use: whole, and its number counts (also when only the final sync failed, which
         * the message must say) */
        stats->committed++;
        CHECK_INT(live, 2);
        CHECK_INT(seq, 2);
        if (rc != 0 && !strstr(err, "not yet safely on disk"))
            fprintf(stderr, "pack, %s fault %ld: new pack live, but: %s\n", fault_name(kind), k,
                    err);
        CHECK(rc == 0 || strstr(err, "not yet safely on disk") != NULL);
    } else {
        /* not installed: the old pack in use, its number not used up, and the same pack
         * installs once the fault is gone */
        stats->rolled_back++;
        CHECK_INT(live, 1);
        CHECK_INT(seq, 1);
        int again = exchange_import_pack(st, dir, pack_path[1], &res, err);
        if (again != 0)
            fprintf(stderr, "pack, %s fault %ld%s: the retry failed: %s\n", fault_name(kind), k,
                    persistent ? " on" : "", err);
        CHECK_INT(again, 0);
        CHECK_INT(live_pack(dir), 2);
        stats->retried++;
    }
    CHECK(integrity_ok(db));
    store_close(st);
    return failed;
}

/* ---- the journey without faults, made once: the template every run copies ---- */

static int setup(void)
{
    char err[ERR_LEN], path[256];
    /* Thousands of runs, each with real fsyncs: in memory when the machine has a tmpfs. */
    struct stat shm;
    int in_memory = stat("/dev/shm", &shm) == 0 && S_ISDIR(shm.st_mode) && access("/dev/shm", W_OK) == 0;
    snprintf(root, sizeof root, "%s/chorus-faults-XXXXXX", in_memory ? "/dev/shm" : "/tmp");
    if (!mkdtemp(root))
        return -1;
    snprintf(tmpl, sizeof tmpl, "%s/template", root);
    snprintf(keys, sizeof keys, "%s/keys", root);
    snprintf(surveys, sizeof surveys, "%s/surveys", root);
    snprintf(council_path, sizeof council_path, "%s/council.db", root);
    snprintf(bundle_path, sizeof bundle_path, "%s/kiosk.bundle", root);
    snprintf(receipt_path, sizeof receipt_path, "%s/kiosk.bundle.receipt", root);
    if (file_mkdirs(tmpl, 0700, err) || file_mkdirs(keys, 0700, err) ||
        file_mkdirs(surveys, 0700, err))
        return -1;

    /* the council's keys; one small survey, so the import's own work dominates */
    uint8_t sign_pk[SIGN_PK_LEN], sign_sk[SIGN_SK_LEN], kiosk_pk[SIGN_PK_LEN];
    crypto_box_keypair(box_pk, box_sk);
    crypto_sign_keypair(sign_pk, sign_sk);
    const struct {
        const char *name;
        KeyKind kind;
        const uint8_t *key;
    } kf[] = {{COUNCIL_BOX_PUBLIC_FILE, KEY_COUNCIL_BOX_PUBLIC, box_pk},
              {COUNCIL_BOX_SECRET_FILE, KEY_COUNCIL_BOX_SECRET, box_sk},
              {COUNCIL_SIGN_PUBLIC_FILE, KEY_COUNCIL_SIGN_PUBLIC, sign_pk},
              {COUNCIL_SIGN_SECRET_FILE, KEY_COUNCIL_SIGN_SECRET, sign_sk}};
    for (size_t i = 0; i < sizeof kf / sizeof *kf; i++) {
        snprintf(path, sizeof path, "%s/%s", keys, kf[i].name);
        if (keyfile_write(path, kf[i].kind, kf[i].key, err) != 0)
            return -1;
    }
    copy_file("assets/surveys", surveys, "how_was_today.csv");
    static SurveyProblems probs;
    snprintf(path, sizeof path, "%s/how_was_today.csv", surveys);
    if (!(survey = survey_load(path, &probs)))
        return -1;

    /* the kiosk: its key, the pinned council key, KEPT responses sent through the app */
    snprintf(path, sizeof path, "%s/" COUNCIL_SIGN_PUBLIC_FILE, keys);
    if (exchange_kiosk_key(tmpl, kiosk_pk, NULL, err) != 0 ||
        exchange_provision_council_sign(tmpl, path, err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/kiosk.db", tmpl);
    Store *st = store_open(path, err);
    if (!st)
        return -1;
    for (int i = 0; i < KEPT; i++) {
        char text[32];
        snprintf(text, sizeof text, "kept-%d", i);
        answer(&app, st, tmpl, text);
        CHECK_INT(tap(&app, A_SEND), SCR_THANKS);
        app_stop(&app);
    }
    store_close(st);
    /* a bundle of them (from a copy: the template keeps them unexported), and the council
     * that enrolled the kiosk */
    char dir[256], db[300];
    if (!(st = fresh_kiosk(dir, db)))
        return -1;
    CHECK_INT(exchange_export(st, dir, bundle_path, err), KEPT);
    store_close(st);
    Council *c = council_open(council_path, err);
    if (!c || council_enrol(c, "hub", kiosk_pk, err) != 0)
        return -1;
    council_close(c);
    /* the receipt for it, from an import into a copy of that council */
    snprintf(dir, sizeof dir, "%s/first-import", root);
    snprintf(db, sizeof db, "%s/council.db", dir);
    if (file_mkdirs(dir, 0700, err) != 0)
        return -1;
    copy_file(root, dir, "council.db");
    CHECK_INT(import(db, root), 0);
    answers_held = query(db, "SELECT count(*) FROM answer");
    CHECK(answers_held > 0);
    /* two packs from the council: the first one a kiosk has, and a newer one */
    char *text = NULL;
    size_t text_len = 0;
    snprintf(path, sizeof path, "%s/how_was_today.csv", surveys);
    if (file_read_all(path, CSV_FILE_MAX, &text, &text_len, err) != 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        static const char *const news[] = {"first\n", "second\n"};
        PackFile files[] = {{PACK_SURVEY, "how_was_today.csv", (const uint8_t *)text, text_len},
                            {PACK_NEWS, "news.txt", (const uint8_t *)news[i], strlen(news[i])}};
        uint8_t *packed = NULL;
        size_t packed_len = 0;
        snprintf(pack_path[i], sizeof pack_path[i], "%s/council-%d.pack", root, i + 1);
        int bad = pack_write(sign_sk, (uint64_t)i + 1, box_pk, files, 2, &packed, &packed_len,
                             err) != 0 ||
                  file_write_atomic(pack_path[i], packed, packed_len, 0600, err) != 0;
        free(packed);
        if (bad) {
            free(text);
            return -1;
        }
    }
    free(text);
    return file_exists(receipt_path) ? 0 : -1;
}

static void test_send(void) { sweep("send", run_send); }
static void test_export(void) { sweep("export", run_export); }
static void test_import(void) { sweep("import", run_import); }
static void test_receipt(void) { sweep("receipt", run_receipt); }
static void test_pack(void) { sweep("pack", run_pack); }

int main(void)
{
    if (sodium_init() < 0 || fault_init() != 0) {
        fprintf(stderr, "cannot start libsodium or install the fault VFS\n");
        return 1;
    }
    umask(077);
    if (setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    RUN(test_send);
    RUN(test_export);
    RUN(test_import);
    RUN(test_receipt);
    RUN(test_pack);
    survey_free(survey);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return TEST_SUMMARY("faults");
}
