/* survey_script: kiosk scripts (kiosk/script.h) that answer a survey, for the scenarios of
 * tests/scripts/ (lib.sh's survey_info, survey_answers and survey_script call it). The survey
 * is read by the kiosk's own reader (common/survey.c) and `relevant` is worked out by its own
 * evaluator (common/expr.c), so the tests drive the kiosk through the one reading of the format.
 *
 *   survey_script info CSV KEY
 *       prints a setting: form_id, version, form_title (in the default language),
 *       form_title::LANGUAGE ("" when the survey has none in it), or ages (MIN-MAX, the
 *       kiosk's default when the survey names none)
 *   survey_script [--seed N] answers CSV TEXT [SHOT_PREFIX [UNSAFE]]
 *       prints lines that answer every question, from the first question screen through the
 *       review and Send to the thank-you screen, and Finish back to welcome
 *   survey_script [--seed N] session CSV TEXT [SHOT_PREFIX [UNSAFE]]
 *       the same from the welcome screen: Start, then the survey tapped by its title on the
 *       choose screen (the kiosk is expected to hold more than one survey)
 *   --age MIN-MAX (before the mode): the young person told the welcome screen they are MIN to
 *       MAX, so the survey's age question is answered or narrowed as the kiosk's draft does it
 *       (draft_tell_age): a screen it answers is not shown (its answer is checked on the
 *       review), and only the choices that fit are tapped
 *
 * How the questions are answered:
 *   - choices are tapped by their label in the survey's default language, never a safeguarding
 *     one; a select_multiple gets two. Which one varies with the question's place, or is drawn
 *     with srandom(N) / random() under --seed N: the awk generator this tool replaced drew with
 *     mawk's srand/rand, which are those glibc functions, so a seed gives the same session;
 *   - TEXT is typed into text questions (nothing when it is empty), "12" into integers;
 *   - exactly one question is declined with "I'd rather not say": the first, from the second
 *     question asked on, that no relevant expression refers to, so declining it changes no path;
 *   - a screen is shown when its question is relevant given the answers so far, as the kiosk's
 *     draft has them: a question unanswered, declined or hidden is "", a select's value is its
 *     chosen names in list order, separated by spaces;
 *   - with UNSAFE (a question name) that question gets its first safeguarding choice, and the
 *     script checks the safety screen, asks for someone to talk to, and carries on;
 *   - with SHOT_PREFIX, each question screen once answered is shot as PREFIX-NN (NN counts
 *     the screens shown), and PREFIX-safety, -safety-talk, -review and -thanks.
 * A screen that shows several questions (a group's) is refused: a label such as "Yes" would not
 * say which question it answers. So is a label the script language cannot write (a line break).
 *
 * Prints the whole script or, on any problem, nothing but the reason on stderr (exit 1).
 * Start reading at main(), then answer_screen(). */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chorus_limits.h"
#include "draft.h"
#include "expr.h"
#include "survey.h"

/* What glibc's random() returns at most; mawk's rand() is random() / this. */
#define RANDOM_TOP 2147483647.0

/* The integer answer typed into integer questions. */
#define INTEGER_ANSWER "12"

/* The kiosk's words that the scripts tap or expect (kiosk/app.c, English). */
#define KIOSK_DECLINE "I'd rather not say"

typedef struct {
    const Survey *s;
    FILE *out; /* the script so far, in memory: written out only when it is whole */
    const char *text, *shots, *unsafe;
    int seeded;
    /* Per question: the value the kiosk's draft would give it (malloc'd; NULL: unanswered or
     * declined), whether a relevant expression refers to it, and a guard against a question
     * whose relevance depends on itself. */
    char *value[SURVEY_QUESTIONS_MAX];
    char referenced[SURVEY_QUESTIONS_MAX];
    char working[SURVEY_QUESTIONS_MAX];
    int screen, asked, declined, unsafe_done;
    /* --age: the survey's age question (index + 1; 0 none), the choices that fit, and the
     * choice the welcome's age answered it with (-1: none) */
    int age_q, age_choice;
    uint64_t age_fits;
    const char *first_answer; /* the label tapped on the first question asked, if a choice */
    char err[ERR_LEN];
} Gen;

static int fail(Gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(Gen *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->err, sizeof g->err, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- writing script lines ---- */

/* cmd "s": s escaped as kiosk/script.c reads it (\" and \\). A line break cannot be written
 * inside a quoted word: -1. */
static int quoted(Gen *g, const char *cmd, const char *s)
{
    if (strpbrk(s, "\r\n"))
        return fail(g, "cannot write \"%s\" in a script: it has a line break", s);
    fprintf(g->out, "%s \"", cmd);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', g->out);
        fputc(*s, g->out);
    }
    fputs("\"\n", g->out);
    return 0;
}

/* expect text "s": only up to a line break, which still matches (the check is a substring). */
static int expect_text(Gen *g, const char *s)
{
    size_t n = strcspn(s, "\r\n");
    char *first = strndup(s, n);
    if (!first)
        return fail(g, "out of memory");
    int rc = quoted(g, "expect text", first);
    free(first);
    return rc;
}

static void shot(Gen *g, const char *what)
{
    if (g->shots && *g->shots)
        fprintf(g->out, "shot %s-%s\n", g->shots, what);
}

static void shot_screen(Gen *g)
{
    char nn[16];
    snprintf(nn, sizeof nn, "%02d", g->screen);
    shot(g, nn);
}

/* ---- answers and relevance, as the kiosk's draft has them ---- */

static int shown(Gen *g, const Question *q);

static const char *lookup(const char *name, void *ctx)
{
    Gen *g = ctx;
    const Question *q = survey_question_named(g->s, name);
    if (!q || !g->value[q - g->s->questions] || !shown(g, q))
        return "";
    return g->value[q - g->s->questions];
}

/* 1 if q is shown given the answers so far; one whose relevance depends on itself is not
 * while that is worked out (as in kiosk/draft.c). */
static int shown(Gen *g, const Question *q)
{
    int i = (int)(q - g->s->questions);
    if (!q->relevant)
        return 1;
    if (g->working[i])
        return 0;
    g->working[i] = 1;
    int yes = expr_eval(q->relevant, lookup, g) != 0;
    g->working[i] = 0;
    return yes;
}

/* Sets q's value to the names of the chosen choices, in list order. */
static int set_chosen(Gen *g, const Question *q, uint64_t chosen)
{
    int i = (int)(q - g->s->questions);
    size_t cap = 1;
    for (int c = 0; c < q->list->nchoices; c++)
        cap += strlen(q->list->choices[c].name) + 1;
    char *v = malloc(cap);
    if (!v)
        return fail(g, "out of memory");
    v[0] = '\0';
    for (int c = 0; c < q->list->nchoices; c++) {
        if (!(chosen & (1ull << c)))
            continue;
        if (*v)
            strcat(v, " ");
        strcat(v, q->list->choices[c].name);
    }
    free(g->value[i]);
    g->value[i] = v;
    return 0;
}

static int set_typed(Gen *g, const Question *q, const char *typed)
{
    int i = (int)(q - g->s->questions);
    free(g->value[i]);
    g->value[i] = strdup(typed);
    return g->value[i] ? 0 : fail(g, "out of memory");
}

static int mark_referenced(const char *name, void *ctx)
{
    Gen *g = ctx;
    const Question *q = survey_question_named(g->s, name);
    if (q)
        g->referenced[q - g->s->questions] = 1;
    return 0;
}

/* ---- one screen ---- */

static const char *type_name(const Question *q, char *buf, size_t cap)
{
    switch (q->type) {
    case QT_SELECT_ONE:
        snprintf(buf, cap, "select_one %s", q->list->name);
        return buf;
    case QT_SELECT_MULTIPLE:
        snprintf(buf, cap, "select_multiple %s", q->list->name);
        return buf;
    case QT_TEXT:
        return "text";
    case QT_INTEGER:
        return "integer";
    case QT_NOTE:
        return "note";
    case QT_CALCULATE:
        return "calculate";
    case QT_DECIMAL:
        return "decimal";
    case QT_RANGE:
        return "range";
    case QT_ACKNOWLEDGE:
        return "acknowledge";
    case QT_DATE:
        return "date";
    case QT_TIME:
        return "time";
    case QT_RANK:
        return "rank";
    }
    return "?";
}

static const char *label_of(const Gen *g, Text t)
{
    return survey_text(g->s, t, g->s->default_lang);
}

/* The choice to try on attempt t of the question: drawn, or by the question's place. */
static int pick(const Gen *g, int t, int n)
{
    if (!g->seeded)
        return (g->asked + t) % n;
    int k = (int)((double)random() / RANDOM_TOP * n);
    return k < n ? k : n - 1; /* random() may return its top: mawk then picked past the end */
}

/* The safeguarding answer to q, then the safety screen, someone to talk to, and back. */
static int answer_unsafe(Gen *g, const Question *q)
{
    const ChoiceList *l = q->list;
    int k = 0;
    while (l && k < l->nchoices && !l->choices[k].safeguarding)
        k++;
    if (!l || k == l->nchoices)
        return fail(g, "%s has no choice marked safeguarding", q->name);
    if (quoted(g, "tap", label_of(g, l->choices[k].label)) != 0 || set_chosen(g, q, 1ull << k) != 0)
        return -1;
    fputs("expect screen safety\n"
          "expect text \"Childline\"\n"
          "expect text \"0800 1111\"\n",
          g->out);
    shot(g, "safety");
    fputs("tap \"I'd like someone to talk to me\"\n"
          "expect screen safety\n"
          "expect text \"The workers here will see that someone asked to talk\"\n",
          g->out);
    shot(g, "safety-talk");
    fputs("tap \"Carry on\"\n"
          "expect screen question\n",
          g->out);
    if (expect_text(g, label_of(g, q->label)) != 0)
        return -1;
    g->unsafe_done = 1;
    return 0;
}

/* Taps one choice (two for select_multiple), never a safeguarding one; "I'd rather not say"
 * when every choice is one. */
static int answer_choices(Gen *g, const Question *q)
{
    const ChoiceList *l = q->list;
    int want = q->type == QT_SELECT_MULTIPLE ? 2 : 1, got = 0;
    uint64_t chosen = 0;
    uint64_t fits = g->age_q == (int)(q - g->s->questions) + 1 && g->age_fits ? g->age_fits : ~0ull;
    for (int t = 0; t < l->nchoices && got < want; t++) {
        int k = pick(g, t, l->nchoices);
        /* A second tap on a choice of a select_multiple would take it back; an age that does
         * not fit the welcome's is not offered. */
        if (l->choices[k].safeguarding || (chosen & (1ull << k)) || !(fits & (1ull << k)))
            continue;
        const char *label = label_of(g, l->choices[k].label);
        if (quoted(g, "tap", label) != 0)
            return -1;
        if (g->asked == 1 && !got)
            g->first_answer = label;
        chosen |= 1ull << k;
        got++;
    }
    if (!got) {
        fputs("tap \"" KIOSK_DECLINE "\"\n", g->out);
        return 0;
    }
    return set_chosen(g, q, chosen);
}

static int answer_typed(Gen *g, const Question *q, const char *typed)
{
    if (!*typed) {
        if (q->required)
            return fail(g, "%s must be answered, and TEXT is empty", q->name);
        return 0;
    }
    if (quoted(g, "type", typed) != 0 || quoted(g, "expect text", typed) != 0)
        return -1;
    return set_typed(g, q, typed);
}

/* Answers page p, which is shown: checks the screen, answers, shoots and taps Next. */
static int answer_screen(Gen *g, int p)
{
    const Survey *s = g->s;
    const Page *pg = &s->pages[p];
    const Question *q = &s->questions[pg->first];
    if (pg->count > 1)
        return fail(g,
                    "screen %d shows %d questions of a group together ('%s' on line %d and after): "
                    "choices tapped by label cannot say which question they answer",
                    g->screen + 1, pg->count, q->name, q->line);
    char tbuf[SURVEY_NAME_MAX + 32];
    g->screen++;
    fprintf(g->out, "# screen %d: %s (%s)\n", g->screen, q->name, type_name(q, tbuf, sizeof tbuf));
    fputs("expect screen question\n", g->out);
    if (expect_text(g, label_of(g, q->label)) != 0)
        return -1;
    /* A group of one question is shown with the group's label above it (not while typing). */
    if (pg->title && q->type != QT_TEXT && q->type != QT_INTEGER && *label_of(g, pg->title) &&
        expect_text(g, label_of(g, pg->title)) != 0)
        return -1;
    int rc = 0;
    if (q->type != QT_NOTE) {
        g->asked++;
        if (g->unsafe && strcmp(q->name, g->unsafe) == 0) {
            rc = answer_unsafe(g, q);
        } else if (!g->declined && g->asked >= 2 && !g->referenced[pg->first]) {
            fputs("tap \"" KIOSK_DECLINE "\"\n", g->out);
            g->declined = 1;
        } else if (q->type == QT_SELECT_ONE || q->type == QT_SELECT_MULTIPLE) {
            rc = answer_choices(g, q);
        } else if (q->type == QT_TEXT || q->type == QT_INTEGER) {
            rc = answer_typed(g, q, q->type == QT_TEXT ? g->text : INTEGER_ANSWER);
        } else {
            rc = fail(g,
                      "%s is a %s question: this tool answers selects, text and integers "
                      "(tests/scripts/forms.sh drives the other kinds)",
                      q->name, type_name(q, tbuf, sizeof tbuf));
        }
    }
    if (rc != 0)
        return -1;
    shot_screen(g);
    fputs("tap \"Next\"\n", g->out);
    return 0;
}

/* ---- the whole session ---- */

static int page_shown(Gen *g, int p)
{
    const Page *pg = &g->s->pages[p];
    for (int i = 0; i < pg->count; i++)
        if (shown(g, &g->s->questions[pg->first + i]))
            return 1;
    return 0;
}

/* The title the choose screen shows (kiosk/screens.c: the form_id when there is none). */
static const char *title_of(const Survey *s)
{
    const char *t = survey_text(s, s->title, s->default_lang);
    return *t ? t : s->form_id;
}

static int write_session(Gen *g, int from_welcome)
{
    const Survey *s = g->s;
    if (g->unsafe && !survey_question_named(s, g->unsafe))
        return fail(g, "has no question called %s", g->unsafe);
    for (int i = 0; i < s->nquestions; i++)
        (void)expr_each_ref(s->questions[i].relevant, mark_referenced, g);
    if (from_welcome) {
        fputs("expect screen welcome\ntap \"Start\"\nexpect screen choose\n", g->out);
        if (quoted(g, "tap", title_of(s)) != 0)
            return -1;
    }
    for (int p = 0; p < s->npages; p++) {
        const Page *pg = &s->pages[p];
        if (g->age_choice >= 0 && pg->count == 1 && pg->first == g->age_q - 1)
            continue; /* answered by the welcome's age: not shown */
        if (page_shown(g, p) && answer_screen(g, p) != 0)
            return -1;
    }
    if (!g->declined)
        return fail(g, "found no question to decline");
    if (g->unsafe && !g->unsafe_done)
        return fail(g, "no question %s was asked", g->unsafe);
    fputs("# the review, then Send\n"
          "expect screen review\n"
          "expect text \"Check your answers\"\n"
          "expect text \"" KIOSK_DECLINE "\"\n",
          g->out);
    if (g->first_answer && expect_text(g, g->first_answer) != 0)
        return -1;
    if (g->age_choice >= 0 &&
        expect_text(
            g, label_of(g, s->questions[g->age_q - 1].list->choices[g->age_choice].label)) != 0)
        return -1;
    shot(g, "review");
    fputs("tap \"Send\"\nexpect screen thanks\n", g->out);
    shot(g, "thanks");
    fputs("tap \"Finish\"\nexpect screen welcome\n", g->out);
    return 0;
}

/* ---- settings ---- */

static int print_info(const Survey *s, const char *key, char *err)
{
    if (strcmp(key, "form_id") == 0) {
        printf("%s\n", s->form_id);
    } else if (strcmp(key, "version") == 0) {
        printf("%s\n", s->version);
    } else if (strcmp(key, "form_title") == 0) {
        printf("%s\n", survey_text(s, s->title, s->default_lang));
    } else if (strncmp(key, "form_title::", 12) == 0) {
        const char *t = "";
        for (int i = 0; i < s->nlangs; i++)
            if (strcasecmp(s->langs[i].name, key + 12) == 0 && s->title && s->title[i])
                t = s->title[i];
        printf("%s\n", t);
    } else if (strcmp(key, "ages") == 0) {
        printf("%d-%d\n", s->age_min, s->age_max);
    } else {
        snprintf(err, ERR_LEN,
                 "unknown setting '%s' (form_id, version, form_title, form_title::LANGUAGE, "
                 "ages)",
                 key);
        return -1;
    }
    return 0;
}

/* ---- main ---- */

static int usage(void)
{
    fprintf(stderr,
            "usage: survey_script info CSV KEY\n"
            "       survey_script [--seed N] [--age MIN-MAX] answers|session CSV TEXT [SHOT_PREFIX "
            "[UNSAFE]]\n");
    return 1;
}

int main(int argc, char **argv)
{
    int a = 1, seeded = 0, age_min = -1, age_max = -1;
    unsigned long seed = 0;
    while (a + 1 < argc && (strcmp(argv[a], "--seed") == 0 || strcmp(argv[a], "--age") == 0)) {
        char *end;
        if (strcmp(argv[a], "--age") == 0) {
            int n = 0;
            if (sscanf(argv[a + 1], "%d-%d%n", &age_min, &age_max, &n) != 2 || argv[a + 1][n] ||
                age_min < 0 || age_max < age_min) {
                fprintf(stderr, "survey_script: --age takes MIN-MAX, not '%s'\n", argv[a + 1]);
                return 1;
            }
            a += 2;
            continue;
        }
        seed = strtoul(argv[a + 1], &end, 10);
        if (!isdigit((unsigned char)argv[a + 1][0]) || *end) {
            fprintf(stderr, "survey_script: --seed takes a whole number, not '%s'\n", argv[a + 1]);
            return 1;
        }
        seeded = 1;
        a += 2;
    }
    if (a + 1 >= argc)
        return usage();
    const char *mode = argv[a], *path = argv[a + 1];
    int info = strcmp(mode, "info") == 0;
    int session = strcmp(mode, "session") == 0;
    int answers = strcmp(mode, "answers") == 0;
    int nargs = argc - a; /* mode, CSV, and what follows */
    if (info ? nargs != 3 : !(session || answers) || nargs < 3 || nargs > 5)
        return usage();

    SurveyProblems *probs = malloc(sizeof *probs);
    Gen *g = calloc(1, sizeof *g);
    char *buf = NULL;
    size_t len = 0;
    Survey *s = NULL;
    int rc = 1;
    if (!probs || !g) {
        fprintf(stderr, "survey_script: out of memory\n");
        goto done;
    }
    s = survey_load(path, probs);
    if (!s) {
        survey_problems_print(path, probs, stderr);
        goto done;
    }
    if (info) {
        if (print_info(s, argv[a + 2], g->err) == 0)
            rc = 0;
        else
            fprintf(stderr, "survey_script: %s\n", g->err);
        goto done;
    }
    g->s = s;
    g->text = argv[a + 2];
    g->shots = argc > a + 3 ? argv[a + 3] : "";
    g->unsafe = argc > a + 4 && *argv[a + 4] ? argv[a + 4] : NULL;
    g->seeded = seeded;
    g->age_choice = -1;
    if (age_min >= 0) {
        /* What the kiosk's own draft makes of that age (draft_tell_age). */
        Draft *d = calloc(1, sizeof *d);
        if (!d) {
            fprintf(stderr, "survey_script: out of memory\n");
            goto done;
        }
        draft_start(d, s, s->default_lang);
        const Question *given = draft_tell_age(d, age_min, age_max);
        g->age_q = d->age_q;
        g->age_fits = d->age_fits;
        int failed = 0;
        if (given) {
            uint64_t chosen = d->answers[given - s->questions].chosen;
            for (int c = 0; c < given->list->nchoices; c++)
                if (chosen & (1ull << c))
                    g->age_choice = c;
            failed = set_chosen(g, given, chosen) != 0;
        }
        draft_wipe(d);
        free(d);
        if (failed) {
            fprintf(stderr, "survey_script: out of memory\n");
            goto done;
        }
    }
    if (seeded)
        srandom((unsigned)seed);
    g->out = open_memstream(&buf, &len);
    if (!g->out) {
        fprintf(stderr, "survey_script: out of memory\n");
        goto done;
    }
    int made = write_session(g, session);
    if (fclose(g->out) != 0 && made == 0)
        made = fail(g, "out of memory");
    g->out = NULL;
    if (made != 0) {
        fprintf(stderr, "survey_script: %s: %s\n", path, g->err);
        goto done;
    }
    if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "survey_script: cannot write the script to standard output\n");
        goto done;
    }
    rc = 0;
done:
    if (g)
        for (int i = 0; i < SURVEY_QUESTIONS_MAX; i++)
            free(g->value[i]);
    free(g);
    free(buf);
    survey_free(s);
    free(probs);
    return rc;
}
