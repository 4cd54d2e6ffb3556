/* db.c: db_open(), the one way both programs open their SQLite database. See db.h. */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>

#include "chorus_limits.h"

/* The first column of the one row sql answers, as text into out (cap bytes); "" if none. */
static void pragma_text(sqlite3 *db, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *st = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
        sqlite3_column_text(st, 0))
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

sqlite3 *db_open(const char *path, const DbSchema *s, char *err)
{
    sqlite3 *db = NULL;
    char *msg = NULL, answer[32];
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: cannot open: %s", path,
                 db ? sqlite3_errmsg(db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(db, s->busy_ms);
    if (sqlite3_exec(db, s->schema, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: cannot set up the %s: %s", path, s->what, msg ? msg : "?");
        sqlite3_free(msg);
        goto fail;
    }
    pragma_text(db, "PRAGMA journal_mode", answer, sizeof answer);
    if (sqlite3_stricmp(answer, "wal") != 0) {
        snprintf(err, ERR_LEN, "%s: the %s cannot use write-ahead logging here", path, s->what);
        goto fail;
    }
    pragma_text(db, "PRAGMA user_version", answer, sizeof answer);
    int version = answer[0] ? (int)strtol(answer, NULL, 10) : -1;
    if (version == 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", s->version);
        version = sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? s->version : -1;
    }
    if (version != s->version) {
        snprintf(err, ERR_LEN, "%s: %s version %d is not one this program knows (%d)", path,
                 s->what, version, s->version);
        goto fail;
    }
    return db;
fail:
    sqlite3_close(db);
    return NULL;
}
