/* council.c: the council database: schema, kiosks. See council.h for the schema. */
#include "council.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chorus_limits.h"
#include "fileio.h"
#include "keyfile.h"
#include "response.h"
#include "withdraw.h"

#define COUNCIL_SCHEMA_VERSION 4
/* PostgreSQL databases began at version 4; version 5 checks answers' reference to their
 * response a statement at a time (ANSWER_REFS_PG). SQLite's schema has no version 5. */
#define COUNCIL_PG_OLDEST 4
#define COUNCIL_PG_VERSION 5

struct Council {
    Sql *db;
};

/* The tables that version 2 changed, written once for the schema and for the upgrade (which
 * makes them under another name and renames them into place). */
#define RESPONSE_TABLE(name)                                                                   \
    "CREATE TABLE IF NOT EXISTS " name "("                                                     \
    "  ref INTEGER PRIMARY KEY,"                                                               \
    "  id BLOB NOT NULL CHECK (length(id) = 16),"                                              \
    "  kiosk TEXT NOT NULL REFERENCES kiosk(name),"                                            \
    "  seq INTEGER NOT NULL,"                                                                  \
    "  form_id TEXT NOT NULL,"                                                                 \
    "  form_version TEXT NOT NULL,"                                                            \
    "  day TEXT NOT NULL,"                                                                     \
    "  session TEXT NOT NULL,"                                                                 \
    "  lang TEXT NOT NULL,"                                                                    \
    "  flags INTEGER NOT NULL,"                                                                \
    "  digest BLOB NOT NULL,"                                                                  \
    "  imported_on TEXT NOT NULL,"                                                             \
    "  aside TEXT,"                                                                            \
    "  UNIQUE (id, kiosk));"
/* Version 2's answers: a table and, beside it, an index on (response, question, kind, value) */
#define ANSWER_TABLE_V2(name, response)                                                        \
    "CREATE TABLE IF NOT EXISTS " name "("                                                     \
    "  response INTEGER NOT NULL REFERENCES " response "(ref),"                                \
    "  question TEXT NOT NULL,"                                                                \
    "  kind INTEGER NOT NULL,"                                                                 \
    "  value TEXT NOT NULL);"
/* Version 4's answers: one B-tree, clustered by response and question. Every reader looks
 * answers up by response (and question), which the key answers directly, so there is no index
 * beside it to keep, and each answer costs import one insert, not two (a table and its index).
 * pos orders a response's answers as they were given (survey order, a list's choices in list
 * order): 0, 1, 2, ... as import stores them; an answer stored before version 4 keeps its old
 * row number there, which orders them the same. */
#define ANSWER_TABLE(name)                                                                     \
    "CREATE TABLE IF NOT EXISTS " name "("                                                     \
    "  response INTEGER NOT NULL REFERENCES response(ref),"                                    \
    "  question TEXT NOT NULL,"                                                                \
    "  pos INTEGER NOT NULL,"                                                                  \
    "  kind INTEGER NOT NULL,"                                                                 \
    "  value TEXT NOT NULL,"                                                                   \
    "  PRIMARY KEY (response, question, pos)) WITHOUT ROWID;"
#define QUARANTINE_TABLE(name)                                                                 \
    "CREATE TABLE IF NOT EXISTS " name "("                                                     \
    "  id BLOB NOT NULL,"                                                                      \
    "  kiosk TEXT NOT NULL,"                                                                   \
    "  digest BLOB NOT NULL,"                                                                  \
    "  reason TEXT NOT NULL,"                                                                  \
    "  sealed BLOB,"                                                                           \
    "  bundle TEXT NOT NULL,"                                                                  \
    "  seq INTEGER NOT NULL,"                                                                  \
    "  noted_on TEXT NOT NULL,"                                                                \
    "  PRIMARY KEY (kiosk, id, digest));"

/* The ledger of what reports published (ledger.h), new in version 3: made by the schema of a
 * new database and by the upgrade of an older one. */
#define PUBLICATION_TABLES                                                                     \
    "CREATE TABLE IF NOT EXISTS publication("                                                  \
    "  run INTEGER PRIMARY KEY,"                                                               \
    "  period TEXT NOT NULL,"                                                                  \
    "  made_on TEXT NOT NULL,"                                                                 \
    "  last_ref INTEGER NOT NULL);"                                                            \
    "CREATE TABLE IF NOT EXISTS published_figure("                                             \
    "  run INTEGER NOT NULL REFERENCES publication(run),"                                      \
    "  tbl TEXT NOT NULL,"                                                                     \
    "  series TEXT NOT NULL,"                                                                  \
    "  first_day TEXT NOT NULL,"                                                               \
    "  last_day TEXT NOT NULL,"                                                                \
    "  value INTEGER NOT NULL,"                                                                \
    "  shown INTEGER NOT NULL,"                                                                \
    "  PRIMARY KEY (run, series, first_day, last_day));"

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "PRAGMA foreign_keys=ON;"
    /* A region's answers run to a gigabyte; reports look responses up by id all over it.
     * Reading through a memory map, with a larger page cache, saves copying every page out of
     * the kernel (most of a report's time at a million responses without them). */
    "PRAGMA mmap_size=4294967296;"
    "PRAGMA cache_size=-262144;"
    "PRAGMA temp_store=MEMORY;"
    "CREATE TABLE IF NOT EXISTS kiosk("
    "  name TEXT PRIMARY KEY,"
    "  public_key BLOB NOT NULL UNIQUE CHECK (length(public_key) = 32),"
    "  key_id TEXT NOT NULL,"
    "  enrolled_on TEXT NOT NULL,"
    "  revoked_on TEXT,"
    "  revoked_from INTEGER);"
    RESPONSE_TABLE("response")
    ANSWER_TABLE("answer")
    QUARANTINE_TABLE("quarantine")
    "CREATE TABLE IF NOT EXISTS bundle("
    "  kiosk TEXT NOT NULL REFERENCES kiosk(name),"
    "  seq INTEGER NOT NULL,"
    "  digest BLOB NOT NULL,"
    "  file TEXT NOT NULL,"
    "  records INTEGER NOT NULL,"
    "  imported_on TEXT NOT NULL,"
    "  PRIMARY KEY (kiosk, seq, digest));"
    /* What reports and measures count: the one place a response set aside is left out. */
    "CREATE VIEW IF NOT EXISTS " COUNCIL_COUNTED " AS SELECT * FROM response WHERE aside IS NULL;"
    /* Counted responses of a form over a period, from the index alone (aside is in it, always
     * NULL, so that SQLite need not read the row to know). */
    "CREATE INDEX IF NOT EXISTS response_counted_form_day ON response(form_id, day, aside)"
    "  WHERE aside IS NULL;"
    /* Requests for help (help.h): one row a record, kept apart from the responses and linked
     * to none; the records of one request share request. A new table: no upgrade needed. */
    "CREATE TABLE IF NOT EXISTS help_request("
    "  kiosk TEXT NOT NULL,"
    "  id BLOB NOT NULL CHECK (length(id) = 16),"
    "  request BLOB NOT NULL CHECK (length(request) = 16),"
    "  form_id TEXT NOT NULL,"
    "  day TEXT NOT NULL,"
    "  flags INTEGER NOT NULL,"
    "  contact TEXT NOT NULL,"
    "  imported_on TEXT NOT NULL,"
    "  PRIMARY KEY (kiosk, id));"
    PUBLICATION_TABLES
    WITHDRAW_TABLES("BLOB");

/* Version 1 kept one response per id, whichever kiosk sent it first, so a kiosk's stolen key
 * could squat another kiosk's ids. Version 2 keys responses by (id, kiosk), with the bundle
 * sequence each came in (version 1 data: 0) and whether it is set aside; answers refer to the
 * response's row; the quarantine keeps the reason and the sealed record; kiosks gain the
 * sequence their revocation runs from (already revoked: from 1, so what was imported stays);
 * the bundles imported are listed. Row numbers are kept, so every order stays as it was. */
static const char upgrade_1[] =
    "ALTER TABLE kiosk ADD COLUMN revoked_from INTEGER;"
    "UPDATE kiosk SET revoked_from = 1 WHERE revoked_on IS NOT NULL;"
    RESPONSE_TABLE("response_v2")
    "INSERT INTO response_v2(ref, id, kiosk, seq, form_id, form_version, day, session, lang,"
    "  flags, digest, imported_on)"
    "  SELECT rowid, id, kiosk, 0, form_id, form_version, day, session, lang, flags, digest,"
    "  imported_on FROM response ORDER BY rowid;"
    ANSWER_TABLE_V2("answer_v2", "response_v2")
    "INSERT INTO answer_v2(rowid, response, question, kind, value)"
    "  SELECT a.rowid, r.rowid, a.question, a.kind, a.value"
    "  FROM answer a JOIN response r ON r.id = a.response ORDER BY a.rowid;"
    QUARANTINE_TABLE("quarantine_v2")
    "INSERT INTO quarantine_v2(id, kiosk, digest, reason, sealed, bundle, seq, noted_on)"
    "  SELECT id, kiosk, digest, '" COUNCIL_REASON_CONFLICT "', NULL, bundle, 0, noted_on"
    "  FROM quarantine;"
    "DROP TABLE answer;"
    "DROP TABLE response;"
    "DROP TABLE quarantine;"
    "ALTER TABLE response_v2 RENAME TO response;"
    "ALTER TABLE answer_v2 RENAME TO answer;"
    "ALTER TABLE quarantine_v2 RENAME TO quarantine;";

/* Version 3 adds the ledger of what was published; nothing else changes. */
static const char upgrade_2[] = PUBLICATION_TABLES;

/* Version 4 keeps answers in one B-tree keyed by (response, question, pos) (ANSWER_TABLE):
 * every answer is copied across with its old row number as pos, so each response keeps its
 * answers in their order; the old table and its covering index go. Nothing else changes. */
static const char upgrade_3[] =
    ANSWER_TABLE("answer_v4")
    "INSERT INTO answer_v4(response, question, pos, kind, value)"
    "  SELECT response, question, rowid, kind, value FROM answer ORDER BY rowid;"
    "DROP TABLE answer;"
    "ALTER TABLE answer_v4 RENAME TO answer;";

static const char *const council_upgrades[] = {upgrade_1, upgrade_2, upgrade_3};

/* The same tables on PostgreSQL as version 4 had them, made once in a new database, which is
 * then upgraded like an old one (sql_pg.c keeps the version in chorus_schema), so a new
 * database and an upgraded one are the same by construction. Every text is COLLATE "C", so text is ordered bytewise as SQLite orders it
 * and a report sorts the same on both; integers are BIGINT, bytes BYTEA. Row numbers (ref,
 * run, and the rowid of the tables SQLite orders by insertion) are identity columns. What the
 * shared SQL uses that PostgreSQL lacks is defined here: instr() and group_concat(). */
#define T "TEXT COLLATE \"C\""
static const char pg_schema[] =
    "CREATE TABLE kiosk("
    "  name " T " PRIMARY KEY,"
    "  public_key BYTEA NOT NULL UNIQUE CHECK (length(public_key) = 32),"
    "  key_id " T " NOT NULL,"
    "  enrolled_on " T " NOT NULL,"
    "  revoked_on " T ","
    "  revoked_from BIGINT);"
    "CREATE TABLE response("
    "  ref BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  id BYTEA NOT NULL CHECK (length(id) = 16),"
    "  kiosk " T " NOT NULL REFERENCES kiosk(name),"
    "  seq BIGINT NOT NULL,"
    "  form_id " T " NOT NULL,"
    "  form_version " T " NOT NULL,"
    "  day " T " NOT NULL,"
    "  session " T " NOT NULL,"
    "  lang " T " NOT NULL,"
    "  flags BIGINT NOT NULL,"
    "  digest BYTEA NOT NULL,"
    "  imported_on " T " NOT NULL,"
    "  aside " T ","
    "  UNIQUE (id, kiosk));"
    "CREATE TABLE answer("
    "  response BIGINT NOT NULL REFERENCES response(ref),"
    "  question " T " NOT NULL,"
    "  pos BIGINT NOT NULL,"
    "  kind BIGINT NOT NULL,"
    "  value " T " NOT NULL,"
    "  PRIMARY KEY (response, question, pos));"
    "CREATE TABLE quarantine("
    "  id BYTEA NOT NULL,"
    "  kiosk " T " NOT NULL,"
    "  digest BYTEA NOT NULL,"
    "  reason " T " NOT NULL,"
    "  sealed BYTEA,"
    "  bundle " T " NOT NULL,"
    "  seq BIGINT NOT NULL,"
    "  noted_on " T " NOT NULL,"
    "  PRIMARY KEY (kiosk, id, digest));"
    "CREATE TABLE bundle("
    "  kiosk " T " NOT NULL REFERENCES kiosk(name),"
    "  seq BIGINT NOT NULL,"
    "  digest BYTEA NOT NULL,"
    "  file " T " NOT NULL,"
    "  records BIGINT NOT NULL,"
    "  imported_on " T " NOT NULL,"
    "  PRIMARY KEY (kiosk, seq, digest));"
    "CREATE VIEW " COUNCIL_COUNTED " AS SELECT * FROM response WHERE aside IS NULL;"
    "CREATE INDEX response_counted_form_day ON response(form_id, day) WHERE aside IS NULL;"
    "CREATE INDEX response_kiosk ON response(kiosk);"
    "CREATE TABLE help_request("
    "  rowid BIGINT GENERATED ALWAYS AS IDENTITY,"
    "  kiosk " T " NOT NULL,"
    "  id BYTEA NOT NULL CHECK (length(id) = 16),"
    "  request BYTEA NOT NULL CHECK (length(request) = 16),"
    "  form_id " T " NOT NULL,"
    "  day " T " NOT NULL,"
    "  flags BIGINT NOT NULL,"
    "  contact " T " NOT NULL,"
    "  imported_on " T " NOT NULL,"
    "  PRIMARY KEY (kiosk, id));"
    "CREATE TABLE publication("
    "  run BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  period " T " NOT NULL,"
    "  made_on " T " NOT NULL,"
    "  last_ref BIGINT NOT NULL);"
    "CREATE TABLE published_figure("
    "  rowid BIGINT GENERATED ALWAYS AS IDENTITY,"
    "  run BIGINT NOT NULL REFERENCES publication(run),"
    "  tbl " T " NOT NULL,"
    "  series " T " NOT NULL,"
    "  first_day " T " NOT NULL,"
    "  last_day " T " NOT NULL,"
    "  value BIGINT NOT NULL,"
    "  shown BIGINT NOT NULL,"
    "  PRIMARY KEY (run, series, first_day, last_day));"
    /* SQLite's instr(haystack, needle) and group_concat(value[, separator]): NULLs skipped,
     * the values joined in the order the rows come. */
    "CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE"
    "  AS 'SELECT strpos($1, $2)';"
    "CREATE FUNCTION chorus_concat(acc text, v text, sep text) RETURNS text LANGUAGE sql"
    "  IMMUTABLE AS 'SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v"
    "  ELSE acc || sep || v END';"
    "CREATE FUNCTION chorus_concat1(acc text, v text) RETURNS text LANGUAGE sql"
    "  IMMUTABLE AS 'SELECT chorus_concat(acc, v, '','')';"
    "CREATE AGGREGATE group_concat(text, text) (sfunc = chorus_concat, stype = text);"
    "CREATE AGGREGATE group_concat(text) (sfunc = chorus_concat1, stype = text);"
    WITHDRAW_TABLES("BYTEA");
#undef T

/* answer.response names a stored response (its ref), as a foreign key would say; but a
 * foreign key is checked a row at a time, by a query of its own for each answer, which was
 * half of the server's work in an import. These triggers check the same once a statement,
 * over all the rows it inserted, updated or deleted (its transition table): an answer whose
 * response is not there, or a response taken away (or renumbered) while answers still name
 * it, fails the statement with foreign_key_violation, as the key would. Each looks its rows'
 * responses up by the primary key (hash and merge joins off: a transition table has no
 * statistics, and the planner would otherwise scan every response for a few). Writers take turns
 * (sql.h), so no other transaction can take a response away between the check and the
 * commit. Version 5 of PostgreSQL's schema puts them in the key's place; nothing else
 * changes. */
static const char pg_upgrade_4[] =
    "ALTER TABLE answer DROP CONSTRAINT answer_response_fkey;"
    "CREATE FUNCTION chorus_answer_refs() RETURNS trigger LANGUAGE plpgsql"
    "  SET enable_hashjoin = off SET enable_mergejoin = off AS $$ BEGIN"
    "  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT response FROM chorus_rows) n WHERE NOT EXISTS"
    "      (SELECT 1 FROM response r WHERE r.ref = n.response)) THEN"
    "    RAISE foreign_key_violation USING MESSAGE ="
    "      'an answer names no stored response (answer.response references response.ref)';"
    "  END IF; RETURN NULL; END $$;"
    "CREATE TRIGGER answer_refs_insert AFTER INSERT ON answer"
    "  REFERENCING NEW TABLE AS chorus_rows FOR EACH STATEMENT"
    "  EXECUTE FUNCTION chorus_answer_refs();"
    "CREATE TRIGGER answer_refs_update AFTER UPDATE ON answer"
    "  REFERENCING NEW TABLE AS chorus_rows FOR EACH STATEMENT"
    "  EXECUTE FUNCTION chorus_answer_refs();"
    "CREATE FUNCTION chorus_response_refs() RETURNS trigger LANGUAGE plpgsql"
    "  SET enable_hashjoin = off SET enable_mergejoin = off AS $$ BEGIN"
    "  IF EXISTS (SELECT 1 FROM chorus_gone o WHERE"
    "      NOT EXISTS (SELECT 1 FROM response r WHERE r.ref = o.ref)"
    "      AND EXISTS (SELECT 1 FROM answer a WHERE a.response = o.ref)) THEN"
    "    RAISE foreign_key_violation USING MESSAGE ="
    "      'a response taken away still has answers (answer.response references it)';"
    "  END IF; RETURN NULL; END $$;"
    "CREATE TRIGGER response_refs_delete AFTER DELETE ON response"
    "  REFERENCING OLD TABLE AS chorus_gone FOR EACH STATEMENT"
    "  EXECUTE FUNCTION chorus_response_refs();"
    "CREATE TRIGGER response_refs_update AFTER UPDATE ON response"
    "  REFERENCING OLD TABLE AS chorus_gone FOR EACH STATEMENT"
    "  EXECUTE FUNCTION chorus_response_refs();";

static const char *const council_pg_upgrades[] = {pg_upgrade_4};

/* An older council database is upgraded only by `chorus-sync migrate`, which backs it up
 * first: a council's IT department decides when its data changes shape, and keeps the copy,
 * rather than whichever command (a report, a server starting) happens to open it first. */
static const SqlSchema council_schema = {.what = "council database",
                                         .sqlite_schema = schema,
                                         .pg_schema = pg_schema,
                                         .version = COUNCIL_SCHEMA_VERSION,
                                         .busy_ms = 10000,
                                         .sqlite_upgrades = council_upgrades,
                                         .migrate_command = "chorus-sync migrate --db",
                                         .pg_version = COUNCIL_PG_VERSION,
                                         .pg_oldest = COUNCIL_PG_OLDEST,
                                         .pg_upgrades = council_pg_upgrades};

int council_migrate(const char *path, int busy_ms, DbMigration *m, char *err)
{
    memset(m, 0, sizeof *m);
    if (sql_is_uri(path)) {
        /* Opened with no migrate command, an older PostgreSQL database is upgraded as it is
         * opened, every step and the new version in one transaction (PostgreSQL's DDL is
         * transactional); a newer one is refused, naming both. The backup is the council's
         * own pg_dump (README), not a file beside it. */
        SqlSchema ps = council_schema;
        ps.busy_ms = busy_ms;
        ps.migrate_command = NULL;
        Sql *db = sql_open_busy(path, &ps, &m->busy, err);
        if (!db)
            return -1;
        m->from = sql_found_version(db);
        m->to = COUNCIL_PG_VERSION;
        sql_close(db);
        return 0;
    }
    DbSchema s = {council_schema.what, council_schema.sqlite_schema, council_schema.version,
                  busy_ms, council_schema.sqlite_upgrades, council_schema.migrate_command};
    return db_migrate(path, &s, m, err);
}

Council *council_open(const char *path, char *err)
{
    Council *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        return NULL;
    }
    c->db = sql_open(path, &council_schema, err);
    if (!c->db) {
        free(c);
        return NULL;
    }
    return c;
}

Council *council_open_existing(const char *path, char *err)
{
    /* A PostgreSQL database is made by createdb, never by a mistyped URI. */
    if (!sql_is_uri(path) && !file_exists(path)) {
        snprintf(err, ERR_LEN, "%s: no council database here (enrol a kiosk first, or give --db)",
                 path);
        return NULL;
    }
    return council_open(path, err);
}

Council *council_open_reader(const char *path, char *err)
{
    Council *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        return NULL;
    }
    c->db = sql_open_reader(path, 5000, err);
    if (!c->db) {
        free(c);
        return NULL;
    }
    return c;
}

void council_close(Council *c)
{
    if (!c)
        return;
    sql_close(c->db);
    free(c);
}

Sql *council_db(Council *c) { return c->db; }

/* A name a person can read back: valid UTF-8 without control characters. */
static int utf8_name_ok(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return 0;
    return utf8_valid(s, strlen(s));
}

static void today(char day[11])
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(day, 11, "%Y-%m-%d", &tm);
}

int council_enrol(Council *c, const char *name, const uint8_t pk[32], char *err)
{
    size_t n = strlen(name);
    if (n == 0 || n > KIOSK_NAME_MAX || !utf8_name_ok(name)) {
        snprintf(err, ERR_LEN, "'%s' is not a kiosk name (1 to %d characters, no control "
                               "characters)",
                 name, KIOSK_NAME_MAX);
        return -1;
    }
    uint8_t id[KEY_ID_LEN];
    char hex[2 * KEY_ID_LEN + 1], day[11];
    keyfile_key_id(pk, id);
    sodium_bin2hex(hex, sizeof hex, id, sizeof id);
    today(day);
    SqlStmt *s = NULL;
    int rc = -1;
    if (sql_prepare(c->db, "INSERT INTO kiosk(name, public_key, key_id, enrolled_on) "
                           "VALUES (?, ?, ?, ?)", &s) != 0) {
        snprintf(err, ERR_LEN, "enrol: %s", sql_errmsg(c->db));
        goto done;
    }
    sql_bind_text(s, 1, name);
    sql_bind_blob(s, 2, pk, 32);
    sql_bind_text(s, 3, hex);
    sql_bind_text(s, 4, day);
    int step = sql_step(s);
    if (step == SQL_ERROR && sql_constraint(c->db))
        snprintf(err, ERR_LEN, "a kiosk called '%s' or with key %s is already enrolled", name,
                 hex);
    else if (step != SQL_DONE)
        snprintf(err, ERR_LEN, "enrol: %s", sql_errmsg(c->db));
    else
        rc = 0;
done:
    sql_finalize(s);
    return rc;
}

int council_busy(Council *c) { return sql_busy(c->db); }

/* Recounting the responses whose ids are chosen by the last clause (?1 binds it): first each
 * one is set aside when its bundle is at or after its kiosk's revocation, and counted otherwise;
 * then of the counted ones with the same id and content, all but the first stored are copies. */
#define RECOUNT_REVOKED                                                                        \
    "UPDATE response SET aside = CASE WHEN seq >= coalesce((SELECT revoked_from FROM kiosk k" \
    " WHERE k.name = response.kiosk), seq + 1) THEN '" COUNCIL_ASIDE_REVOKED "' END WHERE id"
#define RECOUNT_COPIES                                                                         \
    "UPDATE response SET aside = '" COUNCIL_ASIDE_COPY "' WHERE aside IS NULL AND EXISTS"    \
    " (SELECT 1 FROM response o WHERE o.id = response.id AND o.digest = response.digest"       \
    " AND o.ref < response.ref AND o.aside IS DISTINCT FROM '" COUNCIL_ASIDE_REVOKED "')"    \
    " AND id"
#define OF_KIOSK " IN (SELECT id FROM response WHERE kiosk = ?1)"
#define OF_ID " = ?1"

/* Runs the two recounting statements with the ids chosen by `which` (OF_KIOSK, OF_ID), binding
 * kiosk (text) or id (blob) to ?1. */
static int recount(Council *c, const char *revoked_sql, const char *copies_sql, const char *kiosk,
                   const uint8_t *id, char *err)
{
    const char *sql[2] = {revoked_sql, copies_sql};
    for (int i = 0; i < 2; i++) {
        SqlStmt *s = NULL;
        if (sql_prepare(c->db, sql[i], &s) != 0) {
            snprintf(err, ERR_LEN, "recount: %s", sql_errmsg(c->db));
            return -1;
        }
        if (kiosk)
            sql_bind_text(s, 1, kiosk);
        else
            sql_bind_blob(s, 1, id, RESPONSE_ID_LEN);
        int step = sql_step(s);
        if (step != SQL_DONE)
            snprintf(err, ERR_LEN, "recount: %s", sql_errmsg(c->db));
        sql_finalize(s);
        if (step != SQL_DONE)
            return -1;
    }
    return 0;
}

int council_recount_id(Council *c, const uint8_t id[16], char *err)
{
    return recount(c, RECOUNT_REVOKED OF_ID, RECOUNT_COPIES OF_ID, NULL, id, err);
}

/* The first column of one row of sql (?1 bound to text) as an integer into *out. */
static int one_int(Council *c, const char *sql, const char *text, int64_t *out, char *err)
{
    SqlStmt *s = NULL;
    int rc = -1;
    if (sql_prepare(c->db, sql, &s) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", sql, sql_errmsg(c->db));
        goto done;
    }
    sql_bind_text(s, 1, text);
    if (sql_step(s) != SQL_ROW) {
        snprintf(err, ERR_LEN, "%s: %s", sql, sql_errmsg(c->db));
        goto done;
    }
    *out = sql_column_int64(s, 0);
    rc = 0;
done:
    sql_finalize(s);
    return rc;
}

int council_revoke(Council *c, const char *name, int64_t from, int64_t *from_used,
                   long *set_aside, char *err)
{
    char day[11];
    today(day);
    SqlStmt *s = NULL;
    int rc = -1, begun = 0;
    int64_t known = 0, aside = 0;
    if (sql_begin(c->db, SQL_WRITE) != 0) {
        snprintf(err, ERR_LEN, "revoke: %s", sql_errmsg(c->db));
        goto done;
    }
    begun = 1;
    if (one_int(c, "SELECT count(*) FROM kiosk WHERE name = ?1", name, &known, err) != 0)
        goto done;
    if (!known) {
        snprintf(err, ERR_LEN, "no kiosk called '%s' is enrolled", name);
        goto done;
    }
    if (from < 0 && one_int(c, "SELECT coalesce(max(seq), 0) + 1 FROM bundle WHERE kiosk = ?1",
                            name, &from, err) != 0)
        goto done;
    if (sql_prepare(c->db, "UPDATE kiosk SET revoked_on = coalesce(revoked_on, ?1),"
                           " revoked_from = ?2 WHERE name = ?3", &s) != 0) {
        snprintf(err, ERR_LEN, "revoke: %s", sql_errmsg(c->db));
        goto done;
    }
    sql_bind_text(s, 1, day);
    sql_bind_int64(s, 2, from);
    sql_bind_text(s, 3, name);
    if (sql_step(s) != SQL_DONE) {
        snprintf(err, ERR_LEN, "revoke: %s", sql_errmsg(c->db));
        goto done;
    }
    if (recount(c, RECOUNT_REVOKED OF_KIOSK, RECOUNT_COPIES OF_KIOSK, name, NULL, err) != 0 ||
        one_int(c, "SELECT count(*) FROM response WHERE kiosk = ?1 AND aside = '"
                   COUNCIL_ASIDE_REVOKED "'",
                name, &aside, err) != 0)
        goto done;
    if (sql_commit(c->db) != 0) {
        snprintf(err, ERR_LEN, "revoke: %s", sql_errmsg(c->db));
        goto done;
    }
    begun = 0;
    *from_used = from;
    *set_aside = (long)aside;
    rc = 0;
done:
    sql_finalize(s);
    if (begun)
        sql_rollback(c->db);
    return rc;
}

int council_kiosk_for_key(Council *c, const uint8_t pk[32], char *name, int64_t *revoked_from,
                          char *err)
{
    SqlStmt *s = NULL;
    int rc = -1;
    if (sql_prepare(c->db, "SELECT name, CASE WHEN revoked_on IS NULL THEN -1 ELSE"
                                  " coalesce(revoked_from, 0) END FROM kiosk WHERE public_key = ?", &s) != 0) {
        snprintf(err, ERR_LEN, "look up kiosk: %s", sql_errmsg(c->db));
        goto done;
    }
    sql_bind_blob(s, 1, pk, 32);
    int step = sql_step(s);
    if (step == SQL_DONE) {
        rc = 0;
    } else if (step == SQL_ROW) {
        snprintf(name, KIOSK_NAME_MAX + 1, "%s", sql_column_text(s, 0));
        *revoked_from = sql_column_int64(s, 1);
        rc = 1;
    } else {
        snprintf(err, ERR_LEN, "look up kiosk: %s", sql_errmsg(c->db));
    }
done:
    sql_finalize(s);
    return rc;
}
