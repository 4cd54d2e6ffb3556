/* passphrase.h: where the passphrase of the council's secret keys comes from.
 *
 * The first of these there is:
 *   --passphrase-file FILE   its first line (without the newline); refused when group or others
 *                            may read or write it, as a secret key is
 *   --passphrase-fd N        read from the open file descriptor N up to a newline or its end
 *   $CREDENTIALS_DIRECTORY/chorus-passphrase
 *                            a systemd credential (LoadCredential=chorus-passphrase:...), for a
 *                            service: its first line
 *   the terminal             /dev/tty, without echo (asked twice for a new passphrase)
 *
 * Every command that reads or writes the council's secret keys takes the two options through
 * OPT_PASSPHRASE, and keyring.h asks for the passphrase only when a locked key is met, so plain
 * development keys never ask. The passphrase goes straight into sodium_malloc memory. */
#ifndef CHORUS_PASSPHRASE_H
#define CHORUS_PASSPHRASE_H

#include "keyfile.h"
#include "options.h"

/* The systemd credential a service's passphrase comes in. */
#define PASSPHRASE_CREDENTIAL "chorus-passphrase"

/* The two options of a command, in its own struct (field is a PassphraseSource). */
typedef struct {
    const char *file; /* --passphrase-file, or NULL */
    const char *fd;   /* --passphrase-fd (digits), or NULL */
} PassphraseSource;

#define OPT_PASSPHRASE(T, field)                                                                  \
    OPT_TEXT("--passphrase-file", "FILE", T, field.file, NULL,                                    \
             "the passphrase of the council's secret keys: FILE's first line (mode 0600)"),       \
        OPT_TEXT("--passphrase-fd", "N", T, field.fd, NULL,                                       \
                 "the passphrase, read from file descriptor N up to a newline\n"                  \
                 "(default: the systemd credential " PASSPHRASE_CREDENTIAL ", else the terminal)")

/* Reads the passphrase from the first source src, the environment or the terminal has. dir
 * names the keys folder in the terminal's prompt. With confirm (a passphrase for new keys) the
 * terminal asks twice and both must match. cost is the Argon2id cost new files are locked with.
 * Returns the passphrase (keyfile_passphrase_free), or NULL with err (ERR_LEN): both options
 * given, a file that can't be read or is too open, a descriptor that is not one, an empty or too
 * long passphrase, two that differ, or no source at all (no terminal). */
KeyPassphrase *passphrase_read(const PassphraseSource *src, const char *dir, int confirm,
                               KeyfileCost cost, char *err) __attribute__((warn_unused_result));

#endif
