/* screens.h: each screen's handlers, for the screen table (screens.c). The young person's
 * screens are in screens_person.c, the worker's (PIN, worker mode, export) in screens_worker.c,
 * both laid out with the widget kit (kit.h). build_* lay a screen out for the current window
 * and only read the state; on_* and key_* change the state and return the next screen; *_enter
 * runs when the screen is entered. Knows no SDL. */
#ifndef CHORUS_SCREENS_H
#define CHORUS_SCREENS_H

#include "app.h"

/* The clock on a screen (Screen.on_tick, Screen.deadline). tick_idle_warn (screens.c): after
 * app_idle_after() without a touch, "are you still there?" (SCR_IDLE, which returns here). */
ScreenId tick_idle_warn(App *a, long long before_ms, long long wall_before);
long long deadline_idle_warn(const App *a);
ScreenId idle_tick(App *a, long long before_ms, long long wall_before);
long long idle_deadline(const App *a);
ScreenId thanks_tick(App *a, long long before_ms, long long wall_before);
long long thanks_deadline(const App *a);
ScreenId pin_tick(App *a, long long before_ms, long long wall_before);
long long pin_deadline(const App *a);

/* The young person's screens (screens_person.c). */
void build_choose(const App *a, View *v);
void build_idle(const App *a, View *v);
void build_look(const App *a, View *v);
void build_question(const App *a, View *v);
void build_review(const App *a, View *v);
void build_safety(const App *a, View *v);
void build_save_failed(const App *a, View *v);
void build_thanks(const App *a, View *v);
void build_welcome(const App *a, View *v);
ScreenId key_question(App *a, const Input *in);
ScreenId on_choose(App *a, int action, int arg);
ScreenId on_idle(App *a, int action, int arg);
ScreenId on_look(App *a, int action, int arg);
ScreenId on_question(App *a, int action, int arg);
ScreenId on_review(App *a, int action, int arg);
ScreenId on_safety(App *a, int action, int arg);
ScreenId on_save_failed(App *a, int action, int arg);
ScreenId on_thanks(App *a, int action, int arg);
ScreenId on_welcome(App *a, int action, int arg);
void question_enter(App *a);
void safety_enter(App *a);

/* A request for help (screens_help.c): the young person's name screen, the worker's alert. */
void build_help_name(const App *a, View *v);
ScreenId on_help_name(App *a, int action, int arg);
ScreenId key_help_name(App *a, const Input *in);
void help_name_enter(App *a);
void build_worker_alert(const App *a, View *v);
ScreenId on_worker_alert(App *a, int action, int arg);
void worker_alert_enter(App *a);

/* The worker's screens (screens_worker.c). */
void build_pin(const App *a, View *v);
void build_set_pin(const App *a, View *v);
void build_worker(const App *a, View *v);
void build_worker_band(const App *a, View *v);
void build_worker_export(const App *a, View *v);
void build_worker_session(const App *a, View *v);
void build_worker_survey(const App *a, View *v);
ScreenId key_pin(App *a, const Input *in);
ScreenId key_worker_session(App *a, const Input *in);
ScreenId on_pin(App *a, int action, int arg);
ScreenId on_set_pin(App *a, int action, int arg);
ScreenId on_worker(App *a, int action, int arg);
ScreenId on_worker_band(App *a, int action, int arg);
ScreenId on_worker_export(App *a, int action, int arg);
ScreenId on_worker_session(App *a, int action, int arg);
ScreenId on_worker_survey(App *a, int action, int arg);
void pin_enter(App *a);
void worker_enter(App *a);
void worker_export_enter(App *a);
void worker_session_enter(App *a);
void build_debrief(const App *a, View *v);
ScreenId on_debrief(App *a, int action, int arg);
void debrief_enter(App *a);

/* Switch access (screens_worker.c): scanning, its speed and dwell, the switches' keys. */
void build_worker_access(const App *a, View *v);
ScreenId on_worker_access(App *a, int action, int arg);
ScreenId key_worker_access(App *a, const Input *in);
void worker_access_enter(App *a);

/* "Take my answers back" (screens_take.c). */
void build_take_back(const App *a, View *v);
ScreenId on_take_back(App *a, int action, int arg);
ScreenId key_take_back(App *a, const Input *in);
void take_back_enter(App *a);

/* First start with no council keys (screens_provision.c). */
void build_provision(const App *a, View *v);
ScreenId on_provision(App *a, int action, int arg);
void provision_enter(App *a);
ScreenId provision_tick(App *a, long long before_ms, long long wall_before);
long long provision_deadline(const App *a);

/* The recovery code and quitting (screens_worker.c). */
void build_recovery_show(const App *a, View *v);
ScreenId on_recovery_show(App *a, int action, int arg);
void recovery_enter(App *a);
void build_recovery_enter(const App *a, View *v);
ScreenId on_recovery_enter(App *a, int action, int arg);
void build_worker_quit(const App *a, View *v);
ScreenId on_worker_quit(App *a, int action, int arg);

#endif
