/* test_sdl_layout.c: every screen of the shipped surveys drawn for real (SDL's software renderer
 * on a surface, the bundled fonts) at 800x480, 1280x800 and 1920x1080, in English, Arabic,
 * Tigrinya, Farsi and Vietnamese, with the default look, bigger text, the easy-read font and
 * both; what was drawn is read back through render_trace(), the renderer's own record of every
 * text it laid out (its box, its size in pixels, the size of its image). Fails when:
 *
 *   - a text is cut off: its image wider or taller than the box it was given;
 *   - with bigger text, a text is not larger than the same text on the same screen without;
 *   - with the easy-read font, a text is smaller than without;
 *   - two buttons of one row (the same top and height) have words of different sizes;
 *   - a widget runs off the window, a text runs into a button it is not inside, a target is
 *     under 44 px at 800x480 (72 px at the larger sizes), or two targets overlap.
 *
 * The walk is the young person's: welcome, how it looks, the survey choice, every page of every
 * survey (the first choice of each question, a few letters typed), the safety screen both ways,
 * the name screen, the review (its full answer and its pages), thanks, idle, a failed save; and
 * the worker's screens (the plain look, at each size). Set CHORUS_LAYOUT_SHOTS=DIR to keep a
 * PNG of every bigger-text screen at 800x480 for a person to look at. Run from the repository's
 * root (tests/run.sh does), where assets/ is.
 * slow: about a minute (several thousand screens drawn) */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "access.h"
#include "app.h"
#include "debrief.h"
#include "render.h"
#include "test.h"

#define FONTS "assets/fonts"

static const struct {
    int w, h;
} sizes[] = {{800, 480}, {1280, 800}, {1920, 1080}};

static const char *const langs[] = {"en", "ar", "ti", "fa", "vi"};

enum { LOOK_PLAIN, LOOK_BIG, LOOK_EASY, LOOK_BIG_EASY, LOOKS };
static const char *const look_names[LOOKS] = {"default", "bigger", "easy-read",
                                              "bigger+easy-read"};

static SDL_Surface *canvas;
static SDL_Renderer *sr;
static Render *rd;
static App app;
static char dir[64];
static const char *shots;
static int look_now, size_now;
static const char *lang_now;
static long views_drawn, texts_seen, problems, choices_paged;

/* ---- what was drawn ---- */

#define DRAWN_MAX 400
static struct {
    int n;
    RenderedText t[DRAWN_MAX];
    char text[DRAWN_MAX][128];
} drawn;

static void record(void *ctx, const RenderedText *t)
{
    (void)ctx;
    if (drawn.n >= DRAWN_MAX)
        return;
    drawn.t[drawn.n] = *t;
    snprintf(drawn.text[drawn.n], sizeof drawn.text[0], "%s",
             t->widget->text ? t->widget->text : "");
    drawn.n++;
}

/* Sizes seen, by look: the smallest and largest size of each text on each screen of each
 * window size and language. Keyed by a hash of those; a collision would only merge two
 * entries' ranges. */
#define SEEN_MAX (1 << 16)
static struct {
    uint64_t key; /* 0: empty */
    int min[LOOKS], max[LOOKS];
    char what[96]; /* the screen, size, language and text, for the message */
} seen[SEEN_MAX];

static uint64_t hash(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (h ^ 0xff) * 1099511628211ull;
}

static void seen_add(const char *screen, const Widget *w, const char *text, int px)
{
    char sz[32];
    /* A text's role: its screen, its kind of widget and whether it is bold (a survey's name in
     * the progress line and its first question can be the same words). */
    snprintf(sz, sizeof sz, "%dx%d %d %d", sizes[size_now].w, sizes[size_now].h, (int)w->kind,
             (w->flags & W_BOLD) != 0);
    uint64_t k = hash(hash(hash(hash(1469598103934665603ull, sz), lang_now), screen), text);
    if (!k)
        k = 1;
    size_t i = (size_t)(k % SEEN_MAX);
    while (seen[i].key && seen[i].key != k)
        i = (i + 1) % SEEN_MAX;
    if (!seen[i].key) {
        seen[i].key = k;
        snprintf(seen[i].what, sizeof seen[i].what, "%s %s %s \"%s\"", screen, sz, lang_now, text);
        for (int l = 0; l < LOOKS; l++) {
            seen[i].min[l] = 1 << 30;
            seen[i].max[l] = 0;
        }
    }
    if (px < seen[i].min[look_now])
        seen[i].min[look_now] = px;
    if (px > seen[i].max[look_now])
        seen[i].max[look_now] = px;
}

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
    problems++;
    static int quiet = -1;
    if (quiet < 0)
        quiet = getenv("CHORUS_LAYOUT_DUMP") == NULL;
    if (quiet && problems > 60)
        return;
    fprintf(stderr, "%s %dx%d %s %s: ", screens[app.screen].name, sizes[size_now].w,
            sizes[size_now].h, lang_now, look_names[look_now]);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    static int dumped;
    if (getenv("CHORUS_LAYOUT_DUMP") && !dumped++)
        for (int i = 0; i < app.view.nwidgets; i++) {
            const Widget *w = &app.view.widgets[i];
            fprintf(stderr, "  %d: kind %d size %d at %d,%d %dx%d \"%s\"\n", i, (int)w->kind,
                    (int)w->size, w->r.x, w->r.y, w->r.w, w->r.h, w->text ? w->text : "");
        }
}

static int button_like(WidgetKind k)
{
    return k == W_BUTTON || k == W_CHOICE || k == W_KEY || k == W_FACE || k == W_SYMBOL;
}

/* A text's letters run outside the box it is clipped to: wider than it, or ink above or below. */
static long answer_pages; /* pages after the first of a long answer the review showed */
static int cut_off(const RenderedText *t)
{
    return t->w > t->box.w || t->x < t->box.x - 2 || t->x + t->w > t->box.x + t->box.w + 2 ||
           (t->ink_h > 0 && (t->ink_y < t->box.y || t->ink_y + t->ink_h > t->box.y + t->box.h));
}

static void window_problem(const char *screen, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void window_problem(const char *screen, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    (void)screen;
    problem("%s", line);
}

/* Draws the current screen and checks what was drawn. */
static void check_screen(void)
{
    App *a = &app;
    app_build_view(a, &a->view);
    drawn.n = 0;
    render_view(rd, &a->view);
    SDL_RenderFlush(sr);
    views_drawn++;
    CHECK(!a->view.overflow);
    const char *screen = screens[a->screen].name;
    /* Nothing runs off the window: every widget inside it (a text's box is its widget's, or
     * inside it). */
    for (int i = 0; i < a->view.nwidgets; i++) {
        const Widget *w = &a->view.widgets[i];
        if (w->r.x < 0 || w->r.y < 0 || w->r.x + w->r.w > a->view.w ||
            w->r.y + w->r.h > a->view.h || w->r.w <= 0 || w->r.h <= 0)
            window_problem(screen, "a widget (kind %d, \"%s\") at %d,%d %dx%d, outside the window",
                           (int)w->kind, w->text ? w->text : "", w->r.x, w->r.y, w->r.w, w->r.h);
        if (w->kind == W_TEXT)
            for (int j = 0; j < a->view.nwidgets; j++) {
                const Widget *o = &a->view.widgets[j];
                Rect t = w->r, b = o->r;
                int meets = o->action && t.x < b.x + b.w && b.x < t.x + t.w && t.y < b.y + b.h &&
                            b.y < t.y + t.h;
                int inside = t.x >= b.x && t.y >= b.y && t.x + t.w <= b.x + b.w &&
                             t.y + t.h <= b.y + b.h;
                if (meets && !inside && w->text && *w->text)
                    window_problem(screen, "the text \"%s\" at %d,%d %dx%d runs into \"%s\" at "
                                           "%d,%d %dx%d",
                                   w->text, t.x, t.y, t.w, t.h, o->text ? o->text : "", b.x, b.y,
                                   b.w, b.h);
            }
        if (!w->action)
            continue;
        int min = size_now == 0 ? 44 : 72;
        if (w->r.w < min || w->r.h < min)
            window_problem(screen, "\"%s\" is a target of %dx%d, under %d px",
                           w->text ? w->text : "", w->r.w, w->r.h, min);
        for (int j = i + 1; j < a->view.nwidgets; j++) {
            const Widget *o = &a->view.widgets[j];
            if (o->action && w->r.x < o->r.x + o->r.w && o->r.x < w->r.x + w->r.w &&
                w->r.y < o->r.y + o->r.h && o->r.y < w->r.y + w->r.h)
                window_problem(screen, "\"%s\" at %d,%d %dx%d overlaps \"%s\" at %d,%d %dx%d",
                               w->text ? w->text : "", w->r.x, w->r.y, w->r.w, w->r.h,
                               o->text ? o->text : "", o->r.x, o->r.y, o->r.w, o->r.h);
        }
    }
    for (int i = 0; i < drawn.n; i++) {
        const RenderedText *t = &drawn.t[i];
        if (!drawn.text[i][0])
            continue;
        texts_seen++;
        if (cut_off(t))
            problem("\"%s\" is %dx%d (ink %d rows from y %d) in a box of %dx%d at y %d",
                    drawn.text[i], t->w, t->h, t->ink_h, t->ink_y, t->box.w, t->box.h, t->box.y);
        seen_add(screen, t->widget, drawn.text[i], t->px);
        if (!button_like(t->widget->kind))
            continue;
        for (int j = 0; j < i; j++) {
            const RenderedText *o = &drawn.t[j];
            if (button_like(o->widget->kind) && o->widget->r.y == t->widget->r.y &&
                o->widget->r.h == t->widget->r.h && o->px != t->px && drawn.text[j][0])
                problem("\"%s\" at %d px beside a button at %d px (row at y %d, %d tall)",
                        drawn.text[i], t->px, o->px, t->widget->r.y, t->widget->r.h);
        }
    }
    if (shots && size_now == 0 && look_now == LOOK_BIG) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s-%s-%03ld.png", shots, lang_now, screen, views_drawn);
        SDL_Surface *part = SDL_CreateRGBSurfaceWithFormat(0, sizes[0].w, sizes[0].h, 32,
                                                           SDL_PIXELFORMAT_ARGB8888);
        if (part) {
            SDL_Rect r = {0, 0, sizes[0].w, sizes[0].h};
            SDL_BlitSurface(canvas, &r, part, NULL);
            IMG_SavePNG(part, path);
            SDL_FreeSurface(part);
        }
    }
}

/* ---- driving the kiosk ---- */

static void later(App *a)
{
    long long t = a->now_ms + TAP_GUARD_MS;
    app_tick(a, t, a->wall + (t / 1000 - a->now_ms / 1000));
}

/* Taps the first widget with this action (and arg, unless any_arg) through app_input. */
static int tap(App *a, int action, int arg, int any_arg)
{
    later(a);
    app_build_view(a, &a->view);
    for (int i = 0; i < a->view.nwidgets; i++) {
        const Widget *w = &a->view.widgets[i];
        if (w->action != action || (!any_arg && w->arg != arg) || (w->flags & W_DISABLED))
            continue;
        Input press = {IN_PRESS, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2, "", 0, 0, 0};
        Input release = press;
        release.kind = IN_RELEASE;
        app_input(a, &press);
        app_input(a, &release);
        return 1;
    }
    return 0;
}

/* Taps the first choice of every question on the page that has none chosen yet. */
static void choose_firsts(App *a)
{
    for (int round = 0; round < 8 && a->screen == SCR_QUESTION; round++) {
        app_build_view(a, &a->view);
        int arg = -1;
        for (int i = 0; i < a->view.nwidgets && arg < 0; i++) {
            const Widget *w = &a->view.widgets[i];
            if (w->action == A_CHOICE && w->arg % 256 == 0 && !(w->flags & W_SELECTED))
                arg = w->arg;
        }
        if (arg < 0 || !tap(a, A_CHOICE, arg, 0))
            return;
        if (a->screen == SCR_SAFETY) {
            check_screen();
            CHECK(tap(a, A_TALK, 0, 0));
            check_screen();
            if (tap(a, A_HELP_NAME, 0, 0)) {
                check_screen();
                Input t = {IN_TEXT, 0, 0, "Sam", 0, 0, 0};
                app_input(a, &t);
                check_screen();
                CHECK(tap(a, A_CANCEL, 0, 0) || tap(a, A_BACK, 0, 0));
            }
            CHECK_INT(a->screen, SCR_SAFETY);
            CHECK(tap(a, A_TALK_UNDO, 0, 0));
            check_screen();
            CHECK(tap(a, A_CARRY_ON, 0, 0));
        }
    }
}

static void survey(App *a, int si)
{
    app_offer_surveys(a, -1);
    app_go(a, SCR_CHOOSE);
    check_screen();
    CHECK(tap(a, A_CHOOSE_SURVEY, si, 0));
    for (int guard = 0; a->screen == SCR_QUESTION && guard < 100; guard++) {
        check_screen();
        if (tap(a, A_FIELD, 0, 1)) { /* a text field on a group page */
            check_screen();
            Input t = {IN_TEXT, 0, 0, "7", 0, 0, 0};
            app_input(a, &t);
            check_screen();
            CHECK(tap(a, A_DONE, 0, 0));
        }
        if (tap(a, A_KEY, 0, 1)) { /* a typing page: a key, then a long answer */
            for (int k = 0; k < 110; k++) {
                Input t = {IN_TEXT, 0, 0, "Fine ok ", 0, 0, 0};
                app_input(a, &t);
            }
            check_screen();
        }
        choose_firsts(a);
        check_screen();
        /* Choices shown a page at a time: every page. */
        for (int page = 0; page < SURVEY_CHOICES_MAX; page++) {
            app_build_view(a, &a->view);
            int next = -1;
            for (int i = 0; i < a->view.nwidgets && next < 0; i++)
                if (a->view.widgets[i].action == A_CHOICES_MORE &&
                    a->view.widgets[i].arg > a->choices_from)
                    next = a->view.widgets[i].arg;
            if (next < 0 || !tap(a, A_CHOICES_MORE, next, 0))
                break;
            choices_paged++;
            check_screen();
        }
        CHECK(tap(a, A_NEXT, 0, 0));
    }
    if (a->screen != SCR_REVIEW)
        fprintf(stderr, "stuck in %s at page %d of %s (%dx%d %s %s)\n", screens[a->screen].name,
                a->page, a->surveys[si]->form_id, sizes[size_now].w, sizes[size_now].h, lang_now,
                look_names[look_now]);
    CHECK_INT(a->screen, SCR_REVIEW);
    check_screen();
    if (tap(a, A_REVIEW_OPEN, 0, 1)) {
        /* the long answer, a page at a time where it does not fit: every page, then back */
        check_screen();
        for (int page = 0, more = 1; page < 10 && more; page++) {
            more = 0;
            app_build_view(a, &a->view);
            for (int i = 0; i < a->view.nwidgets && !more; i++)
                if (a->view.widgets[i].action == A_REVIEW_AT &&
                    a->view.widgets[i].arg > a->review_at)
                    more = tap(a, A_REVIEW_AT, a->view.widgets[i].arg, 0);
            if (more) {
                answer_pages++;
                check_screen();
            }
        }
        for (int page = 0; page < 10 && !tap(a, A_REVIEW_CLOSE, 0, 0); page++)
            CHECK(tap(a, A_REVIEW_AT, 0, 1));
        CHECK_INT(a->review_open, -1);
    }
    for (int page = 0; page < 10 && tap(a, A_REVIEW_MORE, 0, 1) && a->review_from > 0; page++)
        check_screen();
    CHECK(tap(a, A_SEND, 0, 0));
    CHECK_INT(a->screen, SCR_THANKS);
    check_screen();
    CHECK(tap(a, A_FINISH, 0, 0));
}

/* The young person's screens in one language, look and size. */
static void walk_person(App *a, const char *lang)
{
    app_forget_person(a);
    snprintf(a->person.lang, sizeof a->person.lang, "%s", lang);
    a->person.setting[LOOK_BIGGER] = look_now == LOOK_BIG || look_now == LOOK_BIG_EASY;
    a->person.setting[LOOK_DYSLEXIC] = look_now == LOOK_EASY || look_now == LOOK_BIG_EASY;
    check_screen();
    CHECK(tap(a, A_LOOK, 0, 0));
    CHECK_INT(a->screen, SCR_LOOK);
    check_screen();
    CHECK(tap(a, A_DONE, 0, 0));
    /* "Take my answers back" (from "Choose how it looks", which always has it): both kinds, a
     * group of pictures open, and what it says after. */
    CHECK(tap(a, A_LOOK, 0, 0));
    CHECK(tap(a, A_TAKE_BACK, 0, 0));
    CHECK_INT(a->screen, SCR_TAKE_BACK);
    CHECK(tap(a, A_TAKE_KIND, RECEIPT_KIND_PICTURES, 0));
    check_screen();
    CHECK(tap(a, A_TAKE_GROUP, 3, 0));
    CHECK(tap(a, A_TAKE_PICK, 3 * RECEIPT_GROUPS + 5, 0));
    CHECK(tap(a, A_TAKE_GROUP, 15, 0));
    check_screen();
    CHECK(tap(a, A_TAKE_KIND, RECEIPT_KIND_LETTERS, 0));
    for (int i = 0; i < RECEIPT_LETTERS; i++)
        CHECK(tap(a, A_TAKE_PICK, 31 - i, 0));
    check_screen();
    static const UiText said[] = {UI_TAKE_BACK_SENT, UI_TAKE_BACK_WRONG, UI_TAKE_BACK_LIMIT};
    for (size_t i = 0; i < sizeof said / sizeof *said; i++) {
        a->take_said = said[i];
        check_screen();
    }
    a->take_said = 0;
    CHECK(tap(a, A_BACK, 0, 0));
    CHECK_INT(a->screen, SCR_WELCOME);
    a->person.setting[LOOK_BIGGER] = look_now == LOOK_BIG || look_now == LOOK_BIG_EASY;
    a->person.setting[LOOK_DYSLEXIC] = look_now == LOOK_EASY || look_now == LOOK_BIG_EASY;
    snprintf(a->person.lang, sizeof a->person.lang, "%s", lang);
    Person keep = a->person;
    for (int si = 0; si < a->nsurveys; si++) {
        a->person = keep;
        survey(a, si);
        a->person = keep;
        app_go(a, SCR_WELCOME);
    }
    /* The idle question, with a survey open, and a failed save. */
    app_offer_surveys(a, -1);
    app_go(a, SCR_CHOOSE);
    CHECK(tap(a, A_CHOOSE_SURVEY, 0, 0));
    app_go(a, SCR_IDLE);
    check_screen();
    app_go(a, SCR_SAVE_FAILED);
    check_screen();
    app_forget_person(a);
}

static void tap_pin(App *a)
{
    static const int digits[6] = {4, 8, 2, 9, 1, 5};
    for (int d = 0; d < 6; d++)
        CHECK(tap(a, A_PIN_DIGIT, digits[d], 0));
}

/* A debrief with something in it: 12 young people choosing the first choice of every choice
 * question of every shipped survey (up to the surveys a session counts). */
static void fill_debrief(App *a)
{
    static Answer answers[SURVEY_QUESTIONS_MAX];
    for (int si = 0; si < a->nsurveys && si < DEBRIEF_SURVEYS_MAX; si++) {
        const Survey *s = a->surveys[si];
        Response r;
        memset(&r, 0, sizeof r);
        int n = 0;
        for (int q = 0; q < s->nquestions && n < SURVEY_QUESTIONS_MAX; q++) {
            const Question *qu = &s->questions[q];
            if (!qu->list || (qu->type != QT_SELECT_ONE && qu->type != QT_SELECT_MULTIPLE))
                continue;
            answers[n] = (Answer){.question = qu->name, .kind = ANSWER_CHOICES, .nchoices = 1,
                                  .choices = &qu->list->choices[0].name};
            n++;
        }
        r.nanswers = n;
        r.answers = answers;
        for (int k = 0; k < 12; k++)
            CHECK(debrief_add(a->debrief, s, &r) == 0);
    }
}

/* The worker's screens (always the plain look, in English). */
static void walk_worker(App *a)
{
    app_forget_person(a);
    app_go(a, SCR_PIN);
    check_screen();
    tap_pin(a);
    check_screen();
    CHECK(tap(a, A_PIN_OK, 0, 0));
    if (a->screen == SCR_WORKER_ALERT) {
        check_screen();
        CHECK(tap(a, A_W_ALERT_SEEN, 0, 0));
    }
    CHECK_INT(a->screen, SCR_WORKER);
    check_screen();
    /* A session running: worker mode offers its debrief too. */
    snprintf(a->session, sizeof a->session, "One Voice, 12 March");
    fill_debrief(a);
    static const ScreenId more[] = {SCR_WORKER_SURVEY, SCR_WORKER_SESSION, SCR_WORKER_EXPORT,
                                    SCR_WORKER_BAND,   SCR_WORKER_QUIT,    SCR_RECOVERY_ENTER,
                                    SCR_WORKER_ALERT,  SCR_DEBRIEF,        SCR_WORKER_ACCESS,
                                    SCR_WORKER};
    for (size_t i = 0; i < sizeof more / sizeof *more; i++) {
        app_go(a, more[i]);
        check_screen();
        /* Every page of the debrief. */
        int pages = 0;
        for (; more[i] == SCR_DEBRIEF && pages < 40 && tap(a, A_DEBRIEF_PAGE, 1, 0); pages++)
            check_screen();
        CHECK(more[i] != SCR_DEBRIEF || pages > 1);
    }
    a->session[0] = '\0';
    app_forget_person(a);
}

/* Whether the list only (words split by spaces) lets name be walked: it is named, or the list
 * names no size (sizes 1) or no language (sizes 0) at all. */
static int walks(const char *only, const char *name, int sizes_)
{
    int any = 0;
    char word[32];
    for (const char *p = only; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(word, sizeof word, "%.*s", (int)n, p);
        if ((strchr(word, 'x') != NULL) == sizes_ && n) {
            any = 1;
            if (!strcmp(word, name))
                return 1;
        }
        p += n + (p[n] != 0);
    }
    return !any;
}

static void walk(void)
{
    App *a = &app;
    /* For a person working on one layout: CHORUS_LAYOUT_ONLY="800x480 ti" walks only the
     * sizes and languages named (the checks across looks still run). */
    const char *only = getenv("CHORUS_LAYOUT_ONLY");
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        char name[16];
        snprintf(name, sizeof name, "%dx%d", sizes[s].w, sizes[s].h);
        if (only && !walks(only, name, 1))
            continue;
        size_now = (int)s;
        app_resize(a, sizes[s].w, sizes[s].h);
        look_now = LOOK_PLAIN;
        lang_now = "en";
        a->access.mode = ACCESS_OFF;
        walk_worker(a);
        /* Two switches on, kept: every young person's screen is drawn with its focus ring
         * (render.c draws it last, over the layout). */
        a->access.mode = ACCESS_TWO_SWITCHES;
        a->access.keep = 1;
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
            lang_now = langs[l];
            if (only && !walks(only, lang_now, 0))
                continue;
            for (int look = 0; look < LOOKS; look++) {
                look_now = look;
                walk_person(a, langs[l]);
            }
        }
    }
}

/* Bigger text bigger than the default at every text, the easy-read font never smaller. */
static void check_sizes(void)
{
    long compared = 0, bad = 0;
    for (size_t i = 0; i < SEEN_MAX; i++) {
        if (!seen[i].key || !seen[i].max[LOOK_PLAIN])
            continue;
        int plain = seen[i].max[LOOK_PLAIN];
        long before = bad;
        if (seen[i].max[LOOK_BIG]) {
            compared++;
            bad += seen[i].min[LOOK_BIG] <= plain;
        }
        if (seen[i].max[LOOK_EASY])
            bad += seen[i].min[LOOK_EASY] < plain;
        if (seen[i].max[LOOK_BIG_EASY])
            bad += seen[i].min[LOOK_BIG_EASY] <= plain;
        if (bad > before && bad < 30)
            fprintf(stderr, "%s: %d px, bigger %d, easy-read %d, both %d\n", seen[i].what, plain,
                    seen[i].min[LOOK_BIG], seen[i].min[LOOK_EASY], seen[i].min[LOOK_BIG_EASY]);
    }
    fprintf(stderr, "layout: %ld screens, %ld texts, %ld texts compared across looks, %ld not "
                    "sized as asked, %ld cut off, off the window or mixed in a row; %ld pages "
                    "of choices\n",
            views_drawn, texts_seen, compared, bad, problems, choices_paged);
    CHECK(compared > (getenv("CHORUS_LAYOUT_ONLY") ? 0 : 500));
    /* Bigger text does not fit every survey's longest list of choices on one screen. */
    CHECK(getenv("CHORUS_LAYOUT_ONLY") || choices_paged > 0);
    fprintf(stderr, "layout: %ld further pages of long answers on the review\n", answer_pages);
    CHECK(getenv("CHORUS_LAYOUT_ONLY") || answer_pages > 0);
    CHECK_INT(bad, 0);
    CHECK_INT(problems, 0);
}

/* The walk finds what it is meant to: a text cut off is reported, and so is one too small. */
static void test_the_checks_fail(void)
{
    App *a = &app;
    app_resize(a, 800, 480);
    size_now = 0;
    look_now = LOOK_PLAIN;
    lang_now = "en";
    View *v = &a->view;
    view_reset(v, 800, 480);
    view_add(v, W_TEXT, (Rect){10, 10, 60, 10}, "A text far too long for its box", TS_BODY, 0, 0);
    view_add(v, W_BUTTON, (Rect){10, 100, 200, 60}, "One", TS_BODY, A_NEXT, 0);
    view_add(v, W_BUTTON, (Rect){300, 100, 200, 60}, "Two", TS_SMALL, A_BACK, 0);
    drawn.n = 0;
    render_view(rd, v);
    int cut = 0, mixed = 0;
    for (int i = 0; i < drawn.n; i++) {
        cut += cut_off(&drawn.t[i]);
        if (i > 0 && drawn.t[i].widget->r.y == drawn.t[i - 1].widget->r.y &&
            drawn.t[i].px != drawn.t[i - 1].px)
            mixed++;
    }
    CHECK_INT(drawn.n, 3);
    CHECK_INT(cut, 1);
    CHECK_INT(mixed, 1);
}

static void test_every_screen(void)
{
    walk();
    check_sizes();
}

static void setup(void)
{
    App *a = &app;
    char err[ERR_LEN], path[128];
    snprintf(dir, sizeof dir, "/tmp/chorus-layout-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    a->store = store_open(path, err);
    CHECK(a->store != NULL);
    uint8_t sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(a->council_pk, sk);
    sodium_memzero(sk, sizeof sk);
    static const char *const files[] = {
        "assets/surveys/how_was_today.csv",    "assets/surveys/care_leavers.csv",
        "assets/surveys/children_in_care.csv", "assets/surveys/one_voice_session.csv",
        "assets/surveys/little_voices.csv",    "assets/surveys/my_life.csv"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        static SurveyProblems probs;
        Survey *s = survey_load(files[i], &probs);
        if (!s)
            survey_problems_print(files[i], &probs, stderr);
        CHECK(s != NULL);
        if (s)
            a->surveys[a->nsurveys++] = s;
    }
    a->measure = render_measure;
    a->measure_ctx = rd;
    app_resize(a, 1280, 800);
    CHECK(app_start(a, 0, (long long)time(NULL)) == 0);
    /* The worker's PIN, set as on a new kiosk. */
    CHECK_INT(a->screen, SCR_SET_PIN);
    for (int round = 0; round < 2; round++) {
        tap_pin(a);
        CHECK(tap(a, A_PIN_OK, 0, 0));
    }
    CHECK_INT(a->screen, SCR_RECOVERY_SHOW);
    CHECK(tap(a, A_RECOVERY_DONE, 0, 0));
    CHECK_INT(a->screen, SCR_WELCOME);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    shots = getenv("CHORUS_LAYOUT_SHOTS");
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    char err[ERR_LEN] = "";
    canvas = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
    sr = canvas ? SDL_CreateSoftwareRenderer(canvas) : NULL;
    rd = sr ? render_new(sr, FONTS, err) : NULL;
    if (!rd) {
        fprintf(stderr, "cannot set up: %s %s\n", err, SDL_GetError());
        return 1;
    }
    render_trace(rd, record, NULL);
    setup();
    RUN(test_the_checks_fail);
    RUN(test_every_screen);
    app_stop(&app);
    store_close(app.store);
    for (int i = 0; i < app.nsurveys; i++)
        survey_free(app.surveys[i]);
    render_free(rd);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(canvas);
    TTF_Quit();
    SDL_Quit();
    char path[128];
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    unlink(path);
    rmdir(dir);
    return TEST_SUMMARY("test_sdl_layout");
}
