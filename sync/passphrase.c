/* passphrase.c: the passphrase from a file, a descriptor, a systemd credential or the
 * terminal. See passphrase.h; start reading at passphrase_read(). */
#include "passphrase.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "fileio.h"

/* Room for a passphrase, its newline and one byte more (to tell "too long" from "just fits"). */
#define LINE_CAP (PASSPHRASE_MAX + 2)

/* The first line of (text, len): its length without "\n" or "\r\n". */
static size_t first_line(const char *text, size_t len)
{
    const char *nl = memchr(text, '\n', len);
    size_t n = nl ? (size_t)(nl - text) : len;
    if (n > 0 && text[n - 1] == '\r')
        n--;
    return n;
}

/* The passphrase on the first line of the file at path; mode_checked: refused when group or
 * others may read or write it. */
static KeyPassphrase *from_file(const char *path, int mode_checked, KeyfileCost cost, char *err)
{
    struct stat st;
    if (mode_checked && stat(path, &st) == 0 && (st.st_mode & 077)) {
        snprintf(err, ERR_LEN,
                 "%s: permissions %04o are too open for a passphrase file; run: chmod 600 %s",
                 path, (unsigned)(st.st_mode & 07777), path);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0;
    if (file_read_all(path, 64 * 1024, &buf, &len, err) != 0)
        return NULL;
    size_t n = first_line(buf, len);
    char why[ERR_LEN];
    KeyPassphrase *p = keyfile_passphrase_new(buf, n, cost, why);
    if (!p)
        snprintf(err, ERR_LEN, "%s: %s", path, why);
    sodium_memzero(buf, len);
    free(buf);
    return p;
}

/* Reads one line from fd into line (LINE_CAP bytes of locked memory), a byte at a time so that
 * nothing after the newline is taken from a descriptor others may read on. Returns its length
 * without the newline, or -1 (errno set) when it can't be read; a line longer than
 * PASSPHRASE_MAX comes back as PASSPHRASE_MAX + 1. */
static long read_line(int fd, char *line)
{
    size_t n = 0;
    for (;;) {
        char c;
        ssize_t got = read(fd, &c, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0 || c == '\n')
            break;
        if (n < LINE_CAP)
            line[n++] = c;
    }
    if (n > 0 && line[n - 1] == '\r')
        n--;
    return n > PASSPHRASE_MAX ? PASSPHRASE_MAX + 1 : (long)n;
}

/* The passphrase of one line read from fd, named name in err. */
static KeyPassphrase *from_fd(int fd, const char *name, KeyfileCost cost, char *err)
{
    char *line = sodium_malloc(LINE_CAP);
    if (!line) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    KeyPassphrase *p = NULL;
    long n = read_line(fd, line);
    char why[ERR_LEN];
    if (n < 0)
        snprintf(err, ERR_LEN, "%s: cannot read: %s", name, strerror(errno));
    else if (!(p = keyfile_passphrase_new(line, (size_t)n, cost, why)))
        snprintf(err, ERR_LEN, "%s: %s", name, why);
    sodium_free(line);
    return p;
}

/* ---- the terminal ---- */

/* The terminal's settings while echo is off, put back if a signal ends the program then. */
static int tty_fd = -1;
static struct termios tty_saved;

static void restore_and_reraise(int sig)
{
    if (tty_fd >= 0)
        tcsetattr(tty_fd, TCSANOW, &tty_saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Not SIGTSTP: stopped and continued, the read would go on with echo back on. */
static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define NCAUGHT (int)(sizeof caught / sizeof *caught)

/* Asks prompt on the terminal fd with echo off and reads one line into line (LINE_CAP bytes).
 * Returns its length, or -1 with err. */
static long ask(int fd, const char *prompt, char *line, char *err)
{
    struct termios quiet;
    struct sigaction on_signal, before[NCAUGHT];
    if (tcgetattr(fd, &tty_saved) != 0) {
        snprintf(err, ERR_LEN, "/dev/tty: cannot read its settings: %s", strerror(errno));
        return -1;
    }
    memset(&on_signal, 0, sizeof on_signal);
    on_signal.sa_handler = restore_and_reraise;
    sigemptyset(&on_signal.sa_mask);
    for (int i = 0; i < NCAUGHT; i++)
        sigaction(caught[i], &on_signal, &before[i]);
    tty_fd = fd;
    quiet = tty_saved;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
    quiet.c_lflag |= ECHONL | ICANON;
    long n = -1;
    if (tcsetattr(fd, TCSADRAIN, &quiet) != 0) {
        snprintf(err, ERR_LEN, "/dev/tty: cannot turn echo off: %s", strerror(errno));
    } else {
        if (write(fd, prompt, strlen(prompt)) < 0) {
            /* the prompt is a courtesy: the line is read all the same */
        }
        n = read_line(fd, line);
        if (n < 0)
            snprintf(err, ERR_LEN, "/dev/tty: cannot read: %s", strerror(errno));
        tcsetattr(fd, TCSADRAIN, &tty_saved);
    }
    tty_fd = -1;
    for (int i = 0; i < NCAUGHT; i++)
        sigaction(caught[i], &before[i], NULL);
    return n;
}

/* The passphrase typed on the terminal fd: once, or twice the same with confirm. */
static KeyPassphrase *from_terminal(int fd, const char *dir, int confirm, KeyfileCost cost,
                                    char *err)
{
    char *line = sodium_malloc(LINE_CAP), *again = sodium_malloc(LINE_CAP);
    char prompt[4200], why[ERR_LEN];
    KeyPassphrase *p = NULL;
    if (!line || !again) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    snprintf(prompt, sizeof prompt, "%s for the council keys in %s: ",
             confirm ? "New passphrase" : "Passphrase", dir);
    long n = ask(fd, prompt, line, err);
    if (n < 0)
        goto done;
    if (confirm && n > 0 && n <= PASSPHRASE_MAX) {
        long m = ask(fd, "The same passphrase again: ", again, err);
        if (m < 0)
            goto done;
        if (m != n || sodium_memcmp(line, again, (size_t)n) != 0) {
            snprintf(err, ERR_LEN, "the two passphrases differ");
            goto done;
        }
    }
    if (!(p = keyfile_passphrase_new(line, (size_t)n, cost, why)))
        snprintf(err, ERR_LEN, "%s", why);
done:
    sodium_free(line);
    sodium_free(again);
    return p;
}

/* A file descriptor number in text: digits only, within int. Returns it, or -1. */
static int fd_number(const char *text)
{
    long n = 0;
    if (!*text)
        return -1;
    for (const char *c = text; *c; c++) {
        if (*c < '0' || *c > '9' || n > 100000)
            return -1;
        n = n * 10 + (*c - '0');
    }
    return (int)n;
}

KeyPassphrase *passphrase_read(const PassphraseSource *src, const char *dir, int confirm,
                               KeyfileCost cost, char *err)
{
    if (src->file && src->fd) {
        snprintf(err, ERR_LEN, "give --passphrase-file or --passphrase-fd, not both");
        return NULL;
    }
    if (src->file)
        return from_file(src->file, 1, cost, err);
    if (src->fd) {
        int fd = fd_number(src->fd);
        char name[64];
        if (fd < 0) {
            snprintf(err, ERR_LEN, "--passphrase-fd %s is not a file descriptor number", src->fd);
            return NULL;
        }
        snprintf(name, sizeof name, "--passphrase-fd %d", fd);
        return from_fd(fd, name, cost, err);
    }
    const char *creds = getenv("CREDENTIALS_DIRECTORY");
    if (creds && *creds) {
        char path[4096];
        snprintf(path, sizeof path, "%s/" PASSPHRASE_CREDENTIAL, creds);
        /* systemd makes the folder and the file the service's own: no mode check */
        if (file_exists(path))
            return from_file(path, 0, cost, err);
    }
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, ERR_LEN,
                 "%s: %s, and there is no terminal to ask on: give --passphrase-file FILE or "
                 "--passphrase-fd N, or a systemd credential " PASSPHRASE_CREDENTIAL "%s",
                 dir,
                 confirm ? "the new keys need a passphrase" : "the keys are locked with a "
                                                              "passphrase",
                 confirm ? " (or --plain for development keys)" : "");
        return NULL;
    }
    KeyPassphrase *p = from_terminal(fd, dir, confirm, cost, err);
    close(fd);
    return p;
}
