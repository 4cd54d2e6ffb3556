/* db.c: db_open(), the one way both programs open their SQLite database. See db.h. */
#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chorus_limits.h"

/* Owner only: both databases hold what must not be read by others (the council's every answer
 * in plaintext; the kiosk's PIN hash and sealed records). */
#define DB_MODE 0600

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

/* Takes db from version `from` to s->version by s->upgrades, in one transaction. */
static int upgrade(sqlite3 *db, const char *path, const DbSchema *s, int from, char *err)
{
    char *msg = NULL, sql[64];
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
        goto fail;
    for (int v = from; v < s->version; v++)
        if (sqlite3_exec(db, s->upgrades[v - 1], NULL, NULL, &msg) != SQLITE_OK)
            goto fail;
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", s->version);
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
        goto fail;
    return 0;
fail:
    snprintf(err, ERR_LEN, "%s: cannot upgrade the %s from version %d to %d: %s", path, s->what,
             from, s->version, msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* Makes path (the database, or with create 0 its -wal or -shm if there) owner-only. A missing
 * database is created DB_MODE exactly, whatever the umask; SQLite then creates -wal and -shm
 * with the database's own permission bits. An existing file that others may read (made by an
 * older version) loses those bits where this user may change them. A symbolic link, FIFO or
 * folder at path is refused. Returns 0, or -1 with err naming path. */
static int owner_only(const char *path, int create, char *err)
{
    int fd = -1, created = 0;
    if (create) {
        fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, DB_MODE);
        created = fd >= 0;
    }
    if (fd < 0 && (!create || errno == EEXIST))
        fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (!create && errno == ENOENT)
            return 0;
        if (errno == ELOOP)
            snprintf(err, ERR_LEN, "%s: is a symbolic link; refusing to open it as a database",
                     path);
        else
            snprintf(err, ERR_LEN, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    int rc = 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, ERR_LEN, "%s: is not a regular file; refusing to open it as a database",
                 path);
        rc = -1;
    } else if (created && fchmod(fd, DB_MODE) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot make it readable by its owner only: %s", path,
                 strerror(errno));
        rc = -1;
    } else if (!created && (st.st_mode & 077)) {
        /* Best effort: a file of another user's keeps its mode, and SQLite reports the rest. */
        (void)fchmod(fd, st.st_mode & 0700);
    }
    close(fd); /* before SQLite opens it: closing a descriptor drops the process's locks */
    if (rc != 0 && created)
        unlink(path);
    return rc;
}

sqlite3 *db_open(const char *path, const DbSchema *s, char *err)
{
    sqlite3 *db = NULL;
    char *msg = NULL, answer[32], side[4096];
    if (owner_only(path, 1, err) != 0)
        return NULL;
    static const char *const sides[] = {"-wal", "-shm"};
    for (int i = 0; i < 2; i++) {
        if (snprintf(side, sizeof side, "%s%s", path, sides[i]) >= (int)sizeof side) {
            snprintf(err, ERR_LEN, "%s: path too long", path);
            return NULL;
        }
        if (owner_only(side, 0, err) != 0)
            return NULL;
    }
    if (sqlite3_open_v2(path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW,
                        NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: cannot open: %s", path,
                 db ? sqlite3_errmsg(db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(db, s->busy_ms);
    /* An older database is upgraded before the schema, whose statements may name what the
     * upgrade adds (a new database reads 0 here and is made by the schema). */
    pragma_text(db, "PRAGMA user_version", answer, sizeof answer);
    int old = answer[0] ? (int)strtol(answer, NULL, 10) : 0;
    if (old >= 1 && old < s->version && s->upgrades && upgrade(db, path, s, old, err) != 0)
        goto fail;
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
