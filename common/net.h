/* net.h: what the kiosk's `sync` and the council's `serve` agree on over HTTP(S).
 *
 *   POST /v1/bundle   the body is a bundle, byte for byte the file a stick carries; the
 *                     header X-Chorus-Kiosk names the kiosk's public signing key (64 hex
 *                     digits), so the council refuses an unenrolled or revoked kiosk before it
 *                     reads the body. The answer (200) is the signed receipt, byte for byte the
 *                     file `import` writes; a repeat of the same bundle gets the same receipt.
 *   GET /v1/pack?after=SEQ
 *                     the newest pack the council offers, when its number is above SEQ (200,
 *                     the pack file itself), else 204. Only for an enrolled, unrevoked kiosk,
 *                     which signs the request: X-Chorus-Kiosk, X-Chorus-Time (seconds since
 *                     1970) and X-Chorus-Signature (Ed25519 over net_pack_request(), hex).
 *
 * Refusals carry a one-line reason as text/plain: 400 a malformed request, 403 a kiosk not
 * enrolled or revoked (or a bad signature), 404, 405, 411 no Content-Length, 413 a body over
 * the server's limit, 422 a bundle refused by import, 429 too many requests from a kiosk this
 * minute (Retry-After), 503 the council database busy (Retry-After). */
#ifndef CHORUS_NET_H
#define CHORUS_NET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NET_PATH_BUNDLE "/v1/bundle"
#define NET_PATH_PACK "/v1/pack"
#define NET_HEADER_KIOSK "X-Chorus-Kiosk"
#define NET_HEADER_TIME "X-Chorus-Time"
#define NET_HEADER_SIGNATURE "X-Chorus-Signature"
#define NET_HEADER_PACK "X-Chorus-Pack" /* a pack answer's number */
/* How far apart the kiosk's clock and the council's may be for a signed pack request. */
#define NET_CLOCK_SKEW (24LL * 3600)
#define NET_REQUEST_MAX 160 /* bytes of net_pack_request() */

/* ---- the server a kiosk reaches, and the key it trusts ----
 *
 * A kiosk keeps both in its data folder, one line each: from `sync --server --pin` on first
 * use, or from a signed pack's settings files of the same names (chorus-sync pack --server-pin,
 * --server-url), which replace them. */
#define NET_PIN_FILE "server.pin" /* "sha256//BASE64[;sha256//BASE64...]" */
#define NET_URL_FILE "server.url" /* "https://HOST[:PORT]" */
#define NET_PINS_MAX 4            /* keys a pin line may name (old and new, while one rotates) */
#define NET_PIN_LINE_MAX (NET_PINS_MAX * 53) /* 52 characters a pin, ';' between */
#define NET_URL_MAX 255

/* Checks a pin line (s, len): one to NET_PINS_MAX pins "sha256//" and 44 characters of base64
 * (32 bytes: the SHA-256 of the server's SubjectPublicKeyInfo, curl's form) separated by ';',
 * with one final newline allowed. Returns 1, or 0 with why (ERR_LEN) saying what is wrong. */
int net_pin_valid(const char *s, size_t len, char *why) __attribute__((warn_unused_result));

/* Checks a server URL (s, len): https://HOST[:PORT][/PATH], or http:// only to a loopback host
 * (127.x.x.x, [::1], localhost), printable ASCII without spaces, at most NET_URL_MAX bytes,
 * one final newline allowed. Returns 1, or 0 with why. */
int net_url_valid(const char *s, size_t len, char *why) __attribute__((warn_unused_result));

/* 1 if the URL's host is a loopback address (127.x.x.x, [::1], localhost). */
int net_url_loopback(const char *url);

/* The text a kiosk signs to ask for a pack: "chorus pack request 1 KEYHEX TIME AFTER". */
static inline void net_pack_request(const char key_hex[65], long long when, uint64_t after,
                                    char out[NET_REQUEST_MAX])
{
    snprintf(out, NET_REQUEST_MAX, "chorus pack request 1 %s %lld %llu", key_hex, when,
             (unsigned long long)after);
}

#endif
