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
 * -1 (store_errmsg) with nothing stored. */
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

/* Reads setting key into (buf, cap). Returns 1 if found, 0 if not set, -1 on error (also when
 * the value does not fit). */
int store_get(Store *st, const char *key, char *buf, size_t cap);

/* Sets (value non-NULL) or deletes (value NULL) setting key. Returns 0 or -1. */
int store_set(Store *st, const char *key, const char *value) __attribute__((warn_unused_result));

#endif
