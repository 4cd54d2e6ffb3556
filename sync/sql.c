/* sql.c: sql.h's calls, written once for both backends: the choice of backend from the
 * --db string, a URI named without its password, and bound values kept for the backend. The
 * backends are sql_sqlite.c and sql_pg.c. */
#include "sql_backend.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sql_is_uri(const char *where)
{
    return strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0;
}

static void redact(const char *where, char *out);

void sql_redact(const char *where, char *out, size_t cap)
{
    char name[SQL_NAME_MAX];
    redact(where, name);
    snprintf(out, cap, "%s", name);
}

/* where with the password of a URI's user (USER:PASSWORD@) and any password= parameter
 * replaced by "***", into out (SQL_NAME_MAX). */
static void redact(const char *where, char *out)
{
    snprintf(out, SQL_NAME_MAX, "%s", where);
    if (!sql_is_uri(where))
        return;
    char *auth = strstr(out, "://") + 3;
    char *at = strchr(auth, '@'), *slash = strchr(auth, '/');
    char *colon = strchr(auth, ':');
    if (at && (!slash || at < slash) && colon && colon < at) {
        memmove(colon + 4, at, strlen(at) + 1);
        memcpy(colon, ":***", 4);
    }
    char *pw = strstr(out, "password=");
    if (pw && (pw[-1] == '?' || pw[-1] == '&')) {
        char *end = strchr(pw, '&');
        char rest[SQL_NAME_MAX];
        snprintf(rest, sizeof rest, "%s", end ? end : "");
        snprintf(pw, SQL_NAME_MAX - (size_t)(pw - out), "password=***%s", rest);
    }
}

int sql_fail(Sql *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->err, sizeof st->err, fmt, ap);
    va_end(ap);
    return -1;
}

/* Wipes and frees st->where (it may hold a password). */
static void forget_where(Sql *st)
{
    if (st->where) {
        sodium_memzero(st->where, strlen(st->where));
        free(st->where);
        st->where = NULL;
    }
}

static Sql *open_with(const char *where, const SqlSchema *s, int reader, int busy_ms,
                        int *busy, char *err)
{
    if (busy)
        *busy = 0;
    Sql *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, ERR_LEN, "%s: out of memory", where);
        return NULL;
    }
    redact(where, st->name);
    st->busy_ms = s ? s->busy_ms : busy_ms;
    int rc;
    if (sql_is_uri(where)) {
        st->kind = SQL_PG;
        rc = (st->where = strdup(where)) ? sql_pg_open(st, where, s)
                                          : sql_fail(st, "%s: out of memory", st->name);
    } else {
        st->kind = SQL_SQLITE;
        rc = sql_sqlite_open(st, where, s, reader);
    }
    if (rc != 0) {
        snprintf(err, ERR_LEN, "%s", st->err);
        if (busy)
            *busy = st->busy;
        if (st->ops)
            st->ops->close(st);
        forget_where(st);
        free(st);
        return NULL;
    }
    return st;
}

Sql *sql_open(const char *where, const SqlSchema *s, char *err)
{
    return open_with(where, s, 0, 0, NULL, err);
}

Sql *sql_open_busy(const char *where, const SqlSchema *s, int *busy, char *err)
{
    return open_with(where, s, 0, 0, busy, err);
}

Sql *sql_open_reader(const char *where, int busy_ms, char *err)
{
    return open_with(where, NULL, 1, busy_ms, NULL, err);
}

void sql_close(Sql *st)
{
    if (!st)
        return;
    while (st->appends) /* rows never sent are dropped, wiped */
        sql_append_free(st->appends);
    st->ops->close(st);
    forget_where(st);
    free(st);
}

Sql *sql_twin(Sql *st, char *err)
{
    err[0] = '\0';
    if (st->kind != SQL_PG || !st->where)
        return NULL;
    Sql *twin = sql_open_reader(st->where, st->busy_ms, err);
    if (twin && sql_pg_share_snapshot(st, twin) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", st->name, twin->err);
        sql_close(twin);
        return NULL;
    }
    return twin;
}

SqlKind sql_kind(const Sql *st) { return st->kind; }
int sql_found_version(const Sql *st) { return st->found_version; }
const char *sql_name(const Sql *st) { return st->name; }
const char *sql_errmsg(Sql *st) { return st->err[0] ? st->err : "no error"; }
int sql_busy(Sql *st) { return st->busy; }
int sql_constraint(Sql *st) { return st->constraint; }

void sql_set_busy_ms(Sql *st, int ms)
{
    st->busy_ms = ms;
    st->ops->set_busy_ms(st, ms);
}

/* ---- appended rows (sql.h) ---- */

/* Empties a's waiting rows, wiping what they held. */
static void drop_rows(SqlAppend *a)
{
    if (a->len)
        sodium_memzero(a->buf, a->len);
    a->st->waiting -= a->nrows;
    a->nrows = 0;
    a->len = 0;
    a->col = 0;
}

int sql_append_send(Sql *st)
{
    for (SqlAppend *a = st->appends; a && st->waiting; a = a->next) {
        if (!a->nrows)
            continue;
        int rc = st->ops->append_send(a);
        drop_rows(a);
        /* (a failure the backend already names, an earlier COPY's, is told as it is) */
        if (rc != 0 && strncmp(st->err, "rows for ", 9) != 0) {
            char why[ERR_LEN];
            snprintf(why, sizeof why, "%s", st->err);
            return sql_fail(st, "rows for %s: %s", a->table, why);
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* Every statement runs after the rows appended before it. */
#define SENT(st) ((st)->waiting == 0 || sql_append_send(st) == 0)

SqlAppend *sql_append_new(Sql *st, const char *table, const char *columns, int ncols, char *err)
{
    SqlAppend *a = calloc(1, sizeof *a);
    if (!a || ncols < 1 || strlen(table) >= sizeof a->table ||
        strlen(columns) >= sizeof a->columns) {
        snprintf(err, ERR_LEN, "%s", a ? "rows for an unknown table" : "out of memory");
        free(a);
        return NULL;
    }
    a->st = st;
    a->ncols = ncols;
    snprintf(a->table, sizeof a->table, "%s", table);
    snprintf(a->columns, sizeof a->columns, "%s", columns);
    SqlAppend **end = &st->appends;
    while (*end)
        end = &(*end)->next;
    *end = a;
    return a;
}

int sql_append_reserve(SqlAppend *a, size_t n)
{
    if (a->len + n <= a->cap)
        return 0;
    size_t cap = a->cap ? a->cap : 4096;
    while (cap < a->len + n)
        cap *= 2;
    /* grown by copying, so that nothing is left behind unwiped in freed memory */
    unsigned char *grown = malloc(cap);
    if (!grown) {
        a->failed = 1;
        return -1;
    }
    if (a->len)
        memcpy(grown, a->buf, a->len);
    if (a->buf) {
        sodium_memzero(a->buf, a->len);
        free(a->buf);
    }
    a->buf = grown;
    a->cap = cap;
    return 0;
}

static void append_value(SqlAppend *a, int kind, int64_t i, const void *p, size_t n)
{
    if (a->col >= a->ncols) {
        a->col++; /* too many: the row fails */
        return;
    }
    a->st->ops->append_value(a, kind, i, p, n);
    a->col++;
}

void sql_append_int64(SqlAppend *a, int64_t v) { append_value(a, PARAM_INT, v, NULL, 0); }
void sql_append_null(SqlAppend *a) { append_value(a, PARAM_NULL, 0, NULL, 0); }

void sql_append_text(SqlAppend *a, const char *v)
{
    if (!v)
        sql_append_null(a);
    else
        append_value(a, PARAM_TEXT, 0, v, strlen(v));
}

void sql_append_blob(SqlAppend *a, const void *p, size_t n)
{
    append_value(a, PARAM_BLOB, 0, p, n);
}

int sql_append_row(SqlAppend *a)
{
    Sql *st = a->st;
    if (a->failed || a->col != a->ncols) {
        const char *why = a->failed              ? "out of memory"
                          : a->col > a->ncols    ? "a row with more values than columns"
                                                 : "a row with fewer values than columns";
        /* the row's values go with every other waiting one: the caller rolls back */
        a->failed = 0;
        drop_rows(a);
        return sql_fail(st, "rows for %s: %s", a->table, why);
    }
    a->col = 0;
    a->nrows++;
    st->waiting++;
    if (st->ops->append_bytes ? a->len >= st->ops->append_bytes : a->nrows >= SQL_APPEND_ROWS)
        return sql_append_send(st);
    return 0;
}

void sql_append_free(SqlAppend *a)
{
    if (!a)
        return;
    drop_rows(a);
    for (SqlAppend **at = &a->st->appends; *at; at = &(*at)->next) {
        if (*at == a) {
            *at = a->next;
            break;
        }
    }
    a->st->ops->append_free(a);
    free(a->buf);
    free(a);
}

int sql_begin(Sql *st, int kind) { return SENT(st) ? st->ops->begin(st, kind) : -1; }
int sql_commit(Sql *st) { return SENT(st) ? st->ops->commit(st) : -1; }
void sql_rollback(Sql *st)
{
    for (SqlAppend *a = st->appends; a; a = a->next)
        drop_rows(a);
    if (st->ops->in_transaction(st))
        st->ops->rollback(st);
}
int sql_in_transaction(Sql *st) { return st->ops->in_transaction(st); }
int sql_exec(Sql *st, const char *sql) { return SENT(st) ? st->ops->exec(st, sql) : -1; }

int sql_prepare(Sql *st, const char *sql, SqlStmt **out)
{
    *out = NULL;
    SqlStmt *s = calloc(1, sizeof *s);
    if (!s)
        return sql_fail(st, "out of memory");
    s->st = st;
    if (st->ops->prepare(st, sql, s) != 0) {
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

/* Parameter i's slot, emptied; NULL when i is out of range (the step then fails). */
static SqlParam *slot(SqlStmt *s, int i)
{
    if (i < 1 || i > SQL_PARAMS_MAX)
        return NULL;
    SqlParam *p = &s->param[i - 1];
    free(p->bytes);
    *p = (SqlParam){PARAM_NULL, 0, NULL, 0};
    if (i > s->nparams)
        s->nparams = i;
    return p;
}

void sql_bind_int64(SqlStmt *s, int i, int64_t v)
{
    SqlParam *p = slot(s, i);
    if (p) {
        p->kind = PARAM_INT;
        p->i = v;
    }
    s->st->ops->bind(s, i);
}

static void bind_bytes(SqlStmt *s, int i, ParamKind kind, const void *v, size_t n)
{
    SqlParam *p = slot(s, i);
    if (p && (p->bytes = malloc(n + 1)) != NULL) {
        if (n)
            memcpy(p->bytes, v, n);
        p->bytes[n] = '\0';
        p->kind = kind;
        p->len = n;
    }
    s->st->ops->bind(s, i);
}

void sql_bind_text(SqlStmt *s, int i, const char *v)
{
    if (!v)
        sql_bind_null(s, i);
    else
        bind_bytes(s, i, PARAM_TEXT, v, strlen(v));
}

void sql_bind_blob(SqlStmt *s, int i, const void *p, size_t n)
{
    bind_bytes(s, i, PARAM_BLOB, p, n);
}

void sql_bind_null(SqlStmt *s, int i)
{
    slot(s, i);
    s->st->ops->bind(s, i);
}

int sql_step(SqlStmt *s) { return SENT(s->st) ? s->st->ops->step(s) : SQL_ERROR; }
int sql_start(SqlStmt *s)
{
    if (!SENT(s->st))
        return -1;
    return s->st->ops->start ? s->st->ops->start(s) : 0;
}
int sql_queue(SqlStmt *s) { return SENT(s->st) ? s->st->ops->queue(s) : -1; }
int64_t sql_changes(SqlStmt *s) { return s->st->ops->changes(s); }
void sql_reset(SqlStmt *s) { s->st->ops->reset(s); }

void sql_finalize(SqlStmt *s)
{
    if (!s)
        return;
    s->st->ops->finalize(s);
    for (int i = 0; i < SQL_PARAMS_MAX; i++)
        free(s->param[i].bytes);
    free(s);
}

int sql_column_count(SqlStmt *s) { return s->st->ops->column_count(s); }
int sql_column_null(SqlStmt *s, int i) { return s->st->ops->column_null(s, i); }
int64_t sql_column_int64(SqlStmt *s, int i) { return s->st->ops->column_int64(s, i); }
double sql_column_double(SqlStmt *s, int i) { return s->st->ops->column_double(s, i); }
const char *sql_column_text(SqlStmt *s, int i) { return s->st->ops->column_text(s, i); }

const void *sql_column_blob(SqlStmt *s, int i)
{
    size_t n = 0;
    return s->st->ops->column_blob(s, i, &n);
}

size_t sql_column_bytes(SqlStmt *s, int i)
{
    size_t n = 0;
    (void)s->st->ops->column_blob(s, i, &n);
    return n;
}
