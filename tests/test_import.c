/* test_import.c: chorus-sync import on bundles made here with real keys.
 *
 * What the shell scenario can't make: a response whose id is already held but whose content
 * differs (a forgery by someone holding an enrolled kiosk's key, or a broken kiosk), and
 * responses that open but don't fit their survey. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../sync/council.h"
#include "../sync/import.h"
#include "chorus_limits.h"
#include "fileio.h"
#include "keyfile.h"
#include "seal.h"
#include "signed.h"
#include "test.h"

static char dir[64], keys[128], db[128], surveys[128];
static uint8_t box_pk[crypto_box_PUBLICKEYBYTES], box_sk[crypto_box_SECRETKEYBYTES];
static uint8_t kiosk_pk[SIGN_PK_LEN], kiosk_sk[SIGN_SK_LEN];

static const char survey_csv[] = "survey,,,\n"
                                 ",type,name,label\n"
                                 ",select_one yn,safe,Do you feel safe?\n"
                                 ",text,more,Anything else?\n"
                                 ",select_multiple fun,likes,What do you like?\n"
                                 ",integer,age,How old are you?\n"
                                 "choices,,,\n"
                                 ",list_name,name,label\n"
                                 ",yn,yes,Yes\n"
                                 ",yn,no,No\n"
                                 ",fun,art,Art\n"
                                 ",fun,music,Music\n"
                                 ",fun,sport,Sport\n"
                                 "settings,,,\n"
                                 ",form_id,version,\n"
                                 ",feel,3,\n";

static void setup(void)
{
    char err[ERR_LEN], path[256];
    snprintf(dir, sizeof dir, "/tmp/chorus-import-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(keys, sizeof keys, "%s/keys", dir);
    snprintf(db, sizeof db, "%s/council.db", dir);
    snprintf(surveys, sizeof surveys, "%s/surveys", dir);
    CHECK(file_mkdirs(keys, 0700, err) == 0 && file_mkdirs(surveys, 0700, err) == 0);
    uint8_t sign_pk[SIGN_PK_LEN], sign_sk[SIGN_SK_LEN];
    crypto_box_keypair(box_pk, box_sk);
    crypto_sign_keypair(sign_pk, sign_sk);
    crypto_sign_keypair(kiosk_pk, kiosk_sk);
    snprintf(path, sizeof path, "%s/council-box.pub", keys);
    CHECK(keyfile_write(path, KEY_COUNCIL_BOX_PUBLIC, box_pk, err) == 0);
    snprintf(path, sizeof path, "%s/council-box.key", keys);
    CHECK(keyfile_write(path, KEY_COUNCIL_BOX_SECRET, box_sk, err) == 0);
    snprintf(path, sizeof path, "%s/council-sign.key", keys);
    CHECK(keyfile_write(path, KEY_COUNCIL_SIGN_SECRET, sign_sk, err) == 0);
    snprintf(path, sizeof path, "%s/feel.csv", surveys);
    CHECK(file_write_atomic(path, survey_csv, sizeof survey_csv - 1, 0644, err) == 0);
    Council *c = council_open(db, err);
    CHECK(c != NULL);
    CHECK(c && council_enrol(c, "hub", kiosk_pk, err) == 0);
    council_close(c);
}

/* Answers bundle() adds to each response after "safe" and "more" (none unless a test sets). */
static const Answer *extra;
static int nextra;

/* Writes a bundle of responses (same form) with the given ids, answers and versions. */
static void bundle(const char *name, int n, uint8_t ids[][RESPONSE_ID_LEN],
                   const char *const *safe, const char *const *more, const char *version)
{
    BundleRecord recs[8];
    uint8_t *sealed[8];
    char err[ERR_LEN];
    for (int i = 0; i < n; i++) {
        const char *choice[1] = {safe[i]};
        Answer answers[4] = {{"safe", ANSWER_CHOICES, 1, choice, NULL, 0},
                             {"more", ANSWER_TEXT, 0, NULL, more[i], 0}};
        for (int k = 0; k < nextra && k < 2; k++)
            answers[2 + k] = extra[k];
        Response r;
        memset(&r, 0, sizeof r);
        memcpy(r.id, ids[i], RESPONSE_ID_LEN);
        r.form_id = "feel";
        r.form_version = version;
        r.year = 2026, r.month = 8, r.day = 3;
        r.session = "";
        r.lang = "";
        r.flags = strcmp(safe[i], "no") == 0 ? RESPONSE_FLAG_SAFETY : 0;
        r.nanswers = 2 + nextra;
        r.answers = answers;
        CHECK(seal_response(&r, box_pk, &sealed[i], &recs[i].len, err) == 0);
        memcpy(recs[i].id, ids[i], RESPONSE_ID_LEN);
        recs[i].sealed = sealed[i];
    }
    uint8_t *out = NULL;
    size_t len = 0;
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK(bundle_write(kiosk_sk, recs, (uint32_t)n, &out, &len, err) == 0);
    CHECK(file_write_atomic(path, out, len, 0644, err) == 0);
    free(out);
    for (int i = 0; i < n; i++)
        free(sealed[i]);
}

static char last_err[4096]; /* what the last import wrote to stderr */

static int import_threads(const char *name, const char *threads)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *argv[] = {"import",  "--db",      db,          "--keys", keys, "--surveys",
                    surveys,   "--threads", (char *)threads, path,   NULL};
    /* The summary goes to stdout: keep the test's output quiet. Errors go to last_err. */
    char errpath[200];
    snprintf(errpath, sizeof errpath, "%s/last.err", dir);
    fflush(stdout);
    fflush(stderr);
    int saved = dup(1), saved_err = dup(2);
    FILE *null = freopen("/dev/null", "w", stdout);
    FILE *errf = freopen(errpath, "w", stderr);
    int rc = cmd_import(10, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved, 1);
    dup2(saved_err, 2);
    close(saved);
    close(saved_err);
    (void)null;
    (void)errf;
    char *buf = NULL;
    size_t len = 0;
    char err[ERR_LEN];
    last_err[0] = '\0';
    if (file_read_all(errpath, sizeof last_err - 1, &buf, &len, err) == 0)
        memcpy(last_err, buf, len + 1);
    free(buf);
    return rc;
}

static int import(const char *name) { return import_threads(name, "1"); }

static long query(const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *s = NULL;
    long v = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(h);
    return v;
}

static uint32_t receipt_count(const char *name)
{
    char path[256], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/%s.receipt", dir, name);
    char *buf = NULL;
    size_t len = 0;
    Receipt r;
    uint32_t n = 9999;
    if (file_read_all(path, 1 << 20, &buf, &len, err) == 0 &&
        receipt_read((const uint8_t *)buf, len, &r, err) == 0)
        n = r.count;
    free(buf);
    return n;
}

static void test_quarantine(void)
{
    uint8_t ids[3][RESPONSE_ID_LEN];
    randombytes_buf(ids, sizeof ids);
    const char *safe[3] = {"yes", "no", "yes"}, *more[3] = {"fine", "scared at night", "ok"};
    bundle("first.bundle", 3, ids, safe, more, "3");
    CHECK_INT(import("first.bundle"), 0);
    CHECK_INT(query("SELECT count(*) FROM response"), 3);
    CHECK_INT(query("SELECT count(*) FROM response WHERE flags & 1"), 1);
    CHECK_INT(query("SELECT count(*) FROM answer WHERE question = 'more' AND value = 'ok'"), 1);
    CHECK_INT(receipt_count("first.bundle"), 3);

    /* The same ids, one with other content: kept aside, not receipted, the original kept. */
    const char *more2[3] = {"fine", "scared at night", "all changed"};
    bundle("second.bundle", 3, ids, safe, more2, "3");
    CHECK_INT(import("second.bundle"), 0);
    CHECK_INT(query("SELECT count(*) FROM response"), 3);
    CHECK_INT(query("SELECT count(*) FROM quarantine"), 1);
    CHECK_INT(query("SELECT count(*) FROM answer WHERE value = 'all changed'"), 0);
    CHECK_INT(query("SELECT count(*) FROM answer WHERE question = 'more' AND value = 'ok'"), 1);
    CHECK_INT(receipt_count("second.bundle"), 2);
}

static void test_refused_contents(void)
{
    long before = query("SELECT count(*) FROM response");
    uint8_t ids[2][RESPONSE_ID_LEN];
    randombytes_buf(ids, sizeof ids);
    const char *safe[2] = {"yes", "maybe"}, *more[2] = {"a", "b"};
    /* "maybe" is not a choice of the list: the whole bundle is refused. */
    bundle("badchoice.bundle", 2, ids, safe, more, "3");
    CHECK_INT(import("badchoice.bundle"), 1);
    const char *safe_ok[2] = {"yes", "no"};
    /* A version of the form the council does not have. */
    bundle("badversion.bundle", 2, ids, safe_ok, more, "4");
    CHECK_INT(import("badversion.bundle"), 1);
    CHECK_INT(query("SELECT count(*) FROM response"), before);
    char path[256];
    snprintf(path, sizeof path, "%s/badchoice.bundle.receipt", dir);
    CHECK(!file_exists(path));
}

/* One response, one encoding: answers in the survey's order and choices in the list's order,
 * each once. The decoder refuses repeats (test_response.c); the order takes the survey. */
static void test_order(void)
{
    long before = query("SELECT count(*) FROM response");
    uint8_t ids[1][RESPONSE_ID_LEN];
    const char *safe[1] = {"yes"}, *more[1] = {"order"};
    static const char *const in_order[] = {"art", "sport"}, *const swapped[] = {"sport", "art"};
    Answer likes = {"likes", ANSWER_CHOICES, 2, swapped, NULL, 0};
    Answer age_then_likes[2] = {{"age", ANSWER_INTEGER, 0, NULL, NULL, 12},
                                {"likes", ANSWER_CHOICES, 2, in_order, NULL, 0}};
    extra = &likes, nextra = 1;
    randombytes_buf(ids, sizeof ids);
    bundle("swapped.bundle", 1, ids, safe, more, "3");
    CHECK_INT(import("swapped.bundle"), 1);
    CHECK(strstr(last_err, "the choices of question 'likes' are not each once in the list's "
                           "order ('art' after 'sport')") != NULL);
    extra = age_then_likes, nextra = 2;
    bundle("late.bundle", 1, ids, safe, more, "3");
    CHECK_INT(import("late.bundle"), 1);
    CHECK(strstr(last_err, "the answer to 'likes' is out of the survey's order") != NULL);
    CHECK_INT(query("SELECT count(*) FROM response"), before);
    /* the same, in order: stored */
    likes.choices = in_order;
    extra = &likes, nextra = 1;
    bundle("in-order.bundle", 1, ids, safe, more, "3");
    CHECK_INT(import("in-order.bundle"), 0);
    CHECK_INT(query("SELECT count(*) FROM answer WHERE question = 'likes'"), 2);
    extra = NULL, nextra = 0;
}

/* A response sealed before a new version reached the kiosk: accepted when the retired version
 * is kept in SURVEYS/archive. */
static void test_archived_version(void)
{
    char err[ERR_LEN], path[256];
    uint8_t ids[1][RESPONSE_ID_LEN];
    randombytes_buf(ids, sizeof ids);
    const char *safe[1] = {"yes"}, *more[1] = {"old form"};
    bundle("old.bundle", 1, ids, safe, more, "2");
    CHECK_INT(import("old.bundle"), 1);
    snprintf(path, sizeof path, "%s/archive", surveys);
    CHECK(file_mkdirs(path, 0700, err) == 0);
    char old[sizeof survey_csv];
    memcpy(old, survey_csv, sizeof old);
    char *v = strstr(old, ",feel,3,");
    CHECK(v != NULL);
    if (v)
        v[6] = '2';
    snprintf(path, sizeof path, "%s/archive/feel-2.csv", surveys);
    CHECK(file_write_atomic(path, old, sizeof old - 1, 0644, err) == 0);
    CHECK_INT(import("old.bundle"), 0);
    CHECK_INT(query("SELECT count(*) FROM response WHERE form_version = '2'"), 1);
}

/* n responses, "r<i>" as the text answer; the one at bad (if < n) sealed to another council. */
static void big_bundle(const char *name, uint32_t n, uint32_t bad)
{
    BundleRecord *recs = calloc(n, sizeof *recs);
    uint8_t other_pk[crypto_box_PUBLICKEYBYTES], other_sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(other_pk, other_sk);
    char err[ERR_LEN], text[32], path[256];
    for (uint32_t i = 0; i < n && recs; i++) {
        const char *choice[1] = {"yes"};
        snprintf(text, sizeof text, "r%u", i);
        Answer answers[2] = {{"safe", ANSWER_CHOICES, 1, choice, NULL, 0},
                             {"more", ANSWER_TEXT, 0, NULL, text, 0}};
        Response r;
        memset(&r, 0, sizeof r);
        randombytes_buf(r.id, sizeof r.id);
        r.form_id = "feel", r.form_version = "3", r.session = "", r.lang = "";
        r.year = 2026, r.month = 9, r.day = 1;
        r.nanswers = 2;
        r.answers = answers;
        uint8_t *sealed = NULL;
        CHECK(seal_response(&r, i == bad ? other_pk : box_pk, &sealed, &recs[i].len, err) == 0);
        memcpy(recs[i].id, r.id, RESPONSE_ID_LEN);
        recs[i].sealed = sealed;
    }
    uint8_t *out = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK(recs && bundle_write(kiosk_sk, recs, n, &out, &len, err) == 0);
    CHECK(file_write_atomic(path, out, len, 0644, err) == 0);
    free(out);
    for (uint32_t i = 0; recs && i < n; i++)
        free((void *)recs[i].sealed);
    free(recs);
}

/* Opening shared out between threads: the same refusal, naming the first bad record in bundle
 * order whatever the number of threads, and the same responses stored. */
static void test_threads(void)
{
    long before = query("SELECT count(*) FROM response");
    big_bundle("late-bad.bundle", 700, 650);
    big_bundle("early-bad.bundle", 700, 3);
    const char *const counts[] = {"1", "2", "3", "8"};
    for (size_t t = 0; t < sizeof counts / sizeof *counts; t++) {
        CHECK_INT(import_threads("late-bad.bundle", counts[t]), 1);
        CHECK(strstr(last_err, "late-bad.bundle: refused: record 651 (response ") != NULL);
        CHECK_INT(import_threads("early-bad.bundle", counts[t]), 1);
        CHECK(strstr(last_err, "early-bad.bundle: refused: record 4 (response ") != NULL);
    }
    CHECK_INT(query("SELECT count(*) FROM response"), before);
    big_bundle("many.bundle", 700, 700);
    CHECK_INT(import_threads("many.bundle", "3"), 0);
    CHECK_INT(query("SELECT count(*) FROM response"), before + 700);
    CHECK_INT(query("SELECT count(DISTINCT value) FROM answer WHERE value LIKE 'r%'"), 700);
    CHECK_INT(receipt_count("many.bundle"), 700);
    /* again with one thread: every response already held, the same digests */
    CHECK_INT(import_threads("many.bundle", "1"), 0);
    CHECK_INT(query("SELECT count(*) FROM response"), before + 700);
    CHECK_INT(query("SELECT count(*) FROM quarantine"), 1); /* test_quarantine's, no more */
    CHECK_INT(receipt_count("many.bundle"), 700);
    CHECK_INT(import_threads("many.bundle", "0"), 2);
    CHECK(strstr(last_err, "--threads must be 1 to 8") != NULL);
    CHECK_INT(import_threads("many.bundle", "9"), 2);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    setup();
    RUN(test_quarantine);
    RUN(test_refused_contents);
    RUN(test_archived_version);
    RUN(test_order);
    RUN(test_threads);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return TEST_SUMMARY("import");
}
