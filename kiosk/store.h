/* store.h: the kiosk's SQLite store: sealed responses and the kiosk's own settings.
 *
 * Only sealed bytes, a random response id and the form id are stored; nothing here can be read
 * back into answers without the council's secret key, which the kiosk never holds. The
 * database runs in WAL mode with synchronous=FULL (a committed response survives power loss),
 * secure_delete=ON (deleted rows are overwritten) and temp_store=MEMORY (no temp files). */
#ifndef CHORUS_STORE_H
#define CHORUS_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct Store Store;

/* Opens (creating if needed) the store at path. Returns it, or NULL with err (ERR_LEN). Close
 * with store_close. */
Store *store_open(const char *path, char *err);

/* Closes the store. Accepts NULL. */
void store_close(Store *st);

/* The last error: the failing statement and SQLite's message. */
const char *store_errmsg(const Store *st);

/* Commits one sealed response in its own transaction, with a digest of its id and sealed bytes
 * (BLAKE2b-256, STORE_DIGEST_LEN bytes) that export checks: a response damaged on this disk is
 * then set aside rather than sent. Returns 0 once it is durable on disk, or
 * -1 (store_errmsg) with nothing stored by this call. An id already stored is left as it is and
 * counts as stored: ids are random per draft, so it can only be this draft's earlier Send whose
 * commit reached the disk although SQLite reported a failure (e.g. a failed fsync). */
int store_put_response(Store *st, const uint8_t id[16], const char *form_id,
                       const uint8_t *sealed, size_t len) __attribute__((warn_unused_result));

#define STORE_DIGEST_LEN 32

/* ---- requests for help (help.h) ---- */

/* When a request was made is kept to the day (local midnight): a stolen kiosk must not tell at
 * what time of day someone raised a concern, and the worker who looks the same day needs no
 * more. */
#define STORE_HELP_SEEN "help_seen" /* setting: the newest help record a worker was shown */

/* Commits one sealed help record (its record id, the request it belongs to, its HELP_* flags,
 * the wall time, kept only as the start of its local day) in its own transaction.
 * Returns 0 once durable, or -1 (store_errmsg). An id already stored counts as stored. */
int store_put_help(Store *st, const uint8_t id[16], const uint8_t request[16], uint32_t flags,
                   long long made, const uint8_t *sealed, size_t len)
    __attribute__((warn_unused_result));

/* A request for help as worker mode shows it: never what the young person wrote. */
typedef struct {
    uint8_t request[16];
    uint32_t flags; /* HELP_* of its newest record */
    long long made; /* the local day of its first record (wall seconds of its midnight) */
} StoredHelp;

/* The requests with a record stored after record number after (0: all), newest first: up to
 * max into out (*n of them), *total how many in all, *last the newest record number (after
 * when there is none; kept as STORE_HELP_SEEN once a worker has seen them). Returns 0 or -1. */
int store_help_since(Store *st, long long after, StoredHelp *out, int max, int *n, long *total,
                     long long *last) __attribute__((warn_unused_result));

/* What store_count counts. */
enum {
    STORE_ALL = 0,        /* every response on the kiosk, set aside ones included */
    STORE_UNEXPORTED = 1, /* not yet in a bundle (and not set aside) */
    STORE_ASIDE = 2       /* set aside as damaged: kept for recovery, never exported */
};

/* Counts stored responses of form_id (NULL: all), which one of STORE_*. Returns the count, or
 * -1 on error. */
long store_count(Store *st, const char *form_id, int which);

/* Calls fn(form_id, stored, unexported, ctx) for each form with stored responses, in form id
 * order (stored counts every response, unexported leaves out those set aside). Returns 0 or -1
 * on error. */
int store_each_form(Store *st, void (*fn)(const char *form_id, long stored, long unexported,
                                         void *ctx),
                    void *ctx);

/* ---- export and receipts ---- */

/* One stored response as it goes into a bundle: its id and its sealed bytes. */
typedef struct {
    uint8_t id[16];
    uint8_t *sealed; /* malloc'd, owned by the list */
    size_t len;
} StoredResponse;

/* Checks every response not yet set aside against the digest kept since Send (and that its id
 * and sealed bytes are ones a bundle can carry), and sets aside, in one transaction, those that
 * fail: they stay on the kiosk, are counted as STORE_ASIDE and are never listed for export, so
 * one damaged response never keeps the others from travelling. Returns how many it set aside
 * now, or -1 (store_errmsg) with nothing changed. */
long store_set_aside_damaged(Store *st) __attribute__((warn_unused_result));

/* Reads the stored responses not set aside (only those not yet exported if unexported_only, else
 * all: every response on the kiosk is one the council has not receipted), in the order they were stored,
 * into a malloc'd array *out of *n (free with store_responses_free; NULL and 0 when there are
 * none). Returns 0, or -1 (store_errmsg) with *out NULL. */
int store_list_responses(Store *st, int unexported_only, StoredResponse **out, size_t *n)
    __attribute__((warn_unused_result));

/* Reads every stored help record (id and sealed bytes) in the order stored, as
 * store_list_responses does; export puts them first in a bundle. */
int store_list_help(Store *st, StoredResponse **out, size_t *n) __attribute__((warn_unused_result));

/* Frees a list from store_list_responses. Accepts NULL. */
void store_responses_free(StoredResponse *list, size_t n);

/* Marks the responses and help records with these n ids (n * 16 bytes) as exported, in one
 * transaction; ids not held are ignored. Returns 0, or -1 (store_errmsg) with nothing marked. */
int store_mark_exported(Store *st, const uint8_t *ids, size_t n)
    __attribute__((warn_unused_result));

/* Deletes the responses and help records with these n ids (n * 16 bytes), and nothing else, in
 * one transaction (secure_delete overwrites them). *deleted is how many rows went, *unknown how
 * many ids were not held (never on this kiosk, already deleted, or repeated in the list). Returns 0, or -1
 * (store_errmsg) with nothing deleted. */
int store_delete_responses(Store *st, const uint8_t *ids, size_t n, long *deleted,
                           long *unknown) __attribute__((warn_unused_result));

/* ---- settings ---- */

/* Setting keys beyond the worker's: the last accepted pack's sequence number, in decimal. */
#define STORE_PACK_SEQUENCE "pack_sequence"
/* The sequence number of the last bundle exported (from 1), in decimal. */
#define STORE_BUNDLE_SEQUENCE "bundle_sequence"

/* Reads setting key into (buf, cap). Returns 1 if found, 0 if not set, -1 on error (also when
 * the value does not fit). */
int store_get(Store *st, const char *key, char *buf, size_t cap);

/* Sets (value non-NULL) or deletes (value NULL) setting key. Returns 0 or -1. */
int store_set(Store *st, const char *key, const char *value) __attribute__((warn_unused_result));

#endif
