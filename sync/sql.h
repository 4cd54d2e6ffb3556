/* sql.h: the council's database behind one interface, on SQLite or on PostgreSQL.
 *
 * Every `--db` names either a SQLite file or a PostgreSQL connection URI
 * (`postgresql://USER@HOST/DBNAME`, or `postgres://`; libpq's own URI syntax, so `?host=/run/x`
 * names a Unix socket folder). sql_open() picks the backend from that string; everything
 * above it (council.c, import, report, records, plan, the ledger) speaks to a Sql and never
 * to sqlite3 or libpq. Start reading at sql_prepare().
 *
 * The SQL is written once, in the dialect both accept: `?` placeholders (or `?N`), which the
 * PostgreSQL backend rewrites to `$N`; `ON CONFLICT DO NOTHING`; `IS DISTINCT FROM`; BIGINT
 * integers; BLOB bound and read as bytes (BYTEA). What truly differs lives in each backend:
 * the schema's DDL and pragmas (SqlSchema), how a writer waits for another, and what "busy"
 * means. Text is ordered bytewise on both (PostgreSQL's columns are COLLATE "C"), so the same
 * data gives byte-identical reports.
 *
 * Writers are one at a time, on both: sql_begin(SQL_WRITE) is SQLite's BEGIN IMMEDIATE, and
 * on PostgreSQL a READ COMMITTED transaction that first takes one transaction-level advisory
 * lock (waiting at most the busy time, then busy). So two importers (two `import` processes,
 * `serve`'s many uploads) never interleave their checks and inserts: each response is stored
 * exactly once, each bundle whole or not at all, and with one lock taken first there is no
 * order in which two writers can deadlock. Readers (report, records) never wait for writers:
 * sql_begin(SQL_READ) is one consistent snapshot (SQLite's read transaction, PostgreSQL's
 * REPEATABLE READ). */
#ifndef CHORUS_SQL_H
#define CHORUS_SQL_H

#include <stddef.h>
#include <stdint.h>

typedef struct Sql Sql;
typedef struct SqlStmt SqlStmt;

typedef enum { SQL_SQLITE, SQL_PG } SqlKind;

/* What a program's database is: its schema, per backend, and its version. */
typedef struct {
    const char *what;          /* in messages: "council database" */
    const char *sqlite_schema; /* pragmas and CREATE ... IF NOT EXISTS, run at every open */
    const char *pg_schema;     /* the same tables for PostgreSQL, run at every open */
    int version;               /* the schema version this program knows */
    int busy_ms;               /* how long a writer waits for another before "busy" */
    /* sqlite_upgrades[v - 1] takes a SQLite database of version v to v + 1 (db.h) */
    const char *const *sqlite_upgrades;
    /* NULL: an older database is upgraded at open; else it is refused, naming this command
     * (db.h's migrate_command) */
    const char *migrate_command;
    /* PostgreSQL's schema has versions of its own: the one this program knows, the oldest
     * it upgrades, and pg_upgrades[v - pg_oldest], which takes version v to v + 1 */
    int pg_version, pg_oldest;
    const char *const *pg_upgrades;
} SqlSchema;

/* step's answers */
enum { SQL_ROW = 1, SQL_DONE = 0, SQL_ERROR = -1 };
/* begin's kinds */
enum { SQL_READ = 0, SQL_WRITE = 1 };

/* 1 if where names a PostgreSQL database (a postgresql:// or postgres:// URI), else 0. */
int sql_is_uri(const char *where);

/* where as messages name it: a URI's password (USER:PASSWORD@, password=) as ***; into out
 * (cap bytes). */
void sql_redact(const char *where, char *out, size_t cap);

/* Opens (a SQLite file: creating it 0600 if missing, see db.h) the database where names and
 * sets up s's schema. A PostgreSQL database must exist (createdb); its tables are made on first
 * use. Returns the handle (sql_close), or NULL with err (ERR_LEN) naming where; a URI is
 * named without its password. */
Sql *sql_open(const char *where, const SqlSchema *s, char *err)
    __attribute__((warn_unused_result));

/* sql_open, and *busy 1 when it failed because another writer held the database past the
 * busy time (a PostgreSQL upgrade waiting behind a report, say), else 0. */
Sql *sql_open_busy(const char *where, const SqlSchema *s, int *busy, char *err)
    __attribute__((warn_unused_result));

/* A read-only second connection to a SQLite database this process has open (see
 * council_open_reader), or an ordinary second connection to a PostgreSQL one. NULL with err. */
Sql *sql_open_reader(const char *where, int busy_ms, char *err)
    __attribute__((warn_unused_result));

/* A second connection for reading beside st in parallel: on PostgreSQL, a read-only
 * transaction on the snapshot st reads now (pg_export_snapshot, when st is in a transaction),
 * so both see the same committed rows (not what st wrote and has not committed) and the
 * server answers each on a process of its own. NULL with
 * err "" on SQLite, whose reads run in this process (a second connection adds no core), and
 * NULL with err when it could not be made; either way the caller reads on st alone. Close it
 * (sql_close) before st's transaction ends. */
Sql *sql_twin(Sql *st, char *err) __attribute__((warn_unused_result));

/* Closes it, finalizing nothing: the caller finalizes its statements first (appenders left
 * are freed, their unsent rows dropped and wiped). Accepts NULL. */
void sql_close(Sql *st);

SqlKind sql_kind(const Sql *st);

/* The schema version a PostgreSQL database had when it was opened (before any upgrade; the
 * version it was made with if new); 0 for SQLite, whose versions db.h reports. */
int sql_found_version(const Sql *st);

/* where as given to sql_open, with any password taken out: for messages. */
const char *sql_name(const Sql *st);

/* The reason the last call on st failed. Never NULL. */
const char *sql_errmsg(Sql *st);

/* 1 if the last failure was another writer holding the database past the busy time (SQLite's
 * BUSY or LOCKED; PostgreSQL's lock timeout, a deadlock or a serialization failure): nothing
 * changed and the same command can be run again. */
int sql_busy(Sql *st);

/* 1 if the last failure broke a constraint (a name or key already there, say). */
int sql_constraint(Sql *st);

/* How long a writer waits for another from now on. */
void sql_set_busy_ms(Sql *st, int ms);

/* Transactions: begin (SQL_READ or SQL_WRITE), commit, rollback (a no-op outside one).
 * 0, or -1 with sql_errmsg. */
int sql_begin(Sql *st, int kind) __attribute__((warn_unused_result));
int sql_commit(Sql *st) __attribute__((warn_unused_result));
void sql_rollback(Sql *st);
int sql_in_transaction(Sql *st);

/* Runs one statement without parameters or rows (DDL, a pragma). 0, or -1 with sql_errmsg. */
int sql_exec(Sql *st, const char *sql) __attribute__((warn_unused_result));

/* Prepares sql (one statement, `?` or `?N` placeholders). Returns 0 with *out (sql_finalize
 * it), or -1 with sql_errmsg. PostgreSQL's backend prepares on the server at the first step,
 * once a connection for each distinct sql, so preparing again in a loop costs nothing. */
int sql_prepare(Sql *st, const char *sql, SqlStmt **out) __attribute__((warn_unused_result));

/* Binds parameter i (from 1). Text and blobs are copied at once, so the caller's buffer may go
 * right after. Binding again replaces the value. */
void sql_bind_int64(SqlStmt *s, int i, int64_t v);
void sql_bind_text(SqlStmt *s, int i, const char *v);  /* NULL binds NULL */
void sql_bind_blob(SqlStmt *s, int i, const void *p, size_t n);
void sql_bind_null(SqlStmt *s, int i);

/* Runs the statement or moves to its next row: SQL_ROW (a row to read), SQL_DONE, or
 * SQL_ERROR (sql_errmsg, sql_busy). */
int sql_step(SqlStmt *s);

/* Starts a read with its bound values now, without waiting for its rows; its next sql_step
 * returns the first of them, as if it had run then. PostgreSQL sends it at once (pipeline
 * mode), so the server works on it while the caller reads the rows of an earlier read; the
 * reads started ahead are answered in the order started, and any other call on the
 * connection first waits for all of them. SQLite, in the same process, runs it at its first
 * step. sql_reset before stepping drops its answer. Returns 0, or -1 with sql_errmsg (a
 * failure of the read itself is told by its step). */
int sql_start(SqlStmt *s) __attribute__((warn_unused_result));

/* Runs a statement that returns no rows and whose outcome may wait (an INSERT of many alike):
 * SQLite runs it at once; PostgreSQL sends it without waiting for the answer (libpq's pipeline
 * mode) and collects the answers of everything queued at the next other call on the
 * connection, in one round trip. So an error may be told by that later call (which then fails,
 * saying what the queued statement's error was), never lost: a commit after a failed queued
 * statement fails. Returns 0, or -1 with sql_errmsg when the failure is known at once. */
int sql_queue(SqlStmt *s) __attribute__((warn_unused_result));

/* Rows changed by the statement that last finished (an INSERT ... ON CONFLICT DO NOTHING that
 * stored nothing: 0). */
int64_t sql_changes(SqlStmt *s);

/* Ends the current run and keeps the bindings, so the statement can step again. */
void sql_reset(SqlStmt *s);

/* Frees it. Accepts NULL. */
void sql_finalize(SqlStmt *s);

/* The columns of the current row, from 0. Text is NUL-terminated and lives until the next step,
 * reset or finalize; NULL for SQL NULL. A blob's bytes likewise (NULL when empty or NULL). */
int sql_column_count(SqlStmt *s);
int sql_column_null(SqlStmt *s, int i);
int64_t sql_column_int64(SqlStmt *s, int i);
double sql_column_double(SqlStmt *s, int i);
const char *sql_column_text(SqlStmt *s, int i);
const void *sql_column_blob(SqlStmt *s, int i);
size_t sql_column_bytes(SqlStmt *s, int i);

/* Rows appended in bulk: what import stores, a bundle's responses and answers at a time.
 * sql_append_new(st, "answer", "response, question, pos, kind, value", 5) is an appender for
 * one table; a row is its ncols values (sql_append_int64, _text, _blob, _null, copied at once)
 * and then sql_append_row. Rows wait in memory and go together: on SQLite as INSERTs of up to
 * SQL_APPEND_ROWS rows, on PostgreSQL as one COPY (a statement, its triggers and its plan
 * once for thousands of rows, not once a row). They are sent when enough wait, and always
 * before any other statement on st runs (sql_step, sql_queue, sql_exec, sql_begin,
 * sql_commit), so a query sees every row appended before it; every appender of st is sent
 * then, in the order they were made, each one's rows in the order given (a table whose rows
 * name another's is made after it). A row that breaks a constraint fails the call that sent
 * it, or on PostgreSQL (which stores one COPY while the next is made) the next call on st,
 * the commit at the latest; either way the error names the table. sql_rollback drops the rows not yet sent; the memory they
 * waited in is wiped (answers are young people's words). */
#define SQL_APPEND_ROWS 64
typedef struct SqlAppend SqlAppend;

/* An appender for columns (comma-separated, as in an INSERT) of table. NULL with err. */
SqlAppend *sql_append_new(Sql *st, const char *table, const char *columns, int ncols,
                          char *err) __attribute__((warn_unused_result));
void sql_append_int64(SqlAppend *a, int64_t v);
void sql_append_text(SqlAppend *a, const char *v); /* NULL appends NULL */
void sql_append_blob(SqlAppend *a, const void *p, size_t n);
void sql_append_null(SqlAppend *a);

/* Ends a row (it must have ncols values); sends what waits when enough does. 0, or -1 with
 * sql_errmsg: a send failed, memory ran out, or the row had too few or too many values. */
int sql_append_row(SqlAppend *a) __attribute__((warn_unused_result));

/* Sends every appender's waiting rows of st now. 0, or -1 with sql_errmsg. */
int sql_append_send(Sql *st) __attribute__((warn_unused_result));

/* Frees it, its rows not yet sent dropped (and wiped). Accepts NULL. */
void sql_append_free(SqlAppend *a);

/* The SQLite handle of a SQLite store, NULL for PostgreSQL: for tests that look at the file
 * itself and for the fault harness. */
struct sqlite3 *sql_sqlite(Sql *st);

#endif
