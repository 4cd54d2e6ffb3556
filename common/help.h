/* help.h: a request for help, as its own sealed record (FORMATS.md, "Help record").
 *
 * Made on the kiosk the moment a young person chooses a safety-concern answer or asks for
 * someone to talk to them, sealed to the council's key like a response and committed at once,
 * so walking away, the idle wipe or a crash never loses it. It is kept apart from the
 * anonymous answers: it carries no response id, only its own random record id, the random id
 * of the request it belongs to (every record one young person's visit makes shares it), the
 * day, the form id, what was asked, and the contact words they chose to add. A bundle carries
 * help records beside responses; the distinct magic tells them apart once opened. */
#ifndef CHORUS_HELP_H
#define CHORUS_HELP_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define HELP_MAGIC "CHRH"
#define HELP_VERSION 1
#define HELP_ID_LEN 16
#define HELP_CONTACT_MAX 200 /* bytes of the optional first name or where to find them */
#define HELP_ENCODED_MAX 512 /* bytes of one encoded help record, padding included */

#define HELP_CONCERN 0x1u   /* a safety-concern answer was chosen */
#define HELP_TALK 0x2u      /* they asked for someone to talk to them */
#define HELP_WITHDRAWN 0x4u /* "I've changed my mind": the talk request is taken back */
#define HELP_SAY_SO 0x8u    /* they said yes to "Can a worker here see your name?" */
#define HELP_FLAGS_KNOWN (HELP_CONCERN | HELP_TALK | HELP_WITHDRAWN | HELP_SAY_SO)

typedef struct {
    uint8_t id[HELP_ID_LEN];      /* this record: random, the id it has in a bundle */
    uint8_t request[HELP_ID_LEN]; /* the request it belongs to: random per young person */
    const char *form_id;          /* the survey they were in */
    int year, month, day;         /* never a time of day */
    uint32_t flags;               /* HELP_*: the state of the request as of this record */
    const char *contact;          /* "" or the words they typed: a first name, where they are */
} HelpRecord;

/* 1 if (plain, len), an opened record, is a help record (starts with HELP_MAGIC). */
int help_is_record(const uint8_t *plain, size_t len);

/* Encodes h into out (HELP_ENCODED_MAX bytes), padded with zeros to a multiple of 64. Returns 0
 * and *len, or -1 with err (ERR_LEN): an impossible date, unknown flags, a form id or contact
 * too long or not UTF-8. */
int help_encode(const HelpRecord *h, uint8_t *out, size_t *len, char *err)
    __attribute__((warn_unused_result));

/* Decodes (buf, len) into h, its strings owned by arena a. Returns 0, or -1 with err: wrong
 * magic or version, a length past the end, a limit broken, invalid UTF-8, an unknown flag, an
 * impossible date, non-zero or over-long padding. */
int help_decode(const uint8_t *buf, size_t len, Arena *a, HelpRecord *h, char *err)
    __attribute__((warn_unused_result));

/* Encodes h in locked memory and seals it to the council's X25519 key; the plaintext is wiped
 * before return. Returns 0 with a malloc'd *sealed of *len bytes (caller frees), or -1 with
 * err. */
int help_seal(const HelpRecord *h, const uint8_t council_pk[crypto_box_PUBLICKEYBYTES],
              uint8_t **sealed, size_t *len, char *err) __attribute__((warn_unused_result));

#endif
