/* screens.c: every screen of the kiosk, as a row of the `screens` table: its name for scripts,
 * its handlers (screens.h), from screens_person.c (the young person's), screens_worker.c (the
 * worker's), screens_help.c (a request for help) and screens_provision.c (a first start), what the clock does on it (the idle
 * question after a while without a touch, a countdown) and whether the worker corner opens
 * worker mode from it; and the idle question that most screens share. */
#include "screens.h"

ScreenId tick_idle_warn(App *a, long long before_ms, long long wall_before)
{
    (void)before_ms;
    (void)wall_before;
    if (a->now_ms - a->last_input_ms < app_idle_after(a))
        return a->screen;
    a->idle_return = a->screen;
    return SCR_IDLE;
}

long long deadline_idle_warn(const App *a)
{
    long long d = a->last_input_ms + app_idle_after(a) - a->now_ms;
    return d < 0 ? 0 : d;
}

/* name, enter, on_action, on_key, build, worker, on_tick, deadline, corner */
const Screen screens[SCR_COUNT] = {
    [SCR_SET_PIN] = {"set-pin", pin_enter, on_set_pin, key_pin, build_set_pin, 1, NULL, NULL, 0},
    [SCR_WELCOME] = {"welcome", NULL, on_welcome, NULL, build_welcome, 0, NULL, NULL, 1},
    [SCR_CHOOSE] = {"choose", NULL, on_choose, NULL, build_choose, 0, tick_idle_warn,
                    deadline_idle_warn, 0},
    [SCR_QUESTION] = {"question", question_enter, on_question, key_question, build_question, 0,
                      tick_idle_warn, deadline_idle_warn, 0},
    [SCR_SAFETY] = {"safety", safety_enter, on_safety, NULL, build_safety, 0, tick_idle_warn,
                    deadline_idle_warn, 0},
    [SCR_REVIEW] = {"review", NULL, on_review, NULL, build_review, 0, tick_idle_warn,
                    deadline_idle_warn, 0},
    [SCR_THANKS] = {"thanks", NULL, on_thanks, NULL, build_thanks, 0, thanks_tick, thanks_deadline,
                    0},
    [SCR_SAVE_FAILED] = {"save-failed", NULL, on_save_failed, NULL, build_save_failed, 0,
                         tick_idle_warn, deadline_idle_warn, 0},
    [SCR_IDLE] = {"idle", NULL, on_idle, NULL, build_idle, 0, idle_tick, idle_deadline, 0},
    [SCR_PIN] = {"pin", pin_enter, on_pin, key_pin, build_pin, 1, pin_tick, pin_deadline, 0},
    [SCR_WORKER] = {"worker", worker_enter, on_worker, NULL, build_worker, 1, tick_idle_warn,
                    deadline_idle_warn, 0},
    [SCR_WORKER_SURVEY] = {"worker-survey", NULL, on_worker_survey, NULL, build_worker_survey, 1,
                           tick_idle_warn, deadline_idle_warn, 0},
    [SCR_WORKER_SESSION] = {"worker-session", worker_session_enter, on_worker_session,
                            key_worker_session, build_worker_session, 1, tick_idle_warn,
                            deadline_idle_warn, 0},
    [SCR_WORKER_EXPORT] = {"worker-export", worker_export_enter, on_worker_export, NULL,
                           build_worker_export, 1, tick_idle_warn, deadline_idle_warn, 0},
    [SCR_LOOK] = {"look", NULL, on_look, NULL, build_look, 0, tick_idle_warn, deadline_idle_warn,
                  0},
    [SCR_WORKER_BAND] = {"worker-band", NULL, on_worker_band, NULL, build_worker_band, 1,
                         tick_idle_warn, deadline_idle_warn, 0},
    [SCR_RECOVERY_SHOW] = {"recovery-show", NULL, on_recovery_show, NULL, build_recovery_show, 1,
                           NULL, NULL, 0},
    [SCR_RECOVERY_ENTER] = {"recovery", recovery_enter, on_recovery_enter, key_pin,
                            build_recovery_enter, 1, tick_idle_warn, deadline_idle_warn, 0},
    [SCR_WORKER_QUIT] = {"worker-quit", NULL, on_worker_quit, NULL, build_worker_quit, 1,
                         tick_idle_warn, deadline_idle_warn, 0},
    [SCR_HELP_NAME] = {"help-name", help_name_enter, on_help_name, key_help_name, build_help_name,
                       0, tick_idle_warn, deadline_idle_warn, 0},
    [SCR_WORKER_ALERT] = {"worker-alert", worker_alert_enter, on_worker_alert, NULL,
                          build_worker_alert, 1, tick_idle_warn, deadline_idle_warn, 0},
    [SCR_WORKER_ACCESS] = {"worker-access", worker_access_enter, on_worker_access,
                           key_worker_access, build_worker_access, 1, tick_idle_warn,
                           deadline_idle_warn, 0},
    [SCR_TAKE_BACK] = {"take-back", take_back_enter, on_take_back, key_take_back,
                       build_take_back, 0, tick_idle_warn, deadline_idle_warn, 0},
    [SCR_DEBRIEF] = {"debrief", debrief_enter, on_debrief, NULL, build_debrief, 1, tick_idle_warn,
                     deadline_idle_warn, 0},
    [SCR_PROVISION] = {"provision", provision_enter, on_provision, NULL, build_provision, 1,
                       provision_tick, provision_deadline, 0},
};
