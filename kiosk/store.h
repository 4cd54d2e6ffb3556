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

/* Commits one sealed response in its own transaction. Returns 0 once it is durable on disk, or
 * -1 (store_errmsg) with nothing stored by this call. An id already stored is left as it is and
 * counts as stored: ids are random per draft, so it can only be this draft's earlier Send whose
 * commit reached the disk although SQLite reported a failure (e.g. a failed fsync). */
int store_put_response(Store *st, const uint8_t id[16], const char *form_id,
                       const uint8_t *sealed, size_t len) __attribute__((warn_unused_result));

/* Counts stored responses, of form_id (NULL: all), only those not yet exported if
 * unexported_only. Returns the count, or -1 on error. */
long store_count(Store *st, const char *form_id, int unexported_only);

/* Calls fn(form_id, stored, unexported, ctx) for each form with stored responses, in form id
 * order. Returns 0 or -1 on error. */
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

/* Reads the stored responses (only those not yet exported if unexported_only, else all: every
 * response on the kiosk is one the council has not receipted), in the order they were stored,
 * into a malloc'd array *out of *n (free with store_responses_free; NULL and 0 when there are
 * none). Returns 0, or -1 (store_errmsg) with *out NULL. */
int store_list_responses(Store *st, int unexported_only, StoredResponse **out, size_t *n)
    __attribute__((warn_unused_result));

/* Frees a list from store_list_responses. Accepts NULL. */
void store_responses_free(StoredResponse *list, size_t n);

/* Marks the responses with these n ids (n * 16 bytes) as exported, in one transaction; ids not
 * held are ignored. Returns 0, or -1 (store_errmsg) with nothing marked. */
int store_mark_exported(Store *st, const uint8_t *ids, size_t n)
    __attribute__((warn_unused_result));

/* Deletes the responses with these n ids (n * 16 bytes), and nothing else, in one transaction
 * (secure_delete overwrites them). *deleted is how many rows went, *unknown how many ids were
 * not held (never on this kiosk, already deleted, or repeated in the list). Returns 0, or -1
 * (store_errmsg) with nothing deleted. */
int store_delete_responses(Store *st, const uint8_t *ids, size_t n, long *deleted,
                           long *unknown) __attribute__((warn_unused_result));

/* ---- settings ---- */

/* Setting keys beyond the worker's: the last accepted pack's sequence number, in decimal. */
#define STORE_PACK_SEQUENCE "pack_sequence"

/* Reads setting key into (buf, cap). Returns 1 if found, 0 if not set, -1 on error (also when
 * the value does not fit). */
int store_get(Store *st, const char *key, char *buf, size_t cap);

/* Sets (value non-NULL) or deletes (value NULL) setting key. Returns 0 or -1. */
int store_set(Store *st, const char *key, const char *value) __attribute__((warn_unused_result));

#endif
