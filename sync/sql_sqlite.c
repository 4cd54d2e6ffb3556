/* sql_sqlite.c: sql.h on a SQLite file, opened by db_open() (common/db.h: 0600, WAL, the
 * schema and its upgrades). Values are bound from the copies sql.c keeps. */
#include "sql_backend.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

#define DB(st) ((sqlite3 *)(st)->impl)
#define STMT(s) ((sqlite3_stmt *)(s)->impl)

/* Notes sqlite's reason for the failure that just happened on st and returns -1. */
static int failed(Sql *st)
{
    int e = sqlite3_extended_errcode(DB(st)) & 0xff;
    st->busy = e == SQLITE_BUSY || e == SQLITE_LOCKED;
    st->constraint = e == SQLITE_CONSTRAINT;
    return sql_fail(st, "%s", sqlite3_errmsg(DB(st)));
}

static void lite_close(Sql *st) { sqlite3_close(DB(st)); }

static int lite_exec(Sql *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(DB(st), sql, NULL, NULL, &msg) != SQLITE_OK) {
        failed(st);
        if (msg)
            sql_fail(st, "%s", msg);
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int lite_begin(Sql *st, int kind)
{
    return lite_exec(st, kind == SQL_WRITE ? "BEGIN IMMEDIATE" : "BEGIN");
}

static int lite_commit(Sql *st) { return lite_exec(st, "COMMIT"); }
static void lite_rollback(Sql *st) { sqlite3_exec(DB(st), "ROLLBACK", NULL, NULL, NULL); }
static int lite_in_transaction(Sql *st) { return !sqlite3_get_autocommit(DB(st)); }
static void lite_set_busy_ms(Sql *st, int ms) { sqlite3_busy_timeout(DB(st), ms); }

static int lite_prepare(Sql *st, const char *sql, SqlStmt *s)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(DB(st), sql, -1, &stmt, NULL) != SQLITE_OK)
        return failed(st);
    s->impl = stmt;
    return 0;
}

static void lite_bind(SqlStmt *s, int i)
{
    if (i < 1 || i > SQL_PARAMS_MAX)
        return;
    const SqlParam *p = &s->param[i - 1];
    switch (p->kind) {
    case PARAM_INT: sqlite3_bind_int64(STMT(s), i, p->i); break;
    case PARAM_TEXT: sqlite3_bind_text(STMT(s), i, p->bytes, (int)p->len, SQLITE_STATIC); break;
    case PARAM_BLOB: sqlite3_bind_blob(STMT(s), i, p->bytes, (int)p->len, SQLITE_STATIC); break;
    default: sqlite3_bind_null(STMT(s), i); break;
    }
}

static int lite_step(SqlStmt *s)
{
    int rc = sqlite3_step(STMT(s));
    if (rc == SQLITE_ROW)
        return SQL_ROW;
    if (rc == SQLITE_DONE)
        return SQL_DONE;
    failed(s->st);
    return SQL_ERROR;
}

static int lite_queue(SqlStmt *s)
{
    int rc = lite_step(s);
    sqlite3_reset(STMT(s));
    return rc == SQL_ERROR ? -1 : 0;
}

static int64_t lite_changes(SqlStmt *s) { return sqlite3_changes(DB(s->st)); }
static void lite_reset(SqlStmt *s) { sqlite3_reset(STMT(s)); }
static void lite_finalize(SqlStmt *s) { sqlite3_finalize(STMT(s)); }
static int lite_column_count(SqlStmt *s) { return sqlite3_column_count(STMT(s)); }

static int lite_column_null(SqlStmt *s, int i)
{
    return sqlite3_column_type(STMT(s), i) == SQLITE_NULL;
}

static const char *lite_column_text(SqlStmt *s, int i)
{
    return (const char *)sqlite3_column_text(STMT(s), i);
}

static const void *lite_column_blob(SqlStmt *s, int i, size_t *n)
{
    const void *p = sqlite3_column_blob(STMT(s), i);
    *n = (size_t)sqlite3_column_bytes(STMT(s), i);
    return p;
}

static int64_t lite_column_int64(SqlStmt *s, int i) { return sqlite3_column_int64(STMT(s), i); }
static double lite_column_double(SqlStmt *s, int i) { return sqlite3_column_double(STMT(s), i); }

/* ---- appended rows (sql.h): INSERTs of up to SQL_APPEND_ROWS rows ----
 * A value waits in a->buf as its kind (a byte), then an int64, or a length (size_t) and the
 * bytes; sending binds them where they lie (SQLITE_STATIC) and steps. */

typedef struct {
    sqlite3_stmt *insert[SQL_APPEND_ROWS + 1]; /* insert[n]: of n rows, made on first use */
} LiteAppend;

static void lite_append_value(SqlAppend *a, int kind, int64_t i, const void *p, size_t n)
{
    size_t need = 1 + (kind == PARAM_INT ? sizeof i : kind == PARAM_NULL ? 0 : sizeof n + n);
    if (sql_append_reserve(a, need) != 0)
        return;
    unsigned char *at = a->buf + a->len;
    *at++ = (unsigned char)kind;
    if (kind == PARAM_INT) {
        memcpy(at, &i, sizeof i);
    } else if (kind != PARAM_NULL) {
        memcpy(at, &n, sizeof n);
        if (n)
            memcpy(at + sizeof n, p, n);
    }
    a->len += need;
}

/* The INSERT of n rows into a's table, made on first use. NULL with st->err. */
static sqlite3_stmt *lite_insert(SqlAppend *a, int n)
{
    LiteAppend *la = a->impl;
    if (!la && !(la = a->impl = calloc(1, sizeof *la))) {
        sql_fail(a->st, "out of memory");
        return NULL;
    }
    if (la->insert[n])
        return la->insert[n];
    size_t cap =
        strlen(a->table) + strlen(a->columns) + 32 + (size_t)n * ((size_t)a->ncols * 2 + 3);
    char *sql = malloc(cap);
    if (!sql) {
        sql_fail(a->st, "out of memory");
        return NULL;
    }
    size_t used = (size_t)snprintf(sql, cap, "INSERT INTO %s(%s) VALUES ", a->table, a->columns);
    for (int r = 0; r < n; r++) {
        sql[used++] = r ? ',' : ' ';
        sql[used++] = '(';
        for (int c = 0; c < a->ncols; c++) {
            if (c)
                sql[used++] = ',';
            sql[used++] = '?';
        }
        sql[used++] = ')';
    }
    sql[used] = '\0';
    int rc =
        sqlite3_prepare_v3(DB(a->st), sql, -1, SQLITE_PREPARE_PERSISTENT, &la->insert[n], NULL);
    free(sql);
    if (rc != SQLITE_OK) {
        failed(a->st);
        return NULL;
    }
    return la->insert[n];
}

static int lite_append_send(SqlAppend *a)
{
    const unsigned char *at = a->buf;
    for (size_t left = a->nrows; left > 0;) {
        int n = left < SQL_APPEND_ROWS ? (int)left : SQL_APPEND_ROWS;
        sqlite3_stmt *ins = lite_insert(a, n);
        if (!ins)
            return -1;
        for (int k = 1; k <= n * a->ncols; k++) {
            int kind = *at++;
            int64_t i;
            size_t len;
            if (kind == PARAM_INT) {
                memcpy(&i, at, sizeof i);
                at += sizeof i;
                sqlite3_bind_int64(ins, k, i);
            } else if (kind == PARAM_NULL) {
                sqlite3_bind_null(ins, k);
            } else {
                memcpy(&len, at, sizeof len);
                at += sizeof len;
                if (kind == PARAM_TEXT)
                    sqlite3_bind_text(ins, k, (const char *)at, (int)len, SQLITE_STATIC);
                else
                    sqlite3_bind_blob(ins, k, at, (int)len, SQLITE_STATIC);
                at += len;
            }
        }
        int rc = sqlite3_step(ins);
        sqlite3_reset(ins);
        sqlite3_clear_bindings(ins); /* nothing left pointing at the rows, wiped next */
        if (rc != SQLITE_DONE)
            return failed(a->st);
        left -= (size_t)n;
    }
    return 0;
}

static void lite_append_free(SqlAppend *a)
{
    LiteAppend *la = a->impl;
    if (!la)
        return;
    for (int n = 0; n <= SQL_APPEND_ROWS; n++)
        sqlite3_finalize(la->insert[n]);
    free(la);
    a->impl = NULL;
}

static const SqlOps lite_ops = {
    lite_close,         lite_exec,        lite_begin,        lite_commit,
    lite_rollback,      lite_in_transaction, lite_set_busy_ms, lite_prepare,
    lite_bind,          lite_step,        NULL,              lite_queue,        lite_changes,      lite_reset,
    lite_finalize,      lite_column_count, lite_column_null, lite_column_text,
    lite_column_blob,   lite_column_int64, lite_column_double,
    lite_append_value,  lite_append_send, lite_append_free,  0,
};

int sql_sqlite_open(Sql *st, const char *path, const SqlSchema *s, int reader)
{
    sqlite3 *db = NULL;
    if (reader) {
        /* Straight to SQLite, which shares one set of locks between a process's connections:
         * db_open's own look at the files (open, then close) would drop the locks the
         * process's first connection holds, and another process could then take the
         * write-ahead log for unused and delete it under it. */
        if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) !=
            SQLITE_OK) {
            sql_fail(st, "%s: cannot open: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
            sqlite3_close(db);
            return -1;
        }
    } else {
        DbSchema ds = {s->what,    s->sqlite_schema,   s->version,
                       s->busy_ms, s->sqlite_upgrades, s->migrate_command};
        db = db_open(path, &ds, st->err);
        if (!db)
            return -1;
    }
    sqlite3_busy_timeout(db, st->busy_ms);
    st->impl = db;
    st->ops = &lite_ops;
    return 0;
}

struct sqlite3 *sql_sqlite(Sql *st)
{
    return st->kind == SQL_SQLITE ? DB(st) : NULL;
}
