/* screens.c: every screen of the kiosk, as a row of the `screens` table: its name for scripts,
 * what idling on it does, and its handlers (screens.h), from screens_person.c (the young
 * person's) and screens_worker.c (the worker's). */
#include "screens.h"

const Screen screens[SCR_COUNT] = {
    [SCR_SET_PIN] = {"set-pin", IDLE_NONE, pin_enter, on_set_pin, key_pin, build_set_pin, 1},
    [SCR_WELCOME] = {"welcome", IDLE_NONE, NULL, on_welcome, NULL, build_welcome, 0},
    [SCR_CHOOSE] = {"choose", IDLE_WARN, NULL, on_choose, NULL, build_choose, 0},
    [SCR_QUESTION] = {"question", IDLE_WARN, question_enter, on_question, key_question,
                      build_question, 0},
    [SCR_SAFETY] = {"safety", IDLE_WARN, safety_enter, on_safety, NULL, build_safety, 0},
    [SCR_REVIEW] = {"review", IDLE_WARN, NULL, on_review, NULL, build_review, 0},
    [SCR_THANKS] = {"thanks", IDLE_RETURN, NULL, on_thanks, NULL, build_thanks, 0},
    [SCR_SAVE_FAILED] = {"save-failed", IDLE_WARN, NULL, on_save_failed, NULL, build_save_failed,
                         0},
    [SCR_IDLE] = {"idle", IDLE_NONE, NULL, on_idle, NULL, build_idle, 0},
    [SCR_PIN] = {"pin", IDLE_WARN, pin_enter, on_pin, key_pin, build_pin, 1},
    [SCR_WORKER] = {"worker", IDLE_WARN, worker_enter, on_worker, NULL, build_worker, 1},
    [SCR_WORKER_SURVEY] = {"worker-survey", IDLE_WARN, NULL, on_worker_survey, NULL,
                           build_worker_survey, 1},
    [SCR_WORKER_SESSION] = {"worker-session", IDLE_WARN, worker_session_enter, on_worker_session,
                            key_worker_session, build_worker_session, 1},
    [SCR_WORKER_EXPORT] = {"worker-export", IDLE_WARN, worker_export_enter, on_worker_export, NULL,
                           build_worker_export, 1},
    [SCR_LOOK] = {"look", IDLE_WARN, NULL, on_look, NULL, build_look, 0},
    [SCR_WORKER_BAND] = {"worker-band", IDLE_WARN, NULL, on_worker_band, NULL, build_worker_band,
                         1},
};
