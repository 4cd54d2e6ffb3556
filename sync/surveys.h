/* surveys.h: the surveys a council ships, loaded from one folder: what measures are checked
 * against and reports and plans name forms by.
 *
 * Start reading at surveys_load_dir(). */
#ifndef CHORUS_SURVEYS_H
#define CHORUS_SURVEYS_H

#include "chorus_limits.h"
#include "survey.h"

typedef struct {
    int n;
    Survey *items[SURVEYS_MAX];
} SurveySet;

/* Loads every *.csv in dir (sorted by name) into set, which must be zeroed. Returns 0, or -1
 * with err (ERR_LEN) naming FILE:ROW:COLUMN of the first problem, two files with one form id,
 * or more than SURVEYS_MAX surveys; on failure set holds nothing. Free with surveys_free. */
int surveys_load_dir(SurveySet *set, const char *dir, char *err)
    __attribute__((warn_unused_result));

/* Frees every survey of set and zeroes it. Accepts NULL. */
void surveys_free(SurveySet *set);

/* The survey whose form id is form_id, or NULL. */
const Survey *surveys_find(const SurveySet *set, const char *form_id);

#endif
