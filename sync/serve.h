/* serve.h: `chorus-sync serve`: bundles in and receipts out over HTTP(S), packs fetched
 * (the wire: common/net.h). */
#ifndef CHORUS_SERVE_H
#define CHORUS_SERVE_H

#include "options.h"

extern const OptionTable serve_options;
int cmd_serve(int argc, char **argv);

#endif
