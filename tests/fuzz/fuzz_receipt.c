/* fuzz_receipt: receipts, the files that tell a kiosk what the council holds so it can delete
 * it (common/signed.c), read by `chorus-kiosk import-receipt`.
 *
 * As fuzz_bundle: receipt_parse_unverified walks the body; receipt_read on the same bytes must
 * not crash and accept only what the walk accepts; receipt_read on a copy re-signed with a
 * fuzzing key must accept exactly that, with the same ids for the same kiosk. */
#include "chorus_limits.h"
#include "fuzz.h"
#include "signed.h"

const char fuzz_name[] = "receipt";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_sodium();
    Receipt parsed, verified;
    char err[ERR_LEN] = "";
    int walked = receipt_parse_unverified(data, size, &parsed, err) == 0;
    if (walked) {
        FUZZ_ASSERT(parsed.count <= BUNDLE_RECORDS_MAX);
        FUZZ_ASSERT(fuzz_inside(parsed.ids, (size_t)parsed.count * RESPONSE_ID_LEN, data, size));
    } else {
        FUZZ_ASSERT_MESSAGE(err, sizeof err);
    }

    err[0] = '\0';
    int real = receipt_read(data, size, &verified, err) == 0;
    FUZZ_ASSERT(real ? walked : err[0] != '\0');

    if (walked) {
        uint8_t *copy = fuzz_resign(data, size);
        FUZZ_ASSERT(copy);
        FUZZ_ASSERT(receipt_read(copy, size, &verified, err) == 0);
        FUZZ_ASSERT(verified.count == parsed.count && verified.ids - copy == parsed.ids - data);
        FUZZ_ASSERT(memcmp(verified.kiosk_pk, parsed.kiosk_pk, SIGN_PK_LEN) == 0);
        free(copy);
    }
    return 0;
}
