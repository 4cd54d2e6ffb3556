/* test.h: the smallest test harness that reads well in CI.
 *
 * Each test file defines test functions and calls them through RUN(); CHECK records a failure
 * with file and line and carries on. main() ends with TEST_SUMMARY(), which prints
 * "name: N passed, N failed" and returns non-zero if anything failed. */
#ifndef CHORUS_TEST_H
#define CHORUS_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_current_failed;

#define CHECK(cond)                                                                         \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);        \
            test_current_failed = 1;                                                        \
        }                                                                                   \
    } while (0)

#define CHECK_STR(got, want)                                                                \
    do {                                                                                    \
        const char *got_ = (got), *want_ = (want);                                          \
        if (!got_ || strcmp(got_, want_) != 0) {                                            \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,         \
                    got_ ? got_ : "(null)", want_);                                         \
            test_current_failed = 1;                                                        \
        }                                                                                   \
    } while (0)

#define CHECK_INT(got, want)                                                                \
    do {                                                                                    \
        long long got_ = (long long)(got), want_ = (long long)(want);                       \
        if (got_ != want_) {                                                                \
            fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got,     \
                    got_, want_);                                                           \
            test_current_failed = 1;                                                        \
        }                                                                                   \
    } while (0)

#define RUN(fn)                                                                             \
    do {                                                                                    \
        test_current_failed = 0;                                                            \
        fn();                                                                               \
        if (test_current_failed) {                                                          \
            test_failed++;                                                                  \
            fprintf(stderr, "FAIL %s\n", #fn);                                              \
        } else {                                                                            \
            test_passed++;                                                                  \
        }                                                                                   \
    } while (0)

#define TEST_SUMMARY(name)                                                                  \
    (printf("%s: %d passed, %d failed\n", (name), test_passed, test_failed), test_failed != 0)

#endif
