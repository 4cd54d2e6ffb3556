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

int pin_set(Store *st, const char *pin, char *err)
{
    if (!pin_valid(pin)) {
        snprintf(err, ERR_LEN, "a PIN is %d to %d digits", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
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
