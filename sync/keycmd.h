/* keycmd.h: the commands that look after the council's secret keys once keygen made them:
 * key-split (recovery shares), key-join (the keys again from enough shares) and key-rotate (a
 * new sealing key), and what keygen and key-join share: how new keys are locked. */
#ifndef CHORUS_KEYCMD_H
#define CHORUS_KEYCMD_H

#include "defaults.h"
#include "keyfile.h"
#include "options.h"
#include "passphrase.h"

/* The option tables (and --help) of chorus-sync key-split, key-join and key-rotate. */
extern const OptionTable key_split_options, key_join_options, key_rotate_options;

/* The options of a command that writes new secret keys: --plain, --kdf-cost and the passphrase's
 * (fields of T: an int, a const char * and a PassphraseSource). */
#define OPT_NEW_LOCK(T, plain, cost, pass)                                                        \
    OPT_FLAG("--plain", T, plain,                                                                 \
             "leave the secret keys unencrypted: development keys only (every\n"                  \
             "command that reads them says so)"),                                                 \
        OPT_TEXT("--kdf-cost", "COST", T, cost, DEFAULT_KDF_COST,                                 \
                 "how hard the passphrase is to guess (Argon2id, kept in each key\n"              \
                 "file): interactive (64 MiB), moderate (256 MiB) or sensitive (1 GiB)"),         \
        OPT_PASSPHRASE(T, pass)

/* The lock for the new keys of dir, from those options: NULL into *lock with plain, else the
 * passphrase (asked twice on a terminal). Returns -1 to go on, or the exit status to end the
 * command with, having said why on stderr through t: 2 for options that don't go together or
 * a cost that is not one, 1 when no passphrase could be had. */
int keycmd_new_lock(const OptionTable *t, int plain, const char *cost, const PassphraseSource *src,
                    const char *dir, KeyPassphrase **lock) __attribute__((warn_unused_result));

#endif
