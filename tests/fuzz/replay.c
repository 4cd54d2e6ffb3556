/* replay.c: runs one fuzz target over files, without libFuzzer, so every build replays the
 * committed corpus and every past crasher (`make test`, plain and under ASan+UBSan).
 *
 *   test_fuzz_NAME [DIR-OR-FILE...]
 *   test_fuzz_NAME --damaged STEP FILE...
 *
 * Without arguments: every file of tests/fuzz/corpus/NAME/ (which must exist and hold at least
 * one) and of tests/fuzz/crashers/NAME/ (which may not exist), relative to the working
 * directory, the repository's root under tests/run.sh. Hidden files and README files are
 * skipped. Each input is handed over in a buffer of exactly its size, as libFuzzer does, so
 * ASan sees a read one byte past it. The last line is "N inputs replayed"; a broken property
 * aborts, after naming the file.
 *
 * With --damaged, each FILE is replayed cut short at every STEP-th byte and with a quote, a
 * comma, a line feed or a NUL byte put in at each of those places: the damage a stick or an
 * editor does to a good file, tried in one process (a shell loop of one program run per copy
 * took a minute for what this does in a fraction of a second). A crash names the file and the
 * damage. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static const char *current; /* the file being replayed, for the crash message */

/* Names the input that crashed, then dies of the same signal. */
static void on_crash(int sig)
{
    static const char what[] = "replay: crashed on ";
    if (current) {
        (void)!write(2, what, sizeof what - 1);
        (void)!write(2, current, strlen(current));
        (void)!write(2, "\n", 1);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Installs on_crash where nothing else (a sanitizer) handles the signal already. */
static void catch_crashes(void)
{
    static const int sigs[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
            signal(sigs[i], on_crash);
    }
}

/* Reads the whole file at path into a malloc'd buffer of exactly its size (1 byte allocated for
 * an empty file, so the pointer is valid): slack after the input would hide an over-read from
 * ASan. Returns 0, or -1 after saying why. */
static int slurp(const char *path, uint8_t **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        if (f)
            fclose(f);
        return -1;
    }
    size_t n = (size_t)st.st_size;
    uint8_t *buf = malloc(n ? n : 1);
    int ok = buf && fread(buf, 1, n, f) == n && fgetc(f) == EOF;
    fclose(f);
    if (!ok) {
        fprintf(stderr, "replay: %s: cannot read it whole\n", path);
        free(buf);
        return -1;
    }
    *out = buf;
    *len = n;
    return 0;
}

static int replay_file(const char *path)
{
    uint8_t *data;
    size_t len;
    if (slurp(path, &data, &len) != 0)
        return -1;
    current = path;
    LLVMFuzzerTestOneInput(data, len);
    current = NULL;
    free(data);
    return 0;
}

/* The damaged copies of path (see the file comment); returns how many, or -1. */
static long replay_damaged(const char *path, size_t step)
{
    uint8_t *data, *copy;
    size_t len;
    if (slurp(path, &data, &len) != 0)
        return -1;
    long n = 0;
    char what[4200];
    current = what;
    for (size_t cut = 1; cut < len; cut += step) {
        /* Cut short: a buffer of exactly that size, so an over-read is seen. */
        if (!(copy = malloc(cut))) {
            fprintf(stderr, "replay: out of memory\n");
            free(data);
            return -1;
        }
        memcpy(copy, data, cut);
        snprintf(what, sizeof what, "%s cut to %zu bytes", path, cut);
        LLVMFuzzerTestOneInput(copy, cut);
        free(copy);
        n++;
        static const uint8_t inserts[] = {'"', ',', '\n', '\0'};
        for (size_t k = 0; k < sizeof inserts; k++) {
            if (!(copy = malloc(len + 1))) {
                fprintf(stderr, "replay: out of memory\n");
                free(data);
                return -1;
            }
            memcpy(copy, data, cut);
            copy[cut] = inserts[k];
            memcpy(copy + cut + 1, data + cut, len - cut);
            snprintf(what, sizeof what, "%s with byte 0x%02x put in at %zu", path, inserts[k], cut);
            LLVMFuzzerTestOneInput(copy, len + 1);
            free(copy);
            n++;
        }
    }
    current = NULL;
    free(data);
    return n;
}

static int wanted(const struct dirent *e)
{
    return e->d_name[0] != '.' && strncmp(e->d_name, "README", 6) != 0;
}

/* Replays every file of dir in name order, or dir itself when it is a file. Returns how many,
 * or -1. A missing dir is 0 when optional. */
static long replay_path(const char *dir, int optional)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (optional && errno == ENOENT)
            return 0;
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(dir) == 0 ? 1 : -1;
    struct dirent **names;
    int n = scandir(dir, &names, wanted, alphasort);
    if (n < 0) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    long count = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (count >= 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            count = replay_file(path) == 0 ? count + 1 : -1;
        free(names[i]);
    }
    free(names);
    return count;
}

int main(int argc, char **argv)
{
    catch_crashes();
    long total = 0;
    if (argc > 1 && strcmp(argv[1], "--damaged") == 0) {
        char *end;
        long step = argc > 2 ? strtol(argv[2], &end, 10) : 0;
        if (argc < 4 || step < 1 || *end) {
            fprintf(stderr, "usage: %s --damaged STEP FILE...\n", argv[0]);
            return 2;
        }
        for (int i = 3; i < argc; i++) {
            long n = replay_damaged(argv[i], (size_t)step);
            if (n < 0)
                return 1;
            total += n;
        }
    } else if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            long n = replay_path(argv[i], 0);
            if (n < 0)
                return 1;
            total += n;
        }
    } else {
        char corpus[256], crashers[256];
        snprintf(corpus, sizeof corpus, "tests/fuzz/corpus/%s", fuzz_name);
        snprintf(crashers, sizeof crashers, "tests/fuzz/crashers/%s", fuzz_name);
        long seeds = replay_path(corpus, 0), past = replay_path(crashers, 1);
        if (seeds < 0 || past < 0)
            return 1;
        if (seeds == 0) {
            fprintf(stderr, "replay: %s holds no seeds\n", corpus);
            return 1;
        }
        total = seeds + past;
    }
    printf("%ld inputs replayed\n", total);
    return 0;
}
