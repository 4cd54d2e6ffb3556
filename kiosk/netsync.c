/* netsync.c: the kiosk's network sync on libcurl. See netsync.h.
 *
 * Start reading at netsync_round(). The files in DATA/outbox carry a round across a kill: a
 * bundle there is what was last exported and not yet receipted, a receipt there is what the
 * council answered and was not yet applied. */
#include "netsync.h"

#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "exchange.h"
#include "fileio.h"
#include "keyfile.h"
#include "net.h"
#include "signed.h"

#define PENDING_BUNDLE "pending.bundle"
#define PENDING_RECEIPT "pending.receipt"
#define INCOMING_PACK "incoming.pack"

/* ---- the server and its pin ---- */

/* Where a round goes and the key it trusts there: read again at every round, since a pack of
 * the round before may have replaced them. */
typedef struct {
    char url[NET_URL_MAX + 1];
    char pin[NET_PIN_LINE_MAX + 1]; /* "" when none is kept (plain http:// to loopback) */
} Link;

/* Reads the one-line file DATA/name (a pin line or a URL) into (out, cap), checked by valid.
 * Returns 1 when read, 0 when there is no such file, or -1 with err. */
static int read_line_file(const char *data, const char *name, char *out, size_t cap,
                          int (*valid)(const char *, size_t, char *), char *err)
{
    char path[EXCHANGE_PATH_MAX], why[ERR_LEN], *buf = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", data, name);
    if (!file_exists(path))
        return 0;
    if (file_read_all(path, cap, &buf, &len, err) != 0)
        return -1;
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
        len--;
    buf[len] = '\0';
    int ok = valid(buf, len, why);
    if (ok)
        snprintf(out, cap, "%s", buf);
    else
        snprintf(err, ERR_LEN, "%s: %s", path, why);
    free(buf);
    return ok ? 1 : -1;
}

/* The link of this round: --server, else DATA/server.url; the pin of DATA/server.pin. */
static int link_read(const char *data, const NetSync *ns, Link *l, char *err)
{
    l->pin[0] = '\0';
    if (ns->server) {
        snprintf(l->url, sizeof l->url, "%s", ns->server);
    } else {
        int got = read_line_file(data, NET_URL_FILE, l->url, sizeof l->url, net_url_valid, err);
        if (got < 0)
            return -1;
        if (got == 0) {
            snprintf(err, ERR_LEN,
                     "no --server, and no %s/%s (a pack or provisioning puts the council's "
                     "server there)",
                     data, NET_URL_FILE);
            return -1;
        }
    }
    int pinned = read_line_file(data, NET_PIN_FILE, l->pin, sizeof l->pin, net_pin_valid, err);
    if (pinned < 0)
        return -1;
    if (!pinned && strncmp(l->url, "https://", 8) == 0) {
        snprintf(err, ERR_LEN,
                 "no pin for the council's server: give --pin sha256//BASE64 once (it is kept in "
                 "%s/%s), or import a pack that carries it",
                 data, NET_PIN_FILE);
        return -1;
    }
    return 0;
}

int netsync_prepare(const char *data, NetSync *ns, char *err)
{
    char path[EXCHANGE_PATH_MAX], why[ERR_LEN], kept[NET_PIN_LINE_MAX + 1];
    if (ns->server && !net_url_valid(ns->server, strlen(ns->server), why)) {
        snprintf(err, ERR_LEN, "--server %s", why);
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s", data, NETSYNC_PIN_FILE);
    if (ns->pin && !net_pin_valid(ns->pin, strlen(ns->pin), why)) {
        snprintf(err, ERR_LEN, "--pin %s: %s", ns->pin, why);
        return -1;
    }
    int have = read_line_file(data, NET_PIN_FILE, kept, sizeof kept, net_pin_valid, err);
    if (have < 0)
        return -1;
    if (have && ns->pin && strcmp(ns->pin, kept) != 0) {
        snprintf(err, ERR_LEN,
                 "%s: this kiosk trusts the council server with another key than --pin names "
                 "(a pack may have replaced it); leave --pin out, or remove the file to trust "
                 "the new one",
                 path);
        return -1;
    }
    if (!have && ns->pin) {
        char line[NET_PIN_LINE_MAX + 2];
        snprintf(line, sizeof line, "%s\n", ns->pin);
        if (file_write_atomic(path, line, strlen(line), 0644, err) != 0)
            return -1;
    }
    Link l;
    if (link_read(data, ns, &l, err) != 0)
        return -1;
    char outbox[EXCHANGE_PATH_MAX];
    snprintf(outbox, sizeof outbox, "%s/%s", data, NETSYNC_OUTBOX);
    if (file_mkdirs(outbox, 0700, err) != 0)
        return -1;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(err, ERR_LEN, "libcurl could not start");
        return -1;
    }
    return 0;
}

/* ---- one request ---- */

typedef struct {
    uint8_t *buf;
    size_t len, max;
    int over; /* the answer was longer than max */
} Body;

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
    Body *b = ctx;
    size_t got = size * n;
    if (got > b->max - b->len) {
        b->over = 1;
        return 0;
    }
    uint8_t *grown = realloc(b->buf, b->len + got + 1);
    if (!grown)
        return 0;
    b->buf = grown;
    memcpy(b->buf + b->len, data, got);
    b->len += got;
    b->buf[b->len] = '\0';
    return got;
}

typedef struct {
    long retry_after;
    unsigned long long pack;
} Headers;

static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
    Headers *h = ctx;
    size_t len = size * n;
    char line[128];
    if (len < sizeof line) {
        memcpy(line, data, len);
        line[len] = '\0';
        if (strncasecmp(line, "Retry-After:", 12) == 0)
            h->retry_after = strtol(line + 12, NULL, 10);
        if (strncasecmp(line, NET_HEADER_PACK ":", strlen(NET_HEADER_PACK) + 1) == 0)
            h->pack = strtoull(line + strlen(NET_HEADER_PACK) + 1, NULL, 10);
    }
    return len;
}

/* One request to path on the server: POST of (body, len) when body is not NULL, else GET.
 * Returns the HTTP status with the answer in *out (at most max bytes), or -1 with err (the
 * network, the pin). */
static long request(const NetSync *ns, const Link *l, const char *path, struct curl_slist *headers,
                    const uint8_t *body, size_t len, size_t max, Body *out, Headers *h,
                    char *err)
{
    char url[EXCHANGE_PATH_MAX + 64], curl_err[CURL_ERROR_SIZE] = "";
    size_t base = strlen(l->url);
    while (base && l->url[base - 1] == '/')
        base--;
    snprintf(url, sizeof url, "%.*s%s", (int)base, l->url, path);
    *out = (Body){.max = max};
    *h = (Headers){0};
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(err, ERR_LEN, "libcurl could not start");
        return -1;
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, ns->timeout > 0 ? ns->timeout : 300L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, h);
    if (l->pin[0]) {
        /* The pin is the trust: the council's key, whatever signed its certificate. */
        curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, l->pin);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (body) {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, (const char *)body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    CURLcode rc = curl_easy_perform(c);
    long status = -1;
    if (rc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    } else if (out->over) {
        snprintf(err, ERR_LEN, "%s: the answer is longer than %zu bytes", url, max);
    } else if (rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH) {
        snprintf(err, ERR_LEN,
                 "%s: refused: the server's key is not the one this kiosk trusts (%s); nothing "
                 "was sent",
                 url, NETSYNC_PIN_FILE);
    } else {
        snprintf(err, ERR_LEN, "%s: %s", url, curl_err[0] ? curl_err : curl_easy_strerror(rc));
    }
    curl_easy_cleanup(c);
    if (status < 0) {
        free(out->buf);
        out->buf = NULL;
    }
    return status;
}

/* The first line of a refusal's text, for a message. */
static const char *reason_of(const Body *b)
{
    if (!b->buf || !b->len)
        return "no reason given";
    char *nl = strchr((char *)b->buf, '\n');
    if (nl)
        *nl = '\0';
    return (const char *)b->buf;
}

static int kiosk_header(const char *data, char *line, size_t cap, char key_hex[65], char *err)
{
    uint8_t pk[SIGN_PK_LEN];
    if (exchange_kiosk_key(data, pk, NULL, err) != 0)
        return -1;
    sodium_bin2hex(key_hex, 65, pk, sizeof pk);
    snprintf(line, cap, NET_HEADER_KIOSK ": %s", key_hex);
    return 0;
}

/* ---- the steps of a round ---- */

/* Applies a receipt at path (left by this round or a stopped one) and removes it and the
 * bundle it answers. Returns 0, or -1 with err. */
static int apply_receipt(Store *st, const char *data, const char *receipt, const char *bundle,
                         NetRound *res, char *err)
{
    ReceiptResult r;
    if (exchange_import_receipt(st, data, receipt, &r, err) != 0)
        return -1;
    res->receipted += r.deleted;
    /* the day only: a time would say when the last answers were given */
    char day[11];
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm) && strftime(day, sizeof day, "%Y-%m-%d", &tm) &&
        store_set(st, NETSYNC_LAST_SETTING, day) != 0) {
        snprintf(err, ERR_LEN, "%s: applied, but its day could not be noted: %s", receipt,
                 store_errmsg(st));
        return -1;
    }
    /* the bundle first: a receipt left alone is applied again, harmlessly */
    if ((unlink(bundle) != 0 && errno != ENOENT) || unlink(receipt) != 0) {
        snprintf(err, ERR_LEN, "%s: applied, but cannot be removed: %s", receipt,
                 strerror(errno));
        return -1;
    }
    return 0;
}

/* Sends the bundle at path and applies the receipt that comes back. */
static int send_bundle(Store *st, const char *data, const NetSync *ns, const Link *l,
                       const char *bundle,
                       const char *receipt, NetRound *res, char *err)
{
    char *buf = NULL, header[128], key_hex[65];
    size_t len = 0;
    Body answer = {0};
    Headers h;
    int rc = -1;
    if (file_read_found(bundle, BUNDLE_FILE_MAX, &buf, &len, err) != 0)
        return -1;
    Arena *a = arena_new();
    Bundle b;
    char why[ERR_LEN];
    /* a bundle damaged on this disk would be refused whole: made again from the store */
    if (!a || bundle_read((const uint8_t *)buf, len, a, &b, why) != 0) {
        snprintf(err, ERR_LEN, "%s: %s; it is made again from the store next time", bundle,
                 a ? why : "out of memory");
        unlink(bundle);
        goto done;
    }
    res->sent = b.count;
    if (kiosk_header(data, header, sizeof header, key_hex, err) != 0)
        goto done;
    struct curl_slist *hs = curl_slist_append(NULL, header);
    hs = hs ? curl_slist_append(hs, "Content-Type: application/octet-stream") : NULL;
    hs = hs ? curl_slist_append(hs, "Expect:") : NULL; /* no 100-continue round trip */
    if (!hs) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    long status = request(ns, l, NET_PATH_BUNDLE, hs, (const uint8_t *)buf, len, RECEIPT_FILE_MAX,
                          &answer, &h, err);
    curl_slist_free_all(hs);
    if (status < 0)
        goto done;
    if (status != 200) {
        res->retry_after = h.retry_after;
        snprintf(err, ERR_LEN, "the council answered %ld: %s", status, reason_of(&answer));
        /* a bundle the council refused (422) is made again next time, not sent again */
        if (status == 422)
            unlink(bundle);
        goto done;
    }
    if (file_write_atomic(receipt, answer.buf, answer.len, 0600, err) != 0)
        goto done;
    rc = apply_receipt(st, data, receipt, bundle, res, err);
done:
    free(answer.buf);
    free(buf);
    arena_free(a);
    return rc;
}

/* Fetches and installs a pack newer than the installed one, if the council has one. */
static int fetch_pack(Store *st, const char *data, const NetSync *ns, const Link *l,
                      const char *path,
                      NetRound *res, char *err)
{
    uint64_t have = 0;
    if (exchange_pack_sequence(st, data, &have, err) != 0)
        return -1;
    char header[128], key_hex[65], when_line[64], sig_line[160], msg[NET_REQUEST_MAX];
    if (kiosk_header(data, header, sizeof header, key_hex, err) != 0)
        return -1;
    long long now = (long long)time(NULL);
    net_pack_request(key_hex, now, have, msg);
    uint8_t sig[SIG_LEN], pk[SIGN_PK_LEN];
    if (exchange_kiosk_sign(data, (const uint8_t *)msg, strlen(msg), sig, pk, err) != 0)
        return -1;
    char sig_hex[2 * SIG_LEN + 1];
    sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sizeof sig);
    snprintf(when_line, sizeof when_line, NET_HEADER_TIME ": %lld", now);
    snprintf(sig_line, sizeof sig_line, NET_HEADER_SIGNATURE ": %s", sig_hex);
    struct curl_slist *hs = curl_slist_append(NULL, header);
    hs = hs ? curl_slist_append(hs, when_line) : NULL;
    hs = hs ? curl_slist_append(hs, sig_line) : NULL;
    if (!hs) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    char query[64];
    snprintf(query, sizeof query, NET_PATH_PACK "?after=%llu", (unsigned long long)have);
    Body answer;
    Headers h;
    long status = request(ns, l, query, hs, NULL, 0, PACK_FILE_MAX, &answer, &h, err);
    curl_slist_free_all(hs);
    int rc = -1;
    if (status < 0)
        return -1;
    if (status == 204 || status == 404) {
        rc = 0; /* nothing newer, or this council offers no packs over the network */
    } else if (status != 200) {
        res->retry_after = h.retry_after;
        snprintf(err, ERR_LEN, "pack: the council answered %ld: %s", status, reason_of(&answer));
    } else if (file_write_atomic(path, answer.buf, answer.len, 0600, err) == 0) {
        PackResult pr;
        /* the pack is checked exactly as one from a stick: signed by the pinned council key,
         * newer, every survey loading */
        if (exchange_import_pack_with(st, data, ns->media, path, &pr, err) == 0) {
            res->pack = 1;
            res->pack_seq = pr.sequence;
            res->server_changed = pr.server_pin || pr.server_url;
            rc = 0;
        }
        unlink(path);
    }
    free(answer.buf);
    return rc;
}

long netsync_waiting(Store *st, long *help)
{
    StoredResponse *list = NULL;
    size_t n = 0;
    if (store_list_help(st, &list, &n) != 0)
        return -1;
    store_responses_free(list, n);
    long all = store_count(st, NULL, STORE_ALL), aside = store_count(st, NULL, STORE_ASIDE);
    if (all < 0 || aside < 0)
        return -1;
    if (help)
        *help = (long)n;
    return all - aside + (long)n;
}

int netsync_round(Store *st, const char *data, const NetSync *ns, NetRound *res, char *err)
{
    char bundle[EXCHANGE_PATH_MAX], receipt[EXCHANGE_PATH_MAX], pack[EXCHANGE_PATH_MAX];
    memset(res, 0, sizeof *res);
    snprintf(bundle, sizeof bundle, "%s/%s/%s", data, NETSYNC_OUTBOX, PENDING_BUNDLE);
    snprintf(receipt, sizeof receipt, "%s/%s/%s", data, NETSYNC_OUTBOX, PENDING_RECEIPT);
    snprintf(pack, sizeof pack, "%s/%s/%s", data, NETSYNC_OUTBOX, INCOMING_PACK);
    Link l;
    if (link_read(data, ns, &l, err) != 0)
        return -1;
    /* 1. a receipt a stopped round got but did not apply */
    if (file_exists(receipt) && apply_receipt(st, data, receipt, bundle, res, err) != 0)
        return -1;
    /* 2. the bundle a stopped round made, as it is; else a new one of all that waits */
    if (!file_exists(bundle)) {
        long n = exchange_export(st, data, bundle, err);
        if (n < 0)
            return -1;
    }
    /* 3. sent; its receipt applied */
    if (file_exists(bundle) && send_bundle(st, data, ns, &l, bundle, receipt, res, err) != 0)
        return -1;
    /* 4. a newer pack */
    if (fetch_pack(st, data, ns, &l, pack, res, err) != 0)
        return -1;
    res->waiting = netsync_waiting(st, NULL);
    if (res->waiting < 0) {
        snprintf(err, ERR_LEN, "cannot count what waits: %s", store_errmsg(st));
        return -1;
    }
    return 0;
}

/* ---- the loop ---- */

#define BACKOFF_FIRST 2     /* seconds after the first failure */
#define BACKOFF_MAX 900     /* at most a quarter of an hour between tries */
#define HELP_POLL 2         /* seconds between looks for a new request for help */
#define ROUNDS_AT_ONCE 3    /* rounds in a row while a round leaves something to send */

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
    (void)sig;
    stopping = 1;
}

/* Sleeps up to seconds, or until a stop signal. */
static void nap(long seconds)
{
    struct timespec t = {seconds, 0};
    while (!stopping && nanosleep(&t, &t) != 0 && errno == EINTR)
        ;
}

/* A delay drawn uniformly from [d/2, d]: kiosks that lost the network together come back
 * apart. */
static long jittered(long d)
{
    return d / 2 + (long)randombytes_uniform((uint32_t)(d - d / 2 + 1));
}

/* One round, and more while each leaves something it could send (a bundle left by a stopped
 * round goes first, then what came since). */
static int rounds(Store *st, const char *data, const NetSync *ns, NetRound *total, char *err)
{
    memset(total, 0, sizeof *total);
    for (int i = 0; i < ROUNDS_AT_ONCE; i++) {
        NetRound r;
        int rc = netsync_round(st, data, ns, &r, err);
        total->sent += r.sent;
        total->receipted += r.receipted;
        total->waiting = r.waiting;
        total->pack |= r.pack;
        if (r.pack)
            total->pack_seq = r.pack_seq;
        total->server_changed |= r.server_changed;
        total->retry_after = r.retry_after;
        if (rc != 0)
            return -1;
        /* what is left was sent and not receipted (kept aside at the council): not again now */
        if (!r.waiting || !r.sent || r.receipted < r.sent)
            break;
    }
    return 0;
}

int netsync_run(Store *st, const char *data, const NetSync *ns, int once, long interval,
                int verbose)
{
    char err[ERR_LEN];
    NetRound r;
    if (once) {
        if (rounds(st, data, ns, &r, err) != 0) {
            fprintf(stderr, "chorus-kiosk: sync: %s\n", err);
            long left = netsync_waiting(st, NULL);
            if (left > 0)
                fprintf(stderr, "chorus-kiosk: sync: %ld record%s still on this kiosk, kept for "
                                "the next try\n",
                        left, left == 1 ? "" : "s");
            return 1;
        }
        if (verbose)
            printf("sent %ld records, %ld receipted and deleted here\n", r.sent, r.receipted);
        if (r.pack)
            printf("pack %llu installed: the kiosk shows it from its next start\n", r.pack_seq);
        if (r.server_changed)
            printf("the pack named the council's server anew (%s, %s): used from the next "
                   "round\n",
                   NET_PIN_FILE, NET_URL_FILE);
        if (r.waiting) {
            printf("%ld record%s still waiting for a receipt (the council kept %s aside)\n",
                   r.waiting, r.waiting == 1 ? "" : "s", r.waiting == 1 ? "it" : "them");
            return 1;
        }
        printf("nothing waits on this kiosk: the council holds everything\n");
        return 0;
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    long backoff = 0, help_seen = -1, sent = 0, failures = 0;
    time_t next = 0;
    char last_err[ERR_LEN] = "";
    fprintf(stderr, "chorus-kiosk: sync: to %s every %ld s, requests for help at once\n",
            ns->server ? ns->server : "the server of " NET_URL_FILE, interval);
    while (!stopping) {
        long help = 0;
        if (netsync_waiting(st, &help) < 0)
            help = 0;
        /* a new request for help goes now, unless the council is being waited for */
        if (help > 0 && help != help_seen && !backoff)
            next = 0;
        if (time(NULL) >= next) {
            help_seen = help;
            if (rounds(st, data, ns, &r, err) == 0) {
                sent += r.sent;
                if (backoff)
                    fprintf(stderr, "chorus-kiosk: sync: the council is reached again\n");
                backoff = 0;
                last_err[0] = '\0';
                next = time(NULL) + interval;
                if (verbose)
                    fprintf(stderr, "chorus-kiosk: sync: sent %ld, receipted %ld, waiting %ld\n",
                            r.sent, r.receipted, r.waiting);
            } else {
                failures++;
                backoff = backoff ? (backoff * 2 > BACKOFF_MAX ? BACKOFF_MAX : backoff * 2)
                                  : BACKOFF_FIRST;
                long delay = jittered(backoff);
                if (r.retry_after > delay)
                    delay = r.retry_after;
                /* the same failure again is not logged again */
                if (strcmp(err, last_err) != 0)
                    fprintf(stderr, "chorus-kiosk: sync: %s (trying again, waiting up to %ld s "
                                    "between tries)\n",
                            err, backoff);
                snprintf(last_err, sizeof last_err, "%s", err);
                next = time(NULL) + delay;
            }
        }
        long wait = (long)(next - time(NULL));
        nap(wait < 1 ? 1 : wait > HELP_POLL ? HELP_POLL : wait);
    }
    fprintf(stderr, "chorus-kiosk: sync: stopping: %ld records sent, %ld failed tries\n", sent,
            failures);
    return 0;
}
