/* help_requests.h: requests for help at the council: stored by import, listed by
 * `chorus-sync help-requests`. */
#ifndef CHORUS_HELP_REQUESTS_H
#define CHORUS_HELP_REQUESTS_H

#include "sql.h"

#include "help.h"
#include "options.h"

/* Stores help record h from kiosk (imported on day, 'YYYY-MM-DD') in db, inside the caller's
 * transaction, once per kiosk and record id. Returns 1 when new, 0 when already held, -1 with
 * err. */
int help_requests_store(Sql *db, const char *kiosk, const HelpRecord *h, const char *day,
                        char *err) __attribute__((warn_unused_result));

/* The options of help-requests, and the command: every request, newest first. */
extern const OptionTable help_requests_options;
int cmd_help_requests(int argc, char **argv);

#endif
