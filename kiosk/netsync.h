/* netsync.h: `chorus-kiosk sync`: the kiosk's answers to the council over the network, by
 * themselves, in a process of their own (the touch app never opens a socket).
 *
 * One round does what a worker with a stick does, with the same files (exchange.h):
 *
 *   1. a receipt left in DATA/outbox by a round that was stopped is applied
 *   2. a bundle left in DATA/outbox is sent again as it is (the council answers a repeat with
 *      the same receipt and stores nothing twice); else everything waiting is exported into
 *      DATA/outbox/pending.bundle (requests for help first, as on a stick)
 *   3. it is POSTed to the council (common/net.h); the receipt that comes back is written to
 *      DATA/outbox/pending.receipt, applied (exchange_import_receipt), and both files removed
 *   4. a pack newer than the installed one is fetched and installed (exchange_import_pack)
 *
 * Every step leaves a file that the next round picks up, so a kill at any point loses nothing
 * (responses leave the kiosk only when a council-signed receipt says the council holds them)
 * and stores nothing twice (the council keeps one copy of each response).
 *
 * The council's server is trusted by its public key: a pin "sha256//BASE64" (curl's form: the
 * SHA-256 of the certificate's SubjectPublicKeyInfo; up to NET_PINS_MAX separated by ';' while
 * the council rotates its server's key), from --pin, kept in DATA/server.pin on first use and
 * required to match afterwards; a signed pack may replace it (and DATA/server.url, used when
 * there is no --server), and every round reads both again. Certificate chains and names are not checked (a
 * council's server may well have a self-signed certificate): the pin is the trust. Plain
 * http:// is allowed only to a loopback address (tests, or a proxy on the same machine). */
#ifndef CHORUS_NETSYNC_H
#define CHORUS_NETSYNC_H

#include <stddef.h>

#include "net.h"
#include "store.h"
#include "survey.h"

#define NETSYNC_PIN_FILE NET_PIN_FILE
#define NETSYNC_OUTBOX "outbox"
/* Store setting: the day (YYYY-MM-DD, local; never the time) a receipt last came back over the
 * network, which worker mode and `status` show. */
#define NETSYNC_LAST_SETTING "net_last_receipt"

typedef struct {
    const char *server; /* the council's base URL, https://HOST[:PORT]; NULL: DATA/server.url */
    const char *pin;    /* --pin, or NULL: the one in DATA/server.pin */
    const SurveyMedia *media; /* where this kiosk's pictures are, for a pack's surveys */
    long timeout;             /* seconds a request may take in all */
} NetSync;

typedef struct {
    long sent;       /* records in the bundle sent (0: nothing was waiting) */
    long receipted;  /* of them, held by the council now and deleted here */
    long waiting;    /* responses and requests for help still on the kiosk after the round */
    int pack;        /* a new pack was installed */
    unsigned long long pack_seq;
    int server_changed; /* the pack replaced DATA/server.pin or DATA/server.url */
    long retry_after; /* seconds the council asked to wait (429, 503), else 0 */
} NetRound;

/* Checks the server URL and the pin (keeping a new --pin in DATA/server.pin). Call once before
 * rounds. Returns 0, or -1 with err (ERR_LEN). */
int netsync_prepare(const char *data, NetSync *ns, char *err) __attribute__((warn_unused_result));

/* One round (above). Returns 0 when it went through (res says what travelled), or -1 with err
 * (the network, the council's refusal, the store); whatever was done before the failure stays
 * done, and the next round carries on from the files in DATA/outbox. */
int netsync_round(Store *st, const char *data, const NetSync *ns, NetRound *res, char *err)
    __attribute__((warn_unused_result));

/* `chorus-kiosk sync`: with once, rounds until nothing more can go now, then exit status 0
 * when nothing waits (everything receipted), else 1. Without, a loop until SIGTERM or SIGINT:
 * a round every interval seconds, and at once when a new request for help is stored; after a
 * failure, tries again after a jittered, doubling wait (2 s up to 15 min, or the council's
 * Retry-After). Logs failures (each once until it changes), never what was sent unless verbose
 * (under systemd the journal would time it). */
int netsync_run(Store *st, const char *data, const NetSync *ns, int once, long interval,
                int verbose);

/* How many records (responses, requests for help) are on the kiosk, waiting for a receipt;
 * *help how many of them are requests for help. -1 on a store error. */
long netsync_waiting(Store *st, long *help);

#endif
