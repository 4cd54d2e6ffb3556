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
 * memory by their callers.
 *
 * A secret key can instead be locked with a passphrase (version 2, as minisign protects its
 * keys; the council's keys are, all but development ones):
 *
 *   chorus-key 2
 *   kind council-box-secret
 *   id 3f9a0c1d5e7b2a64
 *   kdf argon2id opslimit 3 memlimit 268435456 salt <base64 of 16 bytes>
 *   key <base64 of a 24-byte nonce and the XChaCha20-Poly1305 ciphertext of the raw key>
 *   check <hex of the first 8 bytes of BLAKE2b-256 of the five lines above, newlines included>
 *
 * The cipher's key is Argon2id (crypto_pwhash) of the passphrase with the file's salt and
 * cost; lines 1 to 4 are its additional data, so no line can be changed unseen. The check line
 * tells a damaged file (the check fails) from a wrong passphrase (the check holds, the
 * ciphertext does not open). */
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
/* The council's retired sealing keys, kept so that what was sealed to them still opens:
 * council-box.key.1 is the first retired, the highest number the last (see key-rotate). */
#define COUNCIL_BOX_RETIRED_FILE COUNCIL_BOX_SECRET_FILE ".%d"

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
 * makes, a secret key file that group or others can read or write ("permissions 0644 are too
 * open"), or one locked with a passphrase (keyfile_unlock reads those). */
int keyfile_read(const char *path, KeyKind expect, uint8_t *key, uint8_t id[KEY_ID_LEN],
                 char *err) __attribute__((warn_unused_result));

/* ---- secret keys locked with a passphrase ---- */

/* How hard a locked file's passphrase is to guess: libsodium's Argon2id limits of that name
 * (interactive: 64 MiB and 2 passes, about 0.1 s; moderate: 256 MiB and 3, about 0.5 s;
 * sensitive: 1 GiB and 4, several seconds). The cost is written in each file. */
typedef enum { KEYFILE_COST_INTERACTIVE, KEYFILE_COST_MODERATE, KEYFILE_COST_SENSITIVE } KeyfileCost;

/* The cost called name ("interactive", "moderate", "sensitive") into *cost. Returns 0 or -1. */
int keyfile_cost_parse(const char *name, KeyfileCost *cost) __attribute__((warn_unused_result));

/* A passphrase, in sodium_malloc memory, with the keys Argon2id made of it so far: the files of
 * one keys folder share a salt, so a command that unlocks several derives once. */
typedef struct KeyPassphrase KeyPassphrase;

/* A copy of the len bytes of text (1 to PASSPHRASE_MAX; the caller wipes its own). New files it
 * locks use the salt and cost of the first file it unlocked or locked, or else a fresh salt at
 * cost. Returns it (free with keyfile_passphrase_free), or NULL with err: empty, too long, out
 * of memory. */
KeyPassphrase *keyfile_passphrase_new(const char *text, size_t len, KeyfileCost cost, char *err);

/* Wipes and frees p; NULL is ignored. */
void keyfile_passphrase_free(KeyPassphrase *p);

/* 1 if the secret key file at path is locked with a passphrase (version 2), 0 if not (or it is
 * no key file at all: keyfile_unlock says why); -1 with err when it can't be read, or is too
 * open (as keyfile_unlock refuses it, so that no passphrase is asked for a key refused after). */
int keyfile_is_locked(const char *path, char *err) __attribute__((warn_unused_result));

/* How keyfile_store writes: never over an existing file, or replacing one in a single step. */
typedef enum { KEYFILE_NEW, KEYFILE_REPLACE } KeyfileWrite;

/* Writes a key file of kind (0600 for secret kinds, 0644 otherwise): locked with lock (a secret
 * kind; version 2), or plain (lock NULL; version 1, as keyfile_write). KEYFILE_NEW refuses an
 * existing file; KEYFILE_REPLACE replaces it atomically (a rotated key, a kiosk's new sealing
 * key). Returns 0, or -1 with err (ERR_LEN), nothing written. */
int keyfile_store(const char *path, KeyKind kind, const uint8_t *key, KeyPassphrase *lock,
                  KeyfileWrite how, char *err) __attribute__((warn_unused_result));

/* keyfile_read() for a secret key that may be locked: a plain file reads as keyfile_read()
 * does; a locked one is opened with p (NULL: refused, "locked with a passphrase"). Extra reasons
 * in err, each naming the file: a damaged locked file (its check line fails), a wrong
 * passphrase, a cost out of range. Refuses a secret key file that group or others may read or
 * write before reading it: "FILE: permissions 0644 are too open for a secret key; run: chmod
 * 600 FILE". Returns 0, or -1 with err and key wiped. */
int keyfile_unlock(const char *path, KeyKind expect, KeyPassphrase *p, uint8_t *key,
                   uint8_t id[KEY_ID_LEN], char *err) __attribute__((warn_unused_result));

/* keyfile_read() of text already in memory: the checks on what the file says, not on the file
 * (its permissions). A locked file is checked line by line and by its check line, then refused:
 * "locked with a passphrase, and none was given". name names it in err. text holds len bytes and one NUL after them (as
 * file_read_all() leaves it); its lines are split in place, and the caller wipes it afterwards
 * when it held a secret. Returns 0, or -1 with err and key wiped. */
int keyfile_parse(const char *name, char *text, size_t len, KeyKind expect, uint8_t *key,
                  uint8_t id[KEY_ID_LEN], char *err) __attribute__((warn_unused_result));

#endif
