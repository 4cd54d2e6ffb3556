/* test_pin.c: tests of the worker PIN (kiosk/pin.c) against a real store: what a PIN may be,
 * checking it, and the lockout policy of pin.h: 3 free failures, then waits of
 * PIN_FIRST_DELAY seconds doubling, PIN_LOCKOUT_SECONDS from the 10th failure in a row, locked
 * even for the right PIN, kept across a restart, cleared by a success.
 *
 * Every check that is not refused for waiting runs Argon2id (a fraction of a second), so the
 * tests use about 45 real checks in all. The clock is a number the tests move. */
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "pin.h"
#include "store.h"
#include "test.h"

#define RIGHT "246810"
#define WRONG "135790"
#define T0 1790000000LL /* some wall-clock time in 2026 */

static char dir[64];
static char db_path[128];
static char err[ERR_LEN];

/* Opens a new store with PIN RIGHT set. */
static Store *fresh(void)
{
    static int n;
    snprintf(db_path, sizeof db_path, "%s/kiosk%d.db", dir, n++);
    Store *st = store_open(db_path, err);
    if (!st) {
        fprintf(stderr, "store_open: %s\n", err);
        return NULL;
    }
    if (pin_set(st, RIGHT, err) != 0) {
        fprintf(stderr, "pin_set: %s\n", err);
        store_close(st);
        return NULL;
    }
    return st;
}

static Store *reopen(Store *st)
{
    store_close(st);
    st = store_open(db_path, err);
    if (!st)
        fprintf(stderr, "store_open: %s\n", err);
    return st;
}

/* The failure count kept in the store. */
static long failures(Store *st)
{
    char buf[32];
    if (store_get(st, "pin_failures", buf, sizeof buf) != 1)
        return -1;
    return strtol(buf, NULL, 10);
}

/* The wait the policy of pin.h sets after the n-th failure in a row. */
static long long policy_wait(int n)
{
    if (n < PIN_FREE_TRIES)
        return 0;
    if (n >= PIN_LOCKOUT_AFTER - 1)
        return PIN_LOCKOUT_SECONDS;
    long long w = PIN_FIRST_DELAY;
    for (int i = PIN_FREE_TRIES; i < n; i++)
        w *= 2;
    return w < PIN_LOCKOUT_SECONDS ? w : PIN_LOCKOUT_SECONDS;
}

static void test_valid_and_set(void)
{
    CHECK_INT(pin_valid("123456"), 1);
    CHECK_INT(pin_valid("000000000000"), 1);
    CHECK_INT(pin_valid("12345"), 0);
    CHECK_INT(pin_valid("1234567890123"), 0);
    CHECK_INT(pin_valid(""), 0);
    CHECK_INT(pin_valid("12345a"), 0);
    CHECK_INT(pin_valid("123 456"), 0);
    CHECK_INT(pin_valid("-12345"), 0);
    CHECK_INT(pin_valid("\xD9\xA1\xD9\xA2\xD9\xA3"), 0); /* Arabic-Indic digits */

    snprintf(db_path, sizeof db_path, "%s/unset.db", dir);
    Store *st = store_open(db_path, err);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(pin_is_set(st), 0);
    /* No PIN yet: nothing can be checked. */
    CHECK_INT(pin_check(st, RIGHT, T0, NULL), PIN_ERROR);
    err[0] = '\0';
    CHECK_INT(pin_set(st, "12345", err), -1);
    CHECK(strstr(err, "digits") != NULL);
    CHECK_INT(pin_set(st, "12345a", err), -1);
    CHECK_INT(pin_set(st, "abcdef", err), -1);
    CHECK_INT(pin_set(st, "1234567890123", err), -1);
    CHECK_INT(pin_is_set(st), 0);

    CHECK_INT(pin_set(st, RIGHT, err), 0);
    CHECK_INT(pin_is_set(st), 1);
    /* Only a hash is stored. */
    char hash[crypto_pwhash_STRBYTES];
    CHECK_INT(store_get(st, "pin_hash", hash, sizeof hash), 1);
    CHECK(strstr(hash, RIGHT) == NULL);
    CHECK(strncmp(hash, "$argon2id$", 10) == 0);
    long long until = -1;
    CHECK_INT(pin_check(st, RIGHT, T0, &until), PIN_OK);
    CHECK_INT(until, 0);
    CHECK_INT(pin_check(st, WRONG, T0, &until), PIN_WRONG);
    CHECK_INT(until, 0); /* the first failure is free */
    CHECK_INT(pin_check(st, RIGHT "0", T0, NULL), PIN_WRONG);
    CHECK_INT(failures(st), 2);

    /* A new PIN replaces the old one and clears the failures. */
    CHECK_INT(pin_set(st, "804215937166", err), 0);
    CHECK_INT(failures(st), 0);
    CHECK_INT(pin_check(st, RIGHT, T0, NULL), PIN_WRONG);
    CHECK_INT(pin_check(st, "804215937166", T0, NULL), PIN_OK);
    /* An obvious PIN is refused, and the PIN in place stays. */
    CHECK_INT(pin_set(st, "000000000000", err), -1);
    CHECK(strstr(err, "too easy") != NULL);
    CHECK_INT(pin_check(st, "804215937166", T0, NULL), PIN_OK);
    store_close(st);
}

/* The PINs anybody tries first are obvious; others are not. */
static void test_obvious(void)
{
    static const char *const obvious[] = {"000000", "111111111111", "123456", "234567890",
                                          "987654", "890123", "210987", "121212", "123123",
                                          "12341234", "909090"};
    static const char *const fine[] = {"246810", "135790", "804215937166", "482915", "112358",
                                       "1234567809"};
    for (size_t i = 0; i < sizeof obvious / sizeof *obvious; i++)
        CHECK_INT(pin_obvious(obvious[i]), 1);
    for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
        CHECK_INT(pin_obvious(fine[i]), 0);
}

/* The tries left before a wait, then before the lockout; the recovery code clears the lockout,
 * only the right code, and only its hash is stored. */
static void test_tries_and_recovery(void)
{
    Store *st = fresh();
    if (!st)
        return;
    int lockout = -1;
    CHECK_INT(pin_tries_left(st, &lockout), PIN_FREE_TRIES);
    CHECK_INT(lockout, 0);
    CHECK_INT(pin_recovery_is_set(st), 0);
    CHECK_INT(pin_recovery_check(st, "12345678901234567890"), PIN_ERROR);
    char code[RECOVERY_DIGITS + 1];
    CHECK_INT(pin_recovery_new(st, code, err), 0);
    CHECK_INT((int)strlen(code), RECOVERY_DIGITS);
    CHECK_INT(pin_recovery_is_set(st), 1);
    char hash[crypto_pwhash_STRBYTES];
    CHECK_INT(store_get(st, "recovery_hash", hash, sizeof hash), 1);
    CHECK(strstr(hash, code) == NULL);
    long long now = T0;
    for (int i = 0; i < PIN_LOCKOUT_AFTER; i++) {
        long long until = 0;
        CHECK_INT(pin_check(st, WRONG, now, &until), PIN_WRONG);
        int left = pin_tries_left(st, &lockout);
        if (i + 1 < PIN_FREE_TRIES) {
            CHECK_INT(left, PIN_FREE_TRIES - (i + 1));
            CHECK_INT(lockout, 0);
        } else {
            CHECK_INT(left, PIN_LOCKOUT_AFTER - (i + 1));
            CHECK_INT(lockout, 1);
        }
        now = until > now ? until : now;
    }
    CHECK_INT(pin_check(st, RIGHT, now - 1, NULL), PIN_LOCKED);
    /* A wrong code (one digit off, too short, letters) changes nothing. */
    char off[RECOVERY_DIGITS + 1];
    memcpy(off, code, sizeof off);
    off[7] = off[7] == '9' ? '0' : (char)(off[7] + 1);
    CHECK_INT(pin_recovery_check(st, off), PIN_WRONG);
    CHECK_INT(pin_recovery_check(st, "1234"), PIN_WRONG);
    CHECK_INT(pin_recovery_check(st, "abcdefghijabcdefghij"), PIN_WRONG);
    CHECK_INT(failures(st), PIN_LOCKOUT_AFTER);
    /* The right one, written in groups, clears the lockout. */
    char grouped[RECOVERY_DIGITS + RECOVERY_DIGITS / 4 + 1];
    size_t n = 0;
    for (int i = 0; i < RECOVERY_DIGITS; i++) {
        if (i && i % 4 == 0)
            grouped[n++] = '-';
        grouped[n++] = code[i];
    }
    grouped[n] = '\0';
    CHECK_INT(pin_recovery_check(st, grouped), PIN_OK);
    CHECK_INT(failures(st), 0);
    CHECK_INT(pin_check(st, RIGHT, T0, NULL), PIN_OK);
    store_close(st);
}

/* Wrong PINs, each tried the moment it is allowed: the waits follow the policy, the lockout
 * survives a restart and refuses even the right PIN, and no 5-minute window holds more than 10
 * tries. (A clock that jumps to the allowed time is the fastest an attacker can go.) */
static void test_schedule(void)
{
    enum { TRIES = 25 };
    Store *st = fresh();
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = T0, at[TRIES];
    for (int i = 0; i < TRIES; i++) {
        long long allowed = pin_wait_until(st, now);
        CHECK(allowed >= 0);
        if (allowed > now) {
            /* One second early: refused without a check, right PIN or not. */
            long long until = 0;
            CHECK_INT(pin_check(st, RIGHT, allowed - 1, &until), PIN_LOCKED);
            CHECK_INT(until, allowed);
            CHECK_INT(pin_check(st, WRONG, allowed - 1, NULL), PIN_LOCKED);
            now = allowed;
        }
        CHECK_INT(pin_wait_until(st, now), 0);
        at[i] = now;
        long long until = -1;
        CHECK_INT(pin_check(st, WRONG, now, &until), PIN_WRONG);
        int n = i + 1; /* failures in a row */
        long long want = policy_wait(n);
        if ((want ? until - now : until) != want) {
            fprintf(stderr, "after failure %d: wait until %lld (now %lld), want %lld s\n", n,
                    until, now, want);
            test_current_failed = 1;
        }
        CHECK_INT(pin_wait_until(st, now), until);
        CHECK_INT(failures(st), n);
        if (n == PIN_LOCKOUT_AFTER) {
            /* Locked out: a restart changes nothing. */
            CHECK_INT(until - now, PIN_LOCKOUT_SECONDS);
            st = reopen(st);
            CHECK(st != NULL);
            if (!st)
                return;
            CHECK_INT(pin_wait_until(st, now), until);
            CHECK_INT(pin_check(st, RIGHT, now + 60, NULL), PIN_LOCKED);
            CHECK_INT(pin_check(st, RIGHT, until - 1, NULL), PIN_LOCKED);
            CHECK_INT(failures(st), n);
        }
    }
    /* The waits as pin.h words them. */
    CHECK_INT(at[1] - at[0], 0);
    CHECK_INT(at[2] - at[1], 0);
    CHECK_INT(at[3] - at[2], PIN_FIRST_DELAY);
    CHECK_INT(at[4] - at[3], 2 * PIN_FIRST_DELAY);
    CHECK_INT(at[5] - at[4], 4 * PIN_FIRST_DELAY);
    /* From the 10th try in a row the wait is the lockout (doubling would pass it there). */
    CHECK_INT(at[PIN_LOCKOUT_AFTER - 1] - at[PIN_LOCKOUT_AFTER - 2], PIN_LOCKOUT_SECONDS);
    CHECK_INT(at[PIN_LOCKOUT_AFTER] - at[PIN_LOCKOUT_AFTER - 1], PIN_LOCKOUT_SECONDS);
    CHECK_INT(at[TRIES - 1] - at[TRIES - 2], PIN_LOCKOUT_SECONDS);

    /* At most 10 tries in any 5 minutes. */
    int most = 0;
    for (int i = 0; i < TRIES; i++) {
        int in = 0;
        for (int j = i; j < TRIES && at[j] < at[i] + 300; j++)
            in++;
        if (in > most)
            most = in;
    }
    CHECK(most <= 10);
    CHECK_INT(most, PIN_FREE_TRIES + 3); /* 0, 0, 0, 30, 90, 210 */
    /* Over a day at that pace: about 48 tries, not thousands. */
    CHECK((at[TRIES - 1] - at[0]) > (TRIES - PIN_LOCKOUT_AFTER - 1) * PIN_LOCKOUT_SECONDS);

    /* The right PIN, once allowed, opens and clears everything. */
    now = pin_wait_until(st, now);
    CHECK_INT(pin_check(st, RIGHT, now, NULL), PIN_OK);
    CHECK_INT(failures(st), 0);
    CHECK_INT(pin_wait_until(st, now), 0);
    store_close(st);
}

/* Waits, the right PIN during and after them, a restart in the middle, and a success
 * starting the count again. */
static void test_wait_restart_reset(void)
{
    Store *st = fresh();
    CHECK(st != NULL);
    if (!st)
        return;
    long long now = T0, until = 0;
    CHECK_INT(pin_check(st, WRONG, now, &until), PIN_WRONG);
    CHECK_INT(pin_check(st, WRONG, now + 1, &until), PIN_WRONG);
    CHECK_INT(until, 0);
    CHECK_INT(pin_check(st, WRONG, now + 2, &until), PIN_WRONG);
    CHECK_INT(until, now + 2 + PIN_FIRST_DELAY);
    now += 2;
    CHECK_INT(pin_check(st, RIGHT, now + 10, &until), PIN_LOCKED);
    CHECK_INT(until, now + PIN_FIRST_DELAY);
    CHECK_INT(failures(st), 3); /* a refused try is not a failure */

    /* A restart in the middle of the wait. */
    st = reopen(st);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(pin_wait_until(st, now + 29), now + PIN_FIRST_DELAY);
    CHECK_INT(pin_check(st, RIGHT, now + 29, NULL), PIN_LOCKED);
    CHECK_INT(pin_wait_until(st, now + PIN_FIRST_DELAY), 0);
    CHECK_INT(pin_check(st, RIGHT, now + PIN_FIRST_DELAY, &until), PIN_OK);
    CHECK_INT(until, 0);
    CHECK_INT(failures(st), 0);

    /* After a success, failures count from zero again: two are free, the third waits 30 s. */
    now += PIN_FIRST_DELAY;
    CHECK_INT(pin_check(st, WRONG, now, &until), PIN_WRONG);
    CHECK_INT(pin_check(st, WRONG, now, &until), PIN_WRONG);
    CHECK_INT(until, 0);
    CHECK_INT(pin_check(st, RIGHT, now, &until), PIN_OK);
    CHECK_INT(failures(st), 0);
    CHECK_INT(pin_check(st, WRONG, now, &until), PIN_WRONG);
    CHECK_INT(pin_check(st, WRONG, now, &until), PIN_WRONG);
    CHECK_INT(pin_check(st, WRONG, now, &until), PIN_WRONG);
    CHECK_INT(until, now + PIN_FIRST_DELAY);
    CHECK_INT(failures(st), 3);

    /* A clock set back does not shorten a wait. */
    CHECK_INT(pin_check(st, RIGHT, now - 3600, NULL), PIN_LOCKED);
    store_close(st);
}

/* Removes the test folder and the files in it. */
static void remove_dir(void)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    snprintf(dir, sizeof dir, "/tmp/chorus-pin.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_valid_and_set);
    RUN(test_obvious);
    RUN(test_tries_and_recovery);
    RUN(test_schedule);
    RUN(test_wait_restart_reset);
    remove_dir();
    return TEST_SUMMARY("pin");
}
