/* screens_provision.c: the first start of a kiosk with no council keys. It looks on the sticks
 * for the council's provisioning file by itself (exchange_provision_find, every
 * PROVISION_LOOK_MS), lists what it found and what it refused, shows the worker whose a file
 * is (the council's name and signing key id, its server, its first pack) and sets the kiosk
 * up when they confirm; then the kiosk starts as a provisioned one (the worker PIN next). A
 * row of the table in screens.c; worker screens are English, left to right. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kit.h"
#include "screens.h"

static void say(const App *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A line for the kiosk's log (a worker's screen: written at once). */
static void say(const App *a, const char *fmt, ...)
{
    char line[ERR_LEN + 2 * EXCHANGE_PATH_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (a->log)
        a->log(line);
}

/* Looks on the sticks again. */
static void look(App *a)
{
    a->prov_n = exchange_provision_find(a->store, a->data_dir, a->media, a->export_dir,
                                        a->prov_found, PROVISION_FOUND_MAX);
    a->prov_looked_ms = a->now_ms;
    a->dirty = 1;
}

void provision_enter(App *a)
{
    a->prov_open = -1;
    a->prov_done = 0;
    a->prov_restart = 0;
    a->prov_error[0] = '\0';
    look(a);
}

/* A key id as the worker reads it out: four groups of four. */
static const char *key_groups(View *v, const char *hex)
{
    return view_printf(v, "%.4s %.4s %.4s %.4s", hex, hex + 4, hex + 8, hex + 12);
}

/* The file name of a path, for a button. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void build_list(const App *a, View *v, int m, int y, int bottom)
{
    int w = v->w - 2 * m, gap = U(v, 12);
    y = kit_text_flow(v, m, y, w, U(v, 40),
                      "This kiosk has no council keys yet. Put in the USB stick with the "
                      "council's provisioning file (NAME.provision, made by chorus-sync "
                      "provision). The kiosk looks for it by itself.",
                      TS_SMALL, 0) +
        gap;
    if (a->prov_error[0])
        y = kit_text_flow(v, m, y, w, U(v, 40), a->prov_error, TS_SMALL, W_ALERT) + gap;
    if (a->prov_n == 0) {
        kit_text_flow(v, m, y, w, U(v, 40), "No provisioning file found yet.", TS_SMALL, W_BOLD);
        return;
    }
    for (int i = 0; i < a->prov_n && y < bottom; i++) {
        const ProvisionFound *f = &a->prov_found[i];
        if (!f->ok) {
            y = kit_text_flow(v, m, y, w, U(v, 40), view_printf(v, "Refused: %s", f->why), TS_SMALL,
                              W_ALERT) +
                gap;
            continue;
        }
        const char *label = view_printf(v, "%s, key %s (%s)", f->council, key_groups(v, f->key_id),
                                        base_name(f->path));
        int h = kit_button_h(v, label, TS_BODY, w);
        if (h < target(v))
            h = target(v);
        if (y + h > bottom)
            break;
        kit_button(v, rect(m, y, w, h), label, A_PROV_OPEN, i, W_LEFT);
        y += h + gap;
    }
}

static void build_open(const App *a, View *v, int m, int y)
{
    const ProvisionFound *f = &a->prov_found[a->prov_open];
    int w = v->w - 2 * m, gap = U(v, 10);
    y = kit_text_flow(v, m, y, w, U(v, 40),
                      view_printf(v,
                                  "Council signing key: %s. Check that it is the key the "
                                  "council gave you: a kiosk set up from someone else's file "
                                  "would send young people's answers to them.",
                                  key_groups(v, f->key_id)),
                      TS_SMALL, W_BOLD) +
        gap;
    const char *server =
        f->url[0] ? view_printf(v, "Answers go to the council's server at %s%s.", f->url,
                                f->has_pin ? ", trusted with the key that comes with it" : "")
                  : "No server: answers go to the council on a USB stick.";
    y = kit_text_flow(v, m, y, w, U(v, 30), server, TS_SMALL, 0) + gap;
    y = kit_text_flow(
            v, m, y, w, U(v, 30),
            f->news
                ? view_printf(v,
                              "First pack %llu: %d survey%s, %d \"you said, we "
                              "did\" item%s.",
                              (unsigned long long)f->sequence, f->surveys,
                              f->surveys == 1 ? "" : "s", f->news, f->news == 1 ? "" : "s")
                : view_printf(v, "First pack %llu: %d survey%s.", (unsigned long long)f->sequence,
                              f->surveys, f->surveys == 1 ? "" : "s"),
            TS_SMALL, 0) +
        gap;
    y = kit_text_flow(v, m, y, w, U(v, 30),
                      "The kiosk's own key will be written to the stick, for the council to "
                      "enrol it.",
                      TS_SMALL, 0) +
        gap;
    y = kit_text_flow(v, m, y, w, U(v, 30), view_printf(v, "From %s", f->path), TS_SMALL, 0) + gap;
    if (a->prov_error[0])
        kit_text_flow(v, m, y, w, U(v, 40), a->prov_error, TS_SMALL, W_ALERT);
}

static void build_done(const App *a, View *v, int m, int y)
{
    const ProvisionResult *r = &a->prov_result;
    int w = v->w - 2 * m, gap = U(v, 12);
    y = kit_text_flow(v, m, y, w, U(v, 40),
                      view_printf(v,
                                  "Every answer is now sealed to %s's key, and only %s's packs "
                                  "and receipts are accepted.",
                                  r->council, r->council),
                      TS_SMALL, 0) +
        gap;
    y = kit_text_flow(v, m, y, w, U(v, 40),
                      view_printf(v,
                                  "The kiosk's key is on the stick as %s. Take it to the "
                                  "council to enrol the kiosk (chorus-sync enrol): until then "
                                  "the council can't take its answers in.",
                                  r->enrol_path),
                      TS_SMALL, W_BOLD) +
        gap;
    kit_text_flow(v, m, y, w, U(v, 40), "Next: choose the worker PIN.", TS_SMALL, 0);
}

void build_provision(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    const char *title = "Set up this kiosk";
    if (a->prov_done)
        title = view_printf(v, "This kiosk is set up for %s", a->prov_result.council);
    else if (a->prov_open >= 0)
        title = view_printf(v, "Set up this kiosk for %s?", a->prov_found[a->prov_open].council);
    int y =
        kit_text_flow(v, m, U(v, 20), v->w - 2 * m, U(v, 60), title, TS_LARGE, W_BOLD) + U(v, 12);
    int bottom;
    if (a->prov_done) {
        bottom = kit_nav_bar(v, NULL, 0, NULL, 0, 0, 0, "Continue", A_PROV_START, 0);
        build_done(a, v, m, y);
    } else if (a->prov_open >= 0) {
        bottom = kit_nav_bar(v, "Back", A_CANCEL, NULL, 0, 0, 0, "Set up", A_PROV_CONFIRM, 0);
        build_open(a, v, m, y);
    } else {
        bottom = kit_nav_bar(v, NULL, 0, "Look again", A_W_RESCAN, 0, W_QUIET, NULL, 0, 0);
        build_list(a, v, m, y, bottom);
    }
    (void)bottom;
}

/* Sets the kiosk up from the file shown, and says how it went. */
static void confirm(App *a)
{
    char err[ERR_LEN];
    const ProvisionFound *f = &a->prov_found[a->prov_open];
    if (exchange_provision(a->store, a->data_dir, a->media, f, &a->prov_result, err) != 0) {
        snprintf(a->prov_error, sizeof a->prov_error, "Not set up: %s", err);
        say(a, "provisioning from %s failed: %s", f->path, err);
        return;
    }
    a->prov_done = 1;
    say(a,
        "provisioned for %s (council signing key %s, pack %llu); the kiosk's key is on "
        "the stick as %s",
        a->prov_result.council, a->prov_result.pack.key_id,
        (unsigned long long)a->prov_result.pack.sequence, a->prov_result.enrol_path);
}

ScreenId on_provision(App *a, int action, int arg)
{
    int open = a->prov_open, done = a->prov_done;
    switch (action) {
    case A_W_RESCAN:
        a->prov_error[0] = '\0';
        look(a);
        break;
    case A_PROV_OPEN:
        if (!a->prov_done && arg >= 0 && arg < a->prov_n && a->prov_found[arg].ok) {
            a->prov_open = arg;
            a->prov_error[0] = '\0';
        }
        break;
    case A_CANCEL:
        if (!a->prov_done) {
            a->prov_open = -1;
            a->prov_error[0] = '\0';
            look(a);
        }
        break;
    case A_PROV_CONFIRM:
        if (!a->prov_done && a->prov_open >= 0)
            confirm(a);
        break;
    case A_PROV_START:
        if (a->prov_done)
            a->prov_restart = 1; /* on the next tick, outside this handler */
        break;
    default:
        break;
    }
    /* Another view under the same finger: a double tap on Set up must not also tap Continue. */
    if (a->prov_open != open || a->prov_done != done)
        a->view_since_ms = a->now_ms;
    return SCR_PROVISION;
}

/* Looks on the sticks again while nothing is open; starts the provisioned kiosk. */
ScreenId provision_tick(App *a, long long before_ms, long long wall_before)
{
    (void)before_ms;
    (void)wall_before;
    if (a->prov_restart) {
        a->prov_restart = 0;
        app_restart(a);
        return a->screen;
    }
    if (a->prov_open < 0 && !a->prov_done && a->now_ms - a->prov_looked_ms >= PROVISION_LOOK_MS)
        look(a);
    return SCR_PROVISION;
}

long long provision_deadline(const App *a)
{
    if (a->prov_restart)
        return 0;
    if (a->prov_open >= 0 || a->prov_done)
        return -1;
    long long d = a->prov_looked_ms + PROVISION_LOOK_MS - a->now_ms;
    return d < 0 ? 0 : d;
}
