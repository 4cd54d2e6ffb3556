/* fuzz.h: what every fuzz target (tests/fuzz/fuzz_NAME.c) defines, and what they share.
 *
 * A target is one libFuzzer entry point over one parser of outside bytes. `make fuzz` links it
 * with libFuzzer (clang -fsanitize=fuzzer,address,undefined); `make build` links it with
 * tests/fuzz/replay.c into BUILD/tests/test_fuzz_NAME, which runs it over the committed corpus
 * and every past crasher, so `make test` replays them plain and under ASan+UBSan. */
#ifndef CHORUS_FUZZ_H
#define CHORUS_FUZZ_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Called once per input. Returns 0; a broken property aborts (FUZZ_ASSERT). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The target's name: its seeds are tests/fuzz/corpus/NAME/, its past crashers
 * tests/fuzz/crashers/NAME/. */
extern const char fuzz_name[];

/* A property that must hold whatever the input. Aborting, rather than returning an error,
 * is what makes libFuzzer keep the input as a crasher and the replay fail. */
#define FUZZ_ASSERT(cond)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: fuzz property broken: %s\n", __FILE__, __LINE__, #cond);       \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* An error message a refusal left: set, and ending inside its ERR_LEN buffer. */
#define FUZZ_ASSERT_MESSAGE(err, cap) FUZZ_ASSERT((err)[0] != '\0' && memchr((err), '\0', (cap)))

/* libsodium, once: the targets hash, sign and verify. */
static inline void fuzz_sodium(void)
{
    static int ready;
    if (!ready) {
        FUZZ_ASSERT(sodium_init() >= 0);
        ready = 1;
    }
}

/* 1 if p points into (data, size): parsed records must point into the caller's buffer. Compared
 * as integers, as pointers into different objects may not be compared in C. */
static inline int fuzz_inside(const void *p, size_t n, const uint8_t *data, size_t size)
{
    uintptr_t x = (uintptr_t)p, lo = (uintptr_t)data;
    return x >= lo && x - lo <= size && n <= size - (x - lo);
}

/* A copy of a signed file (bundle, receipt, pack: the signer's public key at byte 5, the
 * signature in the last 64 bytes) with a fixed fuzzing key put in and a real signature made
 * with it, so the verifying reader gets past its signature check and walks the same body the
 * unverified parser walked. NULL when size can't hold a key and a signature. Caller frees. */
static inline uint8_t *fuzz_resign(const uint8_t *data, size_t size)
{
    static uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    static int made;
    if (size < 5 + crypto_sign_PUBLICKEYBYTES + crypto_sign_BYTES)
        return NULL;
    fuzz_sodium();
    if (!made) {
        uint8_t seed[crypto_sign_SEEDBYTES] = "chorus fuzzing key, not secret";
        crypto_sign_seed_keypair(pk, sk, seed);
        made = 1;
    }
    uint8_t *copy = malloc(size);
    FUZZ_ASSERT(copy);
    memcpy(copy, data, size);
    memcpy(copy + 5, pk, sizeof pk);
    size_t body = size - crypto_sign_BYTES;
    crypto_sign_detached(copy + body, NULL, copy, body, sk);
    return copy;
}

#endif
