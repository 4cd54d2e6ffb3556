/* mkbundle: a signed bundle of N responses with random valid answers, for the kill harness
 * and the benchmarks, which need more responses than headless sessions can make quickly.
 *
 *   mkbundle --kiosk DIR --council-key council-box.pub --survey FILE.csv --count N
 *            --out BUNDLE [--seed N] [--from YYYY-MM-DD] [--days N] [--sequence N]
 *            [--ids-from BUNDLE] [--replay BUNDLE] [--damage K] [--awkward-text 1]
 *            [--receipt-codes 1]
 *   mkbundle ... --store DB   (instead of --out) the responses into the kiosk store DB, as
 *                             Send stores them: a kiosk with N responses waiting, made quickly
 *
 * For the stolen-kiosk and damaged-record scenarios: --sequence is the bundle's number (default
 * 1); --ids-from gives the responses the ids of another bundle's records, in order (a thief
 * squatting another kiosk's ids with answers of their own); --replay appends another bundle's
 * records byte for byte (a thief passing another kiosk's sealed responses off as this one's);
 * --damage flips a byte of the K-th record's sealed bytes (1 = the first) before signing: a
 * record the kiosk signed that will not open. --awkward-text 1 gives every third text answer a
 * backslash, quotes, a tab, a carriage return and a new line and letters beyond ASCII: what a
 * store's own text format must escape (PostgreSQL's COPY). --receipt-codes 1 gives every
 * response a receipt code of letters, as the kiosk's Send does (app_send), which import keeps.
 *
 * The kiosk's signing key is made in DIR, or reused, exactly as a kiosk does it
 * (exchange_kiosk_key), so `chorus-sync enrol DIR/kiosk-sign.pub` trusts the bundle. Every
 * question of the survey but notes gets an answer of its kind (one in twenty declined; a
 * safeguarding choice sets the safety flag, as on the kiosk), the
 * date is uniform over [from, from + days), and each response is sealed to the council key
 * like the kiosk seals it. Ids are random; the answers follow --seed. Prints
 * "N responses, B sealed bytes, S bundle bytes". */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "exchange.h"
#include "fileio.h"
#include "keyfile.h"
#include "receipt.h"
#include "response.h"
#include "seal.h"
#include "signed.h"
#include "store.h"
#include "survey.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static const char *option(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; i += 2)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return fallback;
}

static int awkward_text; /* --awkward-text */

static int die(const char *msg)
{
    fprintf(stderr, "mkbundle: %s\n", msg);
    return 1;
}

/* Reads and verifies the bundle at path into *b (its records point into *buf). */
static int read_bundle(const char *path, char **buf, Arena *a, Bundle *b, char *err)
{
    size_t len = 0;
    char why[ERR_LEN];
    if (file_read_all(path, BUNDLE_FILE_MAX, buf, &len, err) != 0)
        return -1;
    if (bundle_read((const uint8_t *)*buf, len, a, b, why) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", path, why);
        return -1;
    }
    return 0;
}

/* Fills answers for every question of s; choice names point into s, texts into text. */
static int answer_all(const Survey *s, long n, Answer *answers, const char **picked,
                      char (*text)[64], uint32_t *flags)
{
    int k = 0;
    for (int q = 0; q < s->nquestions; q++) {
        const Question *qu = &s->questions[q];
        if (qu->type == QT_NOTE)
            continue;
        Answer *a = &answers[k];
        memset(a, 0, sizeof *a);
        a->question = qu->name;
        if (rnd(20) == 0) {
            a->kind = ANSWER_DECLINED;
        } else if (qu->type == QT_TEXT) {
            a->kind = ANSWER_TEXT;
            if (awkward_text && n % 3 == 0)
                snprintf(text[k], sizeof text[k], "said \\N \"%ld\"\tthen\r\n\\.\n\xc2\xa3 \xc3\xa9 \xe2\x9c\x93",
                         n);
            else
                snprintf(text[k], sizeof text[k], "generated answer %ld", n);
            a->text = text[k];
        } else if (qu->type == QT_INTEGER) {
            a->kind = ANSWER_INTEGER;
            a->integer = rnd(30);
        } else if (qu->list && qu->list->nchoices > 0) {
            const ChoiceList *l = qu->list;
            a->kind = ANSWER_CHOICES;
            const char **mine = &picked[k * SURVEY_CHOICES_MAX];
            if (qu->type == QT_SELECT_ONE) {
                mine[a->nchoices++] = l->choices[rnd((uint32_t)l->nchoices)].name;
            } else {
                for (int c = 0; c < l->nchoices && c < SURVEY_CHOICES_MAX; c++)
                    if (rnd(3) == 0)
                        mine[a->nchoices++] = l->choices[c].name;
                if (a->nchoices == 0)
                    mine[a->nchoices++] = l->choices[0].name;
            }
            for (int c = 0; c < a->nchoices; c++)
                if (l->choices[survey_choice_index(l, mine[c])].safeguarding)
                    *flags |= RESPONSE_FLAG_SAFETY;
            a->choices = mine;
        } else {
            a->kind = ANSWER_DECLINED;
        }
        k++;
    }
    return k;
}

int main(int argc, char **argv)
{
    const char *kiosk = option(argc, argv, "--kiosk", NULL);
    const char *council = option(argc, argv, "--council-key", NULL);
    const char *survey_path = option(argc, argv, "--survey", NULL);
    const char *count_s = option(argc, argv, "--count", NULL);
    const char *out = option(argc, argv, "--out", NULL);
    const char *store_path = option(argc, argv, "--store", NULL);
    const char *from = option(argc, argv, "--from", "2026-04-01");
    long days = atol(option(argc, argv, "--days", "91"));
    rng_state ^= (uint64_t)strtoull(option(argc, argv, "--seed", "1"), NULL, 10) * 0x2545F4914F6CDD1Du;
    uint64_t sequence = strtoull(option(argc, argv, "--sequence", "1"), NULL, 10);
    const char *ids_from = option(argc, argv, "--ids-from", NULL);
    const char *replay = option(argc, argv, "--replay", NULL);
    long damage = atol(option(argc, argv, "--damage", "0"));
    awkward_text = atoi(option(argc, argv, "--awkward-text", "0"));
    int receipt_codes = atoi(option(argc, argv, "--receipt-codes", "0"));
    if (!kiosk || !council || !survey_path || !count_s || !out == !store_path || argc % 2 == 0)
        return die("usage: mkbundle --kiosk DIR --council-key FILE --survey FILE.csv --count N "
                   "--out BUNDLE [--seed N] [--from YYYY-MM-DD] [--days N] [--sequence N] "
                   "[--ids-from BUNDLE] [--replay BUNDLE] [--damage K] [--awkward-text 1] "
                   "[--receipt-codes 1]");
    long count = atol(count_s);
    int fy, fm, fd;
    if (count < 1 || (unsigned long)count > BUNDLE_RECORDS_MAX || days < 1 ||
        sscanf(from, "%d-%d-%d", &fy, &fm, &fd) != 3)
        return die("--count must be 1 to 1000000, --days at least 1, --from YYYY-MM-DD");
    if (sodium_init() < 0)
        return die("libsodium cannot start");

    char err[ERR_LEN];
    uint8_t box_pk[crypto_box_PUBLICKEYBYTES], sign_pk[SIGN_PK_LEN];
    uint8_t *sign_sk = sodium_malloc(SIGN_SK_LEN);
    char sk_path[4096];
    snprintf(sk_path, sizeof sk_path, "%s/%s", kiosk, KIOSK_SIGN_SECRET_FILE);
    if (!sign_sk || file_mkdirs(kiosk, 0700, err) != 0 ||
        keyfile_read(council, KEY_COUNCIL_BOX_PUBLIC, box_pk, NULL, err) != 0 ||
        exchange_kiosk_key(kiosk, sign_pk, NULL, err) != 0 ||
        keyfile_read(sk_path, KEY_KIOSK_SIGN_SECRET, sign_sk, NULL, err) != 0)
        return die(err);
    SurveyProblems *probs = calloc(1, sizeof *probs);
    Survey *s = probs ? survey_load(survey_path, probs) : NULL;
    if (!s) {
        fprintf(stderr, "mkbundle: %s:%d: %s\n", survey_path, probs ? probs->items[0].line : 0,
                probs ? probs->items[0].reason : "out of memory");
        return 1;
    }

    Arena *arena = arena_new();
    char *ids_buf = NULL, *replay_buf = NULL;
    Bundle ids_b = {0}, replay_b = {0};
    if (!arena || (ids_from && read_bundle(ids_from, &ids_buf, arena, &ids_b, err) != 0) ||
        (replay && read_bundle(replay, &replay_buf, arena, &replay_b, err) != 0))
        return die(arena ? err : "out of memory");
    if (ids_from && ids_b.count < (uint32_t)count)
        return die("--ids-from: that bundle has fewer records than --count");
    size_t total = (size_t)count + replay_b.count;
    if (total > BUNDLE_RECORDS_MAX || damage < 0 || (size_t)damage > total)
        return die("too many records, or --damage past the last record");
    BundleRecord *recs = calloc(total, sizeof *recs);
    Answer *answers = calloc(SURVEY_QUESTIONS_MAX, sizeof *answers);
    const char **picked = calloc((size_t)SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX, sizeof *picked);
    char(*text)[64] = calloc(SURVEY_QUESTIONS_MAX, sizeof *text);
    if (!recs || !answers || !picked || !text)
        return die("out of memory");
    long first = days_from_civil(fy, fm, fd);
    unsigned long long sealed_bytes = 0;
    for (long n = 0; n < count; n++) {
        Response r;
        memset(&r, 0, sizeof r);
        randombytes_buf(r.id, sizeof r.id);
        if (ids_from)
            memcpy(r.id, ids_b.records[n].id, sizeof r.id);
        civil_from_days(first + (long)rnd((uint32_t)days), &r.year, &r.month, &r.day);
        r.form_id = s->form_id;
        r.form_version = s->version;
        r.session = "";
        r.lang = s->langs[s->default_lang].code[0] ? s->langs[s->default_lang].code
                                                    : s->langs[s->default_lang].name;
        r.nanswers = answer_all(s, n, answers, picked, text, &r.flags);
        r.answers = answers;
        char code[RECEIPT_CODE_MAX + 1] = "";
        if (receipt_codes) {
            receipt_new(RECEIPT_KIND_LETTERS, code);
            r.receipt = code;
        }
        uint8_t *sealed = NULL;
        size_t len = 0;
        if (seal_response(&r, box_pk, &sealed, &len, err) != 0)
            return die(err);
        memcpy(recs[n].id, r.id, sizeof r.id);
        recs[n].sealed = sealed;
        recs[n].len = len;
        sealed_bytes += len;
    }
    for (uint32_t i = 0; i < replay_b.count; i++) {
        uint8_t *copy = malloc(replay_b.records[i].len);
        if (!copy)
            return die("out of memory");
        memcpy(copy, replay_b.records[i].sealed, replay_b.records[i].len);
        memcpy(recs[count + i].id, replay_b.records[i].id, RESPONSE_ID_LEN);
        recs[count + i].sealed = copy;
        recs[count + i].len = replay_b.records[i].len;
    }
    if (damage > 0) /* a byte in the middle of the ciphertext: it no longer opens */
        ((uint8_t *)recs[damage - 1].sealed)[recs[damage - 1].len / 2] ^= 0x20;
    uint8_t *bundle = NULL;
    size_t blen = 0;
    if (store_path) {
        Store *st = store_open(store_path, err);
        if (!st)
            return die(err);
        for (size_t n = 0; n < total; n++)
            if (store_put_response(st, recs[n].id, s->form_id, recs[n].sealed, recs[n].len) != 0)
                return die(store_errmsg(st));
        store_close(st);
        printf("%ld responses, %llu sealed bytes, stored in %s\n", count, sealed_bytes,
               store_path);
    } else if (bundle_write(sign_sk, sequence, recs, (uint32_t)total, &bundle, &blen, err) != 0 ||
               file_write_atomic(out, bundle, blen, 0600, err) != 0) {
        return die(err);
    } else {
        printf("%ld responses, %llu sealed bytes, %zu bundle bytes\n", count, sealed_bytes,
               blen);
    }
    for (size_t n = 0; n < total; n++)
        free((void *)recs[n].sealed);
    free(ids_buf);
    free(replay_buf);
    arena_free(arena);
    free(bundle);
    free(recs);
    free(answers);
    free(picked);
    free(text);
    survey_free(s);
    free(probs);
    sodium_free(sign_sk);
    return 0;
}
