/* fuzz_response: the response decoder the council runs on every record it opens
 * (response_decode, common/response.c), fed the plaintext directly: the seal in front of it
 * is libsodium's, and what comes out of it is only as trusted as the kiosk that sealed it.
 *
 * Properties: a refusal gives a reason; a response that decodes is within the limits, and
 * encodes back to exactly the input bytes (the encoding is canonical: the decoder accepts only
 * what the encoder writes). */
#include "arena.h"
#include "chorus_limits.h"
#include "fuzz.h"
#include "response.h"

const char fuzz_name[] = "response";

static void check_response(const Response *r)
{
    FUZZ_ASSERT(r->nanswers >= 0 && r->nanswers <= SURVEY_QUESTIONS_MAX);
    FUZZ_ASSERT(!(r->flags & ~RESPONSE_FLAGS_KNOWN));
    FUZZ_ASSERT(strlen(r->session) <= SESSION_NAME_MAX);
    for (int i = 0; i < r->nanswers; i++) {
        const Answer *a = &r->answers[i];
        FUZZ_ASSERT(strlen(a->question) <= SURVEY_NAME_MAX);
        if (a->kind == ANSWER_CHOICES)
            FUZZ_ASSERT(a->nchoices >= 1 && a->nchoices <= SURVEY_CHOICES_MAX);
        if (a->kind == ANSWER_TEXT)
            FUZZ_ASSERT(strlen(a->text) <= ANSWER_TEXT_MAX);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t again[RESPONSE_ENCODED_MAX];
    Arena *a = arena_new();
    FUZZ_ASSERT(a);
    Response r;
    char err[ERR_LEN] = "";
    if (response_decode(data, size, a, &r, err) != 0) {
        FUZZ_ASSERT_MESSAGE(err, sizeof err);
        arena_free(a);
        return 0;
    }
    check_response(&r);
    size_t len = 0;
    if (response_encode(&r, again, sizeof again, &len, err) != 0) {
        fprintf(stderr, "decoded, but does not encode again: %s\n", err);
        FUZZ_ASSERT(0);
    }
    FUZZ_ASSERT(len == size && memcmp(again, data, size) == 0);
    arena_free(a);
    return 0;
}
