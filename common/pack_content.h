/* pack_content.h: what a kiosk pack may carry, checked by one function on both sides.
 *
 * signed.c reads and writes a pack's frame (magic, keys, sequence, file names and kinds, the
 * signature). What is inside is checked here: every survey loads and no form id comes twice,
 * at least one survey and at most SURVEYS_MAX, and the "you said, we did" items are UTF-8 lines
 * within NEWS_ITEMS_MAX and NEWS_ITEM_MAX (chorus_limits.h), and the server's pin and URL
 * (settings files) are well formed. A kiosk runs pack_content_check()
 * on every pack before installing it; `chorus-sync pack` runs the same function on the pack it
 * has just built and signed, before writing it, so the council never sends a pack that every
 * kiosk would refuse. Knows no kiosk, store or terminal.
 *
 * Start reading at pack_content_check(). */
#ifndef CHORUS_PACK_CONTENT_H
#define CHORUS_PACK_CONTENT_H

#include <stddef.h>

#include "chorus_limits.h"
#include "signed.h"
#include "survey.h"

/* Bytes the news of one pack takes, items one a line, with a final NUL. */
#define PACK_NEWS_CAP ((size_t)NEWS_ITEMS_MAX * (NEWS_ITEM_MAX + 1) + 1)

typedef struct {
    int surveys;  /* survey files */
    int news;     /* "you said, we did" items (non-blank lines of the news files) */
    int settings; /* settings files of names kiosks do not use (carried, counted) */
    int server_pin; /* index of the settings file NET_PIN_FILE (the server's key), or -1 */
    int server_url; /* index of the settings file NET_URL_FILE (the server's URL), or -1 */
} PackContents;

/* Where a pack's contents break a rule: the file (an index into the pack's files; -1 for the
 * pack as a whole), the line and column in it (0 when the problem is not at one line), and
 * the reason, which names neither the file nor the line. */
typedef struct {
    int file;
    int line, column;
    char reason[ERR_LEN];
} PackProblem;

/* Checks every file of p: surveys (names ending in .csv, .xlsx or .xls, each in the pack once) load with
 * survey_parse_with(media; NULL as there), each form id once, at least one survey and at most
 * SURVEYS_MAX; news files are UTF-8 lines, each item (a line trimmed of spaces, tabs and CR;
 * blank lines are not items) at most NEWS_ITEM_MAX bytes, at most NEWS_ITEMS_MAX items in all;
 * the settings files NET_PIN_FILE and NET_URL_FILE (common/net.h) must hold one valid pin line
 * and one valid server URL (net_pin_valid, net_url_valid), each at most once; other settings
 * files are counted; any other kind is refused. Fills counts. When news is not NULL
 * the items are also copied into it, one a line, in pack order (cap bytes: PACK_NEWS_CAP is
 * enough), with *news_len their length. Returns 0, or -1 with the first problem in prob. */
int pack_content_check(const Pack *p, const SurveyMedia *media, char *news, size_t cap,
                       size_t *news_len, PackContents *counts, PackProblem *prob)
    __attribute__((warn_unused_result));

/* Writes "NAME:LINE:COLUMN: reason" (LINE and COLUMN only when known) into out (ERR_LEN
 * bytes), where NAME is name when not NULL, else the name in the pack of the file at fault;
 * just the reason for a problem of the whole pack. */
void pack_problem_format(const Pack *p, const PackProblem *prob, const char *name, char *out);

#endif
