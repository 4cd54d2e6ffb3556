/* withdraw.h: taking answers back. A young person's receipt code (receipt.h) travels sealed in
 * their response; import keeps only a keyed hash of it beside the response's id, and a request
 * with the same code (a kiosk's sealed CHRW record, or `chorus-sync withdraw CODE` from a
 * worker) removes the response from the council's store, so no later report or record counts
 * it. What was already published stands: the ledger's series (series.c) treats the published
 * figure as the responses still held plus a protected figure of those gone, as for a
 * revocation, so a later report never reveals by difference who took answers back.
 *
 * All of this module's SQL is here; import.c and main.c call it. Start reading at
 * withdraw_request(). */
#ifndef CHORUS_WITHDRAW_H
#define CHORUS_WITHDRAW_H

#include "sql.h"

/* The two tables, in the council's schema (council.c) on both backends (BYTES: BLOB on
 * SQLite, BYTEA on PostgreSQL): the keyed hash of each response's code beside its id, and
 * every request to take answers back, kept so that a response arriving later is not stored. A
 * new pair of tables in version 4, made when missing: no upgrade needed. */
#define WITHDRAW_TABLES(BYTES)                                                                 \
    "CREATE TABLE IF NOT EXISTS receipt_code("                                                 \
    "  code " BYTES " PRIMARY KEY CHECK (length(code) = 32),"                                  \
    "  id " BYTES " NOT NULL CHECK (length(id) = 16));"                                        \
    "CREATE TABLE IF NOT EXISTS withdrawal("                                                   \
    "  code " BYTES " PRIMARY KEY CHECK (length(code) = 32),"                                  \
    "  how TEXT NOT NULL,"                                                                     \
    "  asked_on TEXT NOT NULL,"                                                                \
    "  done_on TEXT);"
#include <stdint.h>

#include "options.h"
#include "response.h"

typedef struct Withdrawals Withdrawals;

/* Prepares the statements on db (making the two tables when missing; inside the caller's
 * transaction if it has one), hashing codes with a key derived from the council's signing
 * secret key sign_sk (64 bytes). Returns the handle (withdraw_free), or NULL with err. */
Withdrawals *withdraw_open(Sql *db, const uint8_t *sign_sk, char *err);

/* Finalizes and wipes w; NULL is fine. */
void withdraw_free(Withdrawals *w);

/* At import, before a response with code (canonical) is stored: 1 if its code has been asked
 * back (the response is then not stored, but receipted, so the kiosk forgets it too), 0 if
 * not, -1 with err. */
int withdraw_asked(Withdrawals *w, const char *code, char *err);

/* At import, after the response with id and code is stored: keeps the code's hash beside the
 * id, in memory until withdraw_send_notes (or a withdraw_request) writes it. Returns 0, or -1
 * with err. */
int withdraw_note(Withdrawals *w, const char *code, const uint8_t id[RESPONSE_ID_LEN], char *err);

/* Writes the codes noted and not yet written, in batches, in the caller's transaction (before
 * its commit; withdraw_free drops what is left). Returns 0, or -1 with err. */
int withdraw_send_notes(Withdrawals *w, char *err);

/* A request to take back the answers with code (canonical), made by how ("kiosk NAME",
 * "worker") on day (YYYY-MM-DD): recorded, and the response holding it removed with its
 * answers (every copy of it). Returns 1 when a response was removed, 0 when none held has the
 * code (the request is kept: a response still on its way is removed as it arrives), -1 with
 * err. Runs in the caller's transaction. */
int withdraw_request(Withdrawals *w, const char *code, const char *how, const char *day,
                     char *err);

extern const OptionTable withdraw_options;

#endif
