/* keyfile.h: versioned key files, readable by a person, checked by a machine.
 *
 *   chorus-key 1
 *   kind council-box-public
 *   id 3f9a0c1d5e7b2a64
 *   key <base64 of the raw key>
 *
 * The id is the first 8 bytes of BLAKE2b-256 of the public key, in hex; a secret key file
 * carries the id of its public half, so the reader can prove the pair belongs together and the
 * file was not damaged. Secret key files are written 0600 and read only into sodium_malloc
 * memory by their callers. */
#ifndef CHORUS_KEYFILE_H
#define CHORUS_KEYFILE_H

#include <stddef.h>
#include <stdint.h>

#define KEY_ID_LEN 8

/* The file each key is kept in, the same on both sides: the council's four in its keys folder
 * (chorus-sync keygen --dir, --keys), the kiosk's pair and the council's two public keys in
 * the kiosk's data folder. */
#define COUNCIL_BOX_PUBLIC_FILE "council-box.pub"
#define COUNCIL_BOX_SECRET_FILE "council-box.key"
#define COUNCIL_SIGN_PUBLIC_FILE "council-sign.pub"
#define COUNCIL_SIGN_SECRET_FILE "council-sign.key"
#define KIOSK_SIGN_PUBLIC_FILE "kiosk-sign.pub"
#define KIOSK_SIGN_SECRET_FILE "kiosk-sign.key"

typedef enum {
    KEY_COUNCIL_BOX_PUBLIC,  /* X25519: answers are sealed to it (32 bytes) */
    KEY_COUNCIL_BOX_SECRET,  /* 32 bytes */
    KEY_COUNCIL_SIGN_PUBLIC, /* Ed25519: checks packs and receipts (32 bytes) */
    KEY_COUNCIL_SIGN_SECRET, /* 64 bytes */
    KEY_KIOSK_SIGN_PUBLIC,   /* Ed25519: checks bundles (32 bytes) */
    KEY_KIOSK_SIGN_SECRET,   /* 64 bytes */
    KEY_KIND_COUNT
} KeyKind;

/* The raw length of a key of this kind. */
size_t keyfile_key_len(KeyKind kind);

/* The name written on the `kind` line, e.g. "council-box-public". */
const char *keyfile_kind_name(KeyKind kind);

/* The key id of a public key (32 bytes). */
void keyfile_key_id(const uint8_t *public_key, uint8_t id[KEY_ID_LEN]);

/* Writes a key file atomically (0600 for secret kinds, 0644 otherwise). Refuses to replace an
 * existing file. Returns 0, or -1 with err (ERR_LEN). */
int keyfile_write(const char *path, KeyKind kind, const uint8_t *key, char *err)
    __attribute__((warn_unused_result));

/* Reads a key file of the expected kind into key (keyfile_key_len(kind) bytes; pass
 * sodium_malloc memory for secret kinds) and its id into id (may be NULL). Returns 0, or -1 with
 * err naming the file, line and reason: missing or unreadable, not a key file, an unsupported
 * version, another kind of key, a key of the wrong length or not in the writer's base64, an id
 * that does not match the key, a signing secret key whose public half is not the one its seed
 * makes, or a secret key file that others can read. */
int keyfile_read(const char *path, KeyKind expect, uint8_t *key, uint8_t id[KEY_ID_LEN],
                 char *err) __attribute__((warn_unused_result));

/* keyfile_read() of text already in memory: the checks on what the file says, not on the file
 * (its permissions). name names it in err. text holds len bytes and one NUL after them (as
 * file_read_all() leaves it); its lines are split in place, and the caller wipes it afterwards
 * when it held a secret. Returns 0, or -1 with err and key wiped. */
int keyfile_parse(const char *name, char *text, size_t len, KeyKind expect, uint8_t *key,
                  uint8_t id[KEY_ID_LEN], char *err) __attribute__((warn_unused_result));

#endif
