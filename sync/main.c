/* chorus-sync: the council's side of Chorus.
 *
 * Start reading at main(): it reads the command's name by `sync_options` and runs the
 * command's function from its table. Each command reads its own options by its own table
 * (common/options.h; those of import, report and plan live beside them) and returns the
 * process exit status; only main exits. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chorus_limits.h"
#include "copy.h"
#include "council.h"
#include "defaults.h"
#include "fileio.h"
#include "help_requests.h"
#include "import.h"
#include "keycmd.h"
#include "keyfile.h"
#include "keyring.h"
#include "ledger.h"
#include "migrate.h"
#include "options.h"
#include "net.h"
#include "pack_content.h"
#include "plan.h"
#include "records.h"
#include "report.h"
#include "revoke.h"
#include "serve.h"
#include "signed.h"
#include "survey.h"
#include "withdraw.h"

static int cmd_check_survey(int argc, char **argv);

static const OptionTable check_survey_options = {
    .program = "chorus-sync",
    .name = "check-survey",
    .args = "FILE",
    .args_min = 1,
    .args_max = -1,
    .run = cmd_check_survey,
    .about =
        "Checks XLSForm survey files (.xlsx, .xls, or pyxform's single-CSV layout) the way the\n"
        "kiosk will read them. Prints 'FILE: ok: ...' with the form id, version and question\n"
        "count for each good file, or one line per problem: 'FILE:SHEET!C12: reason' in a\n"
        "workbook, 'FILE:ROW:COLUMN: reason' in a CSV. A good file with metadata rows (start,\n"
        "end, deviceid, username...) gets a 'FILE: note:' line: Chorus does not collect them.\n"
        "Exits 1 if any file is bad.",
};

/* check-survey FILE...: "ok" per good file, a FILE:ROW:COLUMN (FILE:SHEET!C12) line per problem. */
static int cmd_check_survey(int argc, char **argv)
{
    OptionArgs files;
    int done = options_read(&check_survey_options, argc, argv, NULL, &files);
    if (done >= 0)
        return done;
    int bad = 0;
    static SurveyProblems probs;
    for (int i = 0; i < files.nargs; i++) {
        Survey *s = survey_load(files.args[i], &probs);
        if (!s) {
            survey_problems_print(files.args[i], &probs, stdout);
            bad++;
            continue;
        }
        int asked = 0;
        for (int q = 0; q < s->nquestions; q++)
            asked += s->questions[q].type != QT_NOTE;
        printf("%s: ok: form %s version %s, %d questions on %d screens, %d language%s\n",
               files.args[i], s->form_id, s->version, asked, s->npages, s->nlangs,
               s->nlangs == 1 ? "" : "s");
        if (s->nmeta > 0) {
            /* ODK's metadata rows load so that a phone's form runs unchanged, but nothing of
             * them is kept: say so, so that nobody expects the values in a report. */
            printf("%s: note: Chorus does not collect", files.args[i]);
            for (int m = 0; m < s->nmeta; m++) {
                int seen = 0;
                for (int k = 0; k < m; k++)
                    seen |= strcmp(s->meta_types[k], s->meta_types[m]) == 0;
                if (!seen)
                    printf("%s %s", m ? "," : "", s->meta_types[m]);
            }
            printf(" (metadata rows: accepted, never recorded)\n");
        }
        survey_free(s);
    }
    return bad ? 1 : 0;
}

static int cmd_keygen(int argc, char **argv);

typedef struct {
    const char *dir, *cost;
    int plain;
    PassphraseSource pass;
} KeygenArgs;

static const Option keygen_rows[] = {
    OPT_REQUIRED("--dir", "DIR", KeygenArgs, dir, "where the keys go (made 0700 if new)"),
    OPT_NEW_LOCK(KeygenArgs, plain, cost, pass),
    OPT_END,
};

static const OptionTable keygen_options = {
    .program = "chorus-sync",
    .name = "keygen",
    .options = keygen_rows,
    .run = cmd_keygen,
    .about =
        "Makes the council's key pairs in DIR: " COUNCIL_BOX_PUBLIC_FILE "/.key (X25519: answers are\n"
        "sealed to it) and " COUNCIL_SIGN_PUBLIC_FILE "/.key (Ed25519: signs packs and receipts). The\n"
        ".key files are written 0600, locked with a passphrase (asked twice on a terminal; Argon2id\n"
        "and XChaCha20-Poly1305), and never leave the council machine. Refuses to replace existing\n"
        "keys.",
};

/* keygen --dir DIR: the council's two key pairs. */
static int cmd_keygen(int argc, char **argv)
{
    KeygenArgs o;
    OptionArgs args;
    int done = options_read(&keygen_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    /* Secret halves first: a public key without its secret would be worse than none. */
    enum { BOX_SECRET, SIGN_SECRET, BOX_PUBLIC, SIGN_PUBLIC, NKEYS };
    static const struct {
        const char *file;
        KeyKind kind;
    } keys[NKEYS] = {
        [BOX_SECRET] = {COUNCIL_BOX_SECRET_FILE, KEY_COUNCIL_BOX_SECRET},
        [SIGN_SECRET] = {COUNCIL_SIGN_SECRET_FILE, KEY_COUNCIL_SIGN_SECRET},
        [BOX_PUBLIC] = {COUNCIL_BOX_PUBLIC_FILE, KEY_COUNCIL_BOX_PUBLIC},
        [SIGN_PUBLIC] = {COUNCIL_SIGN_PUBLIC_FILE, KEY_COUNCIL_SIGN_PUBLIC},
    };
    char err[ERR_LEN], path[NKEYS][4096];
    for (int i = 0; i < NKEYS; i++) {
        snprintf(path[i], sizeof path[i], "%s/%s", o.dir, keys[i].file);
        if (file_exists(path[i])) {
            fprintf(stderr, "chorus-sync keygen: %s already exists; refusing to replace keys\n",
                    path[i]);
            return 1;
        }
    }
    KeyPassphrase *lock = NULL;
    done = keycmd_new_lock(&keygen_options, o.plain, o.cost, &o.pass, o.dir, &lock);
    if (done >= 0)
        return done;
    if (file_mkdirs(o.dir, 0700, err) != 0) {
        fprintf(stderr, "chorus-sync keygen: %s\n", err);
        keyfile_passphrase_free(lock);
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
    const uint8_t *key[NKEYS] = {
        [BOX_SECRET] = box_sk, [SIGN_SECRET] = sign_sk, [BOX_PUBLIC] = box_pk,
        [SIGN_PUBLIC] = sign_pk};
    for (int i = 0; i < NKEYS; i++) {
        if (keyfile_store(path[i], keys[i].kind, key[i], i < BOX_PUBLIC ? lock : NULL,
                          KEYFILE_NEW, err) != 0) {
            fprintf(stderr, "chorus-sync keygen: %s\n", err);
            goto done;
        }
    }
    uint8_t id[KEY_ID_LEN];
    char hex[2 * KEY_ID_LEN + 1];
    keyfile_key_id(box_pk, id);
    sodium_bin2hex(hex, sizeof hex, id, sizeof id);
    printf("council keys written to %s (sealing key id %s)%s\n", o.dir, hex,
           lock ? "" : ", not encrypted (development keys)");
    printf("give the kiosk %s; keep the .key files on this machine only\n", path[BOX_PUBLIC]);
    rc = 0;
done:
    sodium_free(box_sk);
    sodium_free(sign_sk);
    keyfile_passphrase_free(lock);
    return rc;
}

static int cmd_enrol(int argc, char **argv);

typedef struct {
    const char *name, *db;
} EnrolArgs;

static const Option enrol_rows[] = {
    OPT_REQUIRED("--name", "NAME", EnrolArgs, name, "what the council calls the kiosk"),
    OPT_TEXT("--db", "FILE", EnrolArgs, db, DEFAULT_COUNCIL_DB,
             "the council database (made if there is none)"),
    OPT_END,
};

static const OptionTable enrol_options = {
    .program = "chorus-sync",
    .name = "enrol",
    .options = enrol_rows,
    .args = "KEYFILE",
    .args_min = 1,
    .args_max = 1,
    .run = cmd_enrol,
    .about = "Registers a kiosk: KEYFILE is the kiosk's public key (DATA/" KIOSK_SIGN_PUBLIC_FILE
             ", shown by\n"
             "'chorus-kiosk status'). Only bundles signed by enrolled, unrevoked kiosks are "
             "imported.",
};

/* enrol --name NAME KEYFILE: registers a kiosk's public key. */
static int cmd_enrol(int argc, char **argv)
{
    EnrolArgs o;
    OptionArgs files;
    int done = options_read(&enrol_options, argc, argv, &o, &files);
    if (done >= 0)
        return done;
    char err[ERR_LEN];
    uint8_t pk[32], id[KEY_ID_LEN];
    if (keyfile_read(files.args[0], KEY_KIOSK_SIGN_PUBLIC, pk, id, err) != 0) {
        fprintf(stderr, "chorus-sync enrol: %s\n", err);
        return 1;
    }
    Council *c = council_open(o.db, err);
    int rc = 1;
    if (!c || council_enrol(c, o.name, pk, err) != 0) {
        fprintf(stderr, "chorus-sync enrol: %s\n", err);
    } else {
        char hex[2 * KEY_ID_LEN + 1];
        sodium_bin2hex(hex, sizeof hex, id, sizeof id);
        printf("enrolled kiosk '%s' (key %s)\n", o.name, hex);
        rc = 0;
    }
    council_close(c);
    return rc;
}

static int cmd_pack(int argc, char **argv);

typedef struct {
    const char *out, *keys, *surveys, *news, *server_pin, *server_url;
    const char *council; /* provision only: the council's name */
    unsigned long long sequence;
    PassphraseSource pass;
} PackArgs;

static const Option pack_rows[] = {
    OPT_REQUIRED("--out", "FILE", PackArgs, out, "where the pack goes"),
    OPT_TEXT("--keys", "DIR", PackArgs, keys, DEFAULT_COUNCIL_KEYS, "the council's keys"),
    OPT_TEXT("--surveys", "DIR", PackArgs, surveys, DEFAULT_SURVEYS,
             "the surveys to send (each must load)"),
    OPT_TEXT("--news", "FILE", PackArgs, news, NULL,
             "the 'you said, we did' items: UTF-8 text, one item a line"),
    OPT_NUMBER("--sequence", "N", PackArgs, sequence, 1, 0,
               "the pack's number (default: the current time)"),
    OPT_TEXT("--server-pin", "PINS", PackArgs, server_pin, NULL,
             "the key kiosks trust the council's server with, sha256//BASE64 (up to\n"
             "4 separated by ';' while it changes); replaces each kiosk's " NET_PIN_FILE),
    OPT_TEXT("--server-url", "URL", PackArgs, server_url, NULL,
             "the council's server, https://HOST[:PORT], for `chorus-kiosk sync`\n"
             "without --server; replaces each kiosk's " NET_URL_FILE),
    OPT_PASSPHRASE(PackArgs, pass),
    OPT_END,
};

static const OptionTable pack_options = {
    .program = "chorus-sync",
    .name = "pack",
    .options = pack_rows,
    .run = cmd_pack,
    .about =
        "Writes a kiosk pack signed by the council: every survey in --surveys, the 'you said, we\n"
        "did' items of --news, the council's public sealing key, and the server's pin and URL\n"
        "when given. A kiosk accepts only packs\n"
        "signed by its council and newer than the one it has, and seals to the sealing key of\n"
        "the last one it accepted (after key-rotate, the new key).",
};

/* Reads the pack just built back as a kiosk does (pack_read, then pack_content_check: the same
 * functions, limits and messages), so a pack every kiosk would refuse is never written. A
 * problem names the source file, from dir or the --news file news, with its line. Returns 0,
 * or -1 with err. */
static int check_built_pack(const uint8_t *packed, size_t len, const char *dir,
                            const char *news, char *err)
{
    char why[ERR_LEN], source[4096];
    Arena *a = arena_new();
    Pack p;
    PackContents counts;
    PackProblem prob;
    SurveyMedia media; /* the pictures beside dir, as the kiosk keeps them beside its surveys */
    int rc = -1;
    if (!a) {
        snprintf(err, ERR_LEN, "out of memory");
    } else if (survey_media_beside(dir, &media) != 0) {
        snprintf(err, ERR_LEN, "%s: path too long", dir);
    } else if (pack_read(packed, len, a, &p, why) != 0) {
        snprintf(err, ERR_LEN, "the pack built does not read back (%s); no pack written", why);
    } else if (pack_content_check(&p, &media, NULL, 0, NULL, &counts, &prob) != 0) {
        const PackFile *f = prob.file >= 0 ? &p.files[prob.file] : NULL;
        if (f && f->kind == PACK_NEWS && news)
            snprintf(source, sizeof source, "%s", news);
        else if (f)
            snprintf(source, sizeof source, "%s/%s", dir, f->name);
        pack_problem_format(&p, &prob, f ? source : NULL, why);
        snprintf(err, ERR_LEN, "%s; no pack written (every kiosk would refuse it)", why);
    } else {
        rc = 0;
    }
    arena_free(a);
    return rc;
}

/* Builds the pack o asks for, signed by the council's key in ring: every survey in o->surveys
 * (each must load), the --news items, the server's pin and URL. The pack is read back as a
 * kiosk reads it before it is returned. Returns 0 with malloc'd *packed and the number of files,
 * or -1 with err. */
static int pack_build(const PackArgs *o, const Keyring *ring, uint64_t seq, uint8_t **packed,
                      size_t *packed_len, int *count, char *err)
{
    const char *dir = o->surveys, *news = o->news;
    char path[4096];
    int rc = -1, nfiles = 0;
    PackFile files[PACK_FILES_MAX];
    char *bufs[PACK_FILES_MAX] = {0};
    char *names[PACK_FILES_MAX];
    *packed = NULL;
    const uint8_t *sk = keyring_sign_secret(ring), *box_pk = keyring_box_public(ring);
    /* In name order, so the same folder always makes the same pack; room for news, pin, URL. */
    int nnames = survey_list(dir, names, PACK_FILES_MAX - 3, err);
    if (nnames < 0)
        return -1;
    static SurveyProblems probs;
    for (int i = 0; i < nnames; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        if (file_read_found(path, CSV_FILE_MAX, &bufs[nfiles], &len, err) != 0)
            goto done;
        /* A pack is checked here, so a kiosk never receives a survey it can't load. */
        Survey *s = survey_parse(path, bufs[nfiles], len, &probs);
        if (!s) {
            survey_problems_print(path, &probs, stderr);
            snprintf(err, ERR_LEN, "%s does not load; no pack written", path);
            goto done;
        }
        survey_free(s);
        files[nfiles] = (PackFile){PACK_SURVEY, strdup(names[i]), (uint8_t *)bufs[nfiles], len};
        nfiles++;
    }
    if (news) {
        size_t len;
        if (file_read_all(news, 64 * 1024, &bufs[nfiles], &len, err) != 0)
            goto done;
        files[nfiles] = (PackFile){PACK_NEWS, strdup("news.txt"), (uint8_t *)bufs[nfiles], len};
        nfiles++;
    }
    /* The server's pin and URL, as the kiosk keeps them: one line each. */
    const char *settings[2][2] = {{NET_PIN_FILE, o->server_pin}, {NET_URL_FILE, o->server_url}};
    for (int i = 0; i < 2; i++) {
        if (!settings[i][1])
            continue;
        char why[ERR_LEN];
        size_t len = strlen(settings[i][1]);
        if (!(i == 0 ? net_pin_valid(settings[i][1], len, why)
                     : net_url_valid(settings[i][1], len, why))) {
            snprintf(err, ERR_LEN, "%s %s: %s; no pack written",
                     i == 0 ? "--server-pin" : "--server-url", settings[i][1], why);
            goto done;
        }
        bufs[nfiles] = malloc(len + 2);
        if (!bufs[nfiles]) {
            snprintf(err, ERR_LEN, "out of memory");
            goto done;
        }
        snprintf(bufs[nfiles], len + 2, "%s\n", settings[i][1]);
        files[nfiles] = (PackFile){PACK_SETTINGS, strdup(settings[i][0]),
                                   (uint8_t *)bufs[nfiles], len + 1};
        nfiles++;
    }
    if (pack_write(sk, seq, box_pk, files, nfiles, packed, packed_len, err) != 0 ||
        check_built_pack(*packed, *packed_len, dir, news, err) != 0)
        goto done;
    *count = nfiles;
    rc = 0;
done:
    if (rc) {
        free(*packed);
        *packed = NULL;
    }
    file_list_free(names, nnames);
    for (int i = 0; i < nfiles; i++)
        free((char *)files[i].name);
    for (int i = 0; i < PACK_FILES_MAX; i++)
        free(bufs[i]);
    return rc;
}

/* pack --out FILE: surveys, "you said, we did" items and the council keys, signed. */
static int cmd_pack(int argc, char **argv)
{
    PackArgs o;
    OptionArgs args;
    int done = options_read(&pack_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    /* Newer packs must carry larger numbers: by default, the time it was made. */
    unsigned long long seq = o.sequence ? o.sequence : (unsigned long long)time(NULL);
    char err[ERR_LEN];
    int rc = 1, nfiles = 0;
    uint8_t *packed = NULL;
    size_t packed_len = 0;
    /* The sealing keys too: a pack never sends kiosks a key this council cannot open. */
    Keyring *ring = keyring_open(o.keys, KEYRING_SIGN | KEYRING_BOX, &o.pass,
                                 "chorus-sync pack", err);
    if (!ring || pack_build(&o, ring, seq, &packed, &packed_len, &nfiles, err) != 0 ||
        file_write_atomic(o.out, packed, packed_len, 0644, err) != 0)
        fprintf(stderr, "chorus-sync pack: %s\n", err);
    else
        rc = 0;
    if (rc == 0)
        printf("pack %llu written to %s: %d files\n", seq, o.out, nfiles);
    free(packed);
    keyring_free(ring);
    return rc;
}

static int cmd_provision(int argc, char **argv);

static const Option provision_rows[] = {
    OPT_REQUIRED("--out", "FILE", PackArgs, out,
                 "where the provisioning file goes (name it NAME" PROVISION_SUFFIX " on a stick)"),
    OPT_REQUIRED("--council", "NAME", PackArgs, council,
                 "the council's name, as the worker at the kiosk will see it"),
    OPT_TEXT("--keys", "DIR", PackArgs, keys, DEFAULT_COUNCIL_KEYS, "the council's keys"),
    OPT_TEXT("--surveys", "DIR", PackArgs, surveys, DEFAULT_SURVEYS,
             "the first pack's surveys (each must load)"),
    OPT_TEXT("--news", "FILE", PackArgs, news, NULL,
             "the first pack's 'you said, we did' items"),
    OPT_NUMBER("--sequence", "N", PackArgs, sequence, 1, 0,
               "the first pack's number (default: the current time)"),
    OPT_TEXT("--server-pin", "PINS", PackArgs, server_pin, NULL,
             "the key kiosks trust the council's server with, sha256//BASE64"),
    OPT_TEXT("--server-url", "URL", PackArgs, server_url, NULL,
             "the council's server, https://HOST[:PORT], for `chorus-kiosk sync`"),
    OPT_PASSPHRASE(PackArgs, pass),
    OPT_END,
};

static const OptionTable provision_options = {
    .program = "chorus-sync",
    .name = "provision",
    .options = provision_rows,
    .run = cmd_provision,
    .about =
        "Writes the file a new kiosk is set up from, signed by the council: its name, its\n"
        "signing key and a first pack (made as `pack` makes one: the surveys, the sealing key,\n"
        "the server's URL and pin). Copied to a stick as NAME" PROVISION_SUFFIX ", a kiosk with no\n"
        "council keys finds it, shows the worker the council's name and key id, and is set up\n"
        "when they confirm; it writes its own key back to the stick for `enrol`.",
};

/* provision --out FILE --council NAME: a new kiosk's council keys and first pack, signed. */
static int cmd_provision(int argc, char **argv)
{
    PackArgs o;
    OptionArgs args;
    int done = options_read(&provision_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    unsigned long long seq = o.sequence ? o.sequence : (unsigned long long)time(NULL);
    char err[ERR_LEN];
    int rc = 1, nfiles = 0;
    uint8_t *packed = NULL, *out = NULL;
    size_t packed_len = 0, out_len = 0;
    Keyring *ring = keyring_open(o.keys, KEYRING_SIGN | KEYRING_BOX, &o.pass,
                                 "chorus-sync provision", err);
    if (!ring || pack_build(&o, ring, seq, &packed, &packed_len, &nfiles, err) != 0 ||
        provision_write(keyring_sign_secret(ring), o.council, packed, packed_len, &out, &out_len,
                        err) != 0 ||
        file_write_atomic(o.out, out, out_len, 0644, err) != 0) {
        fprintf(stderr, "chorus-sync provision: %s\n", err);
    } else {
        uint8_t pk[SIGN_PK_LEN], id[KEY_ID_LEN];
        char hex[2 * KEY_ID_LEN + 1];
        crypto_sign_ed25519_sk_to_pk(pk, keyring_sign_secret(ring));
        keyfile_key_id(pk, id);
        sodium_bin2hex(hex, sizeof hex, id, sizeof id);
        printf("provisioning file for %s written to %s: signing key %s, pack %llu with %d "
               "files\n",
               o.council, o.out, hex, seq, nfiles);
        printf("the kiosk shows the key as %.4s %.4s %.4s %.4s: tell the worker to check it\n",
               hex, hex + 4, hex + 8, hex + 12);
        rc = 0;
    }
    free(out);
    free(packed);
    keyring_free(ring);
    return rc;
}

static const OptionTable *const commands[] = {
    &check_survey_options, &keygen_options, &enrol_options, &revoke_options, &import_options,
    &pack_options,         &provision_options, &report_options, &plan_options,  &help_requests_options,
    &key_split_options,    &key_join_options, &key_rotate_options, &bundles_options,
    &quarantine_options,   &published_options, &records_options, &serve_options,
    &withdraw_options,     &migrate_options, &copy_options,       NULL,
};

static const OptionTable sync_options = {
    .program = "chorus-sync",
    .args_min = 1,
    .commands = commands,
    .about = "The council's side of Chorus: its keys, the kiosks it accepts, their bundles in, "
             "receipts\nand packs out, the committee's report and the action plan's figures.",
};

int main(int argc, char **argv)
{
    OptionArgs args;
    int done = options_read(&sync_options, argc, argv, NULL, &args);
    if (done >= 0)
        return done;
    if (sodium_init() < 0) {
        fprintf(stderr, "chorus-sync: libsodium could not start\n");
        return 1;
    }
    return args.command->run(args.nargs, args.args);
}
