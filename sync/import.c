/* import.c: verifies and opens bundles, stores each response once, writes receipts.
 *
 * Start reading at import_one(): the file's signature and its enrolled, unrevoked kiosk are
 * checked before the database is touched; then every record is opened with the council key
 * and checked against its survey (in worker threads) while it is stored, all in one
 * transaction (open_and_store), then receipted. Anything wrong refuses the whole bundle and
 * rolls back: the database is left as it was. */
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
#include "defaults.h"
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
 * most once and in the survey's order, answers of the question's kind, known choices each once
 * in the list's order. */
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
        /* One encoding per response (FORMATS.md): answers in survey order, choices in list
         * order; the decoder knows only names, so the order is checked here. */
        if (i > 0 && q <= survey_question_named(s, r->answers[i - 1].question)) {
            snprintf(err, ERR_LEN, "the answer to '%s' is out of the survey's order",
                     a->question);
            return -1;
        }
        int ok = a->kind == ANSWER_DECLINED;
        if (a->kind == ANSWER_CHOICES && q->list) {
            ok = q->type == QT_SELECT_MULTIPLE || a->nchoices == 1;
            for (int c = 0, prev = -1; c < a->nchoices && ok; c++) {
                int at = survey_choice_index(q->list, a->choices[c]);
                if (at < 0) {
                    snprintf(err, ERR_LEN, "'%s' is not a choice of question '%s'",
                             a->choices[c], a->question);
                    return -1;
                }
                if (at <= prev) {
                    snprintf(err, ERR_LEN,
                             "the choices of question '%s' are not each once in the list's order "
                             "('%s' after '%s')",
                             a->question, a->choices[c], a->choices[c - 1]);
                    return -1;
                }
                prev = at;
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

/* ---- one bundle: records opened by worker threads while this thread stores them ----
 *
 * Opening a record (the X25519 of crypto_box_seal_open, decoding, checking it against its
 * survey, the digest of its canonical encoding) is half of an import's work and needs nothing
 * shared, so worker threads do it, chunk by chunk, while this thread stores each record, in
 * bundle order, inside one transaction as soon as it is open. The first record that fails, in
 * bundle order, refuses the bundle and rolls the transaction back: the database is left as it
 * was, and the record named does not depend on the number of threads. */

#define IMPORT_THREADS_MAX 8
#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x)
/* Records a worker opens before it wakes the storing thread. */
#define IMPORT_CHUNK 32
/* Below this many records, threads cost more than they save: this thread opens them. */
#define IMPORT_THREAD_MIN_RECORDS 256

enum { REC_PENDING, REC_OPEN, REC_BAD };

typedef struct Pipeline Pipeline;

/* One opening thread: its chunks are k, k + nworkers, ...; its strings live in its arena. */
typedef struct {
    Pipeline *p;
    int k;
    Arena *arena;
    uint8_t *plain;    /* sodium_malloc, RESPONSE_ENCODED_MAX: a response's plaintext */
    char err[ERR_LEN]; /* why its failed record failed (it stops at its first) */
} Worker;

struct Pipeline {
    const Importer *im;
    const Bundle *b;
    Opened *op;
    _Atomic unsigned char *state; /* per record: REC_* */
    atomic_int stop;              /* the storing thread is done: workers stop */
    int nworkers;
    Worker w[IMPORT_THREADS_MAX];
    pthread_mutex_t lock;
    pthread_cond_t ready;
};

static int worker_of(const Pipeline *p, uint32_t i)
{
    return (int)((i / IMPORT_CHUNK) % (uint32_t)p->nworkers);
}

/* Opens and checks record i into p->op[i]. Returns 0, or -1 with w->err. */
static int open_one(Worker *w, uint32_t i)
{
    const Pipeline *p = w->p;
    const BundleRecord *rec = &p->b->records[i];
    Opened *op = &p->op[i];
    size_t n = 0;
    /* plain serves twice: the opened bytes (decoded into the arena, then zeroed), then the
     * canonical encoding */
    if (seal_open_response_with(rec->sealed, rec->len, p->im->box_pk, p->im->box_sk, w->plain,
                                w->arena, &op->r, w->err) != 0)
        return -1;
    if (memcmp(op->r.id, rec->id, RESPONSE_ID_LEN) != 0) {
        snprintf(w->err, ERR_LEN, "its sealed id differs from the id outside");
        return -1;
    }
    if (validate(p->im, &op->r, w->err) != 0 ||
        response_encode(&op->r, w->plain, RESPONSE_ENCODED_MAX, &n, w->err) != 0)
        return -1;
    /* The canonical encoding makes "same content" a comparison of digests. */
    crypto_generichash(op->digest, 32, w->plain, n, NULL, 0);
    sodium_memzero(w->plain, n);
    return 0;
}

static void *work(void *arg)
{
    Worker *w = arg;
    Pipeline *p = w->p;
    int failed = 0;
    for (uint32_t c = (uint32_t)w->k; !failed && (uint64_t)c * IMPORT_CHUNK < p->b->count;
         c += (uint32_t)p->nworkers) {
        uint32_t to = (c + 1) * IMPORT_CHUNK < p->b->count ? (c + 1) * IMPORT_CHUNK : p->b->count;
        for (uint32_t i = c * IMPORT_CHUNK; i < to && !failed; i++) {
            if (atomic_load(&p->stop))
                return NULL;
            failed = open_one(w, i) != 0;
            atomic_store(&p->state[i], failed ? REC_BAD : REC_OPEN);
        }
        pthread_mutex_lock(&p->lock);
        pthread_cond_broadcast(&p->ready);
        pthread_mutex_unlock(&p->lock);
    }
    return NULL;
}

/* The statements and counts of storing one bundle. */
typedef struct {
    sqlite3 *db;
    sqlite3_stmt *find, *put, *ans, *quar;
    const char *path, *kiosk;
    char day[11]; /* the day of the import */
    uint8_t *held_ids;
    uint32_t nheld;
    Tally *t;
} Storer;

/* Stores one opened response (or notes it as held, or quarantines it). Returns 0 or -1. */
static int store_one(Storer *st, const Opened *op, char *err)
{
    const Response *r = &op->r;
    sqlite3_reset(st->find);
    sqlite3_bind_blob(st->find, 1, r->id, RESPONSE_ID_LEN, SQLITE_STATIC);
    int step = sqlite3_step(st->find);
    if (step == SQLITE_ROW) {
        int same = sqlite3_column_bytes(st->find, 0) == 32 &&
                   memcmp(sqlite3_column_blob(st->find, 0), op->digest, 32) == 0;
        if (same) {
            st->t->held++;
            memcpy(st->held_ids + (size_t)st->nheld++ * RESPONSE_ID_LEN, r->id, RESPONSE_ID_LEN);
            return 0;
        }
        /* Same id, other content: a forgery or a broken kiosk. Keep what we hold, note the
         * newcomer, and never receipt it. */
        sqlite3_reset(st->quar);
        sqlite3_bind_blob(st->quar, 1, r->id, RESPONSE_ID_LEN, SQLITE_STATIC);
        sqlite3_bind_text(st->quar, 2, st->kiosk, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st->quar, 3, op->digest, 32, SQLITE_STATIC);
        sqlite3_bind_text(st->quar, 4, st->path, -1, SQLITE_STATIC);
        sqlite3_bind_text(st->quar, 5, st->day, -1, SQLITE_STATIC);
        if (sqlite3_step(st->quar) != SQLITE_DONE) {
            snprintf(err, ERR_LEN, "quarantine: %s", sqlite3_errmsg(st->db));
            return -1;
        }
        st->t->quarantined++;
        return 0;
    }
    if (step != SQLITE_DONE) {
        snprintf(err, ERR_LEN, "look up response: %s", sqlite3_errmsg(st->db));
        return -1;
    }
    char rday[11];
    snprintf(rday, sizeof rday, "%04d-%02d-%02d", r->year, r->month, r->day);
    sqlite3_stmt *put = st->put;
    sqlite3_reset(put);
    sqlite3_bind_blob(put, 1, r->id, RESPONSE_ID_LEN, SQLITE_STATIC);
    sqlite3_bind_text(put, 2, st->kiosk, -1, SQLITE_STATIC);
    sqlite3_bind_text(put, 3, r->form_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(put, 4, r->form_version, -1, SQLITE_STATIC);
    sqlite3_bind_text(put, 5, rday, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(put, 6, r->session, -1, SQLITE_STATIC);
    sqlite3_bind_text(put, 7, r->lang, -1, SQLITE_STATIC);
    sqlite3_bind_int64(put, 8, r->flags);
    sqlite3_bind_blob(put, 9, op->digest, 32, SQLITE_STATIC);
    sqlite3_bind_text(put, 10, st->day, -1, SQLITE_STATIC);
    if (sqlite3_step(put) != SQLITE_DONE) {
        snprintf(err, ERR_LEN, "store response: %s", sqlite3_errmsg(st->db));
        return -1;
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
            sqlite3_reset(st->ans);
            sqlite3_bind_blob(st->ans, 1, r->id, RESPONSE_ID_LEN, SQLITE_STATIC);
            sqlite3_bind_text(st->ans, 2, a->question, -1, SQLITE_STATIC);
            sqlite3_bind_int(st->ans, 3, (int)a->kind);
            sqlite3_bind_text(st->ans, 4, value, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(st->ans) != SQLITE_DONE) {
                snprintf(err, ERR_LEN, "store answer: %s", sqlite3_errmsg(st->db));
                return -1;
            }
        }
    }
    st->t->fresh++;
    if (r->flags & RESPONSE_FLAG_SAFETY)
        st->t->safety++;
    memcpy(st->held_ids + (size_t)st->nheld++ * RESPONSE_ID_LEN, r->id, RESPONSE_ID_LEN);
    return 0;
}

/* Waits until record i is opened (or has failed) and returns its state. A record of a worker
 * that could not be started is opened here. */
static int await(Pipeline *p, uint32_t i, const int *started)
{
    if (!p->nworkers || !started[worker_of(p, i)]) {
        Worker *w = &p->w[p->nworkers ? worker_of(p, i) : 0];
        return open_one(w, i) == 0 ? REC_OPEN : REC_BAD;
    }
    int s = atomic_load(&p->state[i]);
    if (s != REC_PENDING)
        return s;
    pthread_mutex_lock(&p->lock);
    while ((s = atomic_load(&p->state[i])) == REC_PENDING)
        pthread_cond_wait(&p->ready, &p->lock);
    pthread_mutex_unlock(&p->lock);
    return s;
}

/* Opens and stores every record of b in one transaction: 0, or -1 after printing why, with the
 * database as it was. held_ids (b->count ids) gets the ids the council now holds with the same
 * content, *nheld how many. */
static int open_and_store(const Importer *im, const char *path, const char *kiosk,
                          const Bundle *b, Opened *op, uint8_t *held_ids, uint32_t *nheld,
                          Tally *t)
{
    char err[ERR_LEN] = "";
    Storer st = {council_db(im->council), NULL, NULL, NULL, NULL, path, kiosk, "", held_ids, 0,
                 t};
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(st.day, sizeof st.day, "%Y-%m-%d", &tm);
    Pipeline *p = calloc(1, sizeof *p);
    _Atomic unsigned char *state = calloc(b->count ? b->count : 1, sizeof *state);
    pthread_t tid[IMPORT_THREADS_MAX];
    int started[IMPORT_THREADS_MAX] = {0};
    int rc = -1, open_tx = 0, sync_ok = 0;
    if (!p || !state) {
        fprintf(stderr, "%s: out of memory\n", path);
        goto done;
    }
    *p = (Pipeline){.im = im, .b = b, .op = op, .state = state};
    p->nworkers = b->count < IMPORT_THREAD_MIN_RECORDS ? 0 : im->threads;
    for (int k = 0; k < (p->nworkers ? p->nworkers : 1); k++) {
        p->w[k] = (Worker){p, k, arena_new(), sodium_malloc(RESPONSE_ENCODED_MAX), ""};
        if (!p->w[k].arena || !p->w[k].plain) {
            fprintf(stderr, "%s: out of memory\n", path);
            goto done;
        }
    }
    if (pthread_mutex_init(&p->lock, NULL) != 0 || pthread_cond_init(&p->ready, NULL) != 0) {
        fprintf(stderr, "%s: cannot start the opening threads\n", path);
        goto done;
    }
    sync_ok = 1;
    /* A bundle refused before may have left its transaction open (a ROLLBACK that could not
     * run, out of memory say): this one must not join it. */
    if (!sqlite3_get_autocommit(st.db))
        sqlite3_exec(st.db, "ROLLBACK", NULL, NULL, NULL);
    if (exec(st.db, "BEGIN IMMEDIATE", err) != 0)
        goto refused;
    open_tx = 1;
    if (sqlite3_prepare_v2(st.db, "SELECT digest FROM response WHERE id = ?", -1, &st.find,
                           NULL) ||
        sqlite3_prepare_v2(st.db,
                           "INSERT INTO response(id, kiosk, form_id, form_version, day, session,"
                           " lang, flags, digest, imported_on) VALUES (?,?,?,?,?,?,?,?,?,?)",
                           -1, &st.put, NULL) ||
        sqlite3_prepare_v2(st.db, "INSERT INTO answer(response, question, kind, value)"
                                  " VALUES (?,?,?,?)",
                           -1, &st.ans, NULL) ||
        sqlite3_prepare_v2(st.db, "INSERT OR IGNORE INTO quarantine(id, kiosk, digest, bundle,"
                                  " noted_on) VALUES (?,?,?,?,?)",
                           -1, &st.quar, NULL)) {
        snprintf(err, ERR_LEN, "prepare: %s", sqlite3_errmsg(st.db));
        goto refused;
    }
    for (int k = 0; k < p->nworkers; k++)
        started[k] = pthread_create(&tid[k], NULL, work, &p->w[k]) == 0;
    for (uint32_t i = 0; i < b->count; i++) {
        if (await(p, i, started) != REC_OPEN) {
            char hid[2 * RESPONSE_ID_LEN + 1];
            hex_id(b->records[i].id, hid);
            fprintf(stderr, "%s: refused: record %u (response %s): %s\n", path, i + 1, hid,
                    p->w[p->nworkers ? worker_of(p, i) : 0].err);
            goto done;
        }
        if (store_one(&st, &op[i], err) != 0)
            goto refused;
        progress(i + 1, b->count);
    }
    if (exec(st.db, "COMMIT", err) != 0)
        goto refused;
    open_tx = 0;
    *nheld = st.nheld;
    rc = 0;
    goto done;
refused:
    fprintf(stderr, "%s: refused: %s (nothing was stored)\n", path, err);
done:
    if (p) {
        atomic_store(&p->stop, 1);
        for (int k = 0; k < p->nworkers; k++)
            if (started[k])
                pthread_join(tid[k], NULL);
    }
    sqlite3_finalize(st.find);
    sqlite3_finalize(st.put);
    sqlite3_finalize(st.ans);
    sqlite3_finalize(st.quar);
    if (open_tx)
        sqlite3_exec(st.db, "ROLLBACK", NULL, NULL, NULL);
    if (p) {
        /* the opened responses point into the workers' arenas: wiped with op by the caller,
         * the arenas go with the pipeline */
        for (int k = 0; k < IMPORT_THREADS_MAX; k++) {
            arena_free(p->w[k].arena);
            sodium_free(p->w[k].plain);
        }
        if (sync_ok) {
            pthread_mutex_destroy(&p->lock);
            pthread_cond_destroy(&p->ready);
        }
    }
    free(p);
    free((void *)state);
    return rc;
}

/* Imports one bundle file. Returns 0, or -1 after printing "FILE: reason". */
static int import_one(Importer *im, const char *path)
{
    char err[ERR_LEN], kiosk[KIOSK_NAME_MAX + 1];
    char *buf = NULL;
    size_t len = 0;
    Arena *a = arena_new();
    Opened *op = NULL;
    uint8_t *held = NULL;
    uint8_t *receipt = NULL;
    size_t rlen = 0;
    Tally t = {0, 0, 0, 0};
    int rc = -1, revoked = 0;
    Bundle b;
    if (!a || file_read_found(path, BUNDLE_FILE_MAX, &buf, &len, err) != 0) {
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
    uint32_t nheld = 0;
    if (open_and_store(im, path, kiosk, &b, op, held, &nheld, &t) != 0)
        goto done;
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
    snprintf(path, sizeof path, "%s/" COUNCIL_BOX_PUBLIC_FILE, im->keys);
    if (keyfile_read(path, KEY_COUNCIL_BOX_PUBLIC, im->box_pk, NULL, err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/" COUNCIL_BOX_SECRET_FILE, im->keys);
    if (keyfile_read(path, KEY_COUNCIL_BOX_SECRET, im->box_sk, NULL, err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/" COUNCIL_SIGN_SECRET_FILE, im->keys);
    return keyfile_read(path, KEY_COUNCIL_SIGN_SECRET, im->sign_sk, NULL, err);
}

static int load_surveys(Importer *im, char *err);

typedef struct {
    const char *db, *keys, *surveys, *receipts;
    unsigned long long threads; /* 0: one a processor core, at most IMPORT_THREADS_MAX */
} ImportArgs;

static const Option import_rows[] = {
    OPT_TEXT("--db", "FILE", ImportArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_TEXT("--keys", "DIR", ImportArgs, keys, DEFAULT_COUNCIL_KEYS, "the council's keys"),
    OPT_TEXT("--surveys", "DIR", ImportArgs, surveys, DEFAULT_SURVEYS,
             "the surveys the responses answer (retired versions in DIR/archive)"),
    OPT_TEXT("--receipts", "DIR", ImportArgs, receipts, NULL,
             "where the receipts go (default: beside each bundle)"),
    OPT_NUMBER("--threads", "N", ImportArgs, threads, 1, IMPORT_THREADS_MAX,
               "threads that open the records (default: one a processor core, at most "
               TEXT_OF(IMPORT_THREADS_MAX) ")"),
    OPT_END,
};

const OptionTable import_options = {
    .program = "chorus-sync",
    .name = "import",
    .options = import_rows,
    .args = "BUNDLE",
    .args_min = 1,
    .args_max = -1,
    .run = cmd_import,
    .about = "Verifies each bundle against the enrolled kiosks, opens every response with the "
             "council key,\nchecks it against its survey and stores the bundle in one "
             "transaction; a response already\nheld is not stored again. Writes a signed "
             "receipt (BUNDLE.receipt, or in --receipts DIR) for\nthe kiosk. A damaged, "
             "forged, unenrolled or revoked bundle, or one record that won't open,\nrefuses "
             "the whole bundle and changes nothing.",
};

int cmd_import(int argc, char **argv)
{
    ImportArgs o;
    OptionArgs files;
    int done = options_read(&import_options, argc, argv, &o, &files);
    if (done >= 0)
        return done;
    Importer im = {o.db, o.keys, o.surveys, o.receipts, (int)o.threads, NULL, {0}, NULL, NULL, 0,
                   {0}};
    if (!im.threads) {
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
    for (int i = 0; i < files.nargs; i++)
        refused += import_one(&im, files.args[i]) != 0;
    if (refused)
        fprintf(stderr, "chorus-sync import: %d of %d bundles refused\n", refused, files.nargs);
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
