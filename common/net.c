/* net.c: the checks of what names the council's server, shared by the kiosk (sync, packs) and
 * the council (`chorus-sync pack`), so a pin or URL one accepts the other accepts. See net.h. */
#include "net.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "chorus_limits.h"

/* The length of (s, len) without one final newline. */
static size_t line_len(const char *s, size_t len)
{
    return len && s[len - 1] == '\n' ? len - 1 : len;
}

/* 1 if (s, n) is one pin: "sha256//" and 44 characters of base64 decoding to 32 bytes. */
static int one_pin(const char *s, size_t n)
{
    unsigned char raw[64];
    size_t got = 0;
    if (n != 8 + 44 || memcmp(s, "sha256//", 8) != 0)
        return 0;
    return sodium_base642bin(raw, sizeof raw, s + 8, 44, NULL, &got, NULL,
                             sodium_base64_VARIANT_ORIGINAL) == 0 &&
           got == 32;
}

int net_pin_valid(const char *s, size_t len, char *why)
{
    size_t n = line_len(s, len);
    int pins = 0;
    if (n == 0) {
        snprintf(why, ERR_LEN, "empty: a pin is sha256//BASE64");
        return 0;
    }
    for (size_t at = 0; at <= n;) {
        const char *semi = memchr(s + at, ';', n - at);
        size_t w = semi ? (size_t)(semi - (s + at)) : n - at;
        if (++pins > NET_PINS_MAX) {
            snprintf(why, ERR_LEN, "more than %d pins", NET_PINS_MAX);
            return 0;
        }
        if (!one_pin(s + at, w)) {
            snprintf(why, ERR_LEN,
                     "pin %d is not sha256//BASE64 (the SHA-256 of the server's public key, 44 "
                     "characters of base64)",
                     pins);
            return 0;
        }
        at += w + 1;
        if (!semi)
            break;
    }
    return 1;
}

int net_url_loopback(const char *url)
{
    const char *host = strstr(url, "://");
    host = host ? host + 3 : url;
    return strncmp(host, "127.", 4) == 0 || strncmp(host, "[::1]", 5) == 0 ||
           (strncmp(host, "localhost", 9) == 0 && strchr(":/", host[9]));
}

int net_url_valid(const char *s, size_t len, char *why)
{
    size_t n = line_len(s, len);
    char url[NET_URL_MAX + 1];
    if (n == 0 || n > NET_URL_MAX) {
        snprintf(why, ERR_LEN, "a server URL is 1 to %d characters", NET_URL_MAX);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        if (s[i] <= ' ' || s[i] > '~') {
            snprintf(why, ERR_LEN, "a server URL has no spaces or control characters (at %zu)",
                     i + 1);
            return 0;
        }
    memcpy(url, s, n);
    url[n] = '\0';
    int https = strncmp(url, "https://", 8) == 0;
    if (!https && strncmp(url, "http://", 7) != 0) {
        snprintf(why, ERR_LEN, "%s: not an https:// URL", url);
        return 0;
    }
    const char *host = url + (https ? 8 : 7);
    if (!*host || *host == '/' || *host == ':') {
        snprintf(why, ERR_LEN, "%s: no host", url);
        return 0;
    }
    if (!https && !net_url_loopback(url)) {
        snprintf(why, ERR_LEN,
                 "%s: plain http:// only to this machine (127.0.0.1, ::1); the council's server "
                 "is reached over https://",
                 url);
        return 0;
    }
    return 1;
}
