/* test_shares.c: recovery shares of the council's keys (sync/shares.c): any K of N shares give
 * the secret back, K-1 are refused (and would give something else), shares of two key-splits
 * or one share twice are refused, the text round trip, and every mistyped character of a
 * share caught by its check, while case, spaces, comments and CRLF are not mistakes. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sync/shares.h"
#include "chorus_limits.h"
#include "test.h"

static char err[ERR_LEN];

#define N 5
#define K 3
#define NKEYS 3

static uint8_t secret[NKEYS * SHARE_KEY_LEN], ids[NKEYS][KEY_ID_LEN];
static Share shares[N];
static const char *names[N] = {"s1", "s2", "s3", "s4", "s5"};

static void make(void)
{
    randombytes_buf(secret, sizeof secret);
    randombytes_buf(ids, sizeof ids);
    CHECK_INT(share_split(secret, NKEYS, (const uint8_t(*)[KEY_ID_LEN])ids, N, K, shares, err), 0);
}

/* Joins the shares whose bits are set in mask; returns share_join's result, the secret in out. */
static int join_mask(unsigned mask, uint8_t *out)
{
    Share pick[N];
    const char *pick_names[N];
    int n = 0;
    for (int i = 0; i < N; i++) {
        if (mask & (1u << i)) {
            pick[n] = shares[i];
            pick_names[n++] = names[i];
        }
    }
    return share_join(pick, pick_names, n, out, err);
}

static void test_any_k_of_n(void)
{
    make();
    for (int i = 0; i < N; i++) {
        CHECK_INT(shares[i].index, i + 1);
        CHECK_INT(shares[i].count, N);
        CHECK_INT(shares[i].threshold, K);
        CHECK(memcmp(shares[i].split, shares[0].split, SHARE_SPLIT_LEN) == 0);
        CHECK(memcmp(shares[i].data, secret, sizeof secret) != 0);
    }
    int joined = 0, refused = 0;
    for (unsigned mask = 1; mask < (1u << N); mask++) {
        int bits = __builtin_popcount(mask);
        uint8_t out[sizeof secret];
        memset(out, 0, sizeof out);
        int rc = join_mask(mask, out);
        if (bits >= K) {
            CHECK_INT(rc, 0);
            CHECK(memcmp(out, secret, sizeof secret) == 0);
            joined++;
        } else {
            CHECK_INT(rc, -1);
            CHECK(strstr(err, "are needed") != NULL);
            refused++;
        }
    }
    CHECK_INT(joined, 16);  /* C(5,3) + C(5,4) + C(5,5) */
    CHECK_INT(refused, 15); /* C(5,1) + C(5,2) */
    /* Order does not matter. */
    Share rev[K] = {shares[4], shares[0], shares[2]};
    const char *rev_names[K] = {"s5", "s1", "s3"};
    uint8_t out[sizeof secret];
    CHECK_INT(share_join(rev, rev_names, K, out, err), 0);
    CHECK(memcmp(out, secret, sizeof secret) == 0);
}

/* K-1 shares, even when told the threshold is lower, do not give the secret. */
static void test_k_minus_one_tell_nothing(void)
{
    make();
    for (int a = 0; a < N; a++) {
        for (int b = a + 1; b < N; b++) {
            Share two[2] = {shares[a], shares[b]};
            const char *two_names[2] = {names[a], names[b]};
            two[0].threshold = two[1].threshold = 2;
            uint8_t out[sizeof secret];
            CHECK_INT(share_join(two, two_names, 2, out, err), 0);
            CHECK(memcmp(out, secret, sizeof secret) != 0);
        }
    }
}

static void test_refusals(void)
{
    make();
    Share mixed[K] = {shares[0], shares[1], shares[2]};
    Share other[N];
    CHECK_INT(share_split(secret, NKEYS, (const uint8_t(*)[KEY_ID_LEN])ids, N, K, other, err), 0);
    mixed[2] = other[2];
    uint8_t out[sizeof secret];
    CHECK_INT(share_join(mixed, names, K, out, err), -1);
    CHECK(strstr(err, "different key-splits") != NULL);
    Share twice[K] = {shares[0], shares[1], shares[1]};
    CHECK_INT(share_join(twice, names, K, out, err), -1);
    CHECK(strstr(err, "both share 2 of 5") != NULL);
    /* Counts out of range, and the smallest split that is not: 2 of 2. */
    CHECK_INT(share_split(secret, NKEYS, (const uint8_t(*)[KEY_ID_LEN])ids, 1, 1, other, err), -1);
    CHECK_INT(share_split(secret, NKEYS, (const uint8_t(*)[KEY_ID_LEN])ids, 3, 4, other, err), -1);
    CHECK_INT(share_split(secret, NKEYS, (const uint8_t(*)[KEY_ID_LEN])ids, 3, 1, other, err), -1);
    CHECK_INT(share_split(secret, NKEYS, (const uint8_t(*)[KEY_ID_LEN])ids, 2, 2, other, err), 0);
    CHECK_INT(share_join(other, names, 2, out, err), 0);
    CHECK(memcmp(out, secret, sizeof secret) == 0);
    CHECK_INT(share_join(other, names, 1, out, err), -1);
}

static void test_text(void)
{
    make();
    char text[SHARE_FILE_MAX];
    size_t len = share_format(&shares[1], text, sizeof text);
    CHECK(len > 0);
    CHECK(strstr(text, "\nchorus-share 1\nsplit ") != NULL);
    CHECK(strstr(text, "\nshare 2 of 5\nthreshold 3\ndata ") != NULL);
    CHECK(strstr(text, "Any 3 of the 5") != NULL);
    Share back;
    CHECK_INT(share_parse("s2", text, len, &back, err), 0);
    CHECK(memcmp(&back, &shares[1], sizeof back) == 0);

    /* Every character of the share's lines (not the comments) changed to another that is
     * still a hex digit, digit or letter: each one is caught. */
    const char *body = strstr(text, "chorus-share 1");
    int caught = 0, tried = 0;
    for (size_t i = (size_t)(body - text); i < len; i++) {
        char c = text[i], to;
        if (c >= '0' && c <= '9')
            to = c == '9' ? '0' : (char)(c + 1);
        else if (c >= 'a' && c <= 'f')
            to = c == 'f' ? 'a' : (char)(c + 1);
        else
            continue;
        char bad[SHARE_FILE_MAX];
        memcpy(bad, text, len + 1);
        bad[i] = to;
        tried++;
        Share s;
        int rc = share_parse("typo.txt", bad, len, &s, err);
        caught += rc == -1 && strstr(err, "typo.txt") != NULL;
    }
    CHECK(tried > 200);
    CHECK_INT(caught, tried);
    /* The words of a mistyped data digit. */
    char bad[SHARE_FILE_MAX];
    memcpy(bad, text, len + 1);
    char *d = strstr(bad, "\ndata ") + 6;
    *d = *d == '0' ? '1' : '0';
    CHECK_INT(share_parse("typo.txt", bad, len, &back, err), -1);
    CHECK(strstr(err, "typo.txt: the check does not match: a line was mistyped") != NULL);

    /* Not mistakes: upper case, spaces moved, blank lines, comments, CRLF. */
    char loose[SHARE_FILE_MAX * 2];
    size_t n = 0, col = 0;
    int hex_line = 0; /* on a data or check line, past its word */
    for (size_t i = 0; i < len; i++, col++) {
        char c = text[i];
        if (col == 0) {
            hex_line = strncmp(text + i, "data ", 5) == 0 || strncmp(text + i, "check ", 6) == 0;
            if (strncmp(text + i, "data ", 5) == 0) {
                memcpy(loose + n, "# typed from paper\r\n\r\n", 22);
                n += 22;
            }
        }
        if (c == '\n') {
            loose[n++] = ' '; /* a trailing space too */
            loose[n++] = '\r';
            col = (size_t)-1;
        }
        loose[n++] = hex_line && col >= 6 && c >= 'a' && c <= 'f' ? (char)(c - 'a' + 'A') : c;
        if (hex_line && col >= 6 && c == ' ')
            loose[n++] = ' '; /* and two spaces between groups */
    }
    loose[n] = '\0';
    CHECK_INT(share_parse("loose.txt", loose, n, &back, err), 0);
    CHECK(memcmp(&back, &shares[1], sizeof back) == 0);

    /* Cut short, another version, not a share, a data line too many or too few. */
    CHECK_INT(share_parse("cut.txt", text, (size_t)(strstr(text, "check ") - text), &back, err),
              -1);
    CHECK(strstr(err, "cut short") != NULL);
    memcpy(bad, text, len + 1);
    memcpy(strstr(bad, "chorus-share 1") + 13, "2", 1);
    CHECK_INT(share_parse("v2.txt", bad, len, &back, err), -1);
    CHECK(strstr(err, "version '2'") != NULL);
    CHECK_INT(share_parse("x.txt", "hello\n", 6, &back, err), -1);
    CHECK(strstr(err, "not a Chorus recovery share") != NULL);
    snprintf(bad, sizeof bad, "%.*sdata 00000000 00000000 00000000 00000000 00000000 00000000 "
                              "00000000 00000000\n%s",
             (int)(strstr(text, "check ") - text), text, strstr(text, "check "));
    CHECK_INT(share_parse("more.txt", bad, strlen(bad), &back, err), -1);
    CHECK(strstr(err, "more.txt:") != NULL);
    char *last_data = strstr(text, "\ndata ");
    for (char *at = last_data; at; at = strstr(at + 1, "\ndata "))
        last_data = at;
    snprintf(bad, sizeof bad, "%.*s\n%s", (int)(last_data - text), text, strstr(text, "check "));
    CHECK_INT(share_parse("less.txt", bad, strlen(bad), &back, err), -1);
    CHECK(strstr(err, "data lines, but 3 keys") != NULL);
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    RUN(test_any_k_of_n);
    RUN(test_k_minus_one_tell_nothing);
    RUN(test_refusals);
    RUN(test_text);
    return TEST_SUMMARY("shares");
}
