/* import.c: verifies and opens bundles, stores each response once, writes receipts.
 *
 * Start reading at import_one(): a bundle is checked whole before the database is touched
 * (signature, enrolled and unrevoked kiosk, every record opens with the council key, every
 * response fits its survey), then stored in one transaction, then receipted. Anything wrong
 * refuses the whole bundle and leaves the database as it was. */
#include "import.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "council.h"
#include "fileio.h"
#include "keyfile.h"
#include "seal.h"
#include "signed.h"
#include "survey.h"

typedef struct {
    const char *db, *keys, *surveys, *receipts;
    int threads; /* threads that open records: --threads, else one a core (at most 8) */
    Council *council;
    uint8_t box_pk[crypto_box_PUBLICKEYBYTES];
    uint8_t *box_sk;  /* sodium_malloc */
    uint8_t *sign_sk; /* sodium_malloc */
    int nsurveys;
    Survey *survey[SURVEYS_MAX];
} Importer;

typedef struct {
    long fresh, held, quarantined, safety;
} Tally;

/* The survey of this form and version: responses sealed before a new version reached the
 * kiosk still carry the old one, so retired versions stay loadable from SURVEYS/archive. */
static const Survey *find_survey(const Importer *im, const char *form_id, const char *version,
                                 int *form_known)
{
    *form_known = 0;
    for (int i = 0; i < im->nsurveys; i++) {
        if (strcmp(im->survey[i]->form_id, form_id) != 0)
            continue;
        *form_known = 1;
        if (strcmp(im->survey[i]->version, version) == 0)
            return im->survey[i];
    }
    return NULL;
}

/* Checks a response against its survey: known form and version, known questions asked at
 * most once, answers of the question's kind, known choices. */
static int validate(const Importer *im, const Response *r, char *err)
{
    int known = 0;
    const Survey *s = find_survey(im, r->form_id, r->form_version, &known);
    if (!s) {
        if (known)
            snprintf(err, ERR_LEN, "form '%s' version '%s' is not loaded (keep retired versions "
                                   "in %s/archive)",
                     r->form_id, r->form_version, im->surveys);
        else
            snprintf(err, ERR_LEN, "unknown form '%s'", r->form_id);
        return -1;
    }
    for (int i = 0; i < r->nanswers; i++) {
        const Answer *a = &r->answers[i];
        const Question *q = survey_question_named(s, a->question);
        if (!q || q->type == QT_NOTE) {
            snprintf(err, ERR_LEN, "form '%s' has no question '%s'", r->form_id, a->question);
            return -1;
        }
        for (int k = 0; k < i; k++) {
            if (strcmp(r->answers[k].question, a->question) == 0) {
                snprintf(err, ERR_LEN, "question '%s' is answered twice", a->question);
                return -1;
            }
        }
        int ok = a->kind == ANSWER_DECLINED;
        if (a->kind == ANSWER_CHOICES && q->list) {
            ok = q->type == QT_SELECT_MULTIPLE || a->nchoices == 1;
            for (int c = 0; c < a->nchoices && ok; c++) {
                if (survey_choice_index(q->list, a->choices[c]) < 0) {
                    snprintf(err, ERR_LEN, "'%s' is not a choice of question '%s'",
                             a->choices[c], a->question);
                    return -1;
                }
            }
        }
        if (a->kind == ANSWER_TEXT)
            ok = q->type == QT_TEXT;
        if (a->kind == ANSWER_INTEGER)
            ok = q->type == QT_INTEGER;
        if (!ok) {
            snprintf(err, ERR_LEN, "the answer to '%s' does not fit the question", a->question);
            return -1;
        }
    }
    return 0;
}

static void hex_id(const uint8_t id[RESPONSE_ID_LEN], char out[2 * RESPONSE_ID_LEN + 1])
{
    sodium_bin2hex(out, 2 * RESPONSE_ID_LEN + 1, id, RESPONSE_ID_LEN);
}

/* A response opened and checked, ready to store. */
typedef struct {
    Response r;
    uint8_t digest[32];
} Opened;

static int exec(sqlite3 *db, const char *sql, char *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* Stores the opened responses of one bundle in one transaction; *held_ids gets the ids the
 * council now holds with the same content (for the receipt). */
static int store_all(Importer *im, const char *path, const char *kiosk, const Opened *op,
                     uint32_t n, uint8_t *held_ids, uint32_t *nheld, Tally *t, char *err)
{
    sqlite3 *db = council_db(im->council);
    sqlite3_stmt *find = NULL, *put = NULL, *ans = NULL, *quar = NULL;
    char day[11];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    int rc = -1, open_tx = 0;
    /* A bundle refused before may have left its transaction open (a ROLLBACK that could not
     * run, out of memory say): this one must not join it. */
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    if (exec(db, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    open_tx = 1;
    if (sqlite3_prepare_v2(db, "SELECT digest FROM response WHERE id = ?", -1, &find, NULL) ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO response(id, kiosk, form_id, form_version, day, session,"
                           " lang, flags, digest, imported_on) VALUES (?,?,?,?,?,?,?,?,?,?)",
                           -1, &put, NULL) ||
        sqlite3_prepare_v2(db, "INSERT INTO answer(response, question, kind, value)"
                               " VALUES (?,?,?,?)",
                           -1, &ans, NULL) ||
        sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO quarantine(id, kiosk, digest, bundle,"
                               " noted_on) VALUES (?,?,?,?,?)",
                           -1, &quar, NULL)) {
        snprintf(err, ERR_LEN, "prepare: %s", sqlite3_errmsg(db));
        goto done;
    }
    *nheld = 0;
    for (uint32_t i = 0; i < n; i++) {
        const Response *r = &op[i].r;
        sqlite3_reset(find);
        sqlite3_bind_blob(find, 1, r->id, RESPONSE_ID_LEN, SQLITE_STATIC);
        int step = sqlite3_step(find);
        if (step == SQLITE_ROW) {
            int same = sqlite3_column_bytes(find, 0) == 32 &&
                       memcmp(sqlite3_column_blob(find, 0), op[i].digest, 32) == 0;
            if (same) {
                t->held++;
                memcpy(held_ids + (size_t)(*nheld)++ * RESPONSE_ID_LEN, r->id, RESPONSE_ID_LEN);
            } else {
                /* Same id, other content: a forgery or a broken kiosk. Keep what we hold,
                 * note the newcomer, and never receipt it. */
                sqlite3_reset(quar);
                sqlite3_bind_blob(quar, 1, r->id, RESPONSE_ID_LEN, SQLITE_STATIC);
                sqlite3_bind_text(quar, 2, kiosk, -1, SQLITE_STATIC);
                sqlite3_bind_blob(quar, 3, op[i].digest, 32, SQLITE_STATIC);
                sqlite3_bind_text(quar, 4, path, -1, SQLITE_STATIC);
                sqlite3_bind_text(quar, 5, day, -1, SQLITE_STATIC);
                if (sqlite3_step(quar) != SQLITE_DONE) {
                    snprintf(err, ERR_LEN, "quarantine: %s", sqlite3_errmsg(db));
                    goto done;
                }
                t->quarantined++;
            }
            continue;
        }
        if (step != SQLITE_DONE) {
            snprintf(err, ERR_LEN, "look up response: %s", sqlite3_errmsg(db));
            goto done;
        }
        char rday[11];
        snprintf(rday, sizeof rday, "%04d-%02d-%02d", r->year, r->month, r->day);
        sqlite3_reset(put);
        sqlite3_bind_blob(put, 1, r->id, RESPONSE_ID_LEN, SQLITE_STATIC);
        sqlite3_bind_text(put, 2, kiosk, -1, SQLITE_STATIC);
        sqlite3_bind_text(put, 3, r->form_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(put, 4, r->form_version, -1, SQLITE_STATIC);
        sqlite3_bind_text(put, 5, rday, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(put, 6, r->session, -1, SQLITE_STATIC);
        sqlite3_bind_text(put, 7, r->lang, -1, SQLITE_STATIC);
        sqlite3_bind_int64(put, 8, r->flags);
        sqlite3_bind_blob(put, 9, op[i].digest, 32, SQLITE_STATIC);
        sqlite3_bind_text(put, 10, day, -1, SQLITE_STATIC);
        if (sqlite3_step(put) != SQLITE_DONE) {
            snprintf(err, ERR_LEN, "store response: %s", sqlite3_errmsg(db));
            goto done;
        }
        for (int k = 0; k < r->nanswers; k++) {
            const Answer *a = &r->answers[k];
            int values = a->kind == ANSWER_CHOICES ? a->nchoices : 1;
            for (int v = 0; v < values; v++) {
                char num[24];
                const char *value = "";
                if (a->kind == ANSWER_CHOICES)
                    value = a->choices[v];
                else if (a->kind == ANSWER_TEXT)
                    value = a->text;
                else if (a->kind == ANSWER_INTEGER) {
                    snprintf(num, sizeof num, "%lld", (long long)a->integer);
                    value = num;
                }
                sqlite3_reset(ans);
                sqlite3_bind_blob(ans, 1, r->id, RESPONSE_ID_LEN, SQLITE_STATIC);
                sqlite3_bind_text(ans, 2, a->question, -1, SQLITE_STATIC);
                sqlite3_bind_int(ans, 3, (int)a->kind);
                sqlite3_bind_text(ans, 4, value, -1, SQLITE_TRANSIENT);
                if (sqlite3_step(ans) != SQLITE_DONE) {
                    snprintf(err, ERR_LEN, "store answer: %s", sqlite3_errmsg(db));
                    goto done;
                }
            }
        }
        t->fresh++;
        if (r->flags & RESPONSE_FLAG_SAFETY)
            t->safety++;
        memcpy(held_ids + (size_t)(*nheld)++ * RESPONSE_ID_LEN, r->id, RESPONSE_ID_LEN);
    }
    if (exec(db, "COMMIT", err) != 0)
        goto done;
    open_tx = 0;
    rc = 0;
done:
    sqlite3_finalize(find);
    sqlite3_finalize(put);
    sqlite3_finalize(ans);
    sqlite3_finalize(quar);
    if (open_tx)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static void progress(uint32_t done, uint32_t total)
{
    if (!isatty(STDERR_FILENO) || total < 2)
        return;
    int width = 40, filled = (int)((unsigned long long)done * (unsigned)width / total);
    fprintf(stderr, "\r  opening [%.*s%*s] %u/%u", filled,
            "########################################", width - filled, "", done, total);
    if (done == total)
        fputc('\n', stderr);
}

/* ---- opening the records, shared out between threads ---- */

#define IMPORT_THREADS_MAX 8
/* Below this many records a second thread costs more than it saves. */
#define IMPORT_THREAD_MIN_RECORDS 256

/* One thread's share: records [from, to) opened into op[], their strings in its own arena. */
typedef struct {
    const Importer *im;
    const Bundle *b;
    Opened *op;
    uint32_t from, to;
    Arena *arena;
    atomic_uint *done; /* records opened by all threads, for the progress bar */
    int shows;         /* this one draws the progress bar */
    uint32_t bad;      /* the first record that failed; UINT32_MAX: none */
    char err[ERR_LEN];
} Opener;

/* Opens, checks and digests one share of the records; stops at the first that fails. */
static void *open_share(void *arg)
{
    Opener *o = arg;
    uint8_t *plain = sodium_malloc(RESPONSE_ENCODED_MAX);
    if (!plain) {
        o->bad = o->from;
        snprintf(o->err, ERR_LEN, "out of memory");
        return NULL;
    }
    for (uint32_t i = o->from; i < o->to; i++) {
        const BundleRecord *rec = &o->b->records[i];
        Opened *op = &o->op[i];
        size_t n = 0;
        if (seal_open_response(rec->sealed, rec->len, o->im->box_pk, o->im->box_sk, o->arena,
                               &op->r, o->err) != 0 ||
            (memcmp(op->r.id, rec->id, RESPONSE_ID_LEN) != 0 &&
             snprintf(o->err, ERR_LEN, "its sealed id differs from the id outside") > 0) ||
            validate(o->im, &op->r, o->err) != 0 ||
            response_encode(&op->r, plain, RESPONSE_ENCODED_MAX, &n, o->err) != 0) {
            o->bad = i;
            break;
        }
        /* The canonical encoding makes "same content" a comparison of digests. */
        crypto_generichash(op->digest, 32, plain, n, NULL, 0);
        unsigned done = atomic_fetch_add(o->done, 1) + 1;
        if (o->shows && done < o->b->count)
            progress(done, o->b->count);
    }
    sodium_free(plain);
    return NULL;
}

/* Opens every record of b into op[], in up to im->threads threads (arenas[k] gets thread k's
 * strings; the caller frees them). Returns 0, or -1 after printing the first record, in
 * bundle order, that failed. The result does not depend on the number of threads. */
static int open_all(const Importer *im, const char *path, const Bundle *b, Opened *op,
                    Arena *arenas[IMPORT_THREADS_MAX])
{
    int nt = im->threads;
    if (b->count < IMPORT_THREAD_MIN_RECORDS)
        nt = 1;
    atomic_uint done = 0;
    Opener o[IMPORT_THREADS_MAX];
    pthread_t tid[IMPORT_THREADS_MAX];
    int started[IMPORT_THREADS_MAX] = {0};
    for (int k = 0; k < nt; k++) {
        o[k] = (Opener){im, b, op, (uint32_t)((uint64_t)b->count * (unsigned)k / (unsigned)nt),
                        (uint32_t)((uint64_t)b->count * (unsigned)(k + 1) / (unsigned)nt),
                        arenas[k] = arena_new(), &done, k == 0, UINT32_MAX, ""};
        if (!o[k].arena) {
            o[k].bad = o[k].from;
            snprintf(o[k].err, ERR_LEN, "out of memory");
        }
    }
    /* Thread 0's share runs here; a thread that cannot start has its share run here too. */
    for (int k = 1; k < nt; k++)
        if (o[k].arena)
            started[k] = pthread_create(&tid[k], NULL, open_share, &o[k]) == 0;
    for (int k = 0; k < nt; k++)
        if (o[k].arena && !started[k])
            open_share(&o[k]);
    for (int k = 1; k < nt; k++)
        if (started[k])
            pthread_join(tid[k], NULL);
    const Opener *first = NULL;
    for (int k = 0; k < nt; k++)
        if (o[k].bad != UINT32_MAX && (!first || o[k].bad < first->bad))
            first = &o[k];
    if (first) {
        char hid[2 * RESPONSE_ID_LEN + 1];
        hex_id(b->records[first->bad].id, hid);
        fprintf(stderr, "%s: refused: record %u (response %s): %s\n", path, first->bad + 1, hid,
                first->err);
        return -1;
    }
    progress(b->count, b->count);
    return 0;
}

/* Imports one bundle file. Returns 0, or -1 after printing "FILE: reason". */
static int import_one(Importer *im, const char *path)
{
    char err[ERR_LEN], kiosk[KIOSK_NAME_MAX + 1];
    char *buf = NULL;
    size_t len = 0;
    Arena *a = arena_new();
    Opened *op = NULL;
    Arena *arenas[IMPORT_THREADS_MAX] = {NULL};
    uint8_t *held = NULL;
    uint8_t *receipt = NULL;
    size_t rlen = 0;
    Tally t = {0, 0, 0, 0};
    int rc = -1, revoked = 0;
    Bundle b;
    if (!a || file_read_all(path, BUNDLE_FILE_MAX, &buf, &len, err) != 0) {
        fprintf(stderr, "%s\n", a ? err : "out of memory");
        goto done;
    }
    if (bundle_read((const uint8_t *)buf, len, a, &b, err) != 0) {
        fprintf(stderr, "%s: refused: %s\n", path, err);
        goto done;
    }
    uint8_t kid[KEY_ID_LEN];
    char khex[2 * KEY_ID_LEN + 1];
    keyfile_key_id(b.kiosk_pk, kid);
    sodium_bin2hex(khex, sizeof khex, kid, sizeof kid);
    int found = council_kiosk_for_key(im->council, b.kiosk_pk, kiosk, &revoked, err);
    if (found < 0) {
        fprintf(stderr, "%s: %s\n", path, err);
        goto done;
    }
    if (found == 0) {
        fprintf(stderr, "%s: refused: signed by kiosk key %s, which is not enrolled\n", path,
                khex);
        goto done;
    }
    if (revoked) {
        fprintf(stderr, "%s: refused: kiosk '%s' (key %s) has been revoked\n", path, kiosk, khex);
        goto done;
    }
    op = calloc(b.count ? b.count : 1, sizeof *op);
    held = malloc((size_t)(b.count ? b.count : 1) * RESPONSE_ID_LEN);
    if (!op || !held) {
        fprintf(stderr, "%s: out of memory\n", path);
        goto done;
    }
    if (open_all(im, path, &b, op, arenas) != 0)
        goto done;
    uint32_t nheld = 0;
    if (store_all(im, path, kiosk, op, b.count, held, &nheld, &t, err) != 0) {
        fprintf(stderr, "%s: refused: %s (nothing was stored)\n", path, err);
        goto done;
    }
    char rpath[4096];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (im->receipts)
        snprintf(rpath, sizeof rpath, "%s/%s.receipt", im->receipts, base);
    else
        snprintf(rpath, sizeof rpath, "%s.receipt", path);
    if (receipt_write(im->sign_sk, b.kiosk_pk, held, nheld, &receipt, &rlen, err) != 0 ||
        file_write_atomic(rpath, receipt, rlen, 0644, err) != 0) {
        fprintf(stderr, "%s: stored, but the receipt could not be written: %s\n", path, err);
        goto done;
    }
    printf("%s: kiosk %s, %u responses: %ld new, %ld already held, %ld quarantined, %ld with a "
           "safety flag\n",
           path, kiosk, b.count, t.fresh, t.held, t.quarantined, t.safety);
    printf("%s: receipt for %u responses written to %s\n", path, nheld, rpath);
    if (t.quarantined)
        printf("%s: %ld responses had the id of a held response but other content: kept aside "
               "in the quarantine table, not receipted\n",
               path, t.quarantined);
    rc = 0;
done:
    if (op) {
        sodium_memzero(op, sizeof *op * (b.count ? b.count : 1));
        free(op);
    }
    for (int k = 0; k < IMPORT_THREADS_MAX; k++)
        arena_free(arenas[k]);
    free(held);
    free(receipt);
    free(buf);
    arena_free(a);
    return rc;
}

static int load_keys(Importer *im, char *err)
{
    char path[4096];
    im->box_sk = sodium_malloc(crypto_box_SECRETKEYBYTES);
    im->sign_sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    if (!im->box_sk || !im->sign_sk) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    snprintf(path, sizeof path, "%s/council-box.pub", im->keys);
    if (keyfile_read(path, KEY_COUNCIL_BOX_PUBLIC, im->box_pk, NULL, err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/council-box.key", im->keys);
    if (keyfile_read(path, KEY_COUNCIL_BOX_SECRET, im->box_sk, NULL, err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/council-sign.key", im->keys);
    return keyfile_read(path, KEY_COUNCIL_SIGN_SECRET, im->sign_sk, NULL, err);
}

static int load_surveys(Importer *im, char *err);

int cmd_import(int argc, char **argv)
{
    Importer im = {"var/council.db", "var/council", "assets/surveys", NULL, 0, NULL, {0}, NULL,
                   NULL, 0, {0}};
    const char *threads = NULL;
    int first = 0, nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char **dst = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: chorus-sync import [--db FILE] [--keys DIR] [--surveys DIR]"
                   " [--receipts DIR] [--threads N] BUNDLE...\n\n"
                   "Verifies each bundle against the enrolled kiosks, opens every response with"
                   " the council key,\nchecks it against its survey and stores the bundle in one"
                   " transaction; a response already\nheld is not stored again. Writes a signed"
                   " receipt (BUNDLE.receipt, or in --receipts DIR) for\nthe kiosk. A damaged,"
                   " forged, unenrolled or revoked bundle, or one record that won't open,\nrefuses"
                   " the whole bundle and changes nothing. Defaults: --db var/council.db, --keys"
                   " var/council,\n--surveys assets/surveys. Records are opened in --threads"
                   " threads (default: one a\nprocessor core, at most 8).\n");
            return 0;
        }
        if (strcmp(argv[i], "--db") == 0)
            dst = &im.db;
        else if (strcmp(argv[i], "--keys") == 0)
            dst = &im.keys;
        else if (strcmp(argv[i], "--surveys") == 0)
            dst = &im.surveys;
        else if (strcmp(argv[i], "--receipts") == 0)
            dst = &im.receipts;
        else if (strcmp(argv[i], "--threads") == 0)
            dst = &threads;
        if (dst) {
            if (++i >= argc) {
                fprintf(stderr, "chorus-sync import: %s needs a value\n", argv[i - 1]);
                return 2;
            }
            *dst = argv[i];
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "chorus-sync import: unknown option '%s'\n", argv[i]);
            return 2;
        } else {
            if (!first)
                first = i;
            nfiles++;
            argv[first + nfiles - 1] = argv[i];
        }
    }
    if (!nfiles) {
        fprintf(stderr, "chorus-sync import: name at least one bundle\n");
        return 2;
    }
    if (threads) {
        char *end = NULL;
        long n = strtol(threads, &end, 10);
        if (*threads == '\0' || *end != '\0' || n < 1 || n > IMPORT_THREADS_MAX) {
            fprintf(stderr, "chorus-sync import: --threads must be 1 to %d\n", IMPORT_THREADS_MAX);
            return 2;
        }
        im.threads = (int)n;
    } else {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        im.threads = cores < 1 ? 1 : cores > IMPORT_THREADS_MAX ? IMPORT_THREADS_MAX : (int)cores;
    }
    char err[ERR_LEN];
    int rc = 1, refused = 0;
    if (load_keys(&im, err) != 0 || load_surveys(&im, err) != 0) {
        fprintf(stderr, "chorus-sync import: %s\n", err);
        goto done;
    }
    im.council = council_open_existing(im.db, err);
    if (!im.council) {
        fprintf(stderr, "chorus-sync import: %s\n", err);
        goto done;
    }
    for (int i = 0; i < nfiles; i++)
        refused += import_one(&im, argv[first + i]) != 0;
    if (refused)
        fprintf(stderr, "chorus-sync import: %d of %d bundles refused\n", refused, nfiles);
    rc = refused ? 1 : 0;
done:
    council_close(im.council);
    sodium_free(im.box_sk);
    sodium_free(im.sign_sk);
    for (int i = 0; i < im.nsurveys; i++)
        survey_free(im.survey[i]);
    return rc;
}

/* Every survey in dir; one that does not load is an error here (the council must know every
 * form it accepts). A form and version found twice is an error too. */
static int load_dir(Importer *im, const char *dir, int required, char *err)
{
    if (!required && !file_exists(dir))
        return 0;
    char *names[256];
    int n = file_list(dir, ".csv", names, 256, err), rc = 0;
    if (n < 0)
        return -1;
    static SurveyProblems probs;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (rc != 0)
            continue;
        Survey *s = survey_load(path, &probs);
        int known = 0;
        if (!s) {
            snprintf(err, ERR_LEN, "%s:%d:%d: %s", path, probs.items[0].line,
                     probs.items[0].column, probs.items[0].reason);
            rc = -1;
        } else if (find_survey(im, s->form_id, s->version, &known)) {
            snprintf(err, ERR_LEN, "%s: form '%s' version '%s' is loaded twice", path,
                     s->form_id, s->version);
            survey_free(s);
            rc = -1;
        } else if (im->nsurveys == SURVEYS_MAX) {
            snprintf(err, ERR_LEN, "%s: more than %d surveys", path, SURVEYS_MAX);
            survey_free(s);
            rc = -1;
        } else {
            im->survey[im->nsurveys++] = s;
        }
    }
    file_list_free(names, n);
    return rc;
}

static int load_surveys(Importer *im, char *err)
{
    char archive[4096];
    snprintf(archive, sizeof archive, "%s/archive", im->surveys);
    if (load_dir(im, im->surveys, 1, err) != 0)
        return -1;
    return load_dir(im, archive, 0, err);
}
