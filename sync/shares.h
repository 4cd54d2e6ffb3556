/* shares.h: recovery shares of the council's secret keys (chorus-sync key-split, key-join).
 *
 * The secret is the council's secret keys end to end, 32 bytes each: the current sealing key
 * (X25519), the signing key's seed (Ed25519), then the retired sealing keys, oldest first. It
 * is split by Shamir's scheme over GF(2^8) with libgfshare (Debian's libgfshare-dev), its
 * random coefficients drawn from libsodium's randombytes_buf: any `threshold` of the `count`
 * shares give the secret back, and fewer tell nothing about it. A share is a text file to print,
 * keep apart from the others, and type back in when needed:
 *
 *   # Chorus: recovery share 2 of 5 of the council's keys. Any 3 of the 5 restore them
 *   # (chorus-sync key-join); fewer tell nothing. Keep it apart from the other shares.
 *   chorus-share 1
 *   split 9c1e5a7b3d2f4e6a          8 random bytes, the same in every share of one key-split
 *   keys 6a79deeeb1a764fb 1f2e...   the ids of the keys the secret holds, in its order
 *   share 2 of 5
 *   threshold 3
 *   data 1a2b3c4d 5e6f7a8b ...      the share in hex, 32 bytes (one key) a line, in groups
 *   check 0123456789abcdef          the first 8 bytes of BLAKE2b-256 of the lines above
 *
 * Lines starting with '#' and blank lines are ignored; hex may be typed in either case and the
 * spaces inside data lines anywhere. The check is over the share's canonical text (as
 * share_format writes it, comments and check left out), so a mistyped digit, id or number is
 * caught when the share is read; the keys' ids then catch shares that don't belong together.
 * Start reading at share_split(). */
#ifndef CHORUS_SHARES_H
#define CHORUS_SHARES_H

#include <stddef.h>
#include <stdint.h>

#include "chorus_limits.h"
#include "keyfile.h"

#define SHARE_KEY_LEN 32                        /* bytes of each key in the secret */
#define SHARE_KEYS_MAX (2 + COUNCIL_RETIRED_MAX) /* keys one secret holds */
#define SHARE_SPLIT_LEN 8

/* One share, as read or to be written. */
typedef struct {
    uint8_t split[SHARE_SPLIT_LEN];
    int index, count, threshold; /* 1 <= index <= count; 2 <= threshold <= count */
    int nkeys;                   /* 2 to SHARE_KEYS_MAX */
    uint8_t ids[SHARE_KEYS_MAX][KEY_ID_LEN];
    uint8_t data[SHARE_KEYS_MAX * SHARE_KEY_LEN]; /* nkeys * SHARE_KEY_LEN bytes */
} Share;

/* Splits secret (nkeys * SHARE_KEY_LEN bytes; ids: the ids of its keys) into count shares with
 * threshold, into shares[0..count-1] (the caller's, best in locked memory, wiped after): indexes
 * 1 to count, one fresh split id. Returns 0, or -1 with err (ERR_LEN): a count or threshold out
 * of range (2 <= threshold <= count <= SHARES_MAX), nkeys out of range, out of memory. */
int share_split(const uint8_t *secret, int nkeys, const uint8_t (*ids)[KEY_ID_LEN], int count,
                int threshold, Share *shares, char *err) __attribute__((warn_unused_result));

/* Joins the n shares (names[i] names shares[i] in err) into secret (shares[0].nkeys *
 * SHARE_KEY_LEN bytes). Refused with err: shares of different key-splits (or keys, count,
 * threshold), one index twice, fewer than the threshold. Whether the secret is right is for the
 * caller to check against the ids. Returns 0 or -1. */
int share_join(const Share *shares, const char *const *names, int n, uint8_t *secret, char *err)
    __attribute__((warn_unused_result));

/* The text of s (see above; check line included) into buf (cap bytes, NUL-terminated). Returns
 * its length, or 0 when cap is too small (SHARE_FILE_MAX always suffices). */
size_t share_format(const Share *s, char *buf, size_t cap);

/* Reads the share text (len bytes, NUL after them) of the file name into s. Returns 0, or -1
 * with err "NAME:LINE: reason" (not a share, another version, a malformed line, out-of-range
 * numbers, a data length that does not fit its keys) or "NAME: the check does not match..." (a
 * mistyped or damaged share). */
int share_parse(const char *name, const char *text, size_t len, Share *s, char *err)
    __attribute__((warn_unused_result));

#endif
