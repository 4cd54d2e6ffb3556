/* fuzz_bundle: bundles, the files a worker carries from a kiosk to the council
 * (common/signed.c), read by `chorus-sync import`.
 *
 * Three reads of each input. bundle_parse_unverified walks the body whatever the signature
 * says, which is where a fuzzer's bytes would otherwise never get; bundle_read, the real
 * reader, on the same bytes must refuse or accept without a crash, and accept only what the
 * walk accepts; and bundle_read on a copy re-signed with a fuzzing key (fuzz_resign) must accept
 * exactly what the walk accepted, with the same records. */
#include "arena.h"
#include "chorus_limits.h"
#include "fuzz.h"
#include "seal.h"
#include "signed.h"

const char fuzz_name[] = "bundle";

static void check_bundle(const Bundle *b, const uint8_t *data, size_t size)
{
    FUZZ_ASSERT(b->count <= BUNDLE_RECORDS_MAX);
    for (uint32_t i = 0; i < b->count; i++) {
        const BundleRecord *r = &b->records[i];
        FUZZ_ASSERT(r->len >= SEAL_OVERHEAD && r->len <= RESPONSE_ENCODED_MAX + SEAL_OVERHEAD);
        FUZZ_ASSERT(fuzz_inside(r->sealed, r->len, data, size));
        for (uint32_t k = 0; k < i && k < 64; k++) /* the reader refuses a repeated id */
            FUZZ_ASSERT(memcmp(b->records[k].id, r->id, RESPONSE_ID_LEN) != 0);
    }
}

/* Whether x (read from data) and y (read from copy) hold the same records. */
static int same_records(const Bundle *x, const uint8_t *data, const Bundle *y, const uint8_t *copy)
{
    if (x->count != y->count)
        return 0;
    for (uint32_t i = 0; i < x->count; i++) {
        const BundleRecord *a = &x->records[i], *b = &y->records[i];
        if (memcmp(a->id, b->id, RESPONSE_ID_LEN) != 0 || a->len != b->len ||
            a->sealed - data != b->sealed - copy)
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_sodium();
    Arena *a = arena_new();
    FUZZ_ASSERT(a);
    Bundle parsed, verified;
    char err[ERR_LEN] = "";
    int walked = bundle_parse_unverified(data, size, a, &parsed, err) == 0;
    if (walked)
        check_bundle(&parsed, data, size);
    else
        FUZZ_ASSERT_MESSAGE(err, sizeof err);

    err[0] = '\0';
    int real = bundle_read(data, size, a, &verified, err) == 0;
    FUZZ_ASSERT(real ? walked : err[0] != '\0');

    if (walked) {
        uint8_t *copy = fuzz_resign(data, size);
        FUZZ_ASSERT(copy);
        FUZZ_ASSERT(bundle_read(copy, size, a, &verified, err) == 0);
        FUZZ_ASSERT(same_records(&parsed, data, &verified, copy));
        free(copy);
    }
    arena_free(a);
    return 0;
}
