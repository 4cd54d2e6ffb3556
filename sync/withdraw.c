/* withdraw.c: taking answers back, at the council. See withdraw.h.
 *
 * Why a keyed BLAKE2b and not Argon2id for the stored code: a code is found by its hash (one
 * index lookup a request), so the hash cannot have a salt of its own per response, and an
 * unsalted slow hash of a 32-bit code is still searched offline in hours. A keyed hash is as
 * fast as a lookup needs and cannot be searched at all without the key, which is derived from
 * the council's signing secret key (never rotated, held only by the council, locked at rest):
 * whoever copies the database alone learns nothing from receipt_code. Guessing through the
 * front door is limited where it happens: a kiosk takes RECEIPT_KIOSK_DAY codes a day.
 *
 * Tables (in the council's schema on both backends, withdraw.h's WITHDRAW_TABLES):
 *   receipt_code(code BLOB PRIMARY KEY, id BLOB)      the keyed hash of a response's code
 *   withdrawal(code BLOB PRIMARY KEY, how, asked_on, done_on)
 *                                                     every request, kept so that a response
 *                                                     imported later (or again) is not stored */
#include "withdraw.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "chorus_limits.h"
#include "council.h"
#include "defaults.h"
#include "keyring.h"
#include "receipt.h"

#define CODE_HASH_LEN 32

enum { S_ASK, S_FIND, S_ANSWERS, S_RESPONSES, S_FORGET, S_DONE, S_COUNT };

static const char *const sql[S_COUNT] = {
    [S_ASK] = "INSERT INTO withdrawal(code, how, asked_on) VALUES (?1, ?2, ?3)"
                " ON CONFLICT DO NOTHING",
    [S_FIND] = "SELECT id FROM receipt_code WHERE code = ?1",
    [S_ANSWERS] = "DELETE FROM answer WHERE response IN (SELECT ref FROM response WHERE id = ?1)",
    [S_RESPONSES] = "DELETE FROM response WHERE id = ?1",
    [S_FORGET] = "DELETE FROM receipt_code WHERE code = ?1",
    [S_DONE] = "UPDATE withdrawal SET done_on = ?2 WHERE code = ?1",
};

/* Codes noted at import go in INSERTs of up to this many rows, at withdraw_send_notes. */
#define NOTE_BATCH 64
#define NOTE_LEN (CODE_HASH_LEN + RESPONSE_ID_LEN)

struct Withdrawals {
    Sql *db;
    SqlStmt *st[S_COUNT];
    uint8_t key[crypto_generichash_KEYBYTES];
    /* Every code asked back, sorted (read at the first withdraw_asked): import asks of each
     * response with a code, and a statement each would send its rows one response at a time
     * (sql.h's appenders). */
    uint8_t *asked;
    size_t nasked, asked_cap;
    int asked_read;
    /* Codes noted and not yet written: hash then id, NOTE_LEN bytes each. */
    uint8_t *notes;
    size_t nnotes, notes_cap;
    SqlStmt *note_batch; /* the INSERT of NOTE_BATCH of them */
};

static int failed(Withdrawals *w, const char *what, char *err)
{
    snprintf(err, ERR_LEN, "%s: %s", what, sql_errmsg(w->db));
    return -1;
}

Withdrawals *withdraw_open(Sql *db, const uint8_t *sign_sk, char *err)
{
    Withdrawals *w = sodium_malloc(sizeof *w);
    if (!w) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    memset(w, 0, sizeof *w);
    w->db = db;
    /* The key: BLAKE2b of a fixed label keyed with the signing key's seed. */
    static const char label[] = "chorus receipt code key v1";
    crypto_generichash(w->key, sizeof w->key, (const uint8_t *)label, sizeof label - 1, sign_sk,
                       32);
    for (int i = 0; i < S_COUNT; i++)
        if (sql_prepare(db, sql[i], &w->st[i]) != 0) {
            failed(w, "prepare", err);
            withdraw_free(w);
            return NULL;
        }
    return w;
}

void withdraw_free(Withdrawals *w)
{
    if (!w)
        return;
    for (int i = 0; i < S_COUNT; i++)
        sql_finalize(w->st[i]);
    sql_finalize(w->note_batch);
    if (w->notes)
        sodium_memzero(w->notes, w->notes_cap * NOTE_LEN);
    free(w->notes);
    free(w->asked);
    sodium_free(w); /* wipes the key */
}

static int by_hash(const void *a, const void *b) { return memcmp(a, b, CODE_HASH_LEN); }

/* Keeps h among the codes asked back, in order. 0, or -1 out of memory. */
static int keep_asked(Withdrawals *w, const uint8_t h[CODE_HASH_LEN])
{
    if (w->nasked && bsearch(h, w->asked, w->nasked, CODE_HASH_LEN, by_hash))
        return 0;
    if (w->nasked == w->asked_cap) {
        size_t cap = w->asked_cap ? 2 * w->asked_cap : 64;
        uint8_t *grown = realloc(w->asked, cap * CODE_HASH_LEN);
        if (!grown)
            return -1;
        w->asked = grown;
        w->asked_cap = cap;
    }
    size_t at = 0;
    while (at < w->nasked && memcmp(w->asked + at * CODE_HASH_LEN, h, CODE_HASH_LEN) < 0)
        at++;
    if (at < w->nasked)
        memmove(w->asked + (at + 1) * CODE_HASH_LEN, w->asked + at * CODE_HASH_LEN,
                (w->nasked - at) * CODE_HASH_LEN);
    memcpy(w->asked + at * CODE_HASH_LEN, h, CODE_HASH_LEN);
    w->nasked++;
    return 0;
}

/* Reads every code asked back into w->asked. 0, or -1 with err. */
static int read_asked(Withdrawals *w, char *err)
{
    SqlStmt *s = NULL;
    if (sql_prepare(w->db, "SELECT code FROM withdrawal", &s) != 0)
        return failed(w, "look up taken-back answers", err);
    int step, rc = 0;
    while (rc == 0 && (step = sql_step(s)) == SQL_ROW) {
        if (sql_column_bytes(s, 0) != CODE_HASH_LEN)
            continue;
        uint8_t h[CODE_HASH_LEN];
        memcpy(h, sql_column_blob(s, 0), CODE_HASH_LEN);
        if (w->nasked == w->asked_cap) {
            size_t cap = w->asked_cap ? 2 * w->asked_cap : 64;
            uint8_t *grown = realloc(w->asked, cap * CODE_HASH_LEN);
            if (!grown) {
                snprintf(err, ERR_LEN, "look up taken-back answers: out of memory");
                rc = -1;
                break;
            }
            w->asked = grown;
            w->asked_cap = cap;
        }
        memcpy(w->asked + w->nasked++ * CODE_HASH_LEN, h, CODE_HASH_LEN);
    }
    if (rc == 0 && step != SQL_DONE)
        rc = failed(w, "look up taken-back answers", err);
    sql_finalize(s);
    if (rc == 0) {
        if (w->nasked > 1)
            qsort(w->asked, w->nasked, CODE_HASH_LEN, by_hash);
        w->asked_read = 1;
    }
    return rc;
}

/* The INSERT of n noted codes (n < NOTE_BATCH: made for this once, the caller finalizes it).
 * NULL with err. */
static SqlStmt *note_insert(Withdrawals *w, int n, char *err)
{
    if (n == NOTE_BATCH && w->note_batch)
        return w->note_batch;
    char text[128 + NOTE_BATCH * 8];
    int used = snprintf(text, sizeof text, "INSERT INTO receipt_code(code, id) VALUES ");
    for (int i = 0; i < n; i++)
        used += snprintf(text + used, sizeof text - (size_t)used, "%s(?,?)", i ? "," : "");
    snprintf(text + used, sizeof text - (size_t)used, " ON CONFLICT DO NOTHING");
    SqlStmt *s = NULL;
    if (sql_prepare(w->db, text, &s) != 0) {
        failed(w, "note receipt codes", err);
        return NULL;
    }
    if (n == NOTE_BATCH)
        w->note_batch = s;
    return s;
}

int withdraw_send_notes(Withdrawals *w, char *err)
{
    size_t done = 0;
    int rc = 0;
    while (rc == 0 && done < w->nnotes) {
        int n = w->nnotes - done < NOTE_BATCH ? (int)(w->nnotes - done) : NOTE_BATCH;
        SqlStmt *s = note_insert(w, n, err);
        if (!s)
            return -1;
        sql_reset(s);
        for (int i = 0; i < n; i++) {
            const uint8_t *note = w->notes + (done + (size_t)i) * NOTE_LEN;
            sql_bind_blob(s, 2 * i + 1, note, CODE_HASH_LEN);
            sql_bind_blob(s, 2 * i + 2, note + CODE_HASH_LEN, RESPONSE_ID_LEN);
        }
        /* queued: PostgreSQL sends them together, their answers read by the next call */
        if (sql_queue(s) != 0)
            rc = failed(w, "note receipt codes", err);
        if (s != w->note_batch)
            sql_finalize(s);
        done += (size_t)n;
    }
    if (w->nnotes)
        sodium_memzero(w->notes, w->nnotes * NOTE_LEN);
    w->nnotes = 0;
    return rc;
}

static void hash_code(const Withdrawals *w, const char *code, uint8_t out[CODE_HASH_LEN])
{
    crypto_generichash(out, CODE_HASH_LEN, (const uint8_t *)code, strlen(code), w->key,
                       sizeof w->key);
}

/* Resets statement i and binds the hash of code to ?1. */
static SqlStmt *with_code(Withdrawals *w, int i, const uint8_t h[CODE_HASH_LEN])
{
    SqlStmt *s = w->st[i];
    sql_reset(s);
    sql_bind_blob(s, 1, h, CODE_HASH_LEN);
    return s;
}

int withdraw_asked(Withdrawals *w, const char *code, char *err)
{
    if (!w->asked_read && read_asked(w, err) != 0)
        return -1;
    uint8_t h[CODE_HASH_LEN];
    hash_code(w, code, h);
    return w->nasked && bsearch(h, w->asked, w->nasked, CODE_HASH_LEN, by_hash) != NULL;
}

int withdraw_note(Withdrawals *w, const char *code, const uint8_t id[RESPONSE_ID_LEN], char *err)
{
    if (w->nnotes == w->notes_cap) {
        size_t cap = w->notes_cap ? 2 * w->notes_cap : 256;
        uint8_t *grown = malloc(cap * NOTE_LEN);
        if (!grown) {
            snprintf(err, ERR_LEN, "note a receipt code: out of memory");
            return -1;
        }
        if (w->nnotes)
            memcpy(grown, w->notes, w->nnotes * NOTE_LEN);
        if (w->notes)
            sodium_memzero(w->notes, w->notes_cap * NOTE_LEN);
        free(w->notes);
        w->notes = grown;
        w->notes_cap = cap;
    }
    uint8_t *note = w->notes + w->nnotes++ * NOTE_LEN;
    hash_code(w, code, note);
    memcpy(note + CODE_HASH_LEN, id, RESPONSE_ID_LEN);
    return 0;
}

int withdraw_request(Withdrawals *w, const char *code, const char *how, const char *day,
                     char *err)
{
    uint8_t h[CODE_HASH_LEN], id[RESPONSE_ID_LEN];
    /* the codes noted so far in this transaction, first: the request may be for one of them */
    if (withdraw_send_notes(w, err) != 0)
        return -1;
    hash_code(w, code, h);
    if (w->asked_read && keep_asked(w, h) != 0) {
        snprintf(err, ERR_LEN, "record a request to take answers back: out of memory");
        return -1;
    }
    SqlStmt *s = with_code(w, S_ASK, h);
    sql_bind_text(s, 2, how);
    sql_bind_text(s, 3, day);
    if (sql_step(s) != SQL_DONE)
        return failed(w, "record a request to take answers back", err);
    s = with_code(w, S_FIND, h);
    int step = sql_step(s);
    if (step == SQL_DONE) {
        sql_reset(s);
        return 0;
    }
    if (step != SQL_ROW || sql_column_bytes(s, 0) != RESPONSE_ID_LEN) {
        sql_reset(s);
        return failed(w, "look up a receipt code", err);
    }
    memcpy(id, sql_column_blob(s, 0), RESPONSE_ID_LEN);
    sql_reset(s);
    /* Answers first (they refer to their response), then every copy of the response, then the
     * code itself: nothing of it is left to link. secure_delete overwrites the rows. */
    static const int del[] = {S_ANSWERS, S_RESPONSES};
    for (size_t i = 0; i < sizeof del / sizeof *del; i++) {
        SqlStmt *d = w->st[del[i]];
        sql_reset(d);
        sql_bind_blob(d, 1, id, RESPONSE_ID_LEN);
        if (sql_step(d) != SQL_DONE)
            return failed(w, "remove taken-back answers", err);
        sql_reset(d);
    }
    sodium_memzero(id, sizeof id);
    if (sql_step(with_code(w, S_FORGET, h)) != SQL_DONE)
        return failed(w, "forget a receipt code", err);
    s = with_code(w, S_DONE, h);
    sql_bind_text(s, 2, day);
    if (sql_step(s) != SQL_DONE)
        return failed(w, "record a request to take answers back", err);
    sql_reset(s);
    return 1;
}

/* ---- chorus-sync withdraw CODE ---- */

static int cmd_withdraw(int argc, char **argv);

typedef struct {
    const char *db, *keys;
    PassphraseSource pass;
} WithdrawArgs;

static const Option withdraw_rows[] = {
    OPT_TEXT("--db", "FILE", WithdrawArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_TEXT("--keys", "DIR", WithdrawArgs, keys, DEFAULT_COUNCIL_KEYS,
             "the council's keys (the signing key: codes are kept as a keyed hash)"),
    OPT_PASSPHRASE(WithdrawArgs, pass),
    OPT_END,
};

const OptionTable withdraw_options = {
    .program = "chorus-sync",
    .name = "withdraw",
    .options = withdraw_rows,
    .args = "CODE | PICTURE PICTURE PICTURE PICTURE",
    .args_min = 1,
    .args_max = RECEIPT_PICTURES,
    .run = cmd_withdraw,
    .about =
        "Takes back a young person's answers by the receipt code they were given: the response\n"
        "is removed from the council's store and counted in no later report, plan or records.\n"
        "CODE is the letters and digits as written (any case, dashes or spaces anywhere); a\n"
        "picture code is its four pictures, each by its name (dog, apple, bus, 'hot dog') or as\n"
        "the picture itself.\n"
        "A code that matches nothing held says so and changes nothing held; it is kept, so\n"
        "answers still on their way are removed when they arrive.",
};

static int cmd_withdraw(int argc, char **argv)
{
    WithdrawArgs o;
    OptionArgs args;
    int done = options_read(&withdraw_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    char code[RECEIPT_CODE_MAX + 1], err[ERR_LEN];
    if (args.nargs == RECEIPT_PICTURES) {
        int n[RECEIPT_PICTURES];
        for (int i = 0; i < RECEIPT_PICTURES; i++) {
            n[i] = -1;
            for (int k = 0; k < RECEIPT_SYMBOLS && n[i] < 0; k++)
                if (strcasecmp(args.args[i], receipt_symbol_name(k)) == 0 ||
                    strcmp(args.args[i], receipt_symbol(k)) == 0)
                    n[i] = k;
            if (n[i] < 0) {
                fprintf(stderr,
                        "chorus-sync withdraw: '%s' is not one of the code pictures; please "
                        "check it with the young person. Nothing was changed.\n",
                        args.args[i]);
                return 1;
            }
        }
        receipt_from_pictures(n, code);
    } else if (args.nargs != 1) {
        return options_complain(&withdraw_options, "a code is one argument, or %d pictures",
                                RECEIPT_PICTURES);
    } else if (receipt_parse(args.args[0], code, err) != 0) {
        fprintf(stderr,
                "chorus-sync withdraw: %s: that is not a receipt code (%s); please check it "
                "with the young person. Nothing was changed.\n",
                args.args[0], err);
        return 1;
    }
    Council *c = NULL;
    Keyring *ring = NULL;
    Withdrawals *w = NULL;
    int rc = 1, open_tx = 0;
    if (!(ring = keyring_open(o.keys, KEYRING_SIGN, &o.pass, "chorus-sync withdraw", err)) ||
        !(c = council_open_existing(o.db, err)))
        goto fail;
    Sql *db = council_db(c);
    if (sql_begin(db, SQL_WRITE) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", sql_name(db), sql_errmsg(db));
        goto fail;
    }
    open_tx = 1;
    if (!(w = withdraw_open(db, keyring_sign_secret(ring), err)))
        goto fail;
    char day[11];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    int removed = withdraw_request(w, code, "worker", day, err);
    if (removed < 0)
        goto fail;
    withdraw_free(w);
    w = NULL;
    if (sql_commit(db) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", sql_name(db), sql_errmsg(db));
        goto fail;
    }
    open_tx = 0;
    if (removed)
        printf("withdrawn: the answers with this code are removed from the council's store and "
               "will be in no later report (what was already published stands, and the next "
               "reports are worked out so that nothing shows who took answers back)\n");
    else
        printf("no answers the council holds have this code. Please check it with the young "
               "person. If their answers are still on a kiosk, they will be removed when they "
               "arrive.\n");
    rc = 0;
    goto done;
fail:
    if (c && council_busy(c)) {
        fprintf(stderr, "chorus-sync withdraw: the council database is busy; nothing was "
                        "changed, try again\n");
        rc = COUNCIL_EXIT_BUSY;
    } else {
        fprintf(stderr, "chorus-sync withdraw: %s\n", err);
    }
done:
    withdraw_free(w);
    if (open_tx)
        sql_rollback(council_db(c));
    council_close(c);
    keyring_free(ring);
    sodium_memzero(code, sizeof code);
    return rc;
}
