/* surveys.c: every survey of a folder, in one set. See surveys.h. */
#include "surveys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"

/* ---- surveys ---- */

int surveys_load_dir(SurveySet *set, const char *dir, char *err)
{
    enum { NAMES_MAX = 256 };
    char *names[NAMES_MAX];
    int rc = -1;
    static SurveyProblems probs;
    int n = survey_list(dir, names, NAMES_MAX, err); /* .csv, .xlsx, .xls: as import reads */
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        static const SurveyMedia names_only; /* answers are counted, never shown */
        Survey *s = survey_load_with(path, &names_only, &probs);
        if (!s) {
            if (probs.count > 0)
                survey_problem_format(path, &probs.items[0], err, ERR_LEN);
            else
                snprintf(err, ERR_LEN, "%s: cannot load the survey", path);
            goto done;
        }
        if (set->n == SURVEYS_MAX) {
            snprintf(err, ERR_LEN, "%s: more than %d surveys", dir, SURVEYS_MAX);
            survey_free(s);
            goto done;
        }
        if (surveys_find(set, s->form_id)) {
            snprintf(err, ERR_LEN, "%s: form id '%s' is already used by %s", path, s->form_id,
                     surveys_find(set, s->form_id)->path);
            survey_free(s);
            goto done;
        }
        set->items[set->n++] = s;
    }
    if (n == 0) {
        snprintf(err, ERR_LEN, "%s: no survey files (*.csv)", dir);
        goto done;
    }
    rc = 0;
done:
    file_list_free(names, n);
    if (rc != 0)
        surveys_free(set);
    return rc;
}

void surveys_free(SurveySet *set)
{
    if (!set)
        return;
    for (int i = 0; i < set->n; i++)
        survey_free(set->items[i]);
    memset(set, 0, sizeof *set);
}

const Survey *surveys_find(const SurveySet *set, const char *form_id)
{
    for (int i = 0; i < set->n; i++)
        if (strcmp(set->items[i]->form_id, form_id) == 0)
            return set->items[i];
    return NULL;
}
