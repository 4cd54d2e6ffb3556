/* floor_send.c: the floor for "Send: tap to committed" (make bench): one crypto_box_seal and one
 * synchronous=FULL SQLite commit of the same size, and nothing else.
 *
 *   floor_send --db FILE --size SEALED_BYTES [--sends N] [--warmup N]
 *
 * The database has the kiosk store's PRAGMAs and response table (kiosk/store.c, copied here so
 * the floor shares no code with what it judges): WAL, synchronous=FULL, secure_delete,
 * temp_store=MEMORY, the id UNIQUE index. The INSERT is prepared once. Each send seals
 * SEALED_BYTES - 48 random bytes to a fresh X25519 key and inserts them with a random id, in a
 * transaction of its own; the clock covers the seal and the commit only. Prints
 * sends=N median_us=M min_us=M. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const schema = "PRAGMA journal_mode=WAL;"
                                  "PRAGMA synchronous=FULL;"
                                  "PRAGMA secure_delete=ON;"
                                  "PRAGMA temp_store=MEMORY;"
                                  "CREATE TABLE IF NOT EXISTS response("
                                  "  seq INTEGER PRIMARY KEY,"
                                  "  id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),"
                                  "  form_id TEXT NOT NULL,"
                                  "  sealed BLOB NOT NULL,"
                                  "  exported INTEGER NOT NULL DEFAULT 0);";

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    const char *db_path = NULL;
    long size = 0;
    int sends = 30, warmup = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--db") == 0)
            db_path = argv[i + 1];
        else if (strcmp(argv[i], "--size") == 0)
            size = atol(argv[i + 1]);
        else if (strcmp(argv[i], "--sends") == 0)
            sends = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--warmup") == 0)
            warmup = atoi(argv[i + 1]);
    }
    if (!db_path || size <= (long)crypto_box_SEALBYTES || size > (1L << 20) || sends < 1 ||
        warmup < 0) {
        fprintf(stderr, "usage: floor_send --db FILE --size SEALED_BYTES (more than 48) "
                        "[--sends N] [--warmup N]\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL;
    char *msg = NULL;
    if (sqlite3_open(db_path, &db) != SQLITE_OK ||
        sqlite3_exec(db, schema, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO response(id, form_id, sealed) VALUES (?, ?, ?)", -1,
                           &ins, NULL) != SQLITE_OK) {
        fprintf(stderr, "floor_send: %s: %s\n", db_path, msg ? msg : sqlite3_errmsg(db));
        return 1;
    }
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES], id[16];
    crypto_box_keypair(pk, sk);
    size_t plain_len = (size_t)size - crypto_box_SEALBYTES;
    unsigned char *plain = malloc(plain_len), *sealed = malloc((size_t)size);
    double *us = calloc((size_t)sends, sizeof *us);
    if (!plain || !sealed || !us)
        return 1;
    for (int i = -warmup; i < sends; i++) {
        randombytes_buf(plain, plain_len);
        randombytes_buf(id, sizeof id);
        double t0 = now_us();
        crypto_box_seal(sealed, plain, plain_len, pk);
        sqlite3_bind_blob(ins, 1, id, sizeof id, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, "bench", -1, SQLITE_STATIC);
        sqlite3_bind_blob(ins, 3, sealed, (int)size, SQLITE_STATIC);
        int rc = sqlite3_step(ins);
        sqlite3_reset(ins);
        double t = now_us() - t0;
        if (rc != SQLITE_DONE) {
            fprintf(stderr, "floor_send: insert: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        if (i >= 0)
            us[i] = t;
    }
    qsort(us, (size_t)sends, sizeof *us, cmp_double);
    printf("sends=%d median_us=%.1f min_us=%.1f\n", sends, us[sends / 2], us[0]);
    sqlite3_finalize(ins);
    sqlite3_close(db);
    free(plain);
    free(sealed);
    free(us);
    return 0;
}
