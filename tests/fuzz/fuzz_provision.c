/* fuzz_provision: provisioning files, what a kiosk with no council keys is set up from
 * (common/signed.c), read from a USB stick by the kiosk's Set up screen and `chorus-kiosk
 * provision`.
 *
 * As fuzz_pack: provision_parse_unverified walks the body (and the pack inside, unverified);
 * provision_read on the same bytes must not crash and accept only what the walk accepts; on a
 * copy whose pack and whole are re-signed with the fuzzing key it must accept exactly that,
 * with the same name and pack. An accepted file has a council name that is plain text of 1 to
 * PROVISION_NAME_MAX bytes (the worker reads it on screen), a pack inside the input, and a
 * pack signed by the key of the file. */
#include "arena.h"
#include "chorus_limits.h"
#include "fuzz.h"
#include "signed.h"

const char fuzz_name[] = "provision";

static void check_provision(const Provision *s, const Pack *p, const uint8_t *data, size_t size)
{
    size_t n = strlen(s->name);
    FUZZ_ASSERT(n >= 1 && n <= PROVISION_NAME_MAX);
    for (size_t i = 0; i < n; i++)
        FUZZ_ASSERT((unsigned char)s->name[i] >= 0x20 && s->name[i] != 0x7f);
    FUZZ_ASSERT(fuzz_inside(s->pack, s->pack_len, data, size));
    FUZZ_ASSERT(memcmp(p->council_pk, s->council_pk, sizeof p->council_pk) == 0);
    FUZZ_ASSERT(p->nfiles >= 0 && p->nfiles <= PACK_FILES_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_sodium();
    Arena *a = arena_new();
    FUZZ_ASSERT(a);
    Provision parsed, verified;
    Pack pack, vpack;
    char err[ERR_LEN] = "";
    int walked = provision_parse_unverified(data, size, a, &parsed, &pack, err) == 0;
    if (walked)
        check_provision(&parsed, &pack, data, size);
    else
        FUZZ_ASSERT_MESSAGE(err, sizeof err);

    err[0] = '\0';
    int real = provision_read(data, size, a, &verified, &vpack, err) == 0;
    FUZZ_ASSERT(real ? walked : err[0] != '\0');

    if (walked) {
        /* the pack inside first, then the whole, both with the fuzzing key */
        size_t at = (size_t)(parsed.pack - data);
        uint8_t *inner = fuzz_resign(parsed.pack, parsed.pack_len);
        FUZZ_ASSERT(inner);
        uint8_t *mixed = malloc(size);
        FUZZ_ASSERT(mixed);
        memcpy(mixed, data, size);
        memcpy(mixed + at, inner, parsed.pack_len);
        uint8_t *copy = fuzz_resign(mixed, size);
        FUZZ_ASSERT(copy);
        FUZZ_ASSERT(provision_read(copy, size, a, &verified, &vpack, err) == 0);
        FUZZ_ASSERT(strcmp(verified.name, parsed.name) == 0);
        FUZZ_ASSERT(verified.pack - copy == parsed.pack - data);
        FUZZ_ASSERT(verified.pack_len == parsed.pack_len);
        FUZZ_ASSERT(vpack.nfiles == pack.nfiles && vpack.sequence == pack.sequence);
        free(copy);
        free(mixed);
        free(inner);
    }
    arena_free(a);
    return 0;
}
