/* series.h: a series of publications: every figure earlier reports published (the ledger,
 * ledger.h) joined to the system of a new one (linked.h), on one grid of months and batches of
 * responses, so that no difference of published figures (a year less its quarters, a re-run
 * less the first run) gives away a figure of 1 to 9 young people. series.c's opening comment
 * says how. */
#ifndef CHORUS_SERIES_H
#define CHORUS_SERIES_H

#include "inputs.h"
#include "ledger.h"
#include "linked.h"

/* Adds the figures of figs (loaded with ledger_load), the atoms they and l's named figures are
 * sums of, and every sum among them, to l. Returns 0, or -1 with err (ERR_LEN): out of
 * memory, the database, or a count that changed while the publication was made. */
int series_link(Linked *l, const Inputs *in, const LedgerFigures *figs, char *err)
    __attribute__((warn_unused_result));

#endif
