/* pin.c: PIN hashing and lockout. See pin.h for the policy. */
#include "pin.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"

int pin_is_set(Store *st)
{
    char buf[crypto_pwhash_STRBYTES];
    return store_get(st, "pin_hash", buf, sizeof buf);
}

int pin_valid(const char *pin)
{
    size_t n = strlen(pin);
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return 0;
    return 1;
}

int pin_obvious(const char *pin)
{
    int n = (int)strlen(pin);
    if (n < 2)
        return 1;
    int up = 1, down = 1;
    for (int i = 1; i < n; i++) {
        up &= pin[i] - '0' == (pin[i - 1] - '0' + 1) % 10;
        down &= pin[i] - '0' == (pin[i - 1] - '0' + 9) % 10;
    }
    if (up || down)
        return 1;
    /* A block of 1 to n/2 digits repeated to the end (111111 is a block of one). */
    for (int block = 1; block <= n / 2; block++) {
        int same = 1;
        for (int i = block; i < n && same; i++)
            same = pin[i] == pin[i - block];
        if (same)
            return 1;
    }
    return 0;
}

int pin_set(Store *st, const char *pin, char *err)
{
    if (!pin_valid(pin)) {
        snprintf(err, ERR_LEN, "a PIN is %d to %d digits", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
        return -1;
    }
    if (pin_obvious(pin)) {
        snprintf(err, ERR_LEN,
                 "that PIN is too easy to guess (like 111111, 123456 or 121212); choose another");
        return -1;
    }
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        snprintf(err, ERR_LEN, "out of memory while hashing the PIN");
        return -1;
    }
    if (store_set(st, "pin_hash", hash) != 0 || store_set(st, "pin_failures", "0") != 0 ||
        store_set(st, "pin_wait_until", "0") != 0) {
        snprintf(err, ERR_LEN, "cannot save the PIN: %s", store_errmsg(st));
        return -1;
    }
    return 0;
}

static long long get_num(Store *st, const char *key)
{
    char buf[32];
    int rc = store_get(st, key, buf, sizeof buf);
    if (rc < 0)
        return -1;
    return rc == 0 ? 0 : strtoll(buf, NULL, 10);
}

static int set_num(Store *st, const char *key, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return store_set(st, key, buf);
}

/* The wait that follows the n-th failure in a row. */
static long long delay_after(long long n)
{
    if (n >= PIN_LOCKOUT_AFTER)
        return PIN_LOCKOUT_SECONDS;
    if (n < PIN_FREE_TRIES)
        return 0;
    long long d = PIN_FIRST_DELAY;
    for (long long i = PIN_FREE_TRIES; i < n; i++)
        d *= 2;
    return d < PIN_LOCKOUT_SECONDS ? d : PIN_LOCKOUT_SECONDS;
}

long long pin_wait_until(Store *st, long long now)
{
    long long until = get_num(st, "pin_wait_until");
    if (until < 0)
        return -1;
    return until > now ? until : 0;
}

PinResult pin_check(Store *st, const char *pin, long long now, long long *wait_until)
{
    if (wait_until)
        *wait_until = 0;
    long long until = pin_wait_until(st, now);
    if (until < 0)
        return PIN_ERROR;
    if (until > 0) {
        if (wait_until)
            *wait_until = until;
        return PIN_LOCKED;
    }
    char hash[crypto_pwhash_STRBYTES];
    if (store_get(st, "pin_hash", hash, sizeof hash) != 1)
        return PIN_ERROR;
    long long failures = get_num(st, "pin_failures");
    if (failures < 0)
        return PIN_ERROR;
    /* Count the try as a failure first: a kill during the check must not give a free try. */
    long long after = now + delay_after(failures + 1);
    if (set_num(st, "pin_failures", failures + 1) != 0 ||
        set_num(st, "pin_wait_until", after > now ? after : 0) != 0)
        return PIN_ERROR;
    if (crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0) {
        if (set_num(st, "pin_failures", 0) != 0 || set_num(st, "pin_wait_until", 0) != 0)
            return PIN_ERROR;
        return PIN_OK;
    }
    if (wait_until)
        *wait_until = after > now ? after : 0;
    return PIN_WRONG;
}

int pin_tries_left(Store *st, int *lockout)
{
    long long failures = get_num(st, "pin_failures");
    *lockout = 0;
    if (failures < 0)
        return -1;
    if (failures < PIN_FREE_TRIES)
        return (int)(PIN_FREE_TRIES - failures);
    *lockout = 1;
    return failures < PIN_LOCKOUT_AFTER ? (int)(PIN_LOCKOUT_AFTER - failures) : 0;
}

int pin_recovery_new(Store *st, char *code, char *err)
{
    for (int i = 0; i < RECOVERY_DIGITS; i++)
        code[i] = (char)('0' + randombytes_uniform(10));
    code[RECOVERY_DIGITS] = '\0';
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, code, RECOVERY_DIGITS, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        sodium_memzero(code, RECOVERY_DIGITS + 1);
        snprintf(err, ERR_LEN, "out of memory while hashing the recovery code");
        return -1;
    }
    if (store_set(st, "recovery_hash", hash) != 0) {
        sodium_memzero(code, RECOVERY_DIGITS + 1);
        snprintf(err, ERR_LEN, "cannot save the recovery code: %s", store_errmsg(st));
        return -1;
    }
    return 0;
}

int pin_recovery_is_set(Store *st)
{
    char buf[crypto_pwhash_STRBYTES];
    return store_get(st, "recovery_hash", buf, sizeof buf);
}

PinResult pin_recovery_check(Store *st, const char *code)
{
    char digits[RECOVERY_DIGITS + 1];
    size_t n = 0;
    for (const char *p = code; *p; p++) {
        if (*p == ' ' || *p == '-')
            continue;
        if (*p < '0' || *p > '9' || n == RECOVERY_DIGITS) {
            sodium_memzero(digits, sizeof digits);
            return PIN_WRONG;
        }
        digits[n++] = *p;
    }
    digits[n] = '\0';
    char hash[crypto_pwhash_STRBYTES];
    PinResult r = PIN_WRONG;
    if (store_get(st, "recovery_hash", hash, sizeof hash) != 1)
        r = PIN_ERROR;
    else if (n == RECOVERY_DIGITS && crypto_pwhash_str_verify(hash, digits, n) == 0)
        r = set_num(st, "pin_failures", 0) == 0 && set_num(st, "pin_wait_until", 0) == 0
                ? PIN_OK
                : PIN_ERROR;
    sodium_memzero(digits, sizeof digits);
    return r;
}
