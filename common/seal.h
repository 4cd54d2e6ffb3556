/* seal.h: sealing a response to the council, and opening it again on the council's machine.
 *
 * The plaintext encoding exists only in sodium_malloc memory for the length of the call and is
 * wiped before return, so no answer outlives sealing in the kiosk's memory. */
#ifndef CHORUS_SEAL_H
#define CHORUS_SEAL_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "response.h"

#define SEAL_OVERHEAD crypto_box_SEALBYTES

/* Encodes r and seals it to the council's X25519 public key. Returns 0 with a malloc'd
 * *sealed of *len bytes (caller frees), or -1 with err (ERR_LEN). */
int seal_response(const Response *r, const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
                  uint8_t **sealed, size_t *len, char *err) __attribute__((warn_unused_result));

/* Opens a sealed response with the council's key pair and decodes it into r (strings owned by
 * arena a). Returns 0, or -1 with err: the record does not open (another key, or any byte
 * changed), or its contents do not decode. */
int seal_open_response(const uint8_t *sealed, size_t len,
                       const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
                       const uint8_t *council_sk, Arena *a, Response *r, char *err)
    __attribute__((warn_unused_result));

/* The same, with the plaintext in the caller's scratch (RESPONSE_ENCODED_MAX bytes of locked
 * memory, zeroed again before it returns): for opening many records without a locked
 * allocation each. */
int seal_open_response_with(const uint8_t *sealed, size_t len,
                            const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
                            const uint8_t *council_sk, uint8_t *scratch, Arena *a, Response *r,
                            char *err) __attribute__((warn_unused_result));

/* One of the council's sealing key pairs: its current one, or one it has retired. */
typedef struct {
    uint8_t pk[crypto_box_PUBLICKEYBYTES];
    const uint8_t *sk; /* the secret half, in the owner's locked memory */
} SealKey;

/* seal_open_plain() for a record sealed to any of the nkeys keys (a sealed record does not
 * say which: trying a wrong key costs one X25519 and a failed Poly1305 check). keys[*hint] is
 * tried first, then the others in order, and *hint becomes the one that opened it, so records
 * sealed to one key cost one try each. Returns 0, or -1 with err when no key opens it (another
 * council's, or damaged; scratch zeroed). */
int seal_open_plain_keys(const uint8_t *sealed, size_t len, const SealKey *keys, int nkeys,
                         int *hint, uint8_t *scratch, size_t *n, char *err)
    __attribute__((warn_unused_result));

/* Opens a sealed record of either kind (a response, or a help record: help.h) into scratch
 * (RESPONSE_ENCODED_MAX bytes of locked memory), its length in *n, for the caller to tell by
 * its magic and decode, then zero. Returns 0, or -1 with err (scratch zeroed). */
int seal_open_plain(const uint8_t *sealed, size_t len,
                    const uint8_t council_pk[crypto_box_PUBLICKEYBYTES], const uint8_t *council_sk,
                    uint8_t *scratch, size_t *n, char *err) __attribute__((warn_unused_result));

#endif
