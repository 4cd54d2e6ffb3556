/* survey.c: reads an XLSForm survey (pyxform single-CSV layout) into the kiosk's model.
 *
 * Start reading at survey_parse(): the CSV is split into sheets, the languages are gathered
 * from every sheet's header, then the choices, survey and settings sheets are read in that
 * order so that a question can check its list as soon as it names it. Every problem is
 * recorded with its line and column and reading goes on, so an author sees them all at once.
 * Pictures and recordings named in media::image / media::audio columns are checked as they are
 * read (see survey_picture_check() at the bottom), so a survey that loads never shows a blank
 * picture. */
#include "survey.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "csv.h"
#include "fileio.h"
#include "markup.h"
#include "response.h"
#include "workbook.h"

/* A sheet: its records are table->records[first .. end-1]; header is the record after the one
 * naming the sheet. Fields of a sheet's rows start at field index 1. */
typedef struct {
    int present;
    int name_line;
    int header; /* record index of the header, -1 when the sheet has no rows */
    int end;
} Sheet;

enum { SHEET_SURVEY, SHEET_CHOICES, SHEET_SETTINGS, SHEET_COUNT };

/* What a column of a sheet means. */
typedef enum {
    COL_NONE,
    COL_TYPE,
    COL_NAME,
    COL_LABEL,
    COL_HINT,
    COL_REQUIRED,
    COL_RELEVANT,
    COL_APPEARANCE,
    COL_LIST_NAME,
    COL_SAFEGUARDING,
    COL_CHOICE_FILTER,
    COL_FORM_ID,
    COL_VERSION,
    COL_FORM_TITLE,
    COL_DEFAULT_LANGUAGE,
    COL_AGES,
    COL_IMAGE, /* media::image, media::image::Language (and pyxform's `image`) */
    COL_AUDIO, /* media::audio likewise */
    COL_CONSTRAINT,
    COL_CONSTRAINT_MESSAGE,
    COL_REQUIRED_MESSAGE,
    COL_CALCULATION,
    COL_READ_ONLY,
    COL_DEFAULT,
    COL_PARAMETERS,   /* a range's start, end and step */
    COL_REPEAT_COUNT, /* how many times a repeat is asked */
    COL_KIND_COUNT
} ColKind;

/* A media column without a language holds the file for every language. */
#define LANG_ALL SURVEY_LANGS_MAX

typedef struct {
    ColKind kind;
    int lang; /* for translatable columns: index into langs; LANG_ALL for a plain media column */
} Column;

typedef struct {
    const char *path;
    const CsvTable *table;
    Arena *arena;
    SurveyProblems *probs;
    const char *images, *audio; /* the folders media::image and media::audio name files in */
    SurveyMedia beside;         /* the folders beside the survey's, when none were given */
    Sheet sheets[SHEET_COUNT];
    Column cols[SHEET_COUNT][CSV_COLS_MAX]; /* each sheet's header, by field index */
    const char *deflang; /* settings' default_language: what plain `label` columns are in */
    int choice_dups;     /* settings' allow_choice_duplicates: a list may name a choice twice */
    int nlangs;
    Language langs[SURVEY_LANGS_MAX];
    int nlists;
    ChoiceList lists[SURVEY_LISTS_MAX];
    int nquestions;
    Question questions[SURVEY_QUESTIONS_MAX];
    int npages;
    Page pages[SURVEY_QUESTIONS_MAX + 1]; /* a screen a question, and the group being opened */
    int nmeta;
    const char *meta[SURVEY_QUESTIONS_MAX]; /* metadata rows' types, in sheet order */
    int ncalcs;
    Question calcs[SURVEY_QUESTIONS_MAX];
    /* names asked inside a repeat (x, and each time's x_1 ...), with the author's name and
     * repeat for messages: a message names what the author wrote, not x_2_3 */
    int nunrolled;
    struct {
        const char *name, *said, *in;
    } unrolled[SURVEY_UNROLLED_MAX];
    const CsvRecord **times; /* each time of a repeat's group row (unroll_repeats) */
    int ntimes;
    int nccols;
    const char *ccols[CSV_COLS_MAX]; /* the choices sheet's other columns' names */
    int ccol_field[CSV_COLS_MAX];    /* and the field each is in */
    /* A workbook (.xlsx, .xls): problems name the sheet being read (cur) as written and the
     * column in Excel's letters; in a CSV, lines and fields. */
    int workbook;
    int cur; /* the sheet being read, -1 when none */
    const char *sheet_names[SHEET_COUNT];
    const Workbook *book;
} Parser;

static void problem(Parser *p, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(Parser *p, int line, int column, const char *fmt, ...)
{
    SurveyProblems *probs = p->probs;
    SurveyProblem *it;
    /* One problem a cell: a second from the same cell is a follow-on (and each time of a
     * repeat is read from the same rows: its mistakes are told once, not once a time). */
    for (int i = 0; line > 0 && i < probs->count; i++)
        if (probs->items[i].line == line && probs->items[i].column == column &&
            (!p->workbook || p->cur < 0 || !p->sheet_names[p->cur] ||
             strcmp(probs->items[i].sheet, p->sheet_names[p->cur]) == 0))
            return;
    if (probs->count >= SURVEY_ERRORS_MAX) {
        if (probs->truncated)
            return;
        probs->truncated = 1;
        it = &probs->first_unshown; /* where the author should look next */
    } else {
        it = &probs->items[probs->count++];
    }
    it->line = line;
    it->column = column;
    it->sheet[0] = 0;
    if (p->workbook && p->cur >= 0 && p->sheet_names[p->cur] && line > 0)
        snprintf(it->sheet, sizeof it->sheet, "%s", p->sheet_names[p->cur]);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->reason, sizeof it->reason, fmt, ap);
    va_end(ap);
}

/* ---- small string helpers ---- */

/* A trimmed copy of a field in the arena. */
static char *trimmed(Arena *a, const CsvField *f)
{
    const char *s = f->text;
    size_t n = f->len;
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return arena_strndup(a, s, n);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcasecmp(s + n - k, suffix) == 0;
}

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* The trimmed field i of record r, or "" when the record is shorter. */
static const char *field(Parser *p, const CsvRecord *r, int i)
{
    if (i >= r->nfields)
        return "";
    char *t = trimmed(p->arena, &r->fields[i]);
    return t ? t : "";
}

static int record_blank(const CsvRecord *r)
{
    for (int i = 0; i < r->nfields; i++)
        for (size_t j = 0; j < r->fields[i].len; j++)
            if (!isspace((unsigned char)r->fields[i].text[j]))
                return 0;
    return 1;
}

static int valid_name(const char *s)
{
    if (!(isalpha((unsigned char)*s) || *s == '_'))
        return 0;
    for (s++; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.'))
            return 0;
    return 1;
}

/* Parses an XLSForm boolean ("yes", "true", "true()", "1" and their opposites). Returns 1 or 0,
 * or -1 when the text is neither. Empty is false. */
static int parse_bool(const char *s)
{
    static const char *const yes[] = {"yes", "true", "true()", "1", "y"};
    static const char *const no[] = {"", "no", "false", "false()", "0", "n"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (strcasecmp(s, yes[i]) == 0)
            return 1;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (strcasecmp(s, no[i]) == 0)
            return 0;
    return -1;
}

/* ---- languages and headers ---- */

/* The index of the language written as name (case-insensitive), added when new; -1 when there
 * are too many languages. */
static int lang_index(Parser *p, const char *name)
{
    for (int i = 0; i < p->nlangs; i++)
        if (strcasecmp(p->langs[i].name, name) == 0)
            return i;
    if (p->nlangs >= SURVEY_LANGS_MAX)
        return -1;
    Language *l = &p->langs[p->nlangs];
    l->name = arena_strdup(p->arena, name);
    const char *open = strrchr(name, '(');
    const char *close = open ? strchr(open, ')') : NULL;
    if (open && close && close > open + 1) {
        char *code = arena_strndup(p->arena, open + 1, (size_t)(close - open - 1));
        l->code = code ? code : "";
    } else {
        l->code = "";
    }
    if (!l->name)
        return -1;
    return p->nlangs++;
}

/* Splits a header such as "label::English (en)" or "label:english" into its lower-cased base
 * ("label") and its language ("English (en)", or "" when there is none). */
static void split_header(Parser *p, const char *h, char **base, const char **lang)
{
    const char *colon = strchr(h, ':');
    if (!colon) {
        *base = arena_strdup(p->arena, h);
        *lang = "";
    } else {
        *base = arena_strndup(p->arena, h, (size_t)(colon - h));
        const char *rest = colon;
        while (*rest == ':')
            rest++;
        while (isspace((unsigned char)*rest))
            rest++;
        *lang = rest;
    }
    if (*base) {
        /* "bind:relevant" and "control:appearance" are the old spellings of plain columns. */
        lower(*base);
        size_t n = strlen(*base);
        while (n && isspace((unsigned char)(*base)[n - 1]))
            (*base)[--n] = '\0';
    }
}

/* Maps one header cell of a sheet to its meaning. */
static Column column_for(Parser *p, int sheet, const char *header, int line, int col)
{
    Column c = {COL_NONE, 0};
    char *base = NULL;
    const char *lang = "";
    char *h = arena_strdup(p->arena, header);
    if (!h)
        return c;
    /* Old pyxform spellings of prefixed plain columns. */
    /* jr:constraintMsg and jr:requiredMsg are the old names of the message columns, and may be
     * followed by a language ("bind::jr:constraintMsg::English (en)" too). */
    if (strncasecmp(h, "bind:", 5) == 0 && strncasecmp(h + 5 + (h[5] == ':'), "jr:", 3) == 0)
        h += 5 + (h[5] == ':');
    static const struct {
        const char *old, *now;
    } renamed[] = {{"jr:constraintmsg", "constraint_message"},
                   {"jr:requiredmsg", "required_message"}};
    for (size_t k = 0; k < sizeof renamed / sizeof *renamed; k++) {
        size_t n = strlen(renamed[k].old);
        if (strncasecmp(h, renamed[k].old, n) == 0) {
            size_t rest = strlen(h + n);
            char *r = arena_alloc(p->arena, strlen(renamed[k].now) + rest + 1);
            if (!r)
                return c;
            memcpy(r, renamed[k].now, strlen(renamed[k].now));
            memcpy(r + strlen(renamed[k].now), h + n, rest + 1);
            h = r;
        }
    }
    if (strncasecmp(h, "bind:", 5) == 0 && !strchr(h + 5, ':'))
        h += 5;
    else if (strncasecmp(h, "control:", 8) == 0 && !strchr(h + 8, ':'))
        h += 8;
    /* "media::image::English (en)": the kind of media is part of the column's name. */
    int media = 0;
    if (strncasecmp(h, "media:", 6) == 0) {
        h += 6;
        while (*h == ':')
            h++;
        media = 1;
    }
    split_header(p, h, &base, &lang);
    if (!base)
        return c;
    /* pyxform's other names for columns (its aliases.py: survey_header, list_header). */
    static const struct {
        int sheet; /* -1: survey and choices */
        const char *alias, *now;
    } aliases[] = {
        {-1, "caption", "label"},
        {-1, "value", "name"},
        {SHEET_SURVEY, "tag", "name"},
        {SHEET_SURVEY, "command", "type"},
        {SHEET_SURVEY, "relevance", "relevant"},
        {SHEET_SURVEY, "constraining_message", "constraint_message"},
    };
    for (size_t k = 0; k < sizeof aliases / sizeof *aliases; k++)
        if ((aliases[k].sheet == sheet || (aliases[k].sheet < 0 && sheet != SHEET_SETTINGS)) &&
            strcmp(base, aliases[k].alias) == 0)
            base = arena_strdup(p->arena, aliases[k].now);
    if (!base)
        return c;
    if (strcmp(base, "image") == 0 || strcmp(base, "audio") == 0) {
        if (sheet == SHEET_SETTINGS)
            return c;
        c.kind = base[0] == 'i' ? COL_IMAGE : COL_AUDIO;
        c.lang = LANG_ALL;
        if (*lang) {
            int li = lang_index(p, lang);
            if (li < 0) {
                problem(p, line, col, "too many languages (the limit is %d)", SURVEY_LANGS_MAX);
                c.kind = COL_NONE;
                return c;
            }
            c.lang = li;
        }
        return c;
    }
    if (media)
        return c; /* media::video, media::big-image: not shown by the kiosk */
    int translatable =
        strcmp(base, "label") == 0 || strcmp(base, "text") == 0 || strcmp(base, "hint") == 0 ||
        (sheet == SHEET_SURVEY &&
         (strcmp(base, "constraint_message") == 0 || strcmp(base, "required_message") == 0)) ||
        (sheet == SHEET_SETTINGS && strcmp(base, "form_title") == 0);
    if (*lang && !translatable)
        return c; /* media::image and the like: not read here */
    if (translatable) {
        if (!*lang && p->deflang)
            lang = p->deflang;
        /* A plain form_title beside translated labels, with no default_language: it is in the
         * first language, not a language of its own. (Settings headers are read last.) */
        if (!*lang && sheet == SHEET_SETTINGS && p->nlangs > 0 && *p->langs[0].name) {
            int plain = 0;
            for (int i = 0; i < p->nlangs; i++)
                plain |= !*p->langs[i].name;
            if (!plain)
                lang = p->langs[0].name;
        }
        int li = lang_index(p, lang);
        if (li < 0) {
            problem(p, line, col, "too many languages (the limit is %d)", SURVEY_LANGS_MAX);
            return c;
        }
        c.lang = li;
    }
    if (sheet == SHEET_SURVEY) {
        if (strcmp(base, "type") == 0)
            c.kind = COL_TYPE;
        else if (strcmp(base, "name") == 0)
            c.kind = COL_NAME;
        else if (strcmp(base, "label") == 0 || strcmp(base, "text") == 0)
            c.kind = COL_LABEL;
        else if (strcmp(base, "hint") == 0)
            c.kind = COL_HINT;
        else if (strcmp(base, "required") == 0)
            c.kind = COL_REQUIRED;
        else if (strcmp(base, "relevant") == 0)
            c.kind = COL_RELEVANT;
        else if (strcmp(base, "appearance") == 0)
            c.kind = COL_APPEARANCE;
        else if (strcmp(base, "choice_filter") == 0)
            c.kind = COL_CHOICE_FILTER;
        else if (strcmp(base, "constraint") == 0)
            c.kind = COL_CONSTRAINT;
        else if (strcmp(base, "constraint_message") == 0)
            c.kind = COL_CONSTRAINT_MESSAGE;
        else if (strcmp(base, "required_message") == 0)
            c.kind = COL_REQUIRED_MESSAGE;
        else if (strcmp(base, "calculation") == 0 || strcmp(base, "calculate") == 0)
            c.kind = COL_CALCULATION;
        else if (strcmp(base, "read_only") == 0 || strcmp(base, "readonly") == 0)
            c.kind = COL_READ_ONLY;
        else if (strcmp(base, "default") == 0)
            c.kind = COL_DEFAULT;
        else if (strcmp(base, "parameters") == 0)
            c.kind = COL_PARAMETERS;
        else if (strcmp(base, "repeat_count") == 0 || strcmp(base, "jr:count") == 0)
            c.kind = COL_REPEAT_COUNT;
    } else if (sheet == SHEET_CHOICES) {
        if (strcmp(base, "list_name") == 0 || strcmp(base, "list name") == 0)
            c.kind = COL_LIST_NAME;
        else if (strcmp(base, "name") == 0)
            c.kind = COL_NAME;
        else if (strcmp(base, "label") == 0 || strcmp(base, "text") == 0)
            c.kind = COL_LABEL;
        else if (strcmp(base, "safeguarding") == 0)
            c.kind = COL_SAFEGUARDING;
    } else {
        if (strcmp(base, "form_id") == 0)
            c.kind = COL_FORM_ID;
        else if (strcmp(base, "version") == 0)
            c.kind = COL_VERSION;
        else if (strcmp(base, "form_title") == 0)
            c.kind = COL_FORM_TITLE;
        else if (strcmp(base, "default_language") == 0)
            c.kind = COL_DEFAULT_LANGUAGE;
        else if (strcmp(base, "ages") == 0)
            c.kind = COL_AGES;
    }
    return c;
}

/* Reads the header of a sheet into cols (indexed by field index). Returns the number of
 * fields in the header. */
static int read_header(Parser *p, int sheet, Column cols[CSV_COLS_MAX])
{
    const Sheet *sh = &p->sheets[sheet];
    for (int i = 0; i < CSV_COLS_MAX; i++)
        cols[i] = (Column){COL_NONE, 0};
    if (!sh->present || sh->header < 0)
        return 0;
    const CsvRecord *r = &p->table->records[sh->header];
    int seen[COL_KIND_COUNT][SURVEY_LANGS_MAX + 1] = {{0}};
    for (int i = 1; i < r->nfields; i++) {
        const char *h = field(p, r, i);
        if (!*h)
            continue;
        cols[i] = column_for(p, sheet, h, r->line, i + 1);
        if (cols[i].kind == COL_NONE)
            continue;
        if (seen[cols[i].kind][cols[i].lang]) {
            problem(p, r->line, i + 1, "column '%s' appears twice", h);
            cols[i].kind = COL_NONE;
        }
        seen[cols[i].kind][cols[i].lang] = 1;
    }
    return r->nfields;
}

/* A new, empty Text: a plain entry per language, then the source of each one with markup. */
static const char **new_text(Parser *p)
{
    return arena_alloc(p->arena, sizeof(char *) * SURVEY_LANGS_MAX * 2);
}

/* A translated text of a row: every column of kind k, one entry per language, read as plain
 * words (markup.h); a text that had markup keeps its source beside it for drawing. */
static Text row_text(Parser *p, const CsvRecord *r, const Column *cols, ColKind k)
{
    const char **t = new_text(p);
    if (!t)
        return NULL;
    int any = 0;
    for (int i = 1; i < r->nfields && i < CSV_COLS_MAX; i++) {
        if (cols[i].kind != k)
            continue;
        const char *v = field(p, r, i);
        if (!*v)
            continue;
        size_t n = strlen(v);
        char *plain = arena_alloc(p->arena, n + 1);
        int changed = 0;
        if (!plain)
            return NULL;
        markup_parse(v, n, plain, n + 1, NULL, 0, &changed);
        if (!*plain)
            continue; /* only markup, such as "<br>": no words */
        t[cols[i].lang] = changed ? plain : v;
        if (changed)
            t[SURVEY_LANGS_MAX + cols[i].lang] = v;
        any = 1;
    }
    return any ? (Text)t : NULL;
}

/* The first field of kind k in a row and its 1-based column, or "" and 0. */
static const char *row_get(Parser *p, const CsvRecord *r, const Column *cols, ColKind k, int *col)
{
    for (int i = 1; i < r->nfields && i < CSV_COLS_MAX; i++) {
        if (cols[i].kind == k) {
            if (col)
                *col = i + 1;
            return field(p, r, i);
        }
    }
    if (col)
        *col = 0;
    return "";
}

/* ---- media files ---- */

/* A media file name must name a file inside its folder: not absolute, no "." or ".." part. */
static int media_name_ok(const char *name)
{
    if (name[0] == '/' || strchr(name, '\\'))
        return 0;
    for (const char *s = name; *s;) {
        size_t n = strcspn(s, "/");
        if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
            return 0;
        s += n;
        if (*s)
            s++;
    }
    return 1;
}

/* The path of a media file named on a row, checked; NULL after reporting the problem at
 * line:col (missing, outside its folder, not a PNG, JPEG or WAV, broken). */
static const char *media_path(Parser *p, const char *name, ColKind k, int line, int col)
{
    const char *what = k == COL_IMAGE ? "image" : "audio";
    const char *folder = k == COL_IMAGE ? p->images : p->audio;
    if (strlen(name) > SURVEY_MEDIA_NAME_MAX) {
        problem(p, line, col, "%s name longer than %d bytes", what, SURVEY_MEDIA_NAME_MAX);
        return NULL;
    }
    if (!media_name_ok(name)) {
        problem(p, line, col, "%s %s: must be a file name inside %s (no '/' at the start, no '..')",
                what, name, *folder ? folder : "its folder");
        return NULL;
    }
    if (!*folder) { /* names only: whoever reads this survey shows no media */
        const char *copy = arena_strdup(p->arena, name);
        if (!copy)
            problem(p, line, col, "out of memory");
        return copy;
    }
    size_t n = strlen(folder) + 1 + strlen(name) + 1;
    char *path = arena_alloc(p->arena, n);
    if (!path) {
        problem(p, line, col, "out of memory");
        return NULL;
    }
    snprintf(path, n, "%s/%s", folder, name);
    char reason[ERR_LEN];
    int rc = k == COL_IMAGE ? survey_picture_check(path, reason) : survey_audio_check(path, reason);
    if (rc == 0)
        return path;
    if (strcmp(reason, "not found") == 0)
        problem(p, line, col, "%s %s: not found in %s", what, name, folder);
    else
        problem(p, line, col, "%s %s: %s (%s)", what, name, reason, path);
    return NULL;
}

/* The media files of a row: every column of kind k (COL_IMAGE or COL_AUDIO), each checked and
 * resolved to its path; a plain column's file stands for every language without its own. */
static Text row_media(Parser *p, const CsvRecord *r, const Column *cols, ColKind k)
{
    const char **t = new_text(p);
    if (!t)
        return NULL;
    const char *all = NULL;
    int any = 0;
    for (int i = 1; i < r->nfields && i < CSV_COLS_MAX; i++) {
        if (cols[i].kind != k)
            continue;
        const char *v = field(p, r, i);
        if (!*v)
            continue;
        const char *path = media_path(p, v, k, r->line, i + 1);
        if (!path)
            continue;
        if (cols[i].lang == LANG_ALL)
            all = path;
        else
            t[cols[i].lang] = path;
        any = 1;
    }
    for (int l = 0; all && l < SURVEY_LANGS_MAX; l++)
        if (!t[l])
            t[l] = all;
    return any ? (Text)t : NULL;
}

/* ---- sheets ---- */

static void find_sheets(Parser *p)
{
    static const char *const names[SHEET_COUNT] = {"survey", "choices", "settings"};
    int current = -1, opened = 0;
    const CsvTable *t = p->table;
    for (int ri = 0; ri < t->nrecords; ri++) {
        const CsvRecord *r = &t->records[ri];
        const char *first = field(p, r, 0);
        if (*first) {
            if (current >= 0)
                p->sheets[current].end = ri;
            current = -1;
            int known = -1;
            for (int s = 0; s < SHEET_COUNT; s++)
                if (strcasecmp(first, names[s]) == 0)
                    known = s;
            int k = opened++;
            if (known < 0)
                continue; /* external_choices, entities, osm...: not read by the kiosk */
            if (p->book && k < p->book->nsheets)
                p->sheet_names[known] = p->book->sheet_names[k];
            if (p->sheets[known].present) {
                problem(p, r->line, 1, "sheet '%s' appears twice (first on line %d)", names[known],
                        p->sheets[known].name_line);
                continue;
            }
            current = known;
            p->sheets[known] = (Sheet){1, r->line, -1, t->nrecords};
            for (int s = 1; s < r->nfields; s++) {
                if (*field(p, r, s)) {
                    problem(p, r->line, s + 1,
                            "the row that opens sheet '%s' must have nothing else on it",
                            names[known]);
                    break;
                }
            }
            continue;
        }
        if (current >= 0 && p->sheets[current].header < 0 && !record_blank(r))
            p->sheets[current].header = ri;
    }
    if (current >= 0)
        p->sheets[current].end = t->nrecords;
}

static ChoiceList *list_named(Parser *p, const char *name)
{
    for (int i = 0; i < p->nlists; i++)
        if (strcmp(p->lists[i].name, name) == 0)
            return &p->lists[i];
    return NULL;
}

static void read_choices(Parser *p)
{
    const Column *cols = p->cols[SHEET_CHOICES];
    const Sheet *sh = &p->sheets[SHEET_CHOICES];
    if (!sh->present || sh->header < 0)
        return;
    const CsvRecord *hdr = &p->table->records[sh->header];
    int has_list = 0, has_name = 0;
    for (int i = 0; i < CSV_COLS_MAX; i++) {
        has_list |= cols[i].kind == COL_LIST_NAME;
        has_name |= cols[i].kind == COL_NAME;
    }
    if (!has_list || !has_name) {
        problem(p, hdr->line, 0, "the choices sheet needs 'list_name' and 'name' columns");
        return;
    }
    /* Its other columns, for choice_filter (pyxform's rule: any column may be filtered on) */
    for (int i = 1; i < hdr->nfields && i < CSV_COLS_MAX; i++) {
        const char *h = hdr->fields[i].text;
        while (isspace((unsigned char)*h))
            h++;
        if (cols[i].kind != COL_NONE || !*h || strchr(h, ':'))
            continue;
        char *name = arena_strdup(p->arena, h);
        if (!name)
            return;
        for (size_t n = strlen(name); n && isspace((unsigned char)name[n - 1]);)
            name[--n] = '\0';
        p->ccol_field[p->nccols] = i;
        p->ccols[p->nccols++] = name;
    }
    /* Choices are gathered per list in file order; a list may be split across the sheet. */
    Choice *tmp[SURVEY_LISTS_MAX] = {0};
    for (int ri = sh->header + 1; ri < sh->end; ri++) {
        const CsvRecord *r = &p->table->records[ri];
        if (record_blank(r))
            continue;
        int lcol, ncol, scol;
        const char *lname = row_get(p, r, cols, COL_LIST_NAME, &lcol);
        const char *name = row_get(p, r, cols, COL_NAME, &ncol);
        const char *safe = row_get(p, r, cols, COL_SAFEGUARDING, &scol);
        if (!*lname) {
            problem(p, r->line, lcol, "choice without a list_name");
            continue;
        }
        if (!*name) {
            problem(p, r->line, ncol, "choice without a name in list '%s'", lname);
            continue;
        }
        if (strlen(name) > SURVEY_NAME_MAX || strlen(lname) > SURVEY_NAME_MAX) {
            problem(p, r->line, ncol, "name longer than %d bytes", SURVEY_NAME_MAX);
            continue;
        }
        /* pyxform's rule: a space in a choice name is refused only in a select_multiple's
         * list (its answer is the names, space-separated), checked with the questions. */
        if (strcspn(name, "\t\r\n") != strlen(name)) {
            problem(p, r->line, ncol, "choice name '%s' has a tab or a line break in it", name);
            continue;
        }
        ChoiceList *l = list_named(p, lname);
        if (!l) {
            if (p->nlists >= SURVEY_LISTS_MAX) {
                problem(p, r->line, lcol, "too many choice lists (the limit is %d)",
                        SURVEY_LISTS_MAX);
                continue;
            }
            l = &p->lists[p->nlists];
            l->name = lname;
            tmp[p->nlists] = arena_alloc(p->arena, sizeof(Choice) * SURVEY_CHOICES_MAX);
            if (!tmp[p->nlists]) {
                problem(p, 0, 0, "out of memory");
                return;
            }
            l->choices = tmp[p->nlists];
            p->nlists++;
        }
        Choice *cs = tmp[l - p->lists];
        if (survey_choice_index(l, name) >= 0 && !p->choice_dups) {
            problem(p, r->line, ncol,
                    "duplicate choice '%s' in list '%s' (allow_choice_duplicates in the settings "
                    "sheet allows it)",
                    name, lname);
            continue;
        }
        if (l->nchoices >= SURVEY_CHOICES_MAX) {
            problem(p, r->line, ncol, "list '%s' has too many choices (the limit is %d)", lname,
                    SURVEY_CHOICES_MAX);
            continue;
        }
        int sg = parse_bool(safe);
        if (sg < 0) {
            problem(p, r->line, scol, "safeguarding must be yes or no, not '%s'", safe);
            sg = 0;
        }
        Choice *c = &cs[l->nchoices++];
        c->name = name;
        c->label = row_text(p, r, cols, COL_LABEL);
        c->image = row_media(p, r, cols, COL_IMAGE);
        c->audio = row_media(p, r, cols, COL_AUDIO);
        c->safeguarding = sg;
        if (p->nccols) {
            const char **v = arena_alloc(p->arena, sizeof(char *) * (size_t)p->nccols);
            for (int k = 0; v && k < p->nccols; k++) {
                int f = p->ccol_field[k];
                v[k] = f < r->nfields ? trimmed(p->arena, &r->fields[f]) : "";
            }
            c->columns = v;
        }
        if (!c->label) {
            /* pyxform accepts a choice without a label; the kiosk shows its name */
            const char **t = new_text(p);
            if (t)
                for (int k = 0; k < SURVEY_LANGS_MAX; k++)
                    t[k] = name;
            c->label = (Text)t;
        }
    }
}

/* ---- the survey sheet ---- */

typedef struct {
    const char *name;
    const Expr *relevant;
    Text label;
    int line;
    int page;   /* the screen its questions are going on; -1 until its next question */
    int screen; /* its own screens: an outermost group, or one time of a repeat */
    int repeat; /* opened by a (refused) begin repeat */
    int serial; /* which group this is, counting from 1 in sheet order */
} GroupFrame;

/* What a row of the survey sheet is, by its type. */
typedef enum {
    ROW_REFUSED = -1, /* reported; the row's name is still taken, so nothing follows from it */
    ROW_QUESTION,
    ROW_BEGIN_GROUP,
    ROW_END_GROUP,
    ROW_BEGIN_REPEAT, /* refused once, read as a group so its rows are checked */
    ROW_END_REPEAT,
    ROW_META, /* a metadata type: accepted, never recorded */
    ROW_CALCULATE,
} RowKind;

/* pyxform's spellings of the types the kiosk asks, after runs of spaces are collapsed and
 * letters lower-cased (pyxform's question_type_dictionary). */
static const struct {
    const char *spelling;
    QuestionType qt;
} plain_types[] = {
    {"text", QT_TEXT},
    {"string", QT_TEXT},
    {"add text prompt", QT_TEXT},
    {"q string", QT_TEXT},
    {"integer", QT_INTEGER},
    {"int", QT_INTEGER},
    {"add integer prompt", QT_INTEGER},
    {"q int", QT_INTEGER},
    {"note", QT_NOTE},
    {"add note prompt", QT_NOTE},
    {"decimal", QT_DECIMAL},
    {"add decimal prompt", QT_DECIMAL},
    {"q decimal", QT_DECIMAL},
    {"range", QT_RANGE},
    {"q range", QT_RANGE},
    {"acknowledge", QT_ACKNOWLEDGE},
    {"trigger", QT_ACKNOWLEDGE},
    {"q acknowledge", QT_ACKNOWLEDGE},
    {"add acknowledge prompt", QT_ACKNOWLEDGE},
    {"date", QT_DATE},
    {"add date prompt", QT_DATE},
    {"q date", QT_DATE},
    {"time", QT_TIME},
    {"add time prompt", QT_TIME},
    {"q time", QT_TIME},
    {"phone number", QT_TEXT}, /* pyxform: text of digits only (see phone_type) */
};

/* pyxform's "phone number": a text question whose answer must be digits, its constraint
 * regex(., '^\d*$') unless the form gives its own. */
static const char phone_constraint[] = "regex(., '^\\d*$')";

static int phone_type(const char *type)
{
    char t[64];
    size_t n = 0;
    if (strlen(type) >= sizeof t)
        return 0;
    for (const char *c = type; *c; c++) {
        if (isspace((unsigned char)*c) && (n == 0 || t[n - 1] == ' '))
            continue;
        t[n++] = isspace((unsigned char)*c) ? ' ' : (char)tolower((unsigned char)*c);
    }
    while (n && t[n - 1] == ' ')
        n--;
    t[n] = '\0';
    return strcmp(t, "phone number") == 0;
}

static const struct {
    const char *prefix;
    QuestionType qt;
} select_types[] = {
    {"select_one ", QT_SELECT_ONE},
    {"select one from ", QT_SELECT_ONE},
    {"select one ", QT_SELECT_ONE},
    {"add select one prompt using ", QT_SELECT_ONE},
    {"select1 ", QT_SELECT_ONE},
    {"select_multiple ", QT_SELECT_MULTIPLE},
    {"select all that apply from ", QT_SELECT_MULTIPLE},
    {"select all that apply ", QT_SELECT_MULTIPLE},
    {"select multiple from ", QT_SELECT_MULTIPLE},
    {"select multiple ", QT_SELECT_MULTIPLE},
    {"add select multiple prompt using ", QT_SELECT_MULTIPLE},
    {"rank ", QT_RANK},
};

/* pyxform's metadata types: filled in by a phone without asking anyone. Chorus keeps none of
 * them: no times of day, no device or person identifiers. */
static const char *const meta_types[] = {
    "start",         "end",
    "today",         "deviceid",
    "imei",          "subscriberid",
    "simserial",     "phonenumber",
    "username",      "email",
    "audit",         "start-geopoint",
    "uri:deviceid",  "uri:subscriberid",
    "uri:simserial", "uri:phonenumber",
    "uri:username",  "uri:email",
    "instanceid",    "hidden",
};

/* Types that capture something through the device, each with what it does; a kiosk asks in
 * words and taps only. */
static const struct {
    const char *spelling; /* a trailing space: a prefix followed by more words */
    const char *does;
} capture_types[] = {
    {"geopoint", "asks the device for its location"},
    {"geotrace", "records a line walked on a map"},
    {"geoshape", "records a shape drawn on a map"},
    {"add location prompt", "asks the device for its location"},
    {"gps", "asks the device for its location"},
    {"location", "asks the device for its location"},
    {"image", "takes a photo"},
    {"photo", "takes a photo"},
    {"add image prompt", "takes a photo"},
    {"audio", "records sound"},
    {"add audio prompt", "records sound"},
    {"background-audio", "records sound in the background"},
    {"video", "records video"},
    {"add video prompt", "records video"},
    {"barcode", "scans a barcode"},
    {"add barcode prompt", "scans a barcode"},
    {"file", "attaches a file from the device"},
    {"signature", "takes a signature drawn on the screen"},
    {"osm ", "edits a map"},
    {"xml-external", "reads data from a file on the phone"},
    {"csv-external", "reads data from a file on the phone"},
    {"select_one_from_file ", "reads its choices from a file on the phone"},
    {"select_multiple_from_file ", "reads its choices from a file on the phone"},
    {"select one from file ", "reads its choices from a file on the phone"},
    {"select multiple from file ", "reads its choices from a file on the phone"},
    {"select_one_external ", "reads its choices from a file on the phone"},
    {"select one external ", "reads its choices from a file on the phone"},
};

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Parses a type cell. Returns ROW_QUESTION with *qt (and *list for selects), or another kind;
 * ROW_REFUSED after reporting the problem. *meta gets the lower-cased type of a ROW_META. */
static RowKind parse_type(Parser *p, const char *type, int line, int col, QuestionType *qt,
                          const char **list, const char **meta, int *other)
{
    *other = 0;
    /* norm: the type with runs of spaces collapsed; t: the same, lower-cased. List names
     * are case-sensitive, so they are taken from norm at the same offset. */
    char *norm = arena_strdup(p->arena, type);
    if (!norm)
        return ROW_REFUSED;
    char *w = norm;
    for (const char *r = norm; *r; r++) {
        int sp = isspace((unsigned char)*r);
        if (sp && (w == norm || w[-1] == ' '))
            continue;
        *w++ = sp ? ' ' : *r;
    }
    if (w > norm && w[-1] == ' ')
        w--;
    *w = '\0';
    char *t = arena_strdup(p->arena, norm);
    if (!t)
        return ROW_REFUSED;
    lower(t);

    for (size_t i = 0; i < sizeof capture_types / sizeof *capture_types; i++) {
        const char *c = capture_types[i].spelling;
        size_t n = strlen(c);
        int prefix = c[n - 1] == ' ';
        if (prefix ? (strncmp(t, c, n) == 0 || (strncmp(t, c, n - 1) == 0 && !t[n - 1]))
                   : strcmp(t, c) == 0) {
            problem(p, line, col,
                    "type '%s' %s, which a kiosk cannot do: remove this row (and any "
                    "${...} that refers to it)",
                    type, capture_types[i].does);
            return ROW_REFUSED;
        }
    }
    /* pyxform's old names for them (question_type_dictionary.py) */
    static const struct {
        const char *alias, *meta;
    } meta_aliases[] = {
        {"get start time", "start"},
        {"start time", "start"},
        {"get end time", "end"},
        {"end time", "end"},
        {"get today", "today"},
        {"get device id", "deviceid"},
        {"device id", "deviceid"},
        {"get subscriber id", "subscriberid"},
        {"subscriber id", "subscriberid"},
        {"get sim id", "simserial"},
        {"sim id", "simserial"},
        {"get phone number", "phonenumber"},
    };
    for (size_t i = 0; i < sizeof meta_aliases / sizeof *meta_aliases; i++) {
        if (strcmp(t, meta_aliases[i].alias) == 0) {
            *meta = meta_aliases[i].meta;
            return ROW_META;
        }
    }
    for (size_t i = 0; i < sizeof meta_types / sizeof *meta_types; i++) {
        if (strcmp(t, meta_types[i]) == 0) {
            *meta = meta_types[i];
            return ROW_META;
        }
    }
    for (size_t i = 0; i < sizeof select_types / sizeof *select_types; i++) {
        size_t n = strlen(select_types[i].prefix);
        if (strncmp(t, select_types[i].prefix, n) != 0)
            continue;
        const char *name = norm + n;
        /* `select_one LIST or_other`: the list and an "Other" choice that opens a typed
         * answer (pyxform's NAME_other) */
        static const char *const or_other[] = {" or_other", " or specify other"};
        for (size_t k = 0; k < sizeof or_other / sizeof *or_other; k++) {
            size_t tl = strlen(t), ol = strlen(or_other[k]);
            if (tl > ol && strcmp(t + tl - ol, or_other[k]) == 0) {
                norm[tl - ol] = '\0';
                *other = 1;
            }
        }
        if (!*name || strchr(name, ' ')) {
            problem(p, line, col, "'%s' must name exactly one choice list", type);
            return ROW_REFUSED;
        }
        *qt = select_types[i].qt;
        *list = name;
        return ROW_QUESTION;
    }
    if (strcmp(t, "select_one") == 0 || strcmp(t, "select_multiple") == 0) {
        problem(p, line, col, "'%s' needs the name of a choice list after it", type);
        return ROW_REFUSED;
    }
    for (size_t i = 0; i < sizeof plain_types / sizeof *plain_types; i++) {
        if (strcmp(t, plain_types[i].spelling) == 0) {
            *qt = plain_types[i].qt;
            return ROW_QUESTION;
        }
    }
    if (strcmp(t, "calculate") == 0 || strcmp(t, "add calculate prompt") == 0)
        return ROW_CALCULATE;
    if (strcmp(t, "begin group") == 0 || strcmp(t, "begin_group") == 0)
        return ROW_BEGIN_GROUP;
    if (strcmp(t, "end group") == 0 || strcmp(t, "end_group") == 0)
        return ROW_END_GROUP;
    if (starts(t, "begin repeat") || starts(t, "begin_repeat")) {
        /* a repeat with a repeat_count is unrolled before this (unroll_repeats) */
        problem(p, line, col,
                "'%s' has no repeat_count: a kiosk asks a repeat a set number of times "
                "(repeat_count 1 to %d, or ${question} for the young person's own number), each "
                "on its own screens; or make the questions a group (begin group ... end group)",
                type, SURVEY_REPEAT_MAX);
        return ROW_BEGIN_REPEAT;
    }
    if (starts(t, "begin loop") || starts(t, "begin looped group")) {
        problem(p, line, col,
                "loops are not supported by the kiosk ('%s'): make the questions a group "
                "(begin group ... end group), once for each time they are asked",
                type);
        return ROW_BEGIN_REPEAT;
    }
    if (starts(t, "end repeat") || starts(t, "end_repeat") || starts(t, "end loop") ||
        starts(t, "end looped group"))
        return ROW_END_REPEAT;
    if (strcmp(t, "datetime") == 0 || strcmp(t, "add datetime prompt") == 0) {
        problem(p, line, col,
                "type '%s' is not supported: a kiosk keeps no time of day with a date; ask a "
                "'date' and, if it matters, a 'time' question",
                type);
        return ROW_REFUSED;
    }
    problem(p, line, col,
            "unsupported type '%s' (the kiosk supports select_one, select_multiple (each may "
            "add or_other), text, integer, decimal, range, date, time, acknowledge, trigger, "
            "note, calculate, begin group, end group)",
            type);
    return ROW_REFUSED;
}

static Appearance parse_appearance(Parser *p, const char *a, const Question *q, int line, int col)
{
    int want = 0;
    Appearance ap = APPEAR_DEFAULT;
    if (strcasecmp(a, "faces") == 0) {
        ap = APPEAR_FACES;
        want = 5;
    } else if (strcasecmp(a, "yes-notsure-no") == 0) {
        ap = APPEAR_YES_NOTSURE_NO;
        want = 3;
    } else if (q->type == QT_DATE) {
        /* ODK writes them among others ("no-calendar month-year"): a word of their own */
        char *words = arena_strdup(p->arena, a), *save = NULL;
        for (char *w = words ? strtok_r(words, " ", &save) : NULL; w;
             w = strtok_r(NULL, " ", &save)) {
            if (strcasecmp(w, "month-year") == 0)
                return APPEAR_MONTH_YEAR;
            if (strcasecmp(w, "year") == 0)
                return APPEAR_YEAR;
        }
        return APPEAR_DEFAULT;
    } else {
        return APPEAR_DEFAULT; /* ODK appearances such as "minimal" read as the kiosk's own */
    }
    if (q->type != QT_SELECT_ONE) {
        problem(p, line, col, "appearance '%s' needs a select_one question", a);
        return APPEAR_DEFAULT;
    }
    if (q->list && q->list->nchoices != want) {
        problem(p, line, col, "appearance '%s' needs a list of exactly %d choices ('%s' has %d)", a,
                want, q->list->name, q->list->nchoices);
        return APPEAR_DEFAULT;
    }
    return ap;
}

/* A name already used by a question or group earlier in the sheet: its line, or 0. */
typedef struct {
    const char *name;
    int line;
    int quiet;  /* a refused row or a metadata row: a reference to it is no further problem */
    int parent; /* the serial of the group it is in, 0 for none */
} Used;

/* The first row called name in the group parent (any group when parent is -1), or NULL. */
static const Used *used_named(const Used *used, int n, const char *name, int parent)
{
    for (int i = 0; i < n; i++)
        if (strcmp(used[i].name, name) == 0 && (parent < 0 || used[i].parent == parent))
            return &used[i];
    return NULL;
}

typedef struct {
    Parser *p;
    const Used *used;
    int nused;
    int line, col;
    const char *missing; /* points at name, which text_each_ref's names are copied into */
    int ambiguous;       /* missing names more than one question */
    char name[SURVEY_NAME_MAX + 1];
} RefCheck;

static int ref_known(const char *name, void *ctx)
{
    RefCheck *rc = ctx;
    int found = 0;
    for (int i = 0; i < rc->p->nquestions; i++)
        found += strcmp(rc->p->questions[i].name, name) == 0;
    for (int i = 0; i < rc->p->ncalcs; i++)
        found += strcmp(rc->p->calcs[i].name, name) == 0;
    if (found == 1)
        return 0;
    /* A row refused already has its message; a metadata value reads as empty. */
    const Used *u = used_named(rc->used, rc->nused, name, -1);
    if (!found && u && u->quiet)
        return 0;
    snprintf(rc->name, sizeof rc->name, "%s", name);
    rc->missing = rc->name;
    rc->ambiguous = found > 1;
    return 1;
}

/* Parses an expression cell (what: its column's name); reports a broken one at its column. */
static const Expr *parse_expression(Parser *p, const char *what, const char *src, int line, int col)
{
    if (!*src)
        return NULL;
    ExprError ee;
    Expr *e = expr_parse(p->arena, src, strlen(src), &ee);
    if (!e)
        problem(p, line, col, "%s: %s at character %zu of '%s'", what, ee.reason, ee.offset + 1,
                src);
    return e;
}

static const Expr *parse_relevant(Parser *p, const char *src, int line, int col)
{
    return parse_expression(p, "relevant", src, line, col);
}

/* An expression, or a text with ${name} in it, whose names are checked once all are known. */
typedef struct {
    const Expr *e;
    Text text;
    const char *what; /* the column, for the message */
    int line, col;
} Pending;

/* At most: relevant, choice_filter, constraint, calculation, required, label, hint and
 * constraint message. */
#define PENDING_PER_ROW 8

/* Calls fn for every ${name} in the texts of t (every language), in order. */
static int text_each_ref(Text t, int (*fn)(const char *name, void *ctx), void *ctx)
{
    for (int l = 0; t && l < SURVEY_LANGS_MAX; l++) {
        for (const char *s = t[l]; s && (s = strstr(s, "${"));) {
            const char *end = strchr(s + 2, '}');
            if (!end)
                break;
            char name[SURVEY_NAME_MAX + 1];
            size_t n = (size_t)(end - s - 2);
            s = end + 1;
            if (n == 0 || n > SURVEY_NAME_MAX)
                continue;
            memcpy(name, end - n, n);
            name[n] = '\0';
            int rc = fn(name, ctx);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* A Text with the same words in every language. */
static Text same_text(Parser *p, const char *words)
{
    const char **t = new_text(p);
    if (t)
        for (int k = 0; k < SURVEY_LANGS_MAX; k++)
            t[k] = words;
    return (Text)t;
}

/* The digits after the point of a number as written ("0.25": 2). */
static int decimals_of(const char *s)
{
    const char *dot = strchr(s, '.');
    return dot ? (int)strspn(dot + 1, "0123456789") : 0;
}

/* Reads a range's `parameters` ("start=0 end=10 step=1", with spaces, commas or semicolons
 * between; pyxform's defaults 1, 10 and 1) into q. Returns 0, or -1 after reporting the
 * problem. */
static int parse_range(Parser *p, Question *q, const char *params, int line, int col)
{
    static const char *const keys[] = {"start", "end", "step"};
    double v[3] = {1, 10, 1};
    int decimals = 0;
    char *buf = arena_strdup(p->arena, params);
    if (!buf)
        return -1;
    char *save = NULL;
    for (char *tok = strtok_r(buf, " ,;\t", &save); tok; tok = strtok_r(NULL, " ,;\t", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq) {
            problem(p, line, col, "range parameter '%s' is not NAME=VALUE (start=, end=, step=)",
                    tok);
            return -1;
        }
        *eq = '\0';
        lower(tok);
        const char *val = eq + 1;
        size_t k = 0;
        while (k < 3 && strcmp(tok, keys[k]) != 0)
            k++;
        if (k == 3) {
            /* how ODK draws a slider's ticks: nothing the kiosk's steps need */
            if (strcmp(tok, "tick_interval") == 0 || strcmp(tok, "placeholder") == 0 ||
                strcmp(tok, "tick_labelset") == 0)
                continue;
            problem(p, line, col,
                    "unknown range parameter '%s' (the kiosk reads start, end and "
                    "step)",
                    tok);
            return -1;
        }
        char norm[ANSWER_DECIMAL_MAX + 1];
        if (answer_decimal_canonical(val, norm) != 0) {
            problem(p, line, col, "range %s '%s' is not a number", keys[k], val);
            return -1;
        }
        v[k] = strtod(norm, NULL);
        int d = decimals_of(norm);
        decimals = d > decimals ? d : decimals;
    }
    if (!(v[2] > 0)) {
        problem(p, line, col, "range step must be above 0, not %g", v[2]);
        return -1;
    }
    if (v[1] < v[0]) {
        problem(p, line, col, "range end (%g) is below its start (%g)", v[1], v[0]);
        return -1;
    }
    double steps = (v[1] - v[0]) / v[2];
    if (steps + 1 > SURVEY_RANGE_VALUES_MAX) {
        problem(p, line, col, "range of more than %d values: make the step bigger",
                SURVEY_RANGE_VALUES_MAX);
        return -1;
    }
    if (decimals > 6) {
        problem(p, line, col, "range values of more than 6 decimal places");
        return -1;
    }
    q->range_start = v[0];
    q->range_end = v[1];
    q->range_step = v[2];
    q->range_count = (int)(steps + 1e-9) + 1;
    q->range_decimals = decimals;
    char value[ANSWER_DECIMAL_MAX + 1];
    for (int k = 0; k < q->range_count; k++) {
        if (survey_range_value(q, k, value) != 0) {
            problem(p, line, col, "range values of more than %d characters", ANSWER_DECIMAL_MAX);
            return -1;
        }
    }
    return 0;
}

/* Checks a `default` against its question: a choice of its list (each, for select_multiple),
 * digits for an integer, a text that fits. Returns 0, or -1 after reporting the problem. */
static int check_default(Parser *p, const Question *q, const char *v, int line, int col)
{
    if (strstr(v, "${") || (strlen(v) > 2 && strcmp(v + strlen(v) - 2, "()") == 0)) {
        problem(p, line, col,
                "default '%s' is an expression: the kiosk takes a plain value here (a "
                "calculation on a read_only question shows a computed one)",
                v);
        return -1;
    }
    switch (q->type) {
    case QT_SELECT_ONE:
    case QT_SELECT_MULTIPLE: {
        if (!q->list)
            return -1;
        char name[SURVEY_NAME_MAX + 1];
        int n = 0;
        for (const char *s = v; *s;) {
            size_t k = strcspn(s, " ");
            if (k && k <= SURVEY_NAME_MAX) {
                memcpy(name, s, k);
                name[k] = '\0';
                if (survey_choice_index(q->list, name) < 0) {
                    problem(p, line, col, "default '%s' is not a choice of list '%s'", name,
                            q->list->name);
                    return -1;
                }
                n++;
            } else if (k) {
                problem(p, line, col, "default: a choice name longer than %d bytes",
                        SURVEY_NAME_MAX);
                return -1;
            }
            s += k;
            while (*s == ' ')
                s++;
        }
        if (q->type == QT_SELECT_ONE && n != 1) {
            problem(p, line, col, "default of a select_one must be one choice, not '%s'", v);
            return -1;
        }
        return 0;
    }
    case QT_INTEGER:
        if (strspn(v, "0123456789") != strlen(v) || strlen(v) > ANSWER_INT_DIGITS) {
            problem(p, line, col, "default of an integer must be at most %d digits, not '%s'",
                    ANSWER_INT_DIGITS, v);
            return -1;
        }
        return 0;
    case QT_TEXT:
        if (strlen(v) > ANSWER_TEXT_MAX) {
            problem(p, line, col, "default longer than %d bytes", ANSWER_TEXT_MAX);
            return -1;
        }
        return 0;
    case QT_DECIMAL: {
        char norm[ANSWER_DECIMAL_MAX + 1];
        if (answer_decimal_canonical(v, norm) != 0) {
            problem(p, line, col, "default of a decimal must be a number, not '%s'", v);
            return -1;
        }
        return 0;
    }
    case QT_RANGE: {
        char want[ANSWER_DECIMAL_MAX + 1], norm[ANSWER_DECIMAL_MAX + 1];
        if (answer_decimal_canonical(v, norm) == 0)
            for (int k = 0; k < q->range_count; k++)
                if (survey_range_value(q, k, want) == 0 && strcmp(want, norm) == 0)
                    return 0;
        problem(p, line, col, "default '%s' is not one of the range's values", v);
        return -1;
    }
    case QT_DATE: {
        int y, m, d;
        char end;
        /* a date cell of a workbook reads as pyxform prints it: "YYYY-MM-DD 00:00:00" */
        int cell = strlen(v) == 19 && strcmp(v + 10, " 00:00:00") == 0;
        if (sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &end) < 3 || (strlen(v) != 10 && !cell) ||
            (strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3) ||
            !answer_date_valid(y, m, d)) {
            problem(p, line, col,
                    "default of a date must be a day YYYY-MM-DD (1900 to 2199), "
                    "not '%s'",
                    v);
            return -1;
        }
        return 0;
    }
    case QT_TIME: {
        int h, m;
        if (sscanf(v, "%2d:%2d", &h, &m) != 2 || h < 0 || h > 23 || m < 0 || m > 59 ||
            (strlen(v) != 5 && strcmp(v + 5, ":00") != 0)) {
            problem(p, line, col, "default of a time must be HH:MM, not '%s'", v);
            return -1;
        }
        return 0;
    }
    case QT_ACKNOWLEDGE:
        problem(p, line, col, "an acknowledge has no default: the young person taps it or not");
        return -1;
    case QT_RANK:
        problem(p, line, col, "a rank has no default: the young person puts the choices in order");
        return -1;
    default:
        return 0; /* a note's default is what it shows, when read-only */
    }
}

/* Gives question q (to be p->questions[p->nquestions]) its screen: a screen of its own, or
 * its group's (group NULL: none; else the innermost group with screens of its own). A group is
 * one screen, opened by its first question, unless it has more questions than fit on one: then
 * it carries on, under the same title, on the next. */
static void place_question(Parser *p, Question *q, GroupFrame *group)
{
    if (group) {
        if (group->page < 0 || p->pages[group->page].count == SURVEY_PAGE_QUESTIONS) {
            group->page = p->npages;
            p->pages[p->npages++] = (Page){p->nquestions, 0, group->label};
        }
        q->page = group->page;
        p->pages[q->page].count++;
    } else {
        q->page = p->npages;
        p->pages[p->npages++] = (Page){p->nquestions, 1, NULL};
    }
}

/* The innermost of the depth open groups that has screens of its own, or NULL. */
static GroupFrame *screen_group(GroupFrame *stack, int depth)
{
    for (int d = depth - 1; d >= 0; d--)
        if (stack[d].screen)
            return &stack[d];
    return NULL;
}

/* Gives `or_other` select q a copy of its list with an "Other" choice at the end (pyxform's
 * `other`). Returns 0, or -1 after reporting the problem. */
static int add_other_choice(Parser *p, Question *q, int line, int col)
{
    const ChoiceList *l = q->list;
    if (survey_choice_index(l, "other") >= 0) {
        problem(p, line, col, "list '%s' has a choice 'other' and or_other adds one: remove either",
                l->name);
        return -1;
    }
    if (l->nchoices >= SURVEY_CHOICES_MAX || p->nlists >= SURVEY_LISTS_MAX) {
        problem(p, line, col, "or_other: list '%s' with 'other' has too many choices or lists",
                l->name);
        return -1;
    }
    Choice *cs = arena_alloc(p->arena, sizeof(Choice) * (size_t)(l->nchoices + 1));
    char *name = arena_alloc(p->arena, strlen(l->name) + 10);
    if (!cs || !name)
        return -1;
    memcpy(cs, l->choices, sizeof(Choice) * (size_t)l->nchoices);
    cs[l->nchoices] = (Choice){"other", same_text(p, "Other"), NULL, NULL, 0, 1, NULL};
    sprintf(name, "%s or_other", l->name);
    ChoiceList *ol = &p->lists[p->nlists++];
    *ol = (ChoiceList){name, l->nchoices + 1, cs};
    q->list = ol;
    return 0;
}

/* ---- repeats, unrolled ----
 *
 * A kiosk asks a repeat as a group a time, each instance on its own screens: `begin repeat R`
 * with repeat_count N (1 to SURVEY_REPEAT_MAX) becomes N groups R_1 .. R_N, and every question
 * x inside becomes x_1 .. x_N, each ${x} inside instance k meaning x_k and position(..) k. With
 * repeat_count ${q} (the young person's own number, asked before), SURVEY_REPEAT_MAX instances
 * are made and instance k is shown while ${q} >= k. Answers travel under the instances' names,
 * so import, records and measures read them as the questions they are. */

/* A loop choice's label in language lang (a column's), else in any language, else its name. */
static const char *choice_label_in(const Parser *p, const Choice *ch, int lang)
{
    if (ch->label && lang >= 0 && lang < p->nlangs && ch->label[lang])
        return ch->label[lang];
    for (int i = 0; ch->label && i < p->nlangs; i++)
        if (ch->label[i])
            return ch->label[i];
    return ch->name;
}

static CsvRecord *record_with(Parser *p, const CsvRecord *r, int i, const char *text);

/* record_with(), with at least nfields fields (those added empty). */
static CsvRecord *record_wide(Parser *p, const CsvRecord *r, int i, const char *text, int nfields)
{
    if (nfields <= r->nfields)
        return record_with(p, r, i, text);
    CsvRecord wide = *r;
    CsvField *f = arena_alloc(p->arena, sizeof(CsvField) * (size_t)nfields);
    if (!f)
        return NULL;
    memcpy(f, r->fields, sizeof(CsvField) * (size_t)r->nfields);
    for (int k = r->nfields; k < nfields; k++)
        f[k] = (CsvField){(char *)"", 0};
    wide.fields = f;
    wide.nfields = nfields;
    return record_with(p, &wide, i, text);
}

/* A copy of record r with field i's text set to text (the rest shared). NULL out of memory. */
static CsvRecord *record_with(Parser *p, const CsvRecord *r, int i, const char *text)
{
    CsvRecord *c = arena_alloc(p->arena, sizeof *c);
    CsvField *f = c ? arena_alloc(p->arena, sizeof(CsvField) * (size_t)r->nfields) : NULL;
    if (!f)
        return NULL;
    *c = *r;
    memcpy(f, r->fields, sizeof(CsvField) * (size_t)r->nfields);
    c->fields = f;
    if (i >= 0 && i < r->nfields) {
        f[i].text = (char *)text;
        f[i].len = strlen(text);
    }
    return c;
}

/* text with each ${x} of a name in names[0..n) made ${x_SUFFIX} (suffix: the instance's
 * number, or a loop's choice name), position(..) made K (unless K < 0), and a loop's %(label)s its choice's
 * label (label: NULL outside a loop), in the arena; text itself when nothing changes. */
static const char *instance_text(Parser *p, const char *text, const char *const *names, int n,
                                 int k, const char *suffix, const char *label)
{
    if (!strstr(text, "${") && !strstr(text, "position(..)") &&
        !(label && strstr(text, "%(label)s")))
        return text;
    size_t cap = strlen(text) * 2 + 64 + (label ? 8 * strlen(label) : 0) + 4 * strlen(suffix),
           o = 0;
    char *out = arena_alloc(p->arena, cap);
    if (!out)
        return text;
    for (const char *s = text; *s && o + 8 < cap;) {
        if (label && strncmp(s, "%(label)s", 9) == 0 && o + strlen(label) + 8 < cap) {
            o += (size_t)snprintf(out + o, cap - o, "%s", label);
            s += 9;
            continue;
        }
        if (k >= 0 && strncmp(s, "position(..)", 12) == 0) {
            o += (size_t)snprintf(out + o, cap - o, "%d", k);
            s += 12;
            continue;
        }
        const char *end = s[0] == '$' && s[1] == '{' ? strchr(s + 2, '}') : NULL;
        int mine = 0;
        for (int i = 0; end && i < n && !mine; i++)
            mine = strlen(names[i]) == (size_t)(end - s - 2) &&
                   strncmp(names[i], s + 2, (size_t)(end - s - 2)) == 0;
        if (mine && o + (size_t)(end - s) + strlen(suffix) + 8 < cap) {
            o += (size_t)snprintf(out + o, cap - o, "%.*s_%s}", (int)(end - s), s, suffix);
            s = end + 1;
            continue;
        }
        out[o++] = *s++;
    }
    out[o] = '\0';
    return out;
}

/* The type of row r, trimmed and lower-cased, into buf. */
static const char *row_type(Parser *p, const CsvRecord *r, const Column *cols, char *buf,
                            size_t cap)
{
    snprintf(buf, cap, "%s", row_get(p, r, cols, COL_TYPE, NULL));
    lower(buf);
    return buf;
}

static int is_begin_loop(const char *t)
{
    return strncmp(t, "begin loop over ", 16) == 0;
}

static int is_begin_repeat(const char *t)
{
    return strncmp(t, "begin repeat", 12) == 0 || strncmp(t, "begin_repeat", 12) == 0 ||
           is_begin_loop(t);
}

static int is_end_repeat(const char *t)
{
    return strncmp(t, "end repeat", 10) == 0 || strncmp(t, "end_repeat", 10) == 0 ||
           strncmp(t, "end loop", 8) == 0;
}

/* The author's name for name (x for x_2, or x_1_3 asked inside a repeat inside a repeat), and
 * the repeat it is asked in (NULL when none). */
static const char *said_name(const Parser *p, const char *name, const char **in)
{
    for (int i = p->nunrolled - 1; i >= 0; i--)
        if (strcmp(p->unrolled[i].name, name) == 0) {
            if (in)
                *in = p->unrolled[i].in;
            return p->unrolled[i].said;
        }
    if (in)
        *in = NULL;
    return name;
}

/* Remembers that name (the author's said) is asked inside repeat in (the author's name). */
static void note_unrolled(Parser *p, const char *name, const char *said, const char *in)
{
    if (p->nunrolled >= SURVEY_UNROLLED_MAX)
        return; /* past it, a message names x_2 as it is */
    p->unrolled[p->nunrolled].name = name;
    p->unrolled[p->nunrolled].said = said;
    p->unrolled[p->nunrolled++].in = in;
}

/* One pass over rows in[0..nin): every outermost repeat with a count unrolled into rows (at
 * most max), a repeat inside it copied into each time with its names made that time's (it is
 * unrolled by the next pass, *inner counting them; level: how many repeats enclose this pass's).
 * A repeat without a count, or not closed, is left as written: the row loop refuses it with the
 * reason. Returns the count. */
static int unroll_pass(Parser *p, const CsvRecord *const *in, int nin, Column *cols, int *width,
                       int level, const CsvRecord **rows, int max, int *inner)
{
    int n = 0, over = 0;
    char type[128];
    /* a young person's own count: inside another repeat fewer times, as each outer time asks
     * the inner one again */
    int most = level ? SURVEY_REPEAT_INNER_MAX : SURVEY_REPEAT_MAX;
    *inner = 0;
    for (int ri = 0; ri < nin; ri++) {
        const CsvRecord *r = in[ri];
        if (!is_begin_repeat(row_type(p, r, cols, type, sizeof type))) {
            if (n < max)
                rows[n++] = r;
            else
                over = 1;
            continue;
        }
        /* its end, and whether a repeat is nested in it */
        int end = -1, depth = 0, nested = 0;
        for (int j = ri + 1; j < nin && end < 0; j++) {
            row_type(p, in[j], cols, type, sizeof type);
            if (is_begin_repeat(type))
                nested = ++depth;
            else if (is_end_repeat(type) && depth-- == 0)
                end = j;
        }
        if (nested && end >= 0)
            (*inner)++;
        int ccol;
        const char *count = row_get(p, r, cols, COL_REPEAT_COUNT, &ccol);
        char ref[SURVEY_NAME_MAX + 1] = "";
        int times = 0;
        /* `begin loop over LIST`: once for each choice of LIST, named after it */
        const ChoiceList *over_list = NULL;
        if (is_begin_loop(row_type(p, r, cols, type, sizeof type)) && end >= 0) {
            char lname[SURVEY_NAME_MAX + 1];
            int tc;
            (void)row_get(p, r, cols, COL_TYPE, &tc);
            if (sscanf(type + 16, " %64s", lname) != 1 || !(over_list = list_named(p, lname))) {
                problem(p, r->line, tc, "loop over an unknown choice list '%s'", type + 16);
                ri = end;
                continue;
            }
            times = over_list->nchoices;
            count = "loop";
        }
        /* No repeat_count: the young person says how many times, on a question of its own
         * before the repeat (R_count, "Label: how many?", 0 to most). */
        const CsvRecord *ask = NULL;
        if (!over_list && !*count && end >= 0) {
            int tc, nc;
            (void)row_get(p, r, cols, COL_TYPE, &tc);
            const char *rn = row_get(p, r, cols, COL_NAME, &nc);
            CsvRecord *q = tc && nc && *rn ? record_with(p, r, tc - 1, "integer") : NULL;
            char *qn = q ? arena_alloc(p->arena, strlen(rn) + 8) : NULL;
            char *rc = qn ? arena_alloc(p->arena, strlen(rn) + 12) : NULL;
            if (rc) {
                sprintf(qn, "%s_count", rn);
                q->fields[nc - 1].text = qn;
                q->fields[nc - 1].len = strlen(qn);
                for (int i = 1; i < q->nfields && i < CSV_COLS_MAX; i++) {
                    /* the repeat's relevant stays: the count is asked only when it is */
                    if (cols[i].kind == COL_REPEAT_COUNT || cols[i].kind == COL_APPEARANCE ||
                        cols[i].kind == COL_HINT) {
                        q->fields[i].text = (char *)"";
                        q->fields[i].len = 0;
                    }
                    if (cols[i].kind != COL_LABEL || !*q->fields[i].text)
                        continue;
                    char *l = arena_alloc(p->arena, q->fields[i].len + 40);
                    if (l) {
                        sprintf(l, "%s: how many? (0 to %d)", q->fields[i].text, most);
                        q->fields[i].text = l;
                        q->fields[i].len = strlen(l);
                    }
                }
                ask = q;
                sprintf(rc, "${%s}", qn);
                count = rc;
            }
        }
        if (end < 0) {
            /* told here, at its type, before the row loop's word on a repeat it cannot ask */
            int tc;
            (void)row_get(p, r, cols, COL_TYPE, &tc);
            problem(p, r->line, tc, "%s '%s' is never closed (no '%s')",
                    over_list || is_begin_loop(type) ? "loop" : "repeat",
                    row_get(p, r, cols, COL_NAME, NULL),
                    is_begin_loop(type) ? "end loop" : "end repeat");
        }
        if (end < 0 || !*count) {
            if (n < max)
                rows[n++] = r; /* refused by the row loop: no count, or not closed */
            else
                over = 1;
            continue;
        }
        char *stop = NULL;
        long v = strtol(count, &stop, 10);
        if (over_list) {
            /* times: one a choice */
        } else if (*count && !*stop) {
            if (v < 1 || v > SURVEY_REPEAT_MAX) {
                problem(p, r->line, ccol, "repeat_count %ld: a kiosk asks a repeat 1 to %d times",
                        v, SURVEY_REPEAT_MAX);
                ri = end;
                continue;
            }
            times = (int)v;
        } else if (sscanf(count, "${%64[A-Za-z0-9_.-]}%c", ref, type) == 1) {
            /* as many as the young person says, shown by relevance */
            times = ask ? most : SURVEY_REPEAT_MAX;
        } else {
            problem(p, r->line, ccol,
                    "repeat_count '%s' is not a number from 1 to %d nor one ${question}", count,
                    SURVEY_REPEAT_MAX);
            ri = end;
            continue;
        }
        int tcol, ncol, rcol;
        (void)row_get(p, r, cols, COL_TYPE, &tcol);
        const char *rname = row_get(p, r, cols, COL_NAME, &ncol);
        const char *rin, *rsaid = said_name(p, rname, &rin);
        /* the names defined inside, which instance k renames */
        const char *names[512];
        int nn = 0;
        for (int j = ri + 1; j < end && nn < 512; j++) {
            const char *nm = row_get(p, in[j], cols, COL_NAME, NULL);
            if (*nm) {
                names[nn++] = nm;
                note_unrolled(p, nm, said_name(p, nm, NULL), rsaid);
            }
        }
        const char *rel = row_get(p, r, cols, COL_RELEVANT, &rcol);
        if (*ref && !rcol) {
            /* no relevant column on the sheet: one past its last carries the count */
            for (int i = 1; i < CSV_COLS_MAX && !rcol; i++)
                if (cols[i].kind == COL_RELEVANT)
                    rcol = i + 1;
            if (!rcol && *width < CSV_COLS_MAX) {
                cols[*width] = (Column){COL_RELEVANT, 0};
                rcol = ++*width;
            }
        }
        if (ask) {
            if (n < max)
                rows[n++] = ask;
            else
                over = 1;
        }
        for (int k = 1; k <= times; k++) {
            /* the instance's group: R_k (a loop's R_CHOICE), its label with the instance's
             * number (a loop's: with its choice's label) */
            char suffix[SURVEY_NAME_MAX + 16];
            const Choice *ch = over_list ? &over_list->choices[k - 1] : NULL;
            if (ch)
                snprintf(suffix, sizeof suffix, "%s", ch->name);
            else
                snprintf(suffix, sizeof suffix, "%d", k);
            CsvRecord *g = record_wide(p, r, tcol - 1, "begin group", rcol);
            if (!g)
                return n;
            char *gname = arena_alloc(p->arena, strlen(rname) + strlen(suffix) + 2);
            if (gname && ncol) {
                sprintf(gname, "%s_%s", rname, suffix);
                g->fields[ncol - 1].text = gname;
                g->fields[ncol - 1].len = strlen(gname);
                note_unrolled(p, gname, rsaid, rin);
            }
            for (int i = 1; i < g->nfields && i < CSV_COLS_MAX; i++) {
                if (cols[i].kind != COL_LABEL || !*g->fields[i].text)
                    continue;
                const char *cl = ch ? choice_label_in(p, ch, cols[i].lang) : NULL;
                char *l = arena_alloc(p->arena, g->fields[i].len + (cl ? strlen(cl) : 0) + 16);
                if (l) {
                    if (cl)
                        sprintf(l, "%s: %s", g->fields[i].text, cl);
                    else
                        sprintf(l, "%s (%d)", g->fields[i].text, k);
                    g->fields[i].text = l;
                    g->fields[i].len = strlen(l);
                }
            }
            if (*ref && (!rcol || rcol > g->nfields)) {
                problem(p, r->line, ccol,
                        "a repeat counted by ${%s} needs a relevant column on the survey sheet "
                        "(it may be empty)",
                        ref);
            } else if (*ref) {
                char *rk = arena_alloc(p->arena, strlen(rel) + strlen(ref) + 32);
                if (rk) {
                    if (*rel)
                        sprintf(rk, "(%s) and ${%s} >= %d", rel, ref, k);
                    else
                        sprintf(rk, "${%s} >= %d", ref, k);
                    g->fields[rcol - 1].text = rk;
                    g->fields[rcol - 1].len = strlen(rk);
                }
            }
            if (n < max)
                rows[n++] = g;
            else
                over = 1;
            if (p->ntimes < CSV_RECORDS_MAX && p->times)
                p->times[p->ntimes++] = g;
            /* inside a repeat inside this one, position(..) and %(label)s are the inner
             * one's: left for the next pass */
            int within = 0;
            for (int j = ri + 1; j < end; j++) {
                const CsvRecord *x = in[j];
                if (is_begin_repeat(row_type(p, x, cols, type, sizeof type)))
                    within++;
                CsvRecord *c = record_with(p, x, -1, NULL);
                if (!c)
                    return n;
                for (int i = 1; i < c->nfields && i < CSV_COLS_MAX; i++) {
                    if (cols[i].kind == COL_TYPE)
                        continue;
                    if (cols[i].kind == COL_NAME && *c->fields[i].text) {
                        char *nm = arena_alloc(p->arena, c->fields[i].len + strlen(suffix) + 2);
                        if (nm) {
                            sprintf(nm, "%s_%s", c->fields[i].text, suffix);
                            c->fields[i].text = nm;
                            c->fields[i].len = strlen(nm);
                            note_unrolled(p, nm,
                                          said_name(p, row_get(p, x, cols, COL_NAME, NULL), NULL),
                                          rsaid);
                        }
                        continue;
                    }
                    const char *t = instance_text(
                        p, c->fields[i].text, names, nn, within ? -1 : k, suffix,
                        ch && !within ? choice_label_in(p, ch, cols[i].lang) : NULL);
                    c->fields[i].text = (char *)t;
                    c->fields[i].len = strlen(t);
                }
                if (is_end_repeat(type))
                    within--;
                if (n < max)
                    rows[n++] = c;
                else
                    over = 1;
            }
            CsvRecord *e = record_with(p, in[end], tcol - 1, "end group");
            if (e && n < max)
                rows[n++] = e;
            else
                over = 1;
        }
        ri = end;
    }
    if (over)
        n = -1;
    return n;
}

/* The survey sheet's rows with every repeat that has a count unrolled, into rows (at most
 * max): a pass a level, outermost first, so a repeat inside a repeat is copied into each outer
 * time and then unrolled there (${x} inside it then names that outer time's x, as ODK reads a
 * relative reference). Returns the count. */
static int unroll_repeats(Parser *p, const Sheet *sh, Column *cols, const CsvRecord **rows, int max)
{
    /* The sheet's width: a column past it may be added (a relevant to carry a repeat's count) */
    int width = 0;
    for (int ri = sh->header; ri < sh->end; ri++)
        if (p->table->records[ri].nfields > width)
            width = p->table->records[ri].nfields;
    const CsvRecord **in = arena_alloc(p->arena, sizeof(CsvRecord *) * (size_t)max);
    p->times = arena_alloc(p->arena, sizeof(CsvRecord *) * CSV_RECORDS_MAX);
    if (!in || !p->times) {
        problem(p, 0, 0, "out of memory");
        return 0;
    }
    int nin = 0;
    for (int ri = sh->header + 1; ri < sh->end && nin < max; ri++)
        in[nin++] = &p->table->records[ri];
    int n = 0, inner = 0;
    for (int level = 0; level < SURVEY_GROUP_DEPTH_MAX; level++) {
        n = unroll_pass(p, in, nin, cols, &width, level, rows, max, &inner);
        if (n < 0) {
            problem(p, p->table->records[sh->header].line, 0,
                    "the survey's repeats, unrolled, make more than %d rows", max);
            return 0;
        }
        if (!inner)
            return n;
        memcpy(in, rows, sizeof(CsvRecord *) * (size_t)n);
        nin = n;
    }
    return n; /* deeper than groups may nest: the row loop says so */
}

/* Whether row r opens one time of a repeat (unroll_repeats). */
static int repeat_time(const Parser *p, const CsvRecord *r)
{
    for (int i = p->ntimes - 1; i >= 0; i--)
        if (p->times[i] == r)
            return 1;
    return 0;
}

/* The repeat that asks name each time (unroll_repeats), as its author named it, or NULL. */
static const char *unrolled_in(const Parser *p, const char *name)
{
    const char *in;
    (void)said_name(p, name, &in);
    return in;
}

static void read_survey(Parser *p)
{
    Column *cols = p->cols[SHEET_SURVEY];
    const Sheet *sh = &p->sheets[SHEET_SURVEY];
    if (!sh->present) {
        problem(p, 1, 1, "no 'survey' sheet (a row with 'survey' in its first column opens it)");
        return;
    }
    if (sh->header < 0) {
        problem(p, sh->name_line, 1, "the survey sheet is empty");
        return;
    }
    const CsvRecord *hdr = &p->table->records[sh->header];
    int type_col = 0;
    for (int i = CSV_COLS_MAX - 1; i >= 0; i--)
        if (cols[i].kind == COL_TYPE)
            type_col = i + 1;
    if (!type_col) {
        problem(p, hdr->line, 0, "the survey sheet has no 'type' column");
        return;
    }

    Used *used = arena_alloc(p->arena, sizeof(Used) * (SURVEY_QUESTIONS_MAX + CSV_RECORDS_MAX));
    int nused = 0;
    GroupFrame stack[SURVEY_GROUP_DEPTH_MAX];
    int depth = 0, serials = 0;
    /* each question's name with its groups' names before it: g1/g2/name */
    const char **paths = arena_alloc(p->arena, sizeof(char *) * SURVEY_QUESTIONS_MAX);
    /* Relevant expressions are checked once every name is known: a question may refer to a
     * later one only by mistake, but the message is clearer when all names are collected. */
    Pending *pending =
        arena_alloc(p->arena, sizeof(Pending) * PENDING_PER_ROW * (CSV_RECORDS_MAX + 1));
    int npending = 0;
    if (!used || !pending || !paths) {
        problem(p, 0, 0, "out of memory");
        return;
    }

    /* the rows, with each counted repeat unrolled into groups */
    const CsvRecord **rows = arena_alloc(p->arena, sizeof(CsvRecord *) * CSV_RECORDS_MAX);
    int nrows = rows ? unroll_repeats(p, sh, cols, rows, CSV_RECORDS_MAX) : 0;
    for (int ri = 0; ri < nrows; ri++) {
        const CsvRecord *r = rows[ri];
        if (record_blank(r))
            continue;
        int tcol, ncol, rcol, acol, qcol, fcol;
        const char *type = row_get(p, r, cols, COL_TYPE, &tcol);
        const char *name = row_get(p, r, cols, COL_NAME, &ncol);
        const char *rel = row_get(p, r, cols, COL_RELEVANT, &rcol);
        const char *appear = row_get(p, r, cols, COL_APPEARANCE, &acol);
        const char *req = row_get(p, r, cols, COL_REQUIRED, &qcol);
        const char *filter = row_get(p, r, cols, COL_CHOICE_FILTER, &fcol);
        int kcol, ccol, ocol, dcol, lcol;
        const char *cons = row_get(p, r, cols, COL_CONSTRAINT, &kcol);
        const char *calc = row_get(p, r, cols, COL_CALCULATION, &ccol);
        const char *ro = row_get(p, r, cols, COL_READ_ONLY, &ocol);
        const char *dflt = row_get(p, r, cols, COL_DEFAULT, &dcol);
        int pcol;
        const char *params = row_get(p, r, cols, COL_PARAMETERS, &pcol);
        (void)row_get(p, r, cols, COL_LABEL, &lcol);
        if (!*type) {
            /* pyxform's rule: a row with neither type, name nor label is a comment. */
            if (!*name && !row_text(p, r, cols, COL_LABEL))
                continue;
            problem(p, r->line, tcol ? tcol : 2, "row has no type");
            continue;
        }
        QuestionType qt = QT_NOTE;
        const char *list = NULL, *meta = NULL;
        int or_other = 0;
        RowKind kind = parse_type(p, type, r->line, tcol, &qt, &list, &meta, &or_other);
        int parent = depth ? stack[depth - 1].serial : 0;
        if (kind == ROW_REFUSED) {
            if (*name && !used_named(used, nused, name, parent))
                used[nused++] = (Used){name, r->line, 1, parent};
            continue;
        }
        if (kind == ROW_END_GROUP || kind == ROW_END_REPEAT) {
            const char *what = kind == ROW_END_GROUP ? "group" : "repeat";
            if (depth == 0) {
                problem(p, r->line, tcol, "'end %s' without a 'begin %s'", what, what);
                continue;
            }
            if (stack[depth - 1].repeat != (kind == ROW_END_REPEAT))
                problem(p, r->line, tcol, "'end %s' closes the 'begin %s' on %s %d", what,
                        stack[depth - 1].repeat ? "repeat" : "group", p->workbook ? "row" : "line",
                        stack[depth - 1].line);
            depth--;
            /* after one time of a repeat inside a group, the group carries on on a new screen */
            for (int d = depth - 1; stack[depth].screen && d >= 0; d--)
                if (stack[d].screen) {
                    stack[d].page = -1;
                    break;
                }
            continue;
        }
        /* Questions and groups need a unique, valid name; pyxform names a nameless note
         * itself, after its row. */
        char note_name[40]; /* a name made for a nameless row */
        if (!*name && kind == ROW_QUESTION && qt == QT_NOTE) {
            snprintf(note_name, sizeof note_name, "generated_note_name_%d", r->line);
            name = arena_strdup(p->arena, note_name);
            if (!name) {
                problem(p, 0, 0, "out of memory");
                return;
            }
        }
        if (!*name) {
            problem(p, r->line, ncol ? ncol : tcol, "'%s' has no name", type);
            if (kind != ROW_BEGIN_GROUP && kind != ROW_BEGIN_REPEAT)
                continue;
            /* still a group, so that its 'end group' closes it and says nothing more */
            snprintf(note_name, sizeof note_name, "unnamed_group_%d", r->line);
            name = arena_strdup(p->arena, note_name);
            if (!name) {
                problem(p, 0, 0, "out of memory");
                return;
            }
        }
        if (strlen(name) > SURVEY_NAME_MAX) {
            const char *in, *said = said_name(p, name, &in);
            if (in && strcmp(said, name) != 0)
                problem(p, r->line, ncol,
                        "'%s', asked each time of repeat '%s', is answered as '%s', longer than "
                        "%d bytes: shorten it",
                        said, in, name, SURVEY_NAME_MAX);
            else
                problem(p, r->line, ncol, "name longer than %d bytes", SURVEY_NAME_MAX);
            continue;
        }
        if (!valid_name(name)) {
            problem(p, r->line, ncol,
                    "'%s' is not a valid name (letters, digits, '_', '-', '.'; not starting "
                    "with a digit)",
                    name);
            continue;
        }
        /* XLSForm's rule: unique among the rows of one group (a question is found by its
         * group's path); a ${name} must then say which one, so an ambiguous one is refused. */
        const Used *prev = used_named(used, nused, name, parent);
        if (prev) {
            /* inside a repeat or loop, the name as the author wrote it (a, not a_1) */
            const char *said = said_name(p, name, NULL);
            if (!prev->quiet || kind != ROW_META)
                problem(p, r->line, ncol, "duplicate name '%s' (first used on %s %d)", said,
                        p->workbook ? "row" : "line", prev->line);
            continue;
        }
        used[nused++] = (Used){name, r->line, kind == ROW_META, parent};
        if (kind == ROW_META) {
            if (p->nmeta >= SURVEY_QUESTIONS_MAX) {
                problem(p, r->line, tcol, "too many metadata rows (the limit is %d)",
                        SURVEY_QUESTIONS_MAX);
                continue;
            }
            p->meta[p->nmeta++] = meta;
            continue;
        }
        const Expr *relevant = parse_relevant(p, rel, r->line, rcol);
        if (relevant)
            pending[npending++] = (Pending){relevant, NULL, "relevant", r->line, rcol};
        const Expr *outer = depth ? stack[depth - 1].relevant : NULL;

        if (kind == ROW_BEGIN_GROUP || kind == ROW_BEGIN_REPEAT) {
            /* A group's pictures and recordings are not shown, but a broken one is still an
             * author's mistake worth reporting. */
            (void)row_media(p, r, cols, COL_IMAGE);
            (void)row_media(p, r, cols, COL_AUDIO);
            if (depth >= SURVEY_GROUP_DEPTH_MAX) {
                problem(p, r->line, tcol, "groups nested too deep (the limit is %d)",
                        SURVEY_GROUP_DEPTH_MAX);
                continue;
            }
            GroupFrame *g = &stack[depth++];
            g->name = name;
            g->line = r->line;
            g->label = row_text(p, r, cols, COL_LABEL);
            g->relevant = relevant && outer ? expr_and(p->arena, outer, relevant)
                                            : (relevant ? relevant : outer);
            g->page = -1;
            g->screen = depth == 1 || repeat_time(p, r);
            g->repeat = kind == ROW_BEGIN_REPEAT;
            g->serial = ++serials;
            continue;
        }

        if (kind == ROW_CALCULATE) {
            if (!*calc) {
                problem(p, r->line, ccol ? ccol : tcol, "calculate '%s' has no calculation", name);
                used[nused - 1].quiet = 1;
                continue;
            }
            const Expr *ce = parse_expression(p, "calculation", calc, r->line, ccol);
            if (!ce) {
                used[nused - 1].quiet = 1; /* refused: a ${} of it is no further problem */
                continue;
            }
            pending[npending++] = (Pending){ce, NULL, "calculation", r->line, ccol};
            if (p->ncalcs >= SURVEY_QUESTIONS_MAX) {
                problem(p, r->line, tcol, "too many calculate rows (the limit is %d)",
                        SURVEY_QUESTIONS_MAX);
                continue;
            }
            Question *c = &p->calcs[p->ncalcs++];
            memset(c, 0, sizeof *c);
            c->type = QT_CALCULATE;
            c->name = name;
            c->line = r->line;
            c->calculation = ce;
            c->label = row_text(p, r, cols, COL_LABEL);
            c->relevant = relevant && outer ? expr_and(p->arena, outer, relevant)
                                            : (relevant ? relevant : outer);
            c->page = -1;
            continue;
        }
        const Expr *cfilter = NULL;
        if (*filter) {
            ExprError ee;
            cfilter = expr_parse_filter(p->arena, filter, strlen(filter), &ee);
            if (!cfilter) {
                problem(p, r->line, fcol, "choice_filter: %s at character %zu of '%s'", ee.reason,
                        ee.offset + 1, filter);
                used[nused - 1].quiet = 1;
                continue;
            }
            if (!list || qt == QT_RANK) {
                problem(p, r->line, fcol,
                        "choice_filter on a '%s' question: only a select's "
                        "choices are filtered",
                        type);
                used[nused - 1].quiet = 1;
                continue;
            }
            /* a column the choices sheet lacks reads as empty, as ODK reads it (pyxform's
             * or_other fixture filters on one) */
            pending[npending++] = (Pending){cfilter, NULL, "choice_filter", r->line, fcol};
        }
        if (p->nquestions >= SURVEY_QUESTIONS_MAX) {
            problem(p, r->line, tcol, "too many questions (the limit is %d)", SURVEY_QUESTIONS_MAX);
            used[nused - 1].quiet = 1; /* a ${} of it is no further problem */
            continue;
        }
        Question *q = &p->questions[p->nquestions];
        memset(q, 0, sizeof *q);
        size_t plen = strlen(name) + 1;
        for (int d = 0; d < depth; d++)
            plen += strlen(stack[d].name) + 1;
        char *path = arena_alloc(p->arena, plen);
        if (path) {
            path[0] = '\0';
            for (int d = 0; d < depth; d++)
                strcat(strcat(path, stack[d].name), "/");
            strcat(path, name);
        }
        paths[p->nquestions] = path ? path : name;
        q->type = qt;
        q->name = name;
        q->line = r->line;
        q->label = row_text(p, r, cols, COL_LABEL);
        q->hint = row_text(p, r, cols, COL_HINT);
        q->image = row_media(p, r, cols, COL_IMAGE);
        q->audio = row_media(p, r, cols, COL_AUDIO);
        q->relevant =
            relevant && outer ? expr_and(p->arena, outer, relevant) : (relevant ? relevant : outer);
        int rq = parse_bool(req);
        if (rq < 0) {
            /* pyxform's required may be an expression: required while it holds */
            q->required_if = parse_expression(p, "required", req, r->line, qcol);
            if (q->required_if)
                pending[npending++] = (Pending){q->required_if, NULL, "required", r->line, qcol};
            rq = q->required_if != NULL;
        }
        q->required = rq && qt != QT_NOTE;
        if (!q->label && q->hint) {
            /* pyxform accepts a question with a hint and no label: the hint is what it asks */
            q->label = q->hint;
            q->hint = NULL;
        }
        if (!q->label) {
            problem(p, r->line, ncol, "question '%s' has no label (nor a hint)", name);
            used[nused - 1].quiet = 1;
            continue;
        }
        if (list) {
            q->list = list_named(p, list);
            if (!q->list) {
                problem(p, r->line, tcol, "unknown choice list '%s'", list);
                used[nused - 1].quiet = 1;
                continue;
            }
            for (int c = 0; qt == QT_SELECT_MULTIPLE && c < q->list->nchoices; c++) {
                if (strchr(q->list->choices[c].name, ' ')) {
                    problem(p, r->line, tcol,
                            "choice name '%s' of list '%s' has a space in it, which a "
                            "select_multiple cannot take (its answer is the chosen names, "
                            "space-separated)",
                            q->list->choices[c].name, list);
                    used[nused - 1].quiet = 1;
                    break;
                }
            }
            if (used[nused - 1].quiet)
                continue;
        }
        q->appearance = parse_appearance(p, appear, q, r->line, acol);
        q->choice_filter = cfilter;
        if (cfilter && q->appearance != APPEAR_DEFAULT) {
            problem(p, r->line, fcol,
                    "choice_filter with the '%s' appearance: faces and "
                    "yes-notsure-no show every choice",
                    appear);
            used[nused - 1].quiet = 1;
            continue;
        }
        if (qt == QT_RANGE && parse_range(p, q, params, r->line, pcol ? pcol : tcol) != 0)
            continue;
        if (or_other && q->list && add_other_choice(p, q, r->line, tcol) != 0)
            continue;
        if (!*cons && phone_type(type))
            cons = phone_constraint;
        q->constraint = parse_expression(p, "constraint", cons, r->line, kcol);
        if (q->constraint)
            pending[npending++] = (Pending){q->constraint, NULL, "constraint", r->line, kcol};
        q->constraint_message = row_text(p, r, cols, COL_CONSTRAINT_MESSAGE);
        q->required_message = row_text(p, r, cols, COL_REQUIRED_MESSAGE);
        q->calculation = parse_expression(p, "calculation", calc, r->line, ccol);
        if (q->calculation)
            pending[npending++] = (Pending){q->calculation, NULL, "calculation", r->line, ccol};
        pending[npending++] = (Pending){NULL, q->label, "label", r->line, lcol};
        if (q->hint)
            pending[npending++] = (Pending){NULL, q->hint, "hint", r->line, lcol};
        if (q->constraint_message)
            pending[npending++] =
                (Pending){NULL, q->constraint_message, "constraint_message", r->line, kcol};
        int rdonly = parse_bool(ro);
        if (rdonly < 0) {
            problem(p, r->line, ocol, "read_only must be yes or no, not '%s'", ro);
            rdonly = 0;
        }
        if (*dflt && check_default(p, q, dflt, r->line, dcol) == 0)
            q->default_value = dflt;
        if (rdonly || q->calculation) {
            /* shown with its value, as a note: nothing to type, nothing recorded */
            q->read_only = 1;
            q->type = QT_NOTE;
            q->required = 0;
            q->list = NULL;
            q->appearance = APPEAR_DEFAULT;
        }
        place_question(p, q, screen_group(stack, depth));
        p->nquestions++;
        if (or_other && q->list) {
            /* pyxform's NAME_other: the typed answer that "Other" opens, next to the choice
             * (in its group's screen, or on the screen after) */
            char *oname = arena_alloc(p->arena, strlen(name) + 7);
            char *opath = arena_alloc(p->arena, strlen(paths[p->nquestions - 1]) + 7);
            if (!oname || !opath)
                continue;
            sprintf(oname, "%s_other", name);
            sprintf(opath, "%s_other", paths[p->nquestions - 1]);
            if (strlen(oname) > SURVEY_NAME_MAX || used_named(used, nused, oname, parent)) {
                problem(p, r->line, ncol, "'%s' or_other adds a question '%s', and that name is %s",
                        name, oname, strlen(oname) > SURVEY_NAME_MAX ? "too long" : "taken");
                continue;
            }
            if (p->nquestions >= SURVEY_QUESTIONS_MAX) {
                problem(p, r->line, tcol, "too many questions (the limit is %d)",
                        SURVEY_QUESTIONS_MAX);
                continue;
            }
            char src[SURVEY_NAME_MAX + 40];
            snprintf(src, sizeof src, "selected(${%s}, 'other')", name);
            ExprError ee;
            Expr *sel = expr_parse(p->arena, src, strlen(src), &ee);
            if (!sel)
                continue;
            Question *o = &p->questions[p->nquestions];
            memset(o, 0, sizeof *o);
            o->type = QT_TEXT;
            o->name = oname;
            o->line = r->line;
            o->other = 1;
            o->label = same_text(p, "Other: what is it?");
            o->relevant = q->relevant ? expr_and(p->arena, q->relevant, sel) : sel;
            paths[p->nquestions] = opath;
            used[nused++] = (Used){oname, r->line, 0, parent};
            place_question(p, o, screen_group(stack, depth));
            p->nquestions++;
        }
    }
    for (int d = depth - 1; d >= 0; d--)
        problem(p, stack[d].line, type_col, "%s '%s' is never closed (no 'end %s')",
                stack[d].repeat ? "repeat" : "group", stack[d].name,
                stack[d].repeat ? "repeat" : "group");

    for (int i = 0; i < npending; i++) {
        RefCheck rc = {p, used, nused, pending[i].line, pending[i].col, NULL, 0, ""};
        int bad = pending[i].e ? expr_each_ref(pending[i].e, ref_known, &rc)
                               : text_each_ref(pending[i].text, ref_known, &rc);
        if (bad && rc.ambiguous)
            problem(p, rc.line, rc.col,
                    "'${%s}' is ambiguous: questions in different groups are called '%s'; "
                    "rename one",
                    rc.missing, rc.missing);
        else if (rc.missing && unrolled_in(p, rc.missing))
            problem(p, rc.line, rc.col,
                    "%s refers to '${%s}', which repeat '%s' asks each time: name one time, as "
                    "${%s_1}",
                    pending[i].what, said_name(p, rc.missing, NULL), unrolled_in(p, rc.missing),
                    rc.missing);
        else if (rc.missing)
            problem(p, rc.line, rc.col, "%s refers to unknown question '${%s}'", pending[i].what,
                    rc.missing);
    }
    /* Questions of one name in different groups are answered under their paths. */
    char *twins = arena_alloc(p->arena, (size_t)p->nquestions + 1);
    for (int i = 0; twins && i < p->nquestions; i++)
        for (int j = 0; j < p->nquestions && !twins[i]; j++)
            twins[i] = j != i && strcmp(p->questions[i].name, p->questions[j].name) == 0;
    for (int i = 0; twins && i < p->nquestions; i++) {
        if (!twins[i])
            continue;
        if (strlen(paths[i]) > SURVEY_NAME_MAX)
            problem(p, p->questions[i].line, 0,
                    "'%s' names another question in another group, and with its groups "
                    "('%s') it is longer than %d bytes: rename one",
                    p->questions[i].name, paths[i], SURVEY_NAME_MAX);
        p->questions[i].name = paths[i];
    }
    if (p->nquestions == 0 && p->probs->count == 0)
        problem(p, sh->name_line, 1, "the survey has no questions");
}

/* ---- settings ---- */

/* Reads a whole number of at most 3 digits at *s, moving *s past it. Returns it, or -1. */
static int read_years(const char **s)
{
    int v = 0, n = 0;
    while (isdigit((unsigned char)**s) && n < 4) {
        v = v * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    return n >= 1 && n <= 3 ? v : -1;
}

/* Parses the `ages` setting, "MIN-MAX" in years ("4-7", "16 - 25", an en dash too). Returns 0
 * with *min and *max, or -1 when it is not that, MIN > MAX or MAX > SURVEY_AGE_LIMIT. */
static int parse_ages(const char *s, int *min, int *max)
{
    int lo = read_years(&s);
    while (*s == ' ')
        s++;
    if (*s == '-')
        s++;
    else if (strncmp(s, "\xE2\x80\x93", 3) == 0) /* U+2013 EN DASH, as spreadsheets write it */
        s += 3;
    else
        return -1;
    while (*s == ' ')
        s++;
    int hi = read_years(&s);
    if (lo < 0 || hi < 0 || *s || lo > hi || hi > SURVEY_AGE_LIMIT)
        return -1;
    *min = lo;
    *max = hi;
    return 0;
}

static void read_settings(Parser *p, Survey *s)
{
    const Column *cols = p->cols[SHEET_SETTINGS];
    const Sheet *sh = &p->sheets[SHEET_SETTINGS];
    const char *id = "", *version = "", *deflang = "", *ages = "";
    int idcol = 0, dlcol = 0, agecol = 0, line = 0;
    Text title = NULL;
    if (sh->present && sh->header >= 0) {
        for (int ri = sh->header + 1; ri < sh->end; ri++) {
            const CsvRecord *r = &p->table->records[ri];
            if (record_blank(r))
                continue;
            line = r->line;
            id = row_get(p, r, cols, COL_FORM_ID, &idcol);
            version = row_get(p, r, cols, COL_VERSION, NULL);
            deflang = row_get(p, r, cols, COL_DEFAULT_LANGUAGE, &dlcol);
            ages = row_get(p, r, cols, COL_AGES, &agecol);
            title = row_text(p, r, cols, COL_FORM_TITLE);
            break;
        }
    }
    if (!*id) {
        /* XLSForm's rule: without a form_id the form is named after its file. */
        const char *base = strrchr(p->path, '/');
        base = base ? base + 1 : p->path;
        const char *dot = strrchr(base, '.');
        id = arena_strndup(p->arena, base, dot ? (size_t)(dot - base) : strlen(base));
        if (!id)
            id = "";
    }
    if (!valid_name(id) || strlen(id) > SURVEY_NAME_MAX)
        problem(p, line, idcol, "form_id '%s' is not a valid name", id);
    s->form_id = id;
    s->version = *version ? version : "1";
    if (strlen(s->version) > SURVEY_NAME_MAX)
        problem(p, line, 0, "version longer than %d bytes", SURVEY_NAME_MAX);
    s->title = title;
    s->age_min = SURVEY_AGE_MIN_DEFAULT;
    s->age_max = SURVEY_AGE_MAX_DEFAULT;
    if (*ages && parse_ages(ages, &s->age_min, &s->age_max) != 0)
        problem(p, line, agecol,
                "ages must be the youngest and oldest age in years, like 4-7 (at most %d), not "
                "'%s'",
                SURVEY_AGE_LIMIT, ages);

    s->default_lang = 0;
    if (*deflang) {
        int found = -1;
        for (int i = 0; i < p->nlangs; i++)
            if (strcasecmp(p->langs[i].name, deflang) == 0 ||
                (*p->langs[i].code && strcasecmp(p->langs[i].code, deflang) == 0))
                found = i;
        if (found < 0) {
            /* Plain `label` columns are in the default language. */
            for (int i = 0; i < p->nlangs; i++)
                if (!*p->langs[i].name) {
                    int li = i;
                    p->langs[li].name = deflang;
                    found = li;
                }
        }
        if (found < 0)
            problem(p, line, dlcol, "default_language '%s' matches no label column", deflang);
        else
            s->default_lang = found;
    }
}

/* ---- the whole file ---- */

/* A setting's value, read before any header (default_language: plain `label` columns are in
 * it; allow_choice_duplicates: the choices sheet is read before the settings). NULL when unset. */
static const char *peek_setting(Parser *p, const char *setting)
{
    const Sheet *sh = &p->sheets[SHEET_SETTINGS];
    if (!sh->present || sh->header < 0)
        return NULL;
    const CsvRecord *hdr = &p->table->records[sh->header];
    for (int i = 1; i < hdr->nfields; i++) {
        const char *h = field(p, hdr, i);
        if (strcasecmp(h, setting) != 0)
            continue;
        for (int ri = sh->header + 1; ri < sh->end; ri++) {
            const CsvRecord *r = &p->table->records[ri];
            if (!record_blank(r)) {
                const char *v = field(p, r, i);
                return *v ? v : NULL;
            }
        }
    }
    return NULL;
}

Survey *survey_parse(const char *path, const char *buf, size_t len, SurveyProblems *probs)
{
    return survey_parse_with(path, buf, len, NULL, probs);
}

Survey *survey_parse_with(const char *path, const char *buf, size_t len, const SurveyMedia *media,
                          SurveyProblems *probs)
{
    Survey *s = NULL;
    Arena *a = arena_new();
    Parser *p = calloc(1, sizeof *p);
    memset(probs, 0, sizeof *probs);
    if (!a || !p) {
        probs->count = 1;
        snprintf(probs->items[0].reason, sizeof probs->items[0].reason, "out of memory");
        goto fail;
    }
    p->path = path;
    p->arena = a;
    p->probs = probs;
    if (!media) {
        /* beside the folder the file is in, wherever the program was started */
        const char *slash = strrchr(path, '/');
        char dir[SURVEY_MEDIA_DIR_MAX];
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
        if (slash == path)
            snprintf(dir, sizeof dir, "/");
        if (survey_media_beside(dir, &p->beside) != 0) {
            problem(p, 0, 0, "the path is too long to look for pictures beside it");
            goto fail;
        }
        media = &p->beside;
    }
    p->images = media->images;
    p->audio = media->audio;

    /* Every format is read into the one table of pyxform's CSV layout (workbook.h), so what
     * follows reads the form once, whatever the file was. */
    p->cur = -1;
    CsvTable table;
    Workbook book;
    WorkbookFormat fmt = workbook_format(buf, len);
    if (fmt == WORKBOOK_NONE && (has_suffix(path, ".xlsx") || has_suffix(path, ".xls"))) {
        problem(p, 0, 0, "not an Excel workbook (%s): save it again from the spreadsheet",
                has_suffix(path, ".xlsx") ? "no zip signature" : "no OLE2 signature");
        goto fail;
    }
    if (fmt == WORKBOOK_XLS && has_suffix(path, ".xlsx")) {
        /* Excel wraps a password-protected .xlsx in an OLE2 file */
        problem(p, 0, 0, "a password-protected (encrypted) .xlsx: save it without a password");
        goto fail;
    }
    if (fmt != WORKBOOK_NONE) {
        WorkbookError we;
        if (workbook_parse(a, fmt, buf, len, &book, &we) != 0) {
            p->workbook = 1;
            SurveyProblem *it = &probs->items[probs->count++];
            *it = (SurveyProblem){we.row, we.column ? we.column + 1 : 0, "", ""};
            snprintf(it->sheet, sizeof it->sheet, "%s", we.row ? we.sheet : "");
            snprintf(it->reason, sizeof it->reason, "%s", we.reason);
            goto fail;
        }
        table = book.table;
        p->workbook = 1;
        p->book = &book;
    } else {
        CsvError ce;
        if (csv_parse(a, buf, len, &table, &ce) != 0) {
            problem(p, ce.line, ce.column, "%s", ce.reason);
            goto fail;
        }
    }
    p->table = &table;
    find_sheets(p);
    p->cur = SHEET_SETTINGS;
    p->deflang = peek_setting(p, "default_language");
    const char *dups = peek_setting(p, "allow_choice_duplicates");
    p->choice_dups = dups && parse_bool(dups) == 1;
    /* Languages come from every header, so each text gets one slot per language. */
    for (int sh = 0; sh < SHEET_COUNT; sh++) {
        p->cur = sh;
        read_header(p, sh, p->cols[sh]);
    }
    p->cur = SHEET_CHOICES;
    read_choices(p);
    p->cur = SHEET_SURVEY;
    read_survey(p);
    p->cur = SHEET_SETTINGS;
    s = arena_alloc(a, sizeof *s);
    if (!s) {
        problem(p, 0, 0, "out of memory");
        goto fail;
    }
    read_settings(p, s);
    if (p->nlangs == 0)
        lang_index(p, "");
    /* A copy that could not be made reads as "": never pass such a survey as loaded. */
    if (probs->count > 0 || arena_failed(a))
        goto fail;

    s->path = arena_strdup(a, path);
    s->arena = a;
    s->nlangs = p->nlangs;
    Language *langs = arena_alloc(a, sizeof(Language) * (size_t)p->nlangs);
    Question *qs = arena_alloc(a, sizeof(Question) * (size_t)p->nquestions);
    Page *pages = arena_alloc(a, sizeof(Page) * (size_t)(p->npages ? p->npages : 1));
    ChoiceList *lists = arena_alloc(a, sizeof(ChoiceList) * (size_t)(p->nlists ? p->nlists : 1));
    if (!langs || !qs || !pages || !lists || !s->path) {
        problem(p, 0, 0, "out of memory");
        goto fail;
    }
    memcpy(langs, p->langs, sizeof(Language) * (size_t)p->nlangs);
    memcpy(lists, p->lists, sizeof(ChoiceList) * (size_t)p->nlists);
    memcpy(qs, p->questions, sizeof(Question) * (size_t)p->nquestions);
    memcpy(pages, p->pages, sizeof(Page) * (size_t)p->npages);
    /* Questions point at lists by address: move them to the copies. */
    for (int i = 0; i < p->nquestions; i++)
        if (qs[i].list)
            qs[i].list = &lists[qs[i].list - p->lists];
    s->langs = langs;
    s->questions = qs;
    s->nquestions = p->nquestions;
    s->pages = pages;
    s->npages = p->npages;
    s->lists = lists;
    s->nlists = p->nlists;
    const char **meta = arena_alloc(a, sizeof(char *) * (size_t)(p->nmeta ? p->nmeta : 1));
    if (!meta) {
        problem(p, 0, 0, "out of memory");
        goto fail;
    }
    memcpy(meta, p->meta, sizeof(char *) * (size_t)p->nmeta);
    s->meta_types = meta;
    s->nmeta = p->nmeta;
    Question *calcs = arena_alloc(a, sizeof(Question) * (size_t)(p->ncalcs ? p->ncalcs : 1));
    if (!calcs) {
        problem(p, 0, 0, "out of memory");
        goto fail;
    }
    memcpy(calcs, p->calcs, sizeof(Question) * (size_t)p->ncalcs);
    s->calcs = calcs;
    s->ncalcs = p->ncalcs;
    const char **ccols = arena_alloc(a, sizeof(char *) * (size_t)(p->nccols ? p->nccols : 1));
    if (!ccols) {
        problem(p, 0, 0, "out of memory");
        goto fail;
    }
    memcpy(ccols, p->ccols, sizeof(char *) * (size_t)p->nccols);
    s->choice_columns = ccols;
    s->nchoice_columns = p->nccols;
    free(p);
    return s;
fail:
    if (p && a && arena_failed(a)) {
        /* what went wrong is memory, not the file: don't blame a row */
        memset(probs, 0, sizeof *probs);
        problem(p, 0, 0, "out of memory");
    }
    free(p);
    arena_free(a);
    return NULL;
}

int survey_media_beside(const char *dir, SurveyMedia *m)
{
    char parent[SURVEY_MEDIA_DIR_MAX];
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') /* "a/b/" is "a/b" */
        n--;
    size_t cut = n; /* where dir's last part starts */
    while (cut > 0 && dir[cut - 1] != '/')
        cut--;
    size_t last = n - cut;
    int w;
    if (n == 0 || (n == 1 && dir[0] == '.'))
        w = snprintf(parent, sizeof parent, ".."); /* the working directory's parent */
    else if ((last == 1 && dir[cut] == '.') || (last == 2 && memcmp(dir + cut, "..", 2) == 0))
        w = snprintf(parent, sizeof parent, "%.*s/..", (int)n, dir);
    else if (last == 0 || cut == 1)
        w = snprintf(parent, sizeof parent, "/"); /* "/" and "/x": the root holds them */
    else if (cut == 0)
        w = snprintf(parent, sizeof parent, "."); /* "surveys": the working directory */
    else {
        size_t end = cut - 1; /* "a/b" and "a//b": "a" */
        while (end > 1 && dir[end - 1] == '/')
            end--;
        w = snprintf(parent, sizeof parent, "%.*s", (int)end, dir);
    }
    const char *sep = strcmp(parent, "/") == 0 ? "" : "/";
    if (w < 0 || (size_t)w >= sizeof parent ||
        snprintf(m->images, sizeof m->images, "%s%simages", parent, sep) >= (int)sizeof m->images ||
        snprintf(m->audio, sizeof m->audio, "%s%saudio", parent, sep) >= (int)sizeof m->audio)
        return -1;
    return 0;
}

Survey *survey_load(const char *path, SurveyProblems *probs)
{
    return survey_load_with(path, NULL, probs);
}

Survey *survey_load_with(const char *path, const SurveyMedia *media, SurveyProblems *probs)
{
    char err[ERR_LEN];
    char *buf = NULL;
    size_t len = 0;
    /* Surveys are found by listing a folder (or carried in a pack): a link is not followed. */
    if (file_read_found(path, CSV_FILE_MAX, &buf, &len, err) != 0) {
        memset(probs, 0, sizeof *probs);
        probs->count = 1;
        const char *reason = strncmp(err, path, strlen(path)) == 0 ? err + strlen(path) + 2 : err;
        snprintf(probs->items[0].reason, sizeof probs->items[0].reason, "%s", reason);
        return NULL;
    }
    Survey *s = survey_parse_with(path, buf, len, media, probs);
    free(buf);
    return s;
}

void survey_free(Survey *s)
{
    if (s)
        arena_free(s->arena);
}

const char *survey_text(const Survey *s, Text t, int lang)
{
    if (!t)
        return "";
    if (lang >= 0 && lang < s->nlangs && t[lang])
        return t[lang];
    if (t[s->default_lang])
        return t[s->default_lang];
    for (int i = 0; i < s->nlangs; i++)
        if (t[i])
            return t[i];
    return "";
}

const char *survey_text_markup(const Survey *s, Text t, int lang)
{
    int l = survey_text_lang(s, t, lang);
    if (l < 0)
        return "";
    return t[SURVEY_LANGS_MAX + l] ? t[SURVEY_LANGS_MAX + l] : t[l];
}

int survey_text_lang(const Survey *s, Text t, int lang)
{
    if (!t)
        return -1;
    if (lang >= 0 && lang < s->nlangs && t[lang])
        return lang;
    if (t[s->default_lang])
        return s->default_lang;
    for (int i = 0; i < s->nlangs; i++)
        if (t[i])
            return i;
    return -1;
}

const Question *survey_question_named(const Survey *s, const char *name)
{
    for (int i = 0; i < s->nquestions; i++)
        if (strcmp(s->questions[i].name, name) == 0)
            return &s->questions[i];
    for (int i = 0; i < s->ncalcs; i++)
        if (strcmp(s->calcs[i].name, name) == 0)
            return &s->calcs[i];
    return NULL;
}

int survey_choice_index(const ChoiceList *list, const char *name)
{
    for (int i = 0; i < list->nchoices; i++)
        if (strcmp(list->choices[i].name, name) == 0)
            return i;
    return -1;
}

const char *survey_choice_column(const Survey *s, const Choice *c, const char *name)
{
    if (strcmp(name, "name") == 0)
        return c->name;
    for (int k = 0; k < s->nchoice_columns; k++)
        if (strcmp(s->choice_columns[k], name) == 0)
            return c->columns ? c->columns[k] : "";
    /* label (the default language's), label::Language (a language named as its column is, or
     * by its code) */
    if (strcmp(name, "label") == 0)
        return c->label && c->label[s->default_lang] ? c->label[s->default_lang] : "";
    if (strncmp(name, "label::", 7) == 0)
        for (int k = 0; k < s->nlangs; k++)
            if (strcmp(s->langs[k].name, name + 7) == 0 ||
                (*s->langs[k].code && strcmp(s->langs[k].code, name + 7) == 0))
                return c->label && c->label[k] ? c->label[k] : "";
    return NULL;
}

int survey_range_value(const Question *q, int k, char *out)
{
    if (q->type != QT_RANGE || k < 0 || k >= q->range_count)
        return -1;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", q->range_decimals, q->range_start + k * q->range_step);
    return answer_decimal_canonical(buf, out);
}

void survey_problem_format(const char *path, const SurveyProblem *pr, char *out, size_t n)
{
    char col[8] = "";
    if (pr->sheet[0] && pr->column > 1)
        workbook_column_letters(pr->column - 1, col);
    if (pr->sheet[0] && col[0])
        snprintf(out, n, "%s:%s!%s%d: %s", path, pr->sheet, col, pr->line, pr->reason);
    else if (pr->sheet[0])
        snprintf(out, n, "%s:%s row %d: %s", path, pr->sheet, pr->line, pr->reason);
    else
        snprintf(out, n, "%s:%d:%d: %s", path, pr->line, pr->column, pr->reason);
}

void survey_problems_print(const char *path, const SurveyProblems *probs, void *f)
{
    for (int i = 0; i < probs->count; i++) {
        char line[ERR_LEN + 400];
        survey_problem_format(path, &probs->items[i], line, sizeof line);
        fprintf(f, "%s\n", line);
    }
    if (probs->truncated) {
        SurveyProblem more = probs->first_unshown;
        snprintf(more.reason, sizeof more.reason,
                 "more problems from here on are not shown (only the first %d are): fix these "
                 "and check again",
                 SURVEY_ERRORS_MAX);
        char line[ERR_LEN + 400];
        survey_problem_format(path, &more, line, sizeof line);
        fprintf(f, "%s\n", line);
    }
}

/* ---- checking media files ---- */

static uint32_t be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The CRC-32 of ISO 3309 that PNG chunks carry (bit by bit: pictures are small). */
static uint32_t crc32_of(const unsigned char *b, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= b[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/* A chunk type, printable whatever the file holds. */
static void chunk_name(const unsigned char *b, char out[5])
{
    for (int i = 0; i < 4; i++)
        out[i] = isalpha(b[i]) ? (char)b[i] : '?';
    out[4] = '\0';
}

/* Opens a media file for reading; a FIFO, device or folder is refused without blocking
 * (file_open_read). Returns the stream, or NULL with reason: "not found", or why not. */
static FILE *open_media(const char *path, char *reason)
{
    char why[ERR_LEN];
    int fd = file_open_read(path, FILE_NAMED, why);
    if (fd < 0) {
        size_t n = strlen(path);
        const char *r = strncmp(why, path, n) == 0 && why[n] == ':' ? why + n + 2 : why;
        snprintf(reason, ERR_LEN, "%s", errno == ENOENT ? "not found" : r);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        snprintf(reason, ERR_LEN, "%s", strerror(errno));
        close(fd);
    }
    return f;
}

/* Reads the file at path (at most max bytes) into a malloc'd buffer. Returns 0, or -1 with
 * reason: "not found", unreadable, a folder, too large. */
static int read_media(const char *path, size_t max, unsigned char **buf, size_t *len, char *reason)
{
    *buf = NULL;
    *len = 0;
    FILE *f = open_media(path, reason);
    if (!f)
        return -1;
    struct stat st;
    int rc = -1;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(reason, ERR_LEN, "not a file");
    } else if ((unsigned long long)st.st_size > max) {
        snprintf(reason, ERR_LEN, "larger than %zu bytes", max);
    } else if (!(*buf = malloc((size_t)st.st_size + 1))) {
        snprintf(reason, ERR_LEN, "out of memory");
    } else {
        *len = fread(*buf, 1, (size_t)st.st_size, f);
        if (ferror(f))
            snprintf(reason, ERR_LEN, "cannot be read: %s", strerror(errno));
        else
            rc = 0;
    }
    fclose(f);
    if (rc != 0) {
        free(*buf);
        *buf = NULL;
    }
    return rc;
}

/* Valid (bit depth, colour type) pairs of the PNG specification, section 11.2.2. */
static int png_depth_ok(int depth, int colour)
{
    switch (colour) {
    case 0:
        return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3:
        return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6:
        return depth == 8 || depth == 16;
    default:
        return 0;
    }
}

static int png_check_bytes(const unsigned char *b, size_t len, char *reason)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (len < 8 || memcmp(b, sig, 8) != 0) {
        snprintf(reason, ERR_LEN, "not a PNG file");
        return -1;
    }
    if (len < 33) {
        snprintf(reason, ERR_LEN, "broken PNG: the file ends inside its header");
        return -1;
    }
    if (be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4) != 0) {
        snprintf(reason, ERR_LEN, "broken PNG: it does not start with an IHDR header");
        return -1;
    }
    uint32_t w = be32(b + 16), h = be32(b + 20);
    if (w < 1 || h < 1 || w > IMAGE_SIDE_MAX || h > IMAGE_SIDE_MAX) {
        snprintf(reason, ERR_LEN,
                 "broken PNG: %" PRIu32 "x%" PRIu32 " pixels (each side must be 1 to %d)", w, h,
                 IMAGE_SIDE_MAX);
        return -1;
    }
    if (!png_depth_ok(b[24], b[25])) {
        snprintf(reason, ERR_LEN, "broken PNG: bit depth %d with colour type %d", b[24], b[25]);
        return -1;
    }
    /* Every chunk whole and undamaged, image data present, and the end marker last: a cut or
     * corrupted file is refused here rather than drawn as a blank button. */
    size_t off = 8;
    int idat = 0;
    char name[5];
    while (off + 12 <= len) {
        uint32_t n = be32(b + off);
        chunk_name(b + off + 4, name);
        if (n > len - off - 12) {
            snprintf(reason, ERR_LEN, "broken PNG: chunk %s runs past the end of the file", name);
            return -1;
        }
        if (crc32_of(b + off + 4, (size_t)n + 4) != be32(b + off + 8 + n)) {
            snprintf(reason, ERR_LEN, "broken PNG: chunk %s is damaged (its CRC does not match)",
                     name);
            return -1;
        }
        idat |= memcmp(b + off + 4, "IDAT", 4) == 0;
        if (memcmp(b + off + 4, "IEND", 4) == 0) {
            if (!idat) {
                snprintf(reason, ERR_LEN, "broken PNG: no image data");
                return -1;
            }
            return 0;
        }
        off += 12 + (size_t)n;
    }
    snprintf(reason, ERR_LEN, "broken PNG: the file is cut short (no IEND chunk)");
    return -1;
}

int survey_png_check(const char *path, char *reason)
{
    unsigned char *buf = NULL;
    size_t len = 0;
    if (read_media(path, IMAGE_FILE_MAX, &buf, &len, reason) != 0)
        return -1;
    int rc = png_check_bytes(buf, len, reason);
    free(buf);
    return rc;
}

/* A JPEG (JFIF or Exif, baseline or progressive), walked marker by marker: the start-of-image
 * marker, segments whose lengths fit in the file, quantization tables and a frame header with
 * each side 1 to IMAGE_SIDE_MAX pixels before the first scan, each scan's entropy-coded data
 * running up to the next marker, and the end-of-image marker. */
static int jpeg_check_bytes(const unsigned char *b, size_t len, char *reason)
{
    if (len < 4 || b[0] != 0xFF || b[1] != 0xD8) {
        snprintf(reason, ERR_LEN, "not a JPEG file");
        return -1;
    }
    size_t i = 2;
    int frame = 0, scans = 0, tables = 0;
    for (;;) {
        if (i < len && b[i] != 0xFF) {
            snprintf(reason, ERR_LEN, "broken JPEG: no marker at byte %zu", i);
            return -1;
        }
        while (i < len && b[i] == 0xFF) /* a marker, after any fill bytes */
            i++;
        if (i >= len) {
            snprintf(reason, ERR_LEN, "broken JPEG: the file is cut short (no end of image)");
            return -1;
        }
        unsigned m = b[i++];
        if (m == 0xD9) {
            if (!scans) {
                snprintf(reason, ERR_LEN, "broken JPEG: no image data");
                return -1;
            }
            return 0;
        }
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue; /* markers without a segment */
        if (m == 0x00 || m == 0xD8) {
            snprintf(reason, ERR_LEN, "broken JPEG: marker %02X at byte %zu", m, i - 1);
            return -1;
        }
        if (len - i < 2 || ((size_t)b[i] << 8 | b[i + 1]) < 2 ||
            ((size_t)b[i] << 8 | b[i + 1]) > len - i) {
            snprintf(reason, ERR_LEN, "broken JPEG: segment %02X runs past the end of the file", m);
            return -1;
        }
        size_t seg = (size_t)b[i] << 8 | b[i + 1];
        int sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            unsigned h = seg >= 7 ? (unsigned)b[i + 3] << 8 | b[i + 4] : 0;
            unsigned w = seg >= 7 ? (unsigned)b[i + 5] << 8 | b[i + 6] : 0;
            if (!w || !h || w > IMAGE_SIDE_MAX || h > IMAGE_SIDE_MAX) {
                snprintf(reason, ERR_LEN, "broken JPEG: %ux%u pixels (each side 1 to %d)", w, h,
                         IMAGE_SIDE_MAX);
                return -1;
            }
            frame = 1;
        }
        tables |= m == 0xDB;
        i += seg;
        if (m != 0xDA)
            continue;
        if (!frame || !tables) {
            snprintf(reason, ERR_LEN, "broken JPEG: image data before its %s",
                     frame ? "quantization tables" : "frame header");
            return -1;
        }
        scans++;
        /* entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte) or a restart marker */
        while (i + 1 < len &&
               !(b[i] == 0xFF && b[i + 1] != 0x00 && !(b[i + 1] >= 0xD0 && b[i + 1] <= 0xD7)))
            i++;
        if (i + 1 >= len) {
            snprintf(reason, ERR_LEN, "broken JPEG: the file is cut short (no end of image)");
            return -1;
        }
    }
}

int survey_picture_check(const char *path, char *reason)
{
    unsigned char *buf = NULL;
    size_t len = 0;
    if (read_media(path, IMAGE_FILE_MAX, &buf, &len, reason) != 0)
        return -1;
    int rc;
    if (len >= 2 && buf[0] == 0xFF && buf[1] == 0xD8)
        rc = jpeg_check_bytes(buf, len, reason);
    else if (len >= 1 && buf[0] == 0x89)
        rc = png_check_bytes(buf, len, reason);
    else {
        snprintf(reason, ERR_LEN, "not a PNG or JPEG file");
        rc = -1;
    }
    free(buf);
    return rc;
}

int survey_audio_check(const char *path, char *reason)
{
    FILE *f = open_media(path, reason);
    if (!f)
        return -1;
    unsigned char b[12] = {0};
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    /* WAV only: the kiosk plays WAV (SDL_LoadWAV); an OGG that loads here would give a speaker
     * button that says nothing. */
    int wav = n == 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WAVE", 4) == 0;
    if (!wav) {
        snprintf(reason, ERR_LEN, "not a WAV file");
        return -1;
    }
    return 0;
}

int survey_file_name(const char *name)
{
    static const char *const suffixes[] = SURVEY_SUFFIXES;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
        if (has_suffix(name, suffixes[i]))
            return 1;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int survey_list(const char *dir, char **names, int max, char *err)
{
    static const char *const suffixes[] = SURVEY_SUFFIXES;
    int n = 0;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        int got = file_list(dir, suffixes[i], names + n, max - n, err);
        if (got < 0) {
            file_list_free(names, n);
            if (max - n == 0 || strstr(err, "more than"))
                snprintf(err, ERR_LEN, "%s: more than %d survey files", dir, max);
            return -1;
        }
        n += got;
    }
    qsort(names, (size_t)n, sizeof *names, by_name);
    return n;
}
