/* survey.h: a survey as the kiosk shows it, loaded from an XLSForm file.
 *
 * Files are pyxform's single-CSV layout: a sheet name (`survey`, `choices`, `settings`) in the
 * first column opens that sheet, whose rows start in the second column; the first row of a
 * sheet is its header. Or an Excel workbook (.xlsx, .xls) with those sheets, read into the same
 * layout (workbook.h). Headers and sheet names are case-insensitive and trimmed. The survey
 * model is read-only once loaded and lives in one arena freed by survey_free().
 *
 * Start reading at survey_parse(). */
#ifndef CHORUS_SURVEY_H
#define CHORUS_SURVEY_H

#include <stddef.h>

#include "expr.h"
#include "chorus_limits.h"
#include "defaults.h"

typedef enum {
    QT_SELECT_ONE,
    QT_SELECT_MULTIPLE,
    QT_TEXT,
    QT_INTEGER,
    QT_NOTE,
    QT_CALCULATE,   /* a hidden value (Survey's calcs only): never shown, never recorded */
    QT_DECIMAL,     /* a number that may have a fraction: a number pad with a point */
    QT_RANGE,       /* a number from range_start to range_end in range_step steps: a button a
                     * step, or a stepper when there are more than fit */
    QT_ACKNOWLEDGE, /* `acknowledge` and `trigger`: one button to tap (recorded as tapped) */
    QT_DATE,        /* a day, set on the kiosk's date picker (never typed) */
    QT_TIME,        /* an hour and minute, set on the kiosk's time picker; never the clock's */
    QT_RANK         /* `rank LIST`: every choice of the list put in order, tapped first to last */
} QuestionType;

/* The most values a range may have (end - start) / step + 1. */
#define SURVEY_RANGE_VALUES_MAX 1000

/* Kiosk appearances; anything else in the `appearance` column is kept as APPEAR_DEFAULT. */
typedef enum {
    APPEAR_DEFAULT,
    APPEAR_FACES,         /* `faces`: select_one of exactly 5 choices, worst to best */
    APPEAR_YES_NOTSURE_NO, /* `yes-notsure-no`: select_one of exactly 3 choices: yes, not sure, no */
    APPEAR_MONTH_YEAR,     /* a date's `month-year`: a month and year are asked (the 1st kept) */
    APPEAR_YEAR            /* a date's `year`: a year is asked (its 1 January kept) */
} Appearance;

/* A translated text: one entry per survey language (survey->nlangs), NULL where missing, each
 * the plain words with any markdown or HTML taken out (markup.h); then, from entry
 * SURVEY_LANGS_MAX on, the source as written of each entry that had markup. Read it through
 * survey_text() (plain words, with a fallback to another language) or survey_text_markup(). */
typedef const char *const *Text;

typedef struct {
    const char *name;
    Text label;
    Text image;       /* media::image: paths of checked PNG files, per language; NULL: none */
    Text audio;       /* media::audio: paths of WAV / OGG recordings, per language; NULL: none */
    int safeguarding; /* choosing this answer is a safety concern */
    int other;        /* the "Other" choice an `or_other` select adds (the kiosk names it) */
    /* The values of the choices sheet's other columns (Survey.choice_columns), for a
     * `choice_filter`; "" where empty */
    const char *const *columns;
} Choice;

typedef struct {
    const char *name;
    int nchoices;
    const Choice *choices;
} ChoiceList;

typedef struct {
    QuestionType type;
    const char *name;
    Text label;
    Text hint;
    Text image;             /* media::image: a picture shown above the answers; NULL: none */
    Text audio;             /* media::audio: a recording read instead of the label; NULL: none */
    int required;           /* must be answered or declined ("I'd rather not say") */
    const Expr *required_if; /* `required` as an expression: required only while it holds */
    const Expr *relevant;   /* NULL: always shown; includes the relevant of enclosing groups */
    Appearance appearance;
    const ChoiceList *list; /* select types only */
    int page;               /* index of the screen it is shown on */
    int line;               /* line of the survey file that defines it */
    /* `constraint`: must hold for an answer (`.` is the answer) before Next; a declined or
     * unanswered question is never held back. NULL: none. */
    const Expr *constraint;
    Text constraint_message; /* what the kiosk says when the constraint fails; NULL: its own */
    Text required_message;   /* what it says when a required question is unanswered; NULL: its own */
    /* `calculation`: the value of a QT_CALCULATE; on a question, its value shown read-only */
    const Expr *calculation;
    /* `read_only` or a calculation: shown as a note with its value (the calculation's, else the
     * default), never typed into and never recorded */
    int read_only;
    /* `default`: the answer a draft starts with, as an expression value (choice names separated
     * by spaces for selects, digits for integers); NULL: none */
    const char *default_value;
    /* QT_RANGE: `parameters` start, end and step (pyxform's defaults 1, 10, 1); its values
     * are start + k * step for k in 0 .. range_count - 1 */
    double range_start, range_end, range_step;
    int range_count;
    int range_decimals; /* digits after the point its values are written with */
    /* `choice_filter` (selects): a choice is offered while it holds; its bare names read the
     * choice's columns (expr_parse_filter). NULL: every choice */
    const Expr *choice_filter;
    /* The typed answer an `or_other` select adds after itself (NAME_other, shown when "Other"
     * is chosen); the kiosk gives it its own words */
    int other;
} Question;

/* One screen: a question outside any group, or the questions of one outermost group. */
typedef struct {
    int first, count; /* questions[first .. first+count-1] */
    Text title;       /* the group's label; NULL for a single question */
} Page;

typedef struct {
    const char *name; /* as written after `label::`, e.g. "English (en)"; "" for plain `label` */
    const char *code; /* the code in parentheses, e.g. "en"; "" when none */
} Language;

typedef struct Survey {
    const char *path; /* the file it was read from */
    const char *form_id;
    const char *version;
    Text title;
    int age_min, age_max; /* settings' `ages` (MIN-MAX years); SURVEY_AGE_*_DEFAULT when absent */
    int nlangs;
    const Language *langs;
    int default_lang; /* index into langs */
    int nquestions;
    const Question *questions;
    int npages;
    const Page *pages;
    int nlists;
    const ChoiceList *lists;
    /* The choices sheet's columns besides list_name, name, label, media and safeguarding, as
     * written: what a choice_filter's bare names read (Choice.columns) */
    int nchoice_columns;
    const char *const *choice_columns;
    /* `calculate` rows: hidden values that expressions and ${name} in texts read */
    int ncalcs;
    const Question *calcs;
    /* Rows of metadata types (start, end, today, deviceid, username, audit...): accepted so
     * that ODK and Kobo forms load, and never recorded. One entry per row, in sheet order. */
    int nmeta;
    const char *const *meta_types; /* each as written in the type column, lower-cased (an
                                    * old pyxform name such as "get start time" as the new) */
    struct Arena *arena;
} Survey;

typedef struct {
    int line, column; /* 1-based; 0 when the problem is the whole file */
    char sheet[WORKBOOK_SHEET_NAME_MAX]; /* a workbook's sheet as written; "" in a CSV file */
    char reason[300];
} SurveyProblem;

typedef struct {
    int count;     /* problems recorded, at most SURVEY_ERRORS_MAX */
    int truncated; /* more problems than recorded */
    SurveyProblem items[SURVEY_ERRORS_MAX];
    SurveyProblem first_unshown; /* when truncated: where the first problem not recorded is */
} SurveyProblems;

/* The kiosk's own pictures (age bands, looks), where its fonts are (defaults.h: the source
 * tree's assets/, or the installed share folder). Survey media are found beside the surveys
 * instead (survey_media_beside). */
#define SURVEY_IMAGES_DIR CHORUS_SHARE_DIR "/images"

#define SURVEY_MEDIA_DIR_MAX 1024 /* bytes in the path of a media folder */

/* Where the files named in media::image and media::audio columns are. A folder "" checks the
 * names only and looks for no file: for readers of answers that show no media (the council's
 * import and report), so a picture missing on the council's machine stops nothing. */
typedef struct {
    char images[SURVEY_MEDIA_DIR_MAX]; /* the folder of media::image files (PNG) */
    char audio[SURVEY_MEDIA_DIR_MAX];  /* the folder of media::audio files (WAV, OGG) */
} SurveyMedia;

/* The media folders of the surveys kept in folder dir: images/ and audio/ in the folder that
 * holds dir (assets/surveys: assets/images and assets/audio; /srv/chorus/surveys/:
 * /srv/chorus/images...; surveys: ./images; .: ../images), worked out from dir as written, so
 * they follow dir wherever the program was started. Returns 0, or -1 when a path would not fit
 * in SURVEY_MEDIA_DIR_MAX bytes. */
int survey_media_beside(const char *dir, SurveyMedia *m) __attribute__((warn_unused_result));

/* The file names a survey may have: pyxform's single CSV, or an Excel workbook. */
#define SURVEY_SUFFIXES {".csv", ".xlsx", ".xls"}

/* Parses a survey from (buf, len); path names it in problems. The format is told by the bytes:
 * a zip is .xlsx, an OLE2 file .xls (workbook.h), anything else CSV (a path ending in .xlsx or
 * .xls whose bytes are neither is refused). Media files are looked for in
 * media's folders; media NULL: survey_media_beside() of the folder path is in (for a path with
 * no folder, the working directory). Returns the survey (free with survey_free) or NULL with
 * every problem found in probs: unsupported type, unknown list or question reference,
 * duplicate name, unclosed group, broken expression, bad appearance, bad `ages`, a missing or
 * broken picture or recording (named, at its row and column), and what csv_parse refuses. */
Survey *survey_parse_with(const char *path, const char *buf, size_t len, const SurveyMedia *media,
                          SurveyProblems *probs);

/* survey_parse_with() with media NULL: the media folders beside the survey's folder. */
Survey *survey_parse(const char *path, const char *buf, size_t len, SurveyProblems *probs);

/* Reads and parses the file at path; an unreadable or oversized file is a problem at line 0.
 * media as for survey_parse_with(). */
Survey *survey_load_with(const char *path, const SurveyMedia *media, SurveyProblems *probs);

/* survey_load_with() with media NULL: for ASSETS/surveys/NAME.csv, ASSETS/images and
 * ASSETS/audio. */
Survey *survey_load(const char *path, SurveyProblems *probs);

/* 0 if the file at path is a whole PNG the kiosk can draw: the PNG signature, an IHDR header
 * first with each side 1 to IMAGE_SIDE_MAX pixels and a valid bit depth, every chunk within the
 * file with a matching CRC, image data, and IEND. Else -1 with the reason in reason (ERR_LEN
 * bytes, not naming the file): "not found", "not a PNG file", "broken PNG: ...". */
int survey_png_check(const char *path, char *reason);

/* 0 if the file at path is a picture a survey may show: a PNG as survey_png_check() checks it,
 * or a JPEG walked from its start-of-image to its end-of-image marker (every segment within the
 * file, quantization tables and a frame header with each side 1 to IMAGE_SIDE_MAX pixels before
 * the image data). Else -1
 * with the reason: "not found", "not a PNG or JPEG file", "broken PNG: ...", "broken JPEG: ...".
 * The kiosk draws either (SDL_image). */
int survey_picture_check(const char *path, char *reason);

/* 0 if the file at path exists and starts as a WAV (RIFF/WAVE) or OGG file; else -1 with the
 * reason ("not found", "not a WAV or OGG file"). */
int survey_audio_check(const char *path, char *reason);

/* Frees the survey and everything in it. Accepts NULL. */
void survey_free(Survey *s);

/* The text in language lang, else in the default language, else the first language that has
 * it; "" when none has. Never NULL. */
const char *survey_text(const Survey *s, Text t, int lang);

/* The text survey_text(s, t, lang) returns as it was written, markup and all, for a drawer
 * that shows bold and italic (markup_parse() reads it); the plain text when it had none; ""
 * when none. Never NULL. */
const char *survey_text_markup(const Survey *s, Text t, int lang);

/* The language whose entry survey_text(s, t, lang) returns; -1 when t is in none. */
int survey_text_lang(const Survey *s, Text t, int lang);

/* The question called name, or the calculate row called name (type QT_CALCULATE), or NULL. */
const Question *survey_question_named(const Survey *s, const char *name);

/* Value k (0 .. range_count - 1) of range question q as a decimal answer's canonical text
 * (response.h), into out (ANSWER_DECIMAL_MAX + 1 bytes). Returns 0, or -1 when k is outside. */
int survey_range_value(const Question *q, int k, char *out);

/* The value of choice c's column called name ("name": its name; "label", "label::Language":
 * its label in that language, as written, ${} and all), or NULL when the survey has no such
 * column (a choice_filter then reads "", as ODK does). For a choice_filter (ExprEnv.column). */
const char *survey_choice_column(const Survey *s, const Choice *c, const char *name);

/* The index of the choice called name in list, or -1. */
int survey_choice_index(const ChoiceList *list, const char *name);

/* One problem as "PATH:LINE:COLUMN: reason" (a CSV file; line 0 is the whole file), or for a
 * workbook "PATH:SHEET!C12: reason" (Excel's column letters, field 1 being column A) or
 * "PATH:SHEET row 12: reason" when no column is known, into (out, n). */
void survey_problem_format(const char *path, const SurveyProblem *pr, char *out, size_t n);

/* Writes survey_problem_format() lines for every problem to f (a FILE *); when there were
 * more than SURVEY_ERRORS_MAX, a last line in the same form, at the first problem not shown,
 * says so. */
void survey_problems_print(const char *path, const SurveyProblems *probs, void *f);

/* 1 if name ends in a survey file's suffix (SURVEY_SUFFIXES), else 0. */
int survey_file_name(const char *name);

/* The names of the survey files in dir, as file_list() lists them (every suffix of
 * SURVEY_SUFFIXES, in name order; free with file_list_free). Returns the count or -1 with err. */
int survey_list(const char *dir, char **names, int max, char *err)
    __attribute__((warn_unused_result));

#endif
