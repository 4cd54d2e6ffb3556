/* test_survey.c: tests of the survey loader (common/survey.c): every supported type and its old
 * spelling, groups as pages, relevance, translations, the quirks of real files (case, padding,
 * BOM, CRLF, quoting), the exact line and column of every kind of problem, the pyxform sample
 * files and the surveys the kiosk ships with; the `ages` setting; pictures and recordings
 * (media::image, media::audio), checked on load: a missing or broken file is an error at its
 * row and column.
 *
 * Inline surveys are copied into a malloc'd buffer of exactly their length, so a read past the
 * end is caught by the sanitizer build. Files are read relative to the repository root, where
 * tests/run.sh runs every test. */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "response.h"
#include "survey.h"
#include "test.h"

static Survey *s;
static SurveyProblems probs;

/* Parses (text, len) as "test.csv" from an exact-size copy, replacing the last survey. */
static Survey *parse_n(const char *text, size_t len)
{
    survey_free(s);
    s = NULL;
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return NULL;
    memcpy(copy, text, len);
    s = survey_parse("test.csv", copy, len, &probs);
    free(copy);
    return s;
}

static Survey *parse(const char *text)
{
    return parse_n(text, strlen(text));
}

/* Prints the problems of the last parse, to explain a failed check. */
static void show_problems(void)
{
    survey_problems_print("test.csv", &probs, stderr);
}

/* Checks that text parses with no problem. */
#define CHECK_PARSES(text)                                                                         \
    do {                                                                                           \
        if (!parse(text))                                                                          \
            show_problems();                                                                       \
        CHECK(s != NULL);                                                                          \
        CHECK_INT(probs.count, 0);                                                                 \
    } while (0)

/* Checks that the last parse failed with exactly one problem, at line:column, whose reason
 * contains words. */
static void check_one_problem(int line, int column, const char *words, int srcline)
{
    int ok = s == NULL && probs.count == 1 && probs.items[0].line == line &&
             probs.items[0].column == column && strstr(probs.items[0].reason, words) != NULL;
    if (!ok) {
        fprintf(stderr, "%s:%d: want one problem %d:%d containing \"%s\", got %d:\n", __FILE__,
                srcline, line, column, words, probs.count);
        show_problems();
        test_current_failed = 1;
    }
}
#define CHECK_PROBLEM(line, column, words) check_one_problem(line, column, words, __LINE__)

/* The question called name; a failed check (and the first question) when there is none. */
static const Question *question(const char *name)
{
    const Question *q = s ? survey_question_named(s, name) : NULL;
    if (!q) {
        fprintf(stderr, "no question '%s'\n", name);
        test_current_failed = 1;
        static const Question none;
        return &none;
    }
    return q;
}

/* A tiny answer table for evaluating the loaded relevant expressions. */
static const char *answer_names[8];
static const char *answer_values[8];
static int nanswer;

static void answers_reset(void)
{
    nanswer = 0;
}

static void answer(const char *name, const char *value)
{
    for (int i = 0; i < nanswer; i++) {
        if (strcmp(answer_names[i], name) == 0) {
            answer_values[i] = value;
            return;
        }
    }
    answer_names[nanswer] = name;
    answer_values[nanswer++] = value;
}

static const char *lookup(const char *name, void *ctx)
{
    (void)ctx;
    for (int i = 0; i < nanswer; i++)
        if (strcmp(answer_names[i], name) == 0)
            return answer_values[i];
    return "";
}

static int shown(const char *name)
{
    return expr_eval(question(name)->relevant, lookup, NULL);
}

/* ---- what is accepted ---- */

static void test_types(void)
{
    CHECK_PARSES("survey,,,,\n"
                 ",type,name,label,required\n"
                 ",select_one yn,q1,Q one,yes\n"
                 ",select one from yn,q2,Q two,\n"
                 ",select_multiple colours,q3,Q three,true\n"
                 ",select all that apply from colours,q4,Q four,no\n"
                 ",text,q5,Q five,\n"
                 ",string,q6,Q six,\n"
                 ",integer,q7,Q seven,\n"
                 ",int,q8,Q eight,\n"
                 ",note,n1,A note,yes\n"
                 "choices,,,,\n"
                 ",list_name,name,label\n"
                 ",yn,yes,Yes\n"
                 ",yn,no,No\n"
                 ",colours,red,Red\n"
                 ",colours,green,Green\n"
                 ",colours,blue,Blue\n");
    if (!s)
        return;
    CHECK_INT(s->nquestions, 9);
    static const struct {
        const char *name;
        QuestionType type;
        const char *list;
        int required;
    } want[] = {
        {"q1", QT_SELECT_ONE, "yn", 1},
        {"q2", QT_SELECT_ONE, "yn", 0},
        {"q3", QT_SELECT_MULTIPLE, "colours", 1},
        {"q4", QT_SELECT_MULTIPLE, "colours", 0},
        {"q5", QT_TEXT, NULL, 0},
        {"q6", QT_TEXT, NULL, 0},
        {"q7", QT_INTEGER, NULL, 0},
        {"q8", QT_INTEGER, NULL, 0},
        {"n1", QT_NOTE, NULL, 0}, /* a note is never required */
    };
    for (int i = 0; i < 9 && i < s->nquestions; i++) {
        const Question *q = &s->questions[i];
        CHECK_STR(q->name, want[i].name);
        CHECK_INT(q->type, want[i].type);
        CHECK_INT(q->required, want[i].required);
        CHECK_INT(q->line, i + 3);
        CHECK_INT(q->appearance, APPEAR_DEFAULT);
        CHECK(q->relevant == NULL);
        CHECK(q->hint == NULL);
        if (want[i].list) {
            CHECK(q->list != NULL);
            if (q->list)
                CHECK_STR(q->list->name, want[i].list);
        } else {
            CHECK(q->list == NULL);
        }
        /* A question outside a group is a page of its own. */
        CHECK_INT(q->page, i);
    }
    CHECK_STR(survey_text(s, question("q7")->label, 0), "Q seven");
    CHECK_INT(s->npages, 9);
    CHECK_INT(s->pages[4].first, 4);
    CHECK_INT(s->pages[4].count, 1);
    CHECK(s->pages[4].title == NULL);
    CHECK_INT(s->nlists, 2);
    const ChoiceList *c = question("q3")->list;
    CHECK_INT(c->nchoices, 3);
    CHECK_STR(c->choices[2].name, "blue");
    CHECK_STR(survey_text(s, c->choices[1].label, 0), "Green");
    CHECK_INT(survey_choice_index(c, "green"), 1);
    CHECK_INT(survey_choice_index(c, "pink"), -1);
    /* Questions point into the survey's own lists. */
    CHECK(question("q1")->list == question("q2")->list);
    CHECK(question("q1")->list >= s->lists && question("q1")->list < s->lists + s->nlists);
    /* Without settings the form is named after the file; its version is "1". */
    CHECK_STR(s->form_id, "test");
    CHECK_STR(s->version, "1");
    CHECK(survey_question_named(s, "nope") == NULL);
}

static void test_groups_are_pages(void)
{
    CHECK_PARSES("survey,,,,\n"
                 ",type,name,label,relevant\n"
                 ",text,intro,Intro,\n"                       /* 3: page 0 */
                 ",begin group,g1,Group one,${intro} = 'x'\n" /* 4: page 1 */
                 ",text,a,A,\n"
                 ",begin group,g2,Inner,${a} = 'y'\n"
                 ",integer,b,B,${intro} != ''\n"
                 ",end group,,,\n"
                 ",text,c,C,\n"
                 ",end group,,,\n"
                 ",text,d,D,\n"                       /* 11: page 2 */
                 ",begin group,empty,Nothing here,\n" /* no page at all */
                 ",end group,,,\n"
                 ",begin_group,g3,Group three,\n" /* 14: page 3 */
                 ",note,e,E,\n"
                 ",end_group,,,\n");
    if (!s)
        return;
    CHECK_INT(s->nquestions, 6);
    CHECK_INT(s->npages, 4);
    CHECK_INT(question("intro")->page, 0);
    CHECK_INT(question("a")->page, 1);
    CHECK_INT(question("b")->page, 1); /* a nested group flattens into the outermost page */
    CHECK_INT(question("c")->page, 1);
    CHECK_INT(question("d")->page, 2);
    CHECK_INT(question("e")->page, 3);
    CHECK_INT(s->pages[0].first, 0);
    CHECK_INT(s->pages[0].count, 1);
    CHECK(s->pages[0].title == NULL);
    CHECK_INT(s->pages[1].first, 1);
    CHECK_INT(s->pages[1].count, 3);
    CHECK_STR(survey_text(s, s->pages[1].title, 0), "Group one");
    CHECK_INT(s->pages[2].first, 4);
    CHECK_INT(s->pages[2].count, 1);
    CHECK_INT(s->pages[3].first, 5);
    CHECK_STR(survey_text(s, s->pages[3].title, 0), "Group three");
    /* Groups are not questions. */
    CHECK(survey_question_named(s, "g1") == NULL);
    CHECK(survey_question_named(s, "g2") == NULL);

    /* A group's relevant is ANDed into every question in it, nested ones included. */
    CHECK(question("intro")->relevant == NULL);
    CHECK(question("d")->relevant == NULL);
    CHECK(question("e")->relevant == NULL);
    answers_reset();
    CHECK_INT(shown("a"), 0);
    CHECK_INT(shown("b"), 0);
    CHECK_INT(shown("c"), 0);
    answer("intro", "x");
    CHECK_INT(shown("a"), 1);
    CHECK_INT(shown("b"), 0); /* the inner group's ${a} = 'y' is false */
    CHECK_INT(shown("c"), 1); /* outside the inner group */
    answer("a", "y");
    CHECK_INT(shown("b"), 1);
    answer("intro", "q");
    CHECK_INT(shown("a"), 0);
    CHECK_INT(shown("b"), 0); /* the outer group's condition is false */
    CHECK_INT(shown("c"), 0);
}

static void test_group_relevant_with_own(void)
{
    CHECK_PARSES("survey,,,,\n"
                 ",type,name,label,relevant\n"
                 ",integer,age,Age,\n"
                 ",begin group,g,Group,${age} >= 16\n"
                 ",select_multiple m,pick,Pick,\n"
                 ",text,why,Why?,\"selected(${pick}, 'other')\"\n"
                 ",end group,,,\n"
                 "choices,,,,\n"
                 ",list_name,name,label,\n"
                 ",m,tea,Tea,\n"
                 ",m,other,Other,\n");
    if (!s)
        return;
    answers_reset();
    answer("age", "17");
    answer("pick", "tea other");
    CHECK_INT(shown("pick"), 1);
    CHECK_INT(shown("why"), 1);
    answer("pick", "tea");
    CHECK_INT(shown("why"), 0);
    answer("pick", "other");
    answer("age", "15");
    CHECK_INT(shown("pick"), 0);
    CHECK_INT(shown("why"), 0); /* its own condition holds, the group's does not */
}

static void test_hint_appearance_safeguarding(void)
{
    CHECK_PARSES("survey,,,,,\n"
                 ",type,name,label,hint,appearance\n"
                 ",select_one five,f,How was it?,Tap a face,faces\n"
                 ",select_one three,y,Safe?,,yes-notsure-no\n"
                 ",select_one five,m,Minimal,,minimal\n"
                 ",select_multiple three,s,Several,,\n"
                 "choices,,,,,\n"
                 ",list_name,name,label,safeguarding\n"
                 ",five,1,One,\n"
                 ",five,2,Two,no\n"
                 ",five,3,Three,\n"
                 ",five,4,Four,\n"
                 ",five,5,Five,\n"
                 ",three,yes,Yes,\n"
                 ",three,not_sure,Not sure,\n"
                 ",three,no,No,yes\n");
    if (!s)
        return;
    CHECK_INT(question("f")->appearance, APPEAR_FACES);
    CHECK_STR(survey_text(s, question("f")->hint, 0), "Tap a face");
    CHECK(question("y")->hint == NULL);
    CHECK_STR(survey_text(s, question("y")->hint, 0), "");
    CHECK_INT(question("y")->appearance, APPEAR_YES_NOTSURE_NO);
    CHECK_INT(question("m")->appearance, APPEAR_DEFAULT); /* ODK's own: kept as default */
    CHECK_INT(question("s")->appearance, APPEAR_DEFAULT);
    const ChoiceList *three = question("y")->list;
    CHECK_INT(three->nchoices, 3);
    CHECK_INT(three->choices[0].safeguarding, 0);
    CHECK_INT(three->choices[1].safeguarding, 0);
    CHECK_INT(three->choices[2].safeguarding, 1);
    for (int i = 0; i < 5; i++)
        CHECK_INT(question("f")->list->choices[i].safeguarding, 0);
    /* Choice names may be digits. */
    CHECK_STR(question("f")->list->choices[4].name, "5");
}

static void test_translations(void)
{
    /* Plain label and hint columns are in the settings' default language. */
    CHECK_PARSES("survey,,,,,\n"
                 ",type,name,label,label::Fran\xC3\xA7"
                 "ais (fr),hint::Fran\xC3\xA7"
                 "ais (fr)\n"
                 ",text,q,Your name,Ton nom,Un indice\n"
                 ",text,r,Only English,,\n"
                 "settings,,,,,\n"
                 ",form_id,default_language,form_title,,\n"
                 ",my_form,English (en),My form,,\n");
    if (!s)
        return;
    CHECK_INT(s->nlangs, 2);
    CHECK_STR(s->form_id, "my_form");
    int en = -1, fr = -1;
    for (int i = 0; i < s->nlangs; i++) {
        if (strcmp(s->langs[i].name, "English (en)") == 0)
            en = i;
        if (strcmp(s->langs[i].name, "Fran\xC3\xA7"
                                     "ais (fr)") == 0)
            fr = i;
    }
    CHECK(en >= 0 && fr >= 0);
    if (en < 0 || fr < 0)
        return;
    CHECK_STR(s->langs[en].code, "en");
    CHECK_STR(s->langs[fr].code, "fr");
    CHECK_INT(s->default_lang, en);
    CHECK_STR(survey_text(s, question("q")->label, en), "Your name");
    CHECK_STR(survey_text(s, question("q")->label, fr), "Ton nom");
    /* Missing in the language asked for: the default language's text. */
    CHECK_STR(survey_text(s, question("r")->label, fr), "Only English");
    /* Missing in the default language too: the first language that has it. */
    CHECK_STR(survey_text(s, question("q")->hint, en), "Un indice");
    CHECK_STR(survey_text(s, s->title, fr), "My form");

    /* default_language may name a language by its code. */
    CHECK_PARSES("survey,,,\n"
                 ",type,name,label::English (en),label::Cymraeg (cy)\n"
                 ",note,n,Hello,Helo\n"
                 "settings,,,\n"
                 ",default_language,,\n"
                 ",cy,,\n");
    if (!s)
        return;
    CHECK_INT(s->nlangs, 2);
    CHECK_STR(s->langs[s->default_lang].code, "cy");
    CHECK_STR(survey_text(s, question("n")->label, -1), "Helo");
    CHECK_STR(survey_text(s, question("n")->label, 0), "Hello");

    /* Without settings a plain label is a language without a name. */
    CHECK_PARSES("survey,,\n"
                 ",type,name,label\n"
                 ",note,n,Hello\n");
    if (!s)
        return;
    CHECK_INT(s->nlangs, 1);
    CHECK_STR(s->langs[0].name, "");
    CHECK_STR(s->langs[0].code, "");
    CHECK_INT(s->default_lang, 0);

    /* A default language that matches no column is a problem at its cell. */
    parse("survey,,,\n"
          ",type,name,label::English (en)\n"
          ",note,n,Hello\n"
          "settings,,,\n"
          ",form_id,default_language,\n"
          ",f,Klingon (tlh),\n");
    CHECK_PROBLEM(6, 3, "Klingon");
}

static void test_case_and_padding(void)
{
    CHECK_PARSES("  SURVEY  ,,,,\n"
                 ",  TYPE , Name ,  LABEL::English (en) ,REQUIRED\n"
                 ", Select_One   yn ,q1,  Hello  ,YES\n"
                 ",  Select One From yn,q2,Two,\n"
                 ",INTEGER,q3,Three,No\n"
                 " Choices ,,,,\n"
                 ", List Name , NAME , Label::English (en),\n"
                 ",yn, yes ,Yes,\n"
                 ",yn,no,No,\n"
                 "Settings,,,,\n"
                 ", Form_ID , Version,,\n"
                 ", kiosk_form , 7,,\n");
    if (!s)
        return;
    CHECK_INT(question("q1")->type, QT_SELECT_ONE);
    CHECK_STR(question("q1")->list->name, "yn");
    CHECK_INT(question("q1")->required, 1);
    CHECK_STR(survey_text(s, question("q1")->label, 0), "Hello");
    CHECK_INT(question("q2")->type, QT_SELECT_ONE);
    CHECK_INT(question("q3")->type, QT_INTEGER);
    CHECK_INT(question("q3")->required, 0);
    CHECK(question("q1")->required_if == NULL);
    CHECK_STR(question("q1")->list->choices[0].name, "yes");
    CHECK_STR(s->langs[0].code, "en");
    CHECK_STR(s->form_id, "kiosk_form");
    CHECK_STR(s->version, "7");
    /* List names are case-sensitive. */
    parse("survey,,\n"
          ",type,name,label\n"
          ",select_one YN,q,Q\n"
          "choices,,\n"
          ",list_name,name,label\n"
          ",yn,yes,Yes\n");
    CHECK_PROBLEM(3, 2, "unknown choice list 'YN'");
}

static void test_bom_crlf_quoting(void)
{
    CHECK_PARSES("\xEF\xBB\xBFsurvey,,,\r\n"
                 ",type,name,label\r\n"
                 ",text,q1,\"Hello, world\r\nsecond line\"\r\n"
                 ",\"integer\",\"q2\",\"Say \"\"hi\"\"\"\r\n"
                 "\r\n"
                 ",note,\"n\",\"a, b\r\n\r\nc\"\r\n");
    if (!s)
        return;
    CHECK_INT(s->nquestions, 3);
    CHECK_STR(survey_text(s, question("q1")->label, 0), "Hello, world\nsecond line");
    CHECK_INT(question("q1")->line, 3);
    CHECK_STR(survey_text(s, question("q2")->label, 0), "Say \"hi\"");
    CHECK_INT(question("q2")->line, 5);
    CHECK_INT(question("n")->line, 7);
    CHECK_STR(survey_text(s, question("n")->label, 0), "a, b\n\nc");
}

static void test_unknown_sheets_and_columns_ignored(void)
{
    CHECK_PARSES("survey,,,,\n"
                 ",type,name,label,media::video,constraint\n"
                 ",integer,q,Q,q.mp4,. < 10\n"
                 "external_choices,,,\n"
                 ",list_name,name,label\n"
                 ",whatever,a,A\n");
    if (!s)
        return;
    CHECK_INT(s->nquestions, 1);
    CHECK_INT(s->nlists, 0);
}

/* decimal, range, acknowledge, trigger, date, time and or_other, as pyxform spells them. */
static void test_new_kinds(void)
{
    CHECK_PARSES("survey,,,,,\n"
                 ",type,name,label,parameters,default\n"
                 ",decimal,h,Height,,1.50\n"
                 ",add decimal prompt,w,Weight,,\n"
                 ",range,r,Scale,,\n"
                 ",range,half,Hours,start=0 end=24 step=0.5,8.5\n"
                 ",range,big,Big,start=-10 end=10 step=5 tick_interval=5,\n"
                 ",acknowledge,ack,I know,,\n"
                 ",trigger,go,Ready,,\n"
                 ",date,d,When,,2016-02-29\n"
                 ",time,t,What time,,21:30:00\n"
                 ",select_one yn or_other,o,Which,,\n"
                 ",select multiple yn or specify other,m,Which ones,,\n"
                 ",rank yn,rk,Put in order,,\n"
                 "choices,,\n"
                 ",list_name,name,label\n"
                 ",yn,yes,Yes\n"
                 ",yn,no,No\n");
    if (!s)
        return;
    CHECK_INT(question("h")->type, QT_DECIMAL);
    CHECK_STR(question("h")->default_value, "1.50");
    CHECK_INT(question("w")->type, QT_DECIMAL);
    const Question *r = question("r");
    CHECK_INT(r->type, QT_RANGE);
    CHECK_INT(r->range_count, 10); /* pyxform's defaults: 1 to 10 in steps of 1 */
    char v[ANSWER_DECIMAL_MAX + 1];
    CHECK_INT(survey_range_value(r, 0, v), 0);
    CHECK_STR(v, "1");
    CHECK_INT(survey_range_value(r, 9, v), 0);
    CHECK_STR(v, "10");
    CHECK_INT(survey_range_value(r, 10, v), -1);
    const Question *half = question("half");
    CHECK_INT(half->range_count, 49);
    CHECK_INT(survey_range_value(half, 17, v), 0);
    CHECK_STR(v, "8.5");
    CHECK_INT(question("big")->range_count, 5);
    CHECK_INT(survey_range_value(question("big"), 1, v), 0);
    CHECK_STR(v, "-5");
    CHECK_INT(question("ack")->type, QT_ACKNOWLEDGE);
    CHECK_INT(question("go")->type, QT_ACKNOWLEDGE);
    CHECK_INT(question("d")->type, QT_DATE);
    CHECK_INT(question("t")->type, QT_TIME);
    /* or_other: the list and "Other", and the typed answer shown when it is chosen */
    const Question *o = question("o");
    CHECK_INT(o->list->nchoices, 3);
    CHECK_STR(o->list->choices[2].name, "other");
    CHECK(o->list->choices[2].other);
    CHECK_INT(s->lists[0].nchoices, 2); /* the list itself is unchanged */
    const Question *oo = question("o_other");
    CHECK_INT(oo->type, QT_TEXT);
    CHECK(oo->other);
    CHECK_INT(question("m")->list->nchoices, 3);
    CHECK(survey_question_named(s, "m_other") != NULL);
    CHECK_INT(question("rk")->type, QT_RANK);
    CHECK_INT(question("rk")->list->nchoices, 2);
    answers_reset();
    answer("o", "yes");
    CHECK(!shown("o_other"));
    answer("o", "other");
    CHECK(shown("o_other"));
}

static void test_new_kinds_refused(void)
{
    static const struct {
        const char *row, *words;
        int column;
    } bad[] = {
        {",range,r,R,start=5 end=1,", "below its start", 5},
        {",range,r,R,start=0 end=10 step=0,", "step must be above 0", 5},
        {",range,r,R,start=0 end=100000 step=1,", "more than 1000 values", 5},
        {",range,r,R,from=1,", "unknown range parameter 'from'", 5},
        {",range,r,R,start=one,", "'one' is not a number", 5},
        {",range,r,R,start=1 end=5,7", "not one of the range's values", 6},
        {",decimal,x,X,,tall", "default of a decimal must be a number", 6},
        {",date,x,X,,2023-02-29", "default of a date", 6},
        {",time,x,X,,25:00", "default of a time", 6},
        {",acknowledge,x,X,,OK", "no default", 6},
        {",dateTime,x,X,,", "no time of day", 2},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "survey,,,,\n"
                 ",type,name,label,parameters,default\n"
                 "%s\n",
                 bad[i].row);
        parse(text);
        check_one_problem(3, bad[i].column, bad[i].words, __LINE__);
    }
    parse("survey,,\n"
          ",type,name,label\n"
          ",text,o_other,Taken\n"
          ",select_one yn or_other,o,Which\n"
          "choices,,\n"
          ",list_name,name,label\n"
          ",yn,yes,Yes\n");
    CHECK_PROBLEM(4, 3, "adds a question 'o_other', and that name is taken");
    parse("survey,,\n"
          ",type,name,label\n"
          ",select_one yn or_other,o,Which\n"
          "choices,,\n"
          ",list_name,name,label\n"
          ",yn,other,Other\n");
    CHECK_PROBLEM(3, 2, "has a choice 'other' and or_other adds one");
    /* choice_filter: its bare names must be columns of the choices sheet, on a select */
    static const char filtered[] = "survey,,,\n"
                                   ",type,name,label,choice_filter\n"
                                   ",text,r,Region,\n"
                                   ",select_one t,town,Town,%s\n"
                                   ",text,x,X,%s\n"
                                   "choices,,,\n"
                                   ",list_name,name,label,region\n"
                                   ",t,a,A,north\n"
                                   ",t,b,B,south\n";
    char text[600];
    snprintf(text, sizeof text, filtered, "region = ${r}", "");
    CHECK_PARSES(text);
    if (s) {
        const Question *town = question("town");
        CHECK(town->choice_filter != NULL);
        CHECK_STR(survey_choice_column(s, &town->list->choices[1], "region"), "south");
        CHECK_STR(survey_choice_column(s, &town->list->choices[1], "name"), "b");
        CHECK(survey_choice_column(s, &town->list->choices[1], "county") == NULL);
    }
    /* a column the choices sheet lacks reads as empty, as ODK reads it */
    snprintf(text, sizeof text, filtered, "county = ${r}", "");
    CHECK_PARSES(text);
    if (s) {
        const Question *town = question("town");
        CHECK(survey_choice_column(s, &town->list->choices[0], "county") == NULL);
        CHECK_STR(survey_choice_column(s, &town->list->choices[0], "label"), "A");
    }
    /* label::Language: the choice's label in that language, by its name or its code */
    CHECK_PARSES("survey,,,,\n"
                 ",type,name,label::English (en),label::French (fr),choice_filter\n"
                 ",select_one t,town,Town,Ville,label::English != 'A' and label::fr != 'Y'\n"
                 "choices,,,\n"
                 ",list_name,name,label::English (en),label::French (fr)\n"
                 ",t,a,A,X\n"
                 ",t,b,B,Y\n"
                 ",t,c,C,Z\n");
    if (s) {
        const Choice *c = &question("town")->list->choices[1];
        CHECK_STR(survey_choice_column(s, c, "label::English (en)"), "B");
        CHECK_STR(survey_choice_column(s, c, "label::fr"), "Y");
        CHECK(survey_choice_column(s, c, "label::German") == NULL);
    }
    snprintf(text, sizeof text, filtered, "region = ${nobody}", "");
    parse(text);
    CHECK_PROBLEM(4, 5, "'${nobody}'");
    snprintf(text, sizeof text, filtered, "", "region = 'x'");
    parse(text);
    CHECK_PROBLEM(5, 5, "only a select's choices are filtered");
}

/* Repeats with a repeat_count are unrolled: a group an instance, names and ${} per instance. */
static void test_repeats(void)
{
    CHECK_PARSES("survey,,,,,\n"
                 ",type,name,label,repeat_count,relevant\n"
                 ",integer,n,How many?,,\n"
                 ",begin repeat,r,Child,${n},\n"
                 ",text,a,Name of number position(..),,\n"
                 ",text,b,\"About ${a}, who is number position(..)\",,${a} != ''\n"
                 ",end repeat,,,,\n"
                 ",begin repeat,t,Trip,3,\n"
                 ",integer,c,Cost,,\n"
                 ",end repeat,,,,\n");
    if (!s)
        return;
    CHECK_INT(s->nquestions, 1 + 2 * SURVEY_REPEAT_MAX + 3);
    CHECK_INT(s->npages, 1 + SURVEY_REPEAT_MAX + 3);
    CHECK_STR(survey_text(s, s->pages[1].title, 0), "Child (1)");
    CHECK_STR(survey_text(s, s->pages[3].title, 0), "Child (3)");
    CHECK_STR(survey_text(s, question("a_2")->label, 0), "Name of number 2");
    CHECK_STR(survey_text(s, question("b_3")->label, 0), "About ${a_3}, who is number 3");
    CHECK(survey_question_named(s, "c_3") != NULL);
    CHECK(survey_question_named(s, "c_4") == NULL);
    CHECK(survey_question_named(s, "a") == NULL);
    /* instance k is shown while the young person's number is at least k */
    answers_reset();
    answer("n", "2");
    CHECK(shown("a_2"));
    CHECK(!shown("a_3"));
    answer("a_2", "Jo");
    CHECK(shown("b_2"));
    CHECK(!shown("b_1")); /* its own instance's ${a} */
    CHECK(shown("c_3"));

    static const struct {
        const char *count, *words;
    } bad[] = {
        {"0", "repeat_count 0: a kiosk asks a repeat 1 to 10 times"},
        {"11", "repeat_count 11"},
        {"lots", "'lots' is not a number from 1 to 10 nor one ${question}"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[400];
        snprintf(text, sizeof text,
                 "survey,,,,\n"
                 ",type,name,label,repeat_count\n"
                 ",begin repeat,r,R,%s\n"
                 ",text,a,A,\n"
                 ",end repeat,,,\n",
                 bad[i].count);
        parse(text);
        check_one_problem(3, 5, bad[i].words, __LINE__);
    }
    /* a question asked each time, named from outside the repeat: which time? */
    parse("survey,,,,\n"
          ",type,name,label,repeat_count\n"
          ",begin repeat,r,R,2\n"
          ",text,a,A,\n"
          ",end repeat,,,\n"
          ",note,n,You said ${a},\n");
    CHECK_PROBLEM(6, 4, "'${a}', which repeat 'r' asks each time: name one time, as ${a_1}");
}

/* `required` as an expression (pyxform accepts one): required while it holds; a broken one or
 * one naming an unknown question is told at its cell. */
static void test_required_expression(void)
{
    CHECK_PARSES("survey,,,\n"
                 ",type,name,label,required\n"
                 ",integer,age,Age?,\n"
                 ",text,school,Which school?,${age} < 16\n"
                 ",note,n,A note,${age} < 16\n");
    if (s) {
        const Question *q = question("school");
        CHECK_INT(q->required, 1);
        CHECK(q->required_if != NULL);
        answers_reset();
        answer("age", "12");
        CHECK_INT(expr_eval(q->required_if, lookup, NULL), 1);
        answer("age", "17");
        CHECK_INT(expr_eval(q->required_if, lookup, NULL), 0);
        CHECK_INT(question("n")->required, 0); /* a note is never required */
    }
    parse("survey,,,\n"
          ",type,name,label,required\n"
          ",integer,age,Age?,\n"
          ",text,school,Which school?,${age} <\n");
    CHECK_PROBLEM(4, 5, "required: ");
    parse("survey,,,\n"
          ",type,name,label,required\n"
          ",text,school,Which school?,${nobody} = 'x'\n");
    CHECK_PROBLEM(3, 5, "required refers to unknown question '${nobody}'");
    /* inside a repeat, its own time's */
    CHECK_PARSES("survey,,,,\n"
                 ",type,name,label,required,repeat_count\n"
                 ",begin repeat,r,R,,2\n"
                 ",integer,a,A?,,\n"
                 ",text,b,B?,${a} > 1,\n"
                 ",end repeat,,,,\n");
    if (s) {
        answers_reset();
        answer("a_2", "5");
        CHECK_INT(expr_eval(question("b_2")->required_if, lookup, NULL), 1);
        CHECK_INT(expr_eval(question("b_1")->required_if, lookup, NULL), 0);
    }
}

/* A repeat inside a repeat: copied into each outer time, then unrolled there (x_K_J), its
 * ${} naming its own outer time's questions as ODK's relative references do. */
static void test_nested_repeats(void)
{
    CHECK_PARSES("survey,,,,,\n"
                 ",type,name,label,repeat_count,relevant\n"
                 ",begin repeat,hh,Household,2,\n"
                 ",text,who,Who lives here?,,\n"
                 ",integer,n,How many pets?,,\n"
                 ",begin repeat,kid,Child of ${who},,\n"
                 ",text,kn,Child position(..) of ${who},,\n"
                 ",integer,age,Age of ${kn},,${kn} != ''\n"
                 ",end repeat,,,,\n"
                 ",begin repeat,pet,Pet,${n},\n"
                 ",text,pn,Pet position(..),,\n"
                 ",end repeat,,,,\n"
                 ",end repeat,,,,\n");
    if (!s)
        return;
    /* a time of hh: who, n, kid_K_count, 5 kids of 2 questions, 10 pets */
    CHECK_INT(s->nquestions, 2 * (3 + 2 * SURVEY_REPEAT_INNER_MAX + SURVEY_REPEAT_MAX));
    const Question *c = question("kid_2_count");
    CHECK(c->type == QT_INTEGER);
    CHECK_STR(survey_text(s, c->label, 0), "Child of ${who_2}: how many? (0 to 5)");
    CHECK(survey_question_named(s, "kn_2_5") != NULL);
    CHECK(survey_question_named(s, "kn_2_6") == NULL);
    CHECK(survey_question_named(s, "kn_3_1") == NULL);
    CHECK(survey_question_named(s, "kn_1") == NULL);
    /* each name its own time's: the inner position is the inner time's, ${who} the outer's */
    CHECK_STR(survey_text(s, question("kn_2_3")->label, 0), "Child 3 of ${who_2}");
    CHECK_STR(survey_text(s, question("age_1_4")->label, 0), "Age of ${kn_1_4}");
    CHECK_STR(survey_text(s, question("pn_2_7")->label, 0), "Pet 7");
    /* each inner time its own screen, under its own number; the outer time's own questions
     * share the outer time's */
    CHECK(question("who_1")->page == question("n_1")->page);
    CHECK(question("kn_1_1")->page != question("n_1")->page);
    CHECK(question("kn_1_1")->page != question("kn_1_2")->page);
    CHECK(question("kn_1_1")->page == question("age_1_1")->page);
    CHECK_STR(survey_text(s, s->pages[question("kn_2_3")->page].title, 0), "Child of ${who_2} (3)");
    answers_reset();
    answer("kid_1_count", "2");
    answer("kid_2_count", "1");
    CHECK(shown("kn_1_2"));
    CHECK(!shown("kn_1_3"));
    CHECK(shown("kn_2_1"));
    CHECK(!shown("kn_2_2"));
    answer("kn_1_2", "Sam");
    CHECK(shown("age_1_2"));
    CHECK(!shown("age_2_2")); /* its own time's ${kn} */
    CHECK(!shown("age_1_1"));
    /* a count asked in the outer time counts the inner repeat of that time */
    answer("n_2", "3");
    CHECK(shown("pn_2_3"));
    CHECK(!shown("pn_2_4"));
    CHECK(!shown("pn_1_1"));
    /* the outer time's relevance still holds over its inner ones */
    CHECK_PARSES("survey,,,,,\n"
                 ",type,name,label,repeat_count,relevant\n"
                 ",integer,h,How many homes?,,\n"
                 ",begin repeat,hh,Home,${h},\n"
                 ",begin repeat,room,Room,2,\n"
                 ",text,rn,Room name,,\n"
                 ",end repeat,,,,\n"
                 ",end repeat,,,,\n");
    if (s) {
        CHECK_INT(s->nquestions, 1 + SURVEY_REPEAT_MAX * 2);
        answers_reset();
        answer("h", "1");
        CHECK(shown("rn_1_2"));
        CHECK(!shown("rn_2_1"));
    }

    /* Broken: an outer repeat never closed is named at its type (the inner one is still read) */
    parse("survey,,,,\n"
          ",type,name,label,repeat_count\n"
          ",begin repeat,hh,Household,2\n"
          ",begin repeat,kid,Child,\n"
          ",text,kn,Name,\n"
          ",end repeat,,,\n");
    CHECK_PROBLEM(3, 2, "repeat 'hh' is never closed (no 'end repeat')");
    /* an inner count that is no number: told once, not once an outer time */
    parse("survey,,,,\n"
          ",type,name,label,repeat_count\n"
          ",begin repeat,hh,Household,2\n"
          ",begin repeat,kid,Child,lots\n"
          ",text,kn,Name,\n"
          ",end repeat,,,\n"
          ",end repeat,,,\n");
    CHECK_PROBLEM(4, 5, "repeat_count 'lots' is not a number");
    /* a name inside that grows too long once each time's numbers are added */
    parse("survey,,,,\n"
          ",type,name,label,repeat_count\n"
          ",begin repeat,hh,Household,2\n"
          ",begin repeat,kid,Child,3\n"
          ",text,the_name_of_the_child_who_lives_in_this_household_at_present_x,Name,\n"
          ",end repeat,,,\n"
          ",end repeat,,,\n");
    CHECK_PROBLEM(5, 3,
                  "'the_name_of_the_child_who_lives_in_this_household_at_present_x', asked each "
                  "time of repeat 'kid', is answered as "
                  "'the_name_of_the_child_who_lives_in_this_household_at_present_x_1_1', longer "
                  "than 64 bytes");
    /* an inner question named from the outer time: which inner time? (its author's names) */
    parse("survey,,,,\n"
          ",type,name,label,repeat_count\n"
          ",begin repeat,hh,Household,2\n"
          ",begin repeat,kid,Child,2\n"
          ",text,kn,Name,\n"
          ",end repeat,,,\n"
          ",note,say,You said ${kn},\n"
          ",end repeat,,,\n");
    CHECK_PROBLEM(7, 4, "'${kn}', which repeat 'kid' asks each time: name one time, as ${kn_1_1}");
    /* a duplicate inside the inner repeat, by its author's name */
    parse("survey,,,,\n"
          ",type,name,label,repeat_count\n"
          ",begin repeat,hh,Household,2\n"
          ",begin repeat,kid,Child,2\n"
          ",text,kn,Name,\n"
          ",text,kn,Name,\n"
          ",end repeat,,,\n"
          ",end repeat,,,\n");
    CHECK_PROBLEM(6, 3, "duplicate name 'kn'");
}

/* ---- what is refused, and where ---- */

static void test_error_unsupported_type(void)
{
    parse("survey,,\n"
          ",type,name,label\n"
          ",text,a,A\n"
          ",decimalx,b,B\n");
    CHECK_PROBLEM(4, 2, "unsupported type 'decimalx'");
    /* A mistake inside a repeat is told once, by the author's name, not once a time. */
    parse("survey,,\n"
          ",type,name,label\n"
          ",begin repeat,r,R\n"
          ",text,a,A\n"
          ",text,a,A\n"
          ",end repeat,,\n");
    CHECK(s == NULL);
    CHECK_INT(probs.count, 1);
    CHECK_INT(probs.items[0].line, 5);
    CHECK(strstr(probs.items[0].reason, "duplicate name 'a'") != NULL);
    /* Without repeat_count the young person says how many times, first: r_count, then each
     * time on its own screens, shown while r_count is at least its number. */
    CHECK_PARSES("survey,,\n"
                 ",type,name,label\n"
                 ",begin repeat,r,Children\n"
                 ",text,a,Name?\n"
                 ",end repeat,,\n");
    if (s) {
        const Question *c = survey_question_named(s, "r_count");
        CHECK(c != NULL && c->type == QT_INTEGER);
        if (c)
            CHECK_STR(survey_text(s, c->label, 0), "Children: how many? (0 to 10)");
        CHECK(survey_question_named(s, "a_10") != NULL);
        CHECK_INT(s->nquestions, 11);
    }
    /* the repeat's relevant asks the count only when it holds */
    CHECK_PARSES("survey,,,\n"
                 ",type,name,label,relevant\n"
                 ",select_one yn,kids,Children?,\n"
                 ",begin repeat,r,Children,${kids} = 'yes'\n"
                 ",text,a,Name?,\n"
                 ",end repeat,,,\n"
                 "choices,,,\n"
                 ",list_name,name,label\n"
                 ",yn,yes,Yes\n"
                 ",yn,no,No\n");
    if (s) {
        const Question *c = survey_question_named(s, "r_count");
        CHECK(c != NULL && c->relevant != NULL);
    }
    /* An end that closes the other kind is named. */
    parse("survey,,\n"
          ",type,name,label\n"
          ",begin group,g,G\n"
          ",text,a,A\n"
          ",end repeat,,\n");
    CHECK_PROBLEM(5, 2, "'end repeat' closes the 'begin group' on line 3");
}

/* Device capture: one problem per row, at its type cell, saying what the row does and to remove
 * it; the row's name is still taken, so a reference to it or a question after it adds nothing. */
static void test_error_device_capture(void)
{
    static const struct {
        const char *type, *does;
    } rows[] = {
        {"geopoint", "location"},
        {"geotrace", "line walked"},
        {"geoshape", "shape"},
        {"image", "photo"},
        {"photo", "photo"},
        {"audio", "records sound"},
        {"video", "records video"},
        {"barcode", "barcode"},
        {"file", "attaches a file"},
        {"signature", "signature"},
        {"background-audio", "records sound"},
        {"select_one_from_file places.csv", "file on the phone"},
        {"select_multiple_from_file places.csv", "file on the phone"},
        {"select one from file places.csv", "file on the phone"},
        {"Select_One_From_File", "file on the phone"},
        {"  GeoPoint ", "location"},
        {"osm buildings", "edits a map"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "survey,,,,\n"
                 ",type,name,label,relevant\n"
                 ",%s,cap,Capture,\n"
                 ",text,after,After ${cap},${cap} != ''\n",
                 rows[i].type);
        parse(text);
        CHECK_PROBLEM(3, 2, rows[i].does);
        CHECK(probs.count == 1 && strstr(probs.items[0].reason, "remove this row") != NULL);
    }
    /* In a workbook the same line names the sheet and cell (test_xlsx); many rows, many lines. */
    parse("survey,,\n"
          ",type,name,label\n"
          ",geopoint,g1,G\n"
          ",image,g1,Photo of the same name\n"
          ",text,a,A\n");
    CHECK(s == NULL);
    CHECK_INT(probs.count, 2);
    CHECK_INT(probs.items[1].line, 4);
    CHECK(strstr(probs.items[1].reason, "photo") != NULL);
}

/* Metadata types are accepted and never recorded: no question, no answer, listed on the
 * survey so check-survey can say Chorus does not collect them. */
static void test_metadata_types(void)
{
    CHECK_PARSES("survey,,,,\n"
                 ",type,name,label,relevant\n"
                 ",start,start,,\n"
                 ",end,end,,\n"
                 ",today,today,,\n"
                 ",deviceid,deviceid,,\n"
                 ",username,username,,\n"
                 ",phonenumber,phonenumber,,\n"
                 ",simserial,simserial,,\n"
                 ",subscriberid,subscriberid,,\n"
                 ",audit,audit,,\n"
                 ",email,email,,\n"
                 ",start-geopoint,where,,\n"
                 ",DeviceID,imei2,,\n"
                 ",text,a,A,${today} = ''\n");
    if (!s)
        return;
    CHECK_INT(s->nquestions, 1);
    CHECK_INT(s->npages, 1);
    CHECK_INT(s->nmeta, 12);
    CHECK_STR(s->meta_types[0], "start");
    CHECK_STR(s->meta_types[9], "email");
    CHECK_STR(s->meta_types[11], "deviceid");
    CHECK(survey_question_named(s, "deviceid") == NULL);
    /* A metadata row still takes its name. */
    parse("survey,,\n"
          ",type,name,label\n"
          ",start,when,\n"
          ",text,when,When?\n");
    CHECK_PROBLEM(4, 3, "duplicate name 'when'");
}

/* pyxform's rules for rows it ignores and the old spellings of types. */
static void test_pyxform_leniency(void)
{
    CHECK_PARSES("survey,,,,,\n"
                 ",type,name,label,,hint\n"
                 ",add text prompt,t,T,under no header,\n"
                 ",add integer prompt,i,I,,\n"
                 ",select one yn,s1,S one,,\n"
                 ",add select one prompt using yn,s2,S two,,\n"
                 ",select multiple yn,m1,M one,,\n"
                 ",select all that apply yn,m2,M two,,\n"
                 ",add note prompt,n,N,,\n"
                 ",,,,a comment in a column with no header,a comment in the hint column\n"
                 ",q string,t2,,,Only a hint\n"
                 "choices,,,\n"
                 ",list_name,name,label\n"
                 ",yn,yes,Yes\n"
                 ",yn,no,\n");
    if (!s)
        return;
    CHECK_INT(s->nquestions, 8);
    CHECK_INT(question("t")->type, QT_TEXT);
    CHECK_INT(question("i")->type, QT_INTEGER);
    CHECK_INT(question("s1")->type, QT_SELECT_ONE);
    CHECK_INT(question("s2")->type, QT_SELECT_ONE);
    CHECK_INT(question("m1")->type, QT_SELECT_MULTIPLE);
    CHECK_INT(question("m2")->type, QT_SELECT_MULTIPLE);
    CHECK_INT(question("n")->type, QT_NOTE);
    /* a hint without a label is what the question asks */
    CHECK_STR(survey_text(s, question("t2")->label, 0), "Only a hint");
    CHECK(question("t2")->hint == NULL);
    /* a choice without a label shows its name */
    CHECK_STR(survey_text(s, question("s1")->list->choices[1].label, 0), "no");
    /* Markup in labels, hints and choices is read into plain words; the source stays for a
     * drawer that shows bold and italic. */
    CHECK_PARSES("survey,,,,\n"
                 ",type,name,label,hint\n"
                 ",select_one yn,q,**Do** you like <span style=\"color:red\">school</span>?,"
                 "_Be honest_\n"
                 ",text,plain,Just words,\n"
                 "choices,,,\n"
                 ",list_name,name,label\n"
                 ",yn,yes,*Yes*\n"
                 ",yn,yes,Yes again\n"
                 "settings,,\n"
                 ",allow_choice_duplicates,form_id\n"
                 ",yes,dups\n");
    if (s) {
        CHECK_STR(survey_text(s, question("q")->label, 0), "Do you like school?");
        CHECK_STR(survey_text_markup(s, question("q")->label, 0),
                  "**Do** you like <span style=\"color:red\">school</span>?");
        CHECK_STR(survey_text(s, question("q")->hint, 0), "Be honest");
        CHECK_STR(survey_text(s, question("q")->list->choices[0].label, 0), "Yes");
        CHECK_STR(survey_text_markup(s, question("plain")->label, 0), "Just words");
        /* allow_choice_duplicates: the list keeps both */
        CHECK_INT(question("q")->list->nchoices, 2);
    }
    parse("survey,,\n"
          ",type,name,label\n"
          ",select_one yn,q,Q\n"
          "choices,,\n"
          ",list_name,name,label\n"
          ",yn,yes,Yes\n"
          ",yn,yes,Yes again\n");
    CHECK_PROBLEM(7, 3, "allow_choice_duplicates");
    /* A row with a name or a label but no type is still a mistake. */
    parse("survey,,\n"
          ",type,name,label\n"
          ",,lost,Lost\n");
    CHECK_PROBLEM(3, 2, "row has no type");
    parse("survey,,\n"
          ",type,name,label\n"
          ",text,a,\n");
    CHECK_PROBLEM(3, 3, "no label (nor a hint)");
}

/* What pyxform accepts in real forms (tests/data/forms): its other column names, a nameless
 * note, spaces in choice names outside a select_multiple, its old metadata type names; and a
 * refused row's name is no follow-on problem where it is used. */
static void test_pyxform_real_forms(void)
{
    CHECK_PARSES("survey,,,,\n"
                 ",command,value,caption,relevance\n"
                 ",select_one places,where,Where?,\n"
                 ",note,,Thank you,${where} = 'foot paths'\n"
                 ",get start time,started,,\n"
                 ",select_multiple yn,which,Which?,\n"
                 "choices,,,\n"
                 ",list name,value,caption\n"
                 ",places,foot paths,Foot paths\n"
                 ",places,road,Road\n"
                 ",yn,yes,Yes\n");
    if (s) {
        CHECK_INT(s->nquestions, 3);
        CHECK_STR(survey_text(s, question("where")->label, 0), "Where?");
        CHECK_STR(question("where")->list->choices[0].name, "foot paths");
        /* pyxform's name for a nameless note: after its row */
        CHECK(survey_question_named(s, "generated_note_name_4") != NULL);
        CHECK(question("generated_note_name_4")->relevant != NULL);
        CHECK_INT(s->nmeta, 1);
        CHECK_STR(s->meta_types[0], "start");
    }
    /* a select_multiple's answer is names separated by spaces: pyxform refuses a space there */
    parse("survey,,\n"
          ",type,name,label\n"
          ",select_multiple places,where,Where?\n"
          "choices,,,\n"
          ",list_name,name,label\n"
          ",places,foot paths,Foot paths\n");
    CHECK_PROBLEM(3, 2, "'foot paths' of list 'places' has a space in it");
    /* other nameless rows still need a name */
    parse("survey,,\n"
          ",type,name,label\n"
          ",text,,What?\n");
    CHECK_PROBLEM(3, 3, "'text' has no name");
    /* a nameless group is one problem: its 'end group' still closes it */
    parse("survey,,\n"
          ",type,name,label\n"
          ",begin group,,G\n"
          ",text,a,A\n"
          ",end group,,\n");
    CHECK_PROBLEM(3, 3, "'begin group' has no name");
    /* a calculation refused is one problem, not one more for each ${} of it */
    parse("survey,,,\n"
          ",type,name,label,calculation\n"
          ",calculate,fruit,,\"pulldata('fruits', 'name', 'name', 'mango')\"\n"
          ",note,n,You like ${fruit},\n"
          ",calculate,twice,,${fruit} * 2\n");
    CHECK_PROBLEM(3, 5, "pulldata()");
}

/* Over SURVEY_ERRORS_MAX problems: the first are kept, and the last line says where the first
 * one not shown is, in the same FILE:LINE:COLUMN form. */
static void test_error_cap(void)
{
    char text[8192] = "survey,,\n,type,name,label\n";
    for (int i = 0; i < SURVEY_ERRORS_MAX + 5; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), ",bogus,q%d,Q\n", i);
    parse(text);
    CHECK(s == NULL);
    CHECK_INT(probs.count, SURVEY_ERRORS_MAX);
    CHECK_INT(probs.truncated, 1);
    CHECK_INT(probs.first_unshown.line, 3 + SURVEY_ERRORS_MAX);
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    CHECK(f != NULL);
    if (!f)
        return;
    survey_problems_print("test.csv", &probs, f);
    fclose(f);
    const char *last = out + outlen - 1;
    while (last > out && last[-1] != '\n')
        last--;
    char want[64];
    snprintf(want, sizeof want, "test.csv:%d:2: more problems", 3 + SURVEY_ERRORS_MAX);
    CHECK(strncmp(last, want, strlen(want)) == 0);
    if (strncmp(last, want, strlen(want)) != 0)
        fprintf(stderr, "last line: %s", last);
    free(out);
}

static void test_error_unknown_list(void)
{
    parse("survey,,\n"
          ",type,name,label\n"
          ",select_one yn,q1,Q\n"
          ",select_multiple colours,q2,Q\n"
          "choices,,\n"
          ",list_name,name,label\n"
          ",yn,yes,Yes\n");
    CHECK_PROBLEM(4, 2, "unknown choice list 'colours'");
}

static void test_error_unknown_reference(void)
{
    parse("survey,,,\n"
          ",type,name,label,relevant\n"
          ",text,a,A,\n"
          ",text,b,B,${a} = 'x' and ${nope} = 'y'\n");
    CHECK_PROBLEM(4, 5, "'${nope}'");
    /* A group's relevant is checked too; a later question is known. */
    parse("survey,,,\n"
          ",type,name,relevant,label\n"
          ",begin group,g,${later} = 1,G\n"
          ",text,a,${ghost},A\n"
          ",end group,,,\n"
          ",integer,later,,L\n");
    CHECK_PROBLEM(4, 4, "'${ghost}'");
}

static void test_error_duplicate_name(void)
{
    parse("survey,,\n"
          ",type,name,label\n"
          ",text,a,A\n"
          ",text,b,B\n"
          ",integer,a,A again\n");
    CHECK_PROBLEM(5, 3, "first used on line 3");
    CHECK(strstr(probs.items[0].reason, "'a'") != NULL);
    /* A group and a question beside it share one namespace. */
    parse("survey,,\n"
          ",type,name,label\n"
          ",begin group,g,G\n"
          ",end group,,\n"
          ",text,g,A\n");
    CHECK_PROBLEM(5, 3, "first used on line 3");
    /* Inside one group too. */
    parse("survey,,\n"
          ",type,name,label\n"
          ",begin group,g,G\n"
          ",text,a,A\n"
          ",integer,a,A\n"
          ",end group,,\n");
    CHECK_PROBLEM(5, 3, "first used on line 4");
}

/* XLSForm's rule: names are unique within their group. Questions of one name in different
 * groups are answered under their paths; a ${name} that could be either is refused. */
static void test_names_per_group(void)
{
    CHECK_PARSES("survey,,,\n"
                 ",type,name,label,relevant\n"
                 ",text,why,Why?,\n"
                 ",begin group,home,Home,\n"
                 ",text,why,Why at home?,\n"
                 ",text,g,In a group of its own name,\n"
                 ",end group,,,\n"
                 ",begin group,school,School,\n"
                 ",begin group,class,Class,\n"
                 ",text,why,Why at school?,\n"
                 ",end group,,,\n"
                 ",text,once,Once,${g} != ''\n"
                 ",end group,,,\n");
    if (!s)
        return;
    CHECK_STR(s->questions[0].name, "why");
    CHECK_STR(s->questions[1].name, "home/why");
    CHECK_STR(s->questions[2].name, "g");
    CHECK_STR(s->questions[3].name, "school/class/why");
    CHECK_STR(s->questions[4].name, "once");
    CHECK_STR(survey_text(s, question("home/why")->label, 0), "Why at home?");
    parse("survey,,,\n"
          ",type,name,label,relevant\n"
          ",begin group,a,A,\n"
          ",text,x,X,\n"
          ",end group,,,\n"
          ",text,x,X again,\n"
          ",text,y,Y,${x} = 'no'\n");
    CHECK_PROBLEM(7, 5, "'${x}' is ambiguous");
}

static void test_error_groups(void)
{
    parse("survey,,\n"
          ",type,name,label\n"
          ",text,a,A\n"
          ",begin group,outer,O\n"
          ",begin group,inner,I\n"
          ",text,b,B\n"
          ",end group,,\n");
    CHECK_PROBLEM(4, 2, "'outer' is never closed");
    parse("survey,,\n"
          ",type,name,label\n"
          ",text,a,A\n"
          ",end group,,\n");
    CHECK_PROBLEM(4, 2, "'end group' without a 'begin group'");
    /* Too deep. */
    char buf[2048] = "survey,,\n,type,name,label\n";
    for (int i = 0; i <= SURVEY_GROUP_DEPTH_MAX; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), ",begin group,g%d,G\n", i);
    parse(buf);
    CHECK(s == NULL);
    CHECK(probs.count >= 1);
    CHECK_INT(probs.items[0].line, 3 + SURVEY_GROUP_DEPTH_MAX);
    CHECK(strstr(probs.items[0].reason, "too deep") != NULL);
}

static void test_error_broken_expression(void)
{
    parse("survey,,,\n"
          ",type,name,label,relevant\n"
          ",text,a,A,\n"
          ",text,b,B,${a} = \n");
    CHECK_PROBLEM(4, 5, "relevant:");
    parse("survey,,,\n"
          ",type,name,label,relevant\n"
          ",text,a,A,\n"
          ",text,b,B,\"format-date(${a}, '%Y') > 1\"\n");
    CHECK_PROBLEM(4, 5, "unknown function 'format-date'");
    /* Excel's curly quotes are named, with the quote to type instead. */
    parse("survey,,,\n"
          ",type,name,label,relevant\n"
          ",text,a,A,\n"
          ",text,b,B,${a} = \xE2\x80\x98yes\xE2\x80\x99\n");
    CHECK_PROBLEM(4, 5, "curly quote \xE2\x80\x98 (U+2018): type a straight ' instead");
    CHECK(strstr(probs.items[0].reason, "at character 8") != NULL);
}

static void test_error_bad_appearance(void)
{
    const char *choices = "choices,,,\n"
                          ",list_name,name,label\n"
                          ",three,a,A\n,three,b,B\n,three,c,C\n"
                          ",five,1,1\n,five,2,2\n,five,3,3\n,five,4,4\n,five,5,5\n";
    char buf[1024];
    snprintf(buf, sizeof buf,
             "survey,,,,\n,type,name,label,appearance\n,select_one three,q,Q,faces\n%s", choices);
    parse(buf);
    CHECK_PROBLEM(3, 5, "exactly 5 choices");
    snprintf(buf, sizeof buf,
             "survey,,,,\n,type,name,appearance,label\n,text,x,,X\n"
             ",select_one five,q,yes-notsure-no,Q\n%s",
             choices);
    parse(buf);
    CHECK_PROBLEM(4, 4, "exactly 3 choices");
    snprintf(buf, sizeof buf,
             "survey,,,,\n,type,name,label,appearance\n,select_multiple five,q,Q,faces\n%s",
             choices);
    parse(buf);
    CHECK_PROBLEM(3, 5, "select_one");
    snprintf(buf, sizeof buf,
             "survey,,,,\n,type,name,label,appearance\n,text,q,Q,yes-notsure-no\n%s", choices);
    parse(buf);
    CHECK_PROBLEM(3, 5, "select_one");
    /* And the right sizes are fine. */
    snprintf(buf, sizeof buf,
             "survey,,,,\n,type,name,label,appearance\n,select_one five,q,Q,faces\n"
             ",select_one three,r,R,yes-notsure-no\n%s",
             choices);
    CHECK_PARSES(buf);
}

static void test_error_bad_bytes(void)
{
    static const char nul[] = "survey,,\n,type,name,label\n,text,a,A\0B\n";
    parse_n(nul, sizeof nul - 1);
    CHECK_PROBLEM(3, 4, "NUL");
    parse("survey,,\n"
          ",type,name,label\n"
          ",text,a,\"An open\n"
          "quote that never\n"
          "ends\n");
    CHECK_PROBLEM(3, 4, "never closed");
    parse("survey,,\n,type,name,label\n,text,a,caf\xE9\n");
    CHECK_PROBLEM(3, 4, "UTF-8");
}

static void test_error_field_too_large(void)
{
    const char *head = "survey,,\n,type,name,label\n,text,a,\"A\n";
    size_t hl = strlen(head);
    size_t n = hl + CSV_FIELD_MAX + 8;
    char *buf = malloc(n);
    if (!buf) {
        CHECK(0);
        return;
    }
    memcpy(buf, head, hl);
    /* The label holds "A\n" and then enough to be CSV_FIELD_MAX + 1 bytes. */
    memset(buf + hl, 'x', CSV_FIELD_MAX - 1);
    memcpy(buf + hl + CSV_FIELD_MAX - 1, "\"\n", 2);
    parse_n(buf, hl + CSV_FIELD_MAX + 1);
    CHECK_PROBLEM(3, 4, "CSV_FIELD_MAX");
    /* Exactly CSV_FIELD_MAX bytes is read. */
    memcpy(buf + hl + CSV_FIELD_MAX - 2, "\"\n", 2);
    parse_n(buf, hl + CSV_FIELD_MAX);
    CHECK(s != NULL);
    if (s)
        CHECK_INT(strlen(survey_text(s, question("a")->label, 0)), CSV_FIELD_MAX);
    free(buf);
}

static void test_error_sheets(void)
{
    parse(",type,name,label\n,text,a,A\n");
    CHECK_PROBLEM(1, 1, "no 'survey' sheet");
    parse("survey,,\n,type,name,label\n,text,a,A\nsurvey,,\n,type,name,label\n");
    CHECK_PROBLEM(4, 1, "first on line 1");
    parse("survey,x,\n,type,name,label\n,text,a,A\n");
    CHECK_PROBLEM(1, 2, "nothing else");
}

static void test_error_many_at_once(void)
{
    parse("survey,,,\n"
          ",type,name,label,relevant\n"
          ",bogus,g,G,\n"
          ",text,a,A,\n"
          ",text,a,A,\n"
          ",text,b,B,${zz} = 1\n"
          ",select_one none,c,C,\n");
    CHECK(s == NULL);
    CHECK_INT(probs.count, 4);
    CHECK_INT(probs.truncated, 0);
    static const int lines[] = {3, 5, 7, 6}; /* references are checked last */
    for (int i = 0; i < 4 && i < probs.count; i++)
        CHECK_INT(probs.items[i].line, lines[i]);
}

/* ---- ages ---- */

static void test_ages(void)
{
    static const char head[] = "survey,,\n,type,name,label\n,text,a,A\nsettings,,\n";
    char buf[512];
    CHECK_PARSES("survey,,\n,type,name,label\n,text,a,A\n");
    if (s) {
        CHECK_INT(s->age_min, SURVEY_AGE_MIN_DEFAULT);
        CHECK_INT(s->age_max, SURVEY_AGE_MAX_DEFAULT);
        CHECK_INT(s->age_min, 4);
        CHECK_INT(s->age_max, 25);
    }
    static const struct {
        const char *cell;
        int min, max;
    } good[] = {{"4-7", 4, 7},
                {" 16 - 25 ", 16, 25},
                {"11\xE2\x80\x93"
                 "17",
                 11, 17},
                {"8-8", 8, 8},
                {"0-120", 0, 120},
                {"", 4, 25}};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        snprintf(buf, sizeof buf, "%s,form_id,ages\n,f,\"%s\"\n", head, good[i].cell);
        CHECK_PARSES(buf);
        if (s) {
            CHECK_INT(s->age_min, good[i].min);
            CHECK_INT(s->age_max, good[i].max);
        }
    }
    static const char *const bad[] = {"7",   "7-4", "a-b",       "4-121", "-5",        "4-7-9",
                                      "4 7", "4-",  "1000-2000", "4.5-7", "four-seven"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        /* the settings row is line 6, `ages` its third field */
        snprintf(buf, sizeof buf, "%s,form_id,ages\n,f,%s\n", head, bad[i]);
        parse(buf);
        CHECK_PROBLEM(6, 3, "ages must be");
    }
    /* ages in another column, among other problems: its own position */
    parse("survey,,\n,type,name,label\n,text,a,A\nsettings,,,,\n,ages,form_id,version\n,12,f,1\n");
    CHECK_PROBLEM(6, 2, "'12'");
}

/* ---- pictures and recordings ---- */

static char media_dir[64];

static uint32_t test_crc(const unsigned char *b, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= b[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static size_t put32(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
    return 4;
}

/* Appends a chunk (length, type, data, CRC) at b; returns its size. */
static size_t chunk(unsigned char *b, const char *type, const unsigned char *data, uint32_t n)
{
    size_t o = put32(b, n);
    memcpy(b + o, type, 4);
    if (n)
        memcpy(b + o + 4, data, n);
    o += 4 + n;
    o += put32(b + o, test_crc(b + 4, n + 4));
    return o;
}

/* A real w x h grey PNG (stored, uncompressed deflate) in b; returns its length. */
static size_t make_png(unsigned char *b, uint32_t w, uint32_t h)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    unsigned char ihdr[13] = {0}, idat[8192];
    put32(ihdr, w);
    put32(ihdr + 4, h);
    ihdr[8] = 8;                             /* bit depth */
    ihdr[9] = 0;                             /* grey */
    size_t raw = (size_t)(w + 1) * h, o = 0; /* a filter byte, then w bytes, a row */
    idat[o++] = 0x78;
    idat[o++] = 0x01;
    idat[o++] = 0x01; /* the last block, stored */
    idat[o++] = (unsigned char)(raw & 0xFF);
    idat[o++] = (unsigned char)(raw >> 8);
    idat[o++] = (unsigned char)(~raw & 0xFF);
    idat[o++] = (unsigned char)((~raw >> 8) & 0xFF);
    uint32_t a = 1, bsum = 0;
    for (size_t i = 0; i < raw; i++) {
        unsigned char px = (unsigned char)(i % (w + 1) ? 0x80 : 0);
        idat[o++] = px;
        a = (a + px) % 65521;
        bsum = (bsum + a) % 65521;
    }
    o += put32(idat + o, bsum << 16 | a);
    memcpy(b, sig, 8);
    size_t n = 8;
    n += chunk(b + n, "IHDR", ihdr, 13);
    n += chunk(b + n, "IDAT", idat, (uint32_t)o);
    n += chunk(b + n, "IEND", NULL, 0);
    return n;
}

static void write_file(const char *name, const void *data, size_t len)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", media_dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(fwrite(data, 1, len, f) == len);
    fclose(f);
}

/* A folder of good and broken pictures and recordings. */
static void make_media(void)
{
    snprintf(media_dir, sizeof media_dir, "/tmp/chorus-media-XXXXXX");
    CHECK(mkdtemp(media_dir) != NULL);
    static unsigned char png[16384];
    size_t n = make_png(png, 8, 6);
    write_file("home.png", png, n);
    write_file("school.png", png, n);
    write_file("maison.png", png, n);
    write_file("cut.png", png, n - 20);    /* cut inside IDAT */
    write_file("no-end.png", png, n - 12); /* IEND gone */
    write_file("not.png", "GIF89a, not a PNG at all", 24);
    png[60] ^= 0x40; /* a flipped bit inside the image data */
    write_file("flipped.png", png, n);
    n = make_png(png, 0, 6);
    write_file("zero.png", png, n);
    n = make_png(png, 5000, 1); /* too wide: its header says so before its data matters */
    write_file("huge.png", png, 60);
    /* JPEGs: the smallest whole one (a 1x1 frame header, a quantization table, one scan with a
     * stuffed 0xFF and a restart marker), and the same cut short, with no frame header, 0
     * pixels high, a segment too long, no quantization table */
    static unsigned char jpg[34 + 69];
    static const unsigned char head[] = {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00,
                                         0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00};
    static const unsigned char scan[] = {0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
                                         0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9};
    memcpy(jpg, head, sizeof head);
    jpg[sizeof head] = 0xFF; /* DQT: length 67, table 0, 64 steps of 1 */
    jpg[sizeof head + 1] = 0xDB;
    jpg[sizeof head + 3] = 67;
    memset(jpg + sizeof head + 5, 1, 64);
    memcpy(jpg + sizeof head + 69, scan, sizeof scan);
    unsigned char bad[sizeof jpg];
    write_file("one.jpg", jpg, sizeof jpg);
    write_file("cut.jpg", jpg, sizeof jpg - 2);
    memcpy(bad, jpg, sizeof jpg);
    bad[3] = 0xE0; /* the frame header becomes an APP0 segment */
    write_file("noframe.jpg", bad, sizeof bad);
    memcpy(bad, jpg, sizeof jpg);
    bad[8] = 0x00; /* 0 lines */
    write_file("flat.jpg", bad, sizeof bad);
    memcpy(bad, jpg, sizeof jpg);
    bad[5] = 0xF0; /* the frame header's length runs past the end */
    write_file("long.jpg", bad, sizeof bad);
    memcpy(bad, jpg, sizeof jpg);
    bad[sizeof head + 1] = 0xE1; /* the quantization table becomes an APP1 (Exif) segment */
    write_file("nodqt.jpg", bad, sizeof bad);
    write_file("hello.wav", "RIFF\x24\0\0\0WAVEfmt ", 16);
    write_file("hello2.wav", "RIFF\x24\0\0\0WAVEfmt ", 16);
    write_file("hello.ogg", "OggS\0\x02\0\0\0\0\0\0", 12);
    write_file("hello.mp3", "ID3\x03\0\0\0\0\0\0\0\0", 12);
    char dir[128];
    snprintf(dir, sizeof dir, "%s/folder.png", media_dir);
    CHECK(mkdir(dir, 0700) == 0);
    /* a FIFO must be refused at once: opening it to read would wait for a writer forever */
    snprintf(dir, sizeof dir, "%s/fifo.png", media_dir);
    CHECK(mkfifo(dir, 0600) == 0);
    snprintf(dir, sizeof dir, "%s/fifo.wav", media_dir);
    CHECK(mkfifo(dir, 0600) == 0);
}

static Survey *parse_media(const char *text)
{
    survey_free(s);
    SurveyMedia media;
    snprintf(media.images, sizeof media.images, "%s", media_dir);
    snprintf(media.audio, sizeof media.audio, "%s", media_dir);
    s = survey_parse_with("test.csv", text, strlen(text), &media, &probs);
    return s;
}

static void check_media_problem(const char *text, int line, int column, const char *words,
                                int srcline)
{
    parse_media(text);
    check_one_problem(line, column, words, srcline);
}
#define CHECK_MEDIA_PROBLEM(text, line, column, words)                                             \
    check_media_problem(text, line, column, words, __LINE__)

static void test_media(void)
{
    make_media();
    char path[256];
    /* a plain column stands for every language; a translated one wins for its language */
    parse_media("survey,,,,,\n"
                ",type,name,label::English (en),label::French (fr),media::image,"
                "media::image::French (fr),media::audio\n"
                ",select_one yn,home,Home?,Maison ?,home.png,maison.png,hello.wav\n"
                ",note,n,Hi,Salut,,,\n"
                "choices,,,,,\n"
                ",list_name,name,label::English (en),image,media::audio::French (fr)\n"
                ",yn,yes,Yes,school.png,hello2.wav\n"
                ",yn,no,No,,\n");
    if (!s)
        show_problems();
    CHECK(s != NULL);
    if (s) {
        int en = -1, fr = -1;
        for (int i = 0; i < s->nlangs; i++) {
            if (strcmp(s->langs[i].code, "en") == 0)
                en = i;
            if (strcmp(s->langs[i].code, "fr") == 0)
                fr = i;
        }
        CHECK_INT(s->nlangs, 2); /* media columns make no language of their own */
        CHECK(en >= 0 && fr >= 0);
        const Question *q = question("home");
        snprintf(path, sizeof path, "%s/home.png", media_dir);
        CHECK_STR(survey_text(s, q->image, en), path);
        snprintf(path, sizeof path, "%s/maison.png", media_dir);
        CHECK_STR(survey_text(s, q->image, fr), path);
        snprintf(path, sizeof path, "%s/hello.wav", media_dir);
        CHECK_STR(survey_text(s, q->audio, fr), path);
        CHECK(question("n")->image == NULL);
        CHECK(question("n")->audio == NULL);
        const Choice *yes = &q->list->choices[0], *no = &q->list->choices[1];
        snprintf(path, sizeof path, "%s/school.png", media_dir);
        CHECK_STR(survey_text(s, yes->image, fr), path);
        snprintf(path, sizeof path, "%s/hello2.wav", media_dir);
        CHECK(yes->audio != NULL && yes->audio[fr] != NULL && yes->audio[en] == NULL);
        CHECK_STR(survey_text(s, yes->audio, fr), path);
        CHECK_INT(survey_text_lang(s, yes->audio, en), fr); /* only French has one */
        CHECK(no->image == NULL && no->audio == NULL);
    }

    /* every problem names the file, at its row and column */
    static const char head[] = "survey,,,\n,type,name,label,media::image\n";
    char buf[512];
    static const struct {
        const char *file, *words;
    } broken[] = {
        {"missing.png", "image missing.png: not found in "},
        {"not.png", "image not.png: not a PNG or JPEG file"},
        {"cut.png", "image cut.png: broken PNG: chunk IDAT runs past the end"},
        {"no-end.png", "image no-end.png: broken PNG: the file is cut short"},
        {"flipped.png", "image flipped.png: broken PNG: chunk IDAT is damaged"},
        {"zero.png", "image zero.png: broken PNG: 0x6 pixels"},
        {"huge.png", "image huge.png: broken PNG: 5000x1 pixels"},
        {"folder.png", "image folder.png: is a folder, not a regular file"},
        {"fifo.png", "image fifo.png: is a FIFO, not a regular file"},
        {"../home.png", "must be a file name inside"},
        {"/etc/passwd", "must be a file name inside"},
        {"a/./b.png", "must be a file name inside"},
    };
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        snprintf(buf, sizeof buf, "%s,note,n,Hello,%s\n", head, broken[i].file);
        CHECK_MEDIA_PROBLEM(buf, 3, 5, broken[i].words);
    }
    /* the exact message, with the folder */
    snprintf(buf, sizeof buf, "%s,note,n,Hello,home2.png\n", head);
    parse_media(buf);
    char want[300];
    snprintf(want, sizeof want, "image home2.png: not found in %s", media_dir);
    CHECK(probs.count == 1 && strcmp(probs.items[0].reason, want) == 0);
    /* a choice's picture, a group's, a translated column's, a recording */
    CHECK_MEDIA_PROBLEM("survey,,,\n,type,name,label\n,select_one yn,q,Q\n"
                        "choices,,,,\n,list_name,name,label,media::image::English (en)\n"
                        ",yn,yes,Yes,home.png\n,yn,no,No,nope.png\n",
                        7, 5, "image nope.png: not found");
    CHECK_MEDIA_PROBLEM("survey,,,\n,type,name,label,media::image\n,begin group,g,G,not.png\n"
                        ",text,a,A,\n,end group,,,\n",
                        3, 5, "not a PNG or JPEG file");
    CHECK_MEDIA_PROBLEM("survey,,,\n,type,name,label,media::audio\n,note,n,Hello,hello.mp3\n", 3, 5,
                        "audio hello.mp3: not a WAV file");
    CHECK_MEDIA_PROBLEM("survey,,,\n,type,name,label,media::audio\n,note,n,Hello,hello.ogg\n", 3, 5,
                        "audio hello.ogg: not a WAV file");
    CHECK_MEDIA_PROBLEM("survey,,,\n,type,name,label,media::audio\n,note,n,Hello,gone.wav\n", 3, 5,
                        "audio gone.wav: not found in ");
    CHECK_MEDIA_PROBLEM("survey,,,\n,type,name,label,media::audio\n,note,n,Hello,fifo.wav\n", 3, 5,
                        "audio fifo.wav: is a FIFO, not a regular file");
    /* every broken file of a survey is reported, not just the first */
    parse_media("survey,,,\n,type,name,label,media::image\n,note,a,A,x.png\n,note,b,B,home.png\n"
                ",note,c,C,y.png\n");
    CHECK_INT(probs.count, 2);
    /* by default, the folders beside the survey's own folder, as its path names them: the
     * shipped surveys' pictures from anywhere, and a bare name's beside the working directory */
    static const char pic[] = "survey,,,\n,type,name,label,media::image\n,note,n,Hello,talk.png\n";
    survey_free(s);
    s = survey_parse("assets/surveys/test.csv", pic, sizeof pic - 1, &probs);
    CHECK(s != NULL);
    if (s)
        CHECK_STR(s->questions[0].image[0], "assets/images/talk.png");
    char far[PATH_MAX + 64], cwd[PATH_MAX];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    snprintf(far, sizeof far, "%s/assets/surveys/test.csv", cwd);
    CHECK(chdir("/") == 0);
    survey_free(s);
    s = survey_parse(far, pic, sizeof pic - 1, &probs);
    CHECK(s != NULL);
    CHECK(chdir(cwd) == 0);
    parse("survey,,,\n,type,name,label,media::image\n,note,n,Hello,no-such-picture.png\n");
    CHECK_PROBLEM(3, 5, "image no-such-picture.png: not found in ../images");
    /* where they are, from how a folder is written */
    static const struct {
        const char *dir, *images;
    } beside[] = {{"assets/surveys", "assets/images"},
                  {"/srv/chorus/surveys/", "/srv/chorus/images"},
                  {"a//b//", "a/images"},
                  {"/surveys", "/images"},
                  {"/", "/images"},
                  {"surveys", "./images"},
                  {".", "../images"},
                  {"..", "../../images"},
                  {"x/..", "x/../../images"}};
    for (size_t i = 0; i < sizeof beside / sizeof *beside; i++) {
        SurveyMedia m;
        CHECK_INT(survey_media_beside(beside[i].dir, &m), 0);
        CHECK_STR(m.images, beside[i].images);
    }
    SurveyMedia m;
    CHECK_INT(survey_media_beside("assets/surveys", &m), 0);
    CHECK_STR(m.audio, "assets/audio");
    static char deep[SURVEY_MEDIA_DIR_MAX + 8];
    memset(deep, 'd', sizeof deep - 1);
    deep[sizeof deep - 3] = '/'; /* the folder holding it is too long */
    CHECK_INT(survey_media_beside(deep, &m), -1);

    /* the checker on its own, as the kiosk uses it for its pictures */
    char reason[ERR_LEN];
    snprintf(path, sizeof path, "%s/home.png", media_dir);
    CHECK_INT(survey_png_check(path, reason), 0);
    snprintf(path, sizeof path, "%s/gone.png", media_dir);
    CHECK_INT(survey_png_check(path, reason), -1);
    CHECK_STR(reason, "not found");
    snprintf(path, sizeof path, "%s/hello.wav", media_dir);
    CHECK_INT(survey_audio_check(path, reason), 0);
    /* a survey's pictures may be JPEGs too (the kiosk draws either), checked marker by marker */
    static const struct {
        const char *file, *reason;
    } pictures[] = {
        {"home.png", NULL},
        {"one.jpg", NULL},
        {"cut.jpg", "broken JPEG: the file is cut short"},
        {"noframe.jpg", "broken JPEG: image data before its frame header"},
        {"flat.jpg", "broken JPEG: 1x0 pixels"},
        {"long.jpg", "broken JPEG: segment C0 runs past the end of the file"},
        {"nodqt.jpg", "broken JPEG: image data before its quantization tables"},
        {"not.png", "not a PNG or JPEG file"},
        {"cut.png", "broken PNG"},
    };
    for (size_t i = 0; i < sizeof pictures / sizeof *pictures; i++) {
        snprintf(path, sizeof path, "%s/%s", media_dir, pictures[i].file);
        reason[0] = '\0';
        int rc = survey_picture_check(path, reason);
        CHECK_INT(rc, pictures[i].reason ? -1 : 0);
        if (pictures[i].reason && !strstr(reason, pictures[i].reason)) {
            fprintf(stderr, "%s: '%s', want '%s'\n", pictures[i].file, reason, pictures[i].reason);
            test_current_failed = 1;
        }
    }
    snprintf(path, sizeof path, "%s/one.jpg", media_dir);
    CHECK_INT(survey_png_check(path, reason), -1); /* the kiosk's own pictures stay PNGs */
    /* a real one, as a form's author publishes it (pyxform's widgets-media) */
    CHECK_INT(survey_picture_check("tests/data/forms/images/happy.jpg", reason), 0);
    CHECK(parse_media("survey,,,\n,type,name,label,media::image\n,text,t,T,one.jpg\n") != NULL);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", media_dir);
    CHECK(system(cmd) == 0);
}

/* ---- files ---- */

/* Calls fn(path) for every .csv file in dir; returns how many there were. */
static int each_csv(const char *dir, void (*fn)(const char *path))
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n", dir);
        return 0;
    }
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        fn(path);
        n++;
    }
    closedir(d);
    return n;
}

static void load_sample(const char *path)
{
    SurveyProblems p;
    Survey *sv = survey_load(path, &p);
    if (sv) {
        CHECK_INT(p.count, 0);
        CHECK(sv->nquestions > 0);
        survey_free(sv);
        return;
    }
    CHECK(p.count > 0);
    for (int i = 0; i < p.count; i++) {
        if (p.items[i].line <= 0) {
            fprintf(stderr, "%s: problem without a line: %s\n", path, p.items[i].reason);
            test_current_failed = 1;
        }
        CHECK(p.items[i].reason[0] != '\0');
    }
}

static void test_samples(void)
{
    CHECK(each_csv("tests/data/xlsform-samples", load_sample) >= 5);

    SurveyProblems p;
    Survey *sv = survey_load("tests/data/xlsform-samples/text_and_integer.csv", &p);
    if (!sv)
        survey_problems_print("text_and_integer.csv", &p, stderr);
    CHECK(sv != NULL);
    if (sv) {
        CHECK_INT(sv->nquestions, 2);
        CHECK_STR(sv->form_id, "text_and_integer");
        const Question *q = survey_question_named(sv, "your_age");
        CHECK(q != NULL);
        if (q) {
            CHECK_INT(q->type, QT_INTEGER);
            CHECK_STR(survey_text(sv, q->label, 0), "How many years old are you?");
        }
        survey_free(sv);
    }

    /* its 'phone number' is a text question of digits only, as pyxform makes it */
    sv = survey_load("tests/data/xlsform-samples/group.csv", &p);
    if (!sv)
        survey_problems_print("group.csv", &p, stderr);
    CHECK(sv != NULL);
    if (sv) {
        const Question *q = survey_question_named(sv, "phone_number");
        CHECK(q != NULL);
        if (q) {
            CHECK_INT(q->type, QT_TEXT);
            CHECK(q->constraint != NULL);
        }
        CHECK_INT(sv->npages, 2);
    }
    survey_free(sv);

    sv = survey_load("tests/data/xlsform-samples/no-such-file.csv", &p);
    CHECK(sv == NULL);
    CHECK_INT(p.count, 1);
    CHECK_INT(p.items[0].line, 0);
}

static void load_shipped(const char *path)
{
    SurveyProblems p;
    Survey *sv = survey_load(path, &p);
    if (!sv)
        survey_problems_print(path, &p, stderr);
    CHECK(sv != NULL);
    CHECK_INT(p.count, 0);
    if (sv) {
        CHECK(sv->nquestions > 0);
        CHECK(sv->npages > 0);
        CHECK_STR(sv->path, path);
    }
    survey_free(sv);
}

static void test_shipped_surveys(void)
{
    CHECK(each_csv("assets/surveys", load_shipped) >= 1);
}

/* `begin loop over LIST` (pyxform's loop): a group a choice of LIST, named R_CHOICE and labelled
 * "Label: choice label", its questions x_CHOICE, %(label)s in their words the choice's label and
 * ${x} inside the same time's x; a loop over a list that does not exist is refused once. */
static void test_loops(void)
{
    parse("survey,,,\n"
          ",type,name,label\n"
          ",begin loop over rooms,room,Rooms\n"
          ",integer,beds,How many beds in the %(label)s?\n"
          ",note,say,So ${beds} in the %(label)s\n"
          ",end loop,,\n"
          "choices,,,\n"
          ",list_name,name,label\n"
          ",rooms,kitchen,kitchen\n"
          ",rooms,hall,hall\n");
    CHECK(s != NULL);
    if (!s) {
        show_problems();
        return;
    }
    CHECK_INT(s->nquestions, 4);
    const Question *b = survey_question_named(s, "beds_hall");
    CHECK(b != NULL);
    if (b)
        CHECK_STR(survey_text(s, b->label, 0), "How many beds in the hall?");
    const Question *n = survey_question_named(s, "say_kitchen");
    CHECK(n != NULL);
    if (n)
        CHECK_STR(survey_text(s, n->label, 0), "So ${beds_kitchen} in the kitchen");
    CHECK_INT(s->npages, 2);
    CHECK_STR(survey_text(s, s->pages[0].title, 0), "Rooms: kitchen");
    CHECK_STR(survey_text(s, s->pages[1].title, 0), "Rooms: hall");
    parse("survey,,,\n"
          ",type,name,label\n"
          ",begin loop over nowhere,room,Rooms\n"
          ",integer,beds,Beds?\n"
          ",end loop,,\n");
    CHECK(s == NULL);
    CHECK_INT(probs.count, 1);
    CHECK(strstr(probs.items[0].reason, "loop over an unknown choice list 'nowhere'") != NULL);
}

int main(void)
{
    RUN(test_types);
    RUN(test_groups_are_pages);
    RUN(test_group_relevant_with_own);
    RUN(test_hint_appearance_safeguarding);
    RUN(test_translations);
    RUN(test_case_and_padding);
    RUN(test_bom_crlf_quoting);
    RUN(test_unknown_sheets_and_columns_ignored);
    RUN(test_error_unsupported_type);
    RUN(test_error_device_capture);
    RUN(test_metadata_types);
    RUN(test_pyxform_leniency);
    RUN(test_pyxform_real_forms);
    RUN(test_error_cap);
    RUN(test_error_unknown_list);
    RUN(test_error_unknown_reference);
    RUN(test_error_duplicate_name);
    RUN(test_names_per_group);
    RUN(test_error_groups);
    RUN(test_error_broken_expression);
    RUN(test_error_bad_appearance);
    RUN(test_error_bad_bytes);
    RUN(test_error_field_too_large);
    RUN(test_error_sheets);
    RUN(test_error_many_at_once);
    RUN(test_ages);
    RUN(test_new_kinds);
    RUN(test_new_kinds_refused);
    RUN(test_repeats);
    RUN(test_nested_repeats);
    RUN(test_required_expression);
    RUN(test_media);
    RUN(test_samples);
    RUN(test_shipped_surveys);
    RUN(test_loops);
    survey_free(s);
    return TEST_SUMMARY("survey");
}
