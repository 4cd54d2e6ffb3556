/* tryopen: tries every key found in the given files on every sealed response of a kiosk store,
 * as a thief with the kiosk in hand would.
 *
 *   tryopen KIOSK.db FILE...
 *
 * Each FILE that reads as a key file of any kind gives a candidate: a 32-byte key is tried as
 * an X25519 secret key (with its public half derived), a 64-byte Ed25519 secret key through its
 * X25519 form. Files that are not key files are skipped. Prints "R records, K keys, O opened"
 * and exits 0; 1 on a usage or read error. The sealed records come straight from SQLite. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "chorus_limits.h"
#include "keyfile.h"

#define KEYS_MAX 64

static int keys_in(const char *path, uint8_t sk[][crypto_box_SECRETKEYBYTES], int n)
{
    char err[ERR_LEN];
    uint8_t key[64];
    for (int kind = 0; kind < KEY_KIND_COUNT && n < KEYS_MAX; kind++) {
        if (keyfile_read(path, (KeyKind)kind, key, NULL, err) != 0)
            continue;
        if (keyfile_key_len((KeyKind)kind) == 64) {
            if (crypto_sign_ed25519_sk_to_curve25519(sk[n], key) == 0)
                n++;
        } else {
            memcpy(sk[n++], key, crypto_box_SECRETKEYBYTES);
        }
    }
    sodium_memzero(key, sizeof key);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2 || sodium_init() < 0) {
        fprintf(stderr, "usage: tryopen KIOSK.db FILE...\n");
        return 1;
    }
    static uint8_t sk[KEYS_MAX][crypto_box_SECRETKEYBYTES], pk[KEYS_MAX][crypto_box_PUBLICKEYBYTES];
    int nkeys = 0;
    for (int i = 2; i < argc; i++)
        nkeys = keys_in(argv[i], sk, nkeys);
    for (int k = 0; k < nkeys; k++)
        crypto_scalarmult_base(pk[k], sk[k]);

    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT sealed FROM response", -1, &s, NULL) != SQLITE_OK) {
        fprintf(stderr, "tryopen: %s: %s\n", argv[1], sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    static uint8_t plain[1 << 20];
    long records = 0, opened = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const uint8_t *sealed = sqlite3_column_blob(s, 0);
        size_t len = (size_t)sqlite3_column_bytes(s, 0);
        records++;
        if (len < crypto_box_SEALBYTES || len - crypto_box_SEALBYTES > sizeof plain)
            continue;
        for (int k = 0; k < nkeys; k++)
            if (crypto_box_seal_open(plain, sealed, len, pk[k], sk[k]) == 0) {
                opened++;
                break;
            }
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    printf("%ld records, %d keys, %ld opened\n", records, nkeys, opened);
    return 0;
}
