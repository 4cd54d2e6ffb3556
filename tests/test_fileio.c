/* test_fileio.c: folder listing, all-or-nothing writes that never write through what is planted
 * at their paths (symbolic links, hard links, FIFOs, folders), exact modes whatever the umask,
 * inputs that are not regular files refused at once, and removing a folder without following
 * links. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "fileio.h"
#include "test.h"

static char dir[64];

static void at(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

static void put(const char *name)
{
    char path[128], err[ERR_LEN];
    at(path, sizeof path, name);
    CHECK(file_write_atomic(path, "x", 1, 0600, err) == 0);
}

/* 1 if path holds exactly text. */
static int holds(const char *path, const char *text)
{
    char *buf = NULL, err[ERR_LEN];
    size_t len = 0;
    if (file_read_all(path, 1 << 20, &buf, &len, err) != 0)
        return 0;
    int same = len == strlen(text) && memcmp(buf, text, len) == 0;
    free(buf);
    return same;
}

/* How many entries of folder d end in .tmp, hidden ones included. */
static int temporaries(const char *d)
{
    DIR *h = opendir(d);
    int n = 0;
    struct dirent *e;
    while (h && (e = readdir(h))) {
        size_t l = strlen(e->d_name);
        n += l > 4 && strcmp(e->d_name + l - 4, ".tmp") == 0;
    }
    if (h)
        closedir(h);
    return n;
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 ? st.st_mode : 0;
}

static void test_list(void)
{
    put("b.csv");
    put("a.csv");
    put(".hidden.csv");
    put("notes.txt");
    put("c.csv");
    char *names[8], err[ERR_LEN];
    int n = file_list(dir, ".csv", names, 8, err);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(names[0], "a.csv");
        CHECK_STR(names[1], "b.csv");
        CHECK_STR(names[2], "c.csv");
    }
    file_list_free(names, n);
    /* more files than room: an error naming the folder, never a silent cut */
    CHECK_INT(file_list(dir, ".csv", names, 2, err), -1);
    CHECK(strstr(err, dir) != NULL && strstr(err, "more than 2") != NULL);
    char missing[128];
    at(missing, sizeof missing, "nope");
    CHECK_INT(file_list(missing, ".csv", names, 8, err), -1);
    CHECK(strstr(err, "nope") != NULL);
    /* a FIFO is listed (never opened), so that its reader refuses it by name */
    char fifo[128];
    at(fifo, sizeof fifo, "d.csv");
    CHECK(mkfifo(fifo, 0600) == 0);
    n = file_list(dir, ".csv", names, 8, err);
    CHECK_INT(n, 4);
    file_list_free(names, n);
    char *buf = NULL;
    size_t len = 0;
    CHECK(file_read_found(fifo, 100, &buf, &len, err) != 0);
    CHECK(strstr(err, fifo) && strstr(err, "is a FIFO, not a regular file"));
    /* a FIFO named as the folder: refused at once */
    CHECK_INT(file_list(fifo, ".csv", names, 8, err), -1);
    unlink(fifo);
}

static void test_atomic_write(void)
{
    char path[128], tmp[140], err[ERR_LEN], *buf = NULL;
    size_t len = 0;
    at(path, sizeof path, "out.bin");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK(file_write_atomic(path, "hello", 5, 0600, err) == 0);
    CHECK(file_write_atomic(path, "bye", 3, 0600, err) == 0);
    CHECK(access(tmp, F_OK) != 0);
    CHECK_INT(temporaries(dir), 0);
    CHECK(file_read_all(path, 100, &buf, &len, err) == 0);
    CHECK(len == 3 && buf && memcmp(buf, "bye", 3) == 0);
    free(buf);
    CHECK(file_read_all(path, 2, &buf, &len, err) != 0); /* over the limit */
    CHECK(strstr(err, "too large") != NULL);
    /* a path with no folder, and one that names no file */
    CHECK(file_write_atomic("", "x", 1, 0600, err) != 0);
    snprintf(tmp, sizeof tmp, "%s/", dir);
    CHECK(file_write_atomic(tmp, "x", 1, 0600, err) != 0);
    CHECK(strstr(err, "not a file name") != NULL);
}

/* Plants a symbolic link, a hard link and a FIFO at the output path and at the old predictable
 * temporary path: the victim never changes; the output is written, the planted entry at the
 * output replaced, the one at NAME.tmp left alone. */
static void test_planted(void)
{
    char victim[128], path[128], old_tmp[140], err[ERR_LEN];
    at(victim, sizeof victim, "victim.db");
    at(path, sizeof path, "x.bundle");
    snprintf(old_tmp, sizeof old_tmp, "%s.tmp", path);
    CHECK(file_write_atomic(victim, "precious", 8, 0600, err) == 0);
    const char *where[2] = {path, old_tmp};
    for (int w = 0; w < 2; w++)
        for (int kind = 0; kind < 3; kind++) {
            unlink(path);
            unlink(old_tmp);
            if (kind == 0)
                CHECK(symlink(victim, where[w]) == 0);
            else if (kind == 1)
                CHECK(link(victim, where[w]) == 0);
            else
                CHECK(mkfifo(where[w], 0600) == 0);
            CHECK(file_write_atomic(path, "bundle", 6, 0600, err) == 0);
            CHECK(holds(victim, "precious"));
            CHECK(S_ISREG(mode_of(path)) && holds(path, "bundle"));
            if (w == 1) /* the old temporary name is nobody's business now */
                CHECK(mode_of(old_tmp) != 0 && !S_ISREG(mode_of(old_tmp)) == (kind != 1));
            struct stat st;
            CHECK(stat(victim, &st) == 0 && st.st_nlink == (nlink_t)(1 + (w == 1 && kind == 1)));
        }
    unlink(old_tmp);
    /* a folder at the output path is refused and stays */
    unlink(path);
    CHECK(mkdir(path, 0700) == 0);
    CHECK(file_write_atomic(path, "bundle", 6, 0600, err) != 0);
    CHECK(strstr(err, path) && strstr(err, "is a folder"));
    CHECK(S_ISDIR(mode_of(path)));
    CHECK(rmdir(path) == 0);
    /* a folder reached through a symbolic link as its last component is refused */
    char sub[128], link_dir[128], through[160];
    at(sub, sizeof sub, "real");
    at(link_dir, sizeof link_dir, "linked");
    snprintf(through, sizeof through, "%s/y.bundle", link_dir);
    CHECK(mkdir(sub, 0700) == 0 && symlink(sub, link_dir) == 0);
    CHECK(file_write_atomic(through, "bundle", 6, 0600, err) != 0);
    CHECK(strstr(err, through) && strstr(err, "symbolic link"));
    CHECK(file_mkdirs(link_dir, 0700, err) != 0);
    CHECK(strstr(err, "symbolic link") != NULL);
    snprintf(through, sizeof through, "%s/y.bundle", sub);
    CHECK(!file_exists(through));
    CHECK_INT(temporaries(dir), 0);
    CHECK_INT(temporaries(sub), 0);
    CHECK(holds(victim, "precious"));
}

/* Keys: never replace anything, a dangling link included. */
static void test_write_new(void)
{
    char path[128], victim[128], err[ERR_LEN];
    at(path, sizeof path, "k.key");
    at(victim, sizeof victim, "victim.db");
    CHECK(file_write_new(path, "one", 3, 0600, err) == 0);
    CHECK(file_write_new(path, "two", 3, 0600, err) != 0);
    CHECK(strstr(err, path) && strstr(err, "already exists"));
    CHECK(holds(path, "one"));
    unlink(path);
    CHECK(symlink(victim, path) == 0);
    CHECK(file_write_new(path, "two", 3, 0600, err) != 0);
    CHECK(holds(victim, "precious"));
    unlink(path);
    CHECK(symlink("/nonexistent/nowhere", path) == 0);
    CHECK(file_write_new(path, "two", 3, 0600, err) != 0);
    CHECK(S_ISLNK(mode_of(path)));
    unlink(path);
    CHECK_INT(temporaries(dir), 0);
}

/* The mode asked for, exactly, whatever the umask. */
static void test_modes(void)
{
    char path[128], err[ERR_LEN];
    at(path, sizeof path, "m.txt");
    mode_t old = umask(0);
    CHECK(file_write_atomic(path, "a", 1, 0600, err) == 0);
    CHECK_INT(mode_of(path) & 0777, 0600);
    umask(0277);
    CHECK(file_write_atomic(path, "a", 1, 0644, err) == 0);
    CHECK_INT(mode_of(path) & 0777, 0644);
    CHECK(file_write_atomic(path, "a", 1, 0600, err) == 0);
    CHECK_INT(mode_of(path) & 0777, 0600);
    umask(old);
    unlink(path);
}

/* A temporary a killed run left for the same name goes; other names stay. */
static void test_stale(void)
{
    char path[128], stale[128], other[128], look[128], err[ERR_LEN];
    at(path, sizeof path, "r.receipt");
    at(stale, sizeof stale, ".r.receipt.0123abcd.tmp");
    at(other, sizeof other, ".r.receipt.notours.tmp");
    at(look, sizeof look, ".q.receipt.0123abcd.tmp");
    CHECK(file_write_atomic(stale, "half", 4, 0600, err) == 0);
    CHECK(file_write_atomic(other, "keep", 4, 0600, err) == 0);
    CHECK(file_write_atomic(look, "keep", 4, 0600, err) == 0);
    CHECK(file_write_atomic(path, "whole", 5, 0600, err) == 0);
    CHECK(!file_exists(stale));
    CHECK(holds(other, "keep") && holds(look, "keep"));
    unlink(other);
    unlink(look);
    unlink(path);
}

static void test_inputs(void)
{
    char path[128], fifo[128], lnk[128], flnk[128], err[ERR_LEN], *buf = NULL;
    size_t len = 0;
    at(path, sizeof path, "in.txt");
    at(fifo, sizeof fifo, "in.fifo");
    at(lnk, sizeof lnk, "in.link");
    at(flnk, sizeof flnk, "fifo.link");
    CHECK(file_write_atomic(path, "data", 4, 0600, err) == 0);
    CHECK(mkfifo(fifo, 0600) == 0);
    CHECK(symlink(path, lnk) == 0 && symlink(fifo, flnk) == 0);
    /* a FIFO, directly or through a link: refused at once (a blocking open would hang here) */
    CHECK(file_read_all(fifo, 100, &buf, &len, err) != 0);
    CHECK(strstr(err, fifo) && strstr(err, "is a FIFO, not a regular file"));
    CHECK(file_read_all(flnk, 100, &buf, &len, err) != 0);
    CHECK(strstr(err, "is a FIFO"));
    CHECK(file_read_found(flnk, 100, &buf, &len, err) != 0);
    CHECK(strstr(err, flnk) && strstr(err, "is a symbolic link, not a regular file"));
    /* a folder, a device */
    CHECK(file_read_all(dir, 100, &buf, &len, err) != 0);
    CHECK(strstr(err, "is a folder"));
    CHECK(file_read_all("/dev/null", 100, &buf, &len, err) != 0);
    CHECK(strstr(err, "/dev/null: is a character device"));
    /* a link to a regular file: followed when named, refused when found */
    CHECK(file_read_all(lnk, 100, &buf, &len, err) == 0 && len == 4);
    free(buf);
    buf = NULL;
    CHECK(file_read_found(lnk, 100, &buf, &len, err) != 0);
    CHECK(strstr(err, "symbolic link"));
    CHECK(file_read_found(path, 100, &buf, &len, err) == 0 && len == 4);
    free(buf);
    /* the descriptor is a blocking one */
    int fd = file_open_read(path, FILE_FOUND, err);
    CHECK(fd >= 0 && !(fcntl(fd, F_GETFL) & O_NONBLOCK));
    if (fd >= 0)
        close(fd);
    CHECK(file_open_read(fifo, FILE_NAMED, err) < 0);
    unlink(flnk);
    unlink(lnk);
    unlink(fifo);
    unlink(path);
}

/* A pack folder with links inside (and one pointing at it) goes without anything outside. */
static void test_remove_tree(void)
{
    char outside[128], victim[160], pack[128], sub[160], p[200], err[ERR_LEN];
    at(outside, sizeof outside, "outside");
    snprintf(victim, sizeof victim, "%s/keep.txt", outside);
    at(pack, sizeof pack, "pack-1-abcd");
    snprintf(sub, sizeof sub, "%s/surveys", pack);
    CHECK(mkdir(outside, 0700) == 0 && mkdir(pack, 0700) == 0 && mkdir(sub, 0700) == 0);
    CHECK(file_write_atomic(victim, "keep", 4, 0600, err) == 0);
    snprintf(p, sizeof p, "%s/a.csv", sub);
    CHECK(file_write_atomic(p, "a", 1, 0600, err) == 0);
    snprintf(p, sizeof p, "%s/news.txt", pack);
    CHECK(file_write_atomic(p, "n", 1, 0600, err) == 0);
    snprintf(p, sizeof p, "%s/evil", sub);
    CHECK(symlink(outside, p) == 0);
    snprintf(p, sizeof p, "%s/keep.txt", pack);
    CHECK(symlink(victim, p) == 0);
    snprintf(p, sizeof p, "%s/fifo", pack);
    CHECK(mkfifo(p, 0600) == 0);
    CHECK(file_remove_tree(dir, "pack-1-abcd", err) == 0);
    CHECK(!file_exists(pack));
    CHECK(holds(victim, "keep"));
    /* a link where a pack folder should be: the link goes, not what it points at */
    char lnk[128];
    at(lnk, sizeof lnk, "pack-2-ffff");
    CHECK(symlink(outside, lnk) == 0);
    CHECK(file_remove_tree(dir, "pack-2-ffff", err) == 0);
    CHECK(!file_exists(lnk));
    CHECK(holds(victim, "keep"));
    CHECK(file_remove_tree(dir, "pack-2-ffff", err) == 0); /* missing: not an error */
    CHECK(file_remove_tree(dir, "../x", err) != 0);
    CHECK(file_remove_tree(dir, "outside", err) == 0);
    CHECK(!file_exists(outside));
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/chorus-fileio-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    RUN(test_list);
    RUN(test_atomic_write);
    RUN(test_planted);
    RUN(test_write_new);
    RUN(test_modes);
    RUN(test_stale);
    RUN(test_inputs);
    RUN(test_remove_tree);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return TEST_SUMMARY("fileio");
}
