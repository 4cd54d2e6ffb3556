/* test_draft.c: tests of the in-memory draft (kiosk/draft.c): relevance from select_one and
 * select_multiple answers, skipping pages with nothing to show, which answers become the
 * response, typing rules for text and integer answers, the safeguarding flag, and the wipe.
 *
 * The survey is parsed from a CSV string, as the kiosk parses its survey files. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "test.h"

/* Pages: 0 pets, 1 which, 2 dog_name, 3 the group (why_not, how_many), 4 age, 5 safe,
 * 6 the note. */
static const char survey_csv[] =
    "survey,,,,\n"
    ",type,name,label,relevant\n"
    ",select_one yn,pets,Do you have pets?,\n"
    ",select_multiple animals,which,Which ones?,${pets} = 'yes'\n"
    ",text,dog_name,What is your dog called?,\"selected(${which}, 'dog')\"\n"
    ",begin group,more,More,${pets} = 'no'\n"
    ",text,why_not,Why not?,\n"
    ",integer,how_many,How many would you like?,\n"
    ",end group,,,\n"
    ",integer,age,How old are you?,\n"
    ",select_one safe,safe,Do you feel safe?,\n"
    ",note,bye,Thank you!,\n"
    "choices,,,,\n"
    ",list_name,name,label,safeguarding\n"
    ",yn,yes,Yes,\n"
    ",yn,no,No,\n"
    ",animals,cat,Cat,\n"
    ",animals,dog,Dog,\n"
    ",animals,fish,Fish,\n"
    ",safe,yes,Yes,\n"
    ",safe,not_sure,Not sure,\n"
    ",safe,no,No,yes\n"
    "settings,,,,\n"
    ",form_id,version,default_language,\n"
    ",pets_form,3,English (en),\n";

enum { P_PETS, P_WHICH, P_DOG, P_GROUP, P_AGE, P_SAFE, P_BYE };

static Survey *survey;
static Draft *d;
static Answer answers[SURVEY_QUESTIONS_MAX];
static const char *choices[SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX];
static Response resp;

static const Question *q(const char *name)
{
    const Question *x = survey_question_named(survey, name);
    if (!x) {
        fprintf(stderr, "no question %s\n", name);
        abort();
    }
    return x;
}

/* Chooses the choice called name of question qn. */
static int choose(const char *qn, const char *name)
{
    const Question *x = q(qn);
    int c = survey_choice_index(x->list, name);
    if (c < 0) {
        fprintf(stderr, "no choice %s in %s\n", name, qn);
        abort();
    }
    return draft_choose(d, x, c);
}

static void start(void) { draft_start(d, survey, survey->default_lang); }

/* The answer to question name in the last draft_to_response, or NULL. */
static const Answer *answer_to(const char *name)
{
    for (int i = 0; i < resp.nanswers; i++)
        if (strcmp(resp.answers[i].question, name) == 0)
            return &resp.answers[i];
    return NULL;
}

static void to_response(void)
{
    memset(&resp, 0, sizeof resp);
    CHECK_INT(draft_to_response(d, &resp, answers, choices), resp.nanswers);
}

static void test_start(void)
{
    start();
    CHECK(d->survey == survey);
    CHECK_INT(d->flags, 0);
    for (int i = 0; i < survey->nquestions; i++)
        CHECK_INT(d->answers[i].state, DS_UNANSWERED);
    CHECK_INT(draft_index(d, q("age")), 5);
    CHECK_INT(survey->npages, 7);
    CHECK_INT(q("how_many")->page, P_GROUP);
    to_response();
    CHECK_INT(resp.nanswers, 0);
    CHECK_STR(resp.form_id, "pets_form");
    CHECK_STR(resp.form_version, "3");
    CHECK_STR(resp.lang, "en");
}

static void test_select_one_relevance(void)
{
    start();
    /* Nothing answered: only the pages without conditions are shown. */
    CHECK_INT(draft_page_shown(d, P_PETS), 1);
    CHECK_INT(draft_page_shown(d, P_WHICH), 0);
    CHECK_INT(draft_page_shown(d, P_DOG), 0);
    CHECK_INT(draft_page_shown(d, P_GROUP), 0);
    CHECK_INT(draft_page_shown(d, P_AGE), 1);
    CHECK_INT(draft_next_page(d, P_PETS), P_AGE);
    CHECK_INT(draft_next_page(d, -1), P_PETS);
    CHECK_INT(draft_prev_page(d, P_AGE), P_PETS);
    CHECK_INT(draft_prev_page(d, P_PETS), -1);
    CHECK_INT(draft_next_page(d, P_BYE), -1);
    CHECK_INT(draft_prev_page(d, survey->npages), P_BYE);

    CHECK_INT(choose("pets", "yes"), 0);
    CHECK_INT(draft_relevant(d, q("which")), 1);
    CHECK_INT(draft_relevant(d, q("why_not")), 0);
    CHECK_INT(draft_next_page(d, P_PETS), P_WHICH);
    CHECK_INT(draft_next_page(d, P_WHICH), P_AGE); /* no dog chosen yet */
    CHECK_INT(draft_prev_page(d, P_AGE), P_WHICH);

    /* select_one replaces the answer. */
    choose("pets", "no");
    CHECK_INT(d->answers[draft_index(d, q("pets"))].chosen, 1u << 1);
    CHECK_INT(draft_relevant(d, q("which")), 0);
    CHECK_INT(draft_relevant(d, q("why_not")), 1);
    CHECK_INT(draft_relevant(d, q("how_many")), 1); /* the group's condition */
    CHECK_INT(draft_next_page(d, P_PETS), P_GROUP);
    CHECK_INT(draft_next_page(d, P_GROUP), P_AGE);
    CHECK_INT(draft_prev_page(d, P_GROUP), P_PETS);
    CHECK_INT(draft_prev_page(d, P_AGE), P_GROUP);
    /* Choosing the same again keeps it chosen. */
    choose("pets", "no");
    CHECK_INT(draft_relevant(d, q("why_not")), 1);
    /* Declining is not an answer of 'no'. */
    draft_decline(d, q("pets"));
    CHECK_INT(draft_relevant(d, q("why_not")), 0);
    CHECK_INT(draft_next_page(d, P_PETS), P_AGE);
}

static void test_select_multiple_relevance(void)
{
    start();
    choose("pets", "yes");
    CHECK_INT(draft_relevant(d, q("dog_name")), 0);
    choose("which", "cat");
    CHECK_INT(draft_relevant(d, q("dog_name")), 0);
    choose("which", "dog");
    CHECK_INT(draft_relevant(d, q("dog_name")), 1);
    CHECK_INT(draft_next_page(d, P_WHICH), P_DOG);
    choose("which", "fish");
    CHECK_INT(draft_relevant(d, q("dog_name")), 1);
    /* select_multiple toggles. */
    choose("which", "dog");
    CHECK_INT(draft_relevant(d, q("dog_name")), 0);
    CHECK_INT(draft_next_page(d, P_WHICH), P_AGE);
    CHECK_INT(d->answers[draft_index(d, q("which"))].state, DS_ANSWERED);
    choose("which", "cat");
    choose("which", "fish");
    CHECK_INT(d->answers[draft_index(d, q("which"))].state, DS_UNANSWERED);
    CHECK_INT(d->answers[draft_index(d, q("which"))].chosen, 0);
}

static void test_response_leaves_out_hidden(void)
{
    start();
    choose("pets", "yes");
    choose("which", "fish");
    choose("which", "cat"); /* in list order in the response: cat, fish */
    CHECK_INT(draft_type(d, q("why_not"), "allergic"), 0); /* typed, but hidden */
    CHECK_INT(draft_type(d, q("age"), "014"), 0);
    draft_decline(d, q("safe"));
    to_response();
    CHECK_INT(resp.nanswers, 4);
    CHECK_STR(resp.answers[0].question, "pets");
    CHECK_STR(resp.answers[1].question, "which");
    CHECK_STR(resp.answers[2].question, "age");
    CHECK_STR(resp.answers[3].question, "safe");
    const Answer *a = answer_to("pets");
    CHECK_INT(a->kind, ANSWER_CHOICES);
    CHECK_INT(a->nchoices, 1);
    CHECK_STR(a->choices[0], "yes");
    a = answer_to("which");
    CHECK_INT(a->kind, ANSWER_CHOICES);
    CHECK_INT(a->nchoices, 2);
    CHECK_STR(a->choices[0], "cat");
    CHECK_STR(a->choices[1], "fish");
    a = answer_to("age");
    CHECK_INT(a->kind, ANSWER_INTEGER);
    CHECK_INT(a->integer, 14);
    CHECK_INT(answer_to("safe")->kind, ANSWER_DECLINED);
    CHECK(answer_to("why_not") == NULL);
    CHECK(answer_to("bye") == NULL);

    /* Change the first answer: the other branch's answers go, the hidden one comes back. */
    choose("pets", "no");
    to_response();
    CHECK(answer_to("which") == NULL);
    CHECK(answer_to("why_not") != NULL);
    if (answer_to("why_not")) {
        CHECK_INT(answer_to("why_not")->kind, ANSWER_TEXT);
        CHECK_STR(answer_to("why_not")->text, "allergic");
    }
    CHECK(answer_to("how_many") == NULL); /* shown but not answered */

    /* Undeclining leaves it unanswered: it is not sent. */
    draft_decline(d, q("safe"));
    to_response();
    CHECK(answer_to("safe") == NULL);

    /* The response encodes. */
    uint8_t buf[RESPONSE_ENCODED_MAX / 16];
    size_t len = 0;
    char err[ERR_LEN];
    resp.year = 2026, resp.month = 1, resp.day = 31;
    resp.session = "";
    CHECK_INT(response_encode(&resp, buf, sizeof buf, &len, err), 0);
}

static void test_hidden_answers_decide_nothing(void)
{
    /* "which" is answered and "dog_name" typed, then "pets" changes to no: "which" is hidden,
     * so its old answer no longer shows "dog_name", and neither is sent. */
    start();
    choose("pets", "yes");
    choose("which", "dog");
    CHECK_INT(draft_type(d, q("dog_name"), "Biscuit"), 0);
    CHECK_INT(draft_relevant(d, q("dog_name")), 1);
    choose("pets", "no");
    CHECK_INT(draft_relevant(d, q("which")), 0);
    CHECK_INT(draft_relevant(d, q("dog_name")), 0);
    CHECK_INT(draft_page_shown(d, P_DOG), 0);
    CHECK_INT(draft_next_page(d, P_PETS), P_GROUP);
    to_response();
    CHECK(answer_to("which") == NULL);
    CHECK(answer_to("dog_name") == NULL);
    /* Back to yes: both come back as they were. */
    choose("pets", "yes");
    CHECK_INT(draft_relevant(d, q("dog_name")), 1);
    to_response();
    CHECK(answer_to("dog_name") != NULL);
}

/* A survey of n text questions: "gate", then each shown only when the one before it is
 * answered. Returns the survey or NULL. */
static Survey *chain_survey(int n)
{
    size_t cap = (size_t)n * 64 + 256, len = 0;
    char *csv = malloc(cap);
    if (!csv)
        return NULL;
    len += (size_t)snprintf(csv + len, cap - len,
                            "survey,,,,\n,type,name,label,relevant\n,text,gate,Gate,\n");
    for (int i = 0; i < n - 1; i++) {
        char prev[16] = "gate";
        if (i > 0)
            snprintf(prev, sizeof prev, "c%d", i - 1);
        len += (size_t)snprintf(csv + len, cap - len, ",text,c%d,C,${%s} != ''\n", i, prev);
    }
    SurveyProblems probs;
    Survey *sv = survey_parse("chain.csv", csv, len, &probs);
    if (!sv)
        survey_problems_print("chain.csv", &probs, stderr);
    free(csv);
    return sv;
}

static void test_long_chain(void)
{
    Survey *sv = chain_survey(SURVEY_QUESTIONS_MAX);
    CHECK(sv != NULL);
    if (!sv)
        return;
    draft_start(d, sv, 0);
    const Question *last = &sv->questions[sv->nquestions - 1];
    CHECK_INT(draft_relevant(d, last), 0);
    for (int i = 0; i < sv->nquestions; i++)
        CHECK_INT(draft_type(d, &sv->questions[i], "x"), 0);
    CHECK_INT(draft_relevant(d, last), 1);
    CHECK_INT(draft_next_page(d, 0), 1);
    /* Clearing the first answer hides every question after it, answered or not. */
    draft_backspace(d, &sv->questions[0]);
    CHECK_INT(draft_relevant(d, &sv->questions[1]), 0);
    CHECK_INT(draft_relevant(d, last), 0);
    CHECK_INT(draft_next_page(d, 0), -1);
    to_response();
    CHECK_INT(resp.nanswers, 0);
    draft_start(d, survey, survey->default_lang);
    survey_free(sv);
}

static void test_cycle(void)
{
    /* Conditions that depend on each other (an authoring mistake) end, and decide something. */
    static const char csv[] = "survey,,,,\n"
                              ",type,name,label,relevant\n"
                              ",text,a,A,${b} != 'x'\n"
                              ",text,b,B,${a} != 'y'\n"
                              ",text,self,S,${self} = ''\n";
    SurveyProblems probs;
    Survey *sv = survey_parse("cycle.csv", csv, sizeof csv - 1, &probs);
    CHECK(sv != NULL);
    if (!sv)
        return;
    draft_start(d, sv, 0);
    CHECK_INT(draft_relevant(d, &sv->questions[0]), 1);
    CHECK_INT(draft_relevant(d, &sv->questions[2]), 1);
    CHECK_INT(draft_type(d, &sv->questions[0], "y"), 0);
    CHECK_INT(draft_type(d, &sv->questions[1], "x"), 0);
    CHECK_INT(draft_type(d, &sv->questions[2], "z"), 0);
    int a = draft_relevant(d, &sv->questions[0]);
    int b = draft_relevant(d, &sv->questions[1]);
    int self = draft_relevant(d, &sv->questions[2]);
    CHECK(a == 0 || a == 1);
    CHECK(b == 0 || b == 1);
    CHECK(self == 0 || self == 1);
    to_response();
    CHECK_INT(resp.nanswers, a + b + self);
    draft_start(d, survey, survey->default_lang);
    survey_free(sv);
}

static void test_decline(void)
{
    start();
    const Question *age = q("age");
    CHECK_INT(draft_type(d, age, "12"), 0);
    draft_decline(d, age);
    DraftAnswer *a = &d->answers[draft_index(d, age)];
    CHECK_INT(a->state, DS_DECLINED);
    CHECK_INT(a->len, 0);
    CHECK_STR(a->text, "");
    to_response();
    CHECK_INT(resp.nanswers, 1);
    CHECK_INT(answer_to("age")->kind, ANSWER_DECLINED);
    /* Typing after declining answers instead. */
    CHECK_INT(draft_type(d, age, "9"), 0);
    CHECK_INT(a->state, DS_ANSWERED);
    CHECK_STR(a->text, "9");
    /* Choosing after declining too. */
    draft_decline(d, q("pets"));
    choose("pets", "no");
    CHECK_INT(d->answers[draft_index(d, q("pets"))].state, DS_ANSWERED);
    draft_decline(d, q("which"));
    choose("which", "dog");
    CHECK_INT(d->answers[draft_index(d, q("which"))].chosen, 1u << 1);
}

static void test_type_integer(void)
{
    start();
    const Question *age = q("age");
    DraftAnswer *a = &d->answers[draft_index(d, age)];
    CHECK_INT(draft_type(d, age, "1"), 0);
    CHECK_INT(draft_type(d, age, "a"), -1);
    CHECK_INT(draft_type(d, age, "2x"), -1); /* nothing of it is kept */
    CHECK_INT(draft_type(d, age, "-"), -1);
    CHECK_INT(draft_type(d, age, " "), -1);
    CHECK_INT(draft_type(d, age, "\xD9\xA3"), -1); /* an Arabic-Indic digit */
    CHECK_STR(a->text, "1");
    CHECK_INT(a->len, 1);
    CHECK_INT(draft_type(d, age, "2345678"), 0);
    CHECK_INT(draft_type(d, age, "9"), 0);
    CHECK_INT(a->len, ANSWER_INT_DIGITS);
    CHECK_INT(draft_type(d, age, "0"), -1); /* one digit too many */
    CHECK_STR(a->text, "123456789");
    to_response();
    CHECK_INT(answer_to("age")->integer, 123456789);
    /* A text question takes any UTF-8, but not broken UTF-8; a select takes no typing. */
    CHECK_INT(draft_type(d, q("why_not"), "x \xC3\xA9 1-2"), 0);
    CHECK_INT(draft_type(d, q("why_not"), "\xC3"), -1);
    CHECK_INT(draft_type(d, q("why_not"), "\xFF"), -1);
    CHECK_STR(d->answers[draft_index(d, q("why_not"))].text, "x \xC3\xA9 1-2");
    CHECK_INT(draft_type(d, q("pets"), "yes"), -1);
    CHECK_INT(d->answers[draft_index(d, q("pets"))].state, DS_UNANSWERED);
    CHECK_INT(draft_type(d, q("bye"), "x"), -1);
}

static void test_type_text_limit(void)
{
    start();
    const Question *t = q("why_not");
    DraftAnswer *a = &d->answers[draft_index(d, t)];
    char chunk[101];
    memset(chunk, 'a', 100);
    chunk[100] = '\0';
    for (int i = 0; i < ANSWER_TEXT_MAX / 100; i++)
        CHECK_INT(draft_type(d, t, chunk), 0);
    CHECK_INT(a->len, ANSWER_TEXT_MAX);
    CHECK_INT(draft_type(d, t, "b"), -1);
    CHECK_INT(a->len, ANSWER_TEXT_MAX);
    CHECK_INT(strlen(a->text), ANSWER_TEXT_MAX);
    draft_backspace(d, t);
    draft_backspace(d, t);
    /* A two-byte character fits in two bytes, not in one. */
    CHECK_INT(draft_type(d, t, "\xC3\xA9"), 0);
    CHECK_INT(draft_type(d, t, "\xC3\xA9"), -1);
    CHECK_INT(draft_type(d, t, "z"), -1);
    CHECK_INT(a->len, ANSWER_TEXT_MAX);
    CHECK(memcmp(a->text + ANSWER_TEXT_MAX - 2, "\xC3\xA9", 3) == 0);
    /* More than the limit in one go is refused whole. */
    draft_decline(d, t);
    draft_decline(d, t);
    static char big[ANSWER_TEXT_MAX + 2];
    memset(big, 'c', ANSWER_TEXT_MAX + 1);
    CHECK_INT(draft_type(d, t, big), -1);
    CHECK_INT(a->len, 0);
    CHECK_INT(a->state, DS_UNANSWERED);
}

static void test_backspace(void)
{
    start();
    const Question *t = q("why_not");
    DraftAnswer *a = &d->answers[draft_index(d, t)];
    CHECK_INT(draft_type(d, t, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), 0); /* a é € 😀 */
    CHECK_INT(a->len, 10);
    draft_backspace(d, t);
    CHECK_INT(a->len, 6);
    CHECK_STR(a->text, "a\xC3\xA9\xE2\x82\xAC");
    draft_backspace(d, t);
    CHECK_INT(a->len, 3);
    CHECK_STR(a->text, "a\xC3\xA9");
    draft_backspace(d, t);
    CHECK_INT(a->len, 1);
    CHECK_STR(a->text, "a");
    /* What was removed is wiped, not just cut off. */
    for (size_t i = 1; i < sizeof a->text; i++)
        CHECK_INT(a->text[i], 0);
    CHECK_INT(a->state, DS_ANSWERED);
    draft_backspace(d, t);
    CHECK_INT(a->len, 0);
    CHECK_INT(a->state, DS_UNANSWERED);
    draft_backspace(d, t); /* nothing left: nothing happens */
    CHECK_INT(a->len, 0);
    CHECK_INT(draft_type(d, t, "\xC3\xA9"), 0);
    draft_backspace(d, t);
    CHECK_INT(a->len, 0);
    CHECK_INT(a->state, DS_UNANSWERED);
    /* Integers too. */
    CHECK_INT(draft_type(d, q("age"), "42"), 0);
    draft_backspace(d, q("age"));
    CHECK_STR(d->answers[draft_index(d, q("age"))].text, "4");
}

static void test_safeguarding(void)
{
    start();
    CHECK_INT(choose("safe", "yes"), 0);
    CHECK_INT(d->flags & RESPONSE_FLAG_SAFETY, 0);
    CHECK_INT(choose("safe", "not_sure"), 0);
    CHECK_INT(d->flags, 0);
    CHECK_INT(choose("safe", "no"), 1);
    CHECK_INT(d->flags & RESPONSE_FLAG_SAFETY, RESPONSE_FLAG_SAFETY);
    to_response();
    CHECK_INT(resp.flags & RESPONSE_FLAG_SAFETY, RESPONSE_FLAG_SAFETY);
    /* Choosing it again says so again. */
    CHECK_INT(choose("safe", "no"), 1);
    /* Other questions' choices are not safety concerns. */
    CHECK_INT(choose("pets", "no"), 0);
    /* A new draft starts without the flag. */
    start();
    CHECK_INT(d->flags, 0);
    to_response();
    CHECK_INT(resp.flags, 0);
}

static void test_wipe(void)
{
    start();
    choose("pets", "yes");
    choose("which", "dog");
    CHECK_INT(draft_type(d, q("dog_name"), "Biscuit"), 0);
    CHECK_INT(draft_type(d, q("age"), "15"), 0);
    choose("safe", "no");
    draft_decline(d, q("how_many"));
    draft_wipe(d);
    const unsigned char *p = (const unsigned char *)d;
    size_t nonzero = 0;
    for (size_t i = 0; i < sizeof *d; i++)
        nonzero += p[i] != 0;
    CHECK_INT(nonzero, 0);
    CHECK(d->survey == NULL);
}

/* calculate, constraint, default, read_only and ${name} in texts, as real forms write them. */
static void test_calculate_constraint_default(void)
{
    static const char csv[] =
        "survey,,,,,,,,\n"
        ",type,name,label,calculation,constraint,constraint_message,default,read_only\n"
        ",text,first,First name?,,,,,\n"
        ",integer,age,How old are you?,,. >= 4 and . <= 25,Please type an age from 4 to 25,12,\n"
        ",select_one yn,pet,Do you have a pet?,,,,yes,\n"
        ",calculate,greeting,,\"concat('Hi ', ${first})\",,,,\n"
        ",calculate,next_year,,${age} + 1,,,,\n"
        ",note,hello,\"${greeting}, next year you will be ${next_year}. Pet: ${pet}\",,,,,\n"
        ",text,shown,Your age,,,,,yes\n"
        "choices,,,\n"
        ",list_name,name,label\n"
        ",yn,yes,Yes\n"
        ",yn,no,No\n";
    SurveyProblems probs;
    Survey *sv = survey_parse("calc.csv", csv, sizeof csv - 1, &probs);
    if (!sv)
        survey_problems_print("calc.csv", &probs, stderr);
    CHECK(sv != NULL);
    if (!sv)
        return;
    CHECK_INT(sv->nquestions, 5); /* the calculate rows are hidden values, not questions */
    CHECK_INT(sv->ncalcs, 2);
    const Question *age = survey_question_named(sv, "age");
    const Question *hello = survey_question_named(sv, "hello");
    const Question *shown = survey_question_named(sv, "shown");
    CHECK_INT(shown->read_only, 1);
    CHECK_INT(shown->type, QT_NOTE);
    draft_start(d, sv, 0);
    /* defaults: the draft starts with them */
    CHECK_STR(d->answers[draft_index(d, age)].text, "12");
    CHECK_INT(d->answers[draft_index(d, survey_question_named(sv, "pet"))].state, DS_ANSWERED);
    CHECK_INT(draft_type(d, survey_question_named(sv, "first"), "Sam"), 0);
    char out[256];
    CHECK_STR(draft_fill(d, survey_text(sv, hello->label, 0), out, sizeof out),
              "Hi Sam, next year you will be 13. Pet: Yes");
    /* the constraint: `.` is the answer; a declined answer is never held back */
    CHECK_INT(draft_constraint_ok(d, age), 1);
    draft_backspace(d, age);
    draft_backspace(d, age);
    CHECK_INT(draft_type(d, age, "3"), 0);
    CHECK_INT(draft_constraint_ok(d, age), 0);
    CHECK_STR(survey_text(sv, age->constraint_message, 0), "Please type an age from 4 to 25");
    draft_decline(d, age);
    CHECK_INT(draft_constraint_ok(d, age), 1);
    /* unanswered: ${next_year} of nothing is no value, and reads as empty */
    CHECK_STR(draft_fill(d, "[${next_year}]", out, sizeof out), "[]");
    /* hidden values are never recorded */
    Response r;
    static Answer ans[SURVEY_QUESTIONS_MAX];
    static const char *chs[SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX];
    int n = draft_to_response(d, &r, ans, chs);
    for (int i = 0; i < n; i++)
        CHECK(strcmp(ans[i].question, "greeting") != 0 && strcmp(ans[i].question, "shown") != 0);
    draft_wipe(d);
    survey_free(sv);
    /* a default that is not a choice, and an unknown ${} in a label, are named */
    static const char bad[] = "survey,,,,\n"
                              ",type,name,label,default\n"
                              ",select_one yn,pet,Pet ${nobody}?,maybe\n"
                              "choices,,,\n"
                              ",list_name,name,label\n"
                              ",yn,yes,Yes\n";
    sv = survey_parse("bad.csv", bad, sizeof bad - 1, &probs);
    CHECK(sv == NULL);
    CHECK_INT(probs.count, 2);
    CHECK(strstr(probs.items[0].reason, "default 'maybe' is not a choice") != NULL);
    CHECK(strstr(probs.items[1].reason, "label refers to unknown question '${nobody}'") != NULL);
}

/* decimal typing, a range's values, acknowledge, the date and time pickers, and how each
 * becomes an answer of the response. */
/* The age asked once (draft_tell_age): a band the welcome was told answers the survey's age
 * question when one choice holds it (its page skipped both ways, the answer sent), narrows it
 * when several together cover it, and leaves it alone when they do not; a tap of the young
 * person's own makes it theirs. */
static void test_tell_age(void)
{
    static const char csv[] =
        "survey,,,\n"
        ",type,name,label\n"
        ",note,hello,Hello\n"
        ",select_one band,age_band,How old are you?\n"
        ",select_one yn,happy,Are you happy?\n"
        "choices,,,\n"
        ",list_name,name,label\n"
        ",band,age_11_13,11 to 13\n"
        ",band,age_14_15,14 or 15\n"
        ",band,age_16_17,16 or 17\n"
        ",band,age_18_plus,18 or older\n"
        ",yn,yes,Yes\n"
        ",yn,no,No\n";
    SurveyProblems probs;
    Survey *sv = survey_parse("ages.csv", csv, sizeof csv - 1, &probs);
    CHECK(sv != NULL);
    if (!sv)
        return;
    const Question *age = survey_question_named(sv, "age_band");
    const Question *happy = survey_question_named(sv, "happy");
    int ai = (int)(age - sv->questions);
    /* 16 or 17: answered, its page neither next nor back, the answer sent */
    draft_start(d, sv, 0);
    CHECK(draft_tell_age(d, 16, 17) == age);
    CHECK(draft_age_given(d, age));
    CHECK_INT(draft_next_page(d, 0), 2);
    CHECK_INT(draft_prev_page(d, 2), 0);
    CHECK_INT(draft_page_asked(d, 1), 0);
    CHECK_INT(draft_page_shown(d, 1), 1); /* still on the review */
    CHECK(d->answers[ai].chosen == 1ull << 2);
    to_response();
    CHECK(answer_to("age_band") != NULL);
    /* changed by the young person: theirs, and its page is a page again */
    draft_choose(d, age, 3);
    CHECK(!draft_age_given(d, age));
    CHECK_INT(draft_next_page(d, 0), 1);
    /* 18 to 25: one choice, 18 or older, holds it */
    draft_start(d, sv, 0);
    CHECK(draft_tell_age(d, 18, 25) == age);
    /* 12 to 15: 11 to 13 and 14 or 15 cover it together: asked, only those two offered */
    draft_start(d, sv, 0);
    CHECK(draft_tell_age(d, 12, 15) == NULL);
    CHECK(draft_offered(d, age) == ((1ull << 0) | (1ull << 1)));
    CHECK(draft_offered(d, happy) == 3);
    CHECK_INT(draft_next_page(d, 0), 1);
    /* 8 to 11: the bands begin at 11, so they do not describe it: asked as it is */
    draft_start(d, sv, 0);
    CHECK(draft_tell_age(d, 8, 11) == NULL);
    CHECK(draft_offered(d, age) == 0xF);
    draft_wipe(d);
    survey_free(sv);
}

static void test_new_kinds(void)
{
    static const char csv[] = "survey,,,,,\n"
                              ",type,name,label,parameters,constraint\n"
                              ",decimal,h,Height?,,. < 2.5\n"
                              ",range,r,Mood?,start=0 end=2 step=0.5,\n"
                              ",acknowledge,ok,I know,,\n"
                              ",date,d,When?,,\n"
                              ",time,t,What time?,,\n";
    SurveyProblems probs;
    Survey *sv = survey_parse("kinds.csv", csv, sizeof csv - 1, &probs);
    if (!sv)
        survey_problems_print("kinds.csv", &probs, stderr);
    CHECK(sv != NULL);
    if (!sv)
        return;
    const Question *h = survey_question_named(sv, "h"), *r = survey_question_named(sv, "r");
    const Question *ok = survey_question_named(sv, "ok"), *dq = survey_question_named(sv, "d");
    const Question *t = survey_question_named(sv, "t");
    draft_start(d, sv, 0);
    const DraftAnswer *ha = &d->answers[draft_index(d, h)];
    /* a point first is "0.", one point only, digits else; the number is canonical as it goes */
    CHECK_INT(draft_type(d, h, "."), 0);
    CHECK_STR(ha->text, "0.");
    CHECK_STR(ha->number, "0");
    CHECK_INT(draft_type(d, h, "."), -1);
    CHECK_INT(draft_type(d, h, "a"), -1);
    CHECK_INT(draft_type(d, h, "50"), 0);
    CHECK_STR(ha->text, "0.50");
    CHECK_STR(ha->number, "0.5");
    draft_backspace(d, h);
    draft_backspace(d, h);
    draft_backspace(d, h);
    CHECK_STR(ha->number, "0");
    CHECK_INT(draft_type(d, h, "3"), 0);
    CHECK_STR(ha->number, "3");
    CHECK_INT(draft_constraint_ok(d, h), 0); /* . < 2.5 reads the number */
    draft_backspace(d, h);
    CHECK_INT(draft_type(d, h, "1.75"), 0);
    CHECK_INT(draft_constraint_ok(d, h), 1);
    CHECK_INT(draft_type(d, h, "123456789012"), -1); /* DRAFT_DECIMAL_DIGITS */
    /* a range takes its own values only */
    CHECK_INT(draft_set(d, r, "1.5"), 0);
    CHECK_INT(draft_set(d, r, "1.25"), -1);
    CHECK_INT(draft_set(d, r, "3"), -1);
    CHECK_STR(d->answers[draft_index(d, r)].text, "1.5");
    CHECK_INT(draft_set(d, ok, "OK"), 0);
    CHECK_INT(draft_set(d, ok, "yes"), -1);
    /* the date picker: an unanswered one takes the start; months and days wrap, years stop,
     * a 31st becomes the end of a shorter month */
    const int start[3] = {2024, 1, 31};
    int v[3];
    CHECK_INT(draft_picked(d, dq, v), -1);
    CHECK_INT(draft_pick(d, dq, 0, 0, start), 0);
    CHECK_STR(d->answers[draft_index(d, dq)].text, "2024-01-31");
    CHECK_INT(draft_pick(d, dq, 1, 1, start), 0);
    CHECK_STR(d->answers[draft_index(d, dq)].text, "2024-02-29");
    CHECK_INT(draft_pick(d, dq, 0, 1, start), 0);
    CHECK_STR(d->answers[draft_index(d, dq)].text, "2025-02-28");
    CHECK_INT(draft_pick(d, dq, 2, 1, start), 0);
    CHECK_STR(d->answers[draft_index(d, dq)].text, "2025-02-01");
    CHECK_INT(draft_pick(d, dq, 1, -2, start), 0);
    CHECK_STR(d->answers[draft_index(d, dq)].text, "2025-12-01");
    CHECK_INT(draft_pick(d, dq, 0, -1000, start), 0);
    CHECK_STR(d->answers[draft_index(d, dq)].text, "1900-12-01");
    CHECK_INT(draft_pick(d, dq, 3, 1, start), -1);
    CHECK_INT(draft_picked(d, dq, v), 0);
    CHECK_INT(v[0], 1900);
    /* the time picker wraps round the clock face; it starts where it is told */
    const int noon[3] = {12, 0, 0};
    CHECK_INT(draft_pick(d, t, 1, -10, noon), 0);
    CHECK_STR(d->answers[draft_index(d, t)].text, "12:50");
    CHECK_INT(draft_pick(d, t, 0, 13, noon), 0);
    CHECK_STR(d->answers[draft_index(d, t)].text, "01:50");
    CHECK_INT(draft_pick(d, t, 2, 1, noon), -1);
    CHECK_INT(draft_pick(d, h, 0, 1, noon), -1);
    /* the response: a decimal in canonical form, a range's value, a date and a time as set */
    Response resp2;
    memset(&resp2, 0, sizeof resp2); /* as app_send does: no receipt code unless one is set */
    static Answer ans[SURVEY_QUESTIONS_MAX];
    static const char *chs[SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX];
    CHECK_INT(draft_to_response(d, &resp2, ans, chs), 5);
    CHECK_INT(ans[0].kind, ANSWER_DECIMAL);
    CHECK_STR(ans[0].text, "1.75");
    CHECK_INT(ans[1].kind, ANSWER_DECIMAL);
    CHECK_STR(ans[1].text, "1.5");
    CHECK_INT(ans[2].kind, ANSWER_ACK);
    CHECK_INT(ans[3].kind, ANSWER_DATE);
    CHECK_INT(ans[3].year * 10000 + ans[3].month * 100 + ans[3].day, 19001201);
    CHECK_INT(ans[4].kind, ANSWER_TIME);
    CHECK_INT(ans[4].hour * 100 + ans[4].minute, 150);
    uint8_t enc[RESPONSE_ENCODED_MAX];
    size_t len;
    char err[ERR_LEN];
    resp2.year = 2026, resp2.month = 8, resp2.day = 4;
    resp2.session = "";
    CHECK_INT(response_encode(&resp2, enc, sizeof enc, &len, err), 0);
    CHECK_INT(enc[4], RESPONSE_VERSION);
    draft_wipe(d);
    survey_free(sv);
}

/* rank: tapped first to last; a second tap takes a choice back; whole when all are placed. */
static void test_rank(void)
{
    static const char csv[] = "survey,,,\n"
                              ",type,name,label\n"
                              ",rank p,order,Which matter most?\n"
                              "choices,,,\n"
                              ",list_name,name,label\n"
                              ",p,park,Park\n"
                              ",p,library,Library\n"
                              ",p,club,Club\n";
    SurveyProblems probs;
    Survey *sv = survey_parse("rank.csv", csv, sizeof csv - 1, &probs);
    CHECK(sv != NULL);
    if (!sv)
        return;
    const Question *q = survey_question_named(sv, "order");
    draft_start(d, sv, 0);
    const DraftAnswer *a = &d->answers[draft_index(d, q)];
    CHECK_INT(draft_rank(d, q, 1), 1);
    CHECK_INT(draft_rank(d, q, 0), 2);
    CHECK_INT(a->state, DS_UNANSWERED); /* not every choice has its place yet */
    CHECK_INT(draft_rank(d, q, 1), 0);  /* Library taken back: Park moves up */
    CHECK_INT(a->order[0], 0);
    CHECK_INT(draft_rank(d, q, 2), 2);
    CHECK_INT(draft_rank(d, q, 1), 3);
    CHECK_INT(a->state, DS_ANSWERED);
    char buf[128];
    CHECK_STR(draft_describe(d, q, buf, sizeof buf), "Park, Club, Library");
    Response r;
    static Answer ans[SURVEY_QUESTIONS_MAX];
    static const char *chs[SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX];
    CHECK_INT(draft_to_response(d, &r, ans, chs), 1);
    CHECK_INT(ans[0].kind, ANSWER_RANK);
    CHECK_INT(ans[0].nchoices, 3);
    CHECK_STR(ans[0].choices[0], "park");
    CHECK_STR(ans[0].choices[1], "club");
    CHECK_STR(ans[0].choices[2], "library");
    CHECK_INT(draft_rank(d, q, 0), 0); /* taken back: no longer whole, not sent */
    CHECK_INT(draft_to_response(d, &r, ans, chs), 0);
    draft_wipe(d);
    survey_free(sv);
}

/* choice_filter: the choices offered follow the answers before; a filter that needs its own
 * question (or a pair that need each other: authoring mistakes) offers every choice instead of
 * recursing without end. */
static void test_choice_filter(void)
{
    static const char csv[] = "survey,,,,\n"
                              ",type,name,label,choice_filter\n"
                              ",select_one t,a,A?,\n"
                              ",select_one t,b,B?,name != ${a}\n"
                              ",select_one t,self,S?,name != ${self}\n"
                              ",select_one t,c,C?,name != ${d}\n"
                              ",select_one t,d,D?,name != ${c}\n"
                              "choices,,,\n"
                              ",list_name,name,label\n"
                              ",t,x,X\n"
                              ",t,y,Y\n";
    SurveyProblems probs;
    Survey *sv = survey_parse("filter.csv", csv, sizeof csv - 1, &probs);
    CHECK(sv != NULL);
    if (!sv)
        return;
    draft_start(d, sv, 0);
    const Question *a = survey_question_named(sv, "a"), *b = survey_question_named(sv, "b");
    CHECK_INT(draft_offered(d, b), 3);
    draft_choose(d, a, 0);
    CHECK_INT(draft_offered(d, b), 2); /* x taken by a */
    draft_choose(d, b, 0);             /* x chosen before, no longer offered: */
    CHECK_INT(draft_answered(d, b), 0);
    char buf[64];
    CHECK_STR(draft_describe(d, b, buf, sizeof buf), "Not answered");
    const Question *self = survey_question_named(sv, "self"), *c = survey_question_named(sv, "c");
    draft_choose(d, self, 1);
    (void)draft_offered(d, self);
    draft_choose(d, c, 0);
    (void)draft_offered(d, c);
    CHECK(draft_answered(d, c) == 0 || draft_answered(d, c) == 1);
    Response r;
    static Answer ans[SURVEY_QUESTIONS_MAX];
    static const char *chs[SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX];
    int n = draft_to_response(d, &r, ans, chs);
    for (int i = 0; i < n; i++)
        CHECK(strcmp(ans[i].question, "b") != 0); /* b's only choice is not offered: not sent */
    draft_wipe(d);
    survey_free(sv);

    /* A filter on a label column reads the label as shown (pyxform's xl_date_ambiguous: only
     * the names typed before are offered); a column the sheet lacks reads as empty (ODK). */
    static const char labels[] = "survey,,,,\n"
                                 ",type,name,label::English,choice_filter\n"
                                 ",text,n1,First name?,\n"
                                 ",text,n2,Second name?,\n"
                                 ",select_one names,who,Who?,label::English != ''\n"
                                 ",select_one names,none,Who else?,missing = 'yes'\n"
                                 ",select_one names,all,And?,missing = ''\n"
                                 "choices,,,\n"
                                 ",list_name,name,label::English\n"
                                 ",names,n1,${n1}\n"
                                 ",names,n2,${n2}\n"
                                 "settings,\n"
                                 ",default_language\n"
                                 ",English\n";
    sv = survey_parse("labels.csv", labels, sizeof labels - 1, &probs);
    CHECK(sv != NULL);
    if (!sv) {
        survey_problems_print("labels.csv", &probs, stderr);
        return;
    }
    draft_start(d, sv, 0);
    const Question *who = survey_question_named(sv, "who");
    CHECK_INT(draft_offered(d, who), 0);
    CHECK_INT(draft_type(d, survey_question_named(sv, "n2"), "Sam"), 0);
    CHECK_INT(draft_offered(d, who), 2);
    CHECK_INT(draft_offered(d, survey_question_named(sv, "none")), 0);
    CHECK_INT(draft_offered(d, survey_question_named(sv, "all")), 3);
    draft_wipe(d);
    survey_free(sv);

    /* a label naming its own question, filtered on: worked out once, never for ever */
    static const char own_label[] = "survey,,,,\n"
                               ",type,name,label,choice_filter\n"
                               ",select_one l,me,Me?,label != 'x'\n"
                               "choices,,,\n"
                               ",list_name,name,label\n"
                               ",l,a,A ${me}\n"
                               ",l,b,B\n";
    sv = survey_parse("self.csv", own_label, sizeof own_label - 1, &probs);
    CHECK(sv != NULL);
    if (!sv)
        return;
    draft_start(d, sv, 0);
    const Question *me = survey_question_named(sv, "me");
    CHECK_INT(draft_offered(d, me), 3);
    CHECK_INT(draft_choose(d, me, 0), 0);
    CHECK_INT(draft_offered(d, me), 3);
    draft_wipe(d);
    survey_free(sv);
}

/* `required` as an expression: required while it holds, given the answers so far. */
static void test_required_expression(void)
{
    static const char csv[] = "survey,,,\n"
                              ",type,name,label,required\n"
                              ",integer,age,Age?,\n"
                              ",text,school,Which school?,${age} < 16\n"
                              ",text,plain,Anything?,yes\n";
    SurveyProblems probs;
    Survey *sv = survey_parse("required.csv", csv, sizeof csv - 1, &probs);
    CHECK(sv != NULL);
    if (!sv)
        return;
    draft_start(d, sv, 0);
    const Question *age = survey_question_named(sv, "age"),
                   *school = survey_question_named(sv, "school");
    CHECK_INT(draft_required(d, age), 0);
    CHECK_INT(draft_required(d, school), 0); /* no age: '' < 16 is false */
    CHECK_INT(draft_type(d, age, "12"), 0);
    CHECK_INT(draft_required(d, school), 1);
    draft_backspace(d, age);
    draft_backspace(d, age);
    CHECK_INT(draft_type(d, age, "19"), 0);
    CHECK_INT(draft_required(d, school), 0);
    CHECK_INT(draft_required(d, survey_question_named(sv, "plain")), 1);
    draft_wipe(d);
    survey_free(sv);
}

/* pyxform's "phone number": a text question whose answer must be digits (its constraint
 * regex(., '^\d*$')), unless the form gives a constraint of its own. */
static void test_phone_number(void)
{
    static const char csv[] = "survey,,,,\n"
                              ",type,name,label,constraint\n"
                              ",phone number,phone,Your number?,\n"
                              ",Phone  Number,long,A long one?,string-length(.) > 3\n";
    SurveyProblems probs;
    Survey *sv = survey_parse("phone.csv", csv, sizeof csv - 1, &probs);
    if (!sv)
        survey_problems_print("phone.csv", &probs, stderr);
    CHECK(sv != NULL);
    if (!sv)
        return;
    const Question *phone = survey_question_named(sv, "phone");
    const Question *lng = survey_question_named(sv, "long");
    CHECK_INT(phone->type, QT_TEXT);
    CHECK_INT(lng->type, QT_TEXT);
    draft_start(d, sv, 0);
    CHECK_INT(draft_type(d, phone, "0191 123"), 0);
    CHECK_INT(draft_constraint_ok(d, phone), 0); /* a space is not a digit */
    for (int i = 0; i < 4; i++)
        draft_backspace(d, phone);
    CHECK_STR(d->answers[draft_index(d, phone)].text, "0191");
    CHECK_INT(draft_constraint_ok(d, phone), 1);
    draft_decline(d, phone);
    CHECK_INT(draft_constraint_ok(d, phone), 1);
    /* its own constraint, not the digits one */
    CHECK_INT(draft_type(d, lng, "abcd"), 0);
    CHECK_INT(draft_constraint_ok(d, lng), 1);
    draft_wipe(d);
    survey_free(sv);
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    SurveyProblems probs;
    survey = survey_parse("pets.csv", survey_csv, sizeof survey_csv - 1, &probs);
    if (!survey) {
        survey_problems_print("pets.csv", &probs, stderr);
        return 1;
    }
    d = malloc(sizeof *d);
    if (!d)
        return 1;
    memset(d, 0xA5, sizeof *d); /* draft_start must not rely on zeroed memory */
    RUN(test_start);
    RUN(test_select_one_relevance);
    RUN(test_select_multiple_relevance);
    RUN(test_response_leaves_out_hidden);
    RUN(test_hidden_answers_decide_nothing);
    RUN(test_long_chain);
    RUN(test_cycle);
    RUN(test_decline);
    RUN(test_type_integer);
    RUN(test_type_text_limit);
    RUN(test_backspace);
    RUN(test_safeguarding);
    RUN(test_wipe);
    RUN(test_calculate_constraint_default);
    RUN(test_new_kinds);
    RUN(test_rank);
    RUN(test_choice_filter);
    RUN(test_required_expression);
    RUN(test_tell_age);
    RUN(test_phone_number);
    free(d);
    survey_free(survey);
    return TEST_SUMMARY("draft");
}
