/* revoke.c: `chorus-sync revoke`, `bundles` and `quarantine`. See revoke.h.
 *
 * Start reading at cmd_revoke(). Revoking moves nothing and deletes nothing: the kiosk's
 * bundles from the revocation point on are refused at import, and its responses already
 * imported from them are marked set aside (council_revoke), which every report and measure
 * leaves out. `bundles` shows the council what it holds from a kiosk, bundle by bundle, so it
 * can choose the point; `quarantine` shows the records import kept aside. */
#include "revoke.h"

#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "chorus_limits.h"
#include "council.h"
#include "defaults.h"
#include "response.h"

/* The exit status after a failed database step: busy, or an error. */
static int failure(Council *c, const char *command, const char *err)
{
    if (c && council_busy(c)) {
        fprintf(stderr, "chorus-sync %s: the council database is busy (another import, report or "
                        "revocation is using it); nothing was changed, try again\n",
                command);
        return COUNCIL_EXIT_BUSY;
    }
    fprintf(stderr, "chorus-sync %s: %s\n", command, err);
    return 1;
}

/* ---- revoke NAME [--from SEQ] ---- */

static int cmd_revoke(int argc, char **argv);

typedef struct {
    const char *db, *from;
} RevokeArgs;

static const Option revoke_rows[] = {
    OPT_TEXT("--db", "FILE", RevokeArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_TEXT("--from", "SEQ", RevokeArgs, from, NULL,
             "its first bundle not to trust (default: after the last imported; 0: all)"),
    OPT_END,
};

const OptionTable revoke_options = {
    .program = "chorus-sync",
    .name = "revoke",
    .options = revoke_rows,
    .args = "NAME",
    .args_min = 1,
    .args_max = 1,
    .run = cmd_revoke,
    .about = "Revokes the kiosk called NAME (lost or stolen) from its bundle number SEQ: its "
             "bundles numbered\nSEQ and later are refused, and the responses already imported "
             "from them are set aside: kept,\nlisted by 'chorus-sync bundles NAME', left out "
             "of every report and measure. Without --from,\nnothing already imported is set "
             "aside. Run it again to move the point. Bundles numbered before\nit are still "
             "imported with 'import --before-revocation'. Other kiosks' responses are never\n"
             "affected.",
};

/* revoke NAME [--from SEQ]: refuses a kiosk's bundles from SEQ on, sets aside what came in them. */
static int cmd_revoke(int argc, char **argv)
{
    RevokeArgs o;
    OptionArgs names;
    int done = options_read(&revoke_options, argc, argv, &o, &names);
    if (done >= 0)
        return done;
    int64_t from = -1, used = 0;
    if (o.from) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(o.from, &end, 10);
        if (errno || end == o.from || *end || v < 0)
            return options_complain(&revoke_options, "--from wants a bundle number (0 or more), "
                                                     "not '%s'",
                                    o.from);
        from = v;
    }
    char err[ERR_LEN];
    long aside = 0;
    Council *c = council_open_existing(o.db, err);
    int rc = 1;
    if (!c)
        fprintf(stderr, "chorus-sync revoke: %s\n", err);
    else if (council_revoke(c, names.args[0], from, &used, &aside, err) != 0)
        rc = failure(c, "revoke", err);
    else {
        printf("kiosk '%s' revoked from its bundle %" PRId64 ": bundles %" PRId64
               " and later are refused; %ld response%s imported from them %s set aside (kept, "
               "not counted: chorus-sync bundles %s)\n",
               names.args[0], used, used, aside, aside == 1 ? "" : "s",
               aside == 1 ? "is" : "are", names.args[0]);
        rc = 0;
    }
    council_close(c);
    return rc;
}

/* ---- bundles NAME [--aside] ---- */

static int cmd_bundles(int argc, char **argv);

typedef struct {
    const char *db;
    int aside;
} BundlesArgs;

static const Option bundles_rows[] = {
    OPT_TEXT("--db", "FILE", BundlesArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_FLAG("--aside", BundlesArgs, aside, "also list each response set aside by a revocation"),
    OPT_END,
};

const OptionTable bundles_options = {
    .program = "chorus-sync",
    .name = "bundles",
    .options = bundles_rows,
    .args = "NAME",
    .args_min = 1,
    .args_max = 1,
    .run = cmd_bundles,
    .about = "Lists what the council imported from the kiosk called NAME, bundle by bundle (its "
             "number, the\nday, the records in it, and of the responses that first came in it: "
             "how many count, how\nmany are set aside by a revocation, how many are copies of "
             "what another kiosk sent), and\nwhether and from which bundle it is revoked: what "
             "'chorus-sync revoke --from' needs.",
};

/* Prints the kiosk's line. Returns 1 if it is enrolled, 0 if not, -1 with err. */
static int kiosk_line(Council *c, const char *name, char *err)
{
    Sql *db = council_db(c);
    SqlStmt *s = NULL;
    int rc = -1;
    if (sql_prepare(db, "SELECT key_id, enrolled_on, revoked_on, revoked_from FROM kiosk"
                               " WHERE name = ?1", &s) != 0) {
        snprintf(err, ERR_LEN, "kiosks: %s", sql_errmsg(db));
        goto done;
    }
    sql_bind_text(s, 1, name);
    int step = sql_step(s);
    if (step == SQL_DONE) {
        rc = 0;
        goto done;
    }
    if (step != SQL_ROW) {
        snprintf(err, ERR_LEN, "kiosks: %s", sql_errmsg(db));
        goto done;
    }
    printf("kiosk '%s' (key %s): enrolled %s; ", name, sql_column_text(s, 0),
           sql_column_text(s, 1));
    if (sql_column_null(s, 2))
        printf("not revoked\n");
    else
        printf("revoked on %s from its bundle %lld\n", sql_column_text(s, 2),
               (long long)sql_column_int64(s, 3));
    rc = 1;
done:
    sql_finalize(s);
    return rc;
}

/* Per bundle number: the bundle files imported, and the responses that first came in it. A
 * version 1 database's responses came in no listed bundle: they show as bundle 0. */
static const char sql_bundles[] =
    "WITH r AS (SELECT seq, count(*) AS n, sum(CASE WHEN aside IS NULL THEN 1 ELSE 0 END)"
    "   AS counted, sum(CASE WHEN aside = '" COUNCIL_ASIDE_REVOKED "' THEN 1 ELSE 0 END)"
    "   AS revoked, sum(CASE WHEN aside = '" COUNCIL_ASIDE_COPY "' THEN 1 ELSE 0 END) AS copies FROM response WHERE kiosk = ?1"
    "   GROUP BY seq),"
    " b AS (SELECT seq, min(imported_on) AS day, sum(records) AS records,"
    "   group_concat(file, ', ') AS files FROM bundle WHERE kiosk = ?1 GROUP BY seq)"
    " SELECT b.seq, b.day, b.records, coalesce(r.n, 0), coalesce(r.counted, 0),"
    "   coalesce(r.revoked, 0), coalesce(r.copies, 0), b.files FROM b LEFT JOIN r USING (seq)"
    " UNION ALL SELECT r.seq, '', 0, r.n, r.counted, r.revoked, r.copies, '(before version 2)'"
    "   FROM r WHERE r.seq NOT IN (SELECT seq FROM b)"
    " ORDER BY 1";

/* Prints the table of bundles of kiosk name. Returns 0, or -1 with err. */
static int bundle_table(Council *c, const char *name, char *err)
{
    Sql *db = council_db(c);
    SqlStmt *s = NULL;
    long long sum[4] = {0, 0, 0, 0};
    int rows = 0, rc = -1;
    if (sql_prepare(db, sql_bundles, &s) != 0) {
        snprintf(err, ERR_LEN, "bundles: %s", sql_errmsg(db));
        goto done;
    }
    sql_bind_text(s, 1, name);
    int step;
    while ((step = sql_step(s)) == SQL_ROW) {
        if (rows++ == 0)
            printf("%8s  %-10s  %7s  %7s  %7s  %9s  %6s  %s\n", "bundle", "imported", "records",
                   "stored", "counted", "set aside", "copies", "file");
        long long v[4];
        for (int k = 0; k < 4; k++)
            sum[k] += v[k] = sql_column_int64(s, 3 + k);
        printf("%8lld  %-10s  %7lld  %7lld  %7lld  %9lld  %6lld  %s\n",
               (long long)sql_column_int64(s, 0), sql_column_text(s, 1),
               (long long)sql_column_int64(s, 2), v[0], v[1], v[2], v[3],
               sql_column_text(s, 7));
    }
    if (step != SQL_DONE) {
        snprintf(err, ERR_LEN, "bundles: %s", sql_errmsg(db));
        goto done;
    }
    printf("in all: %d bundle number%s, %lld responses stored, %lld counted, %lld set aside by "
           "the revocation, %lld copies (counted once, as another kiosk's)\n",
           rows, rows == 1 ? "" : "s", sum[0], sum[1], sum[2], sum[3]);
    rc = 0;
done:
    sql_finalize(s);
    return rc;
}

/* Lists each response of kiosk name set aside by its revocation. Returns 0, or -1 with err. */
static int aside_list(Council *c, const char *name, char *err)
{
    Sql *db = council_db(c);
    SqlStmt *s = NULL;
    int rc = -1;
    if (sql_prepare(db, "SELECT id, seq, form_id, day, imported_on FROM response"
                               " WHERE kiosk = ?1 AND aside = '" COUNCIL_ASIDE_REVOKED "'"
                               " ORDER BY seq, ref", &s) != 0) {
        snprintf(err, ERR_LEN, "set aside: %s", sql_errmsg(db));
        goto done;
    }
    sql_bind_text(s, 1, name);
    int step;
    while ((step = sql_step(s)) == SQL_ROW) {
        char hex[2 * RESPONSE_ID_LEN + 1] = "";
        if (sql_column_bytes(s, 0) == RESPONSE_ID_LEN)
            sodium_bin2hex(hex, sizeof hex, sql_column_blob(s, 0), RESPONSE_ID_LEN);
        printf("set aside: response %s, bundle %lld, form %s, day %s, imported %s\n", hex,
               (long long)sql_column_int64(s, 1), sql_column_text(s, 2),
               sql_column_text(s, 3), sql_column_text(s, 4));
    }
    if (step != SQL_DONE) {
        snprintf(err, ERR_LEN, "set aside: %s", sql_errmsg(db));
        goto done;
    }
    rc = 0;
done:
    sql_finalize(s);
    return rc;
}

/* bundles NAME [--aside]: what the council holds from one kiosk, bundle by bundle. */
static int cmd_bundles(int argc, char **argv)
{
    BundlesArgs o;
    OptionArgs names;
    int done = options_read(&bundles_options, argc, argv, &o, &names);
    if (done >= 0)
        return done;
    char err[ERR_LEN];
    Council *c = council_open_existing(o.db, err);
    int rc = 1;
    if (!c) {
        fprintf(stderr, "chorus-sync bundles: %s\n", err);
        return 1;
    }
    int known = kiosk_line(c, names.args[0], err);
    if (known == 0)
        fprintf(stderr, "chorus-sync bundles: no kiosk called '%s' is enrolled\n", names.args[0]);
    else if (known < 0 || bundle_table(c, names.args[0], err) != 0 ||
             (o.aside && aside_list(c, names.args[0], err) != 0))
        rc = failure(c, "bundles", err);
    else
        rc = 0;
    council_close(c);
    return rc;
}

/* ---- quarantine [--kiosk NAME] ---- */

static int cmd_quarantine(int argc, char **argv);

typedef struct {
    const char *db, *kiosk;
} QuarantineArgs;

static const Option quarantine_rows[] = {
    OPT_TEXT("--db", "FILE", QuarantineArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_TEXT("--kiosk", "NAME", QuarantineArgs, kiosk, NULL, "only this kiosk's records"),
    OPT_END,
};

const OptionTable quarantine_options = {
    .program = "chorus-sync",
    .name = "quarantine",
    .options = quarantine_rows,
    .run = cmd_quarantine,
    .about = "Lists the records import kept aside, oldest first: a record its kiosk signed that "
             "would not\nopen, decode or fit its survey, or an id the kiosk already sent with "
             "other content. Each\nkeeps its sealed bytes for recovery; none is counted or "
             "receipted, so the kiosk keeps its\ncopy. One that later arrives sound is stored "
             "and leaves this list.",
};

/* quarantine [--kiosk NAME]: the records kept aside, with the reason. */
static int cmd_quarantine(int argc, char **argv)
{
    QuarantineArgs o;
    OptionArgs args;
    int done = options_read(&quarantine_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    char err[ERR_LEN];
    Council *c = council_open_existing(o.db, err);
    if (!c) {
        fprintf(stderr, "chorus-sync quarantine: %s\n", err);
        return 1;
    }
    Sql *db = council_db(c);
    SqlStmt *s = NULL;
    int rc = 1, n = 0;
    if (sql_prepare(db, "SELECT noted_on, kiosk, seq, id, reason, bundle FROM quarantine"
                               " WHERE ?1 IS NULL OR kiosk = ?1 ORDER BY noted_on, kiosk, seq, id", &s) != 0) {
        snprintf(err, ERR_LEN, "quarantine: %s", sql_errmsg(db));
        rc = failure(c, "quarantine", err);
        goto done;
    }
    if (o.kiosk)
        sql_bind_text(s, 1, o.kiosk);
    int step;
    while ((step = sql_step(s)) == SQL_ROW) {
        char hex[2 * RESPONSE_ID_LEN + 1] = "";
        if (sql_column_bytes(s, 3) == RESPONSE_ID_LEN)
            sodium_bin2hex(hex, sizeof hex, sql_column_blob(s, 3), RESPONSE_ID_LEN);
        printf("%s  kiosk %s, bundle %lld, response %s: %s (%s)\n",
               sql_column_text(s, 0), sql_column_text(s, 1),
               (long long)sql_column_int64(s, 2), hex, sql_column_text(s, 4),
               sql_column_text(s, 5));
        n++;
    }
    if (step != SQL_DONE) {
        snprintf(err, ERR_LEN, "quarantine: %s", sql_errmsg(db));
        rc = failure(c, "quarantine", err);
        goto done;
    }
    printf("%d record%s kept aside\n", n, n == 1 ? "" : "s");
    rc = 0;
done:
    sql_finalize(s);
    council_close(c);
    return rc;
}
