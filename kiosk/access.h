/* access.h: switch access and keyboard-only use (WCAG 2.1.1): the focus, moved by Tab and
 * Shift-Tab, by one switch scanning by itself (auto-scan: the focus moves on every scan
 * interval and a press selects) or by two switches (step scan: one moves, one selects), and
 * selected by Enter, Space or a switch; a focus ring drawn around it (render.c). The focus
 * order is scan.h's; the switches are keys a worker chose (SCR_WORKER_ACCESS). Knows no SDL.
 *
 * Switches work on the young person's screens; a worker's screens take Tab, Enter and their
 * typing, and never scan. Start reading at access_input(). */
#ifndef CHORUS_ACCESS_H
#define CHORUS_ACCESS_H

#include "app.h"
#include "scan.h"

/* The key codes switch 1 and switch 2 start as: Space and Enter, what most switch interfaces
 * send (SDL's key codes for them are their ASCII codes). */
#define ACCESS_CODE_SPACE 32
#define ACCESS_CODE_ENTER 13

/* The scan intervals and dwell times a worker steps through (milliseconds). */
#define ACCESS_SCAN_STEPS 10
#define ACCESS_DWELL_STEPS 9
extern const int access_scan_steps[ACCESS_SCAN_STEPS];
extern const int access_dwell_steps[ACCESS_DWELL_STEPS];

/* Switch access off, the kiosk's own intervals, Space and Enter as the switches. */
void access_defaults(Access *s);

/* Reads the settings a worker kept on this kiosk (store key "access"), else the defaults.
 * Returns 0, or -1 when the store cannot be read (a->error set); a kept value that cannot be
 * read is logged and the defaults used. */
int access_load(App *a) __attribute__((warn_unused_result));

/* Writes a->access to the store when a->access.keep, else deletes what was kept. Returns 0,
 * or -1 with a->error set. */
int access_save(App *a) __attribute__((warn_unused_result));

/* The next young person: the settings go back to the kept ones (or the defaults), the focus
 * to nowhere. */
void access_forget_person(App *a);

/* 1 when switches scan on the current screen (switch access on, a young person's screen). */
int access_switches(const App *a);

/* Takes the keys it gives a meaning (a switch, Tab, Shift-Tab, Enter and Space while the
 * focus is shown) and hides the focus on a touch. Returns 1 when in was used up, 0 when the
 * screen should have it too. */
int access_input(App *a, const Input *in);

/* The clock moved: the one-switch scan, a switch held for its dwell. */
void access_tick(App *a);

/* Milliseconds until access_tick has something to do, or -1. */
long long access_deadline(const App *a);

/* Sets v->ring and v->ring_r: the focus, around one target or a row of keys (v is built and
 * mirrored for a's current screen). */
void access_ring(const App *a, View *v);

/* The focused span of o (built for a's current screen): its first target's index (and the
 * last's in *to), or -1 when there is no target. */
int access_focus(const App *a, const ScanOrder *o, int *to);

#endif
