/* keyring.h: the council's keys folder (--keys DIR, what keygen made), unlocked once for a
 * command.
 *
 *   council-box.pub, council-box.key      the sealing pair kiosks seal answers to now
 *   council-box.key.1, .2, ...            sealing keys retired by key-rotate, oldest first: what
 *                                         was sealed to them still opens
 *   council-sign.pub, council-sign.key    the signing pair (packs and receipts)
 *
 * Every command that needs a secret key opens the folder with keyring_open(): the passphrase
 * is asked (passphrase.h) once, and only if a key is locked; plain development keys are read as
 * they are, with one warning on stderr. The secret keys live in sodium_malloc memory until
 * keyring_free(). Start reading at keyring_open(). */
#ifndef CHORUS_KEYRING_H
#define CHORUS_KEYRING_H

#include <stdint.h>

#include "keyfile.h"
#include "passphrase.h"
#include "seal.h"

typedef struct Keyring Keyring;

/* What a command needs of the folder (or-ed together). */
enum {
    KEYRING_SIGN = 1, /* council-sign.key (checked against council-sign.pub when there is one) */
    KEYRING_BOX = 2   /* council-box.pub, council-box.key and every retired sealing key */
};

/* Opens the keys folder dir for the command who ("chorus-sync import": its warnings start so):
 * unlocks the secret keys need asks for, with the passphrase from src asked once when any is
 * locked. council-box.pub must be the public half of a sealing key held; when it is a retired
 * one (a key-rotate interrupted before its last step) that is said on stderr. Returns the ring
 * (keyring_free), or NULL with err (ERR_LEN) naming the file: missing, too open, damaged, a
 * wrong passphrase, a public key that matches no secret one, more than COUNCIL_RETIRED_MAX
 * retired keys. */
Keyring *keyring_open(const char *dir, int need, const PassphraseSource *src, const char *who,
                      char *err) __attribute__((warn_unused_result));

/* Wipes and frees k; NULL is ignored. */
void keyring_free(Keyring *k);

/* The signing secret key (64 bytes), or NULL when not asked for. */
const uint8_t *keyring_sign_secret(const Keyring *k);

/* The sealing public key kiosks are given (council-box.pub), or NULL when not asked for. */
const uint8_t *keyring_box_public(const Keyring *k);

/* The sealing keys held, *n of them: the current one first, then the retired ones, the most
 * recently retired first (the order import tries them in). NULL with *n 0 when not asked for. */
const SealKey *keyring_box_keys(const Keyring *k, int *n);

/* The passphrase the ring was unlocked with, to lock new keys of the same folder with (the same
 * salt, so no second Argon2id); NULL when its keys are plain. Owned by k. */
KeyPassphrase *keyring_passphrase(const Keyring *k);

/* Makes a new sealing pair in k's folder (opened with KEYRING_BOX): the current secret key is
 * kept as council-box.key.N (N one more than the last), the new one replaces council-box.key,
 * locked like it (same passphrase, or plain), and then council-box.pub. Each step replaces one
 * file atomically; run again after a crash, it finishes an interrupted rotation (a current
 * secret key newer than council-box.pub) instead of making another key. Returns 1 when a new key
 * was made, 2 when an interrupted rotation was finished, with the new key's id in id; or -1 with
 * err. k is left as it was: free it after. */
int keyring_rotate(Keyring *k, uint8_t id[KEY_ID_LEN], char *err)
    __attribute__((warn_unused_result));

/* The name of the retired sealing key number n of dir (council-box.key.N) into path (cap
 * bytes). Returns 0, or -1 when it does not fit. */
int keyring_retired_path(const char *dir, int n, char *path, size_t cap);

#endif
