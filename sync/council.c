/* council.c: the council database: schema, kiosks. See council.h for the schema. */
#include "council.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chorus_limits.h"
#include "db.h"
#include "fileio.h"
#include "keyfile.h"
#include "response.h"

#define COUNCIL_SCHEMA_VERSION 1

struct Council {
    sqlite3 *db;
};

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
    "  revoked_on TEXT);"
    "CREATE TABLE IF NOT EXISTS response("
    "  id BLOB PRIMARY KEY CHECK (length(id) = 16),"
    "  kiosk TEXT NOT NULL REFERENCES kiosk(name),"
    "  form_id TEXT NOT NULL,"
    "  form_version TEXT NOT NULL,"
    "  day TEXT NOT NULL,"
    "  session TEXT NOT NULL,"
    "  lang TEXT NOT NULL,"
    "  flags INTEGER NOT NULL,"
    "  digest BLOB NOT NULL,"
    "  imported_on TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS answer("
    "  response BLOB NOT NULL REFERENCES response(id),"
    "  question TEXT NOT NULL,"
    "  kind INTEGER NOT NULL,"
    "  value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS quarantine("
    "  id BLOB NOT NULL,"
    "  kiosk TEXT NOT NULL,"
    "  digest BLOB NOT NULL,"
    "  bundle TEXT NOT NULL,"
    "  noted_on TEXT NOT NULL,"
    "  PRIMARY KEY (id, digest));"
    /* A measure counts, for each response of a form in a period, its answer to one question:
     * this index answers that from the index alone. It replaces answer(response), its prefix,
     * and answer(question, value), which no query used and every answer paid for at import
     * (both dropped when an older database is first opened). */
    "DROP INDEX IF EXISTS answer_response;"
    "DROP INDEX IF EXISTS answer_question;"
    "CREATE INDEX IF NOT EXISTS answer_response_question ON answer(response, question, kind, value);"
    "CREATE INDEX IF NOT EXISTS response_form_day ON response(form_id, day);";

static const DbSchema council_schema = {"council database", schema, COUNCIL_SCHEMA_VERSION,
                                        10000};

Council *council_open(const char *path, char *err)
{
    Council *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        return NULL;
    }
    c->db = db_open(path, &council_schema, err);
    if (!c->db) {
        free(c);
        return NULL;
    }
    return c;
}

Council *council_open_existing(const char *path, char *err)
{
    if (!file_exists(path)) {
        snprintf(err, ERR_LEN, "%s: no council database here (enrol a kiosk first, or give --db)",
                 path);
        return NULL;
    }
    return council_open(path, err);
}

void council_close(Council *c)
{
    if (!c)
        return;
    sqlite3_close(c->db);
    free(c);
}

sqlite3 *council_db(Council *c) { return c->db; }

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
    sqlite3_stmt *s = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(c->db,
                           "INSERT INTO kiosk(name, public_key, key_id, enrolled_on) "
                           "VALUES (?, ?, ?, ?)",
                           -1, &s, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "enrol: %s", sqlite3_errmsg(c->db));
        goto done;
    }
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, pk, 32, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, day, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step == SQLITE_CONSTRAINT)
        snprintf(err, ERR_LEN, "a kiosk called '%s' or with key %s is already enrolled", name,
                 hex);
    else if (step != SQLITE_DONE)
        snprintf(err, ERR_LEN, "enrol: %s", sqlite3_errmsg(c->db));
    else
        rc = 0;
done:
    sqlite3_finalize(s);
    return rc;
}

int council_revoke(Council *c, const char *name, char *err)
{
    char day[11];
    today(day);
    sqlite3_stmt *s = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(c->db,
                           "UPDATE kiosk SET revoked_on = coalesce(revoked_on, ?) WHERE name = ?",
                           -1, &s, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "revoke: %s", sqlite3_errmsg(c->db));
        goto done;
    }
    sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
        snprintf(err, ERR_LEN, "revoke: %s", sqlite3_errmsg(c->db));
        goto done;
    }
    if (sqlite3_changes(c->db) == 0) {
        snprintf(err, ERR_LEN, "no kiosk called '%s' is enrolled", name);
        goto done;
    }
    rc = 0;
done:
    sqlite3_finalize(s);
    return rc;
}

int council_kiosk_for_key(Council *c, const uint8_t pk[32], char *name, int *revoked, char *err)
{
    sqlite3_stmt *s = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(c->db, "SELECT name, revoked_on IS NOT NULL FROM kiosk WHERE "
                                  "public_key = ?",
                           -1, &s, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "look up kiosk: %s", sqlite3_errmsg(c->db));
        goto done;
    }
    sqlite3_bind_blob(s, 1, pk, 32, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step == SQLITE_DONE) {
        rc = 0;
    } else if (step == SQLITE_ROW) {
        snprintf(name, KIOSK_NAME_MAX + 1, "%s", (const char *)sqlite3_column_text(s, 0));
        *revoked = sqlite3_column_int(s, 1);
        rc = 1;
    } else {
        snprintf(err, ERR_LEN, "look up kiosk: %s", sqlite3_errmsg(c->db));
    }
done:
    sqlite3_finalize(s);
    return rc;
}
