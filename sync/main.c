/* chorus-sync: the council's side of Chorus.
 *
 * Start reading at main(): it looks the subcommand up in `commands` and runs it. Each command
 * returns the process exit status; only main exits. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "fileio.h"
#include "keyfile.h"
#include "chorus_limits.h"
#include "survey.h"

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *usage;
    const char *help;
} Command;

static const Command *find_command(const char *name);

static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

static int print_help(const char *name)
{
    const Command *c = find_command(name);
    printf("usage: chorus-sync %s\n\n%s\n", c->usage, c->help);
    return 0;
}

/* check-survey FILE...: "ok" per good file, FILE:ROW:COLUMN: reason per problem. */
static int cmd_check_survey(int argc, char **argv)
{
    if (wants_help(argc, argv))
        return print_help("check-survey");
    if (argc < 2) {
        fprintf(stderr, "chorus-sync check-survey: name at least one survey file\n");
        return 2;
    }
    int bad = 0;
    static SurveyProblems probs;
    for (int i = 1; i < argc; i++) {
        Survey *s = survey_load(argv[i], &probs);
        if (!s) {
            survey_problems_print(argv[i], &probs, stdout);
            bad++;
            continue;
        }
        int asked = 0;
        for (int q = 0; q < s->nquestions; q++)
            asked += s->questions[q].type != QT_NOTE;
        printf("%s: ok: form %s version %s, %d questions on %d screens, %d language%s\n",
               argv[i], s->form_id, s->version, asked, s->npages, s->nlangs,
               s->nlangs == 1 ? "" : "s");
        survey_free(s);
    }
    return bad ? 1 : 0;
}

/* keygen --dir DIR: the council's two key pairs. */
static int cmd_keygen(int argc, char **argv)
{
    if (wants_help(argc, argv))
        return print_help("keygen");
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else {
            fprintf(stderr, "chorus-sync keygen: unexpected '%s' (see --help)\n", argv[i]);
            return 2;
        }
    }
    if (!dir) {
        fprintf(stderr, "chorus-sync keygen: --dir DIR is required\n");
        return 2;
    }
    char err[ERR_LEN], path[4][4096];
    static const char *const names[4] = {"council-box.pub", "council-box.key", "council-sign.pub",
                                         "council-sign.key"};
    for (int i = 0; i < 4; i++) {
        snprintf(path[i], sizeof path[i], "%s/%s", dir, names[i]);
        if (file_exists(path[i])) {
            fprintf(stderr, "chorus-sync keygen: %s already exists; refusing to replace keys\n",
                    path[i]);
            return 1;
        }
    }
    if (file_mkdirs(dir, 0700, err) != 0) {
        fprintf(stderr, "chorus-sync keygen: %s\n", err);
        return 1;
    }
    uint8_t box_pk[crypto_box_PUBLICKEYBYTES], sign_pk[crypto_sign_PUBLICKEYBYTES];
    uint8_t *box_sk = sodium_malloc(crypto_box_SECRETKEYBYTES);
    uint8_t *sign_sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    int rc = 1;
    if (!box_sk || !sign_sk) {
        fprintf(stderr, "chorus-sync keygen: out of memory\n");
        goto done;
    }
    crypto_box_keypair(box_pk, box_sk);
    crypto_sign_keypair(sign_pk, sign_sk);
    /* Secret halves first: a public key without its secret would be worse than none. */
    if (keyfile_write(path[1], KEY_COUNCIL_BOX_SECRET, box_sk, err) != 0 ||
        keyfile_write(path[3], KEY_COUNCIL_SIGN_SECRET, sign_sk, err) != 0 ||
        keyfile_write(path[0], KEY_COUNCIL_BOX_PUBLIC, box_pk, err) != 0 ||
        keyfile_write(path[2], KEY_COUNCIL_SIGN_PUBLIC, sign_pk, err) != 0) {
        fprintf(stderr, "chorus-sync keygen: %s\n", err);
        goto done;
    }
    uint8_t id[KEY_ID_LEN];
    char hex[2 * KEY_ID_LEN + 1];
    keyfile_key_id(box_pk, id);
    sodium_bin2hex(hex, sizeof hex, id, sizeof id);
    printf("council keys written to %s (sealing key id %s)\n", dir, hex);
    printf("give the kiosk %s; keep the .key files on this machine only\n", path[0]);
    rc = 0;
done:
    sodium_free(box_sk);
    sodium_free(sign_sk);
    return rc;
}

static const Command commands[] = {
    {"check-survey", cmd_check_survey, "check-survey FILE...",
     "Checks XLSForm survey files (pyxform single-CSV layout) the way the kiosk will read them.\n"
     "Prints 'FILE: ok: ...' with the form id, version and question count for each good file,\n"
     "or 'FILE:ROW:COLUMN: reason' for each problem. Exits 1 if any file is bad."},
    {"keygen", cmd_keygen, "keygen --dir DIR",
     "Makes the council's key pairs in DIR: council-box.pub/.key (X25519: answers are sealed\n"
     "to it) and council-sign.pub/.key (Ed25519: signs packs and receipts). The .key files are\n"
     "written 0600 and never leave the council machine. Refuses to replace existing keys."},
};

static const Command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus-sync COMMAND [ARGS]   (chorus-sync COMMAND --help for more)\n\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %s\n", commands[i].usage);
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const Command *c = find_command(argv[1]);
    if (!c) {
        fprintf(stderr, "chorus-sync: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return 2;
    }
    if (sodium_init() < 0) {
        fprintf(stderr, "chorus-sync: libsodium could not start\n");
        return 1;
    }
    return c->fn(argc - 1, argv + 1);
}
