/* fileio.c: reading files that may be hostile, and creating files all-or-nothing without
 * following anything planted. See fileio.h; start reading at create_file().
 *
 * Why not the obvious NAME.tmp opened with O_TRUNC: a stick that carries a symbolic link (or a
 * hard link) at NAME.tmp makes the writer overwrite whatever the link points at (the council
 * database, a secret key), and a FIFO there hangs it. Every name created here is random and
 * created with O_EXCL|O_NOFOLLOW inside a folder descriptor opened with O_NOFOLLOW, and only
 * the rename touches NAME, which replaces the directory entry and never writes through it. */
#define _GNU_SOURCE /* renameat2, RENAME_NOREPLACE, O_PATH */
#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chorus_limits.h"

#define TMP_SUFFIX ".tmp"
#define TMP_RANDOM 8        /* hex digits of randomness in a temporary name */
#define TMP_BASE_MAX 200    /* bytes of NAME kept in .NAME.XXXXXXXX.tmp (NAME_MAX is 255) */
#define REMOVE_DEPTH_MAX 8  /* folders file_remove_tree goes into */

/* What a file that is not a regular one is, for messages. */
static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISLNK(m))
        return "a symbolic link";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

static void not_regular(const char *path, mode_t m, char *err)
{
    snprintf(err, ERR_LEN, "%s: is %s, not a regular file", path, kind_of(m));
}

/* ---- reading ---- */

int file_open_read(const char *path, FileOrigin origin, char *err)
{
    struct stat st;
    /* Looked at before it is opened: opening a device can do things, and a FIFO can block. */
    int looked = origin == FILE_FOUND ? lstat(path, &st) : stat(path, &st);
    if (looked != 0) {
        int e = errno;
        snprintf(err, ERR_LEN, "%s: cannot open: %s", path, strerror(e));
        errno = e; /* ENOENT tells a caller that nothing is there */
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        not_regular(path, st.st_mode, err);
        errno = EINVAL;
        return -1;
    }
    /* It may have been swapped since: O_NONBLOCK so that even a FIFO opens at once, O_NOFOLLOW
     * for a found file, and the descriptor's own type is what counts. */
    int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    if (origin == FILE_FOUND)
        flags |= O_NOFOLLOW;
    int fd = open(path, flags);
    if (fd < 0) {
        int e = errno;
        if (e == ELOOP && origin == FILE_FOUND)
            snprintf(err, ERR_LEN, "%s: is a symbolic link, not a regular file", path);
        else
            snprintf(err, ERR_LEN, "%s: cannot open: %s", path, strerror(e));
        errno = e;
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (errno == 0 || !S_ISREG(st.st_mode))
            not_regular(path, st.st_mode, err);
        else
            snprintf(err, ERR_LEN, "%s: cannot stat: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static int read_all(const char *path, FileOrigin origin, size_t max, char **buf, size_t *len,
                    char *err)
{
    char *data = NULL;
    int fd = file_open_read(path, origin, err);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot stat: %s", path, strerror(errno));
        goto fail;
    }
    if ((unsigned long long)st.st_size > max) {
        snprintf(err, ERR_LEN, "%s: too large (%lld bytes, the limit is %zu)", path,
                 (long long)st.st_size, max);
        goto fail;
    }
    data = malloc((size_t)st.st_size + 1);
    if (!data) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        goto fail;
    }
    size_t got = 0;
    for (;;) {
        size_t room = (size_t)st.st_size - got;
        if (room == 0) {
            /* The file may have grown since fstat: probe one byte. */
            char probe;
            ssize_t n = read(fd, &probe, 1);
            if (n == 0)
                break;
            if (n < 0 && errno == EINTR)
                continue;
            snprintf(err, ERR_LEN, "%s: changed while being read", path);
            goto fail;
        }
        ssize_t n = read(fd, data + got, room);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            snprintf(err, ERR_LEN, "%s: read failed: %s", path, strerror(errno));
            goto fail;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    data[got] = '\0';
    *buf = data;
    *len = got;
    return 0;
fail:
    free(data);
    close(fd);
    return -1;
}

int file_read_all(const char *path, size_t max, char **buf, size_t *len, char *err)
{
    return read_all(path, FILE_NAMED, max, buf, len, err);
}

int file_read_found(const char *path, size_t max, char **buf, size_t *len, char *err)
{
    return read_all(path, FILE_FOUND, max, buf, len, err);
}

/* ---- creating ---- */

/* Splits path into its folder (into dir, cap bytes; "." when it has none) and its last
 * component (*base, inside path). Returns 0, or -1 with err. */
static int split_path(const char *path, char *dir, size_t cap, const char **base, char *err)
{
    const char *slash = strrchr(path, '/');
    const char *b = slash ? slash + 1 : path;
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (!*b || strcmp(b, ".") == 0 || strcmp(b, "..") == 0) {
        snprintf(err, ERR_LEN, "%s: not a file name", path);
        return -1;
    }
    if (strlen(b) > NAME_MAX) {
        snprintf(err, ERR_LEN, "%s: file name longer than %d bytes", path, NAME_MAX);
        return -1;
    }
    if (!slash) {
        snprintf(dir, cap, ".");
    } else if (n == 0) {
        snprintf(dir, cap, "/");
    } else {
        if (n >= cap) {
            snprintf(err, ERR_LEN, "%s: path too long", path);
            return -1;
        }
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    *base = b;
    return 0;
}

/* Opens the folder a file is created in, refusing a symbolic link as its last component.
 * *synced tells whether the descriptor can be fsynced (a folder we may write but not read is
 * opened O_PATH, which can't). Returns the descriptor, or -1 with err naming path. */
static int open_folder(const char *dir, const char *path, int *can_sync, char *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    *can_sync = fd >= 0;
    if (fd < 0 && errno == EACCES)
        fd = open(dir, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0)
        return fd;
    int e = errno;
    struct stat st;
    if ((e == ELOOP || e == ENOTDIR) && lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
        snprintf(err, ERR_LEN,
                 "%s: its folder %s is a symbolic link; refusing to write through it", path, dir);
    else if (e == ENOTDIR)
        snprintf(err, ERR_LEN, "%s: %s is not a folder", path, dir);
    else
        snprintf(err, ERR_LEN, "%s: cannot open its folder %s: %s", path, dir, strerror(e));
    return -1;
}

/* The part of NAME a temporary name keeps: at most TMP_BASE_MAX bytes, cut before a UTF-8
 * continuation byte so that file systems checking names still take it. */
static size_t tmp_base_len(const char *base)
{
    size_t n = strlen(base);
    if (n <= TMP_BASE_MAX)
        return n;
    n = TMP_BASE_MAX;
    while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* 1 if name is a temporary name this file makes for base: .BASE.XXXXXXXX.tmp */
static int is_tmp_for(const char *name, const char *base, size_t blen)
{
    size_t n = strlen(name);
    if (n != 1 + blen + 1 + TMP_RANDOM + strlen(TMP_SUFFIX) || name[0] != '.' ||
        memcmp(name + 1, base, blen) != 0 || name[1 + blen] != '.' ||
        strcmp(name + n - strlen(TMP_SUFFIX), TMP_SUFFIX) != 0)
        return 0;
    for (size_t i = 0; i < TMP_RANDOM; i++) {
        char c = name[2 + blen + i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return 0;
    }
    return 1;
}

/* Removes the temporaries a killed earlier run left for base in the folder dfd: entries only
 * (unlinkat never follows a link), folders left alone. Best effort. */
static void remove_stale(int dfd, const char *base)
{
    int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return;
    }
    size_t blen = tmp_base_len(base);
    struct dirent *e;
    while ((e = readdir(d))) {
        struct stat st;
        if (is_tmp_for(e->d_name, base, blen) &&
            fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
            unlinkat(dfd, e->d_name, 0);
    }
    closedir(d);
}

/* Creates a new temporary file for base in dfd: O_EXCL|O_NOFOLLOW under a random name (a
 * clash, or anything planted there, just means another name). Returns the descriptor with its
 * name in tmp (NAME_MAX + 1 bytes), or -1 with errno set. */
static int create_tmp(int dfd, const char *base, int mode, char *tmp)
{
    size_t blen = tmp_base_len(base);
    for (int tries = 0; tries < 16; tries++) {
        unsigned char rnd[TMP_RANDOM / 2];
        char hex[TMP_RANDOM + 1];
        randombytes_buf(rnd, sizeof rnd);
        sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
        snprintf(tmp, NAME_MAX + 1, ".%.*s.%s" TMP_SUFFIX, (int)blen, base, hex);
        int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                        (mode_t)(mode & 0600));
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* Renames tmp over base in dfd; with replace 0, only if nothing is at base. Returns 0 or -1
 * with errno set (EEXIST: something is there). */
static int put_in_place(int dfd, const char *tmp, const char *base, int replace)
{
    if (replace)
        return renameat(dfd, tmp, dfd, base);
    if (renameat2(dfd, tmp, dfd, base, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    /* A file system without RENAME_NOREPLACE: a hard link refuses to replace as well. */
    if (linkat(dfd, tmp, dfd, base, 0) != 0)
        return -1;
    unlinkat(dfd, tmp, 0);
    return 0;
}

static int create_file(const char *path, const void *data, size_t len, int mode, int replace,
                       char *err)
{
    char dir[PATH_MAX], tmp[NAME_MAX + 1];
    const char *base = NULL;
    int dfd = -1, fd = -1, made = 0, can_sync = 0;
    struct stat st;
    if (split_path(path, dir, sizeof dir, &base, err) != 0)
        return -1;
    if ((dfd = open_folder(dir, path, &can_sync, err)) < 0)
        return -1;
    /* Whatever is at NAME only loses its directory entry to the rename; a folder there would
     * make the rename fail after all the work, and is refused now. */
    if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, ERR_LEN, "%s: is a folder; refusing to replace it", path);
            goto fail;
        }
        if (!replace) {
            snprintf(err, ERR_LEN, "%s: already exists; refusing to replace it", path);
            goto fail;
        }
    } else if (errno != ENOENT) {
        snprintf(err, ERR_LEN, "%s: cannot look at it: %s", path, strerror(errno));
        goto fail;
    }
    remove_stale(dfd, base);
    if ((fd = create_tmp(dfd, base, mode, tmp)) < 0) {
        snprintf(err, ERR_LEN, "%s: cannot create a temporary file in %s: %s", path, dir,
                 strerror(errno));
        goto fail;
    }
    made = 1;
    const unsigned char *p = data;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            snprintf(err, ERR_LEN, "%s: write failed: %s", path,
                     n < 0 ? strerror(errno) : "no space");
            goto fail;
        }
        done += (size_t)n;
    }
    /* Exactly mode, whatever the umask took away at creation. */
    if (fchmod(fd, (mode_t)mode) != 0 || fsync(fd) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot sync: %s", path, strerror(errno));
        goto fail;
    }
    int closed = close(fd);
    fd = -1;
    if (closed != 0) {
        snprintf(err, ERR_LEN, "%s: close failed: %s", path, strerror(errno));
        goto fail;
    }
    if (put_in_place(dfd, tmp, base, replace) != 0) {
        if (errno == EEXIST && !replace)
            snprintf(err, ERR_LEN, "%s: already exists; refusing to replace it", path);
        else
            snprintf(err, ERR_LEN, "%s: cannot replace: %s", path, strerror(errno));
        goto fail;
    }
    made = 0;
    if (can_sync && fsync(dfd) != 0) {
        snprintf(err, ERR_LEN, "%s: written, but its folder could not be synced: %s", path,
                 strerror(errno));
        goto fail;
    }
    close(dfd);
    return 0;
fail:
    if (fd >= 0)
        close(fd);
    if (made)
        unlinkat(dfd, tmp, 0);
    close(dfd);
    return -1;
}

int file_write_atomic(const char *path, const void *data, size_t len, int mode, char *err)
{
    return create_file(path, data, len, mode, 1, err);
}

int file_write_new(const char *path, const void *data, size_t len, int mode, char *err)
{
    return create_file(path, data, len, mode, 0, err);
}

int file_mkdirs(const char *path, int mode, char *err)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf) {
        snprintf(err, ERR_LEN, "%s: bad folder name", path);
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char c = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST) {
            snprintf(err, ERR_LEN, "%s: cannot create folder: %s", buf, strerror(errno));
            return -1;
        }
        buf[i] = c;
    }
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    struct stat st;
    if (lstat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
        if (S_ISLNK(st.st_mode))
            snprintf(err, ERR_LEN, "%s: is a symbolic link, not a folder; refusing to write "
                                   "through it", path);
        else
            snprintf(err, ERR_LEN, "%s: not a folder", path);
        return -1;
    }
    return 0;
}

/* Removes name in the folder dfd (see file_remove_tree); depth counts the folders left to go
 * into. Returns 0, or -1 with err filled (first failure only). */
static int remove_at(int dfd, const char *shown, const char *name, int depth, char *err)
{
    int rc = 0;
    struct stat st;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode)) {
        if (unlinkat(dfd, name, 0) != 0 && errno != ENOENT) {
            snprintf(err, ERR_LEN, "%s/%s: cannot remove: %s", shown, name, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (depth == 0) {
        snprintf(err, ERR_LEN, "%s/%s: more than %d folders deep; not removed", shown, name,
                 REMOVE_DEPTH_MAX);
        return -1;
    }
    /* O_NOFOLLOW: if it became a link since fstatat, it is not gone into. */
    int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP || errno == ENOTDIR)
            return remove_at(dfd, shown, name, 0, err);
        snprintf(err, ERR_LEN, "%s/%s: cannot open: %s", shown, name, strerror(errno));
        return -1;
    }
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        snprintf(err, ERR_LEN, "%s/%s: cannot list: %s", shown, name, strerror(errno));
        return -1;
    }
    char inner[PATH_MAX];
    snprintf(inner, sizeof inner, "%s/%s", shown, name);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char why[ERR_LEN];
        if (remove_at(dirfd(d), inner, e->d_name, depth - 1, why) != 0 && rc == 0) {
            memcpy(err, why, ERR_LEN);
            rc = -1;
        }
    }
    closedir(d);
    if (unlinkat(dfd, name, AT_REMOVEDIR) != 0 && errno != ENOENT && rc == 0) {
        snprintf(err, ERR_LEN, "%s: cannot remove: %s", inner, strerror(errno));
        rc = -1;
    }
    return rc;
}

int file_remove_tree(const char *dir, const char *name, char *err)
{
    if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        snprintf(err, ERR_LEN, "%s/%s: not a name in the folder", dir, name);
        return -1;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        snprintf(err, ERR_LEN, "%s: cannot open the folder: %s", dir, strerror(errno));
        return -1;
    }
    int rc = remove_at(dfd, dir, name, REMOVE_DEPTH_MAX, err);
    close(dfd);
    return rc;
}

/* ---- folders ---- */

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int file_list(const char *dir, const char *suffix, char **names, int max, char *err)
{
    /* opendir opens with O_DIRECTORY|O_NONBLOCK: a FIFO named as the folder is refused at once. */
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, ERR_LEN, "%s: cannot open the folder: %s", dir, strerror(errno));
        return -1;
    }
    size_t sl = strlen(suffix);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= sl || strcmp(e->d_name + len - sl, suffix) != 0)
            continue;
        if (n == max) {
            snprintf(err, ERR_LEN, "%s: more than %d %s files", dir, max, suffix);
            goto fail;
        }
        if (!(names[n] = strdup(e->d_name))) {
            snprintf(err, ERR_LEN, "%s: out of memory", dir);
            goto fail;
        }
        n++;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    return n;
fail:
    closedir(d);
    file_list_free(names, n);
    return -1;
}

void file_list_free(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
}

int file_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}
