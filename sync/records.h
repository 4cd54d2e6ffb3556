/* records.h: `chorus-sync records`: the analyst tier, record-level answers of one period.
 *
 *   chorus-sync records --period 2026-Q3 --out FILE.xlsx|FILE.csv [--db FILE] [--surveys DIR]
 *                       [--free-text] [--force]
 *
 * One row a response, one column a question, nothing suppressed: for people with a
 * data-sharing agreement with the council, never for a committee (`report` is the committee's
 * tier). What is in it:
 *   - the responses counted in the period (COUNCIL_COUNTED: none set aside after a kiosk's
 *     revocation, no copy of another's; quarantined records are not responses), each survey
 *     on its own sheet (.xlsx) or in its own file (.csv: FILE-FORMID.csv), rows by day;
 *   - columns: response (its id, as in the workers' safety.csv and free-text.csv), day,
 *     form_version, language, session, then the survey's questions in order (notes left out):
 *     a select_one is one column holding the choice's name; a select_multiple is a column a
 *     choice, "question/choice", 1 chosen and 0 not; an integer is a number; a text question
 *     only with --free-text. "(declined)" is "I'd rather not say"; empty is not asked.
 *     Questions or choices found in the answers but not in the survey file (an older version)
 *     get columns of their own after the rest, so no answer is dropped;
 *   - a codebook (a sheet, or FILE-codebook.csv) with every column's question and choice
 *     labels; in .xlsx a notes sheet first. Every sheet's first row (every CSV's first line)
 *     says it is record-level data for people with a data-sharing agreement.
 * What is not: help requests, kiosk names, safety flags (the workers' files of `report`).
 *
 * Every file is written 0600, created exclusively and never through a link (sync/sheet.h);
 * one already there is refused unless --force. A folder that holds a committee report
 * (report.html beside measures.csv or participation.csv), or is inside one, is refused; and
 * `report` refuses a folder that holds records (records_found_in).
 *
 * Start reading at cmd_records(). */
#ifndef CHORUS_RECORDS_H
#define CHORUS_RECORDS_H

#include <stddef.h>

#include "options.h"

/* The options of records: the table cmd_records() reads argv by, and its --help. */
extern const OptionTable records_options;

/* chorus-sync records ARGS (argv[0] is "records"). Returns the exit status: 0 written,
 * 1 failed (nothing written), 2 bad arguments (a bad period among them), COUNCIL_EXIT_BUSY
 * when the database is busy. */
int cmd_records(int argc, char **argv);

/* 1 if dir or a folder holding it holds a committee report written by `report` (report.html
 * with measures.csv or participation.csv beside it), with that folder in found (n bytes);
 * else 0. dir must exist (its real path is walked up to /). */
int records_in_committee_folder(const char *dir, char *found, size_t n);

/* 1 if folder dir holds a file `records` wrote (a CSV starting with its record-level line, a
 * workbook with its title), with its path in found (n bytes); else 0 (also when dir can't be
 * listed). For `report`, which never writes a committee's files beside one. */
int records_found_in(const char *dir, char *found, size_t n);

#endif
