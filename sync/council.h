/* council.h: the council's database (SQLite, default var/council.db).
 *
 * Schema (user_version 4; a version 1, 2 or 3 database is upgraded in place by council_migrate,
 * `chorus-sync migrate`, after a backup; every other open refuses it and says so). On
 * PostgreSQL (a URI for --db) the same tables, at PostgreSQL's own schema version 5
 * (chorus_schema): there, answer.response is checked by statement-level triggers rather than
 * a foreign key (council.c, pg_upgrade_4), and a version 4 database is upgraded by
 * `chorus-sync migrate` likewise:
 *
 *   kiosk(name TEXT PRIMARY KEY, public_key BLOB NOT NULL UNIQUE, key_id TEXT NOT NULL,
 *         enrolled_on TEXT NOT NULL, revoked_on TEXT,           -- NULL: not revoked
 *         revoked_from INTEGER)   -- its bundles of this sequence and later are set aside
 *   response(ref INTEGER PRIMARY KEY,
 *            id BLOB NOT NULL CHECK (length(id) = 16),
 *            kiosk TEXT NOT NULL, seq INTEGER NOT NULL,         -- the earliest bundle it came in
 *                                                               -- (0: a version 1 bundle)
 *            form_id TEXT NOT NULL, form_version TEXT NOT NULL,
 *            day TEXT NOT NULL,                                 -- 'YYYY-MM-DD', no time
 *            session TEXT NOT NULL, lang TEXT NOT NULL,
 *            flags INTEGER NOT NULL,                            -- RESPONSE_FLAG_*
 *            digest BLOB NOT NULL,                              -- BLAKE2b-256 of the plaintext
 *            imported_on TEXT NOT NULL,
 *            aside TEXT,              -- NULL: counted; else COUNCIL_ASIDE_*: kept, not counted
 *            UNIQUE (id, kiosk))      -- ids are a kiosk's own: no kiosk can take another's
 *   answer(response INTEGER NOT NULL REFERENCES response(ref), question TEXT NOT NULL,
 *          pos INTEGER NOT NULL,  -- orders a response's answers as given (version 4)
 *          kind INTEGER NOT NULL,                               -- AnswerKind
 *          value TEXT NOT NULL,   -- a choice name (one row per chosen choice), the text, the
 *                                 -- integer in decimal, '' when declined
 *          PRIMARY KEY (response, question, pos)) WITHOUT ROWID   -- (version 4)
 *   quarantine(id BLOB NOT NULL, kiosk TEXT NOT NULL,
 *              digest BLOB NOT NULL,  -- of the plaintext, or of the sealed bytes if it won't open
 *              reason TEXT NOT NULL, sealed BLOB, bundle TEXT NOT NULL, seq INTEGER NOT NULL,
 *              noted_on TEXT NOT NULL, PRIMARY KEY (kiosk, id, digest))
 *                                 -- records kept aside: not stored as responses, not receipted
 *   bundle(kiosk TEXT NOT NULL, seq INTEGER NOT NULL, digest BLOB NOT NULL, -- of the file
 *          file TEXT NOT NULL, records INTEGER NOT NULL, imported_on TEXT NOT NULL,
 *          PRIMARY KEY (kiosk, seq, digest))   -- every bundle imported
 *   VIEW counted_response: the responses not set aside. Reports and measures read only it.
 *
 *   help_request(kiosk TEXT, id BLOB, request BLOB, form_id TEXT, day TEXT, flags INTEGER,
 *                contact TEXT, imported_on TEXT, PRIMARY KEY (kiosk, id))
 *                                 -- one row a help record (help.h); a request's records share
 *                                 -- request; never linked to a response
 *
 *   publication(run INTEGER PRIMARY KEY, period TEXT, made_on TEXT,
 *               last_ref INTEGER)     -- one row a report run (not a draft); last_ref: the
 *                                     -- newest response row it could count
 *   published_figure(run, tbl TEXT,   -- 'participation' or 'measures'
 *                    series TEXT,     -- what it counts (ledger.h), e.g. "age form band"
 *                    first_day TEXT, last_day TEXT, value INTEGER,
 *                    shown INTEGER,   -- 1 shown, 0 printed as c
 *                    PRIMARY KEY (run, series, first_day, last_day))
 *                                     -- every figure a run showed or hid (version 3)
 *
 * Indexes: response(form_id, day) of counted ones; answers need none beside their key. */
#ifndef CHORUS_COUNCIL_H
#define CHORUS_COUNCIL_H

#include "sql.h"
#include <stdint.h>

#include "db.h"

#define KIOSK_NAME_MAX 64

/* The view of the responses that count (not set aside): what every report and measure reads. */
#define COUNCIL_COUNTED "counted_response"

/* Why a response is set aside (response.aside). */
#define COUNCIL_ASIDE_REVOKED "revoked" /* from a bundle at or after its kiosk's revocation */
#define COUNCIL_ASIDE_COPY "copy" /* the same content as a counted response of another kiosk */

/* The quarantine's reason for a record whose id this kiosk already sent with other content. */
#define COUNCIL_REASON_CONFLICT "same id as a response held from this kiosk, other content"

/* The exit status of a command that found the database busy (another import, report or
 * revocation holding it): nothing changed, and the same command can be run again. EX_TEMPFAIL. */
#define COUNCIL_EXIT_BUSY 75

typedef struct Council Council;

/* Opens (creating if needed) the council database at path. NULL with err (ERR_LEN) on failure. */
Council *council_open(const char *path, char *err);

/* Opens an existing council database: a mistyped path is an error ("no council database"),
 * never a new empty database that then refuses every kiosk. NULL with err on failure. */
Council *council_open_existing(const char *path, char *err);

/* A second, read-only connection to a database this process has open already (council_open):
 * for lookups while the first one writes. NULL with err. */
Council *council_open_reader(const char *path, char *err);

/* Closes it. Accepts NULL. */
void council_close(Council *c);

/* Upgrades the council database at path to the current version, backing it up first to
 * PATH.vN.bak (db_migrate in common/db.h says how), waiting busy_ms for another program's
 * lock. Returns 0 with m filled (m->from == m->to: already current, nothing done), or -1 with
 * err (m->busy: another program held it; the file is as it was). */
int council_migrate(const char *path, int busy_ms, DbMigration *m, char *err)
    __attribute__((warn_unused_result));

/* The SQLite handle, for queries of the report. */
Sql *council_db(Council *c);

/* Registers a kiosk's public signing key under name. Returns 0, or -1 with err (the name or key
 * is already enrolled, a bad name). */
int council_enrol(Council *c, const char *name, const uint8_t pk[32], char *err)
    __attribute__((warn_unused_result));

/* Revokes the kiosk called name from its bundle number from: bundles of that sequence and
 * later are refused from now on, and the responses already imported from them are set aside
 * (kept, listed, left out of every report). from -1 means "after the last bundle imported from
 * it" (nothing imported is set aside); 0 sets aside its version 1 bundles too. Revoking again
 * moves the point. Then every response is recounted: a copy of a response set aside, sent by
 * another kiosk, counts in its place. *from_used gets the point, *set_aside how many of its
 * responses are now set aside. Returns 0, or -1 with err (no such kiosk, the database). */
int council_revoke(Council *c, const char *name, int64_t from, int64_t *from_used,
                   long *set_aside, char *err) __attribute__((warn_unused_result));

/* Looks a kiosk up by key: 1 with its name (KIOSK_NAME_MAX + 1 bytes) and *revoked_from (the
 * sequence its revocation runs from, or -1 when it is not revoked), 0 when not enrolled, -1 with
 * err. */
int council_kiosk_for_key(Council *c, const uint8_t pk[32], char *name, int64_t *revoked_from,
                          char *err);

/* Works out again which of the responses with this id count: one set aside by its kiosk's
 * revocation does not; of the others with the same content from several kiosks, the first
 * stored counts and the rest are COUNCIL_ASIDE_COPY. For import, after a response's sequence
 * was lowered (it came again in an earlier bundle). Returns 0, or -1 with err. */
int council_recount_id(Council *c, const uint8_t id[16], char *err)
    __attribute__((warn_unused_result));

/* 1 if the last statement on c failed because another connection holds the database (SQLite's
 * BUSY or LOCKED), else 0: the caller says "busy, try again" and exits COUNCIL_EXIT_BUSY. */
int council_busy(Council *c);

#endif
