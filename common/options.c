/* options.c: the one option parser of both programs, and the --help it makes from a table.
 * See options.h. Start reading at options_parse(). */
#include "options.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"

#define USAGE_WIDTH 96 /* columns a usage line is wrapped at */

static void *field_of(void *values, const Option *o) { return (char *)values + o->at; }

/* The row of rows (which may be NULL) called name (len bytes of it). */
static const Option *find_row(const Option *rows, const char *name, size_t len)
{
    for (const Option *o = rows; o && o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            return o;
    return NULL;
}

/* A decimal number in o's range, into *out. Returns 0, or -1 with err saying what it must be.
 * strtoull alone would take " 7", "+7" and "-1" (as a huge number): digits only. */
static int read_number(const Option *o, const char *text, unsigned long long *out, char *err)
{
    char *end = NULL;
    errno = 0;
    unsigned long long n = text[0] >= '0' && text[0] <= '9' ? strtoull(text, &end, 10) : 0;
    if (end && *end == '\0' && errno == 0 && n >= o->min && (o->max == 0 || n <= o->max)) {
        *out = n;
        return 0;
    }
    if (o->max)
        snprintf(err, ERR_LEN, "%s must be %llu to %llu", o->name, o->min, o->max);
    else if (o->min == 1)
        snprintf(err, ERR_LEN, "%s must be a positive number", o->name);
    else if (o->min)
        snprintf(err, ERR_LEN, "%s must be a number of at least %llu", o->name, o->min);
    else
        snprintf(err, ERR_LEN, "%s must be a number", o->name);
    return -1;
}

/* Gives every field of rows its default. A default that does not read is the table's mistake,
 * reported like any other. */
static int set_defaults(const Option *rows, void *values, char *err)
{
    for (const Option *o = rows; o && o->name; o++) {
        void *f = field_of(values, o);
        if (o->kind == OPTION_FLAG)
            *(int *)f = 0;
        else if (o->kind == OPTION_TEXT)
            *(const char **)f = o->fallback;
        else if (!o->fallback)
            *(unsigned long long *)f = 0;
        else if (read_number(o, o->fallback, f, err) != 0)
            return -1;
    }
    return 0;
}

/* Reads the option at argv[*i] (and its value, moving *i past it). Returns 0, or -1 with err. */
static int take_option(const OptionTable *t, int argc, char **argv, int *i, void *values,
                       char *err)
{
    const char *a = argv[*i];
    /* --name=value: only for long names, so that "-x=1" is not taken apart */
    const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
    size_t len = eq ? (size_t)(eq - a) : strlen(a);
    const Option *o = find_row(t->options, a, len);
    if (!o)
        o = find_row(t->shared, a, len);
    if (!o) {
        snprintf(err, ERR_LEN, "unknown option '%.*s'", (int)len, a);
        return -1;
    }
    void *f = field_of(values, o);
    if (o->kind == OPTION_FLAG) {
        if (eq) {
            snprintf(err, ERR_LEN, "%s takes no value", o->name);
            return -1;
        }
        *(int *)f = 1;
        return 0;
    }
    const char *value = eq ? eq + 1 : NULL;
    if (!value) {
        if (*i + 1 >= argc) {
            snprintf(err, ERR_LEN, "%s needs a value (%s)", o->name, o->meta);
            return -1;
        }
        value = argv[++*i];
    }
    if (o->kind == OPTION_NUMBER)
        return read_number(o, value, f, err);
    *(const char **)f = value;
    return 0;
}

/* The command of t called name, or NULL. */
static const OptionTable *find_command(const OptionTable *t, const char *name)
{
    for (const OptionTable *const *c = t->commands; c && *c; c++)
        if (strcmp((*c)->name, name) == 0)
            return *c;
    return NULL;
}

/* 1 if --help or -h comes in argv[from..] before "--": it wins over an earlier mistake. */
static int help_follows(int argc, char **argv, int from)
{
    for (int i = from; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

/* After the arguments: every required option given, enough positional arguments. */
static int check_complete(const OptionTable *t, void *values, const OptionArgs *args, char *err)
{
    const Option *missing[16];
    int n = 0;
    for (const Option *o = t->options; o && o->name; o++)
        if (o->required && o->kind == OPTION_TEXT && !*(const char **)field_of(values, o) &&
            n < (int)(sizeof missing / sizeof *missing))
            missing[n++] = o;
    if (n) {
        /* "--in, --out and --period are required": names are short, ERR_LEN holds 16 */
        err[0] = '\0';
        for (int k = 0; k < n; k++) {
            strcat(err, k == 0 ? "" : k == n - 1 ? " and " : ", ");
            strncat(err, missing[k]->name, 24);
        }
        strcat(err, n == 1 ? " is required" : " are required");
        return -1;
    }
    if (t->commands) {
        if (!args->command && t->args_min > 0) {
            snprintf(err, ERR_LEN, "missing COMMAND");
            return -1;
        }
        return 0;
    }
    if (args->nargs < t->args_min) {
        snprintf(err, ERR_LEN, "missing %s%s", t->args ? t->args : "an argument",
                 t->args_max == 1 ? "" : "...");
        return -1;
    }
    return 0;
}

int options_parse(const OptionTable *t, int argc, char **argv, void *values, OptionArgs *args,
                  char *err)
{
    *args = (OptionArgs){NULL, argc > 0 ? argv + 1 : argv, 0};
    err[0] = '\0';
    if (set_defaults(t->options, values, err) != 0)
        return OPTIONS_BAD;
    int literal = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int bad = 0;
        if (!literal && a[0] == '-' && a[1] != '\0') {
            if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
                return OPTIONS_HELP;
            if (strcmp(a, "--") == 0)
                literal = 1;
            else
                bad = take_option(t, argc, argv, &i, values, err) != 0;
        } else if (t->commands) {
            /* The command's name ends the program's options: the rest is the command's. */
            const OptionTable *c = find_command(t, a);
            if (c) {
                *args = (OptionArgs){c, argv + i, argc - i};
                break;
            }
            snprintf(err, ERR_LEN, "unknown command '%s'", a);
            bad = 1;
        } else if (t->args_max >= 0 && args->nargs >= t->args_max) {
            snprintf(err, ERR_LEN, "unexpected argument '%s'", a);
            bad = 1;
        } else {
            /* argv[1 + nargs] is at or before i: an option or value already read */
            argv[1 + args->nargs++] = argv[i];
        }
        if (bad)
            return help_follows(argc, argv, i + 1) ? OPTIONS_HELP : OPTIONS_BAD;
    }
    return check_complete(t, values, args, err) == 0 ? OPTIONS_OK : OPTIONS_BAD;
}

int options_read(const OptionTable *t, int argc, char **argv, void *values, OptionArgs *args)
{
    char err[ERR_LEN];
    int rc = options_parse(t, argc, argv, values, args, err);
    if (rc == OPTIONS_HELP) {
        options_print_help(t, stdout);
        return 0;
    }
    if (rc == OPTIONS_BAD)
        return options_complain(t, "%s", err);
    return -1;
}

int options_complain(const OptionTable *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s%s%s: ", t->program, t->name ? " " : "", t->name ? t->name : "");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see --help)\n");
    va_end(ap);
    return 2;
}

/* ---- the help ---- */

/* A usage line being written: words wrap at USAGE_WIDTH, under the first word. */
typedef struct {
    FILE *f;
    int col, indent;
} Line;

__attribute__((format(printf, 2, 3))) static void word(Line *l, const char *fmt, ...)
{
    char w[256];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(w, sizeof w, fmt, ap);
    va_end(ap);
    if (l->col > l->indent && l->col + 1 + len > USAGE_WIDTH) {
        fprintf(l->f, "\n%*s", l->indent, "");
        l->col = l->indent;
    } else {
        fputc(' ', l->f);
        l->col++;
    }
    fputs(w, l->f);
    l->col += len;
}

void options_print_usage(const OptionTable *t, const char *lead, int with_program, FILE *f)
{
    char head[128];
    snprintf(head, sizeof head, "%s%s%s", with_program ? t->program : "",
             with_program && t->name ? " " : "", t->name ? t->name : "");
    fprintf(f, "%s%s", lead, head);
    /* words go one space after the head; continuation lines start under the first of them */
    int col = (int)(strlen(lead) + strlen(head));
    Line l = {f, col, col + 1};
    for (const Option *o = t->options; o && o->name; o++) {
        if (o->kind == OPTION_FLAG)
            word(&l, "[%s]", o->name);
        else
            word(&l, o->required ? "%s %s" : "[%s %s]", o->name, o->meta);
    }
    if (t->commands)
        word(&l, t->args_min > 0 ? "COMMAND [ARGS]" : "[COMMAND [ARGS]]");
    else if (t->args) {
        for (int k = 0; k < t->args_min; k++)
            word(&l, "%s%s", t->args, k == t->args_min - 1 && t->args_max < 0 ? "..." : "");
        if (t->args_min == 0 && t->args_max < 0)
            word(&l, "[%s...]", t->args);
        for (int k = t->args_min; k < t->args_max; k++)
            word(&l, "[%s]", t->args);
    }
    fputc('\n', f);
}

void options_print_help(const OptionTable *t, FILE *f)
{
    options_print_usage(t, "usage: ", 1, f);
    if (t->about)
        fprintf(f, "\n%s\n", t->about);
    int width = 0;
    for (const Option *o = t->options; o && o->name; o++) {
        int w = (int)strlen(o->name) + (o->meta ? 1 + (int)strlen(o->meta) : 0);
        width = w > width ? w : width;
    }
    if ((t->options && t->options->name) || t->shared)
        fputc('\n', f);
    for (const Option *o = t->options; o && o->name; o++) {
        char left[128];
        snprintf(left, sizeof left, "%s%s%s", o->name, o->meta ? " " : "", o->meta ? o->meta : "");
        fprintf(f, "  %-*s  ", width, left);
        int col = width + 4;
        for (const char *h = o->help ? o->help : ""; *h; h++, col++) {
            fputc(*h, f);
            if (*h == '\n') {
                fprintf(f, "  %-*s  ", width, "");
                col = width + 3;
            }
        }
        /* the default on the same line when it fits, else on one of its own */
        if (o->fallback && col + 11 + (int)strlen(o->fallback) > USAGE_WIDTH)
            fprintf(f, "\n  %-*s  (default %s)", width, "", o->fallback);
        else if (o->fallback)
            fprintf(f, " (default %s)", o->fallback);
        fputc('\n', f);
    }
    if (t->shared)
        fprintf(f, "  and the options of %s (%s --help), before or after %s\n", t->program,
                t->program, t->name ? t->name : "the command");
    if (t->commands) {
        fprintf(f, "\ncommands (%s COMMAND --help for more):\n", t->program);
        for (const OptionTable *const *c = t->commands; *c; c++)
            options_print_usage(*c, "  ", 0, f);
    }
}
