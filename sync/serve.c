/* serve.c: `chorus-sync serve`, the council's endpoint for kiosks with a network.
 *
 * The wire is in common/net.h: a bundle POSTed in, its receipt back; a pack fetched. The bundle
 * is imported by import.c's importer_bytes(), the very code `chorus-sync import` runs on a file,
 * so a bundle over the network and one on a stick are stored, refused and receipted alike.
 *
 * Start reading at on_request(): the first call for a request has only its headers, and every
 * refusal that needs no body (an unknown or revoked kiosk, a body over the limit, too many
 * requests this minute) is answered there, before a byte of the body is read. The body is then
 * gathered into memory (at most --max-body bytes, within --request-seconds), and on the last
 * call imported, one bundle at a time (SQLite has one writer), under import_lock.
 *
 * libmicrohttpd runs the connections: a small pool of threads polling with epoll, so a slow
 * client costs a connection (of --connections) but never a thread, and is dropped after
 * --timeout seconds of silence. Silence is not enough: a client that sends a byte of its
 * headers every few seconds is never silent, and libmicrohttpd 0.9.75 has no deadline of its
 * own for a request. So every connection is tracked from its start (MHD_OPTION_NOTIFY_CONNECTION)
 * and a watchdog thread shuts down the socket of one whose request is not whole after
 * --request-seconds (headers and body; from the connection's start, or the end of its last
 * request); libmicrohttpd then sees the socket end and closes the connection, freeing its slot.
 * A request whose body is all here is being answered and is left alone. The fd is only ever
 * shut down under conn_lock, and a connection leaves the table (NOTIFY_CLOSED) before
 * libmicrohttpd closes its socket, so a number reused for another socket is never touched. On SIGTERM the daemon stops
 * taking connections and is stopped: a request being imported finishes (its transaction
 * commits, or rolls back whole), a body still arriving is dropped with nothing stored.
 *
 * Each request writes one line to stderr: the method, the path, the kiosk (name and key id),
 * the status and the outcome in counts. Never an answer: import's own messages are not
 * copied, and a refusal's reason is sent and logged with every quoted value in it blanked. */
#include "serve.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "council.h"
#include "defaults.h"
#include "fileio.h"
#include "import.h"
#include "keyfile.h"
#include "net.h"
#include "passphrase.h"
#include "signed.h"

#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x)

#define SERVE_BODY_DEFAULT (64ull * 1024 * 1024)
#define SERVE_CONNECTIONS_DEFAULT 64
#define SERVE_TIMEOUT_DEFAULT 10
#define SERVE_REQUEST_SECONDS_DEFAULT 120
#define SERVE_PER_MINUTE_DEFAULT 30
#define SERVE_POOL_THREADS 4
#define SERVE_KIOSKS_MAX 4096 /* kiosks the rate limit keeps count of */
#define SERVE_PACKS_MAX 256   /* pack files looked at in --packs */

typedef struct {
    const char *listen, *db, *keys, *surveys, *packs, *tls_cert, *tls_key;
    unsigned long long max_body, connections, timeout, request_seconds, per_minute, threads;
    PassphraseSource pass;
} ServeArgs;

/* One TCP connection, tracked for the watchdog (in Server.conns, under conn_lock). */
typedef struct Conn {
    int fd;
    struct timespec since; /* its start, or the end of its last request */
    int busy;              /* a whole request is being answered: not cut */
    int body;              /* the headers of a bundle were taken; its body is arriving */
    int cut;               /* shut down by the watchdog (logged there) */
    char kiosk[KIOSK_NAME_MAX + 1], key_id[2 * KEY_ID_LEN + 1];
    struct Conn *prev, *next;
} Conn;

/* Requests a kiosk made in the current minute. */
typedef struct {
    uint8_t pk[SIGN_PK_LEN];
    long long minute;
    unsigned long long count;
} Rate;

typedef struct {
    ServeArgs o;
    Importer *im;
    Council *lookup; /* a second connection: kiosks are looked up while a bundle imports */
    uint8_t council_pk[SIGN_PK_LEN];
    pthread_mutex_t import_lock, lookup_lock, rate_lock, pack_lock, log_lock, conn_lock;
    Conn *conns; /* every open connection */
    int watching; /* the watchdog runs while set (atomic) */
    unsigned long long cut; /* connections the watchdog shut down */
    Rate rates[SERVE_KIOSKS_MAX];
    int nrates;
    /* the newest pack in --packs, read again when the folder changes */
    struct timespec packs_mtime;
    int packs_read;
    uint8_t *pack;
    size_t pack_len;
    uint64_t pack_seq;
    unsigned long long requests, stored;
    int inflight; /* requests begun and not completed (atomic) */
} Server;

/* One request, from its headers to its answer. */
typedef struct {
    int bundle;          /* a POST of a bundle (else nothing is gathered) */
    uint8_t pk[SIGN_PK_LEN];
    char kiosk[KIOSK_NAME_MAX + 1];
    char key_id[2 * KEY_ID_LEN + 1];
    uint8_t *body;
    size_t len, expected;
    struct timespec start;
    int answered;
} Request;

static void log_line(Server *sv, const char *method, const char *url, const Request *rq,
                     unsigned status, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void log_line(Server *sv, const char *method, const char *url, const Request *rq,
                     unsigned status, const char *fmt, ...)
{
    char what[ERR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&sv->log_lock);
    fprintf(stderr, "chorus-sync serve: %s %s kiosk %s (key %s): %u %s\n", method, url,
            rq && rq->kiosk[0] ? rq->kiosk : "-", rq && rq->key_id[0] ? rq->key_id : "-",
            status, what);
    fflush(stderr);
    pthread_mutex_unlock(&sv->log_lock);
}

/* Blanks every 'quoted' value of a reason: import's reasons may quote what a record holds. */
static void blank_quoted(char *s)
{
    int in = 0;
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == '\'') {
            in = !in;
            *w++ = '\'';
            if (in) {
                *w++ = '.';
                *w++ = '.';
                *w++ = '.';
            }
            continue;
        }
        if (!in && *r != '\n')
            *w++ = *r;
        else if (!in)
            *w++ = ' ';
    }
    *w = '\0';
}

static enum MHD_Result answer(struct MHD_Connection *c, unsigned status, const void *data,
                              size_t len, const char *type, const char *header,
                              const char *value)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (header)
        MHD_add_response_header(r, header, value);
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

/* A refusal: status and a one-line reason, as text. */
static enum MHD_Result refuse(Server *sv, struct MHD_Connection *c, Request *rq,
                              const char *method, const char *url, unsigned status,
                              const char *retry_after, const char *reason)
{
    char line[ERR_LEN + 2];
    snprintf(line, sizeof line, "%s\n", reason);
    log_line(sv, method, url, rq, status, "%s", reason);
    if (rq)
        rq->answered = 1;
    return answer(c, status, line, strlen(line), "text/plain; charset=utf-8",
                  retry_after ? MHD_HTTP_HEADER_RETRY_AFTER : NULL, retry_after);
}

static double since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Reads the kiosk key of header X-Chorus-Kiosk. Returns 0, or -1 with why. */
static int kiosk_header(struct MHD_Connection *c, Request *rq, const char **why)
{
    const char *hex = MHD_lookup_connection_value(c, MHD_HEADER_KIND, NET_HEADER_KIOSK);
    size_t got = 0;
    if (!hex) {
        *why = "no " NET_HEADER_KIOSK " header naming the kiosk's key";
        return -1;
    }
    if (strlen(hex) != 2 * SIGN_PK_LEN ||
        sodium_hex2bin(rq->pk, SIGN_PK_LEN, hex, strlen(hex), NULL, &got, NULL) != 0 ||
        got != SIGN_PK_LEN) {
        *why = NET_HEADER_KIOSK " is not a key of 32 bytes in hex";
        return -1;
    }
    uint8_t id[KEY_ID_LEN];
    keyfile_key_id(rq->pk, id);
    sodium_bin2hex(rq->key_id, sizeof rq->key_id, id, sizeof id);
    return 0;
}

/* Looks the request's kiosk up: 0 when enrolled and not revoked (its name in rq->kiosk), 403
 * when not, 503 when the database could not say, with the reason in why. */
static unsigned kiosk_allowed(Server *sv, Request *rq, char *why)
{
    int64_t revoked_from = -1;
    char err[ERR_LEN], name[KIOSK_NAME_MAX + 1];
    pthread_mutex_lock(&sv->lookup_lock);
    int found = council_kiosk_for_key(sv->lookup, rq->pk, name, &revoked_from, err);
    pthread_mutex_unlock(&sv->lookup_lock);
    if (found < 0) {
        snprintf(why, ERR_LEN, "cannot look the kiosk up: %s", err);
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    if (found == 0) {
        snprintf(why, ERR_LEN, "kiosk key %s is not enrolled", rq->key_id);
        return MHD_HTTP_FORBIDDEN;
    }
    snprintf(rq->kiosk, sizeof rq->kiosk, "%s", name);
    if (revoked_from >= 0) {
        snprintf(why, ERR_LEN,
                 "kiosk '%s' is revoked (from its bundle %lld); bring its bundles from before "
                 "that on a stick",
                 name, (long long)revoked_from);
        return MHD_HTTP_FORBIDDEN;
    }
    return 0;
}

/* Counts a request of the kiosk against --per-minute. Returns 0, or the seconds to wait. */
static long rate_check(Server *sv, const uint8_t pk[SIGN_PK_LEN])
{
    time_t now = time(NULL);
    long long minute = (long long)now / 60;
    long wait = 0;
    pthread_mutex_lock(&sv->rate_lock);
    Rate *r = NULL;
    for (int i = 0; i < sv->nrates && !r; i++)
        if (memcmp(sv->rates[i].pk, pk, SIGN_PK_LEN) == 0)
            r = &sv->rates[i];
    if (!r && sv->nrates < SERVE_KIOSKS_MAX) {
        r = &sv->rates[sv->nrates++];
        memcpy(r->pk, pk, SIGN_PK_LEN);
        r->minute = minute;
        r->count = 0;
    }
    if (!r) {
        /* more enrolled kiosks than the table holds: the oldest minute's place is taken */
        int oldest = 0;
        for (int i = 1; i < sv->nrates; i++)
            if (sv->rates[i].minute < sv->rates[oldest].minute)
                oldest = i;
        r = &sv->rates[oldest];
        memcpy(r->pk, pk, SIGN_PK_LEN);
        r->minute = minute;
        r->count = 0;
    }
    if (r->minute != minute) {
        r->minute = minute;
        r->count = 0;
    }
    if (r->count >= sv->o.per_minute)
        wait = (long)(60 - now % 60);
    else
        r->count++;
    pthread_mutex_unlock(&sv->rate_lock);
    return wait;
}

/* ---- the deadline of a connection ---- */

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    Server *sv = cls;
    Conn *k = *socket_context;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        k = info ? calloc(1, sizeof *k) : NULL;
        if (!k)
            return; /* untracked: still bounded by --timeout */
        k->fd = info->connect_fd;
        clock_gettime(CLOCK_MONOTONIC, &k->since);
        pthread_mutex_lock(&sv->conn_lock);
        k->next = sv->conns;
        if (sv->conns)
            sv->conns->prev = k;
        sv->conns = k;
        pthread_mutex_unlock(&sv->conn_lock);
        *socket_context = k;
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && k) {
        pthread_mutex_lock(&sv->conn_lock);
        if (k->prev)
            k->prev->next = k->next;
        else
            sv->conns = k->next;
        if (k->next)
            k->next->prev = k->prev;
        pthread_mutex_unlock(&sv->conn_lock);
        free(k);
        *socket_context = NULL;
    }
}

static Conn *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

/* Marks the connection of c: busy (its request is whole and being answered), or body (the
 * bundle of rq is arriving), or neither (its request is done: the clock starts again). */
static void conn_mark(Server *sv, struct MHD_Connection *c, const Request *rq, int busy,
                      int body)
{
    Conn *k = conn_of(c);
    if (!k)
        return;
    pthread_mutex_lock(&sv->conn_lock);
    k->busy = busy;
    k->body = body;
    if (rq) {
        snprintf(k->kiosk, sizeof k->kiosk, "%s", rq->kiosk);
        snprintf(k->key_id, sizeof k->key_id, "%s", rq->key_id);
    }
    if (!busy && !body)
        clock_gettime(CLOCK_MONOTONIC, &k->since);
    pthread_mutex_unlock(&sv->conn_lock);
}

/* 1 if the watchdog cut the connection of c (and logged it). */
static int conn_was_cut(Server *sv, struct MHD_Connection *c)
{
    Conn *k = conn_of(c);
    pthread_mutex_lock(&sv->conn_lock);
    int cut = k && k->cut;
    pthread_mutex_unlock(&sv->conn_lock);
    return cut;
}

/* The watchdog: four times a second, every connection whose request is not whole after
 * --request-seconds has its socket shut down. */
static void *watchdog(void *arg)
{
    Server *sv = arg;
    double limit = (double)sv->o.request_seconds;
    while (__atomic_load_n(&sv->watching, __ATOMIC_SEQ_CST)) {
        struct timespec tick = {0, 250 * 1000 * 1000};
        nanosleep(&tick, NULL);
        pthread_mutex_lock(&sv->conn_lock);
        for (Conn *k = sv->conns; k; k = k->next) {
            if (k->busy || k->cut || since(&k->since) <= limit)
                continue;
            shutdown(k->fd, SHUT_RDWR);
            k->cut = 1;
            sv->cut++;
            Request rq = {0};
            snprintf(rq.kiosk, sizeof rq.kiosk, "%s", k->kiosk);
            snprintf(rq.key_id, sizeof rq.key_id, "%s", k->key_id);
            if (k->body)
                log_line(sv, "POST", NET_PATH_BUNDLE, &rq, 408,
                         "dropped: the body took more than %llu s; nothing stored",
                         sv->o.request_seconds);
            else
                log_line(sv, "-", "-", &rq, 408,
                         "dropped: no whole request within %llu s (headers still arriving)",
                         sv->o.request_seconds);
        }
        pthread_mutex_unlock(&sv->conn_lock);
    }
    return NULL;
}

/* ---- packs ---- */

/* Reads the newest pack of --packs again when the folder changed since. Under pack_lock. */
static void packs_refresh(Server *sv)
{
    struct stat sb;
    if (stat(sv->o.packs, &sb) != 0)
        return;
    if (sv->packs_read && sb.st_mtim.tv_sec == sv->packs_mtime.tv_sec &&
        sb.st_mtim.tv_nsec == sv->packs_mtime.tv_nsec)
        return;
    char err[ERR_LEN], *names[SERVE_PACKS_MAX];
    int n = file_list(sv->o.packs, ".pack", names, SERVE_PACKS_MAX, err);
    if (n < 0) {
        fprintf(stderr, "chorus-sync serve: %s\n", err);
        return;
    }
    uint8_t *best = NULL;
    size_t best_len = 0;
    uint64_t best_seq = 0;
    for (int i = 0; i < n; i++) {
        char path[4096], *buf = NULL;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/%s", sv->o.packs, names[i]);
        Arena *a = arena_new();
        Pack p;
        if (!a || file_read_found(path, PACK_FILE_MAX, &buf, &len, err) != 0) {
            fprintf(stderr, "chorus-sync serve: %s: not offered: %s\n", path,
                    a ? err : "out of memory");
        } else if (pack_read((const uint8_t *)buf, len, a, &p, err) != 0) {
            fprintf(stderr, "chorus-sync serve: %s: not offered: %s\n", path, err);
        } else if (sodium_memcmp(p.council_pk, sv->council_pk, SIGN_PK_LEN) != 0) {
            fprintf(stderr, "chorus-sync serve: %s: not offered: signed by another council key\n",
                    path);
        } else if (!best || p.sequence > best_seq) {
            free(best);
            best = (uint8_t *)buf;
            best_len = len;
            best_seq = p.sequence;
            buf = NULL;
        }
        free(buf);
        arena_free(a);
    }
    file_list_free(names, n);
    free(sv->pack);
    sv->pack = best;
    sv->pack_len = best_len;
    sv->pack_seq = best_seq;
    sv->packs_mtime = sb.st_mtim;
    sv->packs_read = 1;
}

static enum MHD_Result get_pack(Server *sv, struct MHD_Connection *c, Request *rq,
                                const char *url)
{
    const char *why = NULL;
    char reason[ERR_LEN];
    if (kiosk_header(c, rq, &why) != 0)
        return refuse(sv, c, rq, "GET", url, MHD_HTTP_BAD_REQUEST, NULL, why);
    unsigned bad = kiosk_allowed(sv, rq, reason);
    if (bad)
        return refuse(sv, c, rq, "GET", url, bad, bad == 503 ? "5" : NULL, reason);
    const char *when = MHD_lookup_connection_value(c, MHD_HEADER_KIND, NET_HEADER_TIME);
    const char *sig_hex = MHD_lookup_connection_value(c, MHD_HEADER_KIND, NET_HEADER_SIGNATURE);
    const char *after_text = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "after");
    char *end = NULL;
    long long t = when ? strtoll(when, &end, 10) : 0;
    if (!when || !*when || *end)
        return refuse(sv, c, rq, "GET", url, MHD_HTTP_BAD_REQUEST, NULL,
                      "no " NET_HEADER_TIME " header of seconds since 1970");
    unsigned long long after = 0;
    if (after_text) {
        errno = 0;
        after = strtoull(after_text, &end, 10);
        if (errno || !*after_text || *end || after_text[0] == '-')
            return refuse(sv, c, rq, "GET", url, MHD_HTTP_BAD_REQUEST, NULL,
                          "after= is not a pack number");
    }
    long long skew = (long long)time(NULL) - t;
    if (skew > NET_CLOCK_SKEW || skew < -NET_CLOCK_SKEW)
        return refuse(sv, c, rq, "GET", url, MHD_HTTP_FORBIDDEN, NULL,
                      "the request's time is more than a day from the council's clock");
    uint8_t sig[SIG_LEN];
    size_t got = 0;
    char key_hex[2 * SIGN_PK_LEN + 1], msg[NET_REQUEST_MAX];
    sodium_bin2hex(key_hex, sizeof key_hex, rq->pk, SIGN_PK_LEN);
    net_pack_request(key_hex, t, after, msg);
    if (!sig_hex || strlen(sig_hex) != 2 * SIG_LEN ||
        sodium_hex2bin(sig, sizeof sig, sig_hex, strlen(sig_hex), NULL, &got, NULL) != 0 ||
        got != SIG_LEN ||
        crypto_sign_verify_detached(sig, (const uint8_t *)msg, strlen(msg), rq->pk) != 0)
        return refuse(sv, c, rq, "GET", url, MHD_HTTP_FORBIDDEN, NULL,
                      "the request is not signed by the kiosk key it names");
    long wait = rate_check(sv, rq->pk);
    if (wait) {
        char retry[16];
        snprintf(retry, sizeof retry, "%ld", wait);
        return refuse(sv, c, rq, "GET", url, MHD_HTTP_TOO_MANY_REQUESTS, retry,
                      "too many requests from this kiosk this minute");
    }
    if (!sv->o.packs)
        return refuse(sv, c, rq, "GET", url, MHD_HTTP_NOT_FOUND, NULL,
                      "this council offers no packs over the network");
    pthread_mutex_lock(&sv->pack_lock);
    packs_refresh(sv);
    enum MHD_Result ok;
    if (!sv->pack || sv->pack_seq <= after) {
        log_line(sv, "GET", url, rq, MHD_HTTP_NO_CONTENT, "no pack newer than %llu", after);
        ok = answer(c, MHD_HTTP_NO_CONTENT, "", 0, "text/plain", NULL, NULL);
    } else {
        char seq[24];
        snprintf(seq, sizeof seq, "%llu", (unsigned long long)sv->pack_seq);
        log_line(sv, "GET", url, rq, MHD_HTTP_OK, "pack %s, %zu bytes", seq, sv->pack_len);
        ok = answer(c, MHD_HTTP_OK, sv->pack, sv->pack_len, "application/octet-stream",
                    NET_HEADER_PACK, seq);
    }
    pthread_mutex_unlock(&sv->pack_lock);
    rq->answered = 1;
    return ok;
}

/* ---- bundles ---- */

/* The first call of a POST: everything decided from the headers alone. */
static enum MHD_Result bundle_headers(Server *sv, struct MHD_Connection *c, Request *rq,
                                      const char *url)
{
    const char *why = NULL;
    char reason[ERR_LEN];
    if (kiosk_header(c, rq, &why) != 0)
        return refuse(sv, c, rq, "POST", url, MHD_HTTP_BAD_REQUEST, NULL, why);
    unsigned bad = kiosk_allowed(sv, rq, reason);
    if (bad)
        return refuse(sv, c, rq, "POST", url, bad, bad == 503 ? "5" : NULL, reason);
    const char *length = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
    char *end = NULL;
    errno = 0;
    unsigned long long n = length ? strtoull(length, &end, 10) : 0;
    if (!length || !*length || *end || errno || length[0] == '-')
        return refuse(sv, c, rq, "POST", url, MHD_HTTP_LENGTH_REQUIRED, NULL,
                      "a bundle must come with its Content-Length");
    if (n > sv->o.max_body || n > BUNDLE_FILE_MAX) {
        snprintf(reason, sizeof reason, "a body of %llu bytes is over this server's limit of %llu",
                 n, sv->o.max_body < BUNDLE_FILE_MAX ? sv->o.max_body : BUNDLE_FILE_MAX);
        return refuse(sv, c, rq, "POST", url, MHD_HTTP_CONTENT_TOO_LARGE, NULL, reason);
    }
    if (n < BUNDLE_HEAD_LEN)
        return refuse(sv, c, rq, "POST", url, MHD_HTTP_BAD_REQUEST, NULL,
                      "the body is too short to be a bundle");
    long wait = rate_check(sv, rq->pk);
    if (wait) {
        char retry[16];
        snprintf(retry, sizeof retry, "%ld", wait);
        return refuse(sv, c, rq, "POST", url, MHD_HTTP_TOO_MANY_REQUESTS, retry,
                      "too many requests from this kiosk this minute");
    }
    rq->body = malloc(n);
    if (!rq->body)
        return refuse(sv, c, rq, "POST", url, MHD_HTTP_SERVICE_UNAVAILABLE, "5",
                      "out of memory for the body");
    rq->expected = n;
    rq->bundle = 1;
    return MHD_YES;
}

/* The last call of a POST: the whole body is here; import it as `import` would a file. */
static enum MHD_Result bundle_import(Server *sv, struct MHD_Connection *c, Request *rq,
                                     const char *url)
{
    if (rq->len != rq->expected)
        return refuse(sv, c, rq, "POST", url, MHD_HTTP_BAD_REQUEST, NULL,
                      "the body is shorter than its Content-Length");
    char label[KIOSK_NAME_MAX + 64], *said = NULL;
    size_t said_len = 0;
    snprintf(label, sizeof label, "upload from %s", rq->kiosk);
    ImportResult res;
    pthread_mutex_lock(&sv->import_lock);
    FILE *log = open_memstream(&said, &said_len);
    importer_set_log(sv->im, log);
    int rc = importer_bytes(sv->im, label, rq->body, rq->len, rq->pk, &res);
    importer_set_log(sv->im, NULL);
    if (rc == 0)
        sv->stored++;
    pthread_mutex_unlock(&sv->import_lock);
    if (log)
        fclose(log);
    enum MHD_Result ok;
    if (rc == 0) {
        log_line(sv, "POST", url, rq, MHD_HTTP_OK,
                 "bundle %llu, %u records: %ld new, %ld already held, %ld kept aside; "
                 "receipt for %u",
                 (unsigned long long)res.sequence, res.records, res.fresh, res.held,
                 res.quarantined + res.damaged, res.receipted);
        ok = answer(c, MHD_HTTP_OK, res.receipt, res.receipt_len, "application/octet-stream",
                    NULL, NULL);
        rq->answered = 1;
        importer_result_free(&res);
    } else if (rc == IMPORT_BUSY) {
        ok = refuse(sv, c, rq, "POST", url, MHD_HTTP_SERVICE_UNAVAILABLE, "5",
                    "the council database is busy; nothing was stored, send it again");
    } else {
        /* The last line import said is the refusal ("LABEL: refused: reason"). */
        char reason[ERR_LEN] = "refused";
        if (said && said_len) {
            char *last = said + said_len - 1;
            while (last > said && *last == '\n')
                *last-- = '\0';
            char *line = strrchr(said, '\n');
            line = line ? line + 1 : said;
            if (strncmp(line, label, strlen(label)) == 0 && line[strlen(label)] == ':')
                line += strlen(label) + 2;
            snprintf(reason, sizeof reason, "%s", line);
        }
        blank_quoted(reason);
        ok = refuse(sv, c, rq, "POST", url, MHD_HTTP_UNPROCESSABLE_CONTENT, NULL, reason);
    }
    free(said);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    Server *sv = cls;
    Request *rq = *con_cls;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &rq->start);
        *con_cls = rq;
        __atomic_add_fetch(&sv->requests, 1, __ATOMIC_RELAXED);
        __atomic_add_fetch(&sv->inflight, 1, __ATOMIC_SEQ_CST);
        int post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;
        int get = strcmp(method, MHD_HTTP_METHOD_GET) == 0;
        if (strcmp(url, NET_PATH_BUNDLE) == 0 && post) {
            enum MHD_Result ok = bundle_headers(sv, c, rq, url);
            conn_mark(sv, c, rq, !rq->bundle, rq->bundle);
            return ok;
        }
        conn_mark(sv, c, rq, 1, 0); /* answered from its headers */
        if (strcmp(url, NET_PATH_PACK) == 0 && get)
            return get_pack(sv, c, rq, url);
        if (strcmp(url, NET_PATH_BUNDLE) == 0 || strcmp(url, NET_PATH_PACK) == 0)
            return refuse(sv, c, rq, method, url, MHD_HTTP_METHOD_NOT_ALLOWED, NULL,
                          "POST " NET_PATH_BUNDLE " or GET " NET_PATH_PACK);
        return refuse(sv, c, rq, method, "-", MHD_HTTP_NOT_FOUND, NULL,
                      "nothing here: POST " NET_PATH_BUNDLE " or GET " NET_PATH_PACK);
    }
    if (rq->answered) {
        *upload_data_size = 0; /* a refused body is not kept */
        return MHD_YES;
    }
    if (!rq->bundle)
        return MHD_YES;
    if (*upload_data_size) {
        if (*upload_data_size > rq->expected - rq->len) {
            log_line(sv, "POST", url, rq, 400, "dropped: more body than its Content-Length");
            rq->answered = 1;
            return MHD_NO;
        }
        memcpy(rq->body + rq->len, upload_data, *upload_data_size);
        rq->len += *upload_data_size;
        *upload_data_size = 0;
        return MHD_YES;
    }
    conn_mark(sv, c, rq, 1, 0); /* the body is whole: imported and answered, never cut */
    return bundle_import(sv, c, rq, url);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    Server *sv = cls;
    Request *rq = *con_cls;
    if (!rq)
        return;
    int cut = conn_was_cut(sv, c); /* logged by the watchdog */
    conn_mark(sv, c, NULL, 0, 0);
    if (!rq->answered && !cut && toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
        log_line(sv, rq->bundle ? "POST" : "-", rq->bundle ? NET_PATH_BUNDLE : "-", rq, 0,
                 "dropped after %zu of %zu bytes: %s; nothing stored", rq->len, rq->expected,
                 toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "the client went silent"
                 : toe == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN ? "the server is stopping"
                 : toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT ? "the client went away"
                                                               : "the connection failed");
    free(rq->body);
    free(rq);
    *con_cls = NULL;
    __atomic_sub_fetch(&sv->inflight, 1, __ATOMIC_SEQ_CST);
}

/* ---- the command ---- */

static const Option serve_rows[] = {
    OPT_REQUIRED("--listen", "HOST:PORT", ServeArgs, listen,
                 "where to listen, e.g. 0.0.0.0:8443 (with TLS) or 127.0.0.1:8080; port 0\n"
                 "picks a free one, and the log says which"),
    OPT_TEXT("--db", "FILE", ServeArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_TEXT("--keys", "DIR", ServeArgs, keys, DEFAULT_COUNCIL_KEYS, "the council's keys"),
    OPT_TEXT("--surveys", "DIR", ServeArgs, surveys, DEFAULT_SURVEYS,
             "the surveys the responses answer (retired versions in DIR/archive)"),
    OPT_TEXT("--packs", "DIR", ServeArgs, packs, NULL,
             "kiosks fetch the newest pack (*.pack, signed by the council) of DIR"),
    OPT_TEXT("--tls-cert", "FILE", ServeArgs, tls_cert, NULL,
             "HTTPS: the server's certificate (PEM), with --tls-key"),
    OPT_TEXT("--tls-key", "FILE", ServeArgs, tls_key, NULL, "HTTPS: its private key (PEM)"),
    OPT_NUMBER("--max-body", "BYTES", ServeArgs, max_body, 1024, BUNDLE_FILE_MAX,
               "the largest bundle taken (default 64 MiB; more: 413)"),
    OPT_NUMBER("--connections", "N", ServeArgs, connections, 1, 10000,
               "connections at once (default " TEXT_OF(SERVE_CONNECTIONS_DEFAULT) ")"),
    OPT_NUMBER("--timeout", "SECONDS", ServeArgs, timeout, 1, 3600,
               "a connection silent this long is closed (default "
               TEXT_OF(SERVE_TIMEOUT_DEFAULT) ")"),
    OPT_NUMBER("--request-seconds", "SECONDS", ServeArgs, request_seconds, 1, 86400,
               "a request (headers and body) not whole after this long is dropped\n(default "
               TEXT_OF(SERVE_REQUEST_SECONDS_DEFAULT) ")"),
    OPT_NUMBER("--per-minute", "N", ServeArgs, per_minute, 1, 1000000,
               "requests a kiosk may make a minute (default "
               TEXT_OF(SERVE_PER_MINUTE_DEFAULT) "; more: 429)"),
    OPT_NUMBER("--threads", "N", ServeArgs, threads, 1, 8,
               "threads that open a large bundle's records (default: one a core)"),
    OPT_PASSPHRASE(ServeArgs, pass),
    OPT_END,
};

const OptionTable serve_options = {
    .program = "chorus-sync",
    .name = "serve",
    .options = serve_rows,
    .run = cmd_serve,
    .about = "The council's endpoint for kiosks with a network (chorus-kiosk sync). A kiosk "
             "POSTs a bundle\nto /v1/bundle and gets its receipt back; it is imported by the "
             "same code as `import`, so\na repeat stores nothing and gets the same receipt. "
             "An unenrolled or revoked kiosk is\nrefused before the body is read. GET "
             "/v1/pack gives an enrolled kiosk the newest pack of\n--packs. HTTPS with "
             "--tls-cert and --tls-key; plain HTTP only on a loopback address (for\ntests, "
             "or behind a reverse proxy that terminates TLS). One log line a request, on "
             "stderr,\nnever an answer. Stops cleanly on SIGTERM or SIGINT.",
};

/* Parses HOST:PORT ([V6]:PORT) into addr. Returns 0, or -1 with err. *loopback says whether
 * it is a loopback address. */
static int parse_listen(const char *spec, struct sockaddr_storage *addr, socklen_t *alen,
                        int *loopback, char *err)
{
    char host[256];
    const char *colon = strrchr(spec, ':');
    if (!colon || colon == spec || !colon[1] || (size_t)(colon - spec) >= sizeof host) {
        snprintf(err, ERR_LEN, "--listen %s: not HOST:PORT", spec);
        return -1;
    }
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = '\0';
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        memmove(host, host + 1, strlen(host));
        host[strlen(host) - 1] = '\0';
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV | AI_PASSIVE},
                    *res = NULL;
    int e = getaddrinfo(host, colon + 1, &hints, &res);
    if (e != 0) {
        snprintf(err, ERR_LEN, "--listen %s: %s", spec, gai_strerror(e));
        return -1;
    }
    memcpy(addr, res->ai_addr, res->ai_addrlen);
    *alen = res->ai_addrlen;
    freeaddrinfo(res);
    if (addr->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)addr;
        *loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    } else {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)addr;
        *loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
    }
    return 0;
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char line[ERR_LEN];
    vsnprintf(line, sizeof line, fmt, ap);
    line[strcspn(line, "\n")] = '\0';
    /* a client gone while its headers arrive: said already by the watchdog's line when it was
     * cut at the deadline, and nothing was taken from it otherwise */
    if (strncmp(line, "Connection socket is closed when reading request", 48) == 0)
        return;
    fprintf(stderr, "chorus-sync serve: libmicrohttpd: %s\n", line);
}

int cmd_serve(int argc, char **argv)
{
    static Server sv; /* large (the rate table); one a process */
    OptionArgs args;
    int done = options_read(&serve_options, argc, argv, &sv.o, &args);
    if (done >= 0)
        return done;
    ServeArgs *o = &sv.o;
    if (!o->max_body)
        o->max_body = SERVE_BODY_DEFAULT;
    if (!o->connections)
        o->connections = SERVE_CONNECTIONS_DEFAULT;
    if (!o->timeout)
        o->timeout = SERVE_TIMEOUT_DEFAULT;
    if (!o->request_seconds)
        o->request_seconds = SERVE_REQUEST_SECONDS_DEFAULT;
    if (!o->per_minute)
        o->per_minute = SERVE_PER_MINUTE_DEFAULT;
    if (!o->tls_cert != !o->tls_key)
        return options_complain(&serve_options, "--tls-cert and --tls-key go together");
    char err[ERR_LEN];
    struct sockaddr_storage addr;
    socklen_t alen = 0;
    int loopback = 0, rc = 1;
    if (parse_listen(o->listen, &addr, &alen, &loopback, err) != 0)
        return options_complain(&serve_options, "%s", err);
    if (!o->tls_cert && !loopback)
        return options_complain(&serve_options,
                                "--listen %s: plain HTTP only on a loopback address (127.0.0.1, "
                                "::1, e.g. behind a reverse proxy); give --tls-cert and "
                                "--tls-key to listen there",
                                o->listen);
    char *cert = NULL, *key = NULL;
    size_t cert_len = 0, key_len = 0;
    struct MHD_Daemon *d = NULL;
    if (o->tls_cert && (file_read_found(o->tls_cert, 1u << 20, &cert, &cert_len, err) != 0 ||
                        file_read_found(o->tls_key, 1u << 20, &key, &key_len, err) != 0)) {
        fprintf(stderr, "chorus-sync serve: %s\n", err);
        goto out;
    }
    sv.im = importer_open(o->db, o->keys, o->surveys, (int)o->threads, &o->pass, err);
    if (!sv.im) {
        fprintf(stderr, "chorus-sync serve: %s\n", err);
        goto out;
    }
    importer_sign_public(sv.im, sv.council_pk);
    sv.lookup = council_open_reader(o->db, err);
    if (!sv.lookup) {
        fprintf(stderr, "chorus-sync serve: %s\n", err);
        goto out;
    }
    pthread_mutex_init(&sv.import_lock, NULL);
    pthread_mutex_init(&sv.lookup_lock, NULL);
    pthread_mutex_init(&sv.rate_lock, NULL);
    pthread_mutex_init(&sv.pack_lock, NULL);
    pthread_mutex_init(&sv.log_lock, NULL);
    pthread_mutex_init(&sv.conn_lock, NULL);
    /* The daemon's threads inherit this mask: SIGTERM and SIGINT come to sigwait below. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (cert)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem opts[] = {
        {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)on_mhd_error, NULL},
        {MHD_OPTION_SOCK_ADDR, 0, &addr},
        {MHD_OPTION_THREAD_POOL_SIZE, SERVE_POOL_THREADS, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, (intptr_t)o->connections, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)o->timeout, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, &sv},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, &sv},
        {cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert},
        {cert ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, key},
        {MHD_OPTION_END, 0, NULL},
    };
    if (cert) {
        /* libmicrohttpd wants the PEM text NUL-terminated */
        char *c2 = realloc(cert, cert_len + 1), *k2 = c2 ? realloc(key, key_len + 1) : NULL;
        if (!c2 || !k2) {
            fprintf(stderr, "chorus-sync serve: out of memory\n");
            cert = c2 ? c2 : cert;
            goto out;
        }
        cert = c2;
        key = k2;
        cert[cert_len] = key[key_len] = '\0';
        opts[7].ptr_value = cert;
        opts[8].ptr_value = key;
    }
    d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, &sv, MHD_OPTION_ARRAY, opts,
                         MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "chorus-sync serve: cannot listen on %s (in use, not this machine's "
                        "address, or a bad certificate or key)\n",
                o->listen);
        goto out;
    }
    pthread_t dog;
    __atomic_store_n(&sv.watching, 1, __ATOMIC_SEQ_CST);
    if (pthread_create(&dog, NULL, watchdog, &sv) != 0) {
        __atomic_store_n(&sv.watching, 0, __ATOMIC_SEQ_CST);
        fprintf(stderr, "chorus-sync serve: cannot start the connections' watchdog\n");
        goto out;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : 0;
    char shown[300];
    snprintf(shown, sizeof shown, "%.*s", (int)(strrchr(o->listen, ':') - o->listen), o->listen);
    fprintf(stderr, "chorus-sync serve: listening on %s://%s:%u (database %s)\n",
            cert ? "https" : "http", shown, port, o->db);
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "chorus-sync serve: %s: finishing the requests under way\n",
            sig == SIGTERM ? "SIGTERM" : "SIGINT");
    /* No new connections; the requests under way may finish, their answers sent, for as long
     * as a request may take (at most 30 s); then whatever is left is dropped unstored. */
    MHD_quiesce_daemon(d);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double grace = o->request_seconds < 30 ? (double)o->request_seconds : 30.0;
    while (__atomic_load_n(&sv.inflight, __ATOMIC_SEQ_CST) > 0 && since(&t0) < grace) {
        struct timespec tick = {0, 20 * 1000 * 1000};
        nanosleep(&tick, NULL);
    }
    MHD_stop_daemon(d);
    d = NULL;
    __atomic_store_n(&sv.watching, 0, __ATOMIC_SEQ_CST);
    pthread_join(dog, NULL);
    fprintf(stderr,
            "chorus-sync serve: stopped: %llu requests, %llu bundles stored, %llu connections "
            "cut at the deadline\n",
            sv.requests, sv.stored, sv.cut);
    rc = 0;
out:
    if (d)
        MHD_stop_daemon(d);
    importer_free(sv.im);
    council_close(sv.lookup);
    free(sv.pack);
    if (cert)
        sodium_memzero(cert, cert_len);
    if (key)
        sodium_memzero(key, key_len);
    free(cert);
    free(key);
    return rc;
}
