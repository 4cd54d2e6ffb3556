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
} DbSchema;

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

#endif
