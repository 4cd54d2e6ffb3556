/* copy.h: `chorus-sync copy --from A --to B`: a whole council database moved exactly, from
 * SQLite to PostgreSQL (or back, or SQLite to SQLite): every table row for row, row numbers
 * kept, checked by counts and digests before it is committed.
 *
 * The target must be new or empty (no kiosk enrolled, nothing imported or published): copying
 * into a database in use would mix two councils. The whole copy is one transaction on the
 * target, read from one snapshot of the source: a failure or a kill leaves the target empty. */
#ifndef CHORUS_COPY_H
#define CHORUS_COPY_H

#include "options.h"
#include "sql.h"

/* The option table of the command, for chorus-sync's table of commands. */
extern const OptionTable copy_options;

/* Each table's row count and a digest of its rows, in a fixed order (BLAKE2b-256 over every
 * column's type and bytes): equal on two databases exactly when they hold the same rows. */
#define COPY_TABLES 10
typedef struct {
    const char *table[COPY_TABLES];
    long long rows[COPY_TABLES];
    unsigned char digest[COPY_TABLES][32];
} CopySums;

/* Fills sums from db. Returns 0, or -1 with err. */
int copy_sums(Sql *db, CopySums *sums, char *err) __attribute__((warn_unused_result));

#endif
