/* pin.h: the worker PIN, hashed with Argon2id, with a lockout that survives a restart.
 *
 * Policy: 3 wrong PINs in a row are free; from the 4th the kiosk waits 30 s, doubling with each
 * further failure; from the 10th in a row it locks for PIN_LOCKOUT_SECONDS. A failure is
 * counted before the PIN is checked, so killing the kiosk mid-check does not earn a free try.
 * All state is in the store; `now` is wall-clock seconds (a fake clock in scripted runs). */
#ifndef CHORUS_PIN_H
#define CHORUS_PIN_H

#include "store.h"

#define PIN_FREE_TRIES 3
#define PIN_FIRST_DELAY 30
#define PIN_LOCKOUT_AFTER 10
#define PIN_LOCKOUT_SECONDS (30 * 60)

typedef enum { PIN_OK, PIN_WRONG, PIN_LOCKED, PIN_ERROR } PinResult;

/* 1 if a PIN has been set, 0 if not, -1 on a store error. */
int pin_is_set(Store *st);

/* 1 if pin is PIN_MIN_DIGITS..PIN_MAX_DIGITS digits, else 0. */
int pin_valid(const char *pin);

/* 1 if pin is one anybody would try first: one digit repeated (111111), digits going up or down
 * by one (123456, 987654, 890123), or a short block repeated (121212, 123123). */
int pin_obvious(const char *pin);

/* Hashes and stores a new PIN (clearing failures). Refuses a PIN that is not valid or is
 * obvious. Returns 0, or -1 with err (ERR_LEN) saying why. */
int pin_set(Store *st, const char *pin, char *err) __attribute__((warn_unused_result));

/* Checks pin at time now. PIN_LOCKED (without checking) while a wait is running; *wait_until
 * (may be NULL) is set to when the next try is allowed, 0 if now. */
PinResult pin_check(Store *st, const char *pin, long long now, long long *wait_until);

/* When the next try is allowed (0: now), or -1 on a store error. */
long long pin_wait_until(Store *st, long long now);

/* How many more wrong PINs in a row are allowed before the next wait (*lockout 0) or before the
 * long lockout (*lockout 1). -1 on a store error. */
int pin_tries_left(Store *st, int *lockout);

/* ---- the recovery code: clears a lockout that a child (or anyone) caused ----
 * RECOVERY_DIGITS random digits (about 66 bits), made when the PIN is first set, shown once to
 * the worker who provisions the kiosk, stored only as an Argon2id hash. Unguessable, so it is
 * not rate-limited; each check costs an Argon2id verification. */
#define RECOVERY_DIGITS 20

/* Makes a new recovery code into code (RECOVERY_DIGITS + 1 bytes) and stores its hash. Returns 0
 * or -1 with err. */
int pin_recovery_new(Store *st, char *code, char *err) __attribute__((warn_unused_result));

/* 1 if a recovery code is stored, 0 if not, -1 on error. */
int pin_recovery_is_set(Store *st);

/* Checks a recovery code (digits only; spaces and dashes are ignored). PIN_OK clears the
 * failures and the wait; PIN_WRONG changes nothing; PIN_ERROR on a store error or no code. */
PinResult pin_recovery_check(Store *st, const char *code);

#endif
