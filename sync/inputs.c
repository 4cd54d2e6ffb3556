/* inputs.c: opening what report and plan read. See inputs.h. */
#include "inputs.h"

#include <stdio.h>
#include <string.h>

#include "chorus_limits.h"
#include "fileio.h"

int inputs_open(Inputs *in, const char *db, const char *surveys, const char *measures,
                const char *period, SurveyProblems *probs, char *err)
{
    memset(in, 0, sizeof *in);
    memset(probs, 0, sizeof *probs);
    if (period_parse(period, &in->period, err) != 0)
        return -1;
    period_name(&in->period, in->period_name, sizeof in->period_name);
    if (surveys_load_dir(&in->surveys, surveys, err) != 0)
        return -1;
    in->measures = measures_load(measures, &in->surveys, probs);
    if (!in->measures) {
        if (probs->count == 1 && probs->items[0].line == 0) {
            snprintf(err, ERR_LEN, "%s", probs->items[0].reason);
            probs->count = 0;
        } else {
            snprintf(err, ERR_LEN, "%s: %d problem%s", measures, probs->count,
                     probs->count == 1 ? "" : "s");
        }
        goto fail;
    }
    if (!sql_is_uri(db) && !file_exists(db)) {
        snprintf(err, ERR_LEN, "%s: no council database here (chorus-sync import makes one)", db);
        goto fail;
    }
    if (!(in->council = council_open(db, err)))
        goto fail;
    in->memo = figure_memo_new();
    figure_memo_measures(in->memo, in->measures);
    in->spans = span_cache_new();
    if (!in->memo || !in->spans) {
        snprintf(err, ERR_LEN, "out of memory");
        goto fail;
    }
    figure_memo_spans(in->memo, in->spans);
    return 0;
fail:
    inputs_close(in);
    return -1;
}

void inputs_close(Inputs *in)
{
    council_close(in->council);
    measures_free(in->measures);
    figure_memo_free(in->memo);
    span_cache_free(in->spans);
    in->spans = NULL;
    surveys_free(&in->surveys);
    in->council = NULL;
    in->measures = NULL;
    in->memo = NULL;
}
