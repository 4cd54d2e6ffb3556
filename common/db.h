/* db.h: opening a SQLite database the way both programs need it, written once.
 *
 * The kiosk's store (kiosk/store.c) and the council database (sync/council.c) each keep their
 * own schema and pragmas in a DbSchema; db_open() does what opening either takes: open the file
 * (creating it 0600 whatever the umask, so that its -wal and -shm are 0600 too: both hold what
 * only their owner may read), wait on another connection's lock, run the schema, make sure
 * SQLite really granted write-ahead logging, and stamp a new database with the schema version or
 * refuse one of another version. Every message names the file. */
#ifndef CHORUS_DB_H
#define CHORUS_DB_H

#include <sqlite3.h>

typedef struct {
    const char *what;   /* the database in messages: "store", "council database" */
    /* Run at every open: pragmas (journal_mode=WAL among them, synchronous, ...) and
     * CREATE ... IF NOT EXISTS statements. */
    const char *schema;
    int version;        /* the PRAGMA user_version the program knows; a new database gets it */
    int busy_ms;        /* how long a statement waits for another connection's lock */
    /* upgrades[v - 1] is the SQL that takes a database of version v to v + 1, for each v from
     * 1 to version - 1 (NULL: no older version can be upgraded). */
    const char *const *upgrades;
    /* NULL: db_open upgrades an older database in place (the kiosk: an appliance nobody
     * migrates by hand). Else db_open refuses one and names this command, which upgrades it
     * by db_migrate, backup first ("chorus-sync migrate --db"; the path is added). */
    const char *migrate_command;
} DbSchema;

/* What db_migrate did: the version found and the one made; the backup written, "" if none. */
typedef struct {
    int from, to;
    char backup[4096];
    int busy; /* it failed because another connection held the database */
} DbMigration;

/* Opens path with s: created 0600 if missing; an existing database, -wal or -shm others may
 * read is made owner-only; a symbolic link or anything not a regular file there is refused. A
 * database of an older version that s->upgrades covers is first upgraded in place, all steps
 * and the new version in one transaction (so a failed or killed upgrade leaves it as it was),
 * before the schema runs. Returns the handle (the caller sqlite3_close()s it), or NULL with err
 * (ERR_LEN) naming path: it can't be opened, an upgrade or the schema fails, write-ahead logging
 * is not granted (journal_mode answers with the mode it is in: a silent fallback would lose the
 * crash-safety both programs promise), or its user_version is not s->version. */
sqlite3 *db_open(const char *path, const DbSchema *s, char *err)
    __attribute__((warn_unused_result));

/* Upgrades the existing database at path to s->version (waiting s->busy_ms for another
 * connection's lock). An older one is first copied whole by SQLite's online backup to
 * PATH.vN.bak (N its version; created 0600 here, never over anything already there, synced
 * with its folder), under the same write lock that then runs every upgrade step and the new
 * version in one transaction, so the backup is exactly what was upgraded and nothing can write
 * in between; then s->schema runs. Returns 0 with m filled (m->from == m->to: it was current,
 * nothing done, no backup), or -1 with err naming path and m->busy set when another
 * connection held it: the file is then as it was and no backup is left. A newer version than
 * s->version, a version without upgrades (0: not this program's), a missing file, or a backup
 * already there is refused before anything is written. */
int db_migrate(const char *path, const DbSchema *s, DbMigration *m, char *err)
    __attribute__((warn_unused_result));

#endif
