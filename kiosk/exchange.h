/* exchange.h: the kiosk's half of the kiosk <-> council exchange, without a screen.
 *
 *   kiosk key   an Ed25519 pair made on first start: DATA/kiosk-sign.key (0600) and
 *               DATA/kiosk-sign.pub, which a worker enrols with `chorus-sync enrol`
 *   export      every response not yet receipted, in a bundle signed by the kiosk key
 *   receipt     signed by the pinned council key, for this kiosk: deletes exactly its ids
 *   pack        signed by the pinned council key, newer than the last: surveys and "you said,
 *               we did" items, installed all at once
 *
 * The council signing key is pinned in DATA/council-sign.pub: copied from --council-sign-key on
 * first use, as the sealing key is from --council-key; afterwards only that key is trusted, and
 * until it is pinned no pack or receipt is accepted. A pack
 * is installed as a folder DATA/pack-SEQ-RANDOM/ (surveys/NAME.csv, news.txt) and made live by
 * replacing the symbolic link DATA/pack with one that points at it, so a crash leaves either the
 * old pack or the new one. Every function here is called by main.c (the worker subcommands),
 * screens.c (worker mode) and the tests alike; none knows SDL or the terminal.
 *
 * Start reading at exchange_export(). */
#ifndef CHORUS_EXCHANGE_H
#define CHORUS_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>

#include "chorus_limits.h"
#include "keyfile.h"
#include "net.h"
#include "signed.h"
#include "store.h"
#include "survey.h"

#define EXCHANGE_PATH_MAX 1024 /* bytes in a path the exchange builds (data folder included) */
#define NEWS_SHOWN 3           /* items the welcome screen shows (limits: chorus_limits.h) */
#define EXPORT_FOLDERS_MAX 8   /* folders worker mode offers for an export */
#define RECEIPT_FILE_MAX (1024u + BUNDLE_RECORDS_MAX * RESPONSE_ID_LEN)

/* Names inside the data folder; the key files' names are in keyfile.h. */
#define PACK_LINK "pack" /* DATA/pack/surveys/, DATA/pack/news.txt */

/* ---- the kiosk's own key ---- */

/* Makes the kiosk's Ed25519 pair in data on first start (the secret half written first, so a
 * crash in between is repaired from it next time), or reads the public half of the existing
 * one. Fills pk and its hex id (2 * KEY_ID_LEN + 1 bytes). Returns 0, or -1 with err (ERR_LEN):
 * a damaged key file, a public key that is not the secret key's half, or a missing secret key
 * (the kiosk then cannot sign; a new pair would have to be enrolled again). */
int exchange_kiosk_key(const char *data, uint8_t pk[SIGN_PK_LEN], char *id_hex, char *err)
    __attribute__((warn_unused_result));

/* Signs (msg, len) with the kiosk's secret key, read into sodium_malloc memory for this only
 * (the network sync signs its requests for a pack with it). Fills sig and the kiosk's public
 * key pk. Returns 0, or -1 with err. */
int exchange_kiosk_sign(const char *data, const uint8_t *msg, size_t len, uint8_t sig[SIG_LEN],
                        uint8_t pk[SIGN_PK_LEN], char *err) __attribute__((warn_unused_result));

/* ---- the council's signing key ---- */

/* Pins the council signing key from the key file given (--council-sign-key; may be NULL) when
 * data has none yet, or checks that given matches the pinned one. Returns 0 (also when nothing
 * is given and nothing pinned), or -1 with err: a bad key file, or a different key than the
 * pinned one. */
int exchange_provision_council_sign(const char *data, const char *given, char *err)
    __attribute__((warn_unused_result));

/* Reads the pinned council signing key. Returns 1 with pk and id_hex (may be NULL) filled, 0
 * when none is pinned yet, or -1 with err (a damaged key file). */
int exchange_council_sign_key(const char *data, uint8_t pk[SIGN_PK_LEN], char *id_hex, char *err)
    __attribute__((warn_unused_result));

/* ---- export ---- */

/* Writes every response on the kiosk (none has been receipted yet; a re-export is fine, the
 * council keeps one copy) into a bundle signed with the kiosk's secret key, which is read into
 * sodium_malloc memory for the signing only. The bundle carries the next bundle sequence number
 * (STORE_BUNDLE_SEQUENCE + 1, recorded first). Responses that fail the digest kept since Send
 * are set aside first (store_set_aside_damaged: counted as STORE_ASIDE, kept, never sent), so
 * one damaged response never blocks the rest. The file at out is written all-or-nothing; only
 * once it is safely on disk are the responses marked exported. Returns how many responses went
 * into the bundle (0: nothing to export, and no file is written), or -1 with err naming the
 * file and the reason: the file then does not exist (or is the one that was there before),
 * except when only the marking failed, which err says (the bundle is complete and usable). */
long exchange_export(Store *st, const char *data, const char *out, char *err)
    __attribute__((warn_unused_result));

/* The file name an export in folder dir gets: DIR/chorus-KIOSKID-YYYY-MM-DD.bundle for the day
 * of wall (seconds since 1970, local time). Returns 0, or -1 with err (the kiosk key or a path
 * too long). */
int exchange_export_name(const char *data, const char *dir, long long wall, char *path, size_t cap,
                         char *err) __attribute__((warn_unused_result));

/* Folders an export can go to: extra first (the --export-dir option; may be NULL), then every
 * folder mounted as /media/USER/NAME or /run/media/USER/NAME (where desktop systems mount
 * USB sticks), in name order. Fills up to max paths of EXCHANGE_PATH_MAX bytes; returns the count.
 */
int exchange_export_folders(const char *extra, char (*folders)[EXCHANGE_PATH_MAX], int max);

/* ---- receipts ---- */

typedef struct {
    long listed;  /* ids in the receipt */
    long deleted; /* responses deleted */
    long unknown; /* ids not on this kiosk (already deleted, or never here): never an error */
} ReceiptResult;

/* Reads the receipt at path; it must verify, be signed by the pinned council key and be for
 * this kiosk's key. Then deletes exactly the responses it lists, in one transaction. Returns 0
 * with res filled, or -1 with err naming the file and the reason (unreadable, damaged, forged,
 * for another kiosk, from another council, no council key pinned), having deleted nothing. */
int exchange_import_receipt(Store *st, const char *data, const char *path, ReceiptResult *res,
                            char *err) __attribute__((warn_unused_result));

/* ---- packs ---- */

typedef struct {
    uint64_t sequence;
    int surveys;  /* survey files installed */
    int news;     /* "you said, we did" items installed */
    int settings; /* settings files in the pack of names this kiosk does not use */
    int server_pin; /* the pack's pin of the council's server replaced DATA/server.pin */
    int server_url; /* the pack's server URL replaced DATA/server.url */
    char key_id[2 * KEY_ID_LEN + 1];
    int box_switched; /* the pack carried a new council sealing key, now the one sealed to */
    char box_id[2 * KEY_ID_LEN + 1]; /* the pack's sealing key */
    char url[NET_URL_MAX + 1];       /* the server URL the pack names; "" none */
    int has_pin;                     /* the pack carries the server's pin */
} PackResult;

/* Reads the pack at path and installs it: it must verify, be signed by the pinned council key
 * (none pinned: refused), carry a sequence number greater than the last accepted
 * (exchange_pack_sequence), carry a council sealing key that can be sealed to, and pass
 * pack_content_check() (which `chorus-sync pack` runs too). Only then is anything changed: a sealing key other than the kiosk's (the
 * council rotated it) replaces DATA/council-box.pub, the old one noted as replaced
 * (exchange_council_key_retired); a server pin or URL the pack carries (settings files
 * NET_PIN_FILE, NET_URL_FILE, checked by pack_content_check) replaces DATA/server.pin or
 * DATA/server.url, each in one rename, where it differs; the surveys and news go into a new
 * pack folder named with the sequence, DATA/pack is switched to it in one rename (which is what
 * records the sequence), the sequence is noted in the store too and older pack folders are
 * removed. Returns 0 with res filled, or -1 with err naming the file and the reason: refused or
 * not installed, with the kiosk's old pack still live and this one installable again; or, when
 * only the final sync of the data folder failed, installed and in use but perhaps not on disk
 * (err says so). */
int exchange_import_pack(Store *st, const char *data, const char *path, PackResult *res, char *err)
    __attribute__((warn_unused_result));

/* exchange_import_pack() with the folders where this kiosk keeps the pictures and recordings
 * the pack's surveys may name (the kiosk's: survey_media_beside() of its --surveys folder);
 * exchange_import_pack() uses those beside DEFAULT_SURVEYS, relative to where it was started. */
int exchange_import_pack_with(Store *st, const char *data, const SurveyMedia *media,
                              const char *path, PackResult *res, char *err)
    __attribute__((warn_unused_result));

/* 1 if pk is a council sealing key a pack replaced on this kiosk, else 0 (also on a store
 * error): a start with --council-key naming it is told the kiosk has moved on, not refused. */
int exchange_council_key_retired(Store *st, const uint8_t pk[crypto_box_PUBLICKEYBYTES]);

/* ---- provisioning from a stick ----
 *
 * A kiosk with no council sealing key (DATA/council-box.pub) is not provisioned. Started with
 * --council-key FILE it takes that key; otherwise it looks on the sticks (the folders of
 * exchange_export_folders) for provisioning files, NAME.provision, made by `chorus-sync
 * provision`: signed by the council, they carry its name, its signing key and the first pack.
 * The worker is shown what was found and whose it is (the council's name and key id), and
 * exchange_provision() sets the kiosk up when they confirm. */

#define PROVISION_FOUND_MAX 6 /* provisioning files looked at on all sticks together */

typedef struct {
    char path[EXCHANGE_PATH_MAX];   /* the file */
    char folder[EXCHANGE_PATH_MAX]; /* the stick it is on: the kiosk's key goes there */
    int ok;                         /* 1: it can provision this kiosk; 0: refused, for why */
    char why[ERR_LEN];              /* names the file, then the reason */
    char council[PROVISION_NAME_MAX + 1];
    char key_id[2 * KEY_ID_LEN + 1]; /* the council's signing key */
    uint64_t sequence;               /* the first pack's */
    int surveys, news;
    char url[NET_URL_MAX + 1]; /* the council's server; "" none */
    int has_pin;               /* the server's key comes with it */
    uint8_t digest[32];        /* of the bytes checked, so a file changed since is refused */
    size_t size;
} ProvisionFound;

typedef struct {
    PackResult pack;
    char council[PROVISION_NAME_MAX + 1];
    char enrol_path[EXCHANGE_PATH_MAX]; /* the kiosk's public key, written to the stick */
    char kiosk_id[2 * KEY_ID_LEN + 1];
} ProvisionResult;

/* 1 if data holds a council sealing key (the kiosk is provisioned), else 0. */
int exchange_provisioned(const char *data);

/* Reads and checks the provisioning file at f->path (f->folder set by the caller): it must be
 * a regular file (no link, FIFO or device), verify, carry a sound pack signed by the same key,
 * be from the council whose signing key is pinned if one is (--council-sign-key), and pass
 * every check a pack does. Fills f; returns 0 (f->ok 1), or -1 with f->why. Changes nothing. */
int exchange_provision_check(Store *st, const char *data, const SurveyMedia *media,
                             ProvisionFound *f);

/* Every provisioning file on the sticks (extra first, as exchange_export_folders), each checked
 * by exchange_provision_check, up to max. Returns how many were found. */
int exchange_provision_find(Store *st, const char *data, const SurveyMedia *media,
                            const char *extra, ProvisionFound *found, int max);

/* Provisions the kiosk from the file shown (found and checked before): reads and checks it
 * again, and refuses it if its bytes changed since. Writes the kiosk's public key to the stick
 * as FOLDER/chorus-kiosk-ID.pub (for `chorus-sync enrol`) first, so a stick that can't take it
 * changes nothing; then pins the council's signing key, installs the first pack (server URL
 * and pin included) and, last, the sealing key. Returns 0 with res, or -1 with err. A
 * provisioning cut short (power, a full disk) can be run again with the same file. */
int exchange_provision(Store *st, const char *data, const SurveyMedia *media,
                       const ProvisionFound *shown, ProvisionResult *res, char *err)
    __attribute__((warn_unused_result));

/* The number of the last pack accepted: the live pack's (from the name of the folder DATA/pack
 * links to) or the one noted in the store, whichever is greater; 0 when none. Returns 0, or -1
 * with err (the store unreadable, the number or the link damaged). */
int exchange_pack_sequence(Store *st, const char *data, uint64_t *seq, char *err)
    __attribute__((warn_unused_result));

/* The folder of the installed pack's surveys (DATA/pack/surveys) into (dir, cap). Returns 1 if
 * a pack is installed, else 0. */
int exchange_pack_surveys(const char *data, char *dir, size_t cap);

/* Reads up to max "you said, we did" items (the first lines of DATA/pack/news.txt, blank lines
 * skipped) into items, each NEWS_ITEM_MAX + 1 bytes. Returns how many (0 when no pack is
 * installed), or -1 with err (unreadable, or not valid UTF-8). */
int exchange_read_news(const char *data, char (*items)[NEWS_ITEM_MAX + 1], int max, char *err)
    __attribute__((warn_unused_result));

#endif
