/* seed_tool: the two seed kinds tests/fuzz/make_seeds.sh can't make with the real binaries.
 *
 *   seed_tool relevant OUTDIR SURVEY.csv...
 *       each non-empty `relevant` cell of the surveys' survey sheets, one file each,
 *       as OUTDIR/relevant-SURVEY-LINE (read with the project's own CSV reader)
 *   seed_tool open OUTDIR PREFIX BUNDLE COUNCIL-KEYS-DIR
 *       every record of a bundle, opened with the council's box key pair: the plaintext
 *       responses the council decodes, as OUTDIR/PREFIX-N
 *   seed_tool repeats OUTDIR
 *       a response that names one choice twice in an answer (OUTDIR/repeat-choice) and one
 *       that answers a question twice (OUTDIR/repeat-question): encoded, then patched, since
 *       the encoder refuses both; the decoder must refuse them too */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "chorus_limits.h"
#include "csv.h"
#include "fileio.h"
#include "keyfile.h"
#include "response.h"
#include "signed.h"

static int die(const char *what)
{
    fprintf(stderr, "seed_tool: %s\n", what);
    return 1;
}

static int spit(const char *dir, const char *name, const void *data, size_t len)
{
    char path[1024], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (file_write_atomic(path, data, len, 0644, err) != 0)
        return die(err);
    return 0;
}

/* The file's name without folder and ".csv". */
static void stem(const char *path, char *out, size_t cap)
{
    const char *base = strrchr(path, '/');
    snprintf(out, cap, "%s", base ? base + 1 : path);
    char *dot = strrchr(out, '.');
    if (dot)
        *dot = '\0';
}

/* Writes the relevant cells of one survey file. The survey sheet opens at a record whose first
 * field is "survey"; its next record is the header. */
static int relevant_of(const char *dir, const char *path)
{
    char *buf, err[ERR_LEN], name[256], base[200];
    size_t len;
    if (file_read_all(path, CSV_FILE_MAX, &buf, &len, err) != 0)
        return die(err);
    Arena *a = arena_new();
    CsvTable t;
    CsvError ce;
    int rc = 0;
    if (!a || csv_parse(a, buf, len, &t, &ce) != 0) {
        rc = die(path);
        goto done;
    }
    stem(path, base, sizeof base);
    int col = -1, in_survey = 0;
    for (int r = 0; r < t.nrecords; r++) {
        const CsvRecord *rec = &t.records[r];
        if (rec->fields[0].len > 0) { /* a sheet name */
            in_survey = strcasecmp(rec->fields[0].text, "survey") == 0;
            col = -2; /* the header comes next */
            continue;
        }
        if (!in_survey)
            continue;
        if (col == -2) {
            col = -1;
            for (int f = 1; f < rec->nfields; f++)
                if (strcasecmp(rec->fields[f].text, "relevant") == 0)
                    col = f;
            continue;
        }
        if (col < 0 || col >= rec->nfields || rec->fields[col].len == 0)
            continue;
        snprintf(name, sizeof name, "relevant-%s-%d", base, rec->line);
        if (spit(dir, name, rec->fields[col].text, rec->fields[col].len) != 0) {
            rc = 1;
            goto done;
        }
    }
done:
    arena_free(a);
    free(buf);
    return rc;
}

/* Reads a key of kind from DIR/FILE into key. */
static int key_from(const char *dir, const char *file, KeyKind kind, uint8_t *key)
{
    char path[1024], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (keyfile_read(path, kind, key, NULL, err) != 0)
        return die(err);
    return 0;
}

static int open_bundle(const char *dir, const char *prefix, const char *path, const char *keys)
{
    uint8_t pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    if (key_from(keys, COUNCIL_BOX_PUBLIC_FILE, KEY_COUNCIL_BOX_PUBLIC, pk) != 0 ||
        key_from(keys, COUNCIL_BOX_SECRET_FILE, KEY_COUNCIL_BOX_SECRET, sk) != 0)
        return 1;
    char *buf, err[ERR_LEN];
    size_t len;
    if (file_read_all(path, BUNDLE_FILE_MAX, &buf, &len, err) != 0)
        return die(err);
    Arena *a = arena_new();
    Bundle b;
    int rc = 0;
    if (!a || bundle_read((const uint8_t *)buf, len, a, &b, err) != 0) {
        rc = die(err);
        goto done;
    }
    for (uint32_t i = 0; i < b.count && rc == 0; i++) {
        size_t n = b.records[i].len - crypto_box_SEALBYTES;
        uint8_t *plain = malloc(n ? n : 1);
        char name[256];
        snprintf(name, sizeof name, "%s-%u", prefix, i + 1);
        if (!plain || crypto_box_seal_open(plain, b.records[i].sealed, b.records[i].len, pk, sk))
            rc = die("a record does not open with the council's key");
        else
            rc = spit(dir, name, plain, n);
        free(plain);
    }
done:
    sodium_memzero(sk, sizeof sk);
    arena_free(a);
    free(buf);
    return rc;
}

/* A response whose answers name "aa"/"bb" and ask "q_a"/"q_b", encoded; then every "bb" or
 * "q_b" (the patch's name) becomes the other, and the bytes are written to OUTDIR/name. */
static int repeated(const char *dir, const char *name, const char *from, const char *to)
{
    static const char *const two[] = {"aa", "bb"};
    const Answer answers[] = {
        {.question = "q_a", .kind = ANSWER_CHOICES, .nchoices = 2, .choices = two},
        {.question = "q_b", .kind = ANSWER_CHOICES, .nchoices = 1, .choices = two}};
    Response r = {.id = {7}, .form_id = "repeats", .form_version = "1", .year = 2026, .month = 9,
                  .day = 1, .session = "", .lang = "en", .nanswers = 2, .answers = answers};
    uint8_t enc[4 * RESPONSE_PAD];
    size_t len = 0, n = strlen(from);
    char err[ERR_LEN];
    if (response_encode(&r, enc, sizeof enc, &len, err) != 0)
        return die(err);
    for (size_t i = 0; i + n <= len; i++)
        if (enc[i] == n && memcmp(enc + i + 1, from, n) == 0)
            memcpy(enc + i + 1, to, n);
    return spit(dir, name, enc, len);
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0)
        return die("libsodium would not start");
    if (argc >= 4 && strcmp(argv[1], "relevant") == 0) {
        for (int i = 3; i < argc; i++)
            if (relevant_of(argv[2], argv[i]) != 0)
                return 1;
        return 0;
    }
    if (argc == 6 && strcmp(argv[1], "open") == 0)
        return open_bundle(argv[2], argv[3], argv[4], argv[5]);
    if (argc == 3 && strcmp(argv[1], "repeats") == 0)
        return repeated(argv[2], "repeat-choice", "bb", "aa") ||
               repeated(argv[2], "repeat-question", "q_b", "q_a");
    return die("usage: seed_tool relevant OUTDIR SURVEY.csv... | "
               "seed_tool open OUTDIR PREFIX BUNDLE COUNCIL-KEYS-DIR | seed_tool repeats OUTDIR");
}
