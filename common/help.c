/* help.c: the help record's encoding and sealing. See help.h and FORMATS.md.
 *
 * Layout, integers little-endian:
 *   "CHRH" u8 version | id[16] | request[16] | str form_id | u16 year u8 month u8 day
 *   | u8 flags | u16 contact length + UTF-8 bytes | zero padding to a multiple of 64
 * where str is u8 length + UTF-8 bytes. */
#include "help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "chorus_limits.h"
#include "response.h"

#define HELP_PAD 64

int help_is_record(const uint8_t *plain, size_t len)
{
    return len >= 4 && memcmp(plain, HELP_MAGIC, 4) == 0;
}

int help_encode(const HelpRecord *h, uint8_t *out, size_t *len, char *err)
{
    ByteWriter w = {out, HELP_ENCODED_MAX, 0, 0};
    const char *form = h->form_id ? h->form_id : "";
    const char *contact = h->contact ? h->contact : "";
    size_t fn = strlen(form), cn = strlen(contact);
    if (!response_date_valid(h->year, h->month, h->day)) {
        snprintf(err, ERR_LEN, "impossible date %04d-%02d-%02d", h->year, h->month, h->day);
        return -1;
    }
    if (h->flags & ~HELP_FLAGS_KNOWN) {
        snprintf(err, ERR_LEN, "unknown help flags 0x%x", (unsigned)h->flags);
        return -1;
    }
    if (fn > SURVEY_NAME_MAX || !utf8_valid(form, fn)) {
        snprintf(err, ERR_LEN, "form id is longer than %d bytes or not UTF-8", SURVEY_NAME_MAX);
        return -1;
    }
    if (cn > HELP_CONTACT_MAX || !utf8_valid(contact, cn)) {
        snprintf(err, ERR_LEN, "contact is longer than %d bytes or not UTF-8", HELP_CONTACT_MAX);
        return -1;
    }
    bw_bytes(&w, HELP_MAGIC, 4);
    bw_u8(&w, HELP_VERSION);
    bw_bytes(&w, h->id, HELP_ID_LEN);
    bw_bytes(&w, h->request, HELP_ID_LEN);
    bw_u8(&w, (uint8_t)fn);
    bw_bytes(&w, form, fn);
    bw_u16(&w, (uint16_t)h->year);
    bw_u8(&w, (uint8_t)h->month);
    bw_u8(&w, (uint8_t)h->day);
    bw_u8(&w, (uint8_t)h->flags);
    bw_u16(&w, (uint16_t)cn);
    bw_bytes(&w, contact, cn);
    while (!w.over && w.len % HELP_PAD)
        bw_u8(&w, 0);
    if (w.over) {
        snprintf(err, ERR_LEN, "help record is longer than %d bytes", HELP_ENCODED_MAX);
        return -1;
    }
    *len = w.len;
    return 0;
}

/* A u8- or u16-length string at the reader into the arena, or NULL with err. */
static const char *take_str(ByteReader *r, size_t n, size_t max, Arena *a, const char *what,
                            char *err)
{
    const uint8_t *p = r->short_ ? NULL : br_take(r, n);
    if (!p || n > max || !utf8_valid((const char *)p, n)) {
        snprintf(err, ERR_LEN, "byte %zu: %s is cut short, too long or not UTF-8", r->pos, what);
        return NULL;
    }
    char *s = arena_alloc(a, n + 1);
    if (!s) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

int help_decode(const uint8_t *buf, size_t len, Arena *a, HelpRecord *h, char *err)
{
    ByteReader r = {buf, len, 0, 0};
    memset(h, 0, sizeof *h);
    const uint8_t *magic = br_take(&r, 4);
    if (!magic || memcmp(magic, HELP_MAGIC, 4) != 0) {
        snprintf(err, ERR_LEN, "byte 0: not a help record");
        return -1;
    }
    if (br_u8(&r) != HELP_VERSION) {
        snprintf(err, ERR_LEN, "byte 4: help record version is not %d", HELP_VERSION);
        return -1;
    }
    const uint8_t *id = br_take(&r, HELP_ID_LEN), *req = br_take(&r, HELP_ID_LEN);
    if (!id || !req) {
        snprintf(err, ERR_LEN, "byte %zu: cut short", r.pos);
        return -1;
    }
    memcpy(h->id, id, HELP_ID_LEN);
    memcpy(h->request, req, HELP_ID_LEN);
    size_t fn = br_u8(&r);
    if (!(h->form_id = take_str(&r, fn, SURVEY_NAME_MAX, a, "form id", err)))
        return -1;
    h->year = br_u16(&r);
    h->month = br_u8(&r);
    h->day = br_u8(&r);
    h->flags = br_u8(&r);
    size_t cn = br_u16(&r);
    if (r.short_ || !response_date_valid(h->year, h->month, h->day)) {
        snprintf(err, ERR_LEN, "byte %zu: cut short or an impossible date", r.pos);
        return -1;
    }
    if (h->flags & ~HELP_FLAGS_KNOWN) {
        snprintf(err, ERR_LEN, "byte %zu: unknown help flags 0x%x", r.pos - 3,
                 (unsigned)h->flags);
        return -1;
    }
    if (!(h->contact = take_str(&r, cn, HELP_CONTACT_MAX, a, "contact", err)))
        return -1;
    size_t rest = len - r.pos;
    if (rest >= HELP_PAD || len % HELP_PAD) {
        snprintf(err, ERR_LEN, "byte %zu: padding is not to the next multiple of %d", r.pos,
                 HELP_PAD);
        return -1;
    }
    for (size_t i = r.pos; i < len; i++)
        if (buf[i]) {
            snprintf(err, ERR_LEN, "byte %zu: padding is not zero", i);
            return -1;
        }
    return 0;
}

int help_seal(const HelpRecord *h, const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
              uint8_t **sealed, size_t *len, char *err)
{
    uint8_t *plain = sodium_malloc(HELP_ENCODED_MAX);
    uint8_t *out = NULL;
    size_t n = 0;
    int rc = -1;
    if (!plain) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    if (help_encode(h, plain, &n, err) != 0)
        goto done;
    out = malloc(n + crypto_box_SEALBYTES);
    if (!out) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    if (crypto_box_seal(out, plain, n, council_pk) != 0) {
        snprintf(err, ERR_LEN, "sealing failed (bad council key?)");
        free(out);
        goto done;
    }
    *sealed = out;
    *len = n + crypto_box_SEALBYTES;
    rc = 0;
done:
    sodium_free(plain); /* zeroes it first */
    return rc;
}
