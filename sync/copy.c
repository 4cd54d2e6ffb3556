/* copy.c: `chorus-sync copy` (copy.h). Start reading at copy_tables: one row a table, with its
 * columns' types and the order its rows are read in, used both to copy and to check. */
#include "copy.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "chorus_limits.h"
#include "council.h"
#include "defaults.h"

/* A table: its name, its columns, each column's type (i integer, t text, b bytes; upper case:
 * may be NULL), and the order its rows are read in: one both backends give the same way. */
typedef struct {
    const char *name, *columns, *types, *order;
} CopyTable;

static const CopyTable copy_tables[COPY_TABLES] = {
    {"kiosk", "name, public_key, key_id, enrolled_on, revoked_on, revoked_from", "tbttTI",
     "name"},
    {"response",
     "ref, id, kiosk, seq, form_id, form_version, day, session, lang, flags, digest,"
     " imported_on, aside",
     "ibtitttttibtT", "ref"},
    {"answer", "response, question, pos, kind, value", "itiit", "response, question, pos"},
    {"quarantine", "id, kiosk, digest, reason, sealed, bundle, seq, noted_on", "btbtBtit",
     "kiosk, id, digest"},
    {"bundle", "kiosk, seq, digest, file, records, imported_on", "tibtit", "kiosk, seq, digest"},
    {"help_request", "kiosk, id, request, form_id, day, flags, contact, imported_on",
     "tbbttitt", "rowid"},
    {"publication", "run, period, made_on, last_ref", "itti", "run"},
    {"published_figure", "run, tbl, series, first_day, last_day, value, shown", "ittttii",
     "rowid"},
    {"receipt_code", "code, id", "bb", "code"},
    {"withdrawal", "code, how, asked_on, done_on", "bttT", "code"},
};

/* Feeds the current row of s (columns by t->types) to the digest. */
static void digest_row(crypto_generichash_state *h, SqlStmt *s, const CopyTable *t)
{
    for (int c = 0; t->types[c]; c++) {
        unsigned char tag = sql_column_null(s, c) ? 'n' : (unsigned char)(t->types[c] | 0x20);
        crypto_generichash_update(h, &tag, 1);
        if (tag == 'n')
            continue;
        char num[24];
        const void *p = num;
        size_t n;
        if (tag == 'i') {
            n = (size_t)snprintf(num, sizeof num, "%lld", (long long)sql_column_int64(s, c));
        } else if (tag == 't') {
            p = sql_column_text(s, c);
            n = strlen(p);
        } else {
            p = sql_column_blob(s, c);
            n = sql_column_bytes(s, c);
        }
        unsigned char len[8];
        for (int k = 0; k < 8; k++)
            len[k] = (unsigned char)((uint64_t)n >> (8 * k));
        crypto_generichash_update(h, len, sizeof len);
        if (n)
            crypto_generichash_update(h, p, n);
    }
}

int copy_sums(Sql *db, CopySums *sums, char *err)
{
    for (int i = 0; i < COPY_TABLES; i++) {
        const CopyTable *t = &copy_tables[i];
        char sql[512];
        snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s", t->columns, t->name, t->order);
        SqlStmt *s = NULL;
        if (sql_prepare(db, sql, &s) != 0) {
            snprintf(err, ERR_LEN, "%s: %s: %s", sql_name(db), t->name, sql_errmsg(db));
            return -1;
        }
        crypto_generichash_state h;
        crypto_generichash_init(&h, NULL, 0, 32);
        long long rows = 0;
        int step;
        while ((step = sql_step(s)) == SQL_ROW) {
            digest_row(&h, s, t);
            rows++;
        }
        crypto_generichash_final(&h, sums->digest[i], 32);
        sums->table[i] = t->name;
        sums->rows[i] = rows;
        if (step != SQL_DONE)
            snprintf(err, ERR_LEN, "%s: %s: %s", sql_name(db), t->name, sql_errmsg(db));
        sql_finalize(s);
        if (step != SQL_DONE)
            return -1;
    }
    return 0;
}

/* Copies table t's rows from `from` to `to`. Returns 0, or -1 with err. */
static int copy_table(Sql *from, Sql *to, const CopyTable *t, char *err)
{
    char sql[512], ins[512], marks[64] = "";
    int ncol = (int)strlen(t->types);
    for (int c = 0; c < ncol; c++)
        strcat(marks, c ? ",?" : "?");
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s", t->columns, t->name, t->order);
    snprintf(ins, sizeof ins, "INSERT INTO %s(%s) VALUES (%s)", t->name, t->columns, marks);
    SqlStmt *r = NULL, *w = NULL;
    int rc = -1, step;
    if (sql_prepare(from, sql, &r) != 0) {
        snprintf(err, ERR_LEN, "%s: %s: %s", sql_name(from), t->name, sql_errmsg(from));
        goto done;
    }
    if (sql_prepare(to, ins, &w) != 0) {
        snprintf(err, ERR_LEN, "%s: %s: %s", sql_name(to), t->name, sql_errmsg(to));
        goto done;
    }
    while ((step = sql_step(r)) == SQL_ROW) {
        sql_reset(w);
        for (int c = 0; c < ncol; c++) {
            char type = (char)(t->types[c] | 0x20);
            if (sql_column_null(r, c))
                sql_bind_null(w, c + 1);
            else if (type == 'i')
                sql_bind_int64(w, c + 1, sql_column_int64(r, c));
            else if (type == 't')
                sql_bind_text(w, c + 1, sql_column_text(r, c));
            else
                sql_bind_blob(w, c + 1, sql_column_blob(r, c), sql_column_bytes(r, c));
        }
        if (sql_queue(w) != 0) {
            snprintf(err, ERR_LEN, "%s: %s: %s", sql_name(to), t->name, sql_errmsg(to));
            goto done;
        }
    }
    if (step != SQL_DONE) {
        snprintf(err, ERR_LEN, "%s: %s: %s", sql_name(from), t->name, sql_errmsg(from));
        goto done;
    }
    rc = 0;
done:
    sql_finalize(r);
    sql_finalize(w);
    return rc;
}

/* 1 if db holds nothing a council put there (a new database), 0 if it does, -1 with err. */
static int empty(Sql *db, char *err)
{
    SqlStmt *s = NULL;
    int rc = -1;
    if (sql_prepare(db,
                    "SELECT (SELECT count(*) FROM kiosk) + (SELECT count(*) FROM response)"
                    " + (SELECT count(*) FROM publication) + (SELECT count(*) FROM help_request)"
                    " + (SELECT count(*) FROM quarantine) + (SELECT count(*) FROM withdrawal)",
                    &s) != 0 ||
        sql_step(s) != SQL_ROW)
        snprintf(err, ERR_LEN, "%s: %s", sql_name(db), sql_errmsg(db));
    else
        rc = sql_column_int64(s, 0) == 0;
    sql_finalize(s);
    return rc;
}

/* After rows came with their own numbers: PostgreSQL's identity columns go on from the
 * highest (SQLite's INTEGER PRIMARY KEY does so by itself). */
static int renumber(Sql *to, char *err)
{
    if (sql_kind(to) != SQL_PG)
        return 0;
    static const char *const fix[] = {
        "SELECT setval(pg_get_serial_sequence('response', 'ref'),"
        " coalesce((SELECT max(ref) FROM response), 0) + 1, false)",
        "SELECT setval(pg_get_serial_sequence('publication', 'run'),"
        " coalesce((SELECT max(run) FROM publication), 0) + 1, false)",
    };
    for (size_t i = 0; i < sizeof fix / sizeof *fix; i++) {
        if (sql_exec(to, fix[i]) != 0) {
            snprintf(err, ERR_LEN, "%s: %s", sql_name(to), sql_errmsg(to));
            return -1;
        }
    }
    return 0;
}

typedef struct {
    const char *from, *to;
} CopyArgs;

static int cmd_copy(int argc, char **argv);

static const Option copy_rows[] = {
    OPT_REQUIRED("--from", "DB", CopyArgs, from,
                 "the council database to copy (a SQLite file or a postgresql:// URI)"),
    OPT_REQUIRED("--to", "DB", CopyArgs, to, "where to copy it: a new or empty database"),
    OPT_END,
};

const OptionTable copy_options = {
    .program = "chorus-sync",
    .name = "copy",
    .options = copy_rows,
    .run = cmd_copy,
    .about = "Copies a whole council database exactly: every kiosk, response, answer, "
             "quarantined record,\nbundle, request for help and publication, row numbers kept, "
             "from --from to --to (each a\nSQLite file or a postgresql:// URI; the target new "
             "or empty). The copy is one transaction,\nchecked table by table by row counts and "
             "digests before it is committed: a failure leaves\nthe target as it was. Exit "
             "status: 0, 1 on an error, " "75 if a database was busy.",
};

static int cmd_copy(int argc, char **argv)
{
    CopyArgs o = {0};
    OptionArgs none;
    int done = options_read(&copy_options, argc, argv, &o, &none);
    if (done >= 0)
        return done;
    char err[ERR_LEN];
    int rc = 1, busy = 0;
    Council *from = council_open_existing(o.from, err), *to = NULL;
    static CopySums a, b;
    if (!from || !(to = council_open(o.to, err)))
        goto fail;
    Sql *src = council_db(from), *dst = council_db(to);
    if (sql_begin(src, SQL_READ) != 0 || sql_begin(dst, SQL_WRITE) != 0) {
        busy = sql_busy(src) || sql_busy(dst);
        snprintf(err, ERR_LEN, "%s", sql_errmsg(sql_in_transaction(src) ? dst : src));
        goto fail;
    }
    int e = empty(dst, err);
    if (e < 0)
        goto fail;
    if (!e) {
        snprintf(err, ERR_LEN, "%s: already holds a council's data; copy only into a new or "
                               "empty database (nothing was copied)",
                 sql_name(dst));
        goto fail;
    }
    for (int i = 0; i < COPY_TABLES; i++)
        if (copy_table(src, dst, &copy_tables[i], err) != 0)
            goto fail;
    if (renumber(dst, err) != 0 || copy_sums(src, &a, err) != 0 || copy_sums(dst, &b, err) != 0)
        goto fail;
    for (int i = 0; i < COPY_TABLES; i++) {
        if (a.rows[i] != b.rows[i] || memcmp(a.digest[i], b.digest[i], 32) != 0) {
            snprintf(err, ERR_LEN, "%s: table %s differs after the copy (%lld rows, %lld copied); "
                                   "nothing was copied",
                     sql_name(dst), a.table[i], a.rows[i], b.rows[i]);
            goto fail;
        }
    }
    if (sql_commit(dst) != 0) {
        busy = sql_busy(dst);
        snprintf(err, ERR_LEN, "%s: %s", sql_name(dst), sql_errmsg(dst));
        goto fail;
    }
    sql_rollback(src);
    printf("copied %s to %s:", sql_name(src), sql_name(dst));
    for (int i = 0; i < COPY_TABLES; i++)
        printf("%s %lld %s", i ? "," : "", a.rows[i], a.table[i]);
    char hex[65];
    crypto_generichash_state h;
    unsigned char all[32];
    crypto_generichash_init(&h, NULL, 0, 32);
    for (int i = 0; i < COPY_TABLES; i++)
        crypto_generichash_update(&h, a.digest[i], 32);
    crypto_generichash_final(&h, all, 32);
    sodium_bin2hex(hex, sizeof hex, all, 16);
    printf("; counts and digests match (%s)\n", hex);
    rc = 0;
    goto done;
fail:
    fprintf(stderr, "chorus-sync copy: %s\n", err);
    if (busy)
        rc = COUNCIL_EXIT_BUSY;
done:
    if (to)
        sql_rollback(council_db(to));
    council_close(from);
    council_close(to);
    return rc;
}
