/* test_options.c: the option parser (common/options.c): values, defaults, --name=value, flags,
 * numbers and their ranges, required options, positional arguments and their counts, "--" and
 * "-", --help winning anywhere, commands with options shared after their name, the help made
 * from the table, and the one complaint "PROGRAM COMMAND: reason (see --help)" with exit 2.
 * Then the real programs beside this test (BUILD/chorus-sync, BUILD/chorus-kiosk): every
 * command answers --help and refuses an unknown option that way. CHORUS_TEST_EXEC, when set, is
 * the command they are started through (tests/cross.sh: qemu-aarch64, for an arm64 build on a
 * host that does not run arm64 programs by itself).
 *
 * Files go to a fresh folder under /tmp, removed at the end. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "fileio.h"
#include "options.h"
#include "test.h"

static char dir[64];
static char bin[512]; /* the build folder, from argv[0] */

typedef struct {
    const char *db, *out, *period;
    unsigned long long n;
    int verbose;
} Values;

static const Option rows[] = {
    OPT_REQUIRED("--out", "DIR", Values, out, "where it goes"),
    OPT_REQUIRED("--period", "P", Values, period, "when"),
    OPT_TEXT("--db", "FILE", Values, db, "var/test.db", "the database"),
    OPT_NUMBER("--n", "N", Values, n, 1, 8, "how many"),
    OPT_FLAG("--verbose", Values, verbose, "say more"),
    OPT_END,
};

static const OptionTable files_cmd = {
    .program = "prog",
    .name = "files",
    .options = rows,
    .args = "FILE",
    .args_min = 1,
    .args_max = -1,
    .about = "Does things to files.",
};

static const OptionTable one_cmd = {
    .program = "prog",
    .name = "one",
    .args = "NAME",
    .args_min = 1,
    .args_max = 1,
};

static const OptionTable none_cmd = {.program = "prog", .name = "none"};

/* argv from a string of words split at spaces (at most 31), in static storage. */
static int split(const char *words, char ***out)
{
    static char buf[1024];
    static char *argv[32];
    snprintf(buf, sizeof buf, "%s", words);
    int n = 0;
    for (char *w = strtok(buf, " "); w && n < 31; w = strtok(NULL, " "))
        argv[n++] = w;
    argv[n] = NULL;
    *out = argv;
    return n;
}

static Values v;
static OptionArgs args;
static char err[ERR_LEN];

static int parse(const OptionTable *t, const char *words)
{
    char **argv;
    int argc = split(words, &argv);
    memset(&v, 0x5a, sizeof v); /* every field the table names must be set by the parser */
    err[0] = '\0';
    return options_parse(t, argc, argv, &v, &args, err);
}

static void test_values(void)
{
    CHECK_INT(parse(&files_cmd, "files a --out o --db d --period 2026 --n 3 --verbose b"),
              OPTIONS_OK);
    CHECK_STR(v.out, "o");
    CHECK_STR(v.db, "d");
    CHECK_STR(v.period, "2026");
    CHECK_INT(v.n, 3);
    CHECK_INT(v.verbose, 1);
    /* the positional arguments, in order, though options came between them */
    CHECK_INT(args.nargs, 2);
    CHECK_STR(args.args[0], "a");
    CHECK_STR(args.args[1], "b");
    CHECK(args.command == NULL);
    /* --name=value, and the last value given wins */
    CHECK_INT(parse(&files_cmd, "files --out=o --period=p --db=x --db=y= --n=8 f"), OPTIONS_OK);
    CHECK_STR(v.out, "o");
    CHECK_STR(v.db, "y=");
    CHECK_INT(v.n, 8);
    CHECK_INT(parse(&files_cmd, "files --out= --period p f"), OPTIONS_OK);
    CHECK_STR(v.out, "");
    /* a value is taken as it is, even when it starts with '-' */
    CHECK_INT(parse(&files_cmd, "files --out -x --period -- f"), OPTIONS_OK);
    CHECK_STR(v.out, "-x");
    CHECK_STR(v.period, "--");
}

static void test_defaults(void)
{
    CHECK_INT(parse(&files_cmd, "files --out o --period p f"), OPTIONS_OK);
    CHECK_STR(v.db, "var/test.db");
    CHECK_INT(v.n, 0); /* a number without a default: 0, not given */
    CHECK_INT(v.verbose, 0);
    CHECK_INT(args.nargs, 1);
}

static void test_mistakes(void)
{
    CHECK_INT(parse(&files_cmd, "files --out o --period p --colour red f"), OPTIONS_BAD);
    CHECK_STR(err, "unknown option '--colour'");
    CHECK_INT(parse(&files_cmd, "files --colour=red"), OPTIONS_BAD);
    CHECK_STR(err, "unknown option '--colour'");
    CHECK_INT(parse(&files_cmd, "files -x"), OPTIONS_BAD);
    CHECK_STR(err, "unknown option '-x'");
    CHECK_INT(parse(&files_cmd, "files f --out o --period"), OPTIONS_BAD);
    CHECK_STR(err, "--period needs a value (P)");
    CHECK_INT(parse(&files_cmd, "files --out o --period p --verbose=1 f"), OPTIONS_BAD);
    CHECK_STR(err, "--verbose takes no value");
    CHECK_INT(parse(&files_cmd, "files f"), OPTIONS_BAD);
    CHECK_STR(err, "--out and --period are required");
    CHECK_INT(parse(&files_cmd, "files --period p f"), OPTIONS_BAD);
    CHECK_STR(err, "--out is required");
    /* numbers: digits only, within the range */
    const char *const bad_numbers[] = {"0", "9", "x", "-1", "+3", "3x", "0x3", "",
                                       "99999999999999999999999"};
    for (size_t i = 0; i < sizeof bad_numbers / sizeof *bad_numbers; i++) {
        char words[128];
        snprintf(words, sizeof words, "files --out o --period p f --n=%s", bad_numbers[i]);
        CHECK_INT(parse(&files_cmd, words), OPTIONS_BAD);
        CHECK_STR(err, "--n must be 1 to 8");
    }
}

static void test_positional(void)
{
    CHECK_INT(parse(&files_cmd, "files --out o --period p"), OPTIONS_BAD);
    CHECK_STR(err, "missing FILE...");
    CHECK_INT(parse(&one_cmd, "one"), OPTIONS_BAD);
    CHECK_STR(err, "missing NAME");
    CHECK_INT(parse(&one_cmd, "one a b"), OPTIONS_BAD);
    CHECK_STR(err, "unexpected argument 'b'");
    CHECK_INT(parse(&one_cmd, "one a"), OPTIONS_OK);
    CHECK_STR(args.args[0], "a");
    CHECK_INT(parse(&none_cmd, "none"), OPTIONS_OK);
    CHECK_INT(args.nargs, 0);
    CHECK_INT(parse(&none_cmd, "none stray"), OPTIONS_BAD);
    CHECK_STR(err, "unexpected argument 'stray'");
    /* "-" is an argument; after "--" everything is */
    CHECK_INT(parse(&one_cmd, "one -"), OPTIONS_OK);
    CHECK_STR(args.args[0], "-");
    CHECK_INT(parse(&one_cmd, "one -- -x"), OPTIONS_OK);
    CHECK_STR(args.args[0], "-x");
    CHECK_INT(parse(&files_cmd, "files --out o --period p -- --help --db"), OPTIONS_OK);
    CHECK_INT(args.nargs, 2);
    CHECK_STR(args.args[0], "--help");
    CHECK_STR(v.db, "var/test.db");
}

static void test_help(void)
{
    CHECK_INT(parse(&files_cmd, "files --help"), OPTIONS_HELP);
    CHECK_INT(parse(&files_cmd, "files -h"), OPTIONS_HELP);
    CHECK_INT(parse(&none_cmd, "none --help"), OPTIONS_HELP);
    /* --help wins over a mistake before it, and over missing options */
    CHECK_INT(parse(&files_cmd, "files --colour red --help"), OPTIONS_HELP);
    CHECK_INT(parse(&one_cmd, "one a b c -h"), OPTIONS_HELP);
    /* the help, made from the table */
    char path[128], *text = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/help.txt", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    options_print_help(&files_cmd, f);
    fclose(f);
    CHECK(file_read_all(path, 65536, &text, &len, err) == 0);
    const char *head = "usage: prog files --out DIR --period P [--db FILE] [--n N] [--verbose] "
                       "FILE...\n\nDoes things to files.\n\n";
    CHECK(text && strncmp(text, head, strlen(head)) == 0);
    CHECK(text && strstr(text, "\n  --db FILE   the database (default var/test.db)\n"));
    CHECK(text && strstr(text, "\n  --verbose   say more\n"));
    free(text);
}

/* A program with commands: its options before the command's name, and after it too. */
typedef struct {
    const char *data, *out;
    int quiet;
} Prog;

static const Option prog_rows[] = {
    OPT_TEXT("--data", "DIR", Prog, data, "var/data", "the data"),
    OPT_FLAG("--quiet", Prog, quiet, "say less"),
    OPT_END,
};

static const Option export_rows[] = {
    OPT_REQUIRED("--out", "FILE", Prog, out, "where"),
    OPT_END,
};

static const OptionTable export_cmd = {
    .program = "prog", .name = "export", .options = export_rows, .shared = prog_rows};
static const OptionTable status_cmd = {.program = "prog", .name = "status", .shared = prog_rows};
static const OptionTable *const prog_commands[] = {&export_cmd, &status_cmd, NULL};
static const OptionTable prog = {.program = "prog", .options = prog_rows, .commands = prog_commands};
static const OptionTable prog_needs = {
    .program = "prog", .options = prog_rows, .args_min = 1, .commands = prog_commands};

static int parse_prog(const OptionTable *t, const char *words, Prog *p, OptionArgs *cargs)
{
    char **argv;
    int argc = split(words, &argv);
    OptionArgs a;
    memset(p, 0x5a, sizeof *p);
    p->out = NULL; /* set by the command's table only */
    int rc = options_parse(t, argc, argv, p, &a, err);
    if (rc != OPTIONS_OK || !a.command) {
        *cargs = a;
        return rc;
    }
    rc = options_parse(a.command, a.nargs, a.args, p, cargs, err);
    cargs->command = a.command;
    return rc;
}

static void test_commands(void)
{
    Prog p;
    OptionArgs c;
    CHECK_INT(parse_prog(&prog, "prog", &p, &c), OPTIONS_OK);
    CHECK(c.command == NULL);
    CHECK_STR(p.data, "var/data");
    CHECK_INT(parse_prog(&prog, "prog --data d export --out f", &p, &c), OPTIONS_OK);
    CHECK(c.command == &export_cmd);
    CHECK_STR(p.data, "d");
    CHECK_STR(p.out, "f");
    /* the program's options after the command's name; not reset to their defaults there */
    CHECK_INT(parse_prog(&prog, "prog --data d status --quiet", &p, &c), OPTIONS_OK);
    CHECK(c.command == &status_cmd);
    CHECK_STR(p.data, "d");
    CHECK_INT(p.quiet, 1);
    CHECK_INT(parse_prog(&prog, "prog export --data e --out f", &p, &c), OPTIONS_OK);
    CHECK_STR(p.data, "e");
    /* the command's options only after its name */
    CHECK_INT(parse_prog(&prog, "prog --out f export", &p, &c), OPTIONS_BAD);
    CHECK_STR(err, "unknown option '--out'");
    CHECK_INT(parse_prog(&prog, "prog export", &p, &c), OPTIONS_BAD);
    CHECK_STR(err, "--out is required");
    CHECK_INT(parse_prog(&prog, "prog status extra", &p, &c), OPTIONS_BAD);
    CHECK_STR(err, "unexpected argument 'extra'");
    CHECK_INT(parse_prog(&prog, "prog frobnicate", &p, &c), OPTIONS_BAD);
    CHECK_STR(err, "unknown command 'frobnicate'");
    CHECK_INT(parse_prog(&prog_needs, "prog --quiet", &p, &c), OPTIONS_BAD);
    CHECK_STR(err, "missing COMMAND");
    /* --help before the command is the program's, after it the command's */
    CHECK_INT(parse_prog(&prog, "prog --help export", &p, &c), OPTIONS_HELP);
    CHECK(c.command == NULL);
    CHECK_INT(parse_prog(&prog, "prog export --help", &p, &c), OPTIONS_HELP);
}

/* Runs cmd with stdout and stderr into files; returns its exit status. */
static int run(const char *cmd, char *out, char *errs, size_t cap)
{
    char line[2048], path[2][128];
    const char *through = getenv("CHORUS_TEST_EXEC");
    snprintf(path[0], sizeof path[0], "%s/out", dir);
    snprintf(path[1], sizeof path[1], "%s/err", dir);
    snprintf(line, sizeof line, "%s%s%s >%s 2>%s", through ? through : "", through ? " " : "", cmd,
             path[0], path[1]);
    int rc = system(line);
    char *bufs[2] = {out, errs};
    for (int i = 0; i < 2; i++) {
        char *text = NULL;
        size_t len = 0;
        bufs[i][0] = '\0';
        if (file_read_all(path[i], cap - 1, &text, &len, err) == 0)
            memcpy(bufs[i], text, len + 1);
        free(text);
    }
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* The complaint and the exit status of options_read(), and --help's. */
static void test_read(void)
{
    char cmd[1024], out[8192], errs[8192];
    if (!bin[0])
        return;
    /* through the real programs: each command's table, its --help and its complaint */
    static const char *const sync_cmds[] = {"check-survey", "keygen",    "enrol",   "revoke",
                                            "import",       "pack",      "report",  "plan",
                                            "key-split",    "key-join",  "key-rotate"};
    for (size_t i = 0; i < sizeof sync_cmds / sizeof *sync_cmds; i++) {
        char want[256];
        snprintf(cmd, sizeof cmd, "%s/chorus-sync %s --help", bin, sync_cmds[i]);
        CHECK_INT(run(cmd, out, errs, sizeof out), 0);
        snprintf(want, sizeof want, "usage: chorus-sync %s ", sync_cmds[i]);
        CHECK(strncmp(out, want, strlen(want)) == 0);
        CHECK_STR(errs, "");
        snprintf(cmd, sizeof cmd, "%s/chorus-sync %s --no-such x", bin, sync_cmds[i]);
        CHECK_INT(run(cmd, out, errs, sizeof out), 2);
        snprintf(want, sizeof want, "chorus-sync %s: unknown option '--no-such' (see --help)\n",
                 sync_cmds[i]);
        CHECK_STR(errs, want);
        CHECK_STR(out, "");
    }
    snprintf(cmd, sizeof cmd, "%s/chorus-sync", bin);
    CHECK_INT(run(cmd, out, errs, sizeof out), 2);
    CHECK_STR(errs, "chorus-sync: missing COMMAND (see --help)\n");
    snprintf(cmd, sizeof cmd, "%s/chorus-sync --help", bin);
    CHECK_INT(run(cmd, out, errs, sizeof out), 0);
    CHECK(strstr(out, "\n  import [--db FILE] ") != NULL);
    snprintf(cmd, sizeof cmd, "%s/chorus-sync frob", bin);
    CHECK_INT(run(cmd, out, errs, sizeof out), 2);
    CHECK_STR(errs, "chorus-sync: unknown command 'frob' (see --help)\n");
    snprintf(cmd, sizeof cmd, "%s/chorus-sync import --threads 9 b", bin);
    CHECK_INT(run(cmd, out, errs, sizeof out), 2);
    CHECK_STR(errs, "chorus-sync import: --threads must be 1 to 8 (see --help)\n");
    snprintf(cmd, sizeof cmd, "%s/chorus-sync report --period", bin);
    CHECK_INT(run(cmd, out, errs, sizeof out), 2);
    CHECK_STR(errs, "chorus-sync report: --period needs a value (P) (see --help)\n");
    snprintf(cmd, sizeof cmd, "%s/chorus-sync enrol --name k a b", bin);
    CHECK_INT(run(cmd, out, errs, sizeof out), 2);
    CHECK_STR(errs, "chorus-sync enrol: unexpected argument 'b' (see --help)\n");

    static const char *const kiosk_cmds[] = {"status", "export", "import-receipt",
                                             "import-pack", "say"};
    for (size_t i = 0; i < sizeof kiosk_cmds / sizeof *kiosk_cmds; i++) {
        char want[256];
        snprintf(cmd, sizeof cmd, "%s/chorus-kiosk --data %s/none %s --help", bin, dir,
                 kiosk_cmds[i]);
        CHECK_INT(run(cmd, out, errs, sizeof out), 0);
        snprintf(want, sizeof want, "usage: chorus-kiosk %s", kiosk_cmds[i]);
        CHECK(strncmp(out, want, strlen(want)) == 0);
        snprintf(cmd, sizeof cmd, "%s/chorus-kiosk --data %s/none %s --no-such", bin, dir,
                 kiosk_cmds[i]);
        CHECK_INT(run(cmd, out, errs, sizeof out), 2);
        snprintf(want, sizeof want, "chorus-kiosk %s: unknown option '--no-such' (see --help)\n",
                 kiosk_cmds[i]);
        CHECK_STR(errs, want);
    }
    snprintf(cmd, sizeof cmd, "%s/chorus-kiosk --data %s/none --size 10 status", bin, dir);
    CHECK_INT(run(cmd, out, errs, sizeof out), 2);
    CHECK_STR(errs, "chorus-kiosk: --size is WxH, e.g. 800x480 (see --help)\n");
    snprintf(cmd, sizeof cmd, "%s/chorus-kiosk --help", bin);
    CHECK_INT(run(cmd, out, errs, sizeof out), 0);
    CHECK(strstr(out, "--data DIR") && strstr(out, "(default var/kiosk)"));
    /* none of these made a data folder */
    snprintf(cmd, sizeof cmd, "%s/none", dir);
    CHECK(!file_exists(cmd));
}

/* No line of any help is wider than the usage lines are wrapped at. */
static void test_widths(void)
{
    char path[128], *text = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/wide.txt", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    options_print_help(&files_cmd, f);
    options_print_help(&prog, f);
    options_print_help(&export_cmd, f);
    fclose(f);
    CHECK(file_read_all(path, 65536, &text, &len, err) == 0);
    for (char *line = text; line && *line;) {
        char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        CHECK(n <= 96);
        line = end ? end + 1 : line + n;
    }
    CHECK(text && strstr(text, "usage: prog [--data DIR] [--quiet] [COMMAND [ARGS]]\n"));
    CHECK(text && strstr(text, "\n  export --out FILE\n  status\n"));
    free(text);
}

int main(int argc, char **argv)
{
    (void)argc;
    snprintf(dir, sizeof dir, "/tmp/chorus-options-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    /* BUILD/tests/test_options: the programs are in BUILD */
    const char *slash = strrchr(argv[0], '/');
    if (slash) {
        snprintf(bin, sizeof bin, "%.*s/..", (int)(slash - argv[0]), argv[0]);
        char probe[600];
        snprintf(probe, sizeof probe, "%s/chorus-sync", bin);
        if (!file_exists(probe))
            bin[0] = '\0';
    }
    RUN(test_values);
    RUN(test_defaults);
    RUN(test_mistakes);
    RUN(test_positional);
    RUN(test_help);
    RUN(test_commands);
    RUN(test_read);
    RUN(test_widths);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return TEST_SUMMARY("options");
}
