/* import.h: `chorus-sync import`: bundles in, responses stored exactly once, receipts out. */
#ifndef CHORUS_IMPORT_H
#define CHORUS_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "council.h"
#include "options.h"
#include "passphrase.h"
#include "signed.h"

/* The options of import: the table cmd_import() reads argv by, and its --help. */
extern const OptionTable import_options;

/* chorus-sync import [--db FILE] [--keys DIR] [--surveys DIR] [--receipts DIR] [--threads N]
 * BUNDLE... (argv[0] is "import"). Returns the exit status: 0 when every bundle was imported,
 * 1 when any was refused, 2 for bad arguments (0 after --help). */
int cmd_import(int argc, char **argv);

/* ---- the same import for another caller: chorus-sync serve ----
 *
 * One Importer holds the council's keys (unlocked once), the surveys and a connection to the
 * council database; it is not thread-safe (one import at a time). */
typedef struct Importer Importer;

/* What importer_bytes() did with a bundle, and the receipt it signed (malloc'd). */
typedef struct {
    char kiosk[KIOSK_NAME_MAX + 1];
    int64_t revoked_from; /* -1: the kiosk is not revoked */
    uint64_t sequence;
    uint32_t records, receipted;
    long fresh, held, quarantined, damaged, safety, copies, help;
    long asked, withdrawn; /* requests to take answers back; responses taken back */
    uint8_t *receipt;
    size_t receipt_len;
} ImportResult;

/* importer_bytes()'s result when another connection held the database: nothing stored. */
#define IMPORT_BUSY (-2)

/* Unlocks the keys in keys, loads the surveys (and SURVEYS/archive) and opens the existing
 * database db; threads 0 means one a core. NULL with err (ERR_LEN). */
Importer *importer_open(const char *db, const char *keys, const char *surveys, int threads,
                        const PassphraseSource *pass, char *err);
void importer_free(Importer *im); /* accepts NULL */

/* Where the importer's messages go (NULL: stderr); they name the bundle by its label. */
void importer_set_log(Importer *im, FILE *log);

/* The council's public signing key: what receipts and packs are signed with. */
void importer_sign_public(const Importer *im, uint8_t pk[SIGN_PK_LEN]);

/* Imports the bundle (buf, len) as `chorus-sync import` does a file, named label in messages
 * and in the bundle table; when expect_pk is not NULL the bundle must be signed by that kiosk
 * key. Returns 0 with res filled (free with importer_result_free), -1 when refused (the reason
 * on the log, nothing stored), or IMPORT_BUSY. A repeat of a bundle stores nothing and gets the
 * same receipt. */
int importer_bytes(Importer *im, const char *label, const uint8_t *buf, size_t len,
                   const uint8_t *expect_pk, ImportResult *res)
    __attribute__((warn_unused_result));
void importer_result_free(ImportResult *r);

#endif
