/* script.c: the headless script runner. See script.h for the language.
 *
 * The script owns the clock: time moves only when the script says so, so idle timeouts and
 * PIN lockouts are tested without waiting. Every line is followed by a tick and, when the
 * state changed, a real redraw through the same renderer the window uses. */
#define _XOPEN_SOURCE 700 /* strptime */
#include "script.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "fileio.h"
#include "keys.h"
#include "markup.h"
#include "words.h"

#define ARGS_MAX 4

typedef struct {
    App *a;
    Render *rd;
    SDL_Renderer *r;
    const char *path, *shots;
    int line;
    long long now_ms, wall;
    int check_words; /* `check-words`: fail on a kiosk word left in English (words.h) */
    char never[4][64]; /* `never-text "..."`: fail on any screen that shows one; "" for none */
    int present;       /* in a real window (not SDL's dummy driver): frames are shown too */
} Run;

static int fail(const Run *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#include <stdarg.h>

static int fail(const Run *run, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: ", run->path, run->line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return -1;
}

/* Splits a line into words; "quoted strings" may hold spaces and \" . Returns the count, or -1
 * for an unclosed quote. */
static int split(char *s, char **argv)
{
    int n = 0;
    while (*s) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s || *s == '#')
            break;
        if (n == ARGS_MAX)
            return -1;
        if (*s == '"') {
            char *out = ++s;
            argv[n++] = out;
            while (*s && *s != '"') {
                if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
                    s++;
                *out++ = *s++;
            }
            if (*s != '"')
                return -1;
            s++;
            *out = '\0';
        } else {
            argv[n++] = s;
            while (*s && !isspace((unsigned char)*s))
                s++;
            if (*s)
                *s++ = '\0';
        }
    }
    return n;
}

static void redraw(Run *run)
{
    App *a = run->a;
    if (a->wiped) {
        render_forget(run->rd);
        a->wiped = 0;
    }
    if (!a->dirty)
        return;
    app_build_view(a, &a->view);
    render_view(run->rd, &a->view);
    a->dirty = 0;
    if (run->present) {
        /* A script in a window (under cage, say) shows each frame and answers the display
         * server, whose events it otherwise ignores: the script is the input. */
        SDL_RenderPresent(run->r);
        SDL_PumpEvents();
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
    }
}

static void tick(Run *run)
{
    app_tick(run->a, run->now_ms, run->wall);
    redraw(run);
}

/* Moves the clock on by ms, stopping at each deadline on the way so timers fire in order. */
static void advance(Run *run, long long ms)
{
    long long end = run->now_ms + ms;
    long long wall0 = run->wall, ms0 = run->now_ms;
    while (run->now_ms < end) {
        long long d = app_next_deadline(run->a);
        long long step = (d < 0 || run->now_ms + d > end) ? end - run->now_ms : (d ? d : 1);
        if (step > 1000)
            step = 1000;
        run->now_ms += step;
        run->wall = wall0 + (run->now_ms - ms0) / 1000;
        tick(run);
    }
}

static void input(Run *run, InputKind kind, int x, int y)
{
    Input in = {kind, x, y, "", 0, 0, 0};
    app_input(run->a, &in);
    tick(run);
}

static int parse_int(const char *s, long long *v)
{
    char *end;
    errno = 0;
    *v = strtoll(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' ? 0 : -1;
}

/* Lists what the screen shows, after a failed line, so the reader sees what went wrong. */
/* t as the young person reads it: without the style marks a survey's bold and italic leave in
 * it (markup.h), so scripts name words as they are seen. NULL stays NULL. One buffer: the
 * result lasts until the next call. */
static const char *seen(const char *t)
{
    static char buf[4096];
    return t ? markup_unmark(t, buf, sizeof buf) : NULL;
}

static int shows(const Run *run)
{
    fprintf(stderr, "  the screen shows:\n");
    for (int i = 0; i < run->a->view.nwidgets; i++)
        if (run->a->view.widgets[i].text && *run->a->view.widgets[i].text)
            fprintf(stderr, "  \"%s\"\n", seen(run->a->view.widgets[i].text));
    return -1;
}

/* The nth (from 1) tappable widget showing exactly label, else (nth 1) the first widget that
 * shows it; NULL when none. */
static const Widget *find_label(const View *v, const char *label, int nth)
{
    const Widget *found = NULL;
    for (int i = 0; i < v->nwidgets; i++) {
        const Widget *w = &v->widgets[i];
        if (!w->text || strcmp(seen(w->text), label) != 0)
            continue;
        if (w->action && --nth == 0)
            return w;
        if (!found && nth == 1)
            found = w;
    }
    return nth == 1 ? found : NULL;
}

/* A person looks before they tap: `tap` lets the clock run out the kiosk's guard against a tap
 * that lands on a view just changed, or the same button twice (TAP_GUARD_MS), so a script
 * reads as a person's taps; `tap-now` doesn't, to test the guard itself. */
static void wait_for_guard(Run *run, int x, int y)
{
    App *a = run->a;
    app_build_view(a, &a->view);
    int hit = view_hit(&a->view, x, y);
    int action = hit >= 0 ? a->view.widgets[hit].action : A_NONE;
    int arg = hit >= 0 ? a->view.widgets[hit].arg : 0;
    long long left = a->view_since_ms + TAP_GUARD_MS - run->now_ms;
    long long again = a->tap_ms + TAP_GUARD_MS - run->now_ms;
    if (action == a->tap_action && arg == a->tap_arg && again > left)
        left = again;
    if (left > 0)
        advance(run, left);
}

static int cmd_tap(Run *run, int argc, char **argv)
{
    long long x, y;
    int now = strcmp(argv[0], "tap-now") == 0;
    int by_nth = strcmp(argv[0], "tap-nth") == 0;
    if (!by_nth && argc == 3 && parse_int(argv[1], &x) == 0 && parse_int(argv[2], &y) == 0) {
        if (!now)
            wait_for_guard(run, (int)x, (int)y);
        input(run, IN_PRESS, (int)x, (int)y);
        input(run, IN_RELEASE, (int)x, (int)y);
        return 0;
    }
    /* tap-nth N "Label": the Nth button of that label (the pickers' rows of + and -) */
    long long nth = 1;
    if (by_nth) {
        if (argc != 3 || parse_int(argv[1], &nth) != 0 || nth < 1 || nth > VIEW_WIDGETS_MAX)
            return fail(run, "tap-nth takes N \"Label\"");
        argv++;
        argc--;
    }
    if (argc != 2)
        return fail(run, "%s takes \"Label\" or X Y", argv[0]);
    app_build_view(run->a, &run->a->view);
    const Widget *w = find_label(&run->a->view, argv[1], (int)nth);
    if (!w) {
        fail(run, "nothing labelled \"%s\" on screen %s", argv[1], screens[run->a->screen].name);
        return shows(run);
    }
    if (w->flags & W_DISABLED)
        return fail(run, "\"%s\" is disabled", argv[1]);
    int cx = w->r.x + w->r.w / 2, cy = w->r.y + w->r.h / 2;
    if (view_hit(&run->a->view, cx, cy) < 0) {
        fail(run, "\"%s\" can't be tapped (it is a text, not a button)", argv[1]);
        return shows(run);
    }
    if (!now)
        wait_for_guard(run, cx, cy);
    input(run, IN_PRESS, cx, cy);
    input(run, IN_RELEASE, cx, cy);
    return 0;
}

static int cmd_type(Run *run, const char *s)
{
    while (*s) {
        Input in = {IN_TEXT, 0, 0, "", 0, 0, 0};
        int n = 1;
        unsigned char c = (unsigned char)*s;
        if (c >= 0xC0)
            n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        for (int k = 0; k < n && s[k]; k++)
            in.text[k] = s[k];
        s += strlen(in.text);
        app_input(run->a, &in);
        tick(run);
    }
    return 0;
}

/* ---- keys and switches ---- */

/* Presses and releases key sym (with Shift when shift), as a keyboard sends it. */
static void press_key(Run *run, SDL_Keycode sym, int shift)
{
    Input in;
    keys_input(sym, shift ? KMOD_LSHIFT : 0, 1, 0, &in);
    app_input(run->a, &in);
    tick(run);
    keys_input(sym, shift ? KMOD_LSHIFT : 0, 0, 0, &in);
    app_input(run->a, &in);
    tick(run);
}

static int cmd_key(Run *run, const char *name)
{
    static const struct {
        const char *name;
        SDL_Keycode sym;
        int shift;
    } named[] = {{"backspace", SDLK_BACKSPACE, 0}, {"enter", SDLK_RETURN, 0},
                 {"escape", SDLK_ESCAPE, 0},       {"tab", SDLK_TAB, 0},
                 {"shift-tab", SDLK_TAB, 1},       {"space", SDLK_SPACE, 0}};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        if (strcmp(name, named[i].name) == 0) {
            press_key(run, named[i].sym, named[i].shift);
            return 0;
        }
    }
    SDL_Keycode sym = SDL_GetKeyFromName(name); /* any key by SDL's name: "F5", "a" */
    if (sym == SDLK_UNKNOWN)
        return fail(run, "unknown key '%s'", name);
    press_key(run, sym, 0);
    return 0;
}

/* Presses switch n (the key a worker gave it) as a person does: once the switch's debounce
 * is over, held for hold ms (-1: the dwell the worker set), then released. */
static void press_switch(Run *run, int n, long long hold)
{
    App *a = run->a;
    long long left = a->focus_at.acted_ms + SWITCH_DEBOUNCE_MS - run->now_ms;
    if (a->focus_at.acted_ms && left > 0)
        advance(run, left);
    if (hold < 0)
        hold = a->access.dwell_ms;
    Input in;
    keys_input((SDL_Keycode)a->access.code[n - 1], 0, 1, 0, &in);
    app_input(a, &in);
    tick(run);
    if (hold > 0)
        advance(run, hold);
    keys_input((SDL_Keycode)a->access.code[n - 1], 0, 0, 0, &in);
    app_input(a, &in);
    tick(run);
}

/* The focused span in o (the view built now): its first target, the last in *to; -1 none. */
static int focused(Run *run, ScanOrder *o, int *to)
{
    App *a = run->a;
    app_build_view(a, &a->view);
    scan_order(&a->view, o);
    if (!a->view.ring)
        return -1;
    return access_focus(a, o, to);
}

/* The target showing label: its index in o (built now), or -1 after saying why. */
static int target_of(Run *run, const char *label, ScanOrder *o)
{
    App *a = run->a;
    app_build_view(a, &a->view);
    scan_order(&a->view, o);
    const Widget *w = find_label(&a->view, label, 1);
    int k = w ? scan_find(o, w->action, w->arg) : -1;
    if (k < 0) {
        fail(run, "nothing labelled \"%s\" to focus on screen %s", label,
             screens[a->screen].name);
        shows(run);
    }
    return k;
}

/* scan "Label": switches only. The focus is moved (two switches: switch 1; one switch: the
 * scan, waited for) until it is on the target showing label, or on the row of keys holding
 * it, and that is selected (switch 2, or the one switch). Fails when two rounds pass first. */
static int cmd_scan(Run *run, const char *label)
{
    App *a = run->a;
    int mode = a->access.mode;
    if (mode == ACCESS_OFF || !access_switches(a))
        return fail(run, "scan: switch access is off on screen %s (worker-access)",
                    screens[a->screen].name);
    int sel = mode == ACCESS_ONE_SWITCH ? 1 : 2;
    ScreenId screen = a->screen;
    for (int tries = 0; tries < 4 * VIEW_WIDGETS_MAX; tries++) {
        ScanOrder o;
        int k = target_of(run, label, &o), to;
        if (k < 0)
            return -1;
        int from = focused(run, &o, &to);
        if (from >= 0 && from <= k && k <= to) {
            int opens = !a->focus_at.in_row && o.t[from].keys >= 0;
            press_switch(run, sel, -1);
            if (!opens || a->screen != screen)
                return 0;
            continue; /* a row of keys opened: now its keys */
        }
        if (mode == ACCESS_TWO_SWITCHES) {
            press_switch(run, 1, -1);
        } else if (a->focus_at.resting) {
            press_switch(run, 1, -1); /* wakes the scan */
        } else {
            long long d = access_deadline(a);
            advance(run, d > 0 ? d : 1);
        }
    }
    fail(run, "scan: the focus never reached \"%s\"", label);
    return shows(run);
}

/* tab "Label": the keyboard only. Tab until the focus is on the target showing label, then
 * Enter. */
static int cmd_tab(Run *run, const char *label)
{
    for (int tries = 0; tries < 2 * VIEW_WIDGETS_MAX + 2; tries++) {
        ScanOrder o;
        int k = target_of(run, label, &o), to;
        if (k < 0)
            return -1;
        int from = focused(run, &o, &to);
        if (from == k && to == k) {
            press_key(run, SDLK_RETURN, 0);
            return 0;
        }
        press_key(run, SDLK_TAB, 0);
    }
    fail(run, "tab: the focus never reached \"%s\"", label);
    return shows(run);
}

/* scan-type "text": each character typed on the on-screen keyboard by scan (a space by its
 * Space key). */
static int cmd_scan_type(Run *run, const char *s)
{
    while (*s) {
        char key[8] = "";
        int n = 1;
        unsigned char c = (unsigned char)*s;
        if (c >= 0xC0)
            n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        for (int k = 0; k < n && s[k]; k++)
            key[k] = s[k];
        s += strlen(key);
        if (cmd_scan(run, strcmp(key, " ") == 0 ? ui_text(run->a, UI_KEY_SPACE) : key) != 0)
            return -1;
    }
    return 0;
}

static int has_text(const View *v, const char *needle)
{
    for (int i = 0; i < v->nwidgets; i++)
        if (v->widgets[i].text && strstr(seen(v->widgets[i].text), needle))
            return 1;
    return 0;
}

static int line_run(Run *run, int argc, char **argv)
{
    const char *c = argv[0];
    long long n, m;
    if (strcmp(c, "tap") == 0 || strcmp(c, "tap-now") == 0 || strcmp(c, "tap-nth") == 0)
        return cmd_tap(run, argc, argv);
    if ((strcmp(c, "press") == 0 || strcmp(c, "release") == 0) && argc == 3 &&
        parse_int(argv[1], &n) == 0 && parse_int(argv[2], &m) == 0) {
        input(run, c[0] == 'p' ? IN_PRESS : IN_RELEASE, (int)n, (int)m);
        return 0;
    }
    if (strcmp(c, "hold") == 0 && argc == 4) {
        long long secs;
        if (parse_int(argv[1], &n) || parse_int(argv[2], &m) || parse_int(argv[3], &secs))
            return fail(run, "hold takes X Y SECONDS");
        input(run, IN_PRESS, (int)n, (int)m);
        advance(run, secs * 1000);
        input(run, IN_RELEASE, (int)n, (int)m);
        return 0;
    }
    if (strcmp(c, "type") == 0 && argc == 2)
        return cmd_type(run, argv[1]);
    if (strcmp(c, "key") == 0 && argc == 2)
        return cmd_key(run, argv[1]);
    if (strcmp(c, "switch") == 0 && (argc == 2 || argc == 3)) {
        long long hold = -1;
        if (parse_int(argv[1], &n) || (n != 1 && n != 2) ||
            (argc == 3 && (parse_int(argv[2], &hold) || hold < 0)))
            return fail(run, "switch takes 1 or 2, and how long to hold it (ms)");
        press_switch(run, (int)n, hold);
        return 0;
    }
    if ((strcmp(c, "scan") == 0 || strcmp(c, "tab") == 0) && argc == 2)
        return c[0] == 's' ? cmd_scan(run, argv[1]) : cmd_tab(run, argv[1]);
    if (strcmp(c, "scan-type") == 0 && argc == 2)
        return cmd_scan_type(run, argv[1]);
    if ((strcmp(c, "wait") == 0 || strcmp(c, "advance") == 0) && argc == 2) {
        if (parse_int(argv[1], &n) || n < 0)
            return fail(run, "%s takes a number", c);
        advance(run, c[0] == 'w' ? n : n * 1000);
        return 0;
    }
    if (strcmp(c, "date") == 0 && argc == 2) {
        /* Sets the fake wall clock to noon of a day: the date responses carry, for demos and
         * tests that span several quarters. */
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        char *end = strptime(argv[1], "%Y-%m-%d", &tm);
        if (!end || *end)
            return fail(run, "date takes YYYY-MM-DD");
        tm.tm_hour = 12;
        tm.tm_isdst = -1;
        time_t t = mktime(&tm);
        if (t == (time_t)-1)
            return fail(run, "date %s is out of range", argv[1]);
        run->wall = (long long)t;
        tick(run);
        return 0;
    }
    if (strcmp(c, "shot") == 0 && argc == 2) {
        char path[4096], err[ERR_LEN];
        if (!run->shots)
            return fail(run, "shot needs --shots DIR");
        if (strchr(argv[1], '/'))
            return fail(run, "shot names may not contain '/'");
        snprintf(path, sizeof path, "%s/%s.png", run->shots, argv[1]);
        run->a->dirty = 1;
        redraw(run);
        if (render_save_png(run->rd, run->a->w, run->a->h, path, err) != 0)
            return fail(run, "%s", err);
        return 0;
    }
    if (strcmp(c, "never-text") == 0 && argc == 2) {
        if (!argv[1][0] || strlen(argv[1]) >= sizeof run->never[0])
            return fail(run, "never-text takes 1 to %zu bytes", sizeof run->never[0] - 1);
        for (size_t i = 0; i < sizeof run->never / sizeof run->never[0]; i++) {
            if (!run->never[i][0]) {
                snprintf(run->never[i], sizeof run->never[i], "%s", argv[1]);
                return 0;
            }
        }
        return fail(run, "at most %zu never-text lines", sizeof run->never / sizeof run->never[0]);
    }
    if (strcmp(c, "check-words") == 0 && argc == 1) {
        run->check_words = 1;
        return 0;
    }
    if (strcmp(c, "echo") == 0) {
        /* A line on standard output, flushed at once, so a harness that kills the kiosk knows
         * how far it got (e.g. "echo thanks 7" after "expect screen thanks"). */
        for (int i = 1; i < argc; i++)
            printf("%s%s", i > 1 ? " " : "", argv[i]);
        putchar('\n');
        if (fflush(stdout) != 0 || ferror(stdout))
            return fail(run, "echo: cannot write to standard output");
        return 0;
    }
    if (strcmp(c, "print") == 0 && argc == 2 && strcmp(argv[1], "screen") == 0) {
        /* What the young person reads, one widget a line, on standard output: for a harness
         * that must act on what was shown (the receipt code on the thank-you screen). */
        App *a = run->a;
        app_build_view(a, &a->view);
        for (int i = 0; i < a->view.nwidgets; i++)
            if (a->view.widgets[i].text && *a->view.widgets[i].text)
                printf("%s\n", seen(a->view.widgets[i].text));
        if (fflush(stdout) != 0 || ferror(stdout))
            return fail(run, "print: cannot write to standard output");
        return 0;
    }
    if (strcmp(c, "expect") == 0 && argc == 3) {
        App *a = run->a;
        app_build_view(a, &a->view);
        if (strcmp(argv[1], "screen") == 0) {
            if (strcmp(screens[a->screen].name, argv[2]) != 0) {
                fail(run, "expected screen %s, but it is %s", argv[2], screens[a->screen].name);
                return shows(run);
            }
            return 0;
        }
        if (strcmp(argv[1], "text") == 0) {
            if (!has_text(&a->view, argv[2])) {
                fail(run, "expected text \"%s\" on screen %s", argv[2], screens[a->screen].name);
                return shows(run);
            }
            return 0;
        }
        if (strcmp(argv[1], "focus") == 0) {
            ScanOrder o;
            int to, from = focused(run, &o, &to);
            for (int i = from; from >= 0 && i <= to; i++) {
                const char *t = seen(a->view.widgets[o.t[i].widget].text);
                if (t && strcmp(t, argv[2]) == 0)
                    return 0;
            }
            fail(run, "expected the focus on \"%s\", but it is on \"%s\"", argv[2],
                 from >= 0 && a->view.widgets[o.t[from].widget].text
                     ? seen(a->view.widgets[o.t[from].widget].text)
                     : "nothing");
            return shows(run);
        }
        if (strcmp(argv[1], "no-text") == 0) {
            if (has_text(&a->view, argv[2]))
                return fail(run, "text \"%s\" should not be on screen %s", argv[2],
                            screens[a->screen].name);
            return 0;
        }
    }
    return fail(run, "cannot read this line (see script.h for the commands)");
}

int script_run(App *a, Render *rd, SDL_Renderer *r, const char *path, const char *shots_dir)
{
    char *buf = NULL, err[ERR_LEN];
    size_t len = 0;
    if (file_read_all(path, 1 << 20, &buf, &len, err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    const char *driver = SDL_GetCurrentVideoDriver();
    Run run = {a, rd, r, path, shots_dir, 0, a->now_ms, a->wall, 0, {""},
               driver && strcmp(driver, "dummy") != 0 && strcmp(driver, "offscreen") != 0};
    if (shots_dir && file_mkdirs(shots_dir, 0755, err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(buf);
        return -1;
    }
    a->dirty = 1;
    redraw(&run);
    int rc = 0;
    char *p = buf;
    while (p && *p && rc == 0 && !a->quit) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        run.line++;
        char *argv[ARGS_MAX];
        int argc = split(p, argv);
        if (argc < 0)
            rc = fail(&run, "unclosed quote or too many words");
        else if (argc > 0)
            rc = line_run(&run, argc, argv);
        if (rc == 0 && run.check_words) {
            /* After every line, so every screen the script passes through is checked. */
            app_build_view(a, &a->view);
            int i = words_english_shown(&a->view);
            if (i >= 0)
                rc = fail(&run, "\"%s\" is in English on screen %s (language %s)",
                          a->view.widgets[i].text, screens[a->screen].name, a->view.look.lang);
        }
        for (size_t i = 0; rc == 0 && i < sizeof run.never / sizeof run.never[0]; i++) {
            /* After every line, as check-words: no screen the script passes shows it. */
            if (!run.never[i][0])
                break;
            app_build_view(a, &a->view);
            if (has_text(&a->view, run.never[i])) {
                fail(&run, "\"%s\" is shown on screen %s", run.never[i], screens[a->screen].name);
                rc = shows(&run);
            }
        }
        p = nl ? nl + 1 : NULL;
    }
    free(buf);
    return rc;
}
