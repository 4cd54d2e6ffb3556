/* migrate.h: `chorus-sync migrate`: the council database brought to the schema this program
 * knows, backed up first.
 *
 *   chorus-sync migrate [--db FILE] [--wait SECONDS]
 *
 * Every other command refuses a database of an older version and names this one; the kiosk's
 * store still upgrades itself as it opens. */
#ifndef CHORUS_MIGRATE_H
#define CHORUS_MIGRATE_H

#include "options.h"

/* The command's option table, for chorus-sync's table of commands. It returns 0 (upgraded, or
 * already current), 1 (refused: a newer version, no database, a backup already there, a failed
 * upgrade), 2 for bad arguments, COUNCIL_EXIT_BUSY when another program held the database. */
extern const OptionTable migrate_options;

#endif
