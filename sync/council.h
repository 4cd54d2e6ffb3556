/* council.h: the council's database (SQLite, default var/council.db).
 *
 * Schema (user_version 1):
 *
 *   kiosk(name TEXT PRIMARY KEY, public_key BLOB NOT NULL UNIQUE, key_id TEXT NOT NULL,
 *         enrolled_on TEXT NOT NULL, revoked_on TEXT)            -- NULL: not revoked
 *   response(id BLOB PRIMARY KEY CHECK (length(id) = 16),
 *            kiosk TEXT NOT NULL, form_id TEXT NOT NULL, form_version TEXT NOT NULL,
 *            day TEXT NOT NULL,                                 -- 'YYYY-MM-DD', no time
 *            session TEXT NOT NULL, lang TEXT NOT NULL,
 *            flags INTEGER NOT NULL,                            -- RESPONSE_FLAG_*
 *            digest BLOB NOT NULL,                              -- BLAKE2b-256 of the plaintext
 *            imported_on TEXT NOT NULL)
 *   answer(response BLOB NOT NULL REFERENCES response(id), question TEXT NOT NULL,
 *          kind INTEGER NOT NULL,                               -- AnswerKind
 *          value TEXT NOT NULL)   -- a choice name (one row per chosen choice), the text, the
 *                                 -- integer in decimal, '' when declined
 *   quarantine(id BLOB NOT NULL, kiosk TEXT NOT NULL, digest BLOB NOT NULL, bundle TEXT NOT NULL,
 *              noted_on TEXT NOT NULL, PRIMARY KEY (id, digest))
 *                                 -- same id as a held response, different content
 *
 * Indexes: answer(question, value), answer(response), response(form_id, day). */
#ifndef CHORUS_COUNCIL_H
#define CHORUS_COUNCIL_H

#include <sqlite3.h>
#include <stdint.h>

#define KIOSK_NAME_MAX 64

typedef struct Council Council;

/* Opens (creating if needed) the council database at path. NULL with err (ERR_LEN) on failure. */
Council *council_open(const char *path, char *err);

/* Opens an existing council database: a mistyped path is an error ("no council database"),
 * never a new empty database that then refuses every kiosk. NULL with err on failure. */
Council *council_open_existing(const char *path, char *err);

/* Closes it. Accepts NULL. */
void council_close(Council *c);

/* The SQLite handle, for queries of the report. */
sqlite3 *council_db(Council *c);

/* Registers a kiosk's public signing key under name. Returns 0, or -1 with err (the name or key
 * is already enrolled, a bad name). */
int council_enrol(Council *c, const char *name, const uint8_t pk[32], char *err)
    __attribute__((warn_unused_result));

/* Stops accepting bundles from the kiosk called name. Returns 0, or -1 with err. */
int council_revoke(Council *c, const char *name, char *err) __attribute__((warn_unused_result));

/* Looks a kiosk up by key: 1 with its name (KIOSK_NAME_MAX + 1 bytes) and *revoked, 0 when not
 * enrolled, -1 with err. */
int council_kiosk_for_key(Council *c, const uint8_t pk[32], char *name, int *revoked, char *err);

#endif
