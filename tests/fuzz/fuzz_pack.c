/* fuzz_pack: packs, the signed surveys and "you said, we did" items a council sends to its
 * kiosks (common/signed.c), read by `chorus-kiosk import-pack`.
 *
 * As fuzz_bundle: pack_parse_unverified walks the body; pack_read on the same bytes must not
 * crash and accept only what the walk accepts; pack_read on a copy re-signed with a fuzzing key
 * must accept exactly that, with the same files. Every file accepted has a plain name (the
 * kiosk writes it under that name into its data folder), a known kind, and data inside the
 * pack. */
#include "arena.h"
#include "chorus_limits.h"
#include "fuzz.h"
#include "signed.h"

const char fuzz_name[] = "pack";

/* A name the kiosk can write into its pack folder: no '/', not "." or "..", no hidden file. */
static int plain_name(const char *name)
{
    return name[0] != '\0' && name[0] != '.' && !strchr(name, '/') &&
           strlen(name) <= SURVEY_NAME_MAX;
}

static void check_pack(const Pack *p, const uint8_t *data, size_t size)
{
    FUZZ_ASSERT(p->nfiles >= 0 && p->nfiles <= PACK_FILES_MAX);
    for (int i = 0; i < p->nfiles; i++) {
        const PackFile *f = &p->files[i];
        FUZZ_ASSERT(f->kind >= PACK_SURVEY && f->kind <= PACK_SETTINGS);
        FUZZ_ASSERT(plain_name(f->name));
        FUZZ_ASSERT(fuzz_inside(f->data, f->len, data, size));
        for (int k = 0; k < i; k++)
            FUZZ_ASSERT(strcmp(p->files[k].name, f->name) != 0);
    }
}

static int same_files(const Pack *x, const uint8_t *data, const Pack *y, const uint8_t *copy)
{
    if (x->nfiles != y->nfiles || x->sequence != y->sequence ||
        memcmp(x->box_pk, y->box_pk, sizeof x->box_pk) != 0)
        return 0;
    for (int i = 0; i < x->nfiles; i++) {
        const PackFile *a = &x->files[i], *b = &y->files[i];
        if (a->kind != b->kind || strcmp(a->name, b->name) != 0 || a->len != b->len ||
            a->data - data != b->data - copy)
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_sodium();
    Arena *a = arena_new();
    FUZZ_ASSERT(a);
    Pack parsed, verified;
    char err[ERR_LEN] = "";
    int walked = pack_parse_unverified(data, size, a, &parsed, err) == 0;
    if (walked)
        check_pack(&parsed, data, size);
    else
        FUZZ_ASSERT_MESSAGE(err, sizeof err);

    err[0] = '\0';
    int real = pack_read(data, size, a, &verified, err) == 0;
    FUZZ_ASSERT(real ? walked : err[0] != '\0');

    if (walked) {
        uint8_t *copy = fuzz_resign(data, size);
        FUZZ_ASSERT(copy);
        FUZZ_ASSERT(pack_read(copy, size, a, &verified, err) == 0);
        FUZZ_ASSERT(same_files(&parsed, data, &verified, copy));
        free(copy);
    }
    arena_free(a);
    return 0;
}
