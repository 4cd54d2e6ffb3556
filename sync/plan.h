/* plan.h: `chorus-sync plan`: the measures written into an action-plan table.
 *
 *   chorus-sync plan --in PLAN.tsv --out PLAN.tsv --period 2026-Q3 [--plan NAME]
 *                    [--db FILE] [--measures FILE] [--surveys DIR] [--draft]
 *
 * An action plan is a tab-separated table as a spreadsheet or a PDF extraction writes it (the
 * shape of ../shared/seeds): text before and between tables, header rows repeated on every
 * page, rows that carry on from the row before. A header row has a `Ref` cell, a progress cell
 * (one whose heading has "progress" in it, such as `Milestones/Progress/Impact` or `Progress to
 * date`) and a RAG cell (one with the word "RAG": `RAG Rating`, `Progress RAG`; a `Progress
 * RAG` wins over an `Impact RAG`). Under it, a row whose Ref cell is a measured ref gets:
 *
 *   progress  what was there, then "[Chorus 2026-Q3: <each measure's figure>]"; a Chorus note
 *             already in the cell is replaced, so filling again never piles notes up
 *   RAG       Green, Amber or Red: the worst of the ref's rated measures ("Yellow" for amber
 *             when the table already says Yellow); left as it was when none is rated
 *
 * and every other byte stays as it was: line ends, quoting, trailing tabs, text outside tables.
 * A file with no such header row at all is not an action plan and is refused.
 *
 * The figures are the report's (linked_measure_figures), solved with everything published
 * before; what the notes show is recorded in the ledger (ledger.h) in the same write
 * transaction, unless --draft, which records nothing and writes "[Chorus 2026-Q3 DRAFT: ...]".
 *
 * Start reading at cmd_plan(); plan_fill() is the part that touches bytes. */
#ifndef CHORUS_PLAN_H
#define CHORUS_PLAN_H

#include <stddef.h>

#include "figure.h"
#include "options.h"

#define PLAN_FILE_MAX (16 * 1024 * 1024) /* bytes in one action-plan table */
#define PLAN_CELLS_MAX 4096              /* cells in one row */

typedef struct {
    const char *ref;  /* the Ref cell to fill, matched exactly after trimming spaces */
    const char *note; /* the words inside "[Chorus PERIOD: ...]"; no brackets, tabs or line ends */
    Rag rag;          /* RAG_NONE leaves the RAG cell as it is */
    int line;         /* out: the line of the row filled; 0 when the table has no such row */
} PlanFill;

/* Fills the rows of fills[0..nfills-1] in (buf, len), an action-plan table read from path.
 * Returns 0 with *out, a malloc'd copy with only those cells changed (*outlen bytes and a NUL
 * after them; caller frees), and *tables, the number of complete header rows found; or -1 with err
 * as "PATH:LINE: reason": a NUL byte or invalid UTF-8, a measured row under a header that lacks a
 * progress or RAG cell, a measured row shorter than its header, a ref on two rows, or out of
 * memory; or as "PATH: no action-plan table found (needs Ref, progress and RAG columns)" when
 * no header row has all three (a README, a strategy written as prose: *tables would be 0).
 * With no fill matching, *out is a byte-for-byte copy. */
int plan_fill(const char *path, const char *buf, size_t len, const char *period, PlanFill *fills,
              int nfills, char **out, size_t *outlen, int *tables, char *err)
    __attribute__((warn_unused_result));

/* The options of plan: the table cmd_plan() reads argv by, and its --help. */
extern const OptionTable plan_options;

/* chorus-sync plan ARGS (argv[0] is "plan"). Prints usage and returns 0 for --help. Returns
 * the exit status: 0 written, 1 failed (the output untouched), 2 bad arguments. */
int cmd_plan(int argc, char **argv);

#endif
