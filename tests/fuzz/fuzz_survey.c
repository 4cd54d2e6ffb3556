/* fuzz_survey: a survey file as the kiosk and `chorus-sync check-survey` load it
 * (survey_parse: CSV, sheets, headers, languages, choices, questions, groups, relevant
 * expressions, settings; media files are looked up under assets/ from the working directory).
 *
 * Properties: a refused file has 1 to SURVEY_ERRORS_MAX problems, each with a reason, that
 * print; a loaded survey is the model the screens rely on: languages and pages in range, pages
 * covering the questions in order, names that find their own question and choice, select
 * questions with a list that fits their appearance, and relevant expressions that evaluate
 * against answers. */
#include "chorus_limits.h"
#include "expr.h"
#include "fuzz.h"
#include "response.h"
#include "survey.h"

const char fuzz_name[] = "survey";

/* Answers for relevant expressions: a choice of the question named (which choice depends on
 * the name, so different branches are taken), or a number for other questions. */
static const char *answer(const char *name, void *ctx)
{
    const Survey *s = ctx;
    const Question *q = survey_question_named(s, name);
    if (!q)
        return "";
    if (q->list && q->list->nchoices > 0)
        return q->list->choices[strlen(name) % (size_t)q->list->nchoices].name;
    return q->type == QT_INTEGER ? "12" : "some text";
}

static void check_texts(const Survey *s, Text t)
{
    for (int l = -1; l <= s->nlangs; l++) {
        FUZZ_ASSERT(survey_text(s, t, l) != NULL);
        int got = survey_text_lang(s, t, l);
        FUZZ_ASSERT(got >= -1 && got < s->nlangs);
    }
}

static void check_question(const Survey *s, const Question *q)
{
    FUZZ_ASSERT(q->name && strlen(q->name) <= SURVEY_NAME_MAX);
    FUZZ_ASSERT(survey_question_named(s, q->name) == q);
    FUZZ_ASSERT(q->page >= 0 && q->page < s->npages);
    check_texts(s, q->label);
    check_texts(s, q->hint);
    int select = q->type == QT_SELECT_ONE || q->type == QT_SELECT_MULTIPLE || q->type == QT_RANK;
    FUZZ_ASSERT(select == (q->list != NULL));
    FUZZ_ASSERT(!q->choice_filter || (q->list && q->type != QT_RANK));
    if (q->type == QT_RANGE) {
        /* every value of a range is a canonical decimal answer */
        FUZZ_ASSERT(q->range_count >= 1 && q->range_count <= SURVEY_RANGE_VALUES_MAX);
        char v[ANSWER_DECIMAL_MAX + 1];
        for (int k = 0; k < q->range_count; k++)
            FUZZ_ASSERT(survey_range_value(q, k, v) == 0 && answer_decimal_valid(v));
        FUZZ_ASSERT(survey_range_value(q, q->range_count, v) == -1);
    }
    if (q->list) {
        FUZZ_ASSERT(q->list->nchoices >= 1 && q->list->nchoices <= SURVEY_CHOICES_MAX);
        for (int c = 0; c < q->list->nchoices; c++) {
            FUZZ_ASSERT(survey_choice_index(q->list, q->list->choices[c].name) == c);
            check_texts(s, q->list->choices[c].label);
        }
    }
    if (q->appearance == APPEAR_FACES)
        FUZZ_ASSERT(q->type == QT_SELECT_ONE && q->list->nchoices == 5);
    if (q->appearance == APPEAR_YES_NOTSURE_NO)
        FUZZ_ASSERT(q->type == QT_SELECT_ONE && q->list->nchoices == 3);
    (void)expr_eval(q->relevant, answer, (void *)s);
    (void)expr_eval(q->relevant, NULL, NULL); /* nothing answered yet */
}

static void check_survey(const Survey *s)
{
    FUZZ_ASSERT(s->nlangs >= 1 && s->nlangs <= SURVEY_LANGS_MAX);
    FUZZ_ASSERT(s->default_lang >= 0 && s->default_lang < s->nlangs);
    FUZZ_ASSERT(s->form_id && s->version);
    FUZZ_ASSERT(s->age_min <= s->age_max);
    FUZZ_ASSERT(s->nquestions >= 0 && s->nquestions <= SURVEY_QUESTIONS_MAX);
    check_texts(s, s->title);
    int next = 0; /* pages cover the questions in order, none empty */
    for (int p = 0; p < s->npages; p++) {
        FUZZ_ASSERT(s->pages[p].first == next && s->pages[p].count >= 1);
        for (int i = 0; i < s->pages[p].count; i++)
            FUZZ_ASSERT(s->questions[next + i].page == p);
        next += s->pages[p].count;
    }
    FUZZ_ASSERT(next == s->nquestions);
    for (int i = 0; i < s->nquestions; i++)
        check_question(s, &s->questions[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (size > CSV_FILE_MAX) /* survey_load refuses larger files before parsing */
        return 0;
    if (!sink)
        sink = fopen("/dev/null", "w");
    SurveyProblems probs;
    /* the shipped pictures and recordings, as for a survey in assets/surveys */
    static SurveyMedia media;
    if (!media.images[0] && survey_media_beside("assets/surveys", &media) != 0)
        return 0;
    Survey *s = survey_parse_with("fuzz.csv", (const char *)data, size, &media, &probs);
    if (!s) {
        FUZZ_ASSERT(probs.count >= 1 && probs.count <= SURVEY_ERRORS_MAX);
        for (int i = 0; i < probs.count; i++)
            FUZZ_ASSERT_MESSAGE(probs.items[i].reason, sizeof probs.items[i].reason);
        if (sink)
            survey_problems_print("fuzz.csv", &probs, sink);
        return 0;
    }
    FUZZ_ASSERT(probs.count == 0);
    check_survey(s);
    survey_free(s);
    return 0;
}
