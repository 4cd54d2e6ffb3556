/* sql_pg.c: sql.h on PostgreSQL through libpq.
 *
 * Statements are written in the dialect both backends accept; here their `?` and `?N`
 * placeholders become `$N`, and each distinct statement is prepared on the server once a
 * connection (named c1, c2, ... in a small cache keyed by the SQL and the types bound), so
 * a statement prepared again in a loop costs one string comparison. Values go as text, blobs as
 * binary parameters (BYTEA); results come as text and BYTEA is decoded from its hex form.
 * A result is read whole into memory (PGresult) before the first row is returned: the modules
 * step one statement inside another's rows, which libpq's single-row mode would not allow.
 * A read started ahead (sql_start) goes in pipeline mode with a sync of its own, so the server
 * works on it while the client reads the rows of an earlier one; those rows are read in order
 * and kept by their statements, and the socket is drained as the client steps, so that the
 * server is never held up by a full socket.
 *
 * One writer at a time (sql.h): a writing transaction is READ COMMITTED and first takes the
 * transaction-level advisory lock SQL_PG_WRITER_LOCK, waiting at most busy_ms (lock_timeout;
 * past it, busy). The schema is set up under the same lock, so two programs opening a new
 * database at once do not both create it. */
#include "sql_backend.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The advisory lock every writer takes first: "Chorus" and 1. */
#define SQL_PG_WRITER_LOCK "4852282376631828481"

#define OID_BOOL 16
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_TEXT 25

#define PG_COLUMNS_MAX 64
/* How many reads may be started ahead at once. */
#define PG_AHEAD_MAX 8
/* Rows stepped between two drains of the socket while reads are ahead. */
#define PG_PUMP_ROWS 1024

typedef struct {
    char *sql; /* as sent (the caller's text may be gone): the cache's key */
    char types[SQL_PARAMS_MAX + 1];
    char name[16];
} Prepared;

typedef struct Pg {
    PGconn *conn;
    Prepared *cache;
    int ncache, cap;
    int queued; /* statements sent in pipeline mode whose answers are not read yet */
    /* a COPY of appended rows sent whose answer is not read yet (the server stores them
     * while the client makes the next ones): the table, "" if none */
    char copying[64];
    /* reads started ahead (sql_start) whose answers are not read yet, in the order sent */
    SqlStmt *ahead[PG_AHEAD_MAX];
    int nahead;
    struct Pg *next_ahead; /* in this thread's list of connections with reads ahead */
} Pg;

/* This thread's connections with reads ahead, whose sockets are drained as any statement is
 * stepped: a server sending rows that no one reads stops when the socket is full, and the
 * reads ahead on twins (sql_twin) would wait for the one being stepped. */
static _Thread_local Pg *reading_ahead;

static void ahead_list(Pg *pg, int in)
{
    Pg **at = &reading_ahead;
    while (*at && *at != pg)
        at = &(*at)->next_ahead;
    if (in && !*at) {
        pg->next_ahead = reading_ahead;
        reading_ahead = pg;
    } else if (!in && *at) {
        *at = pg->next_ahead;
        pg->next_ahead = NULL;
    }
}

/* How many queued statements are sent before their answers are read (bounds libpq's
 * buffers). */
#define PG_QUEUE_MAX 1000

typedef struct {
    char *pg_sql;    /* with $N */
    int nph;         /* the highest placeholder */
    PGresult *res;
    int row, nrows;
    int64_t changes;
    unsigned char *blob[PG_COLUMNS_MAX]; /* the current row's decoded BYTEA, by column */
    int blobs;                           /* how many of blob[] are set */
    size_t blen[PG_COLUMNS_MAX];
    int ahead; /* started ahead, its answer not read yet */
} PgStmt;

#define PG(st) ((Pg *)(st)->impl)
#define PS(s) ((PgStmt *)(s)->impl)

/* libpq's message without its trailing newline, into st->err. */
static int conn_failed(Sql *st, const char *what)
{
    char msg[ERR_LEN];
    snprintf(msg, sizeof msg, "%s", PQerrorMessage(PG(st)->conn));
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    /* one line: libpq's hint after a newline and a tab follows a "; " */
    for (char *nl; (nl = strchr(msg, '\n')) != NULL;) {
        size_t skip = 1 + strspn(nl + 1, " \t");
        memmove(nl + 2, nl + skip, strlen(nl + skip) + 1);
        memcpy(nl, "; ", 2);
    }
    st->busy = 0;
    st->constraint = 0;
    return sql_fail(st, "%s%s%s", what, *what ? ": " : "", msg);
}

/* Notes res's reason (its SQLSTATE says busy or a constraint) and returns -1. Clears res. */
static int res_failed(Sql *st, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!state) {
        PQclear(res);
        return conn_failed(st, "");
    }
    /* lock_not_available (a lock timeout), deadlock_detected, serialization_failure */
    st->busy = strcmp(state, "55P03") == 0 || strcmp(state, "40P01") == 0 ||
               strcmp(state, "40001") == 0;
    st->constraint = strncmp(state, "23", 2) == 0;
    sql_fail(st, "%s", msg ? msg : PQresultErrorMessage(res));
    PQclear(res);
    return -1;
}

static int res_failed(Sql *st, PGresult *res);

/* Waits until pg has its next answer whole, taking in meanwhile what every connection of this
 * thread with reads ahead receives (their servers go on sending). A failure is left for
 * PQgetResult to tell. */
static void wait_ready(Pg *pg)
{
    while (PQisBusy(pg->conn)) {
        struct pollfd fds[16];
        Pg *who[16];
        int n = 0;
        fds[n] = (struct pollfd){PQsocket(pg->conn), POLLIN, 0};
        who[n++] = pg;
        for (Pg *p = reading_ahead; p && n < 16; p = p->next_ahead)
            if (p != pg) {
                fds[n] = (struct pollfd){PQsocket(p->conn), POLLIN, 0};
                who[n++] = p;
            }
        if (fds[0].fd < 0 || (poll(fds, (nfds_t)n, -1) < 0 && errno != EINTR))
            return;
        for (int i = 0; i < n; i++)
            if (fds[i].revents && !PQconsumeInput(who[i]->conn) && i == 0)
                return;
    }
}

/* Reads the answers of the reads started ahead, in the order they were sent, up to and
 * including upto (NULL: all of them), each into its own statement, and leaves pipeline mode
 * when none is left. A statement's own error waits in its result, told when it is stepped.
 * 0, or -1 with st->err when the connection failed (the reads not answered are then run
 * again, and fail, when stepped). */
static int collect(Sql *st, SqlStmt *upto)
{
    Pg *pg = PG(st);
    int bad = 0;
    while (pg->nahead > 0 && !bad) {
        SqlStmt *s = pg->ahead[0];
        PgStmt *ps = PS(s);
        memmove(pg->ahead, pg->ahead + 1, sizeof *pg->ahead * (size_t)--pg->nahead);
        ps->ahead = 0;
        wait_ready(pg);
        PGresult *res = PQgetResult(pg->conn);
        if (!res) {
            bad = conn_failed(st, "");
            break;
        }
        ExecStatusType status = PQresultStatus(res);
        ps->res = res;
        ps->row = -1;
        ps->nrows = status == PGRES_TUPLES_OK ? PQntuples(res) : 0;
        const char *changed = PQcmdTuples(res);
        ps->changes = changed && *changed ? strtoll(changed, NULL, 10) : 0;
        /* then the end of its answers and its sync (after a lost connection: nothing) */
        for (int nulls = 0; nulls < 2;) {
            PGresult *r = PQgetResult(pg->conn);
            if (!r) {
                nulls++;
                continue;
            }
            ExecStatusType t = PQresultStatus(r);
            PQclear(r);
            if (t == PGRES_PIPELINE_SYNC)
                break;
        }
        if (PQstatus(pg->conn) != CONNECTION_OK)
            bad = -1;
        if (s == upto)
            break;
    }
    if (bad) {
        for (int i = 0; i < pg->nahead; i++)
            PS(pg->ahead[i])->ahead = 0;
        pg->nahead = 0;
    }
    if (pg->nahead == 0)
        ahead_list(pg, 0);
    if (pg->nahead == 0 && PQpipelineStatus(pg->conn) != PQ_PIPELINE_OFF && pg->queued == 0 &&
        !PQexitPipelineMode(pg->conn) && !bad)
        bad = conn_failed(st, "");
    return bad ? -1 : 0;
}

/* Reads the answers of the reads started ahead and of the COPY sent last, if they are not read
 * yet. 0, or -1 with st->err (a COPY's naming its table). */
static int settle(Sql *st)
{
    Pg *pg = PG(st);
    if (pg->nahead && collect(st, NULL) != 0)
        return -1;
    if (!pg->copying[0])
        return 0;
    int bad = 0;
    for (PGresult *res; (res = PQgetResult(pg->conn)) != NULL;) {
        if (PQresultStatus(res) == PGRES_COPY_IN) {
            /* the end of the data never reached libpq (out of memory): end it, failed */
            PQclear(res);
            if (!bad)
                bad = conn_failed(st, "the rows could not be sent");
            if (PQputCopyEnd(pg->conn, "the rows could not be sent") != 1)
                break;
            continue;
        }
        if (!bad && PQresultStatus(res) != PGRES_COMMAND_OK)
            bad = res_failed(st, res);
        else
            PQclear(res);
    }
    if (bad) {
        char why[ERR_LEN];
        snprintf(why, sizeof why, "%s", st->err);
        sql_fail(st, "rows for %s: %s", pg->copying, why);
    }
    pg->copying[0] = '\0';
    return bad ? -1 : 0;
}

/* Reads the answers of every queued statement (one round trip: a sync and the answers) and
 * leaves pipeline mode. With last, the last statement queued is one whose answer the caller
 * reads: it is given back in *last (NULL after a failure). Returns 0, or -1 with the first
 * failure in st->err. */
static int drain_into(Sql *st, PGresult **last)
{
    Pg *pg = PG(st);
    if (last)
        *last = NULL;
    if (settle(st) != 0)
        return -1;
    if (PQpipelineStatus(pg->conn) == PQ_PIPELINE_OFF)
        return 0;
    int bad = 0;
    if (!PQpipelineSync(pg->conn))
        bad = conn_failed(st, "");
    for (int i = 0; !bad && i < pg->queued; i++) {
        PGresult *res = PQgetResult(pg->conn);
        if (!res) {
            bad = conn_failed(st, "");
            break;
        }
        ExecStatusType s = PQresultStatus(res);
        if (last && i == pg->queued - 1) {
            *last = res; /* the caller's to judge */
            PQclear(PQgetResult(pg->conn));
            break;
        }
        if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_PIPELINE_ABORTED) {
            res_failed(st, res);
            bad = -1;
        } else {
            PQclear(res);
        }
        PQclear(PQgetResult(pg->conn)); /* the end of that statement's answers */
    }
    /* after a failure, the rest answer PGRES_PIPELINE_ABORTED up to the sync: read them all */
    for (PGresult *res; (res = PQgetResult(pg->conn)) != NULL;) {
        ExecStatusType s = PQresultStatus(res);
        PQclear(res);
        if (s == PGRES_PIPELINE_SYNC)
            break;
    }
    pg->queued = 0;
    if (!PQexitPipelineMode(pg->conn) && !bad)
        bad = conn_failed(st, "");
    if (bad && last && *last) {
        PQclear(*last);
        *last = NULL;
    }
    return bad ? -1 : 0;
}

static int drain(Sql *st) { return drain_into(st, NULL); }

static int pg_exec(Sql *st, const char *sql)
{
    if (drain(st) != 0)
        return -1;
    PGresult *res = PQexec(PG(st)->conn, sql);
    ExecStatusType s = PQresultStatus(res);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        return res_failed(st, res);
    PQclear(res);
    return 0;
}

static void pg_close(Sql *st)
{
    Pg *pg = PG(st);
    if (!pg)
        return;
    if (pg->conn)
        (void)drain(st);
    ahead_list(pg, 0);
    PQfinish(pg->conn);
    for (int i = 0; i < pg->ncache; i++)
        free(pg->cache[i].sql);
    free(pg->cache);
    free(pg);
}

static int pg_in_transaction(Sql *st)
{
    (void)settle(st);
    return PQtransactionStatus(PG(st)->conn) != PQTRANS_IDLE;
}

static void pg_rollback(Sql *st)
{
    (void)drain(st);
    PQclear(PQexec(PG(st)->conn, "ROLLBACK"));
}

static int pg_begin(Sql *st, int kind)
{
    if (kind != SQL_WRITE)
        return pg_exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    char sql[256];
    snprintf(sql, sizeof sql,
             "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = %d;"
             " SELECT pg_advisory_xact_lock(" SQL_PG_WRITER_LOCK ")",
             st->busy_ms > 0 ? st->busy_ms : 1);
    if (pg_exec(st, sql) != 0) {
        if (pg_in_transaction(st))
            pg_rollback(st);
        return -1;
    }
    return 0;
}

static int pg_commit(Sql *st) { return pg_exec(st, "COMMIT"); }
static void pg_set_busy_ms(Sql *st, int ms) { (void)st, (void)ms; }

/* sql with `?N` as `$N` and each bare `?` as the next number, outside quotes. Returns the
 * malloc'ed text with *nph the highest number, or NULL (out of memory). */
static char *dollars(const char *sql, int *nph)
{
    size_t n = strlen(sql);
    char *out = malloc(n * 3 + 1), *o = out;
    int next = 0, top = 0;
    char quote = 0;
    if (!out)
        return NULL;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
            *o++ = *p;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
            *o++ = *p;
        } else if (*p == '?') {
            int k;
            if (p[1] >= '0' && p[1] <= '9') {
                k = (int)strtol(p + 1, (char **)&p, 10);
                p--;
            } else {
                k = ++next;
            }
            if (k > top)
                top = k;
            o += sprintf(o, "$%d", k);
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    *nph = top;
    return out;
}

static int pg_prepare(Sql *st, const char *sql, SqlStmt *s)
{
    PgStmt *ps = calloc(1, sizeof *ps);
    if (!ps || !(ps->pg_sql = dollars(sql, &ps->nph))) {
        free(ps);
        return sql_fail(st, "out of memory");
    }
    if (ps->nph > SQL_PARAMS_MAX) {
        free(ps->pg_sql);
        free(ps);
        return sql_fail(st, "more than %d parameters: %s", SQL_PARAMS_MAX, sql);
    }
    ps->row = -1;
    s->impl = ps;
    return 0;
}

static void pg_bind(SqlStmt *s, int i) { (void)s, (void)i; }

static void clear_row(PgStmt *ps)
{
    for (int c = 0; ps->blobs > 0 && c < PG_COLUMNS_MAX; c++)
        if (ps->blob[c]) {
            PQfreemem(ps->blob[c]);
            ps->blob[c] = NULL;
            ps->blobs--;
        }
}

static void pg_reset(SqlStmt *s)
{
    PgStmt *ps = PS(s);
    if (ps->ahead)
        (void)collect(s->st, s); /* its answer is on its way: read, to be dropped */
    clear_row(ps);
    PQclear(ps->res);
    ps->res = NULL;
    ps->row = -1;
}

/* The server-side name of ps's statement with these parameter types, preparing it the first
 * time. NULL with st->err. */
static const char *prepared(Sql *st, PgStmt *ps, const char *types, const Oid *oids)
{
    Pg *pg = PG(st);
    for (int i = 0; i < pg->ncache; i++)
        if (strcmp(pg->cache[i].types, types) == 0 && strcmp(pg->cache[i].sql, ps->pg_sql) == 0)
            return pg->cache[i].name;
    if (pg->ncache == pg->cap) {
        int cap = pg->cap ? pg->cap * 2 : 64;
        Prepared *more = realloc(pg->cache, (size_t)cap * sizeof *more);
        if (!more) {
            sql_fail(st, "out of memory");
            return NULL;
        }
        pg->cache = more;
        pg->cap = cap;
    }
    if (drain(st) != 0) /* PQprepare waits for its answer: not inside a pipeline */
        return NULL;
    Prepared *p = &pg->cache[pg->ncache];
    if (!(p->sql = strdup(ps->pg_sql))) {
        sql_fail(st, "out of memory");
        return NULL;
    }
    snprintf(p->types, sizeof p->types, "%s", types);
    snprintf(p->name, sizeof p->name, "c%d", pg->ncache + 1);
    PGresult *res = PQprepare(pg->conn, p->name, ps->pg_sql, ps->nph, oids);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        free(p->sql);
        res_failed(st, res);
        return NULL;
    }
    PQclear(res);
    pg->ncache++;
    return p->name;
}

/* A statement's bound values as libpq takes them. */
typedef struct {
    const char *values[SQL_PARAMS_MAX];
    int lengths[SQL_PARAMS_MAX], formats[SQL_PARAMS_MAX];
    Oid oids[SQL_PARAMS_MAX];
    char types[SQL_PARAMS_MAX + 1], nums[SQL_PARAMS_MAX][24];
} Params;

/* Fills pa from s's bindings and returns the server-side statement to run them with (NULL
 * with st->err). */
static const char *params(SqlStmt *s, Params *pa)
{
    PgStmt *ps = PS(s);
    const char **values = pa->values;
    int *lengths = pa->lengths, *formats = pa->formats;
    Oid *oids = pa->oids;
    char *types = pa->types, (*nums)[24] = pa->nums;
    for (int i = 0; i < ps->nph; i++) {
        const SqlParam *p = &s->param[i];
        values[i] = NULL;
        lengths[i] = 0;
        formats[i] = 0;
        oids[i] = 0;
        types[i] = 'n';
        if (p->kind == PARAM_INT) {
            snprintf(nums[i], sizeof nums[i], "%lld", (long long)p->i);
            values[i] = nums[i];
            oids[i] = OID_INT8;
            types[i] = 'i';
        } else if (p->kind == PARAM_TEXT) {
            values[i] = p->bytes;
            oids[i] = OID_TEXT;
            types[i] = 't';
        } else if (p->kind == PARAM_BLOB) {
            values[i] = p->bytes;
            lengths[i] = (int)p->len;
            formats[i] = 1;
            oids[i] = OID_BYTEA;
            types[i] = 'b';
        }
    }
    types[ps->nph] = '\0';
    return prepared(s->st, ps, types, oids);
}

static int run(SqlStmt *s)
{
    Sql *st = s->st;
    PgStmt *ps = PS(s);
    Params pa;
    Pg *pg = PG(st);
    if (pg->nahead && collect(st, NULL) != 0)
        return SQL_ERROR;
    const char *name = params(s, &pa);
    if (!name)
        return SQL_ERROR;
    PGresult *res = NULL;
    if (PQpipelineStatus(pg->conn) != PQ_PIPELINE_OFF) {
        /* behind what is queued, in the same round trip */
        if (!PQsendQueryPrepared(pg->conn, name, ps->nph, pa.values, pa.lengths, pa.formats, 0)) {
            conn_failed(st, "");
            return SQL_ERROR;
        }
        pg->queued++;
        if (drain_into(st, &res) != 0)
            return SQL_ERROR;
    } else {
        if (settle(st) != 0)
            return SQL_ERROR;
        res = PQexecPrepared(pg->conn, name, ps->nph, pa.values, pa.lengths, pa.formats, 0);
    }
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        res_failed(st, res);
        return SQL_ERROR;
    }
    const char *changed = PQcmdTuples(res);
    ps->changes = changed && *changed ? strtoll(changed, NULL, 10) : 0;
    ps->res = res;
    ps->nrows = status == PGRES_TUPLES_OK ? PQntuples(res) : 0;
    ps->row = 0;
    return ps->nrows > 0 ? SQL_ROW : SQL_DONE;
}

static int pg_step(SqlStmt *s)
{
    PgStmt *ps = PS(s);
    clear_row(ps);
    if (ps->ahead && collect(s->st, s) != 0)
        return SQL_ERROR;
    if (!ps->res)
        return run(s);
    if (ps->row < 0) { /* a read started ahead, its answer just read */
        ExecStatusType status = PQresultStatus(ps->res);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            res_failed(s->st, ps->res);
            ps->res = NULL;
            return SQL_ERROR;
        }
    }
    if (ps->row < ps->nrows)
        ps->row++;
    /* the reads ahead go on coming: take them off the sockets, or the servers wait */
    if (reading_ahead && ps->row % PG_PUMP_ROWS == 0)
        for (Pg *p = reading_ahead; p; p = p->next_ahead)
            (void)PQconsumeInput(p->conn);
    return ps->row < ps->nrows ? SQL_ROW : SQL_DONE;
}

static int pg_start(SqlStmt *s)
{
    Sql *st = s->st;
    Pg *pg = PG(st);
    PgStmt *ps = PS(s);
    pg_reset(s); /* started again: the last answer goes */
    if (pg->nahead == PG_AHEAD_MAX && collect(st, pg->ahead[0]) != 0)
        return -1;
    /* queued statements or a COPY first (reads ahead never share the pipeline with them) */
    if (!pg->nahead && (pg->queued || pg->copying[0]) && drain(st) != 0)
        return -1;
    Params pa;
    const char *name = params(s, &pa); /* preparing it first collects what is ahead */
    if (!name)
        return -1;
    if (PQpipelineStatus(pg->conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode(pg->conn))
        return conn_failed(st, "");
    if (!PQsendQueryPrepared(pg->conn, name, ps->nph, pa.values, pa.lengths, pa.formats, 0) ||
        !PQpipelineSync(pg->conn))
        return conn_failed(st, "");
    pg->ahead[pg->nahead++] = s;
    ps->ahead = 1;
    ahead_list(pg, 1);
    return 0;
}

static int pg_queue(SqlStmt *s)
{
    Sql *st = s->st;
    Pg *pg = PG(st);
    Params pa;
    const char *name = params(s, &pa);
    if (!name)
        return -1;
    if (settle(st) != 0)
        return -1;
    if (PQpipelineStatus(pg->conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode(pg->conn))
        return conn_failed(st, "");
    if (!PQsendQueryPrepared(pg->conn, name, PS(s)->nph, pa.values, pa.lengths, pa.formats, 0))
        return conn_failed(st, "");
    if (++pg->queued >= PG_QUEUE_MAX)
        return drain(st);
    return 0;
}

static int64_t pg_changes(SqlStmt *s) { return PS(s)->changes; }

static void pg_finalize(SqlStmt *s)
{
    PgStmt *ps = PS(s);
    if (!ps)
        return;
    pg_reset(s);
    free(ps->pg_sql);
    free(ps);
}

static int pg_column_count(SqlStmt *s) { return PS(s)->res ? PQnfields(PS(s)->res) : 0; }

/* 1 if the current row has a column i. */
static int has(const PgStmt *ps, int i)
{
    return ps->res && ps->row >= 0 && ps->row < ps->nrows && i >= 0 && i < PQnfields(ps->res);
}

static int pg_column_null(SqlStmt *s, int i)
{
    const PgStmt *ps = PS(s);
    return !has(ps, i) || PQgetisnull(ps->res, ps->row, i);
}

static const char *pg_column_text(SqlStmt *s, int i)
{
    const PgStmt *ps = PS(s);
    return pg_column_null(s, i) ? NULL : PQgetvalue(ps->res, ps->row, i);
}

/* An integer as the server writes one: an optional minus and up to 18 digits read here (a
 * report reads tens of millions), anything else by strtoll. */
static int64_t decimal(const char *v)
{
    const char *p = v + (*v == '-');
    int64_t n = 0;
    int digits = 0;
    for (; *p >= '0' && *p <= '9' && digits < 18; p++, digits++)
        n = n * 10 + (*p - '0');
    if (*p || digits == 0)
        return strtoll(v, NULL, 10);
    return *v == '-' ? -n : n;
}

static int64_t pg_column_int64(SqlStmt *s, int i)
{
    const char *v = pg_column_text(s, i);
    if (!v)
        return 0;
    if (PQftype(PS(s)->res, i) == OID_BOOL)
        return v[0] == 't';
    return decimal(v);
}

static double pg_column_double(SqlStmt *s, int i)
{
    const char *v = pg_column_text(s, i);
    return v ? strtod(v, NULL) : 0.0;
}

static const void *pg_column_blob(SqlStmt *s, int i, size_t *n)
{
    PgStmt *ps = PS(s);
    *n = 0;
    if (pg_column_null(s, i))
        return NULL;
    if (PQftype(ps->res, i) != OID_BYTEA || i >= PG_COLUMNS_MAX) {
        *n = (size_t)PQgetlength(ps->res, ps->row, i);
        return *n ? PQgetvalue(ps->res, ps->row, i) : NULL;
    }
    if (!ps->blob[i]) {
        ps->blob[i] = PQunescapeBytea((const unsigned char *)PQgetvalue(ps->res, ps->row, i),
                                      &ps->blen[i]);
        ps->blobs += ps->blob[i] != NULL;
    }
    *n = ps->blob[i] ? ps->blen[i] : 0;
    return *n ? ps->blob[i] : NULL;
}

/* ---- appended rows (sql.h): COPY ... FROM STDIN, its text format built as rows come ----
 * Columns are separated by a tab and rows end with a newline; a backslash, tab, newline or
 * carriage return in a text is escaped, NULL is \N, bytes are BYTEA's hex form (\\x...). */

/* The bytes that send on their own: a COPY a mebibyte at a time. */
#define PG_APPEND_BYTES (1u << 20)

static void pg_append_value(SqlAppend *a, int kind, int64_t i, const void *p, size_t n)
{
    /* at most: a tab, the value (a text escaped: 2 bytes each; bytes: \\x and 2 each), a newline */
    size_t need = 2 + (kind == PARAM_INT ? 24 : kind == PARAM_NULL ? 2 : 3 + 2 * n);
    if (sql_append_reserve(a, need) != 0)
        return;
    char *at = (char *)a->buf + a->len;
    if (a->col > 0)
        *at++ = '\t';
    if (kind == PARAM_INT) {
        at += snprintf(at, 24, "%lld", (long long)i);
    } else if (kind == PARAM_NULL) {
        *at++ = '\\';
        *at++ = 'N';
    } else if (kind == PARAM_BLOB) {
        static const char hex[] = "0123456789abcdef";
        const unsigned char *b = p;
        *at++ = '\\';
        *at++ = '\\';
        *at++ = 'x';
        for (size_t k = 0; k < n; k++) {
            *at++ = hex[b[k] >> 4];
            *at++ = hex[b[k] & 15];
        }
    } else {
        const char *t = p;
        for (size_t k = 0; k < n; k++) {
            char c = t[k];
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                *at++ = '\\';
                c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : c;
            }
            *at++ = c;
        }
    }
    if (a->col == a->ncols - 1)
        *at++ = '\n';
    a->len = (size_t)(at - (char *)a->buf);
}

/* Sends a's rows as one COPY and returns without waiting for its answer, which the next call
 * on the connection reads (settle): the server stores these rows while the client opens and
 * encodes the next. */
static int pg_append_send(SqlAppend *a)
{
    Sql *st = a->st;
    Pg *pg = PG(st);
    if (drain(st) != 0)
        return -1;
    char sql[sizeof a->table + sizeof a->columns + 32];
    snprintf(sql, sizeof sql, "COPY %s(%s) FROM STDIN", a->table, a->columns);
    PGresult *res = PQexec(pg->conn, sql);
    if (PQresultStatus(res) != PGRES_COPY_IN)
        return res_failed(st, res);
    PQclear(res);
    int sent = PQputCopyData(pg->conn, (const char *)a->buf, (int)a->len) == 1;
    if (PQputCopyEnd(pg->conn, sent ? NULL : "the rows could not be sent") != 1)
        sent = 0;
    snprintf(pg->copying, sizeof pg->copying, "%s", a->table);
    if (!sent) {
        conn_failed(st, "");
        char why[ERR_LEN];
        snprintf(why, sizeof why, "%s", st->err);
        (void)settle(st);
        return sql_fail(st, "%s", why);
    }
    return 0;
}

static void pg_append_free(SqlAppend *a)
{
    (void)a;
}

static const SqlOps pg_ops = {
    pg_close,        pg_exec,         pg_begin,         pg_commit,       pg_rollback,
    pg_in_transaction, pg_set_busy_ms, pg_prepare,      pg_bind,         pg_step,  pg_start, pg_queue,
    pg_changes,      pg_reset,        pg_finalize,      pg_column_count, pg_column_null,
    pg_column_text,  pg_column_blob,  pg_column_int64,  pg_column_double,
    pg_append_value, pg_append_send,  pg_append_free,   PG_APPEND_BYTES,
};

static void quiet(void *arg, const char *message) { (void)arg, (void)message; }

/* The version the database's schema table holds: 0 when it has none yet, -1 with st->err. */
static int schema_version(Sql *st)
{
    PGresult *res = PQexec(PG(st)->conn, "SELECT to_regclass('chorus_schema') IS NOT NULL");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return res_failed(st, res);
    int exists = PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    if (!exists)
        return 0;
    res = PQexec(PG(st)->conn, "SELECT max(version) FROM chorus_schema");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return res_failed(st, res);
    int v = PQgetisnull(res, 0, 0) ? 0 : atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    return v;
}

/* Makes s's tables in a database that has none, or checks the version of one that has: an
 * older one is upgraded when s has no migrate command (council_migrate), else refused, naming
 * the command; a newer one is refused. */
static int set_up(Sql *st, const char *uri, const SqlSchema *s)
{
    (void)uri;
    if (pg_begin(st, SQL_WRITE) != 0)
        return sql_fail(st, "%s: cannot set up the %s: %s", st->name, s->what, st->err);
    int v = schema_version(st), fresh = v == 0;
    if (fresh) {
        /* made as the oldest version, then upgraded below like any older database */
        char stamp[128];
        snprintf(stamp, sizeof stamp,
                 "CREATE TABLE chorus_schema(version BIGINT NOT NULL);"
                 " INSERT INTO chorus_schema VALUES (%d)",
                 s->pg_oldest);
        if (pg_exec(st, s->pg_schema) != 0 || pg_exec(st, stamp) != 0)
            v = -1;
        else
            v = s->pg_oldest;
    }
    if (v < 0) {
        pg_rollback(st);
        return sql_fail(st, "%s: cannot set up the %s: %s", st->name, s->what, st->err);
    }
    st->found_version = fresh ? s->pg_version : v;
    if (!fresh && v >= s->pg_oldest && v < s->pg_version && s->migrate_command) {
        pg_rollback(st);
        return sql_fail(st,
                        "%s: the %s is version %d, older than this program's %d; upgrade it "
                        "with: %s URI (back it up with pg_dump first)",
                        st->name, s->what, v, s->pg_version, s->migrate_command);
    }
    if (v >= s->pg_oldest && v < s->pg_version) {
        char stamp[96];
        snprintf(stamp, sizeof stamp, "UPDATE chorus_schema SET version = %d", s->pg_version);
        for (int k = v; k < s->pg_version; k++) {
            if (pg_exec(st, s->pg_upgrades[k - s->pg_oldest]) != 0) {
                char why[ERR_LEN];
                snprintf(why, sizeof why, "%s", st->err);
                pg_rollback(st);
                return sql_fail(st, "%s: cannot upgrade the %s from version %d: %s", st->name,
                                s->what, k, why);
            }
        }
        if (pg_exec(st, stamp) != 0) {
            pg_rollback(st);
            return sql_fail(st, "%s: cannot upgrade the %s: %s", st->name, s->what, st->err);
        }
        v = s->pg_version;
    }
    if (v != s->pg_version) {
        pg_rollback(st);
        return sql_fail(st, "%s: %s version %d is not one this program knows (%d)", st->name,
                        s->what, v, s->pg_version);
    }
    if (pg_commit(st) != 0)
        return sql_fail(st, "%s: cannot set up the %s: %s", st->name, s->what, st->err);
    return 0;
}

/* The password uri carries (USER:PASSWORD@ or password=...), into pw (cap bytes); "" if none. */
static void password_of(const char *uri, char *pw, size_t cap)
{
    pw[0] = '\0';
    const char *auth = strstr(uri, "://");
    auth = auth ? auth + 3 : uri;
    const char *at = strchr(auth, '@'), *slash = strchr(auth, '/'), *colon = strchr(auth, ':');
    if (at && (!slash || at < slash) && colon && colon < at)
        snprintf(pw, cap, "%.*s", (int)(at - colon - 1), colon + 1);
    const char *p = strstr(uri, "password=");
    if (!pw[0] && p)
        snprintf(pw, cap, "%.*s", (int)strcspn(p + 9, "&"), p + 9);
}

/* Replaces every copy of pw in msg (ERR_LEN) with ***: libpq quotes a URI it cannot read. */
static void scrub(char *msg, const char *pw)
{
    size_t n = strlen(pw);
    char *at;
    while (n && (at = strstr(msg, pw)) != NULL) {
        memmove(at + 3, at + n, strlen(at + n) + 1);
        memcpy(at, "***", 3);
    }
}

int sql_pg_share_snapshot(Sql *st, Sql *twin)
{
    char begin[160];
    snprintf(begin, sizeof begin, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    if (pg_in_transaction(st)) {
        if (drain(st) != 0)
            return sql_fail(twin, "%s", st->err);
        PGresult *res = PQexec(PG(st)->conn, "SELECT pg_export_snapshot()");
        if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
            res_failed(st, res);
            return sql_fail(twin, "sharing a snapshot: %s", st->err);
        }
        const char *id = PQgetvalue(res, 0, 0);
        if (strspn(id, "0123456789ABCDEF-") != strlen(id) || strlen(id) > 64) {
            PQclear(res);
            return sql_fail(twin, "sharing a snapshot: the server named it oddly");
        }
        snprintf(begin + strlen(begin), sizeof begin - strlen(begin),
                 "; SET TRANSACTION SNAPSHOT '%s'", id);
        PQclear(res);
    }
    return pg_exec(twin, begin);
}

int sql_pg_open(Sql *st, const char *uri, const SqlSchema *s)
{
    Pg *pg = calloc(1, sizeof *pg);
    if (!pg)
        return sql_fail(st, "%s: out of memory", st->name);
    st->impl = pg;
    st->ops = &pg_ops;
    pg->conn = PQconnectdb(uri);
    if (!pg->conn)
        return sql_fail(st, "%s: out of memory", st->name);
    if (PQstatus(pg->conn) != CONNECTION_OK) {
        char why[ERR_LEN], pw[256];
        conn_failed(st, "");
        snprintf(why, sizeof why, "%s", st->err);
        password_of(uri, pw, sizeof pw);
        scrub(why, pw);
        return sql_fail(st, "%s: cannot connect to the council database: %s", st->name, why);
    }
    PQsetNoticeProcessor(pg->conn, quiet, NULL);
    /* Dates and numbers are formatted in C, never by the server; the client's encoding is
     * UTF-8 whatever the server's locale. No JIT: every query here is an index lookup or one
     * pass over a table, and compiling one (up to a quarter of a second, on the planner's
     * cost estimate of a million-row table) cost more than it ever saved. */
    if (pg_exec(st, "SET client_encoding = 'UTF8'; SET jit = off") != 0)
        return sql_fail(st, "%s: %s", st->name, st->err);
    if (s)
        return set_up(st, uri, s);
    return 0;
}
