/* floor_open.c: the floor for import throughput (make bench): crypto_box_seal_open of a bundle's
 * records alone, on one core.
 *
 *   floor_open --bundle FILE --key council-box.key [--passes N]
 *
 * Reads the whole bundle and the council's secret sealing key into memory (not timed), walks the
 * records (FORMATS.md: magic, version, kiosk key, sequence (version 2), count, then id, length,
 * sealed bytes; the signature is not checked, nothing is decoded or stored), and times opening every record, N
 * passes (default 3). Prints records=N per_s=R (the median pass) bytes=B (sealed bytes). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The whole file, with a NUL after its last byte (for the key file's text). */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 1 >= cap) {
            cap = cap ? cap * 2 : 1 << 20;
            unsigned char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The `key` line of a chorus key file (FORMATS.md), base64. */
static int read_key(const char *path, unsigned char sk[crypto_box_SECRETKEYBYTES])
{
    size_t len = 0;
    unsigned char *text = slurp(path, &len);
    if (!text)
        return -1;
    int rc = -1;
    char *line = strstr((char *)text, "\nkey ");
    size_t got = 0;
    if (line) {
        line += 5;
        line[strcspn(line, "\n")] = '\0';
        rc = sodium_base642bin(sk, crypto_box_SECRETKEYBYTES, line, strlen(line), NULL, &got, NULL,
                               sodium_base64_VARIANT_ORIGINAL) == 0 &&
                     got == crypto_box_SECRETKEYBYTES
                 ? 0
                 : -1;
    }
    sodium_memzero(text, len);
    free(text);
    return rc;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    const char *bundle = NULL, *key = NULL;
    int passes = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--bundle") == 0)
            bundle = argv[i + 1];
        else if (strcmp(argv[i], "--key") == 0)
            key = argv[i + 1];
        else if (strcmp(argv[i], "--passes") == 0)
            passes = atoi(argv[i + 1]);
    }
    if (!bundle || !key || passes < 1 || passes > 99) {
        fprintf(stderr, "usage: floor_open --bundle FILE --key council-box.key [--passes N]\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    unsigned char sk[crypto_box_SECRETKEYBYTES], pk[crypto_box_PUBLICKEYBYTES];
    if (read_key(key, sk) != 0) {
        fprintf(stderr, "floor_open: %s: not a readable key file\n", key);
        return 1;
    }
    crypto_scalarmult_base(pk, sk);
    size_t len = 0;
    unsigned char *b = slurp(bundle, &len);
    /* version 2 has the bundle's 8-byte sequence number before the count */
    const size_t head = b && len > 4 && b[4] == 2 ? 4 + 1 + 32 + 8 + 4 : 4 + 1 + 32 + 4;
    if (!b || len < head + 64 || memcmp(b, "CHRB", 4) != 0 || (b[4] != 1 && b[4] != 2)) {
        fprintf(stderr, "floor_open: %s: not a bundle\n", bundle);
        return 1;
    }
    uint32_t count = le32(b + head - 4);
    unsigned char *plain = malloc(256 * 1024 + 64);
    if (!plain)
        return 1;
    double secs[99];
    size_t bytes = 0;
    for (int pass = 0; pass < passes; pass++) {
        size_t off = head;
        bytes = 0;
        double t0 = now_s();
        for (uint32_t r = 0; r < count; r++) {
            if (off + 20 > len - 64) {
                fprintf(stderr, "floor_open: %s: truncated at record %u\n", bundle, r);
                return 1;
            }
            uint32_t n = le32(b + off + 16);
            off += 20;
            if (n < crypto_box_SEALBYTES || n > 256 * 1024 + 48 || off + n > len - 64 ||
                crypto_box_seal_open(plain, b + off, n, pk, sk) != 0) {
                fprintf(stderr, "floor_open: %s: record %u does not open\n", bundle, r);
                return 1;
            }
            off += n;
            bytes += n;
        }
        secs[pass] = now_s() - t0;
    }
    qsort(secs, (size_t)passes, sizeof *secs, cmp_double);
    double mid = secs[passes / 2];
    printf("records=%u per_s=%.1f bytes=%zu\n", count, mid > 0 ? count / mid : 0.0, bytes);
    sodium_memzero(sk, sizeof sk);
    free(plain);
    free(b);
    return 0;
}
