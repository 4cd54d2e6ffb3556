/* options.h: every command's options as a table, and the one parser that reads them.
 *
 * A command (`chorus-sync import`, `chorus-kiosk export`, chorus-kiosk itself) is an
 * OptionTable. Each of its rows names an option, says whether it takes a value and what the
 * help calls that value (FILE), where in the command's own struct the value goes, its default
 * (from defaults.h) and its line of --help; the table adds how many positional arguments the
 * command takes, or the commands that may follow. options_parse() fills the struct from argv,
 * and the --help text is made from the same rows, so an option, its default and its help can't
 * drift apart.
 *
 *   --name VALUE, --name=VALUE  a value: the field is a const char *, pointing into argv; the
 *                               last one given wins
 *   --name N                    a number (decimal, within the row's range): unsigned long long
 *   --flag                      a flag: the int field becomes 1
 *   --help, -h                  anywhere before "--" (and before a command name): the help
 *   --                          what follows is positional, even when it starts with '-'
 *   -                           a positional argument (standard input, by convention)
 *
 * Every mistake (an unknown option, a missing value, a missing required option, a number that
 * is not one or out of range, a missing or stray argument, an unknown command) is a reason in
 * err, never a crash. options_read() prints it as "PROGRAM COMMAND: reason (see --help)" on
 * stderr and turns it into exit status 2; the programs' own checks after parsing go through
 * options_complain() to read the same.
 *
 * Start reading at options_read(); a table looks like the one of `chorus-sync import`
 * (sync/import.c). */
#ifndef CHORUS_OPTIONS_H
#define CHORUS_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
    OPTION_TEXT,   /* --name VALUE into a const char * field */
    OPTION_NUMBER, /* --name N into an unsigned long long field */
    OPTION_FLAG,   /* --name into an int field, set to 1 */
} OptionKind;

typedef struct {
    const char *name;     /* "--db"; a row with a NULL name (OPT_END) ends the table */
    OptionKind kind;
    const char *meta;     /* what the help calls the value: "FILE"; NULL for a flag */
    size_t at;            /* offsetof the field in the command's struct */
    const char *fallback; /* the default (a number's in decimal), or NULL; --help shows it */
    int required;         /* a value that must be given (a text option without a default) */
    unsigned long long min, max; /* a number's range; max 0: no upper limit */
    const char *help;     /* its line of --help; a '\n' goes on under the same column */
} Option;

/* The offset of field in T, checked at compile time to be of type ftype. */
#define OPTION_AT(T, field, ftype) \
    (offsetof(T, field) + 0 * sizeof(&((T *)0)->field == (ftype *)0))

/* Rows, one macro each kind. T is the command's struct, field the member the value goes to. */
#define OPT_TEXT(name, meta, T, field, fallback, help) \
    {name, OPTION_TEXT, meta, OPTION_AT(T, field, const char *), fallback, 0, 0, 0, help}
#define OPT_REQUIRED(name, meta, T, field, help) \
    {name, OPTION_TEXT, meta, OPTION_AT(T, field, const char *), NULL, 1, 0, 0, help}
#define OPT_NUMBER(name, meta, T, field, min, max, help) \
    {name, OPTION_NUMBER, meta, OPTION_AT(T, field, unsigned long long), NULL, 0, min, max, help}
#define OPT_FLAG(name, T, field, help) \
    {name, OPTION_FLAG, NULL, OPTION_AT(T, field, int), NULL, 0, 0, 0, help}
#define OPT_END {NULL, OPTION_TEXT, NULL, 0, NULL, 0, 0, 0, NULL}

typedef struct OptionTable OptionTable;
struct OptionTable {
    const char *program; /* "chorus-sync": every message starts with it */
    const char *name;    /* the command, "import"; NULL for the program itself */
    const Option *options; /* its rows, ending with OPT_END; NULL: none */
    /* The program's options, taken after the command's name too (`chorus-kiosk export --data
     * DIR`); their values were set, defaults included, when the program's table was read.
     * NULL: none. */
    const Option *shared;
    const char *args;      /* what a positional argument is called: "BUNDLE"; NULL: none */
    int args_min, args_max; /* how many the command takes; args_max -1: any number */
    /* The commands that may follow the program's options, ending with NULL; NULL: none. The
     * first positional argument names one; options_parse() stops there, and the rest of argv
     * is the command's to read with its own table. args_min 1: a command must be named. */
    const OptionTable *const *commands;
    /* What chorus-sync runs for this command: its exit status (argv[0] is the command's
     * name). NULL where the program runs its commands otherwise (chorus-kiosk). */
    int (*run)(int argc, char **argv);
    const char *about; /* what --help says under the usage line: what the command does */
};

/* What options_parse() found besides the options. */
typedef struct {
    /* The command named, or NULL; its args and nargs are then the command's own argv (its name
     * first), to read with options_parse(command, ...). */
    const OptionTable *command;
    char **args; /* the positional arguments, in order */
    int nargs;
} OptionArgs;

enum { OPTIONS_OK = 0, OPTIONS_HELP = 1, OPTIONS_BAD = -1 };

/* Reads argv[1..argc-1] by t into values (the command's struct): each row's field gets its
 * default first (fields that no row names are left as they are), then what argv says. argv is
 * reordered: the positional arguments move, in order, to argv[1..], and args points there.
 * Returns OPTIONS_OK; OPTIONS_HELP when --help or -h was given (nothing else is checked); or
 * OPTIONS_BAD with the reason in err (ERR_LEN), the values then partly set. args is always
 * set. A table with commands stops at the command's name (a --help after it is the
 * command's). */
int options_parse(const OptionTable *t, int argc, char **argv, void *values, OptionArgs *args,
                  char *err) __attribute__((warn_unused_result));

/* options_parse(), answering for the command: the help goes to stdout, a mistake to stderr as
 * "PROGRAM COMMAND: reason (see --help)". Returns -1 when the command should go on, else its
 * exit status: 0 after --help, 2 after a mistake. */
int options_read(const OptionTable *t, int argc, char **argv, void *values, OptionArgs *args)
    __attribute__((warn_unused_result));

/* Prints "PROGRAM COMMAND: reason (see --help)" to stderr, for a mistake the table can't see
 * (a --size that is not WxH, two options that don't go together). Returns 2, the exit status
 * of a usage mistake. */
int options_complain(const OptionTable *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes t's --help to f: the usage line, what it does, a line for each option with its
 * default, and its commands. */
void options_print_help(const OptionTable *t, FILE *f);

/* Writes t's usage (its name, options and arguments, wrapped at 96 columns) to f, after lead
 * ("usage: ", or an indent) and with the program's name when with_program is 1. */
void options_print_usage(const OptionTable *t, const char *lead, int with_program, FILE *f);

#endif
