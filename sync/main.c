/* chorus-sync: the council's side of Chorus.
 *
 * Start reading at main(): it looks the subcommand up in `commands` and runs it. Each command
 * returns the process exit status; only main exits. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chorus_limits.h"
#include "council.h"
#include "fileio.h"
#include "import.h"
#include "keyfile.h"
#include "plan.h"
#include "report.h"
#include "signed.h"
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

/* The value after option name (e.g. --db FILE), or fallback when it is not given. */
static const char *option(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return fallback;
}

/* The arguments that are not options or option values, in order. */
static int positional(int argc, char **argv, const char *const *with_value, const char **out,
                      int max)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        int takes = 0;
        for (const char *const *o = with_value; *o; o++)
            takes |= strcmp(argv[i], *o) == 0;
        if (takes) {
            i++;
            continue;
        }
        if (argv[i][0] == '-' || n == max)
            return -1;
        out[n++] = argv[i];
    }
    return n;
}

/* enrol --name NAME KEYFILE: registers a kiosk's public key. */
static int cmd_enrol(int argc, char **argv)
{
    if (wants_help(argc, argv))
        return print_help("enrol");
    static const char *const opts[] = {"--name", "--db", NULL};
    const char *files[1];
    const char *name = option(argc, argv, "--name", NULL);
    if (!name || positional(argc, argv, opts, files, 1) != 1) {
        fprintf(stderr, "chorus-sync enrol: usage: enrol --name NAME KEYFILE (see --help)\n");
        return 2;
    }
    char err[ERR_LEN];
    uint8_t pk[32], id[KEY_ID_LEN];
    if (keyfile_read(files[0], KEY_KIOSK_SIGN_PUBLIC, pk, id, err) != 0) {
        fprintf(stderr, "chorus-sync enrol: %s\n", err);
        return 1;
    }
    Council *c = council_open(option(argc, argv, "--db", "var/council.db"), err);
    int rc = 1;
    if (!c || council_enrol(c, name, pk, err) != 0) {
        fprintf(stderr, "chorus-sync enrol: %s\n", err);
    } else {
        char hex[2 * KEY_ID_LEN + 1];
        sodium_bin2hex(hex, sizeof hex, id, sizeof id);
        printf("enrolled kiosk '%s' (key %s)\n", name, hex);
        rc = 0;
    }
    council_close(c);
    return rc;
}

/* revoke NAME: stops accepting a kiosk's bundles. */
static int cmd_revoke(int argc, char **argv)
{
    if (wants_help(argc, argv))
        return print_help("revoke");
    static const char *const opts[] = {"--db", NULL};
    const char *names[1];
    if (positional(argc, argv, opts, names, 1) != 1) {
        fprintf(stderr, "chorus-sync revoke: usage: revoke NAME (see --help)\n");
        return 2;
    }
    char err[ERR_LEN];
    Council *c = council_open_existing(option(argc, argv, "--db", "var/council.db"), err);
    int rc = 1;
    if (!c || council_revoke(c, names[0], err) != 0)
        fprintf(stderr, "chorus-sync revoke: %s\n", err);
    else {
        printf("kiosk '%s' revoked: its bundles will be refused\n", names[0]);
        rc = 0;
    }
    council_close(c);
    return rc;
}

/* pack --out FILE: surveys, "you said, we did" items and the council keys, signed. */
static int cmd_pack(int argc, char **argv)
{
    if (wants_help(argc, argv))
        return print_help("pack");
    static const char *const opts[] = {"--out", "--keys", "--surveys", "--news", "--sequence",
                                       NULL};
    const char *none[1];
    const char *out = option(argc, argv, "--out", NULL);
    const char *keys = option(argc, argv, "--keys", "var/council");
    const char *dir = option(argc, argv, "--surveys", "assets/surveys");
    const char *news = option(argc, argv, "--news", NULL);
    const char *seq_s = option(argc, argv, "--sequence", NULL);
    if (!out || positional(argc, argv, opts, none, 0) != 0) {
        fprintf(stderr, "chorus-sync pack: usage: pack --out FILE (see --help)\n");
        return 2;
    }
    /* Newer packs must carry larger numbers: by default, the time it was made. */
    unsigned long long seq = (unsigned long long)time(NULL);
    if (seq_s) {
        char *end;
        seq = strtoull(seq_s, &end, 10);
        if (*end || !*seq_s || seq == 0) {
            fprintf(stderr, "chorus-sync pack: --sequence must be a positive number\n");
            return 2;
        }
    }
    char err[ERR_LEN], path[4096];
    int rc = 1, nfiles = 0;
    PackFile files[PACK_FILES_MAX];
    char *bufs[PACK_FILES_MAX] = {0};
    uint8_t *packed = NULL, box_pk[crypto_box_PUBLICKEYBYTES];
    size_t packed_len = 0;
    uint8_t *sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    char *names[PACK_FILES_MAX];
    int nnames = 0;
    if (!sk) {
        fprintf(stderr, "chorus-sync pack: out of memory\n");
        return 1;
    }
    snprintf(path, sizeof path, "%s/council-sign.key", keys);
    if (keyfile_read(path, KEY_COUNCIL_SIGN_SECRET, sk, NULL, err) != 0)
        goto fail;
    snprintf(path, sizeof path, "%s/council-box.pub", keys);
    if (keyfile_read(path, KEY_COUNCIL_BOX_PUBLIC, box_pk, NULL, err) != 0)
        goto fail;
    /* In name order, so the same folder always makes the same pack. */
    nnames = file_list(dir, ".csv", names, PACK_FILES_MAX - 1, err);
    if (nnames < 0)
        goto fail;
    static SurveyProblems probs;
    for (int i = 0; i < nnames; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        if (file_read_all(path, CSV_FILE_MAX, &bufs[nfiles], &len, err) != 0)
            goto fail;
        /* A pack is checked here, so a kiosk never receives a survey it can't load. */
        Survey *s = survey_parse(path, bufs[nfiles], len, &probs);
        if (!s) {
            survey_problems_print(path, &probs, stderr);
            snprintf(err, ERR_LEN, "%s does not load; no pack written", path);
            goto fail;
        }
        survey_free(s);
        files[nfiles] = (PackFile){PACK_SURVEY, strdup(names[i]), (uint8_t *)bufs[nfiles], len};
        nfiles++;
    }
    if (news) {
        size_t len;
        if (file_read_all(news, 64 * 1024, &bufs[nfiles], &len, err) != 0)
            goto fail;
        if (!utf8_valid(bufs[nfiles], len)) {
            snprintf(err, ERR_LEN, "%s: not UTF-8 text", news);
            goto fail;
        }
        files[nfiles] = (PackFile){PACK_NEWS, strdup("news.txt"), (uint8_t *)bufs[nfiles], len};
        nfiles++;
    }
    if (pack_write(sk, seq, box_pk, files, nfiles, &packed, &packed_len, err) != 0 ||
        file_write_atomic(out, packed, packed_len, 0644, err) != 0)
        goto fail;
    printf("pack %llu written to %s: %d files\n", seq, out, nfiles);
    rc = 0;
fail:
    if (rc)
        fprintf(stderr, "chorus-sync pack: %s\n", err);
    file_list_free(names, nnames);
    for (int i = 0; i < nfiles; i++)
        free((char *)files[i].name);
    for (int i = 0; i < PACK_FILES_MAX; i++)
        free(bufs[i]);
    free(packed);
    sodium_free(sk);
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
    {"enrol", cmd_enrol, "enrol --name NAME KEYFILE [--db FILE]",
     "Registers a kiosk: KEYFILE is the kiosk's public key (DATA/kiosk-sign.pub, shown by\n"
     "'chorus-kiosk status'). Only bundles signed by enrolled, unrevoked kiosks are imported.\n"
     "Default database: var/council.db."},
    {"revoke", cmd_revoke, "revoke NAME [--db FILE]",
     "Stops accepting bundles from the kiosk called NAME (a lost or stolen kiosk). Responses\n"
     "already imported from it are kept."},
    {"import", cmd_import, "import [--db FILE] [--keys DIR] [--surveys DIR] [--receipts DIR] [--threads N] BUNDLE...",
     "See 'chorus-sync import --help'."},
    {"pack", cmd_pack,
     "pack --out FILE [--keys DIR] [--surveys DIR] [--news FILE] [--sequence N]",
     "Writes a kiosk pack signed by the council: every survey in --surveys (default\n"
     "assets/surveys; each must load), the 'you said, we did' items of --news (UTF-8 text, one\n"
     "item a line) and the council's public sealing key. A kiosk accepts only packs signed by its\n"
     "council and newer than the one it has; the sequence defaults to the current time."},
    {"report", cmd_report, "report --period PERIOD --out DIR [--db FILE] [--surveys DIR] [--measures FILE]",
     "See 'chorus-sync report --help'."},
    {"plan", cmd_plan, "plan --in PLAN.tsv --out PLAN.tsv --period PERIOD [--plan NAME] [--db FILE] [--measures FILE]",
     "See 'chorus-sync plan --help'."},
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
