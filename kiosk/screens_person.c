/* screens_person.c: the young person's screens: welcome (language, age, how it looks), the
 * survey choice, questions, the safety screen, the review, thanks, a failed save and the idle
 * question. Rows of the table in screens.c; see screens.h for what build_*, on_* and key_* do.
 *
 * The kiosk's own words come from ui_text() (app.c), in plain English at a low reading age and
 * in the translations there; a survey's words come from the survey, in the young person's
 * language. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "answers.h"
#include "help_request.h"
#include "keyboard.h"
#include "kit.h"
#include "markup.h"
#include "screens.h"

/* ---- a survey's words, with the answers they name ---- */

/* The most bytes a survey text takes once its ${name}s are filled in. */
#define FILLED_MAX 2048

/* s, a survey's words, as the young person reads them: each ${name} replaced by the answer it
 * names (draft_fill), so "${" never reaches the screen. A filled copy is kept in the view,
 * which is wiped with the answers; the buffer it was made in is wiped at once. */
static const char *filled(const App *a, View *v, const char *s)
{
    if (!strstr(s, "${"))
        return s;
    char buf[FILLED_MAX];
    const char *f = view_printf(v, "%s", draft_fill(a->draft, s, buf, sizeof buf));
    sodium_memzero(buf, sizeof buf);
    return f;
}

/* Text t of the survey in the young person's language, filled in (filled()), with its bold and
 * italic kept as style marks (markup.h) for the drawer: the words are the plain ones. The
 * markup is read before the answers are filled in, so a "*" a young person typed stays a star. */
static const char *survey_words(const App *a, View *v, Text t)
{
    const Survey *s = app_survey(a);
    const char *plain = survey_text(s, t, a->draft->lang), *src = survey_text_markup(s, t, a->draft->lang);
    if (src == plain || strcmp(src, plain) == 0)
        return filled(a, v, plain);
    char buf[FILLED_MAX];
    const char *styled = view_printf(v, "%s", markup_styled(src, strlen(src), buf, sizeof buf));
    return filled(a, v, styled);
}

/* The label of question q as the young person reads it: the kiosk's own words for the typed
 * answer an `or_other` adds, else the survey's, filled in. */
static const char *question_words(const App *a, View *v, const Question *q)
{
    return q->other ? T(a, UI_OTHER_WHAT) : survey_words(a, v, q->label);
}

/* The words of choice ch: the kiosk's own for the "Other" an `or_other` adds. */
static const char *choice_words(const App *a, View *v, const Choice *ch)
{
    return ch->other ? T(a, UI_OTHER) : survey_words(a, v, ch->label);
}

/* ---- reading aloud ---- */

/* Whether text t of survey s, shown in language lang, can be read aloud: a recording in
 * audio for the language it is shown in, or a voice for that language. Sets *key (its
 * language) and *rec (the recording's path, or NULL). */
static int speakable(const App *a, const Survey *s, Text t, Text audio, int lang, char *key,
                     const char **rec)
{
    *rec = NULL;
    key[0] = '\0';
    if (!a->speak)
        return 0;
    int li = survey_text_lang(s, t, lang);
    if (li < 0)
        return 0;
    app_lang_key(&s->langs[li], key);
    *rec = audio && audio[li] ? audio[li] : NULL;
    return *rec || (a->can_speak && a->can_speak(a->speak_ctx, key));
}

/* A speaker button in r that reads what (named in its text, for scripts) aloud. */
static void speaker(View *v, Rect r, const char *what, int arg)
{
    view_add(v, W_SPEAK, r, view_printf(v, "Read aloud: %.*s", kit_utf8_prefix(what, 48), what),
             TS_SMALL, A_SPEAK, arg);
}

/* The side of a speaker button: small, but a touch target. */
static int speaker_size(const View *v)
{
    return view_px(v, 72, 44);
}

/* Reads question qi's label (c == SPEAK_LABEL) or its choice c aloud. */
static void speak_survey_text(App *a, int qi, int c)
{
    const Survey *s = app_survey(a);
    if (!s || qi < 0 || qi >= s->nquestions)
        return;
    const Question *q = &s->questions[qi];
    Text t = q->label, audio = q->audio;
    if (c != SPEAK_LABEL) {
        if (!q->list || c < 0 || c >= q->list->nchoices)
            return;
        t = q->list->choices[c].label;
        audio = q->list->choices[c].audio;
    }
    char key[LANG_KEY_MAX + 1];
    const char *rec;
    /* or_other's "Other" and its typed answer are the kiosk's words, in the kiosk's voice */
    int own = c == SPEAK_LABEL ? q->other : q->list->choices[c].other;
    if (own) {
        UiText w = c == SPEAK_LABEL ? UI_OTHER_WHAT : UI_OTHER;
        if (a->speak && a->can_speak && a->can_speak(a->speak_ctx, ui_text_lang(a, w)))
            a->speak(a->speak_ctx, T(a, w), ui_text_lang(a, w), NULL);
        return;
    }
    if (speakable(a, s, t, audio, a->draft->lang, key, &rec)) {
        char buf[FILLED_MAX];
        a->speak(a->speak_ctx,
                 draft_fill(a->draft, survey_text(s, t, a->draft->lang), buf, sizeof buf), key,
                 rec);
        sodium_memzero(buf, sizeof buf);
    }
}

/* A survey for the youngest (ages up to 7): every question is read aloud as it appears. */
static int reads_on_entry(const Survey *s)
{
    return s && s->age_max <= 7;
}

/* Reads the current page's questions aloud, when the survey is for young children. */
static void read_page_aloud(App *a)
{
    const Survey *s = app_survey(a);
    if (!reads_on_entry(s) || !a->speak || a->page < 0 || a->page >= s->npages)
        return;
    const Page *pg = &s->pages[a->page];
    if (pg->count == 1) {
        speak_survey_text(a, pg->first, SPEAK_LABEL);
        return;
    }
    /* A group: its title and each shown question, one after the other, as one utterance. */
    char text[2048] = "", key[LANG_KEY_MAX + 1] = "";
    const char *rec;
    int lang = a->draft->lang;
    if (pg->title && speakable(a, s, pg->title, NULL, lang, key, &rec))
        snprintf(text, sizeof text, "%s", survey_text(s, pg->title, lang));
    for (int i = 0; i < pg->count; i++) {
        const Question *q = &s->questions[pg->first + i];
        char qkey[LANG_KEY_MAX + 1];
        if (!draft_relevant(a->draft, q) || !speakable(a, s, q->label, NULL, lang, qkey, &rec))
            continue;
        if (!key[0])
            memcpy(key, qkey, sizeof key);
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "%s%s", used ? ". " : "",
                 survey_text(s, q->label, lang));
    }
    if (text[0]) {
        char buf[FILLED_MAX];
        a->speak(a->speak_ctx, draft_fill(a->draft, text, buf, sizeof buf), key, NULL);
        sodium_memzero(buf, sizeof buf);
    }
    sodium_memzero(text, sizeof text);
}

/* ---- welcome: language, age, how it looks; choosing a survey ---- */

/* The welcome screen asks the age only when it can change what is offered. */
static int asks_age(const App *a)
{
    return a->nsurveys > 1 && a->fixed_survey < 0 && a->fixed_band < 0;
}

static const UiText band_words[AGE_BANDS] = {UI_BAND_4_7, UI_BAND_8_11, UI_BAND_12_15,
                                             UI_BAND_16_17, UI_BAND_18_25};

/* One button a language, each name in its own script, the one in effect selected; from y (only
 * measured, with add 0). Returns the y below them. */
static int language_buttons(const App *a, View *v, int y, int add)
{
    int m = margin(v), gap = U(v, 12), n = a->nlangs;
    int rows = n <= 4 ? 1 : n <= 10 ? 2 : 3;
    int cols = (n + rows - 1) / rows;
    int bw = (v->w - 2 * m - (cols - 1) * gap) / cols;
    /* One height for them all, as tall as the tallest name needs. */
    int bh = view_px(v, 80, 44);
    for (int i = 0; i < n; i++) {
        const char *name = view_printf(v, "%.*s", a->langs[i].name_len, a->langs[i].name);
        int need = kit_button_h(v, name, TS_BODY, bw);
        bh = need > bh ? need : bh;
    }
    const char *now = app_lang(a);
    for (int i = 0; i < n && add; i++) {
        const AppLanguage *l = &a->langs[i];
        Rect r = rect(m + (i % cols) * (bw + gap), y + (i / cols) * (bh + gap), bw, bh);
        Widget *b = kit_button(v, r, view_printf(v, "%.*s", l->name_len, l->name), A_LANG, i,
                               strcasecmp(l->key, now) == 0 ? W_SELECTED : W_QUIET);
        b->flags |= W_STAY; /* the same spot, the same language, mirrored or not */
    }
    return y + rows * bh + (rows - 1) * gap;
}

/* "How old are you?" and a button an age band, in pictures (when pictures) and words; from y
 * (only measured, with add 0). Returns the y below them. */
static int age_buttons(const App *a, View *v, int y, int pictures, int add)
{
    int m = margin(v), gap = U(v, 16), w = v->w - 2 * m;
    int qh = kit_text_h(v, T(a, UI_HOW_OLD), TS_LARGE, W_BOLD, w);
    if (qh < U(v, 44))
        qh = U(v, 44);
    if (add)
        kit_text(v, rect(m, y, w, qh), T(a, UI_HOW_OLD), TS_LARGE, W_BOLD);
    y += qh + U(v, 4);
    int any = 0;
    for (int i = 0; i < AGE_BANDS; i++)
        any |= a->band_picture[i][0] != '\0';
    pictures = pictures && any;
    int bw = (w - (AGE_BANDS - 1) * gap) / AGE_BANDS;
    /* The words' row as tall as the longest words need; a picture above it, when asked. */
    int words = view_px(v, 72, 44);
    for (int i = 0; i < AGE_BANDS; i++) {
        int need = kit_button_h(v, T(a, band_words[i]), TS_BODY, bw);
        words = need > words ? need : words;
    }
    int bh = pictures ? words + U(v, 6) + view_px(v, 88, 44) : words;
    if (bh < view_px(v, pictures ? 160 : 96, 52))
        bh = view_px(v, pictures ? 160 : 96, 52);
    for (int i = 0; i < AGE_BANDS && add; i++)
        kit_picture_button(v, W_BUTTON, rect(m + i * (bw + gap), y, bw, bh),
                           pictures ? a->band_picture[i] : NULL, T(a, band_words[i]), A_BAND, i, 0);
    return y + bh;
}

/* The width of a button with the words s on one line when they fit in most, at least least. */
static int button_w(const View *v, const char *s, int least, int most)
{
    int w = kit_text_w(v, s, TS_BODY, W_BOLD) + 2 * view_text_pad(v) + 4 * ((int)(3 * v->unit) + 1);
    w = w > least ? w : least;
    return w < most ? w : most;
}

void build_welcome(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    /* A request for help is waiting for a worker: a small dot in the worker corner (top left
     * in every language: placed so that mirroring brings it there), nothing a child would read
     * as an alarm; worker mode says what it is. A sign, not a target. */
    if (a->help_waiting > 0) {
        int dot = U(v, 28), dx = U(v, 12);
        view_add(v, W_TEXT, rect(v->look.rtl ? v->w - dx - dot : dx, U(v, 8), dot, dot), "\u2022",
                 TS_SMALL, 0, 0);
    }
    int langs = a->nlangs > 1, ages = asks_age(a);
    int bottom = v->h - m / 2;
    if (a->session[0]) {
        /* On a right-to-left screen the name is isolated (FSI ... PDI), so that "One Voice"
         * keeps its order and the colon stays with the label. */
        const char *line = v->look.rtl
                               ? view_printf(v, "%s \u2068%s\u2069", T(a, UI_SESSION), a->session)
                               : view_printf(v, "%s %s", T(a, UI_SESSION), a->session);
        int sh = kit_text_h(v, line, TS_SMALL, 0, v->w - 2 * m);
        if (sh < U(v, 40))
            sh = U(v, 40);
        bottom = v->h - m / 2 - sh;
        kit_text(v, rect(m, bottom, v->w - 2 * m, sh), line, TS_SMALL, 0);
    }
    /* Start and "Choose how it looks" side by side: Start is the forward action, so it sits
     * where Next does. Each as wide as its words on one line need (up to its share of the row).
     * "Take my answers back" between them, quieter, for someone who answered before; when the
     * three do not fit with everything else (bigger text on a small window), it is left to the
     * "Choose how it looks" screen, which always has it. */
    int gap = U(v, 24), three = 1;
    int sw = 0, lw = 0, tw = 0;
    int bh = view_px(v, 140, 64);
    int y;
  again:
    {
        int share = three ? (v->w - 2 * m - 2 * gap) / 3 : (v->w - 2 * m - gap) / 2;
        sw = button_w(v, T(a, UI_START), U(v, three ? 360 : 440), share);
        lw = button_w(v, T(a, UI_LOOK), U(v, three ? 300 : 380), share);
        tw = three ? button_w(v, T(a, UI_TAKE_BACK), U(v, 300), share) : 0;
    }
    if (!langs && !ages) {
        int w = v->w - 2 * m;
        y = kit_text_flow(v, m, U(v, 120), w, U(v, 110), T(a, UI_TITLE), TS_TITLE, W_BOLD);
        y = kit_text_flow(v, m * 2, y + U(v, 10), v->w - 4 * m, U(v, 130), T(a, UI_INTRO),
                          TS_LARGE, 0);
        y = y + U(v, 50) > U(v, 420) ? y + U(v, 50) : U(v, 420);
    } else {
        /* Language, age and Start on one screen. When they do not all fit (a small window,
         * bigger text), the age buttons lose their pictures, then the line under the title
         * goes: every button stays, and no word is cut. */
        bh = view_px(v, 100, 52);
        int w = v->w - 2 * m;
        int title_h = kit_text_h(v, T(a, UI_TITLE), TS_TITLE, W_BOLD, w);
        title_h = title_h > U(v, 80) ? title_h : U(v, 80);
        int intro_h = kit_text_h(v, T(a, UI_INTRO), TS_BODY, 0, w);
        intro_h = intro_h > U(v, 44) ? intro_h : U(v, 44);
        int need = kit_button_h(v, T(a, UI_LOOK), TS_BODY, lw);
        bh = need > bh ? need : bh;
        need = kit_button_h(v, T(a, UI_START), TS_BODY, sw);
        bh = need > bh ? need : bh;
        if (three) {
            need = kit_button_h(v, T(a, UI_TAKE_BACK), TS_BODY, tw);
            bh = need > bh ? need : bh;
        }
        /* "You said, we did" under Start: its lines count, before the pictures do. */
        int news_h = 0;
        if (a->nsurveys > 0 && a->nnews > 0) {
            news_h = U(v, 16) + kit_text_h(v, T(a, UI_NEWS), TS_SMALL, W_BOLD, w);
            for (int i = 0; i < a->nnews; i++)
                news_h += kit_text_h(v, a->news[i], TS_SMALL, 0, w);
        }
        int pictures = 1, intro = 1, plan;
        for (plan = 0; plan < 4; plan++) {
            pictures = plan == 0 || plan == 2;
            intro = plan < 3;
            int news = plan < 2 ? news_h : 0;
            int h = U(v, 16) + title_h + (intro ? intro_h : 0) + U(v, 12);
            if (langs)
                h = language_buttons(a, v, h, 0) + U(v, 12);
            if (ages)
                h = age_buttons(a, v, h + (langs ? 0 : U(v, 20)), pictures, 0) + U(v, 16);
            else
                h += U(v, 40);
            if (h + bh + news <= bottom)
                break;
        }
        if (plan == 4 && three) {
            three = 0;
            bh = view_px(v, 140, 64);
            goto again;
        }
        y = kit_text_flow(v, m, U(v, 16), w, title_h, T(a, UI_TITLE), TS_TITLE, W_BOLD);
        if (intro)
            y = kit_text_flow(v, m, y, w, intro_h, T(a, UI_INTRO), TS_BODY, 0);
        y += U(v, 12);
        if (langs)
            y = language_buttons(a, v, y, 1) + U(v, 12);
        if (ages)
            y = age_buttons(a, v, y + (langs ? 0 : U(v, 20)), pictures, 1) + U(v, 16);
        else
            y += U(v, 40);
    }
    /* One row, one height: as tall as the longer words need. */
    int need = kit_button_h(v, T(a, UI_LOOK), TS_BODY, lw);
    bh = need > bh ? need : bh;
    need = kit_button_h(v, T(a, UI_START), TS_BODY, sw);
    bh = need > bh ? need : bh;
    if (three) {
        need = kit_button_h(v, T(a, UI_TAKE_BACK), TS_BODY, tw);
        bh = need > bh ? need : bh;
    }
    int x = (v->w - sw - lw - tw - (three ? 2 : 1) * gap) / 2;
    kit_button(v, rect(x, y, lw, bh), T(a, UI_LOOK), A_LOOK, 0, W_QUIET);
    if (three)
        kit_button(v, rect(x + lw + gap, y, tw, bh), T(a, UI_TAKE_BACK), A_TAKE_BACK, 0, W_QUIET);
    kit_button(v, rect(x + lw + (three ? tw + gap : 0) + gap, y, sw, bh), T(a, UI_START),
               A_START, 0, W_PRIMARY);
    int top = y + bh + U(v, 16);
    if (a->nsurveys == 0) {
        kit_text_flow(v, m, top, v->w - 2 * m, U(v, 60), T(a, UI_NO_SURVEYS), TS_BODY, W_ALERT);
    } else if (a->nnews > 0) {
        /* "You said, we did": what changed because young people spoke up, small and below
         * Start, so it informs without standing between anyone and the survey: the lines that
         * fit whole, one under the other. */
        int w = v->w - 2 * m;
        int hh = kit_text_h(v, T(a, UI_NEWS), TS_SMALL, W_BOLD, w);
        if (top + hh <= bottom) {
            top = kit_text_flow(v, m, top, w, 0, T(a, UI_NEWS), TS_SMALL, W_BOLD);
            for (int i = 0; i < a->nnews; i++) {
                int h = kit_text_h(v, a->news[i], TS_SMALL, 0, w);
                if (top + h > bottom)
                    break;
                top = kit_text_flow(v, m, top, w, h, a->news[i], TS_SMALL, 0);
            }
        }
    }
}

static void start_survey(App *a, int i)
{
    const Survey *s = a->surveys[i];
    int lang = app_survey_lang(a, s);
    draft_start(a->draft, s, lang);
    /* The age asked once: what they told the welcome answers, or narrows, the survey's own. */
    if (a->person.band >= 0 && a->person.band_told)
        (void)draft_tell_age(a->draft, age_bands[a->person.band].min,
                             age_bands[a->person.band].max);
    app_lang_key(&s->langs[lang], a->lang_shown);
    a->survey = i;
    a->review_from = 0;
    a->choices_from = 0;
    a->page = draft_next_page(a->draft, -1);
}

/* Offers the surveys for age band band (-1: all): one starts at once, more are a choice. */
static ScreenId offer(App *a, int band)
{
    app_offer_surveys(a, band);
    if (a->noffered != 1)
        return SCR_CHOOSE;
    start_survey(a, a->offered[0]);
    return a->page >= 0 ? SCR_QUESTION : SCR_REVIEW;
}

ScreenId on_welcome(App *a, int action, int arg)
{
    switch (action) {
    case A_WORKER_HOLD:
        return SCR_PIN;
    case A_LANG:
        if (arg >= 0 && arg < a->nlangs)
            memcpy(a->person.lang, a->langs[arg].key, sizeof a->person.lang);
        return SCR_WELCOME;
    case A_LOOK:
        return SCR_LOOK;
    case A_TAKE_BACK:
        return SCR_TAKE_BACK;
    case A_BAND:
        if (arg < 0 || arg >= AGE_BANDS || !asks_age(a))
            return SCR_WELCOME;
        a->person.band = arg;
        a->person.band_told = 1;
        return offer(a, arg);
    case A_START:
        if (a->nsurveys == 0)
            return SCR_WELCOME;
        if (a->fixed_survey >= 0) {
            app_offer_surveys(a, -1);
            a->noffered = 1;
            a->offered[0] = a->fixed_survey;
            start_survey(a, a->fixed_survey);
            return a->page >= 0 ? SCR_QUESTION : SCR_REVIEW;
        }
        a->person.band = a->fixed_band;
        a->person.band_told = 0; /* the worker's setting, not their answer */
        return offer(a, a->fixed_band);
    default:
        return SCR_WELCOME;
    }
}

/* ---- choose how it looks ---- */

static const UiText look_words[LOOK_COUNT] = {UI_BIGGER, UI_CONTRAST, UI_DYSLEXIC, UI_MORE_TIME};

void build_look(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    kit_text(v, rect(m, m, v->w - 2 * m, U(v, 90)), T(a, UI_LOOK_TITLE), TS_LARGE, W_BOLD);
    int top = m + U(v, 110);
    /* "Take my answers back" here too: the welcome has no room for it with bigger text on a
     * small window. */
    int bottom = kit_nav_bar(v, NULL, 0, T(a, UI_TAKE_BACK), A_TAKE_BACK, 0, W_QUIET,
                             T(a, UI_DONE), A_DONE, 0);
    int gap = U(v, 20);
    int bw = (v->w - 2 * m - (LOOK_COUNT - 1) * gap) / LOOK_COUNT;
    int bh = bottom - top;
    if (bh > U(v, 300))
        bh = U(v, 300);
    for (int i = 0; i < LOOK_COUNT; i++)
        kit_picture_button(v, W_CHOICE,
                           rect(m + i * (bw + gap), top + (bottom - top - bh) / 2, bw, bh),
                           a->look_picture[i], T(a, look_words[i]), A_TOGGLE, i,
                           a->person.setting[i] ? W_SELECTED : 0);
}

ScreenId on_look(App *a, int action, int arg)
{
    if (action == A_TOGGLE && arg >= 0 && arg < LOOK_COUNT)
        a->person.setting[arg] = !a->person.setting[arg];
    if (action == A_DONE || action == A_BACK)
        return SCR_WELCOME;
    if (action == A_TAKE_BACK)
        return SCR_TAKE_BACK;
    return SCR_LOOK;
}

void build_choose(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    int top = kit_text_flow(v, m, m, v->w - 2 * m, U(v, 90), T(a, UI_WHICH), TS_LARGE, W_BOLD) +
              U(v, 20);
    int bottom = kit_nav_bar(v, T(a, UI_BACK), A_BACK, NULL, 0, 0, 0, NULL, 0, 0);
    Rect cells[SURVEYS_MAX];
    const char *names[SURVEYS_MAX];
    for (int i = 0; i < a->noffered; i++) {
        const Survey *s = a->surveys[a->offered[i]];
        names[i] = kit_survey_name(s, app_survey_lang(a, s));
    }
    /* Every name whole: the grid takes the columns its longest name leaves room for. */
    kit_grid_words(v, rect(m, top, v->w - 2 * m, bottom - top), a->noffered, names, TS_BODY, 0,
                   3, target(v), U(v, 130), cells);
    for (int i = 0; i < a->noffered; i++)
        kit_button(v, cells[i], names[i], A_CHOOSE_SURVEY, a->offered[i], 0);
}

ScreenId on_choose(App *a, int action, int arg)
{
    if (action == A_BACK)
        return SCR_WELCOME;
    if (action != A_CHOOSE_SURVEY)
        return SCR_CHOOSE;
    for (int i = 0; i < a->noffered; i++) {
        if (a->offered[i] == arg) {
            start_survey(a, arg);
            return a->page >= 0 ? SCR_QUESTION : SCR_REVIEW;
        }
    }
    return SCR_CHOOSE;
}

/* ---- questions ---- */

static const Question *page_question(const App *a, int i)
{
    const Survey *s = app_survey(a);
    return &s->questions[s->pages[a->page].first + i];
}

/* The question typed into on this page: the focused one, or the only one if it takes typing. */
static const Question *typing_question(const App *a)
{
    const Survey *s = app_survey(a);
    if (a->focus >= 0)
        return &s->questions[a->focus];
    const Page *pg = &s->pages[a->page];
    if (pg->count == 1) {
        const Question *q = &s->questions[pg->first];
        if (q->type == QT_TEXT || q->type == QT_INTEGER || q->type == QT_DECIMAL)
            return q;
    }
    return NULL;
}

/* The forward button of a question: Next, or Done when one answer is being changed from the
 * review (it goes back there). */
static const char *forward_word(const App *a)
{
    return T(a, a->from_review ? UI_DONE : UI_NEXT);
}

/* The first question shown on this page that needs an answer and has none (declining is an
 * answer); NULL when Next may go on. */
static const Question *page_waiting(const App *a)
{
    const Survey *s = app_survey(a);
    const Page *pg = &s->pages[a->page];
    for (int i = 0; i < pg->count; i++) {
        const Question *q = &s->questions[pg->first + i];
        if (draft_required(a->draft, q) && draft_relevant(a->draft, q) &&
            a->draft->answers[pg->first + i].state != DS_DECLINED && !draft_answered(a->draft, q))
            return q;
    }
    return NULL;
}

static int page_answered_enough(const App *a)
{
    return page_waiting(a) == NULL;
}

/* The first question shown on page p whose answer breaks its `constraint`; NULL when none. An
 * unanswered or declined question is never one (draft_constraint_ok). */
static const Question *page_unfit(const App *a, int p)
{
    const Survey *s = app_survey(a);
    const Page *pg = &s->pages[p];
    for (int i = 0; i < pg->count; i++) {
        const Question *q = &s->questions[pg->first + i];
        if (draft_relevant(a->draft, q) && !draft_constraint_ok(a->draft, q))
            return q;
    }
    return NULL;
}

/* What the kiosk says when q's answer breaks its constraint: the survey's constraint_message,
 * else its own kind words. Not filled in: why_waiting() does that as it is shown. */
static const char *unfit_words(const App *a, const Question *q)
{
    const char *own = q->constraint_message
                          ? survey_text(app_survey(a), q->constraint_message, a->draft->lang)
                          : "";
    return *own ? own : T(a, UI_CONSTRAINT);
}

/* The line that says why Next waits, or NULL: the screen's message (an answer that does not
 * fit, a key that did nothing), else, with required, the survey's required_message of the
 * question that needs an answer, or the kiosk's own words. */
static const char *why_waiting(const App *a, View *v, int required)
{
    if (a->message)
        return filled(a, v, a->message);
    const Question *q = required ? page_waiting(a) : NULL;
    if (!q)
        return NULL;
    const char *own =
        q->required_message ? survey_text(app_survey(a), q->required_message, a->draft->lang) : "";
    return *own ? filled(a, v, own) : T(a, UI_REQUIRED);
}

/* The value a read-only or calculated question shows (it is a note: nothing to type, nothing
 * sent), in the view; NULL when q is not one or its value is empty. */
static const char *shown_value(const App *a, View *v, const Question *q)
{
    if (!q->read_only)
        return NULL;
    char buf[FILLED_MAX];
    draft_value_text(a->draft, q, buf, sizeof buf);
    const char *value = *buf ? view_printf(v, "%s", buf) : NULL;
    sodium_memzero(buf, sizeof buf);
    return value;
}

/* The survey's name, "2 of 5" and the progress bar across the top (only measured, with
 * add 0). Returns the y below. */
static int progress(const App *a, View *v, int add)
{
    const Survey *s = app_survey(a);
    int shown = 0, before = 0;
    for (int p = 0; p < s->npages; p++) {
        if (!draft_page_asked(a->draft, p) && p != a->page)
            continue;
        if (p < a->page)
            before++;
        shown++;
    }
    int m = margin(v), gap = U(v, 16);
    int y = U(v, 12);
    const char *of = kit_fill(v, T(a, UI_OF), before + 1, shown ? shown : 1);
    const char *name = kit_survey_name(s, a->draft->lang);
    /* A typing screen has no room for its group's title: which group (a repeat's second time,
     * a loop's choice) goes on this line instead. */
    const Page *pg = a->page >= 0 && a->page < s->npages ? &s->pages[a->page] : NULL;
    if (pg && pg->title && typing_question(a))
        name = view_printf(v, "%s \u00B7 %s", name, survey_words(a, v, pg->title));
    int ow = kit_text_w(v, of, TS_SMALL, 0) + 2;
    if (ow < U(v, 120))
        ow = U(v, 120);
    int nw = v->w - 2 * m - ow - gap;
    int h = kit_text_h(v, name, TS_SMALL, 0, nw);
    if (h < U(v, 36))
        h = U(v, 36);
    y += h + U(v, 4);
    if (!add)
        return y + U(v, 14) + U(v, 8);
    kit_text(v, rect(m, y - h - U(v, 4), nw, h), name, TS_SMALL, W_LEFT);
    kit_text(v, rect(v->w - m - ow, y - h - U(v, 4), ow, h), of, TS_SMALL, 0);
    Widget *bar =
        view_add(v, W_PROGRESS, rect(m, y, v->w - 2 * m, U(v, 14)), NULL, TS_SMALL, A_NONE, 0);
    bar->level = shown ? (before * 1000) / shown : 0;
    return y + U(v, 14) + U(v, 8);
}

/* 1 if some choice of q can be read aloud (each then gets a speaker where there is room). */
static int choices_speakable(const App *a, const Question *q)
{
    const Survey *s = app_survey(a);
    char key[LANG_KEY_MAX + 1];
    const char *rec;
    for (int c = 0; c < q->list->nchoices; c++)
        if (speakable(a, s, q->list->choices[c].label, q->list->choices[c].audio, a->draft->lang,
                      key, &rec))
            return 1;
    return 0;
}

/* ---- rank ---- */

/* The place (1 first) choice c has in rank answer da, or 0. */
static int place_of(const DraftAnswer *da, int c)
{
    for (int k = 0; k < da->norder; k++)
        if (da->order[k] == c)
            return k + 1;
    return 0;
}

/* Choice c of q's words; in a rank, with the place it has been given before them ("2. Food"). */
static const char *ranked_words(const App *a, View *v, const Question *q, int c)
{
    const char *words = choice_words(a, v, &q->list->choices[c]);
    int place =
        q->type == QT_RANK ? place_of(&a->draft->answers[q - app_survey(a)->questions], c) : 0;
    return place ? view_printf(v, "%d. %s", place, words) : words;
}

/* The most of the n - from choices labels[from..] whose words fit in area, at least one; their
 * cells in cells[from..]. */
static int choices_fitting(const View *v, Rect area, int from, int n, const char *const *labels,
                           int beside, int cols, Rect *cells)
{
    int k = n - from;
    while (k > 1 && !kit_grid_words(v, area, k, labels + from, TS_BODY, beside, cols, target(v),
                                    U(v, 130), cells + from))
        k--;
    if (k == 1)
        kit_grid_words(v, area, 1, labels + from, TS_BODY, beside, cols, target(v), U(v, 130),
                       cells + from);
    return k;
}

/* Choices whose words do not all fit in area (many, long, bigger text): shown a page at a
 * time, from the first that fit, with buttons to the pages before and after (their first
 * choice their argument, as the review's pages). The page shown is the one App.choices_from
 * starts; its choices in *first and *count, their cells in cells. */
static void choice_pages(const App *a, View *v, Rect area, int n, const char *const *labels,
                         int beside, int cols, Rect *cells, int *first, int *count)
{
    const char *prev = T(a, UI_REVIEW_PREVIOUS), *more = T(a, UI_REVIEW_MORE);
    int gap = U(v, 16), half = (area.w - gap) / 2;
    int bh = view_px(v, 72, 44);
    int need = kit_button_h(v, prev, TS_BODY, half);
    bh = need > bh ? need : bh;
    need = kit_button_h(v, more, TS_BODY, half);
    bh = need > bh ? need : bh;
    Rect list = rect(area.x, area.y, area.w, area.h - bh - gap);
    /* The pages, from the first choice on, each as many as fit. */
    int starts[SURVEY_CHOICES_MAX] = {0}, npages = 0, page = 0;
    for (int from = 0; from < n && npages < SURVEY_CHOICES_MAX;) {
        if (from <= a->choices_from)
            page = npages;
        starts[npages++] = from;
        from += choices_fitting(v, list, from, n, labels, beside, cols, cells);
    }
    *first = starts[page];
    *count = choices_fitting(v, list, *first, n, labels, beside, cols, cells);
    int y = area.y + area.h - bh;
    if (page > 0)
        kit_button(v, rect(area.x, y, half, bh), prev, A_CHOICES_MORE, starts[page - 1], W_QUIET);
    if (page + 1 < npages)
        kit_button(v, rect(area.x + area.w - half, y, half, bh), more, A_CHOICES_MORE,
                   starts[page + 1], 0);
}

/* The answers of one question inside area: choices (with their pictures, and a small speaker
 * each when they can be read aloud and there is room), or a field. */
static void answers(const App *a, View *v, const Question *q, Rect area)
{
    const Survey *s = app_survey(a);
    int qi = (int)(q - s->questions);
    const DraftAnswer *da = &a->draft->answers[qi];
    int lang = a->draft->lang;
    if (q->type == QT_SELECT_ONE || q->type == QT_SELECT_MULTIPLE || q->type == QT_RANK) {
        /* the choices offered: all, or those its choice_filter lets through now */
        int at[SURVEY_CHOICES_MAX], n = 0;
        uint64_t offer = draft_offered(a->draft, q);
        for (int c = 0; c < q->list->nchoices; c++)
            if (offer & (1ull << c))
                at[n++] = c;
        if (n == 0)
            return; /* none fits the answers before: "I'd rather not say" still does */
        int sp = speaker_size(v), sgap = U(v, 6);
        int speak = choices_speakable(a, q);
        int pictures = 0;
        for (int c = 0; c < n; c++)
            pictures |= *survey_text(s, q->list->choices[at[c]].image, lang) != '\0';
        Rect cells[SURVEY_CHOICES_MAX], speakers[SURVEY_CHOICES_MAX];
        WidgetKind kind = W_CHOICE;
        int first = 0, count = n; /* the choices shown: all, or a page of them */
        if (q->appearance == APPEAR_FACES || q->appearance == APPEAR_YES_NOTSURE_NO) {
            /* The faces and symbols are the pictures; a speaker goes under each. */
            kind = q->appearance == APPEAR_FACES ? W_FACE : W_SYMBOL;
            pictures = 0;
            int gap = U(v, 20);
            int cw = (area.w - (n - 1) * gap) / n;
            int ch = area.h < U(v, 300) ? area.h : U(v, 300);
            speak = speak && ch - sp - sgap >= view_px(v, 120, 2 * sp) && cw >= sp;
            for (int c = 0; c < n; c++) {
                cells[c] = rect(area.x + c * (cw + gap), area.y, cw, speak ? ch - sp - sgap : ch);
                speakers[c] = rect(cells[c].x + (cw - sp) / 2, area.y + ch - sp, sp, sp);
            }
        } else {
            int cols = n <= 4 ? (area.h < 2 * target(v) ? n : 2) : 4;
            if (pictures)
                cols = n <= 5 ? n : (n + 1) / 2;
            /* Every row as tall as its longest words need: a choice's words are never cut,
             * they wrap, and the grid takes more columns or shorter rows to make room. */
            const char *labels[SURVEY_CHOICES_MAX];
            for (int c = 0; c < n; c++)
                labels[c] = ranked_words(a, v, q, at[c]);
            int fit = kit_grid_words(v, area, n, labels, TS_BODY, speak ? sp + sgap : 0, cols,
                                     pictures ? 2 * view_px(v, 72, 44) + U(v, 6) : target(v),
                                     U(v, pictures ? 280 : 130), cells);
            if (!fit && pictures) {
                /* No room for the pictures and every word: the words alone. */
                pictures = 0;
                cols = n <= 4 ? (area.h < 2 * target(v) ? n : 2) : 4;
                fit = kit_grid_words(v, area, n, labels, TS_BODY, speak ? sp + sgap : 0, cols,
                                     target(v), U(v, 130), cells);
            }
            if (!fit)
                choice_pages(a, v, area, n, labels, speak ? sp + sgap : 0, cols, cells, &first,
                             &count);
            /* A speaker at the end of each button, when the words keep room to be read. */
            speak = speak && cells[first].w - sp - sgap >= 2 * sp;
            for (int c = first; c < first + count && speak; c++) {
                cells[c].w -= sp + sgap;
                /* beside the words: under a picture, the bottom of the cell */
                int y =
                    pictures ? cells[c].y + cells[c].h - sp : cells[c].y + (cells[c].h - sp) / 2;
                speakers[c] = rect(cells[c].x + cells[c].w + sgap, y, sp, sp);
            }
        }
        for (int c = first; c < first + count; c++) {
            const Choice *ch = &q->list->choices[at[c]];
            int chosen = q->type == QT_RANK
                             ? place_of(da, at[c]) > 0
                             : da->state == DS_ANSWERED && (da->chosen & (1ull << at[c]));
            const char *picture =
                kind == W_CHOICE && pictures ? survey_text(s, ch->image, lang) : NULL;
            const char *words = ranked_words(a, v, q, at[c]);
            Widget *w = kit_picture_button(v, kind, cells[c], picture, words, A_CHOICE,
                                           qi * 256 + at[c], chosen ? W_SELECTED : 0);
            w->level = at[c];
            char key[LANG_KEY_MAX + 1];
            const char *rec;
            if (speak && speakable(a, s, ch->label, ch->audio, lang, key, &rec))
                speaker(v, speakers[c], words, qi * 256 + at[c]);
        }
    } else if (q->type == QT_TEXT || q->type == QT_INTEGER || q->type == QT_DECIMAL) {
        Widget *f = view_add(v, W_FIELD, rect(area.x, area.y, area.w, target(v)),
                             da->state == DS_ANSWERED ? da->text : "", TS_BODY, A_FIELD, qi);
        f->flags |= W_LEFT;
        if (a->focus == qi)
            f->flags |= W_SELECTED;
    } else {
        (void)answers_control(a, v, q, area); /* a range, a date, a time, an acknowledge */
    }
}

/* 1 if question q's label can be read aloud. */
static int label_speakable(const App *a, const Question *q)
{
    char key[LANG_KEY_MAX + 1];
    const char *rec;
    return speakable(a, app_survey(a), q->label, q->audio, a->draft->lang, key, &rec);
}

/* The keypad of a typed question: digits, a decimal's, or letters (0). */
static int typing_pad(const Question *q)
{
    return q->type == QT_INTEGER ? KEYPAD_DIGITS : q->type == QT_DECIMAL ? KEYPAD_DECIMAL : 0;
}

typedef struct {
    int single;     /* the page's only question: the full bottom bar (else Done) */
    int bottom;     /* where the bar starts */
    int sp, speak, inset, tw;
    const char *label, *line;
    unsigned line_flags;
    int lh, hh, fh, keys;
} TypingPlan;

static TypingPlan typing_plan(const App *a, View *v, const Question *q)
{
    const Survey *s = app_survey(a);
    int m = margin(v);
    TypingPlan p;
    /* A single question typed into from its own page (focus) when the whole did not fit: Done
     * goes back to that page. */
    p.single = s->pages[a->page].count == 1 && a->focus < 0;
    p.bottom = p.single ? kit_nav_bar_top(v, T(a, UI_BACK), T(a, UI_DECLINE), forward_word(a))
                        : kit_nav_bar_top(v, NULL, NULL, T(a, UI_DONE));
    p.sp = speaker_size(v);
    p.speak = label_speakable(a, q);
    p.inset = p.speak ? p.sp + U(v, 12) : 0;
    p.tw = v->w - 2 * m - 2 * p.inset;
    p.label = question_words(a, v, q);
    const char *hint = survey_words(a, v, q->hint);
    const char *why = why_waiting(a, v, p.single);
    p.line = why ? why : *hint ? hint : NULL;
    p.line_flags = why ? W_ALERT | W_BOLD : 0;
    p.lh = kit_text_h(v, p.label, TS_LARGE, W_BOLD, p.tw) + U(v, 4);
    if (p.lh < U(v, 56))
        p.lh = U(v, 56);
    p.hh = p.line ? kit_text_h(v, p.line, TS_SMALL, p.line_flags, p.tw) + U(v, 4) : 0;
    if (p.line && p.hh < U(v, 36))
        p.hh = U(v, 36);
    p.fh = kit_text_h(v, "Ag", TS_BODY, 0, v->w) + view_text_pad(v) + 2;
    if (p.fh < view_px(v, 80, 44))
        p.fh = view_px(v, 80, 44);
    p.keys = keyboard_height(v, v->w - 2 * m, app_lang(a), typing_pad(q), a->shift);
    return p;
}

/* The height of the label and line of p. */
static int typing_words_h(const TypingPlan *p)
{
    int words = p->lh + p->hh;
    if (p->speak && words < p->sp + 4)
        words = p->sp + 4;
    return words;
}

/* 1 if q's typing screen shows all its words with the keyboard (else the page shows the
 * question with a field to tap, and the keyboard has a view of its own). */
static int typing_fits(const App *a, View *v, const Question *q)
{
    TypingPlan p = typing_plan(a, v, q);
    return U(v, 12) + typing_words_h(&p) + p.fh + U(v, 12) + p.keys <= p.bottom;
}

static void build_typing(const App *a, View *v, const Question *q)
{
    const Survey *s = app_survey(a);
    int qi = (int)(q - s->questions);
    int m = margin(v);
    TypingPlan p = typing_plan(a, v, q);
    int bottom =
        p.single ? kit_nav_bar(v, T(a, UI_BACK), A_BACK, T(a, UI_DECLINE), A_DECLINE, qi,
                               a->draft->answers[qi].state == DS_DECLINED ? W_SELECTED : W_QUIET,
                               forward_word(a), A_NEXT, page_answered_enough(a) ? 0 : W_DISABLED)
                 : kit_nav_bar(v, NULL, 0, NULL, 0, 0, 0, T(a, UI_DONE), A_DONE, 0);
    /* Compact above the keyboard, whose keys stay touch targets as tall as their words need.
     * The speaker sits at the end of the label and hint. The label, the line under it and the
     * field get the lines they need; when that and the keys leave no room for the progress
     * line, it is left out (the screen says the question, not where it is in the survey). When
     * even that does not fit (a small window, bigger text, a long question), this is the
     * keyboard's own view, opened from the page that shows the question whole: the line comes
     * first, and the label shows as much as fits (an ellipsis after it), or not at all. */
    int keys_top = bottom - p.keys;
    int room = keys_top - U(v, 12) - p.fh - U(v, 12) - U(v, 12);
    const char *label = p.label;
    int lh = p.lh, hh = p.hh;
    if (typing_words_h(&p) > room) {
        if (hh > room)
            hh = 0; /* no room for the line either */
        int one = kit_text_h(v, "Ag", TS_LARGE, W_BOLD, p.tw);
        lh = room - hh;
        label = lh >= one ? kit_text_within(v, p.label, TS_LARGE, W_BOLD, p.tw, lh) : NULL;
        if (!label)
            lh = 0;
    }
    int speak = p.speak && label && lh >= p.sp;
    int words = lh + hh;
    if (speak && words < p.sp + U(v, 4))
        words = p.sp + U(v, 4);
    int below = words + p.fh + U(v, 12) + p.keys;
    int with = progress(a, v, 0);
    int y = with + below <= bottom ? progress(a, v, 1) : U(v, 12);
    int top = y;
    if (label && lh > 0) {
        kit_text(v, rect(m + p.inset, y, p.tw, lh), label, TS_LARGE, W_BOLD);
        if (speak)
            speaker(v, rect(v->w - m - p.sp, y, p.sp, p.sp), p.label, qi * 256 + SPEAK_LABEL);
        y += lh;
    }
    if (p.line && hh > 0) {
        kit_text(v, rect(m + p.inset, y, p.tw, hh), p.line, TS_SMALL, p.line_flags);
        y += hh;
    }
    if (speak && y < top + p.sp + U(v, 4))
        y = top + p.sp + U(v, 4);
    const DraftAnswer *da = &a->draft->answers[qi];
    Widget *f = view_add(v, W_FIELD, rect(m, y, v->w - 2 * m, p.fh),
                         da->state == DS_ANSWERED ? da->text : "", TS_BODY, A_NONE, qi);
    f->flags |= W_SELECTED | W_LEFT;
    y += p.fh + U(v, 12);
    /* The keys at the bottom, the room they need; more when there is more (up to a cap). */
    int ky = y < keys_top ? y : keys_top;
    keyboard_add(v, rect(m, ky, v->w - 2 * m, bottom - ky), app_lang(a), typing_pad(q), a->shift);
}

/* A picker opened from a group's screen: the question's label and hint, the picker in the
 * rest, and Done back to the group. */
static void build_picking(const App *a, View *v, const Question *q)
{
    int m = margin(v);
    int bottom = kit_nav_bar(v, NULL, 0, NULL, 0, 0, 0, T(a, UI_DONE), A_DONE, 0);
    int y = progress(a, v, 1);
    y = kit_text_flow(v, m, y, v->w - 2 * m, U(v, 56), question_words(a, v, q), TS_LARGE, W_BOLD) +
        U(v, 4);
    const char *hint = survey_words(a, v, q->hint);
    if (*hint)
        y = kit_text_flow(v, m, y, v->w - 2 * m, U(v, 36), hint, TS_SMALL, 0) + U(v, 8);
    (void)answers_control(a, v, q, rect(m, y, v->w - 2 * m, bottom - y - U(v, 8)));
}

/* 1 if the answers of q fit in area whole: every choice's words (pictures may give way), a
 * face or symbol with its words under it, a field. */
static int answers_fit(const App *a, View *v, const Question *q, Rect area)
{
    if (q->type != QT_SELECT_ONE && q->type != QT_SELECT_MULTIPLE)
        return q->type == QT_NOTE || area.h >= target(v);
    int n = q->list->nchoices;
    const char *labels[SURVEY_CHOICES_MAX];
    for (int c = 0; c < n; c++)
        labels[c] = ranked_words(a, v, q, c);
    if (q->appearance == APPEAR_FACES || q->appearance == APPEAR_YES_NOTSURE_NO) {
        int gap = U(v, 20), cw = (area.w - (n - 1) * gap) / n, pad = view_text_pad(v);
        int words = 0;
        for (int c = 0; c < n; c++) {
            int h = kit_text_h(v, labels[c], TS_SMALL, W_BOLD, cw - 2 * pad);
            words = h > words ? h : words;
        }
        int need = words + pad + U(v, 60);
        return area.h >= (need > target(v) ? need : target(v));
    }
    Rect cells[SURVEY_CHOICES_MAX];
    return kit_grid_words(v, area, n, labels, TS_BODY, 0, 4, target(v), U(v, 130), cells);
}

/* One question alone on its screen: the label across the top (a speaker at its end), the
 * hint, the question's picture, then the answers under it, down to bottom. */
/* The heights of q's label and hint on a screen of its own: roomy, or (tight) only what their
 * lines need. Returns the y below them from y. */
static int single_words(const App *a, View *v, const Question *q, int y, int tight, int *lh,
                        int *hh)
{
    const Survey *s = app_survey(a);
    int lang = a->draft->lang, m = margin(v);
    int sp = speaker_size(v), speak = label_speakable(a, q);
    const char *hint = survey_words(a, v, q->hint);
    const char *picture = survey_text(s, q->image, lang);
    int inset = speak ? sp + U(v, 12) : 0, lw = v->w - 2 * m - 2 * inset;
    *lh = kit_text_h(v, question_words(a, v, q), TS_LARGE, W_BOLD, lw) +
          U(v, tight ? 4 : 12);
    int least = tight ? 0 : U(v, *picture ? 80 : 100);
    if (*lh < least)
        *lh = least;
    if (speak && *lh < sp)
        *lh = sp;
    *hh = *hint ? kit_text_h(v, hint, TS_SMALL, 0, v->w - 2 * m) : 0;
    if (*hint && !tight && *hh < U(v, 40))
        *hh = U(v, 40);
    return y + *lh + (*hint ? *hh + U(v, tight ? 4 : 8) : 0);
}

/* Whether q's answers fit on its own screen from y to bottom, its words roomy or tight. */
static int single_fits(const App *a, View *v, const Question *q, int y, int bottom, int tight)
{
    int lh, hh, m = margin(v);
    y = single_words(a, v, q, y, tight, &lh, &hh);
    return answers_fit(a, v, q, rect(m, y + U(v, 8), v->w - 2 * m, bottom - y - U(v, 8)));
}

static void single_question(const App *a, View *v, const Question *q, int y, int bottom,
                            int tight)
{
    const Survey *s = app_survey(a);
    int qi = (int)(q - s->questions);
    int lang = a->draft->lang, m = margin(v);
    int sp = speaker_size(v), speak = label_speakable(a, q);
    const char *label = question_words(a, v, q);
    const char *hint = survey_words(a, v, q->hint);
    if (!*hint && q->type == QT_RANK)
        hint = T(a, UI_RANK_HOW);
    const char *picture = survey_text(s, q->image, lang);
    /* The speaker's room is kept on both sides, so the label stays centred. */
    int inset = speak ? sp + U(v, 12) : 0, lw = v->w - 2 * m - 2 * inset;
    /* The label and hint as tall as their lines (the answers take the rest). */
    int lh, hh;
    single_words(a, v, q, y, tight, &lh, &hh);
    kit_text(v, rect(m + inset, y, lw, lh), label, TS_LARGE, W_BOLD);
    if (speak)
        speaker(v, rect(v->w - m - sp, y + (lh - sp) / 2, sp, sp), label, qi * 256 + SPEAK_LABEL);
    y += lh;
    if (*hint)
        y = kit_text_flow(v, m, y, v->w - 2 * m, hh, hint, TS_SMALL, 0) + U(v, tight ? 4 : 8);
    const char *value = shown_value(a, v, q);
    if (value)
        y = kit_text_flow(v, m, y, v->w - 2 * m, U(v, 60), value, TS_LARGE, W_BOLD) + U(v, 8);
    if (*picture) {
        /* The picture takes what the answers can spare: a third of the room, a note's more. */
        int ph = (bottom - y) * (q->type == QT_NOTE ? 90 : 36) / 100;
        if (ph > U(v, q->type == QT_NOTE ? 360 : 180))
            ph = U(v, q->type == QT_NOTE ? 360 : 180);
        /* ... and never the room the answers need. */
        while (ph >= U(v, 72) &&
               !answers_fit(a, v, q, rect(m, y + ph + U(v, 8), v->w - 2 * m,
                                          bottom - y - ph - U(v, 8))))
            ph -= U(v, 24);
        if (ph >= U(v, 72)) {
            int pw = ph * 16 / 10;
            view_add(v, W_IMAGE, rect((v->w - pw) / 2, y, pw, ph), picture, TS_BODY, A_NONE, 0);
            y += ph;
        }
    }
    answers(a, v, q, rect(m, y + U(v, 8), v->w - 2 * m, bottom - y - U(v, 8)));
}

void build_question(const App *a, View *v)
{
    background(v);
    const Question *tq = typing_question(a);
    if (tq && answers_picks(tq)) {
        build_picking(a, v, tq);
        return;
    }
    if (tq && (a->focus >= 0 || typing_fits(a, v, tq))) {
        build_typing(a, v, tq);
        return;
    }
    const Survey *s = app_survey(a);
    const Page *pg = &s->pages[a->page];
    int lang = a->draft->lang;
    int m = margin(v);
    int single = pg->count == 1;
    const Question *q0 = page_question(a, 0);
    int q0i = (int)(q0 - s->questions);
    /* A question alone whose answers do not fit under roomy words: its words as tall as their
     * lines, and then without the progress line. */
    int tight = 0, top = 0;
    if (single && !pg->title) {
        int nav = kit_nav_bar_top(v, T(a, UI_BACK), q0->type != QT_NOTE ? T(a, UI_DECLINE) : NULL,
                                  forward_word(a));
        if (!page_answered_enough(a))
            nav -= kit_text_h(v, T(a, UI_REQUIRED), TS_SMALL, W_BOLD, v->w - 2 * m) + U(v, 44);
        int with = progress(a, v, 0);
        tight = !single_fits(a, v, q0, with, nav, 0);
        if (tight && !single_fits(a, v, q0, with, nav, 1))
            top = U(v, 12);
    }
    if (!top)
        top = progress(a, v, 1);
    int bottom = kit_nav_bar(
        v, T(a, UI_BACK), A_BACK, single && q0->type != QT_NOTE ? T(a, UI_DECLINE) : NULL,
        A_DECLINE, q0i, a->draft->answers[q0i].state == DS_DECLINED ? W_SELECTED : W_QUIET,
        forward_word(a), A_NEXT, page_answered_enough(a) ? 0 : W_DISABLED);
    const char *why = why_waiting(a, v, 1);
    if (why) {
        /* A greyed-out Next, or an answer that does not fit, says why. */
        int rh = kit_text_h(v, why, TS_SMALL, W_BOLD, v->w - 2 * m);
        if (rh < U(v, 40))
            rh = U(v, 40);
        bottom -= rh + U(v, 4);
        kit_text(v, rect(m, bottom, v->w - 2 * m, rh), why, TS_SMALL, W_BOLD);
    }
    int y = top;
    if (pg->title) {
        y = kit_text_flow(v, m, y, v->w - 2 * m, U(v, 50), survey_words(a, v, pg->title), TS_BODY,
                          W_BOLD) +
            U(v, 4);
    }
    if (single) {
        single_question(a, v, q0, y, bottom, tight);
        return;
    }
    int shown = 0;
    for (int i = 0; i < pg->count; i++)
        shown += draft_relevant(a->draft, page_question(a, i));
    int band = (bottom - y) / (shown ? shown : 1);
    int gap = U(v, 16), sp = speaker_size(v);
    for (int i = 0; i < pg->count; i++) {
        const Question *q = page_question(a, i);
        if (!draft_relevant(a->draft, q))
            continue;
        int qi = (int)(q - s->questions);
        const char *hint = survey_words(a, v, q->hint);
        const char *label = question_words(a, v, q);
        /* A group: one band a question, its label (a speaker at its end), its hint and "Rather
         * not say" on the left, its answers on the right. */
        int left = (v->w - 2 * m) * 38 / 100;
        const char *decline = T(a, UI_DECLINE_SHORT);
        int dh = view_px(v, 72, 44), dneed = kit_button_h(v, decline, TS_BODY, left);
        dh = dneed > dh ? dneed : dh;
        int bh = band - gap;
        int lh = q->type == QT_NOTE ? bh : bh - dh - U(v, 8);
        int speak = label_speakable(a, q) && (q->type == QT_NOTE ? bh >= sp : lh >= sp);
        /* The question's picture, when it has one, before its words, as on a screen of its own
         * (a young child reads the picture first). */
        const char *picture = survey_text(s, q->image, lang);
        int pw = *picture && lh >= U(v, 60) ? (lh < U(v, 120) ? lh : U(v, 120)) : 0;
        if (pw)
            view_add(v, W_IMAGE, rect(m, y, pw, pw), picture, TS_BODY, A_NONE, 0);
        int lx = m + (pw ? pw + U(v, 8) : 0);
        int lw = left - (lx - m) - (speak ? sp + U(v, 8) : 0);
        /* The hint gets the lines it needs, the label the rest of the room above the button. */
        int hh = *hint ? kit_text_h(v, hint, TS_SMALL, W_LEFT, lw) : 0;
        if (hh > lh / 2)
            hh = lh / 2;
        kit_text(v, rect(lx, y, lw, lh - hh), label, TS_BODY, W_BOLD | W_LEFT);
        if (speak)
            speaker(v, rect(m + left - sp, y, sp, sp), label, qi * 256 + SPEAK_LABEL);
        if (*hint)
            kit_text(v, rect(lx, y + lh - hh, lw, hh), hint, TS_SMALL, W_LEFT);
        if (q->type != QT_NOTE)
            kit_button(v, rect(m, y + bh - dh, left, dh), decline, A_DECLINE, qi,
                       a->draft->answers[qi].state == DS_DECLINED ? W_SELECTED : W_QUIET);
        Rect right = rect(m + left + gap, y, v->w - 2 * m - left - gap, bh);
        const char *value = shown_value(a, v, q);
        if (value)
            kit_text(v, right, value, TS_BODY, W_BOLD | W_LEFT);
        answers(a, v, q, right);
        y += band;
    }
}

/* A question screen is entered: the survey for the youngest reads it aloud, except when
 * coming back from the safety screen to the question just read. */
void question_enter(App *a)
{
    a->shift = 0;
    /* Back at an answer that does not fit (from the review, or Send found one): say so. */
    const Question *u = page_unfit(a, a->page);
    if (u)
        a->message = unfit_words(a, u);
    if (a->came_from != SCR_SAFETY)
        read_page_aloud(a);
}

/* Wipes the draft when a young person leaves a survey, keeping what they chose for
 * themselves (language, age band, settings) and the surveys offered to them. */
static void leave_survey(App *a)
{
    app_forget_answers(a);
}

/* Leaves the current page forwards or backwards. */
static ScreenId page_step(App *a, int forward)
{
    a->focus = -1;
    a->choices_from = 0;
    a->message = NULL;
    /* An answer that does not fit its constraint holds the young person here, going on or
     * going back to the review; they can change it, or say they'd rather not say. */
    const Question *u = forward || a->from_review ? page_unfit(a, a->page) : NULL;
    if (u) {
        a->message = unfit_words(a, u);
        return SCR_QUESTION;
    }
    if (a->from_review) {
        /* One answer changed from the review: back to it, either way. */
        a->from_review = 0;
        return SCR_REVIEW;
    }
    int p = forward ? draft_next_page(a->draft, a->page) : draft_prev_page(a->draft, a->page);
    if (p < 0) {
        if (forward)
            return SCR_REVIEW;
        /* Back from the first question: the young person leaves the survey; forget it. */
        int choose = a->fixed_survey < 0 && a->noffered > 1;
        leave_survey(a);
        return choose ? SCR_CHOOSE : SCR_WELCOME;
    }
    a->page = p;
    read_page_aloud(a);
    return SCR_QUESTION;
}

/* On a page of several questions, the one that takes typing when it is the only one shown (the
 * others notes or questions to tap): its index, or -1. */
static int only_typed_on_page(const App *a)
{
    const Survey *s = app_survey(a);
    const Page *pg = &s->pages[a->page];
    int found = -1;
    for (int i = 0; i < pg->count; i++) {
        const Question *q = &s->questions[pg->first + i];
        if (!draft_relevant(a->draft, q) ||
            !(q->type == QT_TEXT || q->type == QT_INTEGER || q->type == QT_DECIMAL))
            continue;
        if (found >= 0)
            return -1;
        found = pg->first + i;
    }
    return found;
}

static ScreenId type_into_question(App *a, const char *add, int del)
{
    const Question *q = typing_question(a);
    if (!q && (add || del)) {
        /* typing on a page whose one typed field is not tapped yet: it goes there, as a tap
         * would have sent it */
        int only = only_typed_on_page(a);
        if (only >= 0) {
            a->focus = only;
            q = typing_question(a);
        }
    }
    a->message = NULL;
    if (!q || answers_picks(q))
        return SCR_QUESTION; /* a picker is tapped, never typed into */
    if (del)
        draft_backspace(a->draft, q);
    else if (add && draft_type(a->draft, q, add) != 0)
        /* a decimal's second point is no number either */
        a->message = (q->type == QT_INTEGER || q->type == QT_DECIMAL) &&
                             strspn(add, "0123456789") != strlen(add)
                         ? T(a, UI_NUMBERS_ONLY)
                         : T(a, UI_TOO_LONG);
    return SCR_QUESTION;
}

ScreenId on_question(App *a, int action, int arg)
{
    const Survey *s = app_survey(a);
    switch (action) {
    case A_BACK:
        return page_step(a, 0);
    case A_NEXT:
        if (!page_answered_enough(a))
            return SCR_QUESTION;
        return page_step(a, 1);
    case A_DECLINE:
        if (arg >= 0 && arg < s->nquestions)
            draft_decline(a->draft, &s->questions[arg]);
        a->message = NULL;
        return SCR_QUESTION;
    case A_SPEAK:
        if (arg >= 0)
            speak_survey_text(a, arg / 256, arg % 256);
        return SCR_QUESTION;
    case A_CHOICE: {
        int qi = arg / 256, c = arg % 256;
        if (qi < 0 || qi >= s->nquestions || !s->questions[qi].list ||
            c >= s->questions[qi].list->nchoices ||
            !(draft_offered(a->draft, &s->questions[qi]) & (1ull << c)))
            return SCR_QUESTION;
        a->message = NULL;
        if (s->questions[qi].type == QT_RANK) {
            (void)draft_rank(a->draft, &s->questions[qi], c);
            return SCR_QUESTION;
        }
        if (draft_choose(a->draft, &s->questions[qi], c)) {
            a->safety_return = SCR_QUESTION;
            a->talk_asked = (a->help->flags & (HELP_TALK | HELP_WITHDRAWN)) == HELP_TALK;
            /* Committed now, before the safety screen shows: walking away from it, the idle
             * wipe or a crash must not lose it. A failure is logged and shown (help->failed);
             * the screen still says who can help. */
            (void)help_change(a, HELP_CONCERN, 0);
            return SCR_SAFETY;
        }
        return SCR_QUESTION;
    }
    case A_FIELD:
        a->focus = arg;
        return SCR_QUESTION;
    case A_PICK:
        answers_pick(a, arg);
        a->message = NULL;
        return SCR_QUESTION;
    case A_ACK:
        if (arg >= 0 && arg < s->nquestions && s->questions[arg].type == QT_ACKNOWLEDGE)
            (void)draft_set(a->draft, &s->questions[arg],
                            a->draft->answers[arg].state == DS_ANSWERED ? NULL : "OK");
        a->message = NULL;
        return SCR_QUESTION;
    case A_CHOICES_MORE:
        if (arg >= 0 && arg < SURVEY_CHOICES_MAX)
            a->choices_from = arg;
        return SCR_QUESTION;
    case A_DONE:
        a->focus = -1;
        return SCR_QUESTION;
    case A_KEY: {
        if (!keyboard_valid(arg))
            return SCR_QUESTION;
        const char *add;
        int del;
        a->shift = keyboard_press(arg, a->shift, &add, &del);
        if (del)
            (void)type_into_question(a, NULL, 1);
        return add ? type_into_question(a, add, 0) : SCR_QUESTION;
    }
    default:
        return SCR_QUESTION;
    }
}

ScreenId key_question(App *a, const Input *in)
{
    if (in->kind == IN_TEXT)
        return type_into_question(a, in->text, 0);
    if (in->key == KEY_BACKSPACE)
        return type_into_question(a, NULL, 1);
    if (in->key == KEY_ENTER)
        return on_question(a, a->focus >= 0 ? A_DONE : A_NEXT, 0);
    return SCR_QUESTION;
}

/* ---- safety ---- */

/* The words of the safety screen that are read aloud, in order. */
static const UiText safety_words[] = {UI_SAFETY_THANKS, UI_SAFETY_NOT_SAFE, UI_SAFETY_ADULT,
                                      UI_SAFETY_CHILDLINE, UI_SAFETY_SHARE};

/* The safety screen's words can be read aloud: speaking on, and a voice for their language. */
static int safety_speakable(const App *a)
{
    return a->speak && a->can_speak &&
           a->can_speak(a->speak_ctx, ui_text_lang(a, UI_SAFETY_NOT_SAFE));
}

static void speak_safety(App *a)
{
    char text[1024] = "";
    for (size_t i = 0; i < sizeof safety_words / sizeof *safety_words; i++) {
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "%s%s", used ? " " : "", T(a, safety_words[i]));
    }
    a->speak(a->speak_ctx, text, ui_text_lang(a, UI_SAFETY_NOT_SAFE), NULL);
}

/* A young child may not read: the safety screen reads itself aloud in the survey for them. */
void safety_enter(App *a)
{
    if (reads_on_entry(app_survey(a)) && safety_speakable(a))
        speak_safety(a);
}

void build_safety(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    Widget *p = view_add(v, W_PANEL, rect(m, m, v->w - 2 * m, v->h - 2 * m), NULL, 0, 0, 0);
    p->flags |= W_ALERT;
    int x = 2 * m, w = v->w - 4 * m, y = 2 * m;
    int sp = speaker_size(v), speak = safety_speakable(a);
    int inset = speak ? sp + U(v, 12) : 0;
    kit_text(v, rect(x + inset, y, w - 2 * inset, U(v, 70)), T(a, UI_SAFETY_THANKS), TS_LARGE,
             W_BOLD);
    if (speak)
        speaker(v, rect(x + w - sp, y, sp, sp), T(a, UI_SAFETY_THANKS), SPEAK_SAFETY);
    y += U(v, 80);
    kit_text_english(a, v, rect(x, y, w, U(v, 80)), UI_SAFETY_NOT_SAFE, TS_BODY, 0);
    y += U(v, 90);
    kit_text_english(a, v, rect(x, y, w, U(v, 80)), UI_SAFETY_ADULT, TS_BODY, W_BOLD);
    y += U(v, 80);
    kit_text_english(a, v, rect(x, y, w, U(v, 80)), UI_SAFETY_CHILDLINE, TS_BODY, W_BOLD);
    y += U(v, 90);
    kit_text_english(a, v, rect(x, y, w, U(v, 70)), UI_SAFETY_SHARE, TS_SMALL, 0);
    int th = target(v);
    int by = v->h - 2 * m - th;
    int gap = U(v, 24);
    int withdrawn = !a->talk_asked && (a->help->flags & HELP_WITHDRAWN);
    if (a->talk_asked || withdrawn)
        kit_text(v, rect(x, by - U(v, 150), w, U(v, 70)),
                 T(a, a->talk_asked ? UI_SAFETY_WILL_ASK : UI_HELP_UNDONE), TS_BODY, W_BOLD);
    const HelpState *h = a->help;
    const char *line = h->failed           ? T(a, UI_HELP_FAILED)
                       : h->name_sent == 2 ? T(a, UI_HELP_NAME_SENT_HERE)
                       : h->name_sent == 1 ? T(a, UI_HELP_NAME_SENT)
                       : a->talk_asked     ? T(a, UI_HELP_SAVED)
                                           : NULL;
    if (line)
        kit_text(v, rect(x, by - U(v, 75), w, U(v, 60)), line, TS_SMALL, 0);
    if (!a->talk_asked) {
        int bw = (w - gap) / 2;
        kit_button(v, rect(x, by, bw, th), T(a, UI_SAFETY_TALK), A_TALK, 0, 0);
        kit_button(v, rect(x + bw + gap, by, bw, th), T(a, UI_SAFETY_CARRY_ON), A_CARRY_ON, 0,
                   W_PRIMARY);
        return;
    }
    /* Asked: they can take it back, or add a name or where to find them. */
    int bw = (w - 2 * gap) / 3;
    kit_button(v, rect(x, by, bw, th), T(a, UI_HELP_UNDO), A_TALK_UNDO, 0, W_QUIET);
    kit_button(v, rect(x + bw + gap, by, bw, th), T(a, UI_HELP_ADD_NAME), A_HELP_NAME, 0, 0);
    kit_button(v, rect(x + 2 * (bw + gap), by, bw, th), T(a, UI_SAFETY_CARRY_ON), A_CARRY_ON, 0,
               W_PRIMARY);
}

ScreenId on_safety(App *a, int action, int arg)
{
    (void)arg;
    if (action == A_TALK && !a->talk_asked) {
        a->draft->flags |= RESPONSE_FLAG_TALK;
        a->talk_asked = 1;
        (void)help_change(a, HELP_TALK, HELP_WITHDRAWN);
    }
    if (action == A_TALK_UNDO && a->talk_asked) {
        /* The request is committed and may already have been seen: it is not deleted but
         * marked withdrawn by one more record, so the worker and the council read "changed
         * their mind". The concern itself (their answer) still stands. */
        a->draft->flags &= ~RESPONSE_FLAG_TALK;
        a->talk_asked = 0;
        (void)help_change(a, HELP_WITHDRAWN, 0);
    }
    if (action == A_HELP_NAME && a->talk_asked)
        return SCR_HELP_NAME;
    if (action == A_SPEAK && safety_speakable(a))
        speak_safety(a);
    if (action == A_CARRY_ON)
        return a->safety_return;
    return SCR_SAFETY;
}

/* ---- review, send, thanks ---- */

static int review_rows(const App *a, int *pages_out, int max)
{
    const Survey *s = app_survey(a);
    int n = 0;
    for (int i = 0; i < s->nquestions && n < max; i++) {
        const Question *q = &s->questions[i];
        if (q->type == QT_NOTE || !draft_relevant(a->draft, q))
            continue;
        pages_out[n++] = i;
    }
    return n;
}

/* 1 if some question has an answer (declining is not one): a response with none says nothing,
 * so it is not sent, and not counted as taking part. */
static int anything_answered(const App *a)
{
    const Survey *s = app_survey(a);
    for (int i = 0; i < s->nquestions; i++)
        if (s->questions[i].type != QT_NOTE && draft_relevant(a->draft, &s->questions[i]) &&
            draft_answered(a->draft, &s->questions[i]) &&
            !draft_age_given(a->draft, &s->questions[i]))
            return 1; /* an age the welcome gave alone is not taking part */
    return 0;
}

/* Whether the bytes [from, to) of text fit box r drawn at body size; page holds the copy
 * measured (at least to - from + 1 bytes). */
static int page_fits(const View *v, const char *text, size_t from, size_t to, Rect r, char *page)
{
    memcpy(page, text + from, to - from);
    page[to - from] = '\0';
    return kit_text_h(v, page, TS_BODY, W_LEFT, r.w) <= r.h;
}

/* The end of the page of text that starts at byte from and fits r: as many whole words as fit
 * (the spaces after the last stay on this page), or, when one word alone is too tall, as many of
 * its characters. */
static size_t page_end(const View *v, const char *text, size_t from, Rect r, char *page)
{
    size_t len = strlen(text);
    if (page_fits(v, text, from, len, r, page))
        return len;
    /* the ends of words after from, in order: binary search for the last that fits */
    size_t ends[ANSWER_TEXT_MAX + 1];
    int n = 0;
    for (size_t i = from; i < len; i++)
        if (text[i] == ' ' && (i + 1 == len || text[i + 1] != ' '))
            ends[n++] = i + 1;
    int lo = 0, hi = n; /* ends[k] fits for k < lo; does not for k >= hi */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (page_fits(v, text, from, ends[mid], r, page))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0)
        return ends[lo - 1];
    /* one word too tall on its own: whole characters of it */
    size_t good = from, bad = n > 0 ? ends[0] : len;
    while (bad - good > 1) {
        size_t mid = good + (bad - good) / 2;
        while (mid > good && ((unsigned char)text[mid] & 0xC0) == 0x80)
            mid--;
        if (mid == good)
            break;
        if (page_fits(v, text, from, mid, r, page))
            good = mid;
        else
            bad = mid;
    }
    if (good == from) { /* not even one character: show one anyway */
        good++;
        while (good < len && ((unsigned char)text[good] & 0xC0) == 0x80)
            good++;
    }
    return good;
}

/* One answer in full, at a readable size: a long answer does not fit its row. When it does not
 * fit the screen either (a long answer in bigger text on a small screen) it is shown a page at a
 * time, cut between words: Next (where Next always is, the Back button mirrored) shows the next
 * page, and Back the one before, or the list from the first. */
static void review_full_answer(const App *a, View *v, const Question *q)
{
    int m = margin(v);
    char buf[512];
    int bar = v->nwidgets;
    int bottom = kit_nav_bar(v, T(a, UI_BACK), A_REVIEW_CLOSE, T(a, UI_REVIEW_CHANGE),
                             A_REVIEW_ROW, q->page, 0, NULL, 0, 0);
    kit_text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 90)), question_words(a, v, q), TS_BODY,
             W_BOLD | W_LEFT);
    const char *text = draft_describe(a->draft, q, buf, sizeof buf);
    Rect box = rect(m, U(v, 120), v->w - 2 * m, bottom - U(v, 120));
    char page[ANSWER_TEXT_MAX + 1];
    size_t len = strlen(text);
    if (len > ANSWER_TEXT_MAX || page_fits(v, text, 0, len, box, page)) {
        kit_text(v, box, view_printf(v, "%s", text), TS_BODY, W_LEFT);
    } else {
        /* The pages from the start, to the one that starts at review_at (or holds it). */
        size_t from = 0, prev = 0, end = page_end(v, text, 0, box, page);
        while (end < len && end <= (size_t)a->review_at) {
            prev = from;
            from = end;
            end = page_end(v, text, from, box, page);
        }
        kit_text(v, box, view_printf(v, "%.*s", (int)(end - from), text + from), TS_BODY, W_LEFT);
        Widget *back = &v->widgets[bar]; /* the bar's first button */
        if (from > 0) {
            back->action = A_REVIEW_AT;
            back->arg = (int)prev;
        }
        if (end < len)
            kit_button(v, rect(v->w - back->r.x - back->r.w, back->r.y, back->r.w, back->r.h),
                       T(a, UI_NEXT), A_REVIEW_AT, (int)end, W_PRIMARY);
    }
    sodium_memzero(page, sizeof page);
    sodium_memzero(buf, sizeof buf);
}

/* The review. Send sits in the middle of the bottom bar, and the place of Next is empty: a
 * double tap on Next at the last question (the tap guard aside) can never send. */
/* The picture of q's answer in r, when it is one choice of a select_one drawn as a face, a
 * symbol or a picture; returns 1 if one was added. */
static int review_picture(const App *a, View *v, const Question *q, Rect r)
{
    const Survey *s = app_survey(a);
    const DraftAnswer *da = &a->draft->answers[q - s->questions];
    if (q->type != QT_SELECT_ONE || da->state != DS_ANSWERED || !da->chosen || !q->list)
        return 0;
    int c = 0;
    while (c < q->list->nchoices && !(da->chosen & (1ull << c)))
        c++;
    if (c == q->list->nchoices)
        return 0;
    int pad = U(v, 4);
    Rect in = rect(r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad);
    if (q->appearance == APPEAR_FACES || q->appearance == APPEAR_YES_NOTSURE_NO) {
        Widget *w = view_add(v, q->appearance == APPEAR_FACES ? W_FACE : W_SYMBOL, in, NULL,
                             TS_SMALL, A_NONE, 0);
        w->level = c;
        return 1;
    }
    const char *picture = survey_text(s, q->list->choices[c].image, a->draft->lang);
    if (!*picture)
        return 0;
    view_add(v, W_IMAGE, in, picture, TS_SMALL, A_NONE, 0);
    return 1;
}

/* The review's rows, each as tall as its words: how a row lays out w wide (the label on the
 * start half, the answer after it, a picture of it at the end, "Read all" beside a typed one). */
typedef struct {
    int w, half, read_w, gap, pic_w; /* pic_w: the picture's room at the row's end */
    int min_h;                      /* a row is at least this tall */
} ReviewRow;

static ReviewRow review_geometry(const View *v)
{
    ReviewRow g;
    g.w = v->w - 2 * margin(v);
    g.read_w = view_px(v, 200, 88);
    g.gap = U(v, 8);
    g.min_h = view_px(v, 76, 52);
    g.pic_w = g.min_h;
    g.half = g.w / 2;
    return g;
}

/* 1 if row q has "Read all" beside it: a typed answer can be long. */
static int review_reads_all(const App *a, const Question *q)
{
    return q->type == QT_TEXT &&
           a->draft->answers[q - app_survey(a)->questions].state == DS_ANSWERED;
}

/* The answer of row q as the row shows it, in v: a typed one as much as two lines hold (all of
 * it is a tap away, on "Read all"). */
static const char *review_answer(const App *a, View *v, const Question *q, int w)
{
    if (q->type == QT_ACKNOWLEDGE &&
        a->draft->answers[q - app_survey(a)->questions].state == DS_ANSWERED)
        return T(a, UI_OK);
    char buf[512];
    const char *s = view_printf(v, "%s", draft_describe(a->draft, q, buf, sizeof buf));
    sodium_memzero(buf, sizeof buf);
    if (review_reads_all(a, q))
        s = kit_text_within(v, s, TS_SMALL, W_LEFT | W_BOLD, w,
                            2 * kit_text_h(v, "Ag", TS_SMALL, W_BOLD, w));
    return s;
}

/* Row q's height (its texts' widths in *lw and *aw). */
static int review_row_h(const App *a, View *v, const ReviewRow *g, const Question *q, int *lw,
                        int *aw, const char **answer)
{
    int w = g->w - (review_reads_all(a, q) ? g->read_w + g->gap : 0);
    int half = w / 2;
    *lw = half - U(v, 24);
    *aw = w - half - U(v, 16) - g->pic_w;
    *answer = review_answer(a, v, q, *aw);
    int pad = U(v, 8);
    int h = kit_text_h(v, question_words(a, v, q), TS_SMALL, W_LEFT, *lw) + pad;
    int ah = kit_text_h(v, *answer, TS_SMALL, W_LEFT | W_BOLD, *aw) + pad;
    h = ah > h ? ah : h;
    if (review_reads_all(a, q)) {
        int rh = kit_button_h(v, T(a, UI_REVIEW_READ_ALL), TS_BODY, g->read_w);
        h = rh > h ? rh : h;
    }
    return h > g->min_h ? h : g->min_h;
}

void build_review(const App *a, View *v)
{
    background(v);
    const Survey *s = app_survey(a);
    if (a->review_open >= 0 && a->review_open < s->nquestions) {
        review_full_answer(a, v, &s->questions[a->review_open]);
        return;
    }
    int m = margin(v);
    int any = anything_answered(a);
    int y = kit_text_flow(v, m, U(v, 20), v->w - 2 * m, U(v, 60), T(a, UI_REVIEW_TITLE), TS_LARGE,
                          W_BOLD);
    y = kit_text_flow(v, m, y, v->w - 2 * m, U(v, 44), T(a, any ? UI_REVIEW_HELP : UI_REVIEW_NOTHING),
                      TS_SMALL, any ? 0 : W_BOLD) + U(v, 6);
    int bottom = kit_nav_bar(v, T(a, UI_BACK), A_BACK, T(a, any ? UI_SEND : UI_FINISH),
                             any ? A_SEND : A_FINISH, 0, W_PRIMARY, NULL, 0, 0);
    int rows[SURVEY_QUESTIONS_MAX];
    int n = review_rows(a, rows, SURVEY_QUESTIONS_MAX);
    ReviewRow g = review_geometry(v);
    /* The paging buttons, one height, as their words need. */
    const char *prev = T(a, UI_REVIEW_PREVIOUS), *more = T(a, UI_REVIEW_MORE);
    int half = (v->w - 2 * m - U(v, 24)) / 2;
    int pw = button_w(v, prev, U(v, 300), half), mw = button_w(v, more, U(v, 300), half);
    int more_h = view_px(v, 72, 44);
    int need = kit_button_h(v, prev, TS_BODY, pw);
    more_h = need > more_h ? need : more_h;
    need = kit_button_h(v, more, TS_BODY, mw);
    more_h = need > more_h ? need : more_h;
    int room = bottom - more_h - U(v, 8) - y; /* for the rows of a page */
    int top = y, step = U(v, 8);
    int from = a->review_from < n ? a->review_from : 0;
    /* The page before starts where the rows before from, taken back from it, stop fitting. */
    int prev_from = from, used = 0;
    while (prev_from > 0) {
        int lw, aw;
        const char *ans;
        int h = review_row_h(a, v, &g, &s->questions[rows[prev_from - 1]], &lw, &aw, &ans) + step;
        if (used + h > room && used > 0)
            break;
        used += h;
        prev_from--;
    }
    int r = from;
    for (; r < n; r++) {
        const Question *q = &s->questions[rows[r]];
        int lw, aw;
        const char *answer;
        int rh = review_row_h(a, v, &g, q, &lw, &aw, &answer);
        if (y + rh > top + room && r > from)
            break;
        int full = review_reads_all(a, q);
        int w = g.w - (full ? g.read_w + g.gap : 0);
        int half_w = w / 2;
        kit_button(v, rect(m, y, w, rh), NULL, A_REVIEW_ROW, q->page, W_QUIET);
        kit_text(v, rect(m + U(v, 16), y, lw, rh), question_words(a, v, q),
                 TS_SMALL, W_LEFT);
        /* The face, symbol or picture chosen, at the row's end, as it was on the question: a
         * young child reads the picture, not the words. Not tappable: the row is. */
        int pic = review_picture(a, v, q, rect(m + w - g.pic_w, y + (rh - g.pic_w) / 2, g.pic_w,
                                               g.pic_w));
        kit_text(v, rect(m + half_w, y, pic ? aw : aw + g.pic_w, rh), answer, TS_SMALL,
                 W_LEFT | W_BOLD);
        if (full)
            kit_button(v, rect(m + w + g.gap, y, g.read_w, rh), T(a, UI_REVIEW_READ_ALL),
                       A_REVIEW_OPEN, rows[r], 0);
        y += rh + step;
    }
    /* The paging buttons carry the first row of the page they show, so that the layout is
     * worked out here only. */
    if (from > 0)
        kit_button(v, rect(m, bottom - more_h, pw, more_h), prev, A_REVIEW_MORE, prev_from, 0);
    if (r < n)
        kit_button(v, rect(v->w - m - mw, bottom - more_h, mw, more_h), more, A_REVIEW_MORE, r, 0);
}

/* Sent: nothing of the answers stays in memory. The thank-you screen is still theirs, in their
 * language and look; it forgets those when it returns to welcome. */
static ScreenId sent(App *a)
{
    app_forget_answers(a);
    return SCR_THANKS;
}

ScreenId on_review(App *a, int action, int arg)
{
    const Survey *s = app_survey(a);
    switch (action) {
    case A_BACK: {
        int p = draft_prev_page(a->draft, s->npages);
        if (p < 0)
            return SCR_REVIEW;
        a->page = p;
        a->choices_from = 0;
        return SCR_QUESTION;
    }
    case A_REVIEW_ROW:
        if (arg >= 0 && arg < s->npages && draft_page_shown(a->draft, arg)) {
            /* Changing one answer: its page, then straight back here. */
            a->page = arg;
            a->choices_from = 0;
            a->review_open = -1;
            a->from_review = 1;
            return SCR_QUESTION;
        }
        return SCR_REVIEW;
    case A_REVIEW_OPEN:
        if (arg >= 0 && arg < s->nquestions) {
            a->review_open = arg;
            a->review_at = 0;
        }
        return SCR_REVIEW;
    case A_REVIEW_AT:
        if (arg >= 0 && arg <= ANSWER_TEXT_MAX)
            a->review_at = arg;
        return SCR_REVIEW;
    case A_REVIEW_CLOSE:
        a->review_open = -1;
        a->review_at = 0;
        return SCR_REVIEW;
    case A_REVIEW_MORE:
        if (arg >= 0 && arg < SURVEY_QUESTIONS_MAX)
            a->review_from = arg;
        return SCR_REVIEW;
    case A_SEND:
        if (!anything_answered(a))
            return SCR_REVIEW;
        /* Never send an answer that breaks its constraint: show it (question_enter says why). */
        for (int p = 0; p < s->npages; p++) {
            if (draft_page_shown(a->draft, p) && page_unfit(a, p)) {
                a->page = p;
                a->from_review = 1;
                return SCR_QUESTION;
            }
        }
        if (app_send(a) != 0)
            return SCR_SAVE_FAILED;
        return sent(a);
    case A_FINISH:
        /* Nothing answered: nothing is sent, and the next person starts afresh. */
        if (anything_answered(a))
            return SCR_REVIEW;
        app_forget_person(a);
        return SCR_WELCOME;
    default:
        return SCR_REVIEW;
    }
}

static const UiText thanks_lines[] = {UI_THANKS_SAVED, UI_THANKS_WORRY, UI_THANKS_ADULT,
                                      UI_THANKS_CHILDLINE};
enum { NLINES = sizeof thanks_lines / sizeof *thanks_lines };

/* The receipt code as shown, in v: its pictures or its letters, or "" when there is none. */
static const char *code_shown(const App *a, View *v)
{
    char buf[64];
    const char *r = view_printf(v, "%s", receipt_display(a->receipt_shown, buf, sizeof buf));
    sodium_memzero(buf, sizeof buf);
    return r;
}

/* The receipt code's line in the tightest plan: its first words and the code, one text. */
static const char *code_line(const App *a, View *v)
{
    return view_printf(v, "%s %s", T(a, UI_CODE_SHORT), code_shown(a, v));
}

/* The height of the receipt code's block w wide, the code in size: what it is for over the
 * code (TS_TITLE), or both on one line (TS_BODY, the tightest plan). 0 when there is none. */
static int code_h(const App *a, View *v, int w, TextSize size)
{
    if (!a->receipt_shown || !a->receipt_shown[0])
        return 0;
    if (size != TS_TITLE)
        return kit_text_h(v, code_line(a, v), size, W_BOLD, w);
    return kit_text_h(v, T(a, UI_CODE_KEEP), TS_SMALL, 0, w) +
           kit_text_h(v, code_shown(a, v), size, W_BOLD, w);
}

/* The height of the thank-you screen's words w wide from top: with more space between them
 * (space), the code in code_size, and English beside every line (all 1), only those saying
 * who can help (0), or none (-1: the tightest plan; the helpline's number reads the same). */
static int thanks_h(const App *a, View *v, int w, int top, int space, int all, TextSize code_size)
{
    int h = top + kit_text_h(v, T(a, UI_THANKS_TITLE), TS_TITLE, W_BOLD, w) + U(v, space ? 8 : 0);
    h += code_h(a, v, w, code_size);
    for (int i = 0; i < NLINES; i++) {
        TextSize size = i == 0 ? TS_LARGE : TS_BODY;
        unsigned flags = i >= 2 ? W_BOLD : 0;
        h += all > 0 || (all == 0 && i >= 2)
                 ? kit_text_english_h(a, v, w, thanks_lines[i], size, flags)
                 : kit_text_h(v, T(a, thanks_lines[i]), size, flags, w);
        h += U(v, space ? (i == 0 ? 24 : 8) : 2);
    }
    return h;
}

void build_thanks(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    int bw = U(v, 400), bh = target(v);
    int need = kit_button_h(v, T(a, UI_FINISH), TS_BODY, bw);
    bh = need > bh ? need : bh;
    int by = v->h - m / 2 - bh;
    /* Each block as tall as its lines (with English beside a translation, or under it), one
     * under the other, above Finish; with wide margins when they fit, else narrow ones and
     * less space between, and last (bigger text in the easy-read font on a small window) the
     * English only beside the lines that say who can help. */
    /* The receipt code large under what it is for when it fits, else (the last plans) on one
     * line with the first words of that, at the size of the words. */
    int x = 2 * m, w = v->w - 4 * m, top = U(v, 40), space = 1, all = 1;
    TextSize code_size = TS_TITLE;
    for (int plan = 0; plan < 5; plan++) {
        x = plan ? m : 2 * m;
        w = v->w - 2 * x;
        top = plan ? U(v, 4) : U(v, 40);
        space = plan == 0;
        all = plan < 2 ? 1 : plan < 4 ? 0 : -1;
        code_size = plan < 3 ? TS_TITLE : TS_BODY;
        if (thanks_h(a, v, w, top, space, all, code_size) <= by)
            break;
    }
    int y = kit_text_flow(v, x, top, w, space ? U(v, 100) : 0, T(a, UI_THANKS_TITLE), TS_TITLE,
                          W_BOLD) + U(v, space ? 8 : 0);
    /* The receipt code, under the title, before anything else: it is theirs to keep. */
    if (code_h(a, v, w, code_size) > 0 && code_size != TS_TITLE) {
        const char *line = code_line(a, v);
        int ch = kit_text_h(v, line, code_size, W_BOLD, w);
        kit_text(v, rect(x, y, w, ch), line, code_size, W_BOLD);
        y += ch;
    } else if (code_h(a, v, w, code_size) > 0) {
        int kh = kit_text_h(v, T(a, UI_CODE_KEEP), TS_SMALL, 0, w);
        kit_text(v, rect(x, y, w, kh), T(a, UI_CODE_KEEP), TS_SMALL, 0);
        y += kh;
        const char *code = code_shown(a, v);
        int ch = kit_text_h(v, code, code_size, W_BOLD, w);
        kit_text(v, rect(x, y, w, ch), code, code_size, W_BOLD | W_STAY);
        y += ch;
    }
    for (int i = 0; i < NLINES; i++) {
        TextSize size = i == 0 ? TS_LARGE : TS_BODY;
        unsigned flags = i >= 2 ? W_BOLD : 0;
        int english = all > 0 || (all == 0 && i >= 2);
        int h = english ? kit_text_english_h(a, v, w, thanks_lines[i], size, flags)
                        : kit_text_h(v, T(a, thanks_lines[i]), size, flags, w);
        if (english)
            kit_text_english(a, v, rect(x, y, w, h), thanks_lines[i], size, flags);
        else
            kit_text(v, rect(x, y, w, h), T(a, thanks_lines[i]), size, flags);
        y += h + U(v, space ? (i == 0 ? 24 : 8) : 2);
    }
    if (by < y)
        by = y < v->h - bh ? y : v->h - bh;
    /* Warmth, for the youngest too: a smiling heart in the room between the words and Finish,
     * or, when the words take that room, beside Finish on its start side. */
    int gap = by - y, side = (v->w - bw) / 2 - m - U(v, 24);
    if (gap >= U(v, 100)) {
        int size = gap - U(v, 16) < U(v, 240) ? gap - U(v, 16) : U(v, 240);
        view_add(v, W_HEART, rect((v->w - size) / 2, y + (gap - size) / 2, size, size), NULL,
                 TS_BODY, A_NONE, 0);
    } else if (side >= U(v, 40)) {
        int size = bh < side ? bh : side;
        view_add(v, W_HEART, rect((v->w - bw) / 2 - U(v, 24) - size, by, size, size), NULL,
                 TS_BODY, A_NONE, 0);
    }
    kit_button(v, rect((v->w - bw) / 2, by, bw, bh), T(a, UI_FINISH), A_FINISH, 0, W_PRIMARY);
}

/* The thank-you screen returns to welcome by itself, forgetting the person. */
ScreenId thanks_tick(App *a, long long before_ms, long long wall_before)
{
    (void)before_ms;
    (void)wall_before;
    if (a->now_ms - a->screen_since_ms >= THANKS_MS)
        app_forget_person(a);
    return a->screen;
}

long long thanks_deadline(const App *a)
{
    long long d = a->screen_since_ms + THANKS_MS - a->now_ms;
    return d < 0 ? 0 : d;
}

ScreenId on_thanks(App *a, int action, int arg)
{
    (void)arg;
    if (action == A_FINISH) {
        app_forget_person(a);
        return SCR_WELCOME;
    }
    return SCR_THANKS;
}

void build_save_failed(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    Widget *p = view_add(v, W_PANEL, rect(m, m, v->w - 2 * m, v->h - 2 * m), NULL, 0, 0, 0);
    p->flags |= W_ALERT;
    int th = target(v), bw = U(v, 400);
    int need = kit_button_h(v, T(a, UI_TRY_AGAIN), TS_BODY, bw);
    th = need > th ? need : th;
    need = kit_button_h(v, T(a, UI_FINISH), TS_BODY, bw);
    th = need > th ? need : th;
    int by = v->h - m - U(v, 16) - th, w = v->w - 4 * m;
    /* The three blocks as tall as their lines; spaced out when there is room. */
    int words = kit_text_h(v, T(a, UI_SAVE_FAILED), TS_LARGE, W_BOLD, w) +
                kit_text_h(v, T(a, UI_SAVE_NOT_FAULT), TS_BODY, 0, w) +
                kit_text_h(v, T(a, UI_SAVE_HELP), TS_BODY, W_BOLD, w);
    int roomy = U(v, 80) + words + U(v, 120) + U(v, 20) <= by;
    /* Last (bigger text in the easy-read font on a small window), "it is not your fault" gives
     * way to who can help. */
    int reassure = roomy || m + U(v, 12) + words + U(v, 28) <= by;
    int y = kit_text_flow(v, 2 * m, roomy ? U(v, 80) : m + U(v, 12), w, roomy ? U(v, 90) : 0,
                          T(a, UI_SAVE_FAILED), TS_LARGE, W_BOLD) + U(v, 10);
    if (reassure)
        y = kit_text_flow(v, 2 * m, y, w, 0, T(a, UI_SAVE_NOT_FAULT), TS_BODY, 0) + U(v, 10);
    /* What they wrote may have been a cry for help that now reaches no one: say who can help,
     * as the thank-you screen does. */
    y = kit_text_flow(v, 2 * m, y, w, 0, T(a, UI_SAVE_HELP), TS_BODY, W_BOLD) + U(v, 8);
    if (by < y)
        by = y < v->h - m - th ? y : v->h - m - th;
    kit_button(v, rect(v->w / 2 - bw - U(v, 12), by, bw, th), T(a, UI_TRY_AGAIN), A_RETRY, 0,
               W_PRIMARY);
    kit_button(v, rect(v->w / 2 + U(v, 12), by, bw, th), T(a, UI_FINISH), A_FINISH, 0, W_QUIET);
}

ScreenId on_save_failed(App *a, int action, int arg)
{
    (void)arg;
    if (action == A_RETRY && app_send(a) == 0)
        return sent(a);
    if (action == A_FINISH) {
        app_forget_person(a);
        return SCR_WELCOME;
    }
    return SCR_SAVE_FAILED;
}

/* ---- idle ---- */

void build_idle(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    long long left = (a->screen_since_ms + IDLE_COUNTDOWN_MS - a->now_ms + 999) / 1000;
    if (left < 0)
        left = 0;
    int y = kit_text_flow(v, m, U(v, 80), v->w - 2 * m, U(v, 100), T(a, UI_IDLE_TITLE), TS_TITLE,
                          W_BOLD) +
            U(v, 20);
    y = kit_text_flow(v, 2 * m, y, v->w - 4 * m, U(v, 100),
                      left == 1 ? T(a, UI_IDLE_CLEAR_ONE)
                                : kit_fill(v, T(a, UI_IDLE_CLEAR), left, 0),
                      TS_LARGE, 0) +
        U(v, 40);
    int bw = U(v, 480), bh = view_px(v, 140, 64);
    int need = kit_button_h(v, T(a, UI_STILL_HERE), TS_BODY, bw);
    bh = need > bh ? need : bh;
    if (y + bh > v->h - m)
        y = v->h - m - bh;
    kit_button(v, rect((v->w - bw) / 2, y, bw, bh), T(a, UI_STILL_HERE), A_STILL_HERE, 0,
               W_PRIMARY);
}

/* The countdown: redrawn each second, and at its end the draft wiped for the next person. */
ScreenId idle_tick(App *a, long long before_ms, long long wall_before)
{
    (void)wall_before;
    long long since = a->now_ms - a->screen_since_ms;
    if (since >= IDLE_COUNTDOWN_MS) {
        a->idle_wipes++; /* counted, not logged: see App.stored */
        app_forget_person(a);
    } else if (since / 1000 != (before_ms - a->screen_since_ms) / 1000) {
        a->dirty = 1;
    }
    return a->screen;
}

long long idle_deadline(const App *a)
{
    long long left = a->screen_since_ms + IDLE_COUNTDOWN_MS - a->now_ms;
    if (left <= 0)
        return 0;
    long long part = left % 1000;
    return part ? part : 1000;
}

ScreenId on_idle(App *a, int action, int arg)
{
    (void)arg;
    return action == A_STILL_HERE ? a->idle_return : SCR_IDLE;
}
