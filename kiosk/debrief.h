/* debrief.h: a session's debrief. At the end of a One Voice or Children in Care Council session
 * the worker can show the group what they said: how many chose each answer of the session's
 * choice questions, counted in memory only while the session runs (the store stays sealed, and
 * nothing of it is ever written anywhere).
 *
 * What is shown follows the kiosk's own small-number rule (debrief_suppress): no figure of 1 to
 * 9 young people, and nothing hidden that the figures shown let anyone work out. The tallies
 * are wiped (sodium_memzero) the moment they are shown, so each showing counts only the young
 * people who sent answers since the one before (or since the session started), and two
 * showings can never be subtracted to find anyone; the lines shown are wiped when the screen
 * closes, and everything when the session ends or starts. Knows no SDL. */
#ifndef CHORUS_DEBRIEF_H
#define CHORUS_DEBRIEF_H

#include <stddef.h>

#include "response.h"
#include "survey.h"

#define DEBRIEF_MIN 10         /* a figure shown is 0 or at least this many young people */
#define DEBRIEF_SURVEYS_MAX 4  /* surveys one session's tallies keep; answers to a fifth are
                                * not counted (and the debrief says so) */
#define DEBRIEF_LINES_MAX 600  /* lines a debrief can show (a title, a question, a choice) */
#define DEBRIEF_LINE_MAX 200   /* bytes of one line */

typedef struct Debrief Debrief;

typedef enum {
    DL_NOTE,     /* a sentence for the group: how many took part, why nothing is shown */
    DL_SURVEY,   /* a survey's title and how many answered it */
    DL_QUESTION, /* a question's words */
    DL_CHOICE    /* a choice and how many chose it ("c" when hidden) */
} DebriefLineKind;

typedef struct {
    DebriefLineKind kind;
    char text[DEBRIEF_LINE_MAX]; /* DL_CHOICE: the choice's words */
    char figure[24];             /* DL_CHOICE: how many, or "c"; else "" */
} DebriefLine;

/* A new empty debrief in locked memory (sodium_malloc), or NULL when out of memory. Free with
 * debrief_free. */
Debrief *debrief_new(void);

/* Wipes and frees d; NULL is fine. */
void debrief_free(Debrief *d);

/* Forgets everything: the tallies and any lines shown (sodium_memzero). NULL is fine. */
void debrief_wipe(Debrief *d);

/* Counts one response of survey s that has just been committed: every choice of its select_one
 * and select_multiple answers. Returns 0, or -1 when the session already counts
 * DEBRIEF_SURVEYS_MAX other surveys (this one is then left out, and the debrief says so). */
int debrief_add(Debrief *d, const Survey *s, const Response *r);

/* Young people counted since the tallies were last wiped. */
long debrief_count(const Debrief *d);

/* Works out the lines to show from the tallies under the small-number rule, then wipes the
 * tallies. Returns the number of lines; read them with debrief_line until debrief_close. */
int debrief_show(Debrief *d);

/* Line i (0 .. debrief_show's count - 1) of the debrief shown, or NULL. */
const DebriefLine *debrief_line(const Debrief *d, int i);

/* The screen closed: wipes the lines shown. */
void debrief_close(Debrief *d);

/* The small-number rule for one table: n cells that add up to total (a figure the group also
 * sees). Sets hidden[i] to 1 for each cell shown as "c": every cell of 1 to 9; then, while the
 * hidden cells could be worked out (exactly one hidden, or hidden ones adding up to 1 to 9),
 * the smallest cell still shown that is not 0 is hidden too. A total under DEBRIEF_MIN hides
 * every cell (the caller shows nothing of the table). Returns the number of cells hidden. */
int debrief_suppress(const long *cells, int n, long total, int *hidden);

#endif
