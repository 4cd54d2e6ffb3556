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
                                 "choices,,,\n"
                                 ",list_name,name,label\n"
                                 ",yn,yes,Yes\n"
                                 ",yn,no,No\n"
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

/* Writes a bundle of responses (same form) with the given ids, answers and versions. */
static void bundle(const char *name, int n, uint8_t ids[][RESPONSE_ID_LEN],
                   const char *const *safe, const char *const *more, const char *version)
{
    BundleRecord recs[8];
    uint8_t *sealed[8];
    char err[ERR_LEN];
    for (int i = 0; i < n; i++) {
        const char *choice[1] = {safe[i]};
        Answer answers[2] = {{"safe", ANSWER_CHOICES, 1, choice, NULL, 0},
                             {"more", ANSWER_TEXT, 0, NULL, more[i], 0}};
        Response r;
        memset(&r, 0, sizeof r);
        memcpy(r.id, ids[i], RESPONSE_ID_LEN);
        r.form_id = "feel";
        r.form_version = version;
        r.year = 2026, r.month = 8, r.day = 3;
        r.session = "";
        r.lang = "";
        r.flags = strcmp(safe[i], "no") == 0 ? RESPONSE_FLAG_SAFETY : 0;
        r.nanswers = 2;
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

static int import(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *argv[] = {"import", "--db", db, "--keys", keys, "--surveys", surveys, path, NULL};
    /* The summary goes to stdout: keep the test's output quiet. */
    fflush(stdout);
    int saved = dup(1);
    FILE *null = freopen("/dev/null", "w", stdout);
    int rc = cmd_import(8, argv);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    (void)null;
    return rc;
}

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

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    setup();
    RUN(test_quarantine);
    RUN(test_refused_contents);
    RUN(test_archived_version);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return TEST_SUMMARY("import");
}
