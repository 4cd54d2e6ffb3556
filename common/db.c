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

/* Runs the steps from version `from` to s->version and stamps it, inside the caller's
 * transaction. Returns 0, or -1 with *msg (sqlite3_free) or SQLite's message. */
static int upgrade_steps(sqlite3 *db, const DbSchema *s, int from, char **msg)
{
    char sql[64];
    for (int v = from; v < s->version; v++)
        if (sqlite3_exec(db, s->upgrades[v - 1], NULL, NULL, msg) != SQLITE_OK)
            return -1;
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", s->version);
    return sqlite3_exec(db, sql, NULL, NULL, msg) == SQLITE_OK ? 0 : -1;
}

/* Takes db from version `from` to s->version by s->upgrades, in one transaction. */
static int upgrade(sqlite3 *db, const char *path, const DbSchema *s, int from, char *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK ||
        upgrade_steps(db, s, from, &msg) != 0 ||
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
    if (old >= 1 && old < s->version && s->upgrades && s->migrate_command) {
        snprintf(err, ERR_LEN,
                 "%s: the %s is version %d, older than this program's %d; upgrade it with: %s %s "
                 "(it backs the file up first)",
                 path, s->what, old, s->version, s->migrate_command, path);
        goto fail;
    }
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
    if (version > s->version) {
        snprintf(err, ERR_LEN,
                 "%s: the %s is version %d, newer than this program knows (%d): use the program "
                 "that made it, or a newer one",
                 path, s->what, version, s->version);
        goto fail;
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

/* The user_version of db, or -1 when it cannot be read (busy: see sqlite3_errcode). */
static int user_version(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int is_busy(sqlite3 *db)
{
    int e = sqlite3_errcode(db) & 0xff;
    return e == SQLITE_BUSY || e == SQLITE_LOCKED;
}

/* Copies the database at path into the new file at backup, made 0600 exclusively, synced,
 * its folder synced. It reads through a connection of its own: SQLite will not back up from
 * the connection that holds the write lock (db_migrate's, which keeps every writer out while
 * this copies). Returns 0, or -1 with err (the file removed unless it was already there). */
static int backup_to(const char *path, const char *backup, int busy_ms, char *err)
{
    int fd = open(backup, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, DB_MODE);
    if (fd < 0) {
        if (errno == EEXIST)
            snprintf(err, ERR_LEN, "%s is already there (an earlier backup?): move it away first",
                     backup);
        else
            snprintf(err, ERR_LEN, "%s: cannot create the backup: %s", backup, strerror(errno));
        return -1;
    }
    close(fd);
    sqlite3 *src = NULL, *dst = NULL;
    sqlite3_backup *b = NULL;
    int rc = -1;
    if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) !=
        SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: cannot open it to copy: %s", path,
                 src ? sqlite3_errmsg(src) : "out of memory");
        goto done;
    }
    sqlite3_busy_timeout(src, busy_ms);
    if (sqlite3_open_v2(backup, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(dst, "PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: cannot open the backup: %s", backup,
                 dst ? sqlite3_errmsg(dst) : "out of memory");
        goto done;
    }
    b = sqlite3_backup_init(dst, "main", src, "main");
    int step = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    int fin = b ? sqlite3_backup_finish(b) : SQLITE_ERROR;
    if (step != SQLITE_DONE || fin != SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: the backup failed: %s", backup, sqlite3_errmsg(dst));
        goto done;
    }
    if (sqlite3_close(dst) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: the backup could not be closed", backup);
        dst = NULL;
        goto done;
    }
    dst = NULL;
    /* SQLite synced the file as it committed the copy; its name needs the folder synced. */
    char folder[4096];
    snprintf(folder, sizeof folder, "%s", backup);
    char *slash = strrchr(folder, '/');
    if (slash)
        *(slash == folder ? slash + 1 : slash) = '\0';
    else
        snprintf(folder, sizeof folder, ".");
    int dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || fsync(dfd) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot sync its folder: %s", backup, strerror(errno));
        if (dfd >= 0)
            close(dfd);
        goto done;
    }
    close(dfd);
    rc = 0;
done:
    sqlite3_close(dst);
    sqlite3_close(src);
    if (rc != 0)
        unlink(backup);
    return rc;
}

int db_migrate(const char *path, const DbSchema *s, DbMigration *m, char *err)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    int rc = -1, in_tx = 0;
    memset(m, 0, sizeof *m);
    m->to = s->version;
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        snprintf(err, ERR_LEN, "%s: no %s here", path, s->what);
        return -1;
    }
    if (owner_only(path, 0, err) != 0)
        return -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) !=
        SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: cannot open: %s", path,
                 db ? sqlite3_errmsg(db) : "out of memory");
        goto done;
    }
    sqlite3_busy_timeout(db, s->busy_ms);
    /* The version is read again under the write lock: another migrate may finish first. */
    for (int locked = 0; locked < 2; locked++) {
        m->from = user_version(db);
        if (m->from < 0) {
            m->busy = is_busy(db);
            snprintf(err, ERR_LEN, "%s: cannot read the %s's version: %s", path, s->what,
                     sqlite3_errmsg(db));
            goto done;
        }
        if (m->from > s->version) {
            snprintf(err, ERR_LEN,
                     "%s: the %s is version %d, newer than this program knows (%d); nothing "
                     "changed: use the program that made it, or a newer one",
                     path, s->what, m->from, s->version);
            goto done;
        }
        if (m->from == s->version) {
            rc = 0;
            goto done;
        }
        if (m->from < 1 || !s->upgrades) {
            snprintf(err, ERR_LEN, "%s: version %d is not a %s this program can upgrade", path,
                     m->from, s->what);
            goto done;
        }
        if (!locked) {
            if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
                m->busy = is_busy(db);
                snprintf(err, ERR_LEN, "%s: cannot take the %s to upgrade it: %s", path, s->what,
                         sqlite3_errmsg(db));
                goto done;
            }
            in_tx = 1;
        }
    }
    if (snprintf(m->backup, sizeof m->backup, "%s.v%d.bak", path, m->from) >=
        (int)sizeof m->backup) {
        snprintf(err, ERR_LEN, "%s: path too long", path);
        m->backup[0] = '\0';
        goto done;
    }
    if (backup_to(path, m->backup, s->busy_ms, err) != 0) {
        m->backup[0] = '\0';
        goto done;
    }
    if (upgrade_steps(db, s, m->from, &msg) != 0 ||
        sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
        m->busy = is_busy(db);
        snprintf(err, ERR_LEN, "%s: cannot upgrade the %s from version %d to %d: %s", path,
                 s->what, m->from, s->version, msg ? msg : sqlite3_errmsg(db));
        unlink(m->backup); /* nothing was upgraded: the file itself is the copy */
        m->backup[0] = '\0';
        goto done;
    }
    in_tx = 0;
    if (sqlite3_exec(db, s->schema, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: upgraded to version %d, but cannot set up the %s: %s", path,
                 s->version, s->what, msg ? msg : "?");
        goto done;
    }
    rc = 0;
done:
    sqlite3_free(msg);
    if (in_tx)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}
