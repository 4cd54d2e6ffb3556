/* import.h: `chorus-sync import`: bundles in, responses stored exactly once, receipts out. */
#ifndef CHORUS_IMPORT_H
#define CHORUS_IMPORT_H

#include "options.h"

/* The options of import: the table cmd_import() reads argv by, and its --help. */
extern const OptionTable import_options;

/* chorus-sync import [--db FILE] [--keys DIR] [--surveys DIR] [--receipts DIR] [--threads N]
 * BUNDLE... (argv[0] is "import"). Returns the exit status: 0 when every bundle was imported,
 * 1 when any was refused, 2 for bad arguments (0 after --help). */
int cmd_import(int argc, char **argv);

#endif
