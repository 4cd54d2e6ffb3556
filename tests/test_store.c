/* test_store.c: tests of the kiosk's SQLite store (kiosk/store.c): responses stored and
 * counted (all, per form, not yet exported), a duplicate id refused with nothing changed,
 * settings read, written and deleted, WAL mode on the file, and data kept across a reopen.
 *
 * Every test works on a database in a fresh folder under /tmp, removed at the end. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "store.h"
#include "test.h"

static char dir[64];
static char db_path[128];
static char err[ERR_LEN];

/* Opens a new, empty store in the test folder; db_path names its file. */
static Store *fresh(void)
{
    static int n;
    snprintf(db_path, sizeof db_path, "%s/kiosk%d.db", dir, n++);
    Store *st = store_open(db_path, err);
    if (!st)
        fprintf(stderr, "store_open: %s\n", err);
    return st;
}

static void make_id(uint8_t id[16], int n)
{
    memset(id, 0, 16);
    id[0] = (uint8_t)n;
    id[15] = 0x5A;
}

static int put(Store *st, int n, const char *form)
{
    uint8_t id[16], sealed[100];
    make_id(id, n);
    memset(sealed, n, sizeof sealed);
    return store_put_response(st, id, form, sealed, sizeof sealed);
}

/* Runs one SQL statement on the database file through its own connection; returns the first
 * column of the first row as an integer (or -1). */
static long long sql_int(const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    long long v = -1;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        goto done;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
        goto done;
    }
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else if (rc == SQLITE_DONE)
        v = 0;
done:
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

typedef struct {
    int n;
    char forms[8][32];
    long stored[8], unexported[8];
} Forms;

static void collect(const char *form_id, long stored, long unexported, void *ctx)
{
    Forms *f = ctx;
    if (f->n < 8) {
        snprintf(f->forms[f->n], sizeof f->forms[0], "%s", form_id);
        f->stored[f->n] = stored;
        f->unexported[f->n] = unexported;
    }
    f->n++;
}

static void test_put_and_count(void)
{
    Store *st = fresh();
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(store_count(st, NULL, 0), 0);
    CHECK_INT(store_count(st, NULL, 1), 0);
    CHECK_INT(store_count(st, "how_was_today", 0), 0);
    Forms f = {0};
    CHECK_INT(store_each_form(st, collect, &f), 0);
    CHECK_INT(f.n, 0);

    CHECK_INT(put(st, 1, "how_was_today"), 0);
    CHECK_INT(put(st, 2, "children_in_care"), 0);
    CHECK_INT(put(st, 3, "how_was_today"), 0);
    CHECK_INT(put(st, 4, "how_was_today"), 0);
    CHECK_INT(store_count(st, NULL, 0), 4);
    CHECK_INT(store_count(st, NULL, 1), 4);
    CHECK_INT(store_count(st, "how_was_today", 0), 3);
    CHECK_INT(store_count(st, "children_in_care", 0), 1);
    CHECK_INT(store_count(st, "care_leavers", 0), 0);
    CHECK_INT(store_count(st, "how_was", 0), 0); /* whole ids only */

    /* What is stored is exactly the sealed bytes, the id and the form. */
    CHECK_INT(sql_int("SELECT length(sealed) FROM response WHERE form_id = 'children_in_care'"),
              100);
    CHECK_INT(sql_int("SELECT count(*) FROM response WHERE hex(id) = "
                      "'020000000000000000000000000000" "5A'"),
              1);
    CHECK_INT(sql_int("SELECT count(*) FROM response WHERE sealed = zeroblob(100)"), 0);

    /* Mark two as exported (the export step does this): the unexported counts drop. */
    CHECK_INT(sql_int("UPDATE response SET exported = 1 WHERE hex(id) LIKE '01%' OR "
                      "hex(id) LIKE '02%'"),
              0);
    CHECK_INT(store_count(st, NULL, 0), 4);
    CHECK_INT(store_count(st, NULL, 1), 2);
    CHECK_INT(store_count(st, "how_was_today", 1), 2);
    CHECK_INT(store_count(st, "children_in_care", 1), 0);
    CHECK_INT(store_count(st, "children_in_care", 0), 1);

    /* Forms in form id order, with both counts. */
    memset(&f, 0, sizeof f);
    CHECK_INT(store_each_form(st, collect, &f), 0);
    CHECK_INT(f.n, 2);
    CHECK_STR(f.forms[0], "children_in_care");
    CHECK_INT(f.stored[0], 1);
    CHECK_INT(f.unexported[0], 0);
    CHECK_STR(f.forms[1], "how_was_today");
    CHECK_INT(f.stored[1], 3);
    CHECK_INT(f.unexported[1], 2);
    store_close(st);
}

static void test_duplicate_id(void)
{
    Store *st = fresh();
    if (!st) {
        CHECK(0);
        return;
    }
    CHECK_INT(put(st, 7, "form_a"), 0);
    uint8_t id[16], other[10] = {9, 9, 9};
    make_id(id, 7);
    /* The same id again (a Send tried again after a commit that did reach the disk) counts as
     * stored and changes nothing: the first bytes stay, under their form. */
    CHECK_INT(store_put_response(st, id, "form_b", other, sizeof other), 0);
    CHECK_INT(store_count(st, NULL, 0), 1);
    CHECK_INT(store_count(st, "form_a", 0), 1);
    CHECK_INT(store_count(st, "form_b", 0), 0);
    CHECK_INT(sql_int("SELECT length(sealed) FROM response"), 100);
    /* The store still works after the refusal. */
    CHECK_INT(put(st, 8, "form_b"), 0);
    CHECK_INT(store_count(st, NULL, 0), 2);
    store_close(st);
}

static void test_settings(void)
{
    Store *st = fresh();
    if (!st) {
        CHECK(0);
        return;
    }
    char buf[32];
    memset(buf, 'Z', sizeof buf);
    CHECK_INT(store_get(st, "session", buf, sizeof buf), 0);
    CHECK_INT(store_set(st, "session", "Tuesday group"), 0);
    CHECK_INT(store_get(st, "session", buf, sizeof buf), 1);
    CHECK_STR(buf, "Tuesday group");
    /* Replacing a value. */
    CHECK_INT(store_set(st, "session", "Caf\xC3\xA9 night"), 0);
    CHECK_INT(store_get(st, "session", buf, sizeof buf), 1);
    CHECK_STR(buf, "Caf\xC3\xA9 night");
    /* Keys are separate. */
    CHECK_INT(store_set(st, "fixed_survey", "2"), 0);
    CHECK_INT(store_get(st, "fixed_survey", buf, sizeof buf), 1);
    CHECK_STR(buf, "2");
    CHECK_INT(store_get(st, "session", buf, sizeof buf), 1);
    CHECK_STR(buf, "Caf\xC3\xA9 night");
    /* An empty value is a value. */
    CHECK_INT(store_set(st, "empty", ""), 0);
    CHECK_INT(store_get(st, "empty", buf, sizeof buf), 1);
    CHECK_STR(buf, "");
    /* A value that does not fit is an error, not a cut-off value. */
    CHECK_INT(store_get(st, "session", buf, 10), -1);
    CHECK(strstr(store_errmsg(st), "session") != NULL);
    CHECK_INT(store_get(st, "session", buf, strlen("Caf\xC3\xA9 night")), -1);
    CHECK_INT(store_get(st, "session", buf, strlen("Caf\xC3\xA9 night") + 1), 1);
    /* Deleting. */
    CHECK_INT(store_set(st, "session", NULL), 0);
    CHECK_INT(store_get(st, "session", buf, sizeof buf), 0);
    CHECK_INT(store_get(st, "fixed_survey", buf, sizeof buf), 1);
    CHECK_INT(store_set(st, "never-set", NULL), 0);
    /* Values with quotes are bound, not pasted into SQL. */
    CHECK_INT(store_set(st, "q'uote", "it's \"x\"; DROP TABLE setting;--"), 0);
    CHECK_INT(store_get(st, "q'uote", buf, sizeof buf), 1);
    CHECK_STR(buf, "it's \"x\"; DROP TABLE setting;--");
    store_close(st);
}

static void test_wal_and_reopen(void)
{
    Store *st = fresh();
    if (!st) {
        CHECK(0);
        return;
    }
    CHECK_INT(put(st, 1, "f"), 0);
    CHECK_INT(store_set(st, "k", "v"), 0);
    store_close(st);

    /* journal_mode is kept in the file: a plain connection sees WAL. */
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    CHECK_INT(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(s), SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(s, 0), "wal");
    sqlite3_finalize(s);
    s = NULL;
    CHECK_INT(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(s), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(s, 0), 2);
    sqlite3_finalize(s);
    sqlite3_close(db);

    /* Reopening keeps responses and settings; new ones add to them. */
    st = store_open(db_path, err);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(store_count(st, NULL, 0), 1);
    CHECK_INT(store_count(st, "f", 1), 1);
    char buf[8];
    CHECK_INT(store_get(st, "k", buf, sizeof buf), 1);
    CHECK_STR(buf, "v");
    CHECK_INT(put(st, 1, "f"), 0); /* the old id is still there: stored once */
    CHECK_INT(store_count(st, NULL, 0), 1);
    CHECK_INT(put(st, 2, "f"), 0);
    store_close(st);
    st = store_open(db_path, err);
    CHECK(st != NULL);
    if (st)
        CHECK_INT(store_count(st, NULL, 0), 2);
    store_close(st);

    /* Two stores on one file (a second process) see each other's commits. */
    Store *a = store_open(db_path, err), *b = store_open(db_path, err);
    CHECK(a != NULL && b != NULL);
    if (a && b) {
        CHECK_INT(put(a, 3, "g"), 0);
        CHECK_INT(store_count(b, "g", 0), 1);
    }
    store_close(a);
    store_close(b);
}

/* A store of version 1 (before digests) is upgraded in place: its responses kept, travelling
 * unchecked (no digest), one that no bundle could carry still set aside. */
static void test_upgrade_v1(void)
{
    snprintf(db_path, sizeof db_path, "%s/v1.db", dir);
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(db_path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db,
                           "PRAGMA journal_mode=WAL;"
                           "CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                           "CREATE TABLE response(seq INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE"
                           " CHECK (length(id) = 16), form_id TEXT NOT NULL, sealed BLOB NOT NULL,"
                           " exported INTEGER NOT NULL DEFAULT 0);"
                           "INSERT INTO response(id, form_id, sealed) VALUES"
                           " (randomblob(16), 'a', randomblob(100)),"
                           " (randomblob(16), 'a', randomblob(100)),"
                           " (randomblob(16), 'b', randomblob(10));"
                           "INSERT INTO setting VALUES ('pin_hash', 'x');"
                           "PRAGMA user_version=1;",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    Store *st = store_open(db_path, err);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(sql_int("PRAGMA user_version"), 2);
    CHECK_INT(store_count(st, NULL, STORE_ALL), 3);
    CHECK_INT(sql_int("SELECT count(*) FROM response WHERE digest IS NULL AND aside = 0"), 3);
    CHECK_INT(store_set_aside_damaged(st), 1);
    CHECK_INT(store_count(st, NULL, STORE_ASIDE), 1);
    CHECK_INT(store_count(st, "b", STORE_ASIDE), 1);
    CHECK_INT(store_count(st, NULL, STORE_UNEXPORTED), 2);
    char v[8];
    CHECK_INT(store_get(st, "pin_hash", v, sizeof v), 1);
    store_close(st);
}

/* The digest kept since Send: a response whose sealed bytes change on disk is set aside (once),
 * counted, kept, and left out of every list for export; the others are listed. */
static void test_set_aside_damaged(void)
{
    Store *st = fresh();
    CHECK(st != NULL);
    if (!st)
        return;
    for (int i = 1; i <= 5; i++)
        CHECK(put(st, i, "f") == 0);
    CHECK_INT(store_set_aside_damaged(st), 0);
    CHECK_INT(sql_int("SELECT count(*) FROM response WHERE length(digest) = 32"), 5);
    CHECK_INT(sql_int("UPDATE response SET sealed = zeroblob(100) WHERE seq = 3"), 0);
    CHECK_INT(sql_int("SELECT count(*) FROM response WHERE sealed = zeroblob(100)"), 1);
    CHECK_INT(store_set_aside_damaged(st), 1);
    CHECK_INT(store_set_aside_damaged(st), 0);
    CHECK_INT(store_count(st, NULL, STORE_ALL), 5);
    CHECK_INT(store_count(st, NULL, STORE_UNEXPORTED), 4);
    CHECK_INT(store_count(st, NULL, STORE_ASIDE), 1);
    StoredResponse *list = NULL;
    size_t n = 0;
    CHECK(store_list_responses(st, 0, &list, &n) == 0);
    CHECK_INT(n, 4);
    for (size_t i = 0; i < n; i++)
        CHECK(list[i].id[0] != 3);
    store_responses_free(list, n);
    store_close(st);
}

static void test_open_refuses(void)
{
    char path[200];
    /* A folder that is not there. */
    snprintf(path, sizeof path, "%s/missing/kiosk.db", dir);
    CHECK(store_open(path, err) == NULL);
    CHECK(strstr(err, path) != NULL);
    /* A file that is not a database. */
    snprintf(path, sizeof path, "%s/not-a-db", dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("this is not an SQLite database, but it is long enough to look at.\n", f);
        for (int i = 0; i < 100; i++)
            fputs("padding padding padding padding padding padding padding padding\n", f);
        fclose(f);
    }
    CHECK(store_open(path, err) == NULL);
    /* A store of a newer schema. */
    Store *st = fresh();
    store_close(st);
    CHECK_INT(sql_int("PRAGMA user_version = 99"), 0);
    CHECK(store_open(db_path, err) == NULL);
    CHECK(strstr(err, "99") != NULL);
    store_close(NULL);
}

/* Removes the test folder and the files in it. */
static void remove_dir(void)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/chorus-store.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_put_and_count);
    RUN(test_duplicate_id);
    RUN(test_settings);
    RUN(test_wal_and_reopen);
    RUN(test_upgrade_v1);
    RUN(test_set_aside_damaged);
    RUN(test_open_refuses);
    remove_dir();
    return TEST_SUMMARY("store");
}
