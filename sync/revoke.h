/* revoke.h: a lost or stolen kiosk at the council: revoking it from a point in its history,
 * and seeing what the council holds from it and what it keeps aside.
 *
 *   chorus-sync revoke NAME [--from SEQ]   refuse its bundles from number SEQ on, and set aside
 *                                          the responses already imported from them
 *   chorus-sync bundles NAME [--aside]     every bundle imported from it, and its responses:
 *                                          counted, set aside, copies
 *   chorus-sync quarantine [--kiosk NAME]  the records kept aside at import, with the reason
 *
 * The rules (which responses count) live in sync/council.c; these are the commands. */
#ifndef CHORUS_REVOKE_H
#define CHORUS_REVOKE_H

#include "options.h"

/* The option tables of the three commands, for chorus-sync's table of commands. Each command
 * returns its exit status: 0, 1 on an error, 2 for bad arguments, COUNCIL_EXIT_BUSY when the
 * database was busy. */
extern const OptionTable revoke_options;
extern const OptionTable bundles_options;
extern const OptionTable quarantine_options;

#endif
