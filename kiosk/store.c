/* store.c: the kiosk's SQLite store. See store.h; its schema is `schema`, opened by db_open(). */
#include "store.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chorus_limits.h"
#include "db.h"
#include "seal.h"

#define STORE_SCHEMA_VERSION 2

struct Store {
    sqlite3 *db;
    char err[ERR_LEN];
};

static int fail(Store *st, const char *what)
{
    snprintf(st->err, sizeof st->err, "%s: %s", what, sqlite3_errmsg(st->db));
    return -1;
}

/* Ends a transaction that a failure left open. A ROLLBACK that could not run (out of memory,
 * say) would otherwise let the next write join that transaction and be lost when the kiosk
 * stops, after it was reported as stored. Returns 0 when no transaction is open. */
static int settle(Store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return sqlite3_get_autocommit(st->db) ? 0 : -1;
}

/* Steps a one-statement write as its own transaction, so that 0 means committed. */
static int step_alone(Store *st, sqlite3_stmt *s, const char *what)
{
    if (settle(st) != 0) {
        snprintf(st->err, sizeof st->err, "%s: an earlier failed transaction is still open", what);
        return -1;
    }
    if (sqlite3_step(s) != SQLITE_DONE || !sqlite3_get_autocommit(st->db)) {
        fail(st, what);
        settle(st);
        return -1;
    }
    return 0;
}

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "PRAGMA secure_delete=ON;"
    "PRAGMA temp_store=MEMORY;"
    "CREATE TABLE IF NOT EXISTS setting("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS response("
    "  seq INTEGER PRIMARY KEY,"
    "  id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),"
    "  form_id TEXT NOT NULL,"
    "  sealed BLOB NOT NULL,"
    "  exported INTEGER NOT NULL DEFAULT 0,"
    "  digest BLOB,"
    "  aside INTEGER NOT NULL DEFAULT 0);"
    /* Requests for help (FORMATS.md), apart from the responses and with nothing that links one
     * to a response: request, made (wall seconds of the local day's start, no time of day) and flags are
     * what worker mode's alert shows; the contact words are only inside sealed. A new table in
     * a version 1 or 2 store: made by this statement, no upgrade needed. */
    "CREATE TABLE IF NOT EXISTS help("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT," /* never reused once receipts delete rows: the
                                                 * worker's 'seen' mark is a seq */
    "  id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),"
    "  request BLOB NOT NULL CHECK (length(request) = 16),"
    "  flags INTEGER NOT NULL,"
    "  made INTEGER NOT NULL,"
    "  sealed BLOB NOT NULL,"
    "  exported INTEGER NOT NULL DEFAULT 0);";

/* Version 1 had no digest (its responses travel unchecked) and no aside. */
static const char *const store_upgrades[] = {
    "ALTER TABLE response ADD COLUMN digest BLOB;"
    "ALTER TABLE response ADD COLUMN aside INTEGER NOT NULL DEFAULT 0;",
};

/* An older store is upgraded as it opens: a kiosk is an appliance, nobody migrates it. */
static const DbSchema store_schema = {"store", schema, STORE_SCHEMA_VERSION, 5000,
                                      store_upgrades, NULL};

/* The digest kept beside a response at Send: BLAKE2b-256 of its id and sealed bytes. */
static void digest_of(const uint8_t id[16], const void *sealed, size_t len,
                      uint8_t out[STORE_DIGEST_LEN])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, STORE_DIGEST_LEN);
    crypto_generichash_update(&h, id, 16);
    crypto_generichash_update(&h, sealed, len);
    crypto_generichash_final(&h, out, STORE_DIGEST_LEN);
}

Store *store_open(const char *path, char *err)
{
    Store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        return NULL;
    }
    st->db = db_open(path, &store_schema, err);
    if (!st->db) {
        free(st);
        return NULL;
    }
    return st;
}

void store_close(Store *st)
{
    if (!st)
        return;
    sqlite3_close(st->db);
    free(st);
}

const char *store_errmsg(const Store *st) { return st->err; }

int store_put_response(Store *st, const uint8_t id[16], const char *form_id,
                       const uint8_t *sealed, size_t len)
{
    sqlite3_stmt *s = NULL;
    int rc = -1;
    uint8_t digest[STORE_DIGEST_LEN];
    digest_of(id, sealed, len, digest);
    if (sqlite3_prepare_v2(st->db, "INSERT INTO response(id, form_id, sealed, digest)"
                           " VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                           -1, &s, NULL) != SQLITE_OK) {
        fail(st, "INSERT INTO response");
        goto done;
    }
    sqlite3_bind_blob(s, 1, id, 16, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, form_id, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(s, 3, sealed, len, SQLITE_STATIC);
    sqlite3_bind_blob(s, 4, digest, sizeof digest, SQLITE_STATIC);
    /* One statement outside BEGIN is its own transaction: durable when step returns DONE. */
    if (step_alone(st, s, "INSERT INTO response") != 0)
        goto done;
    rc = 0;
done:
    sqlite3_finalize(s);
    return rc;
}

/* The start (local midnight) of the day wall time t falls in. */
static long long local_day(long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return t - t % 86400;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return (long long)mktime(&tm);
}

int store_put_help(Store *st, const uint8_t id[16], const uint8_t request[16], uint32_t flags,
                   long long made, const uint8_t *sealed, size_t len)
{
    sqlite3_stmt *s = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(st->db, "INSERT INTO help(id, request, flags, made, sealed)"
                           " VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                           -1, &s, NULL) != SQLITE_OK) {
        fail(st, "INSERT INTO help");
        goto done;
    }
    sqlite3_bind_blob(s, 1, id, 16, SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, request, 16, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, flags);
    sqlite3_bind_int64(s, 4, local_day(made));
    sqlite3_bind_blob64(s, 5, sealed, len, SQLITE_STATIC);
    if (step_alone(st, s, "INSERT INTO help") != 0)
        goto done;
    rc = 0;
done:
    sqlite3_finalize(s);
    return rc;
}

int store_help_since(Store *st, long long after, StoredHelp *out, int max, int *n, long *total,
                     long long *last)
{
    sqlite3_stmt *s = NULL;
    int rc = -1;
    *n = 0;
    *total = 0;
    *last = after;
    /* One row a request with a record newer than after: its newest state, when it was first
     * made, its newest record. */
    const char *sql = "SELECT request, min(made), max(seq),"
                      " (SELECT flags FROM help l WHERE l.request = h.request"
                      "  ORDER BY seq DESC LIMIT 1)"
                      " FROM help h GROUP BY request HAVING max(seq) > ?1 ORDER BY max(seq) DESC";
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        fail(st, "read help requests");
        goto done;
    }
    sqlite3_bind_int64(s, 1, after);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long seq = sqlite3_column_int64(s, 2);
        if (seq > *last)
            *last = seq;
        if (*n < max && sqlite3_column_bytes(s, 0) == 16) {
            StoredHelp *h = &out[(*n)++];
            memcpy(h->request, sqlite3_column_blob(s, 0), 16);
            h->made = sqlite3_column_int64(s, 1);
            h->flags = (uint32_t)sqlite3_column_int64(s, 3);
        }
        (*total)++;
    }
    if (step != SQLITE_DONE) {
        fail(st, "read help requests");
        goto done;
    }
    rc = 0;
done:
    sqlite3_finalize(s);
    return rc;
}

long store_count(Store *st, const char *form_id, int which)
{
    sqlite3_stmt *s = NULL;
    long n = -1;
    const char *sql = "SELECT count(*) FROM response WHERE (?1 IS NULL OR form_id = ?1)"
                      " AND (?2 = 0 OR (?2 = 1 AND exported = 0 AND aside = 0)"
                      " OR (?2 = 2 AND aside != 0))";
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        fail(st, "count responses");
        goto done;
    }
    if (form_id)
        sqlite3_bind_text(s, 1, form_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, which);
    if (sqlite3_step(s) != SQLITE_ROW) {
        fail(st, "count responses");
        goto done;
    }
    n = (long)sqlite3_column_int64(s, 0);
done:
    sqlite3_finalize(s);
    return n;
}

int store_each_form(Store *st, void (*fn)(const char *, long, long, void *), void *ctx)
{
    sqlite3_stmt *s = NULL;
    int rc = -1;
    const char *sql = "SELECT form_id, count(*), sum(exported = 0 AND aside = 0) FROM response"
                      " GROUP BY form_id ORDER BY form_id";
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        fail(st, "count responses by form");
        goto done;
    }
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(s, 0), (long)sqlite3_column_int64(s, 1),
           (long)sqlite3_column_int64(s, 2), ctx);
    if (step != SQLITE_DONE) {
        fail(st, "count responses by form");
        goto done;
    }
    rc = 0;
done:
    sqlite3_finalize(s);
    return rc;
}

int store_get(Store *st, const char *key, char *buf, size_t cap)
{
    sqlite3_stmt *s = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM setting WHERE key = ?", -1, &s, NULL) !=
        SQLITE_OK) {
        fail(st, "read setting");
        goto done;
    }
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step == SQLITE_DONE) {
        rc = 0;
        goto done;
    }
    if (step != SQLITE_ROW) {
        fail(st, "read setting");
        goto done;
    }
    const char *v = (const char *)sqlite3_column_text(s, 0);
    size_t n = v ? strlen(v) : 0;
    if (n >= cap) {
        snprintf(st->err, sizeof st->err, "setting %s is longer than %zu bytes", key, cap - 1);
        goto done;
    }
    memcpy(buf, v ? v : "", n + 1);
    rc = 1;
done:
    sqlite3_finalize(s);
    return rc;
}

int store_set(Store *st, const char *key, const char *value)
{
    sqlite3_stmt *s = NULL;
    int rc = -1;
    const char *sql = value ? "INSERT INTO setting(key, value) VALUES (?1, ?2)"
                              " ON CONFLICT(key) DO UPDATE SET value = ?2"
                            : "DELETE FROM setting WHERE key = ?1";
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        fail(st, "write setting");
        goto done;
    }
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    if (value)
        sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
    if (step_alone(st, s, "write setting") != 0)
        goto done;
    rc = 0;
done:
    sqlite3_finalize(s);
    return rc;
}

void store_responses_free(StoredResponse *list, size_t n)
{
    if (!list)
        return;
    for (size_t i = 0; i < n; i++)
        free(list[i].sealed);
    free(list);
}

/* The rows (id, sealed) that sql selects, binding unexported_only as ?1, for export. */
static int list_rows(Store *st, const char *sql, int unexported_only, StoredResponse **out,
                     size_t *n);

int store_list_responses(Store *st, int unexported_only, StoredResponse **out, size_t *n)
{
    return list_rows(st,
                     "SELECT id, sealed FROM response WHERE aside = 0 AND (?1 = 0 OR exported = 0)"
                     " ORDER BY seq",
                     unexported_only, out, n);
}

int store_list_help(Store *st, StoredResponse **out, size_t *n)
{
    return list_rows(st, "SELECT id, sealed FROM help WHERE ?1 = ?1 ORDER BY seq", 0, out, n);
}

static int list_rows(Store *st, const char *sql, int unexported_only, StoredResponse **out,
                     size_t *n)
{
    sqlite3_stmt *s = NULL;
    StoredResponse *list = NULL;
    size_t count = 0, cap = 0;
    int rc = -1;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        fail(st, "list responses");
        goto done;
    }
    sqlite3_bind_int(s, 1, unexported_only);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const void *id = sqlite3_column_blob(s, 0);
        const void *sealed = sqlite3_column_blob(s, 1);
        int id_len = sqlite3_column_bytes(s, 0), len = sqlite3_column_bytes(s, 1);
        if (!id || id_len != 16 || !sealed || len <= 0) {
            snprintf(st->err, sizeof st->err, "list responses: a stored response is damaged");
            goto done;
        }
        if (count == cap) {
            size_t grow = cap ? cap * 2 : 64;
            StoredResponse *bigger = realloc(list, grow * sizeof *list);
            if (!bigger) {
                snprintf(st->err, sizeof st->err, "list responses: out of memory");
                goto done;
            }
            list = bigger;
            cap = grow;
        }
        StoredResponse *r = &list[count];
        r->sealed = malloc((size_t)len);
        if (!r->sealed) {
            snprintf(st->err, sizeof st->err, "list responses: out of memory");
            goto done;
        }
        memcpy(r->id, id, 16);
        memcpy(r->sealed, sealed, (size_t)len);
        r->len = (size_t)len;
        count++;
    }
    if (step != SQLITE_DONE) {
        fail(st, "list responses");
        goto done;
    }
    *out = list;
    *n = count;
    list = NULL;
    rc = 0;
done:
    store_responses_free(list, count);
    sqlite3_finalize(s);
    return rc;
}

/* 1 if the row (id, sealed, digest) is damaged: an id or a sealed record that no bundle can
 * carry, or a digest (kept since Send; NULL for responses stored before the store had one) that
 * no longer matches. */
static int damaged(sqlite3_stmt *s)
{
    const void *id = sqlite3_column_blob(s, 1), *sealed = sqlite3_column_blob(s, 2);
    int idlen = sqlite3_column_bytes(s, 1), len = sqlite3_column_bytes(s, 2);
    if (!id || idlen != 16 || !sealed || len < (int)SEAL_OVERHEAD ||
        len > (int)(RESPONSE_ENCODED_MAX + SEAL_OVERHEAD))
        return 1;
    if (sqlite3_column_type(s, 3) == SQLITE_NULL)
        return 0;
    uint8_t want[STORE_DIGEST_LEN];
    digest_of(id, sealed, (size_t)len, want);
    return sqlite3_column_bytes(s, 3) != STORE_DIGEST_LEN ||
           memcmp(sqlite3_column_blob(s, 3), want, sizeof want) != 0;
}

long store_set_aside_damaged(Store *st)
{
    sqlite3_stmt *s = NULL;
    int64_t *rows = NULL;
    size_t n = 0, cap = 0;
    long rc = -1;
    int begun = 0;
    if (settle(st) != 0 || sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        fail(st, "check responses");
        goto done;
    }
    begun = 1;
    if (sqlite3_prepare_v2(st->db, "SELECT seq, id, sealed, digest FROM response WHERE aside = 0",
                           -1, &s, NULL) != SQLITE_OK) {
        fail(st, "check responses");
        goto done;
    }
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (!damaged(s))
            continue;
        if (n == cap) {
            size_t grow = cap ? cap * 2 : 16;
            int64_t *bigger = realloc(rows, grow * sizeof *rows);
            if (!bigger) {
                snprintf(st->err, sizeof st->err, "check responses: out of memory");
                goto done;
            }
            rows = bigger;
            cap = grow;
        }
        rows[n++] = sqlite3_column_int64(s, 0);
    }
    if (step != SQLITE_DONE) {
        fail(st, "check responses");
        goto done;
    }
    sqlite3_finalize(s);
    s = NULL;
    /* Marked after the scan, not during it: a scan need not see its own statement's changes. */
    if (sqlite3_prepare_v2(st->db, "UPDATE response SET aside = 1 WHERE seq = ?1", -1, &s,
                           NULL) != SQLITE_OK) {
        fail(st, "set damaged responses aside");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, rows[i]);
        if (sqlite3_step(s) != SQLITE_DONE) {
            fail(st, "set damaged responses aside");
            goto done;
        }
    }
    sqlite3_finalize(s);
    s = NULL;
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fail(st, "set damaged responses aside");
        goto done;
    }
    begun = 0;
    rc = (long)n;
done:
    sqlite3_finalize(s);
    if (begun)
        settle(st);
    free(rows);
    return rc;
}

/* Runs each of sqls (statements taking one id) for each of the n ids inside one transaction, adding
 * up the rows it changed into *changed. Returns 0, or -1 with the transaction rolled back. */
static int each_id(Store *st, const char *what, const char *const sqls[2], const uint8_t *ids,
                   size_t n, long *changed)
{
    sqlite3_stmt *s = NULL;
    int rc = -1, begun = 0;
    long total = 0;
    if (settle(st) != 0 || sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        fail(st, what);
        goto done;
    }
    begun = 1;
    for (int k = 0; k < 2; k++) {
        if (sqlite3_prepare_v2(st->db, sqls[k], -1, &s, NULL) != SQLITE_OK) {
            fail(st, what);
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            sqlite3_bind_blob(s, 1, ids + 16 * i, 16, SQLITE_STATIC);
            if (sqlite3_step(s) != SQLITE_DONE) {
                fail(st, what);
                goto done;
            }
            total += sqlite3_changes(st->db);
            sqlite3_reset(s);
        }
        sqlite3_finalize(s);
        s = NULL;
    }
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fail(st, what);
        goto done;
    }
    begun = 0;
    *changed = total;
    rc = 0;
done:
    sqlite3_finalize(s);
    if (begun)
        settle(st);
    return rc;
}

int store_mark_exported(Store *st, const uint8_t *ids, size_t n)
{
    long changed = 0;
    static const char *const sqls[2] = {"UPDATE response SET exported = 1 WHERE id = ?1",
                                        "UPDATE help SET exported = 1 WHERE id = ?1"};
    return each_id(st, "mark responses exported", sqls, ids, n, &changed);
}

int store_delete_responses(Store *st, const uint8_t *ids, size_t n, long *deleted,
                           long *unknown)
{
    long changed = 0;
    /* A receipt lists help records too: their ids are random like responses', never one's. */
    static const char *const sqls[2] = {"DELETE FROM response WHERE id = ?1",
                                        "DELETE FROM help WHERE id = ?1"};
    if (each_id(st, "delete receipted responses", sqls, ids, n, &changed) != 0)
        return -1;
    *deleted = changed;
    *unknown = (long)n - changed;
    /* Move the deleted pages out of the write-ahead log into the (secure-deleted) database now,
     * rather than at some later checkpoint. Best effort: a reader holding the log open only
     * delays it, and the rows are gone from the database either way. */
    sqlite3_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    return 0;
}
