/* shares.c: Shamir shares of the council's secret keys (libgfshare), as printable text. See
 * shares.h. */
#include "shares.h"

#include <libgfshare.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_LEN 8
#define LINE_CAP 2048 /* the longest line: a keys line of SHARE_KEYS_MAX ids */

/* libgfshare draws its polynomials' coefficients through this; it must be a good source. */
static void fill_rand(unsigned char *buf, unsigned int n) { randombytes_buf(buf, n); }

int share_split(const uint8_t *secret, int nkeys, const uint8_t (*ids)[KEY_ID_LEN], int count,
                int threshold, Share *shares, char *err)
{
    if (count < 2 || count > SHARES_MAX || threshold < 2 || threshold > count) {
        snprintf(err, ERR_LEN, "--shares must be 2 to %d and --threshold 2 to the shares",
                 SHARES_MAX);
        return -1;
    }
    if (nkeys < 2 || nkeys > SHARE_KEYS_MAX) {
        snprintf(err, ERR_LEN, "%d keys: a share holds 2 to %d", nkeys, SHARE_KEYS_MAX);
        return -1;
    }
    unsigned char nrs[SHARES_MAX];
    unsigned size = (unsigned)nkeys * SHARE_KEY_LEN;
    uint8_t split[SHARE_SPLIT_LEN];
    for (int i = 0; i < count; i++)
        nrs[i] = (unsigned char)(i + 1); /* x = 0 would be the secret itself */
    gfshare_fill_rand = fill_rand;
    gfshare_ctx *ctx = gfshare_ctx_init_enc(nrs, (unsigned)count, (unsigned char)threshold, size);
    if (!ctx) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    randombytes_buf(split, sizeof split);
    gfshare_ctx_enc_setsecret(ctx, (unsigned char *)secret);
    for (int i = 0; i < count; i++) {
        Share *s = &shares[i];
        memcpy(s->split, split, sizeof split);
        s->index = i + 1;
        s->count = count;
        s->threshold = threshold;
        s->nkeys = nkeys;
        memcpy(s->ids, ids, (size_t)nkeys * KEY_ID_LEN);
        gfshare_ctx_enc_getshare(ctx, (unsigned char)i, s->data);
    }
    gfshare_ctx_free(ctx); /* it scrambles its copy of the secret first */
    return 0;
}

int share_join(const Share *shares, const char *const *names, int n, uint8_t *secret, char *err)
{
    if (n < 1) {
        snprintf(err, ERR_LEN, "no shares given");
        return -1;
    }
    const Share *a = &shares[0];
    for (int i = 1; i < n; i++) {
        const Share *b = &shares[i];
        if (memcmp(a->split, b->split, SHARE_SPLIT_LEN) != 0 || a->count != b->count ||
            a->threshold != b->threshold || a->nkeys != b->nkeys ||
            memcmp(a->ids, b->ids, (size_t)a->nkeys * KEY_ID_LEN) != 0) {
            snprintf(err, ERR_LEN, "%s and %s are shares of different key-splits", names[0],
                     names[i]);
            return -1;
        }
        for (int k = 0; k < i; k++) {
            if (shares[k].index == b->index) {
                snprintf(err, ERR_LEN, "%s and %s are both share %d of %d", names[k], names[i],
                         b->index, b->count);
                return -1;
            }
        }
    }
    if (n < a->threshold) {
        snprintf(err, ERR_LEN, "%d share%s given, but %d of the %d are needed", n,
                 n == 1 ? "" : "s", a->threshold, a->count);
        return -1;
    }
    unsigned char nrs[SHARES_MAX];
    for (int i = 0; i < n; i++)
        nrs[i] = (unsigned char)shares[i].index;
    gfshare_fill_rand = fill_rand;
    gfshare_ctx *ctx =
        gfshare_ctx_init_dec(nrs, (unsigned)n, (unsigned)a->nkeys * SHARE_KEY_LEN);
    if (!ctx) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    for (int i = 0; i < n; i++)
        gfshare_ctx_dec_giveshare(ctx, (unsigned char)i, (unsigned char *)shares[i].data);
    gfshare_ctx_dec_extract(ctx, secret);
    gfshare_ctx_free(ctx);
    return 0;
}

/* ---- text ---- */

/* Appends printf-style text to buf at *n (cap bytes); sets *n past cap when it does not fit. */
static void put(char *buf, size_t cap, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void put(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
    if (*n >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *n, cap - *n, fmt, ap);
    va_end(ap);
    *n = w < 0 ? cap : *n + (size_t)w;
}

/* The canonical text of s, the lines the check covers, into buf. Returns its length, or cap
 * or more when it does not fit. */
static size_t body_text(const Share *s, char *buf, size_t cap)
{
    char hex[2 * SHARE_KEY_LEN + 1];
    size_t n = 0;
    sodium_bin2hex(hex, sizeof hex, s->split, SHARE_SPLIT_LEN);
    put(buf, cap, &n, "chorus-share 1\nsplit %s\nkeys", hex);
    for (int k = 0; k < s->nkeys; k++) {
        sodium_bin2hex(hex, sizeof hex, s->ids[k], KEY_ID_LEN);
        put(buf, cap, &n, " %s", hex);
    }
    put(buf, cap, &n, "\nshare %d of %d\nthreshold %d\n", s->index, s->count, s->threshold);
    for (int k = 0; k < s->nkeys; k++) {
        sodium_bin2hex(hex, sizeof hex, s->data + (size_t)k * SHARE_KEY_LEN, SHARE_KEY_LEN);
        put(buf, cap, &n, "data");
        for (int g = 0; g < 2 * SHARE_KEY_LEN; g += 8)
            put(buf, cap, &n, " %.8s", hex + g);
        put(buf, cap, &n, "\n");
    }
    return n;
}

static void check_of(const char *text, size_t n, char hex[2 * CHECK_LEN + 1])
{
    uint8_t h[32];
    crypto_generichash(h, sizeof h, (const uint8_t *)text, n, NULL, 0);
    sodium_bin2hex(hex, 2 * CHECK_LEN + 1, h, CHECK_LEN);
}

size_t share_format(const Share *s, char *buf, size_t cap)
{
    size_t n = 0;
    put(buf, cap, &n,
        "# Chorus: recovery share %d of %d of the council's keys. Any %d of the %d restore them\n"
        "# (chorus-sync key-join); fewer tell nothing. Keep it apart from the other shares.\n",
        s->index, s->count, s->threshold, s->count);
    if (n >= cap)
        return 0;
    size_t body = body_text(s, buf + n, cap - n);
    if (body >= cap - n)
        return 0;
    char check[2 * CHECK_LEN + 1];
    check_of(buf + n, body, check);
    n += body;
    put(buf, cap, &n, "check %s\n", check);
    return n < cap ? n : 0;
}

/* A decimal number of 1 to 3 digits at *p, into *v; moves *p past it. Returns 0 or -1. */
static int number(const char **p, int *v)
{
    int digits = 0;
    *v = 0;
    for (; **p >= '0' && **p <= '9' && digits < 4; (*p)++, digits++)
        *v = *v * 10 + (**p - '0');
    return digits >= 1 && digits <= 3 ? 0 : -1;
}

/* Hex of exactly n bytes (either case; spaces allowed when spaces) at text into out. */
static int hex_exact(const char *text, uint8_t *out, size_t n, int spaces)
{
    size_t got = 0;
    const char *end = NULL;
    return sodium_hex2bin(out, n, text, strlen(text), spaces ? " " : NULL, &got, &end) == 0 &&
                   got == n && *end == '\0'
               ? 0
               : -1;
}

int share_parse(const char *name, const char *text, size_t len, Share *s, char *err)
{
    enum { HEADER, SPLIT, KEYS, INDEX, THRESHOLD, DATA, END } want = HEADER;
    char line[LINE_CAP];
    int lineno = 0, ndata = 0, rc = -1;
    char check[2 * CHECK_LEN + 1] = "";
    const char *p = text, *end = text + len;
    memset(s, 0, sizeof *s);
    if (memchr(text, '\0', len)) {
        snprintf(err, ERR_LEN, "%s: not a Chorus recovery share (binary data)", name);
        goto done;
    }
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        lineno++;
        if (n >= sizeof line) {
            snprintf(err, ERR_LEN, "%s:%d: line too long", name, lineno);
            goto done;
        }
        memcpy(line, p, n);
        p += n + (nl ? 1 : 0);
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        line[n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        const char *v = line;
        int bad = 0, at = want; /* the line expected here, for the message */
        if (want == DATA && strncmp(line, "check ", 6) == 0) {
            at = END;
            if (ndata != s->nkeys) {
                snprintf(err, ERR_LEN, "%s:%d: %d data lines, but %d keys (one line each)", name,
                         lineno, ndata, s->nkeys);
                goto done;
            }
            uint8_t c[CHECK_LEN];
            bad = hex_exact(line + 6, c, sizeof c, 0) != 0;
            if (!bad)
                sodium_bin2hex(check, sizeof check, c, sizeof c);
            want = END;
        } else if (want == HEADER) {
            if (strncmp(line, "chorus-share ", 13) != 0) {
                snprintf(err, ERR_LEN, "%s:%d: not a Chorus recovery share (it must start "
                                       "'chorus-share 1')", name, lineno);
                goto done;
            }
            if (strcmp(line + 13, "1") != 0) {
                snprintf(err, ERR_LEN, "%s:%d: share version '%s' is not supported (only 1)",
                         name, lineno, line + 13);
                goto done;
            }
            want = SPLIT;
        } else if (want == SPLIT) {
            bad = strncmp(v, "split ", 6) != 0 || hex_exact(v + 6, s->split, SHARE_SPLIT_LEN, 0);
            want = KEYS;
        } else if (want == KEYS) {
            bad = strncmp(v, "keys ", 5) != 0;
            for (v += 5; !bad && *v;) {
                char id[2 * KEY_ID_LEN + 1];
                size_t w = strcspn(v, " ");
                bad = w != 2 * KEY_ID_LEN || s->nkeys == SHARE_KEYS_MAX;
                if (!bad) {
                    memcpy(id, v, w);
                    id[w] = '\0';
                    bad = hex_exact(id, s->ids[s->nkeys++], KEY_ID_LEN, 0) != 0;
                }
                v += w;
                v += strspn(v, " ");
            }
            bad |= s->nkeys < 2;
            want = INDEX;
        } else if (want == INDEX) {
            v += 6;
            bad = strncmp(line, "share ", 6) != 0 || number(&v, &s->index) != 0 ||
                  strncmp(v, " of ", 4) != 0;
            if (!bad) {
                v += 4;
                bad = number(&v, &s->count) != 0 || *v != '\0' || s->count < 2 ||
                      s->count > SHARES_MAX || s->index < 1 || s->index > s->count;
            }
            want = THRESHOLD;
        } else if (want == THRESHOLD) {
            v += 10;
            bad = strncmp(line, "threshold ", 10) != 0 || number(&v, &s->threshold) != 0 ||
                  *v != '\0' || s->threshold < 2 || s->threshold > s->count;
            want = DATA;
        } else if (want == DATA) {
            bad = strncmp(line, "data ", 5) != 0 || ndata == s->nkeys ||
                  hex_exact(line + 5, s->data + (size_t)ndata * SHARE_KEY_LEN, SHARE_KEY_LEN,
                            1) != 0;
            ndata++;
        } else {
            snprintf(err, ERR_LEN, "%s:%d: unexpected text after the check line", name, lineno);
            goto done;
        }
        if (bad) {
            static const char *const what[] = {
                [HEADER] = "'chorus-share 1'",
                [SPLIT] = "'split' and 16 hex digits",
                [KEYS] = "'keys' and two or more key ids of 16 hex digits",
                [INDEX] = "'share I of N', 1 <= I <= N <= 255 and N >= 2",
                [THRESHOLD] = "'threshold K', 2 <= K <= N",
                [DATA] = "'data' and a key's 32 bytes in hex, one line a key, then 'check'",
                [END] = "'check' and 16 hex digits"};
            snprintf(err, ERR_LEN, "%s:%d: malformed line (expected %s)", name, lineno,
                     what[at]);
            goto done;
        }
    }
    if (want != END) {
        snprintf(err, ERR_LEN, "%s: the share is cut short (no 'check' line)", name);
        goto done;
    }
    char body[SHARE_FILE_MAX], again[2 * CHECK_LEN + 1];
    size_t n = body_text(s, body, sizeof body);
    check_of(body, n < sizeof body ? n : sizeof body, again);
    sodium_memzero(body, sizeof body);
    if (strcmp(again, check) != 0) {
        snprintf(err, ERR_LEN, "%s: the check does not match: a line was mistyped, or the share "
                               "is damaged", name);
        goto done;
    }
    rc = 0;
done:
    sodium_memzero(line, sizeof line);
    if (rc != 0)
        sodium_memzero(s, sizeof *s);
    return rc;
}
