/* sql_backend.h: what a backend of sql.h provides (sql_sqlite.c, sql_pg.c), and the
 * parts of a Sql and a SqlStmt that sql.c keeps for both. Only the store's own files
 * include it. */
#ifndef CHORUS_SQL_BACKEND_H
#define CHORUS_SQL_BACKEND_H

#include "chorus_limits.h"
#include "sql.h"

typedef struct {
    void (*close)(Sql *st);
    int (*exec)(Sql *st, const char *sql);
    int (*begin)(Sql *st, int kind);
    int (*commit)(Sql *st);
    void (*rollback)(Sql *st);
    int (*in_transaction)(Sql *st);
    void (*set_busy_ms)(Sql *st, int ms);
    int (*prepare)(Sql *st, const char *sql, SqlStmt *s);
    void (*bind)(SqlStmt *s, int i); /* after sql.c set s->param[i - 1] */
    int (*step)(SqlStmt *s);
    int (*start)(SqlStmt *s); /* NULL: a store that runs a statement only when stepped */
    int (*queue)(SqlStmt *s);
    int64_t (*changes)(SqlStmt *s);
    void (*reset)(SqlStmt *s);
    void (*finalize)(SqlStmt *s);
    int (*column_count)(SqlStmt *s);
    int (*column_null)(SqlStmt *s, int i);
    const char *(*column_text)(SqlStmt *s, int i);
    const void *(*column_blob)(SqlStmt *s, int i, size_t *n);
    int64_t (*column_int64)(SqlStmt *s, int i);
    double (*column_double)(SqlStmt *s, int i);
    /* appended rows (sql.h): a value encoded into a->buf as the backend will send it (the
     * generic part has set a->col), the waiting rows sent, the backend's part freed */
    void (*append_value)(SqlAppend *a, int kind, int64_t i, const void *p, size_t n);
    int (*append_send)(SqlAppend *a);
    void (*append_free)(SqlAppend *a);
    size_t append_bytes; /* waiting bytes that are sent on their own (0: SQL_APPEND_ROWS rows) */
} SqlOps;

/* A bound value, as sql.c keeps it for a backend that sends values itself (PostgreSQL). */
typedef enum { PARAM_NULL, PARAM_INT, PARAM_TEXT, PARAM_BLOB } ParamKind;
typedef struct {
    ParamKind kind;
    int64_t i;
    char *bytes; /* text (NUL-terminated) or blob, owned */
    size_t len;
} SqlParam;

#define SQL_PARAMS_MAX 256
#define SQL_NAME_MAX 512

struct Sql {
    const SqlOps *ops;
    SqlKind kind;
    char name[SQL_NAME_MAX]; /* where, password taken out */
    char err[ERR_LEN];
    int busy;       /* the last failure was busy */
    int constraint; /* the last failure broke a constraint (uniqueness) */
    int busy_ms;
    void *impl;         /* the backend's connection */
    char *where;        /* PostgreSQL: the URI as given, password and all (for sql_twin) */
    int found_version;  /* PostgreSQL: the schema's version when opened */
    SqlAppend *appends; /* its appenders, in the order made */
    size_t waiting;     /* rows appended, not yet sent, of all of them */
};

/* An appender (sql.h): its rows wait in buf, encoded by the backend. */
struct SqlAppend {
    Sql *st;
    SqlAppend *next;
    char table[64], columns[512];
    int ncols, col; /* values a row; the column the next value fills */
    size_t nrows;   /* whole rows waiting */
    unsigned char *buf;
    size_t len, cap;
    int failed; /* memory ran out: the row fails */
    void *impl; /* the backend's (SQLite: its INSERTs, by rows) */
};

/* Makes room for n more bytes in a->buf: 0, or -1 with a->failed set. */
int sql_append_reserve(SqlAppend *a, size_t n);

struct SqlStmt {
    Sql *st;
    int nparams; /* the highest parameter bound */
    SqlParam param[SQL_PARAMS_MAX];
    void *impl; /* the backend's statement */
};

/* Sets st->err (printf-style) and returns -1. */
int sql_fail(Sql *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Each backend's opener: fills st->impl and st->ops, or returns -1 with st->err. */
int sql_sqlite_open(Sql *st, const char *path, const SqlSchema *s, int reader);
int sql_pg_open(Sql *st, const char *uri, const SqlSchema *s);

/* Puts twin, a new connection, in a read-only transaction on the snapshot st reads now (if st
 * is in a transaction). 0, or -1 with twin->err. */
int sql_pg_share_snapshot(Sql *st, Sql *twin);

#endif
