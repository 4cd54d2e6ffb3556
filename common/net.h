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

/* The text a kiosk signs to ask for a pack: "chorus pack request 1 KEYHEX TIME AFTER". */
static inline void net_pack_request(const char key_hex[65], long long when, uint64_t after,
                                    char out[NET_REQUEST_MAX])
{
    snprintf(out, NET_REQUEST_MAX, "chorus pack request 1 %s %lld %llu", key_hex, when,
             (unsigned long long)after);
}

#endif
