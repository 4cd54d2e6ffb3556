/* app.h: the kiosk's state and the table of screens that change it.
 *
 * Knows no SDL. main.c (a window) and script.c (a headless script) both feed it Input events
 * and clock ticks, and draw the View that the current screen builds from the state. Every
 * screen is a row of the `screens` table in screens.c: build (state in, widgets out; never
 * changes state), on_action (a tapped widget), on_key (typing), enter; handlers return the
 * next screen, so transitions can be tested without a window.
 *
 * Start reading at app_input() and app_tick() in app.c. */
#ifndef CHORUS_APP_H
#define CHORUS_APP_H

#include <sodium.h>
#include <stdint.h>

#include "draft.h"
#include "chorus_limits.h"
#include "receipt.h"
#include "exchange.h"
#include "store.h"
#include "survey.h"
#include "view.h"

#define IDLE_AFTER_MS 90000     /* no touch for this long: ask "are you still there?" (twice
                                 * as long for a young person who asked for more time) */
#define IDLE_COUNTDOWN_MS 30000 /* then this long, counting down, before the draft is wiped */
#define THANKS_MS 30000         /* the thank-you screen returns to welcome by itself */
#define LONG_PRESS_MS 2000      /* press the worker corner this long for worker mode */
#define WORKER_CORNER 110       /* layout units: the top-left square that opens worker mode */
#define PROVISION_LOOK_MS 2000 /* an unprovisioned kiosk looks on the sticks this often */
#define TAP_GUARD_MS 350        /* a tap this soon after the view changed under it, or a second
                                 * tap on the same button this soon, does nothing */

typedef enum {
    SCR_SET_PIN,
    SCR_WELCOME,
    SCR_CHOOSE,
    SCR_QUESTION,
    SCR_SAFETY,
    SCR_REVIEW,
    SCR_THANKS,
    SCR_SAVE_FAILED,
    SCR_IDLE,
    SCR_PIN,
    SCR_WORKER,
    SCR_WORKER_SURVEY,
    SCR_WORKER_SESSION,
    SCR_WORKER_EXPORT,
    SCR_LOOK,        /* "Choose how it looks": bigger text, contrast, easy-read font, more time */
    SCR_WORKER_BAND, /* worker mode: fix the age band */
    SCR_RECOVERY_SHOW,  /* after the first PIN: the recovery code, shown once */
    SCR_RECOVERY_ENTER, /* from the PIN screen: type the recovery code to clear a lockout */
    SCR_WORKER_QUIT,    /* worker mode: are you sure you want to quit the kiosk? */
    SCR_HELP_NAME,      /* after asking for someone: a first name or where to find them */
    SCR_WORKER_ALERT,   /* worker mode opens with it when someone asked for help */
    SCR_WORKER_ACCESS,  /* worker mode: switch access (scanning, its speed, the switch keys) */
    SCR_DEBRIEF,        /* worker mode: what the session's group said (debrief.h) */
    SCR_TAKE_BACK,      /* "Take my answers back": a receipt code typed or tapped */
    SCR_PROVISION,      /* a kiosk with no council keys: set it up from a stick */
    SCR_COUNT
} ScreenId;

/* IN_KEY is a key (or a switch, which arrives as a key) going down, IN_KEY_UP coming up. */
typedef enum { IN_PRESS, IN_RELEASE, IN_CANCEL, IN_TEXT, IN_KEY, IN_KEY_UP } InputKind;
/* KEY_OTHER: a key the kiosk gives no meaning of its own; a worker may make it a switch. */
typedef enum { KEY_BACKSPACE = 1, KEY_ENTER, KEY_ESCAPE, KEY_TAB, KEY_SPACE, KEY_OTHER } KeyCode;

#define INPUT_SHIFT 0x1u  /* IN_KEY: Shift was held (Shift-Tab) */
#define INPUT_REPEAT 0x2u /* IN_KEY: the key's own repeat while held, not a new press */

typedef struct {
    InputKind kind;
    int x, y;     /* IN_PRESS, IN_RELEASE */
    char text[32]; /* IN_TEXT: UTF-8 (an input method may commit several characters at once) */
    int key;      /* IN_KEY, IN_KEY_UP: KeyCode */
    int code;     /* IN_KEY, IN_KEY_UP: which physical key or switch (keys.c: SDL's key code),
                   * for the worker's switch mapping; 0 unknown */
    unsigned flags; /* IN_KEY: INPUT_* */
} Input;

/* Tappable actions; each widget carries one and an argument. */
enum {
    A_NONE,
    A_START,
    A_CHOOSE_SURVEY, /* arg: survey index */
    A_BACK,
    A_NEXT,
    A_DECLINE,       /* arg: question index */
    A_CHOICE,        /* arg: question index * 256 + choice index */
    A_FIELD,         /* arg: question index */
    A_KEY,           /* arg: index in the keyboard's key table */
    A_DONE,
    A_REVIEW_ROW,    /* arg: page */
    A_REVIEW_MORE,   /* arg: +1 / -1 */
    A_SEND,
    A_FINISH,
    A_STILL_HERE,
    A_TALK,
    A_TALK_UNDO,     /* the safety screen: "I've changed my mind" */
    A_HELP_NAME,     /* the safety screen: add a name or where to find them */
    A_HELP_SAY_SO,   /* arg: 1 a worker here may see the name, 0 not */
    A_HELP_SAVE,     /* the name screen: send it */
    A_W_ALERT_SEEN,  /* worker mode's alert: seen */
    A_CARRY_ON,
    A_RETRY,
    A_PIN_DIGIT,     /* arg: 0..9 */
    A_PIN_DELETE,
    A_PIN_OK,
    A_CANCEL,
    A_W_SURVEYS,
    A_W_FIX,         /* arg: survey index, -1 to let young people choose */
    A_W_SESSION,
    A_W_SESSION_END,
    A_W_EXIT,
    A_W_QUIT,
    A_W_EXPORT,      /* open the export screen */
    A_W_EXPORT_TO,   /* arg: index in a->folders */
    A_W_RESCAN,      /* look for USB sticks again */
    A_LANG,          /* arg: index in a->langs */
    A_BAND,          /* arg: index in age_bands */
    A_LOOK,          /* open "Choose how it looks" */
    A_TOGGLE,        /* arg: a LookSetting */
    A_SPEAK,         /* arg: question index * 256 + choice index, or + SPEAK_LABEL; SPEAK_SAFETY */
    A_W_BANDS,       /* open the worker's age band screen */
    A_W_FIX_BAND,    /* arg: index in age_bands, -1 to let young people choose */
    A_RECOVERY,      /* the PIN screen: use the recovery code */
    A_RECOVERY_DONE, /* the recovery code is written down */
    A_W_COUNTS_PAGE, /* arg: +1 / -1, worker mode's counts */
    A_WORKER_HOLD,   /* the worker corner was held for LONG_PRESS_MS (Screen.corner) */
    A_REVIEW_OPEN,   /* arg: question index: the review shows that answer in full */
    A_REVIEW_CLOSE,  /* the review's full answer: back to the list */
    A_PICK,          /* arg: question * 256 + what (screens_person.c): a range's value, a step
                      * of a range, date or time picker */
    A_ACK,           /* arg: question index: an acknowledge tapped (or tapped again: undone) */
    A_REVIEW_AT,     /* arg: the byte of the open answer its page on the review starts at */
    A_CHOICES_MORE,  /* arg: the first choice of the page of a question's choices to show */
    A_W_ACCESS,      /* open the worker's switch access screen */
    A_W_ACCESS_MODE, /* arg: an AccessMode */
    A_W_ACCESS_SCAN, /* arg: +1 slower, -1 faster */
    A_W_ACCESS_DWELL, /* arg: +1 longer, -1 shorter */
    A_W_ACCESS_MAP,  /* arg: 0 switch 1, 1 switch 2: the next key pressed becomes it */
    A_W_ACCESS_KEEP, /* arg: 1 keep on this kiosk, 0 for the next young person only */
    A_W_DEBRIEF,     /* worker mode: show the group what they said in this session */
    A_DEBRIEF_PAGE,  /* arg: +1 / -1, the debrief's pages */
    A_DEBRIEF_DONE,  /* the debrief: close it (what it showed is wiped) */
    A_TAKE_BACK,     /* the welcome: open "Take my answers back" */
    A_TAKE_KIND,     /* arg: ReceiptKind to enter */
    A_TAKE_GROUP,    /* arg: a group of pictures to open, -1 back to the groups */
    A_TAKE_PICK,     /* arg: picture number, or index in RECEIPT_ALPHABET for letters */
    A_TAKE_DELETE,
    A_TAKE_SEND,
    A_PROV_OPEN,     /* arg: index in a->prov_found: show what it would set up */
    A_PROV_CONFIRM,  /* set the kiosk up from the file shown */
    A_PROV_START     /* provisioned: start the kiosk */
};

/* Switch access (access.c): how a young person who cannot tap moves the focus and selects. */
typedef enum { ACCESS_OFF, ACCESS_ONE_SWITCH, ACCESS_TWO_SWITCHES } AccessMode;

#define ACCESS_SCAN_MS 1500  /* one switch: the focus moves on this often, unless a worker says */
#define SWITCH_DEBOUNCE_MS 250 /* a switch pressed again this soon after it acted does nothing */
#define SCAN_ROUNDS 3        /* one switch: after this many rounds without a press the scan
                              * rests (the next press starts it again), so an empty kiosk
                              * sleeps */

/* The worker's settings of switch access. Not an answer, but it says something about the
 * young person it was set for: kept in memory and forgotten with them (app_forget_person),
 * unless the worker chose to keep it on the kiosk (then in the store, key "access"). */
typedef struct {
    int mode;     /* AccessMode */
    int scan_ms;  /* one switch: how long the focus stays on each target */
    int dwell_ms; /* a switch acts once held down this long (0: as it goes down) */
    int code[2];  /* the keys of switch 1 and switch 2 (Input.code) */
    int keep;     /* 1: kept on this kiosk for everyone; 0: for the next young person only */
} Access;

/* Where the focus is (keyboard and switches), kept across rebuilds of the same view. */
typedef struct {
    int shown;          /* the focus ring is drawn (always on a young person's screen with
                         * switches; after Tab with a keyboard, until a touch) */
    int action, arg;    /* the focused target; action A_NONE: the first */
    int in_row;         /* inside a row of keys (row-column scanning): 1 */
    long long view_ms;  /* the App.view_since_ms the focus belongs to: a new view starts over */
    long long next_ms;  /* one switch: when the focus moves on next */
    int rounds;         /* one switch: rounds scanned since the last press */
    int resting;        /* one switch: the scan rests until a press */
    int held;           /* the switch held down: 1 or 2, 0 none */
    long long held_ms;  /* ... since */
    int held_done;      /* ... and it has acted (or, a bounce, never will) */
    long long acted_ms; /* a switch last acted (SWITCH_DEBOUNCE_MS) */
    int mapping;        /* SCR_WORKER_ACCESS: 1 or 2 while waiting for the key of that switch */
} Focus;

#define SPEAK_LABEL 255 /* A_SPEAK: the question's label (choices are 0..SURVEY_CHOICES_MAX-1) */
#define SPEAK_SAFETY -1 /* A_SPEAK: the safety screen's words */

/* The settings a young person can change for themselves. */
typedef enum { LOOK_BIGGER, LOOK_CONTRAST, LOOK_DYSLEXIC, LOOK_MORE_TIME, LOOK_COUNT } LookSetting;

/* The age bands the welcome screen offers ("how old are you?"), youngest first. */
typedef struct {
    int min, max;        /* years, inclusive */
    const char *picture; /* file name in the images folder; drawn when the file is there */
} AgeBand;

#define AGE_BANDS 5
extern const AgeBand age_bands[AGE_BANDS];

#define LANG_KEY_MAX 63 /* bytes of a language key: a code ("ar"), or a name without one */

/* A language the welcome screen offers: one of the languages of the loaded surveys. */
typedef struct {
    char key[LANG_KEY_MAX + 1]; /* its code ("ckb"); its name when a survey gives no code */
    const char *name;           /* written in its own script ("کوردی"); static or a survey's */
    int name_len;               /* bytes of name to show (a survey's name without "(code)") */
} AppLanguage;

/* What the young person at the screen chose for themselves. Never an answer, but it says
 * something about them, so app_forget_person forgets it for the next person. */
typedef struct {
    char lang[LANG_KEY_MAX + 1]; /* the language key chosen; "" none yet (the surveys' own) */
    int band;                    /* the age band tapped (index into age_bands), -1 none */
    int band_told;               /* 1 when they tapped it (not a worker's fixed band) */
    int setting[LOOK_COUNT];     /* 1: on */
} Person;

/* The kiosk's own words (buttons, the safety and thank-you screens), read through ui_text()
 * so that they can be translated. */
typedef enum {
    UI_TITLE,
    UI_INTRO,
    UI_START,
    UI_HOW_OLD,
    UI_LOOK,
    UI_LOOK_TITLE,
    UI_BIGGER,
    UI_CONTRAST,
    UI_DYSLEXIC,
    UI_MORE_TIME,
    UI_DONE,
    UI_BAND_4_7,
    UI_BAND_8_11,
    UI_BAND_12_15,
    UI_BAND_16_17,
    UI_BAND_18_25,
    UI_NO_SURVEYS,
    UI_NEWS,
    UI_SESSION,
    UI_WHICH,
    UI_BACK,
    UI_NEXT,
    UI_DECLINE,
    UI_DECLINE_SHORT,
    UI_OF,
    UI_SEND,
    UI_REVIEW_TITLE,
    UI_REVIEW_HELP,
    UI_REVIEW_PREVIOUS,
    UI_REVIEW_MORE,
    UI_NUMBERS_ONLY,
    UI_TOO_LONG,
    UI_SAFETY_THANKS,
    UI_SAFETY_NOT_SAFE,
    UI_SAFETY_ADULT,
    UI_SAFETY_CHILDLINE,
    UI_SAFETY_SHARE,
    UI_SAFETY_WILL_ASK,
    UI_SAFETY_TALK,
    UI_SAFETY_CARRY_ON,
    UI_HELP_SAVED,
    UI_HELP_UNDO,
    UI_HELP_UNDONE,
    UI_HELP_ADD_NAME,
    UI_HELP_NAME_TITLE,
    UI_HELP_NAME_WHY,
    UI_HELP_SAY_SO,
    UI_HELP_YES,
    UI_HELP_NO,
    UI_HELP_SEND_NAME,
    UI_HELP_NAME_SENT,
    UI_HELP_NAME_SENT_HERE,
    UI_HELP_FAILED,
    UI_THANKS_TITLE,
    UI_THANKS_SAVED,
    UI_THANKS_WORRY,
    UI_THANKS_ADULT,
    UI_THANKS_CHILDLINE,
    UI_FINISH,
    UI_SAVE_FAILED,
    UI_SAVE_NOT_FAULT,
    UI_SAVE_HELP,
    UI_TRY_AGAIN,
    UI_IDLE_TITLE,
    UI_IDLE_CLEAR,
    UI_IDLE_CLEAR_ONE,
    UI_STILL_HERE,
    UI_KEY_SHIFT, /* the on-screen keyboard's named keys */
    UI_KEY_SPACE,
    UI_KEY_DELETE,
    UI_KEY_LETTERS, /* back from a Ge'ez consonant's vowel orders to the consonants */
    UI_SAFETY_ENGLISH, /* "In English:", heading the English beside a translation */
    UI_REQUIRED,        /* why Next is greyed out on a question that needs an answer */
    UI_REVIEW_NOTHING,  /* the review with no answer given: nothing is sent */
    UI_REVIEW_READ_ALL, /* a review row's button: the answer in full */
    UI_REVIEW_CHANGE,   /* the full answer: change it */
    UI_CONSTRAINT,      /* an answer breaks its question's constraint, and the survey says nothing */
    UI_OK,              /* an acknowledge's button */
    UI_OTHER,           /* the choice an or_other select adds */
    UI_OTHER_WHAT,      /* the typed answer "Other" opens */
    UI_DAY,             /* the date picker's rows */
    UI_MONTH,
    UI_YEAR,
    UI_HOUR, /* the time picker's rows */
    UI_MINUTE,
    UI_RANK_HOW, /* how to answer a rank question */
    UI_CODE_KEEP,       /* the thank-you screen: the receipt code, and what it is for */
    UI_CODE_SHORT,      /* ... its first words only, when the screen has no room for more */
    UI_TAKE_BACK,       /* the welcome's button, and the title of its screen */
    UI_TAKE_BACK_HOW,
    UI_CODE_PICTURES,   /* the two kinds of code */
    UI_CODE_LETTERS,
    UI_TAKE_BACK_SEND,
    UI_TAKE_BACK_SENT,  /* what happens now */
    UI_TAKE_BACK_WRONG, /* a code that does not check out */
    UI_TAKE_BACK_LIMIT, /* the kiosk's codes for today are used up */
    UI_COUNT
} UiText;

typedef struct HelpState HelpState; /* help_request.h */
typedef struct Debrief Debrief;     /* debrief.h */

typedef struct App {
    /* Set up by the caller before app_start. */
    Store *store;
    uint8_t council_pk[crypto_box_PUBLICKEYBYTES];
    int nsurveys;
    Survey *surveys[SURVEYS_MAX];
    const char *data_dir;   /* the data folder (pack news, kiosk key); NULL: no export, no news */
    const char *export_dir; /* --export-dir: offered first for an export; may be NULL */
    /* Not provisioned (no council sealing key): app_start opens SCR_PROVISION, which sets the
     * kiosk up from a stick; then provisioned (main.c) reads the council key and the pack's
     * surveys into the app, and the app starts again as on a provisioned kiosk. */
    int unprovisioned;
    int (*provisioned)(struct App *a, char *err);
    int start_failed; /* app_restart failed: a->error says why, a->quit is set */
    const SurveyMedia *media; /* where the surveys' pictures are: a pack is checked with them */

    /* "You said, we did" items of the installed pack, read by app_start. */
    int nnews;
    char news[NEWS_SHOWN][NEWS_ITEM_MAX + 1];

    /* The kiosk's own pictures (age bands, settings): NULL means SURVEY_IMAGES_DIR. */
    const char *images_dir;

    /* Languages of the loaded surveys, found by app_start; the first is the default. */
    int nlangs;
    AppLanguage langs[SURVEY_LANGS_MAX];
    /* The kiosk's pictures found by app_start: a path, or "" when the file is not there. */
    char band_picture[AGE_BANDS][EXCHANGE_PATH_MAX];
    char look_picture[LOOK_COUNT][EXCHANGE_PATH_MAX];

    /* Worker settings, kept in the store. */
    int fixed_survey; /* -1: young people choose */
    int fixed_band;   /* index into age_bands; -1: young people say (or not) */
    char session[SESSION_NAME_MAX + 1];

    /* Clock: monotonic milliseconds, and wall seconds for dates and PIN lockout. */
    long long now_ms, wall;
    long long last_input_ms;
    long long screen_since_ms;
    long long view_since_ms; /* the view last changed under the finger (screen, page, paging) */
    long long tap_ms;        /* the last tap that fired, and its widget, for TAP_GUARD_MS */
    int tap_action, tap_arg;

    /* The young person at the screen: language, age band, settings. */
    Person person;
    char lang_shown[LANG_KEY_MAX + 1]; /* the key of the survey language shown; "" none */
    int noffered;             /* the surveys offered for their age band */
    int offered[SURVEYS_MAX]; /* indexes into surveys */

    /* Screens. */
    ScreenId screen;
    ScreenId came_from; /* the screen before this one (set before its enter runs) */
    ScreenId idle_return; /* where "I'm still here" goes back to */
    ScreenId safety_return;
    int w, h;
    int dirty; /* the view must be drawn again */
    int quit;
    int wiped; /* set when a draft was wiped: the renderer forgets cached texts */

    /* The young person's answers: sodium_malloc'd, locked, wiped after every person. */
    Draft *draft;
    Answer *answer_buf;
    const char **choice_buf;
    int survey;      /* index of the survey being answered, -1 none */
    int page;        /* current page of the survey */
    int focus;       /* question being typed into, -1 none */
    int review_from; /* first row shown on the review screen */
    int choices_from; /* first choice shown, when a question's choices are shown a page at a
                       * time (they do not all fit) */
    int review_open; /* the question whose answer the review shows in full, -1 none */
    int review_at;   /* ... from this byte: where the page of it shown starts */
    int from_review; /* this question was opened from the review: forward goes back there */
    int shift;       /* on-screen keyboard shift */
    int talk_asked;  /* the safety screen's "someone to talk to me" was tapped */

    /* The receipt code of the response just sent, for the thank-you screen (locked memory,
     * RECEIPT_CODE_MAX + 1 bytes, wiped with the person); "" none. */
    char *receipt_shown;
    /* SCR_TAKE_BACK: the code being entered (wiped with the person) and what was said. */
    int take_kind;  /* ReceiptKind */
    int take_group; /* pictures: the group open, -1 the groups */
    int take_npics;
    int take_pics[RECEIPT_PICTURES];
    char take_letters[RECEIPT_LETTERS + 1];
    UiText take_said; /* UI_TAKE_BACK_SENT, _WRONG or _LIMIT once Send was tapped; 0 before */

    /* Requests for help (help_request.h): this visit's, the worker's alert; locked memory. */
    HelpState *help;
    long help_waiting; /* requests with news since a worker last looked: the corner's sign */

    /* The press being tracked, for taps and the worker long-press. */
    int pressing;
    int press_action, press_arg;
    int press_x, press_y;
    long long press_ms;
    int press_done; /* the long-press already fired: the release does nothing */

    /* Worker PIN entry and worker mode. */
    char pin[PIN_MAX_DIGITS + 1];
    char pin_first[PIN_MAX_DIGITS + 1]; /* SCR_SET_PIN: the first entry, to confirm */
    long long pin_wait_until;
    const char *message; /* a line for the current screen: why a PIN or save failed */
    char message_buf[160]; /* where a message with numbers in it is written */
    /* SCR_RECOVERY_SHOW: the code made with the first PIN (wiped once written down);
     * SCR_RECOVERY_ENTER: what is being typed. RECOVERY_DIGITS (pin.h) digits. */
    char recovery[24];
    int counts_page; /* SCR_WORKER: which page of per-survey counts */
    /* The session's tallies of choice answers for its debrief, in locked memory only: counted
     * at each Send while a session runs, wiped when shown, when the session ends or starts. */
    Debrief *debrief;
    int debrief_page; /* SCR_DEBRIEF: which page of its lines */
    char session_edit[SESSION_NAME_MAX + 1];
    char worker_counts[2048]; /* SCR_WORKER: counts read from the store on entry */
    int nfolders;             /* SCR_WORKER_EXPORT: folders found on entry or on Look again */
    char folders[EXPORT_FOLDERS_MAX][EXCHANGE_PATH_MAX];
    char export_result[ERR_LEN + EXCHANGE_PATH_MAX]; /* what the last export did, or "" */
    int export_failed;
    /* SCR_PROVISION: the provisioning files on the sticks, looked for again every
     * PROVISION_LOOK_MS until one is opened; the one shown (-1 none); how it went. */
    int prov_n, prov_open, prov_done, prov_restart;
    long long prov_looked_ms;
    ProvisionFound prov_found[PROVISION_FOUND_MAX];
    ProvisionResult prov_result;
    char prov_error[ERR_LEN + 64];
    char error[ERR_LEN]; /* the last error, for the log (never shown to young people) */
    void (*log)(const char *line);
    /* What young people did, counted for the one line logged when the kiosk stops, never a
     * line each: the journal's time stamp on it would say when each of them was here. */
    long stored;     /* responses stored since the start */
    long idle_wipes; /* drafts wiped by the idle timeout since the start */
    long help_stored; /* records of requests for help stored since the start */
    /* Survey files not shown as they are (broken, or a form id twice), a line each, for worker
     * mode: a worker should not have to read the log to know a survey is missing. */
    char survey_notes[1024];

    /* Read aloud (set by main.c; NULL when there is no audio or no speech): says text in the
     * language code lang, or plays the recorded file audio (a path, or NULL) instead. */
    void (*speak)(void *ctx, const char *text, const char *lang, const char *audio);
    int (*can_speak)(void *ctx, const char *lang); /* 1 if a voice exists for lang */
    void *speak_ctx;
    /* Measures texts as they will be drawn, so layouts make room for them (set by main.c to
     * render_measure; NULL: the kit estimates). Copied into every view built. */
    TextMeasure measure;
    void *measure_ctx;

    /* Switch access and the keyboard's focus (access.c). */
    Access access;
    Focus focus_at;
    /* The name of a key code (keys.c, set by main.c), for the worker; NULL: its number. */
    const char *(*key_name)(int code);

    View view; /* the last built view, for hit-testing */
} App;

typedef struct {
    const char *name; /* for scripts: `expect screen NAME` */
    void (*enter)(App *a);
    ScreenId (*on_action)(App *a, int action, int arg);
    ScreenId (*on_key)(App *a, const Input *in);
    void (*build)(const App *a, View *v);
    int worker; /* a worker's screen: English, left to right, the plain look */
    /* The clock moved on from before_ms (wall_before): what is due on this screen (the idle
     * question, a countdown, a lockout's seconds). Returns the next screen; NULL: nothing. */
    ScreenId (*on_tick)(App *a, long long before_ms, long long wall_before);
    /* Milliseconds until on_tick next has something to do, or -1; NULL: nothing. */
    long long (*deadline)(const App *a);
    int corner; /* holding the worker corner here sends A_WORKER_HOLD to on_action */
} Screen;

extern const Screen screens[SCR_COUNT];

/* Allocates the draft memory and reads worker settings and the pack's news; the caller has
 * set store, council_pk, surveys and (optionally) data_dir and export_dir. Returns 0, or -1
 * with a->error set. */
int app_start(App *a, long long now_ms, long long wall) __attribute__((warn_unused_result));

/* Wipes and frees the draft memory. */
void app_stop(App *a);

/* A kiosk just provisioned starts as a provisioned one: provisioned() reads the council key
 * and the pack's surveys into a, then app_stop and app_start. On failure a->error says why and
 * a->quit is set (the caller shows the reason and exits non-zero). */
void app_restart(App *a);

/* Handles one input event at the current clock. */
void app_input(App *a, const Input *in);

/* Does what a tap on a widget with action and arg does (a switch or Enter selecting it). */
void app_fire(App *a, int action, int arg);

/* Moves the clock on and fires what is due: the idle warning, the wipe, the long-press. */
void app_tick(App *a, long long now_ms, long long wall);

/* Milliseconds until app_tick next has something to do, or -1 for nothing pending. */
long long app_next_deadline(const App *a);

/* Sets the window size (the next view is laid out for it). */
void app_resize(App *a, int w, int h);

/* Builds the current screen's view into v, with the young person's look; mirrored left to
 * right (every widget but the keys of a keyboard) when their language reads right to left. */
void app_build_view(const App *a, View *v);

/* How the current screen should look: the young person's language, direction and settings
 * (the plain look on worker screens). */
Look app_look(const App *a);

/* Milliseconds without a touch before "are you still there?": IDLE_AFTER_MS, doubled for a
 * young person who asked for more time. */
long long app_idle_after(const App *a);

/* The kiosk's word for key in the young person's language; English where there is no
 * translation. Never NULL. */
const char *ui_text(const App *a, UiText key);

/* The language code of the word ui_text(a, key) gives: a translation's, or "en". */
const char *ui_text_lang(const App *a, UiText key);

/* The language key in effect: in a survey, that of the survey language shown; else the one
 * chosen, else the first of a->langs, else "en". */
const char *app_lang(const App *a);

/* 1 if the language key (a code such as "ar" or "ar-EG") is written right to left. */
int app_lang_rtl(const char *key);

/* The key of a survey language: its code, else a known English name's code, else its name
 * (written into key, LANG_KEY_MAX + 1 bytes). */
void app_lang_key(const Language *l, char *key);

/* The index of the person's language in survey s, or s's default language. */
int app_survey_lang(const App *a, const Survey *s);

/* Fills a->offered with the surveys for age band band (-1: every survey): those whose ages
 * overlap it, or every survey when none does, so nobody is left with nothing. */
void app_offer_surveys(App *a, int band);

/* Changes to screen s (running its enter handler). */
void app_go(App *a, ScreenId s);

/* Forgets the answers: wipes the draft, everything shown of it and this visit's help state,
 * and leaves the survey; keeps the person (language, look, age band, surveys offered) and
 * the screen. For leaving a survey, and after Send. */
void app_forget_answers(App *a);

/* Forgets the person: their answers (app_forget_answers), and their language, look, age
 * band and what was offered to them, and any digits typed; returns to welcome, ready for the
 * next person. */
void app_forget_person(App *a);

/* The survey being answered, or NULL. */
const Survey *app_survey(const App *a);

/* The kind of receipt code for the young person at the screen: pictures for the youngest (an
 * age band or a survey for under 12s), letters and digits for everyone else. */
ReceiptKind app_receipt_kind(const App *a);

/* Seals the draft and commits it to the store. Returns 0, or -1 with a->error set. */
int app_send(App *a) __attribute__((warn_unused_result));

#endif
