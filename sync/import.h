/* import.h: `chorus-sync import`: bundles in, responses stored exactly once, receipts out. */
#ifndef CHORUS_IMPORT_H
#define CHORUS_IMPORT_H

/* chorus-sync import [--db FILE] [--keys DIR] [--surveys DIR] [--receipts DIR] BUNDLE...
 * Returns the exit status: 0 when every bundle was imported, 1 when any was refused, 2 for bad
 * arguments. */
int cmd_import(int argc, char **argv);

#endif
