/* import.c: verifies and opens bundles, stores each response once, writes receipts.
 *
 * Start reading at import_one(): the file's head names its kiosk, which must be enrolled and
 * not revoked (or, with --before-revocation, the bundle numbered before the revocation) before
 * the rest of the file is read; then its signature is checked before the database is touched;
 * then every record is opened with the council key and checked against its survey (in worker
 * threads) while it is stored, all in one transaction (open_and_store), then receipted. A
 * response is its kiosk's own: stored under (id, kiosk), so no other kiosk's key can take its
 * place. A record that fails is kept aside in the quarantine table and the rest are stored;
 * anything else wrong refuses the whole bundle and rolls back: the database is left as it was. */
#include "import.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "council.h"
#include "defaults.h"
#include "fileio.h"
#include "help.h"
#include "help_requests.h"
#include "receipt.h"
#include "withdraw.h"
#include "keyfile.h"
#include "keyring.h"
#include "seal.h"
#include "signed.h"
#include "survey.h"

struct Importer {
    const char *db, *keys, *surveys, *receipts;
    int threads; /* threads that open records: --threads, else one a core (at most 8) */
    Council *council;
    Keyring *ring;           /* the council's keys, unlocked once */
    const SealKey *box;      /* in ring: every sealing key, the current one first */
    int nbox;
    const uint8_t *sign_sk;  /* in ring */
    int nsurveys;
    Survey *survey[SURVEYS_MAX];
    int before_revocation; /* --before-revocation: a revoked kiosk's bundles from before it */
    FILE *out, *log; /* what import says, and its refusals: stdout and stderr, or a server's */
};

typedef struct {
    long fresh, held, quarantined, safety;
    long damaged; /* records kept aside: they won't open, decode or fit their survey */
    long copies;  /* new responses another kiosk sent with the same content: counted once */
    long help;    /* new records of requests for help (help.h) */
    long withdrawn; /* responses taken back (withdraw.h): removed, or not stored */
    long asked;     /* requests to take answers back (CHRW records) */
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
        if (a->kind == ANSWER_DECIMAL && q->type == QT_DECIMAL)
            ok = 1;
        if (a->kind == ANSWER_DECIMAL && q->type == QT_RANGE) {
            /* one of the range's own values, as the kiosk's buttons give them */
            char want[ANSWER_DECIMAL_MAX + 1];
            for (int k = 0; k < q->range_count && !ok; k++)
                ok = survey_range_value(q, k, want) == 0 && strcmp(want, a->text) == 0;
            if (!ok) {
                snprintf(err, ERR_LEN, "%s is not a value of range question '%s'", a->text,
                         a->question);
                return -1;
            }
        }
        if (a->kind == ANSWER_DATE)
            ok = q->type == QT_DATE;
        if (a->kind == ANSWER_TIME)
            ok = q->type == QT_TIME;
        if (a->kind == ANSWER_ACK)
            ok = q->type == QT_ACKNOWLEDGE;
        if (a->kind == ANSWER_RANK && q->type == QT_RANK) {
            /* every choice of the list once, in any order (the decoder refuses a repeat) */
            ok = a->nchoices == q->list->nchoices;
            for (int c = 0; c < a->nchoices && ok; c++) {
                if (survey_choice_index(q->list, a->choices[c]) < 0) {
                    snprintf(err, ERR_LEN, "'%s' is not a choice of question '%s'", a->choices[c],
                             a->question);
                    return -1;
                }
            }
            if (!ok) {
                snprintf(err, ERR_LEN,
                         "the rank of question '%s' puts %d of its %d choices in "
                         "order, not all",
                         a->question, a->nchoices, q->list->nchoices);
                return -1;
            }
        }
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

/* A response opened and checked, ready to store; or why its record failed. */
typedef struct {
    Response r;
    uint8_t digest[32];
    const char *why; /* REC_BAD: the reason, in its worker's arena */
    int is_help;     /* a request for help (help.h), in help, not a response */
    HelpRecord help;
    int is_withdraw; /* a request to take answers back (receipt.h), in withdraw */
    WithdrawRequest withdraw;
} Opened;


/* The progress bar, when show (import's own stderr is a terminal: asked once a bundle, not
 * once a record). */
static void progress(int show, uint32_t done, uint32_t total)
{
    if (!show || total < 2)
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
 * bundle order, inside one transaction as soon as it is open. The bundle's signature covers
 * every record, so a record that fails here was signed by its kiosk as it is: it is kept aside
 * in the quarantine table with the reason, not receipted (the kiosk keeps it), and every other
 * record is stored; one damaged record never blocks the rest. When every record fails (a kiosk
 * sealing to another council's key, a survey version the council lacks), the bundle is refused
 * and the transaction rolled back, as it is when a worker runs out of memory: the database is
 * left as it was, and what is named does not depend on the number of threads.
 *
 * Each chunk's responses are decoded into an arena of their own, which this thread wipes and
 * frees as soon as the chunk is stored, and a worker waits rather than open more than
 * IMPORT_AHEAD chunks beyond the one being stored: memory stays the same for a bundle of a
 * million records as for one of a thousand, and the freed blocks are reused warm instead of
 * the workers' heaps growing by a page fault at a time (a tenth of a one-core import). */

#define IMPORT_THREADS_MAX 8
#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x)
/* Records a worker opens before it wakes the storing thread. */
#define IMPORT_CHUNK 32
/* Chunks the workers may have open beyond the one being stored. */
#define IMPORT_AHEAD 64
/* Below this many records, threads cost more than they save: this thread opens them. */
#define IMPORT_THREAD_MIN_RECORDS 256
/* Seconds to wait for another connection's lock before saying the database is busy. */
#define IMPORT_WAIT_DEFAULT 10

/* A record's state: not yet opened, opened, failed (kept aside), or not known because its
 * worker ran out of memory (the bundle is refused). */
enum { REC_PENDING, REC_OPEN, REC_BAD, REC_FATAL };

typedef struct Pipeline Pipeline;

/* One opening thread: its chunks are k, k + nworkers, ...; the reasons its records failed live
 * in its arena, the responses it opens in their chunk's. */
typedef struct {
    Pipeline *p;
    int k;
    Arena *arena;
    uint8_t *plain;    /* sodium_malloc, RESPONSE_ENCODED_MAX: a response's plaintext */
    char err[ERR_LEN]; /* why its last record failed */
    int key;           /* the sealing key that opened its last record: tried first */
} Worker;

struct Pipeline {
    const Importer *im;
    const Bundle *b;
    Opened *op;
    _Atomic unsigned char *state; /* per record: REC_* */
    Arena **chunk;                /* per chunk: its opened responses; NULL once stored */
    atomic_uint stored;           /* chunks stored (and their arenas freed) */
    atomic_int stop;              /* the storing thread is done: workers stop */
    int nworkers;
    Worker w[IMPORT_THREADS_MAX];
    pthread_mutex_t lock;
    pthread_cond_t ready; /* a worker finished a chunk */
    pthread_cond_t room;  /* a chunk was stored, or stop */
};

static int worker_of(const Pipeline *p, uint32_t i)
{
    return (int)((i / IMPORT_CHUNK) % (uint32_t)p->nworkers);
}

/* Opens and checks record i into p->op[i], decoded into arena. Returns 0, or -1 with w->err. */
static int open_one(Worker *w, uint32_t i, Arena *arena)
{
    const Pipeline *p = w->p;
    const BundleRecord *rec = &p->b->records[i];
    Opened *op = &p->op[i];
    size_t n = 0;
    /* plain serves twice: the opened bytes (decoded into the arena, then zeroed), then the
     * canonical encoding */
    if (seal_open_plain_keys(rec->sealed, rec->len, p->im->box, p->im->nbox, &w->key, w->plain,
                             &n, w->err) != 0)
        return -1;
    op->is_help = help_is_record(w->plain, n);
    op->is_withdraw = withdraw_is_record(w->plain, n);
    int decoded = op->is_help       ? help_decode(w->plain, n, arena, &op->help, w->err)
                  : op->is_withdraw ? withdraw_decode(w->plain, n, &op->withdraw, w->err)
                                    : response_decode(w->plain, n, arena, &op->r, w->err);
    sodium_memzero(w->plain, n);
    if (decoded != 0)
        return -1;
    if (op->is_withdraw) {
        if (memcmp(op->withdraw.id, rec->id, WITHDRAW_ID_LEN) != 0) {
            snprintf(w->err, ERR_LEN, "its sealed id differs from the id outside");
            return -1;
        }
        return 0;
    }
    if (op->is_help) {
        if (memcmp(op->help.id, rec->id, HELP_ID_LEN) != 0) {
            snprintf(w->err, ERR_LEN, "its sealed id differs from the id outside");
            return -1;
        }
        return 0;
    }
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

/* Opens record i and says how: REC_OPEN; REC_BAD with op[i].why (it won't open, decode or fit
 * its survey); REC_FATAL with w->err when memory ran out, which says nothing of the record. */
static int open_record(Worker *w, uint32_t i)
{
    Arena **chunk = &w->p->chunk[i / IMPORT_CHUNK];
    w->err[0] = '\0';
    if (!*chunk && !(*chunk = arena_new())) {
        snprintf(w->err, ERR_LEN, "out of memory");
        return REC_FATAL;
    }
    if (open_one(w, i, *chunk) == 0)
        return REC_OPEN;
    if (arena_failed(*chunk) || arena_failed(w->arena) || strstr(w->err, "out of memory"))
        return REC_FATAL;
    w->p->op[i].why = arena_strdup(w->arena, w->err);
    if (!w->p->op[i].why) {
        snprintf(w->err, ERR_LEN, "out of memory");
        return REC_FATAL;
    }
    return REC_BAD;
}

static void *work(void *arg)
{
    Worker *w = arg;
    Pipeline *p = w->p;
    int fatal = 0;
    for (uint32_t c = (uint32_t)w->k; !fatal && (uint64_t)c * IMPORT_CHUNK < p->b->count;
         c += (uint32_t)p->nworkers) {
        uint32_t to = (c + 1) * IMPORT_CHUNK < p->b->count ? (c + 1) * IMPORT_CHUNK : p->b->count;
        if (c >= atomic_load(&p->stored) + IMPORT_AHEAD) {
            pthread_mutex_lock(&p->lock);
            while (c >= atomic_load(&p->stored) + IMPORT_AHEAD && !atomic_load(&p->stop))
                pthread_cond_wait(&p->room, &p->lock);
            pthread_mutex_unlock(&p->lock);
        }
        for (uint32_t i = c * IMPORT_CHUNK; i < to && !fatal; i++) {
            if (atomic_load(&p->stop))
                return NULL;
            int state = open_record(w, i);
            fatal = state == REC_FATAL;
            atomic_store(&p->state[i], (unsigned char)state);
        }
        pthread_mutex_lock(&p->lock);
        pthread_cond_broadcast(&p->ready);
        pthread_mutex_unlock(&p->lock);
    }
    return NULL;
}

/* The statements and counts of storing one bundle. */
typedef struct {
    Council *council;
    Sql *db;
    SqlStmt *find, *quar, *lower, *resolve;
    /* The responses and their answers, appended (sql.h): sent in bulk, before any other
     * statement of the transaction runs, responses first. */
    SqlAppend *responses, *answers;
    const char *path, *kiosk;
    int64_t seq;   /* the bundle's sequence number (0: version 1) */
    int resolving; /* this kiosk has records in quarantine: one stored now leaves it */
    /* their ids, sorted: only a response stored under one of them is resolved (a statement
     * a response would send the appended rows one response at a time) */
    uint8_t *quarantined;
    size_t nquarantined;
    /* The row number the next response stored gets: one more than the highest held when the
     * transaction began (writers take turns, sql.h, so no one else numbers rows meanwhile).
     * Given by import rather than asked back from the database, so storing a response needs
     * no answer from it: its row and its answers' rows are appended, to be sent in bulk. It
     * is the number SQLite would give (the highest row number plus one). */
    int64_t next_ref;
    /* Per record of the bundle: 1 when its id may be held already (the database has a
     * response with that id, or an earlier record of the bundle has it), so it is looked up;
     * 0 when it cannot be, which most records of a new bundle are (no query for them). */
    const BundleRecord *records;
    unsigned char *maybe_held;
    char day[11];  /* the day of the import */
    uint8_t *held_ids;
    uint32_t nheld;
    Tally *t;
    int busy; /* a statement failed because another connection holds the database */
    const uint8_t *sign_sk; /* the council's signing key: receipt codes are hashed with it */
    Withdrawals *wd;        /* taking answers back (withdraw.h) */
} Storer;

static int by_id_bytes(const void *a, const void *b) { return memcmp(a, b, RESPONSE_ID_LEN); }

/* Fills err with what failed and SQLite's reason, notes whether that was a busy database, and
 * returns -1. */
static int sql_failed(Storer *st, const char *what, char *err)
{
    st->busy = st->busy || council_busy(st->council);
    snprintf(err, ERR_LEN, "%s: %s", what, sql_errmsg(st->db));
    return -1;
}

static void note_held(Storer *st, const uint8_t id[RESPONSE_ID_LEN])
{
    memcpy(st->held_ids + (size_t)st->nheld++ * RESPONSE_ID_LEN, id, RESPONSE_ID_LEN);
}

/* What the council holds under an id: *mine when this kiosk sent it (m_ref, m_seq, and
 * *m_same when with the content of digest), *copy when another kiosk's response that counts or
 * may count (not set aside by a revocation) has that content. digest NULL: content unknown. */
typedef struct {
    int mine, same, copy;
    int64_t ref, seq;
} Held;

static int look_up(Storer *st, const BundleRecord *rec, const uint8_t *digest, Held *h,
                   char *err)
{
    const uint8_t *id = rec->id;
    memset(h, 0, sizeof *h);
    if (st->maybe_held && !st->maybe_held[rec - st->records])
        return 0;
    sql_reset(st->find);
    sql_bind_blob(st->find, 1, id, RESPONSE_ID_LEN);
    int step;
    while ((step = sql_step(st->find)) == SQL_ROW) {
        const char *kiosk = sql_column_text(st->find, 1);
        const char *aside = sql_column_text(st->find, 3);
        int same = digest && sql_column_bytes(st->find, 2) == 32 &&
                   memcmp(sql_column_blob(st->find, 2), digest, 32) == 0;
        if (kiosk && strcmp(kiosk, st->kiosk) == 0) {
            h->mine = 1;
            h->same = same;
            h->ref = sql_column_int64(st->find, 0);
            h->seq = sql_column_int64(st->find, 4);
        } else if (same && (!aside || strcmp(aside, COUNCIL_ASIDE_REVOKED) != 0)) {
            h->copy = 1;
        }
    }
    return step == SQL_DONE ? 0 : sql_failed(st, "look up response", err);
}

/* Keeps rec aside in the quarantine table (once per kiosk, id and digest) with why. */
static int quarantine(Storer *st, const BundleRecord *rec, const uint8_t digest[32],
                      const char *why, char *err)
{
    SqlStmt *q = st->quar;
    sql_reset(q);
    sql_bind_blob(q, 1, rec->id, RESPONSE_ID_LEN);
    sql_bind_text(q, 2, st->kiosk);
    sql_bind_blob(q, 3, digest, 32);
    sql_bind_text(q, 4, why);
    sql_bind_blob(q, 5, rec->sealed, (int)rec->len);
    sql_bind_text(q, 6, st->path);
    sql_bind_int64(q, 7, st->seq);
    sql_bind_text(q, 8, st->day);
    return sql_step(q) == SQL_DONE ? 0 : sql_failed(st, "quarantine", err);
}

/* A record that failed (why): when this kiosk's response of that id is already held (a damaged
 * copy of what the council has), it is receipted like any held one (*was_held); otherwise it
 * is kept aside in the quarantine, with the digest of its sealed bytes. */
static int keep_aside(Storer *st, const BundleRecord *rec, const char *why, int *was_held,
                      char *err)
{
    Held h;
    *was_held = 0;
    if (look_up(st, rec, NULL, &h, err) != 0)
        return -1;
    if (h.mine) {
        st->t->held++;
        note_held(st, rec->id);
        *was_held = 1;
        return 0;
    }
    uint8_t digest[32];
    crypto_generichash(digest, sizeof digest, rec->sealed, rec->len, NULL, 0);
    if (quarantine(st, rec, digest, why, err) != 0)
        return -1;
    st->t->damaged++;
    return 0;
}

/* Stores one opened response (or notes it as held, or quarantines it). Responses are a
 * kiosk's own: only one this kiosk sent under the same id can make it held or a conflict, so
 * nothing another kiosk signed (a stolen key squatting this one's ids) keeps it out. Returns 0
 * or -1. */
static int store_one(Storer *st, const BundleRecord *rec, const Opened *op, char *err)
{
    const Response *r = &op->r;
    int coded = r->receipt && *r->receipt;
    /* Its young person took it back before it came (or it comes again after): never stored,
     * but receipted, so that the kiosk forgets it too. */
    int asked = coded ? withdraw_asked(st->wd, r->receipt, err) : 0;
    if (asked < 0)
        return -1;
    if (asked) {
        st->t->withdrawn++;
        note_held(st, r->id);
        return 0;
    }
    Held h;
    if (look_up(st, rec, op->digest, &h, err) != 0)
        return -1;
    if (h.mine && h.same) {
        st->t->held++;
        note_held(st, r->id);
        /* It came again in an earlier bundle (found late): it dates from there, which may take
         * it out of a revocation. */
        if (st->seq < h.seq) {
            sql_reset(st->lower);
            sql_bind_int64(st->lower, 1, st->seq);
            sql_bind_int64(st->lower, 2, h.ref);
            if (sql_step(st->lower) != SQL_DONE)
                return sql_failed(st, "update response", err);
            if (council_recount_id(st->council, r->id, err) != 0)
                return sql_failed(st, "recount response", err);
        }
        return 0;
    }
    if (h.mine) {
        /* Same kiosk, same id, other content: a forgery with this kiosk's own key, or a broken
         * kiosk. Keep what we hold, note the newcomer, and never receipt it. */
        if (quarantine(st, rec, op->digest, COUNCIL_REASON_CONFLICT, err) != 0)
            return -1;
        st->t->quarantined++;
        return 0;
    }
    char rday[11];
    snprintf(rday, sizeof rday, "%04d-%02d-%02d", r->year, r->month, r->day);
    SqlAppend *put = st->responses;
    sql_append_blob(put, r->id, RESPONSE_ID_LEN);
    sql_append_text(put, st->kiosk);
    sql_append_int64(put, st->seq);
    sql_append_text(put, r->form_id);
    sql_append_text(put, r->form_version);
    sql_append_text(put, rday);
    sql_append_text(put, r->session);
    sql_append_text(put, r->lang);
    sql_append_int64(put, r->flags);
    sql_append_blob(put, op->digest, 32);
    sql_append_text(put, st->day);
    /* The same content from another kiosk already counts: stored, receipted, counted once. */
    sql_append_text(put, h.copy ? COUNCIL_ASIDE_COPY : NULL);
    int64_t ref = st->next_ref++;
    sql_append_int64(put, ref);
    if (sql_append_row(put) != 0)
        return sql_failed(st, "store response", err);
    int pos = 0; /* the answers' order, as given: one row a chosen choice, else one an answer */
    for (int k = 0; k < r->nanswers; k++) {
        const Answer *a = &r->answers[k];
        int values = a->kind == ANSWER_CHOICES ? a->nchoices : 1;
        for (int v = 0; v < values; v++) {
            char num[24], ranked[SURVEY_CHOICES_MAX * (SURVEY_NAME_MAX + 1) + 1];
            const char *value = "";
            if (a->kind == ANSWER_CHOICES)
                value = a->choices[v];
            else if (a->kind == ANSWER_TEXT)
                value = a->text;
            else if (a->kind == ANSWER_INTEGER) {
                snprintf(num, sizeof num, "%lld", (long long)a->integer);
                value = num;
            } else if (a->kind == ANSWER_DECIMAL) {
                value = a->text;
            } else if (a->kind == ANSWER_DATE) {
                snprintf(num, sizeof num, "%04d-%02d-%02d", a->year, a->month, a->day);
                value = num;
            } else if (a->kind == ANSWER_TIME) {
                snprintf(num, sizeof num, "%02d:%02d", a->hour, a->minute);
                value = num;
            } else if (a->kind == ANSWER_ACK) {
                value = "OK";
            } else if (a->kind == ANSWER_RANK) {
                /* one row: the names in the young person's order, as ODK writes a rank */
                size_t used = 0;
                for (int c = 0; c < a->nchoices; c++) {
                    int n = snprintf(ranked + used, sizeof ranked - used, "%s%s", c ? " " : "",
                                     a->choices[c]);
                    if (n > 0 && (size_t)n < sizeof ranked - used)
                        used += (size_t)n;
                }
                value = ranked;
            }
            SqlAppend *ans = st->answers;
            sql_append_int64(ans, ref);
            sql_append_text(ans, a->question);
            sql_append_int64(ans, pos++);
            sql_append_int64(ans, (int)a->kind);
            sql_append_text(ans, value);
            int rc = sql_append_row(ans);
            sodium_memzero(num, sizeof num);
            if (a->kind == ANSWER_RANK)
                sodium_memzero(ranked, sizeof ranked);
            if (rc != 0)
                return sql_failed(st, "store answers", err);
        }
    }
    /* Kept aside before (damaged then, or squatted in a version 1 database): resolved now. */
    if (st->resolving &&
        bsearch(r->id, st->quarantined, st->nquarantined, RESPONSE_ID_LEN, by_id_bytes)) {
        sql_reset(st->resolve);
        sql_bind_text(st->resolve, 1, st->kiosk);
        sql_bind_blob(st->resolve, 2, r->id, RESPONSE_ID_LEN);
        sql_bind_blob(st->resolve, 3, op->digest, 32);
        if (sql_step(st->resolve) != SQL_DONE)
            return sql_failed(st, "resolve quarantine", err);
    }
    if (coded && withdraw_note(st->wd, r->receipt, r->id, err) != 0)
        return -1;
    st->t->fresh++;
    if (h.copy)
        st->t->copies++;
    else if (r->flags & RESPONSE_FLAG_SAFETY)
        st->t->safety++;
    note_held(st, r->id);
    return 0;
}

/* Waits until record i is opened (or has failed) and returns its state. A record of a worker
 * that could not be started is opened here. */
static int await(Pipeline *p, uint32_t i, const int *started)
{
    if (!p->nworkers || !started[worker_of(p, i)]) {
        Worker *w = &p->w[p->nworkers ? worker_of(p, i) : 0];
        return open_record(w, i);
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

/* Prepares the statements of st. Returns 0, or -1 with err. */
static int prepare(Storer *st, char *err)
{
    static const char *const sql[] = {
        "SELECT ref, kiosk, digest, aside, seq FROM response WHERE id = ?",
        "INSERT INTO quarantine(id, kiosk, digest, reason, sealed, bundle, seq,"
        " noted_on) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
        "UPDATE response SET seq = ?1 WHERE ref = ?2",
        "DELETE FROM quarantine WHERE kiosk = ?1 AND id = ?2 AND (digest = ?3 OR reason != '"
        COUNCIL_REASON_CONFLICT "')",
    };
    SqlStmt **stmt[] = {&st->find, &st->quar, &st->lower, &st->resolve};
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
        if (sql_prepare(st->db, sql[i], stmt[i]) != 0)
            return sql_failed(st, "prepare", err);
    st->responses = sql_append_new(st->db, "response",
                                   "id, kiosk, seq, form_id, form_version, day, session, lang,"
                                   " flags, digest, imported_on, aside, ref",
                                   13, err);
    if (!st->responses)
        return -1;
    st->answers =
        sql_append_new(st->db, "answer", "response, question, pos, kind, value", 5, err);
    if (!st->answers)
        return -1;
    if (!(st->wd = withdraw_open(st->db, st->sign_sk, err)))
        return -1;
    SqlStmt *s = NULL;
    int rc = 0, step;
    if (sql_prepare(st->db, "SELECT id FROM quarantine WHERE kiosk = ?", &s) != 0)
        return sql_failed(st, "prepare", err);
    sql_bind_text(s, 1, st->kiosk);
    size_t cap = 0;
    while (rc == 0 && (step = sql_step(s)) == SQL_ROW) {
        if (sql_column_bytes(s, 0) != RESPONSE_ID_LEN)
            continue;
        if (st->nquarantined == cap) {
            cap = cap ? 2 * cap : 64;
            uint8_t *grown = realloc(st->quarantined, cap * RESPONSE_ID_LEN);
            if (!grown) {
                snprintf(err, ERR_LEN, "look up quarantine: out of memory");
                rc = -1;
                break;
            }
            st->quarantined = grown;
        }
        memcpy(st->quarantined + st->nquarantined++ * RESPONSE_ID_LEN, sql_column_blob(s, 0),
               RESPONSE_ID_LEN);
    }
    if (rc == 0 && step != SQL_DONE)
        rc = sql_failed(st, "look up quarantine", err);
    st->resolving = st->nquarantined > 0;
    if (st->resolving)
        qsort(st->quarantined, st->nquarantined, RESPONSE_ID_LEN, by_id_bytes);
    sql_finalize(s);
    s = NULL;
    if (rc == 0 && (sql_prepare(st->db, "SELECT coalesce(max(ref), 0) + 1 FROM response", &s) != 0 ||
                    sql_step(s) != SQL_ROW))
        rc = sql_failed(st, "number responses", err);
    else if (rc == 0)
        st->next_ref = sql_column_int64(s, 0);
    sql_finalize(s);
    return rc;
}

/* The record ids of a bundle, sorted with their places, to find the ones seen twice. */
typedef struct {
    const uint8_t *id;
    uint32_t at;
} IdAt;

static int by_id(const void *a, const void *b)
{
    return memcmp(((const IdAt *)a)->id, ((const IdAt *)b)->id, RESPONSE_ID_LEN);
}

static int by_id_at(const void *a, const void *b)
{
    const IdAt *x = a, *y = b;
    int c = memcmp(x->id, y->id, RESPONSE_ID_LEN);
    return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* Fills st->maybe_held (count flags) for the records of b: asks the database which of their
 * ids it holds, IMPORT_IDS_A_QUERY at a time, and marks the records whose id came earlier in
 * the bundle. Nothing else can add a response while this transaction writes (writers take
 * turns), and what it adds itself is caught by the second rule. Returns 0, or -1 with err. */
#define IMPORT_IDS_A_QUERY 200
static int find_maybe_held(Storer *st, const Bundle *b, char *err)
{
    IdAt *ids = malloc((size_t)(b->count ? b->count : 1) * sizeof *ids);
    SqlStmt *q = NULL;
    int rc = -1;
    if (!ids) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    for (uint32_t i = 0; i < b->count; i++)
        ids[i] = (IdAt){b->records[i].id, i};
    qsort(ids, b->count, sizeof *ids, by_id_at);
    for (uint32_t i = 1; i < b->count; i++)
        if (memcmp(ids[i].id, ids[i - 1].id, RESPONSE_ID_LEN) == 0)
            st->maybe_held[ids[i].at] = 1;
    char sql[64 + 2 * IMPORT_IDS_A_QUERY];
    for (uint32_t from = 0; from < b->count; from += IMPORT_IDS_A_QUERY) {
        uint32_t n = b->count - from < IMPORT_IDS_A_QUERY ? b->count - from : IMPORT_IDS_A_QUERY;
        int used = snprintf(sql, sizeof sql, "SELECT DISTINCT id FROM response WHERE id IN (");
        for (uint32_t k = 0; k < n; k++)
            used += snprintf(sql + used, sizeof sql - (size_t)used, k ? ",?" : "?");
        snprintf(sql + used, sizeof sql - (size_t)used, ")");
        if (sql_prepare(st->db, sql, &q) != 0)
            goto failed;
        for (uint32_t k = 0; k < n; k++)
            sql_bind_blob(q, (int)k + 1, ids[from + k].id, RESPONSE_ID_LEN);
        int step;
        while ((step = sql_step(q)) == SQL_ROW) {
            if (sql_column_bytes(q, 0) != RESPONSE_ID_LEN)
                continue;
            IdAt key = {sql_column_blob(q, 0), 0};
            /* every record with this id, wherever bsearch lands among them */
            IdAt *hit = bsearch(&key, ids + from, n, sizeof *ids, by_id);
            while (hit && hit > ids && memcmp(hit[-1].id, key.id, RESPONSE_ID_LEN) == 0)
                hit--;
            for (; hit && hit < ids + b->count && memcmp(hit->id, key.id, RESPONSE_ID_LEN) == 0;
                 hit++)
                st->maybe_held[hit->at] = 1;
        }
        if (step != SQL_DONE)
            goto failed;
        sql_finalize(q);
        q = NULL;
    }
    rc = 0;
    goto done;
failed:
    rc = sql_failed(st, "look up responses", err);
done:
    sql_finalize(q);
    free(ids);
    return rc;
}

/* Notes the bundle itself: its kiosk, sequence, file digest, file name and record count. */
static int note_bundle(Storer *st, const uint8_t file_digest[32], uint32_t records, char *err)
{
    SqlStmt *s = NULL;
    if (sql_prepare(st->db, "INSERT INTO bundle(kiosk, seq, digest, file, records,"
                              " imported_on) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING", &s) != 0)
        return sql_failed(st, "note bundle", err);
    sql_bind_text(s, 1, st->kiosk);
    sql_bind_int64(s, 2, st->seq);
    sql_bind_blob(s, 3, file_digest, 32);
    sql_bind_text(s, 4, st->path);
    sql_bind_int64(s, 5, records);
    sql_bind_text(s, 6, st->day);
    int rc = sql_step(s) == SQL_DONE ? 0 : sql_failed(st, "note bundle", err);
    sql_finalize(s);
    return rc;
}

/* Opens and stores every record of b in one transaction: 0; -1 after printing why (refused),
 * or IMPORT_BUSY (another connection holds the database), with the database as it was.
 * held_ids (b->count ids) gets the ids the council now holds with the same content, *nheld how
 * many. Records kept aside are named on im->log, in bundle order, once the bundle is stored. */
static int open_and_store(const Importer *im, const char *path, const char *kiosk,
                          const Bundle *b, const uint8_t file_digest[32], Opened *op,
                          uint8_t *held_ids, uint32_t *nheld, Tally *t)
{
    char err[ERR_LEN] = "";
    Storer st = {.council = im->council,
                 .db = council_db(im->council),
                 .path = path,
                 .kiosk = kiosk,
                 .seq = (int64_t)b->sequence,
                 .held_ids = held_ids,
                 .t = t,
                 .sign_sk = im->sign_sk};
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(st.day, sizeof st.day, "%Y-%m-%d", &tm);
    Pipeline *p = calloc(1, sizeof *p);
    _Atomic unsigned char *state = calloc(b->count ? b->count : 1, sizeof *state);
    /* the records kept aside, in order: index * 2, + 1 when a damaged copy of one held */
    uint32_t *aside = calloc(b->count ? b->count : 1, sizeof *aside), naside = 0;
    uint32_t nchunks = (b->count + IMPORT_CHUNK - 1) / IMPORT_CHUNK;
    Arena **chunk = calloc(nchunks ? nchunks : 1, sizeof *chunk);
    int show = im->log == stderr && isatty(STDERR_FILENO);
    pthread_t tid[IMPORT_THREADS_MAX];
    int started[IMPORT_THREADS_MAX] = {0};
    int rc = -1, open_tx = 0, sync_ok = 0, fk_off = 0;
    if (!p || !state || !aside || !chunk) {
        fprintf(im->log, "%s: out of memory\n", path);
        goto done;
    }
    *p = (Pipeline){.im = im, .b = b, .op = op, .state = state, .chunk = chunk};
    p->nworkers = b->count < IMPORT_THREAD_MIN_RECORDS ? 0 : im->threads;
    for (int k = 0; k < (p->nworkers ? p->nworkers : 1); k++) {
        p->w[k] = (Worker){p, k, arena_new(), sodium_malloc(RESPONSE_ENCODED_MAX), "", 0};
        if (!p->w[k].arena || !p->w[k].plain) {
            fprintf(im->log, "%s: out of memory\n", path);
            goto done;
        }
    }
    if (pthread_mutex_init(&p->lock, NULL) != 0 || pthread_cond_init(&p->ready, NULL) != 0) {
        fprintf(im->log, "%s: cannot start the opening threads\n", path);
        goto done;
    }
    if (pthread_cond_init(&p->room, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        pthread_cond_destroy(&p->ready);
        fprintf(im->log, "%s: cannot start the opening threads\n", path);
        goto done;
    }
    sync_ok = 1;
    /* A bundle refused before may have left its transaction open (a ROLLBACK that could not
     * run, out of memory say): this one must not join it. */
    if (sql_in_transaction(st.db))
        sql_rollback(st.db);
    /* Every answer row names the response row stored just before it, in this transaction, so
     * the schema's foreign key holds by construction; on SQLite checking it row by row (a
     * look-up of the response and a statement journal each INSERT) was a fifth of storing an
     * answer. Off for this transaction only (the pragma cannot change inside one), on again
     * after it. PostgreSQL checks it as part of the insert it does anyway. */
    if (sql_kind(st.db) == SQL_SQLITE) {
        if (sql_exec(st.db, "PRAGMA foreign_keys=OFF") != 0) {
            snprintf(err, ERR_LEN, "foreign keys: %s", sql_errmsg(st.db));
            goto refused;
        }
        fk_off = 1;
    }
    if (sql_begin(st.db, SQL_WRITE) != 0) {
        snprintf(err, ERR_LEN, "begin: %s", sql_errmsg(st.db));
        st.busy = council_busy(im->council);
        goto refused;
    }
    open_tx = 1;
    st.records = b->records;
    st.maybe_held = calloc(b->count ? b->count : 1, 1);
    if (!st.maybe_held) {
        fprintf(im->log, "%s: out of memory\n", path);
        goto done;
    }
    if (prepare(&st, err) != 0 || find_maybe_held(&st, b, err) != 0)
        goto refused;
    for (int k = 0; k < p->nworkers; k++)
        started[k] = pthread_create(&tid[k], NULL, work, &p->w[k]) == 0;
    for (uint32_t i = 0; i < b->count; i++) {
        int s = await(p, i, started);
        const Worker *w = &p->w[p->nworkers ? worker_of(p, i) : 0];
        if (s == REC_FATAL) {
            char hid[2 * RESPONSE_ID_LEN + 1];
            hex_id(b->records[i].id, hid);
            fprintf(im->log, "%s: refused: record %u (response %s): %s (nothing was stored)\n",
                    path, i + 1, hid, w->err);
            goto done;
        }
        if (s == REC_BAD) {
            int was_held = 0;
            if (keep_aside(&st, &b->records[i], op[i].why, &was_held, err) != 0)
                goto refused;
            aside[naside++] = i * 2 + (uint32_t)was_held;
        } else if (op[i].is_help) {
            /* A request for help: its own table, receipted like a response. */
            int fresh = help_requests_store(st.db, kiosk, &op[i].help, st.day, err);
            if (fresh < 0)
                goto refused;
            t->help += fresh;
            note_held(&st, b->records[i].id);
        } else if (op[i].is_withdraw) {
            /* A request to take answers back: acted on now, receipted like a response. */
            char how[KIOSK_NAME_MAX + 8];
            snprintf(how, sizeof how, "kiosk %s", kiosk);
            int removed = withdraw_request(st.wd, op[i].withdraw.code, how, st.day, err);
            if (removed < 0)
                goto refused;
            t->asked++;
            t->withdrawn += removed;
            sodium_memzero(&op[i].withdraw, sizeof op[i].withdraw);
            note_held(&st, b->records[i].id);
        } else if (store_one(&st, &b->records[i], &op[i], err) != 0) {
            goto refused;
        }
        progress(show, i + 1, b->count);
        if ((i + 1) % IMPORT_CHUNK == 0 || i + 1 == b->count) {
            /* the chunk is stored: its answers in plaintext wiped, its memory free for the
             * workers' next chunks */
            arena_free_wiped(p->chunk[i / IMPORT_CHUNK]);
            p->chunk[i / IMPORT_CHUNK] = NULL;
            pthread_mutex_lock(&p->lock);
            atomic_store(&p->stored, i / IMPORT_CHUNK + 1);
            pthread_cond_broadcast(&p->room);
            pthread_mutex_unlock(&p->lock);
        }
    }
    if (b->count > 0 && t->damaged == (long)b->count) {
        char hid[2 * RESPONSE_ID_LEN + 1];
        hex_id(b->records[0].id, hid);
        fprintf(im->log,
                "%s: refused: none of its %u records could be stored; record 1 (response %s): "
                "%s (nothing was stored)\n",
                path, b->count, hid, op[0].why);
        goto done;
    }
    if (withdraw_send_notes(st.wd, err) != 0 || note_bundle(&st, file_digest, b->count, err) != 0)
        goto refused;
    if (sql_commit(st.db) != 0) {
        snprintf(err, ERR_LEN, "commit: %s", sql_errmsg(st.db));
        st.busy = st.busy || council_busy(im->council);
        goto refused;
    }
    open_tx = 0;
    for (uint32_t k = 0; k < naside; k++) {
        uint32_t i = aside[k] / 2;
        char hid[2 * RESPONSE_ID_LEN + 1];
        hex_id(b->records[i].id, hid);
        if (aside[k] & 1)
            fprintf(im->log, "%s: record %u (response %s): %s; the council already holds this "
                            "response from this kiosk, so it is receipted\n",
                    path, i + 1, hid, op[i].why);
        else
            fprintf(im->log, "%s: record %u (response %s): kept aside, not stored: %s\n", path,
                    i + 1, hid, op[i].why);
    }
    *nheld = st.nheld;
    rc = 0;
    goto done;
refused:
    if (st.busy) {
        fprintf(im->log, "%s: not imported: the council database is busy (another import, report "
                        "or revocation is using it); nothing was stored, try again\n",
                path);
        rc = IMPORT_BUSY;
    } else {
        fprintf(im->log, "%s: refused: %s (nothing was stored)\n", path, err);
    }
done:
    if (p) {
        atomic_store(&p->stop, 1);
        if (sync_ok) {
            pthread_mutex_lock(&p->lock);
            pthread_cond_broadcast(&p->room);
            pthread_mutex_unlock(&p->lock);
        }
        for (int k = 0; k < p->nworkers; k++)
            if (started[k])
                pthread_join(tid[k], NULL);
    }
    SqlStmt *stmts[] = {st.find, st.quar, st.lower, st.resolve};
    for (size_t k = 0; k < sizeof stmts / sizeof *stmts; k++)
        sql_finalize(stmts[k]);
    withdraw_free(st.wd);
    if (open_tx)
        sql_rollback(st.db);
    sql_append_free(st.answers);
    sql_append_free(st.responses);
    if (fk_off && sql_exec(st.db, "PRAGMA foreign_keys=ON") != 0)
        fprintf(stderr, "chorus-sync import: foreign keys: %s\n", sql_errmsg(st.db));
    if (p) {
        /* the opened responses point into the chunks' arenas: wiped with op by the caller,
         * the arenas (answers in plaintext) wiped here as they go, the reasons with their
         * workers' */
        for (int k = 0; k < IMPORT_THREADS_MAX; k++) {
            arena_free_wiped(p->w[k].arena);
            sodium_free(p->w[k].plain);
        }
        if (sync_ok) {
            pthread_mutex_destroy(&p->lock);
            pthread_cond_destroy(&p->ready);
            pthread_cond_destroy(&p->room);
        }
    }
    for (uint32_t c = 0; chunk && c < nchunks; c++)
        arena_free_wiped(chunk[c]);
    free(chunk);
    free(p);
    free((void *)state);
    free(aside);
    free(st.maybe_held);
    free(st.quarantined);
    return rc;
}

/* Reads the first BUNDLE_HEAD_LEN bytes of the file at path (fewer if it is shorter: *got)
 * and its size, and nothing more. Returns 0, or -1 with err naming the file. */
static int read_head(const char *path, uint8_t head[BUNDLE_HEAD_LEN], size_t *got,
                     long long *size, char *err)
{
    int fd = file_open_read(path, FILE_FOUND, err), rc = -1;
    struct stat sb;
    if (fd < 0)
        return -1;
    *got = 0;
    if (fstat(fd, &sb) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot stat: %s", path, strerror(errno));
        goto done;
    }
    *size = (long long)sb.st_size;
    while (*got < BUNDLE_HEAD_LEN) {
        ssize_t n = read(fd, head + *got, BUNDLE_HEAD_LEN - *got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(err, ERR_LEN, "%s: read failed: %s", path, strerror(errno));
            goto done;
        }
        if (n == 0)
            break;
        *got += (size_t)n;
    }
    rc = 0;
done:
    close(fd);
    return rc;
}

/* 1 if the council imported another bundle of this kiosk with the same sequence number but
 * other bytes, 0 if not, -1 with err. */
static int sequence_reused(Council *c, const char *kiosk, uint64_t seq,
                           const uint8_t digest[32], char *err)
{
    SqlStmt *s = NULL;
    int rc = -1;
    if (sql_prepare(council_db(c), "SELECT EXISTS (SELECT 1 FROM bundle WHERE kiosk = ?1"
                                          " AND seq = ?2 AND digest != ?3)", &s) != 0) {
        snprintf(err, ERR_LEN, "look up bundles: %s", sql_errmsg(council_db(c)));
        goto done;
    }
    sql_bind_text(s, 1, kiosk);
    sql_bind_int64(s, 2, (int64_t)seq);
    sql_bind_blob(s, 3, digest, 32);
    if (sql_step(s) != SQL_ROW) {
        snprintf(err, ERR_LEN, "look up bundles: %s", sql_errmsg(council_db(c)));
        goto done;
    }
    rc = sql_column_int64(s, 0);
done:
    sql_finalize(s);
    return rc;
}

/* Says whether the kiosk of key pk may send bundle seq: it must be enrolled and, when revoked,
 * the bundle must be from before the revocation and --before-revocation given. Returns 0 with
 * kiosk (KIOSK_NAME_MAX + 1 bytes) and *revoked_from (-1: not revoked) filled, or -1 after
 * saying why on im->log ("LABEL: refused: ..."). */
static int check_kiosk(Importer *im, const char *label, const uint8_t pk[SIGN_PK_LEN],
                       uint64_t seq, char *kiosk, int64_t *revoked_from)
{
    char err[ERR_LEN], khex[2 * KEY_ID_LEN + 1];
    uint8_t kid[KEY_ID_LEN];
    keyfile_key_id(pk, kid);
    sodium_bin2hex(khex, sizeof khex, kid, sizeof kid);
    *revoked_from = -1;
    int found = council_kiosk_for_key(im->council, pk, kiosk, revoked_from, err);
    if (found < 0) {
        fprintf(im->log, "%s: %s\n", label, err);
        return -1;
    }
    if (found == 0) {
        fprintf(im->log, "%s: refused: signed by kiosk key %s, which is not enrolled\n", label,
                khex);
        return -1;
    }
    if (*revoked_from >= 0 && !im->before_revocation) {
        fprintf(im->log,
                "%s: refused: kiosk '%s' (key %s) has been revoked from its bundle %lld; this is "
                "bundle %llu (--before-revocation imports one you know was made before that)\n",
                label, kiosk, khex, (long long)*revoked_from, (unsigned long long)seq);
        return -1;
    }
    if (*revoked_from >= 0 && (int64_t)seq >= *revoked_from) {
        fprintf(im->log,
                "%s: refused: kiosk '%s' (key %s) has been revoked from its bundle %lld, and this "
                "is bundle %llu\n",
                label, kiosk, khex, (long long)*revoked_from, (unsigned long long)seq);
        return -1;
    }
    return 0;
}

/* Imports the bundle (buf, len), named label in messages and in the bundle table: checks its
 * kiosk, its signature and (when expect_pk is not NULL) that it is that kiosk's, stores it in
 * one transaction and signs the receipt into res. Returns 0; -1 after saying why on im->log
 * (refused, nothing stored); IMPORT_BUSY after saying the database is busy. */
int importer_bytes(Importer *im, const char *label, const uint8_t *buf, size_t len,
                   const uint8_t *expect_pk, ImportResult *res)
{
    char err[ERR_LEN];
    Arena *a = arena_new();
    Opened *op = NULL;
    uint8_t *held = NULL;
    Tally t = {0};
    int rc = -1;
    uint8_t pk[SIGN_PK_LEN], file_digest[32];
    uint64_t seq = 0;
    Bundle b = {0};
    memset(res, 0, sizeof *res);
    res->revoked_from = -1;
    if (!a) {
        fprintf(im->log, "%s: out of memory\n", label);
        goto done;
    }
    if (bundle_peek(buf, len, pk, &seq, err) != 0) {
        fprintf(im->log, "%s: refused: %s\n", label, err);
        goto done;
    }
    if (expect_pk && sodium_memcmp(pk, expect_pk, SIGN_PK_LEN) != 0) {
        fprintf(im->log, "%s: refused: the bundle is signed by another kiosk key than the one "
                         "its upload named\n", label);
        goto done;
    }
    if (check_kiosk(im, label, pk, seq, res->kiosk, &res->revoked_from) != 0)
        goto done;
    const char *kiosk = res->kiosk;
    int64_t revoked_from = res->revoked_from;
    if (bundle_read(buf, len, a, &b, err) != 0) {
        fprintf(im->log, "%s: refused: %s\n", label, err);
        goto done;
    }
    /* What was decided from the head must be what the signature covers. */
    if (memcmp(b.kiosk_pk, pk, SIGN_PK_LEN) != 0 || b.sequence != seq) {
        fprintf(im->log, "%s: refused: the file changed while it was being read\n", label);
        goto done;
    }
    crypto_generichash(file_digest, sizeof file_digest, buf, len, NULL, 0);
    int reused = seq > 0 ? sequence_reused(im->council, kiosk, seq, file_digest, err) : 0;
    if (reused < 0) {
        fprintf(im->log, "%s: %s\n", label, err);
        goto done;
    }
    if (reused && revoked_from >= 0) {
        fprintf(im->log,
                "%s: refused: bundle %llu of kiosk '%s' was imported before with other content, "
                "so this one is not the kiosk's own from before its revocation\n",
                label, (unsigned long long)seq, kiosk);
        goto done;
    }
    if (reused)
        fprintf(im->log, "%s: note: bundle %llu of kiosk '%s' was imported before with other "
                         "content (a kiosk restored from a backup?)\n",
                label, (unsigned long long)seq, kiosk);
    op = calloc(b.count ? b.count : 1, sizeof *op);
    held = malloc((size_t)(b.count ? b.count : 1) * RESPONSE_ID_LEN);
    if (!op || !held) {
        fprintf(im->log, "%s: out of memory\n", label);
        goto done;
    }
    uint32_t nheld = 0;
    int stored = open_and_store(im, label, kiosk, &b, file_digest, op, held, &nheld, &t);
    if (stored != 0) {
        rc = stored;
        goto done;
    }
    res->sequence = b.sequence;
    res->records = b.count;
    res->receipted = nheld;
    res->fresh = t.fresh;
    res->held = t.held;
    res->quarantined = t.quarantined;
    res->damaged = t.damaged;
    res->safety = t.safety;
    res->copies = t.copies;
    res->help = t.help;
    res->asked = t.asked;
    res->withdrawn = t.withdrawn;
    if (receipt_write(im->sign_sk, b.kiosk_pk, held, nheld, &res->receipt, &res->receipt_len,
                      err) != 0) {
        fprintf(im->log, "%s: stored, but the receipt could not be made: %s\n", label, err);
        goto done;
    }
    rc = 0;
done:
    if (op) {
        sodium_memzero(op, sizeof *op * (b.count ? b.count : 1));
        free(op);
    }
    free(held);
    arena_free(a);
    return rc;
}

/* What import says of a bundle it stored, once its receipt is at rpath. */
static void print_stored(const Importer *im, const char *path, const ImportResult *r,
                         const char *rpath)
{
    printf("%s: kiosk %s, bundle %llu, %u responses: %ld new, %ld already held, %ld "
           "quarantined, %ld with a safety flag\n",
           path, r->kiosk, (unsigned long long)r->sequence, r->records, r->fresh, r->held,
           r->quarantined + r->damaged, r->safety);
    if (r->help)
        printf("%s: %ld new records of requests for help: see chorus-sync help-requests\n", path,
               r->help);
    if (r->asked || r->withdrawn)
        printf("%s: %ld requests to take answers back; %ld responses taken back (removed, or "
               "not stored)\n",
               path, r->asked, r->withdrawn);
    printf("%s: receipt for %u responses written to %s\n", path, r->receipted, rpath);
    if (r->quarantined)
        printf("%s: %ld responses had the id of a response held from this kiosk but other "
               "content: kept aside in the quarantine table, not receipted\n",
               path, r->quarantined);
    if (r->damaged)
        printf("%s: %ld records would not open, decode or fit their survey (named above): kept "
               "aside in the quarantine table, not receipted, so the kiosk keeps them\n",
               path, r->damaged);
    if (r->copies)
        printf("%s: %ld of the new responses have the content of responses another kiosk sent: "
               "stored and receipted, counted once\n",
               path, r->copies);
    if (r->revoked_from >= 0)
        printf("%s: kiosk %s is revoked from its bundle %lld; this bundle, made before that, "
               "counts\n",
               path, r->kiosk, (long long)r->revoked_from);
    (void)im;
}

/* Imports one bundle file. Returns 0; -1 after printing "FILE: refused: reason" (or another
 * "FILE: reason"); IMPORT_BUSY after saying the database is busy. The file's head is checked
 * first, by itself: a bundle whose key is not enrolled (or is revoked) is refused before the
 * rest of the file is read, however large it is. */
static int import_one(Importer *im, const char *path)
{
    char err[ERR_LEN], kiosk[KIOSK_NAME_MAX + 1];
    char *buf = NULL;
    size_t len = 0, hlen = 0;
    int rc = -1;
    int64_t revoked_from = -1;
    long long size = 0;
    uint8_t head[BUNDLE_HEAD_LEN], pk[SIGN_PK_LEN];
    uint64_t seq = 0;
    ImportResult r = {0};
    if (read_head(path, head, &hlen, &size, err) != 0) {
        fprintf(stderr, "%s\n", err);
        goto done;
    }
    if (bundle_peek(head, hlen, pk, &seq, err) != 0) {
        fprintf(stderr, "%s: refused: %s\n", path, err);
        goto done;
    }
    if (check_kiosk(im, path, pk, seq, kiosk, &revoked_from) != 0)
        goto done;
    if (size > (long long)BUNDLE_FILE_MAX) {
        fprintf(stderr, "%s: refused: bundle of %lld bytes is over the limit of %u\n", path, size,
                BUNDLE_FILE_MAX);
        goto done;
    }
    if (file_read_found(path, BUNDLE_FILE_MAX, &buf, &len, err) != 0) {
        fprintf(stderr, "%s\n", err);
        goto done;
    }
    rc = importer_bytes(im, path, (const uint8_t *)buf, len, pk, &r);
    if (rc != 0)
        goto done;
    rc = -1;
    char rpath[4096];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (im->receipts)
        snprintf(rpath, sizeof rpath, "%s/%s.receipt", im->receipts, base);
    else
        snprintf(rpath, sizeof rpath, "%s.receipt", path);
    if (file_write_atomic(rpath, r.receipt, r.receipt_len, 0644, err) != 0) {
        fprintf(stderr, "%s: stored, but the receipt could not be written: %s\n", path, err);
        goto done;
    }
    print_stored(im, path, &r, rpath);
    rc = 0;
done:
    importer_result_free(&r);
    free(buf);
    return rc;
}

void importer_result_free(ImportResult *r)
{
    free(r->receipt);
    r->receipt = NULL;
}

/* The council's keys, unlocked once for the whole import: every sealing key it holds (records
 * sealed to a retired one still open) and the signing key for receipts. */
static int load_keys(Importer *im, const PassphraseSource *pass, char *err)
{
    im->ring = keyring_open(im->keys, KEYRING_SIGN | KEYRING_BOX, pass, "chorus-sync import", err);
    if (!im->ring)
        return -1;
    im->box = keyring_box_keys(im->ring, &im->nbox);
    im->sign_sk = keyring_sign_secret(im->ring);
    return 0;
}

static int load_surveys(Importer *im, char *err);

typedef struct {
    const char *db, *keys, *surveys, *receipts;
    unsigned long long threads; /* 0: one a processor core, at most IMPORT_THREADS_MAX */
    int before_revocation;
    unsigned long long wait; /* seconds; 0: IMPORT_WAIT_DEFAULT */
    PassphraseSource pass;
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
    OPT_FLAG("--before-revocation", ImportArgs, before_revocation,
             "take a revoked kiosk's bundle numbered before its revocation point"),
    OPT_NUMBER("--wait", "SECONDS", ImportArgs, wait, 1, 3600,
               "how long to wait for another program using the database (default "
               TEXT_OF(IMPORT_WAIT_DEFAULT) ")"),
    OPT_PASSPHRASE(ImportArgs, pass),
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
             "forged, unenrolled or revoked bundle is refused whole and changes\nnothing "
             "(an unenrolled or revoked one from its first bytes). A record the kiosk signed "
             "that\nwon't open, decode or fit its survey is kept aside in the quarantine "
             "table, unreceipted,\nand the rest are stored. Exit status: 0, 1 if any bundle "
             "was refused, " TEXT_OF(COUNCIL_EXIT_BUSY) " if the\ndatabase was busy (run "
             "it again).",
};

int cmd_import(int argc, char **argv)
{
    ImportArgs o;
    OptionArgs files;
    int done = options_read(&import_options, argc, argv, &o, &files);
    if (done >= 0)
        return done;
    Importer im = {.db = o.db, .keys = o.keys, .surveys = o.surveys, .receipts = o.receipts,
                   .threads = (int)o.threads, .out = stdout, .log = stderr};
    im.before_revocation = o.before_revocation;
    if (!im.threads) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        im.threads = cores < 1 ? 1 : cores > IMPORT_THREADS_MAX ? IMPORT_THREADS_MAX : (int)cores;
    }
    char err[ERR_LEN];
    int rc = 1, refused = 0, busy = 0;
    /* This command uses SQLite from its storing thread only (the workers open records and
     * never touch the database), so SQLite need not lock a mutex on every call, nor count
     * every allocation it makes: set before SQLite's first use in the process. */
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (load_keys(&im, &o.pass, err) != 0 || load_surveys(&im, err) != 0) {
        fprintf(stderr, "chorus-sync import: %s\n", err);
        goto done;
    }
    im.council = council_open_existing(im.db, err);
    if (!im.council) {
        fprintf(stderr, "chorus-sync import: %s\n", err);
        goto done;
    }
    sql_set_busy_ms(council_db(im.council), (int)(o.wait ? o.wait : IMPORT_WAIT_DEFAULT) * 1000);
    for (int i = 0; i < files.nargs; i++) {
        int one = import_one(&im, files.args[i]);
        busy += one == IMPORT_BUSY;
        refused += one == -1;
    }
    if (refused)
        fprintf(stderr, "chorus-sync import: %d of %d bundles refused\n", refused, files.nargs);
    if (busy)
        fprintf(stderr, "chorus-sync import: %d of %d bundles not imported: the database was "
                        "busy; run the import again\n",
                busy, files.nargs);
    /* Busy first: running again is what to do, and a refused bundle is refused again. */
    rc = busy ? COUNCIL_EXIT_BUSY : refused ? 1 : 0;
done:
    council_close(im.council);
    keyring_free(im.ring);
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
    int n = survey_list(dir, names, 256, err), rc = 0;
    if (n < 0)
        return -1;
    static SurveyProblems probs;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (rc != 0)
            continue;
        /* Answers are checked, not shown: pictures and recordings are named, never looked for,
         * so no missing picture (nor where import runs from) stops a bundle. */
        static const SurveyMedia names_only;
        Survey *s = survey_load_with(path, &names_only, &probs);
        int known = 0;
        if (!s) {
            survey_problem_format(path, &probs.items[0], err, ERR_LEN);
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

/* ---- the importer for another caller (chorus-sync serve) ---- */

Importer *importer_open(const char *db, const char *keys, const char *surveys, int threads,
                        const PassphraseSource *pass, char *err)
{
    Importer *im = calloc(1, sizeof *im);
    if (!im) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    *im = (Importer){.db = db, .keys = keys, .surveys = surveys, .threads = threads,
                     .out = stdout, .log = stderr};
    if (!im->threads) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        im->threads = cores < 1 ? 1 : cores > IMPORT_THREADS_MAX ? IMPORT_THREADS_MAX : (int)cores;
    }
    if (load_keys(im, pass, err) != 0 || load_surveys(im, err) != 0)
        goto fail;
    im->council = council_open_existing(db, err);
    if (!im->council)
        goto fail;
    sql_set_busy_ms(council_db(im->council), IMPORT_WAIT_DEFAULT * 1000);
    return im;
fail:
    importer_free(im);
    return NULL;
}

void importer_set_log(Importer *im, FILE *log) { im->log = log ? log : stderr; }

void importer_sign_public(const Importer *im, uint8_t pk[SIGN_PK_LEN])
{
    crypto_sign_ed25519_sk_to_pk(pk, im->sign_sk);
}

void importer_free(Importer *im)
{
    if (!im)
        return;
    council_close(im->council);
    keyring_free(im->ring);
    for (int i = 0; i < im->nsurveys; i++)
        survey_free(im->survey[i]);
    free(im);
}
