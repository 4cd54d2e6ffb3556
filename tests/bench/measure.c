/* measure.c: runs one command and measures it the same way whatever it is (the kiosk, Chromium,
 * chorus-sync, sqlite3), so that two figures of `make bench` are comparable.
 *
 *   measure [--every MS] [--idle-from MS --idle-for MS [--idle-of NAME]] [--out FILE] --
 *           COMMAND [ARG...]
 *
 * prints one line of key=value pairs (to FILE with --out, so the command keeps standard output):
 *
 *   wall_ms      from just before exec to the command's exit (the first process; anything it
 *                left running is then stopped and does not count)
 *   cpu_ms       user + system time of the command and every process under it, reaped
 *   peak_rss_kb  the largest sum, over one sample, of the resident set of every process under
 *                the command (shared pages counted once per process, as RSS is); never less
 *                than the largest single process's own high-water mark (getrusage), so a peak
 *                between two samples of a one-process command is not missed
 *   peak_pss_kb  the same with the proportional set size: shared pages split between the
 *                processes that map them, so a many-process browser is not charged twice for
 *                one library
 *   procs        the most processes seen at once
 *   idle_cpu_ms  with --idle-from: the CPU time the process tree used between idle-from and
 *                idle-from + idle-for milliseconds after the start, from the scheduler's own
 *                account (schedstat, nanoseconds); the command is then sent SIGTERM (it is
 *                expected to run until then); idle_window_ms: how long the window really was;
 *                idle_named_cpu_ms: with --idle-of NAME, the same for the processes named NAME
 *   exit         the command's exit status (128 + signal when killed by one)
 *
 * It makes itself a child subreaper, so processes that detach (a browser's helpers) are still
 * found under it, counted, and stopped at the end. Sampling reads /proc every MS milliseconds
 * (default 5) for the first 2 s, every 4 MS until 20 s, then every 20 MS: a scan of /proc costs
 * CPU that the measured command may need on a small machine, and a long command's peak is not
 * missed by a 100 ms sample. PSS is read every fourth sample (smaps_rollup walks the page tables,
 * which is not free). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROCS_MAX 4096

typedef struct {
    int pid, ppid;
    char comm[32]; /* the process's name, as /proc/PID/stat has it */
    long long ticks; /* utime + stime, in clock ticks */
    long rss_kb;
} Proc;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Reads pid, ppid, CPU ticks and RSS of one process; 0 on success. */
static int read_stat(int pid, Proc *p)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* The command name is in parentheses and may hold spaces: read after the last ')'. */
    char *s = strrchr(buf, ')');
    char *name = strchr(buf, '(');
    if (!s || !name || name > s)
        return -1;
    snprintf(p->comm, sizeof p->comm, "%.*s", (int)(s - name - 1), name + 1);
    char state;
    int ppid;
    unsigned long utime, stime;
    long rss_pages;
    if (sscanf(s + 1,
               " %c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu %*d %*d %*d %*d %*d %*d %*u "
               "%*u %ld",
               &state, &ppid, &utime, &stime, &rss_pages) != 5)
        return -1;
    p->pid = pid;
    p->ppid = ppid;
    p->ticks = (long long)(utime + stime);
    p->rss_kb = rss_pages * (sysconf(_SC_PAGESIZE) / 1024);
    return 0;
}

static long read_pss_kb(int pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    long kb = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "Pss: %ld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

/* Every process under us (our children, theirs, and orphans reparented to us). */
static int tree(Proc *out, int max)
{
    static Proc all[PROCS_MAX];
    static char in[PROCS_MAX];
    int n = 0;
    DIR *d = opendir("/proc");
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < PROCS_MAX) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end || pid <= 0)
            continue;
        if (read_stat((int)pid, &all[n]) == 0)
            n++;
    }
    closedir(d);
    int self = getpid(), m = 0;
    memset(in, 0, sizeof in);
    /* Grow the set from our own pid until nothing more joins: /proc may list a parent after its
     * children. */
    for (int grew = 1; grew;) {
        grew = 0;
        for (int i = 0; i < n; i++) {
            if (in[i])
                continue;
            int parent_in = all[i].ppid == self;
            for (int k = 0; k < m && !parent_in; k++)
                parent_in = out[k].pid == all[i].ppid;
            if (parent_in && m < max) {
                in[i] = 1;
                out[m++] = all[i];
                grew = 1;
            }
        }
    }
    return m;
}

/* CPU time of one process in nanoseconds: the sum over its threads of the scheduler's account
 * (schedstat), which is exact where utime + stime count 10 ms ticks; -1 when the kernel keeps
 * no schedstat. */
static long long proc_cpu_ns(int pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", pid);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    long long sum = 0;
    struct dirent *e;
    while ((e = readdir(d)) && sum >= 0) {
        if (e->d_name[0] == '.')
            continue;
        char file[128];
        snprintf(file, sizeof file, "/proc/%d/task/%s/schedstat", pid, e->d_name);
        FILE *f = fopen(file, "r");
        long long ns = 0;
        if (!f || fscanf(f, "%lld", &ns) != 1)
            sum = -1;
        else
            sum += ns;
        if (f)
            fclose(f);
    }
    closedir(d);
    return sum;
}

/* CPU time of the whole tree so far, in nanoseconds; with a name, of its processes of that name
 * only (the kiosk, without the compositor it runs under). */
static long long tree_cpu_ns(const char *only)
{
    static Proc t[PROCS_MAX];
    int n = tree(t, PROCS_MAX);
    long long sum = 0;
    for (int i = 0; i < n; i++) {
        if (only && strcmp(t[i].comm, only) != 0)
            continue;
        long long ns = proc_cpu_ns(t[i].pid);
        sum += ns >= 0 ? ns : t[i].ticks * (1000000000LL / sysconf(_SC_CLK_TCK));
    }
    return sum;
}

/* Stops whatever is left under us: SIGTERM, then SIGKILL after a grace period; reaps all. */
static void stop_tree(void)
{
    static Proc t[PROCS_MAX];
    for (int round = 0; round < 2; round++) {
        int n = tree(t, PROCS_MAX);
        if (n == 0)
            break;
        for (int i = 0; i < n; i++)
            kill(t[i].pid, round ? SIGKILL : SIGTERM);
        for (int w = 0; w < 200; w++) { /* up to 2 s */
            while (waitpid(-1, NULL, WNOHANG) > 0)
                ;
            if (tree(t, PROCS_MAX) == 0)
                break;
            usleep(10000);
        }
    }
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
}

int main(int argc, char **argv)
{
    double every = 5, idle_from = -1, idle_for = 0;
    const char *out = NULL, *idle_of = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (i + 1 >= argc)
            break;
        if (strcmp(argv[i], "--every") == 0)
            every = atof(argv[++i]);
        else if (strcmp(argv[i], "--idle-from") == 0)
            idle_from = atof(argv[++i]);
        else if (strcmp(argv[i], "--idle-for") == 0)
            idle_for = atof(argv[++i]);
        else if (strcmp(argv[i], "--idle-of") == 0)
            idle_of = argv[++i];
        else if (strcmp(argv[i], "--out") == 0)
            out = argv[++i];
        else
            break;
    }
    if (i >= argc || every <= 0) {
        fprintf(stderr, "usage: measure [--every MS] [--idle-from MS --idle-for MS [--idle-of NAME]] "
                        "[--out FILE] "
                        "-- COMMAND [ARG...]\n");
        return 2;
    }
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
        perror("measure: PR_SET_CHILD_SUBREAPER");
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[i], argv + i);
        fprintf(stderr, "measure: %s: %s\n", argv[i], strerror(errno));
        _exit(127);
    }
    static Proc t[PROCS_MAX];
    long peak_rss = 0, peak_pss = 0;
    int peak_procs = 0, status = 0, samples = 0, idle_state = 0;
    long long idle_start = 0, idle_ns = -1, named_start = 0, named_ns = -1;
    double idle_t0 = 0, idle_t1 = 0; /* when the idle window really began and ended */
    double wall = 0;
    for (;;) {
        /* Reap everything that ended: the command itself, and orphans handed to us (so they do
         * not linger as zombies). */
        int done = 0, st;
        pid_t got;
        while ((got = waitpid(-1, &st, WNOHANG)) > 0)
            if (got == pid) {
                status = st;
                done = 1;
            }
        if (done) {
            wall = now_ms() - t0;
            break;
        }
        int n = tree(t, PROCS_MAX);
        long rss = 0, pss = 0;
        for (int k = 0; k < n; k++) {
            rss += t[k].rss_kb;
            if (samples % 4 == 0)
                pss += read_pss_kb(t[k].pid);
        }
        if (rss > peak_rss)
            peak_rss = rss;
        if (pss > peak_pss)
            peak_pss = pss;
        if (n > peak_procs)
            peak_procs = n;
        samples++;
        double elapsed = now_ms() - t0;
        if (idle_from >= 0 && idle_state == 0 && elapsed >= idle_from) {
            idle_start = tree_cpu_ns(NULL);
            if (idle_of)
                named_start = tree_cpu_ns(idle_of);
            idle_t0 = now_ms();
            idle_state = 1;
        } else if (idle_state == 1 && elapsed >= idle_from + idle_for) {
            idle_ns = tree_cpu_ns(NULL) - idle_start;
            if (idle_of)
                named_ns = tree_cpu_ns(idle_of) - named_start;
            idle_t1 = now_ms();
            idle_state = 2;
            kill(pid, SIGTERM);
        }
        double step = elapsed < 2000 ? every : elapsed < 20000 ? 4 * every : 20 * every;
        if (idle_state == 1 && elapsed + step > idle_from + idle_for)
            step = idle_from + idle_for - elapsed; /* end the idle window on time */
        usleep((useconds_t)(step > 0 ? step * 1000 : 0));
    }
    stop_tree();
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    double cpu = (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3 +
                 (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3;
    if (ru.ru_maxrss > peak_rss)
        peak_rss = ru.ru_maxrss;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *f = out ? fopen(out, "w") : stdout;
    if (!f) {
        perror(out);
        return 2;
    }
    fprintf(f, "wall_ms=%.3f cpu_ms=%.3f peak_rss_kb=%ld peak_pss_kb=%ld procs=%d exit=%d", wall,
            cpu, peak_rss, peak_pss, peak_procs, code);
    if (idle_from >= 0)
        fprintf(f, " idle_cpu_ms=%.3f idle_window_ms=%.3f",
                idle_ns < 0 ? -1.0 : (double)idle_ns / 1e6, idle_t1 - idle_t0);
    if (idle_of)
        fprintf(f, " idle_named_cpu_ms=%.3f", named_ns < 0 ? -1.0 : (double)named_ns / 1e6);
    fprintf(f, "\n");
    if (out && fclose(f) != 0) {
        perror(out);
        return 2;
    }
    return 0;
}
