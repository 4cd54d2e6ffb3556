/* fileio.c: whole-file reads and atomic writes. See fileio.h. */
#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chorus_limits.h"

int file_read_all(const char *path, size_t max, char **buf, size_t *len, char *err)
{
    char *data = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, ERR_LEN, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot stat: %s", path, strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, ERR_LEN, "%s: not a regular file", path);
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
        if (got > max) {
            snprintf(err, ERR_LEN, "%s: too large (the limit is %zu bytes)", path, max);
            goto fail;
        }
        size_t room = (size_t)st.st_size - got;
        if (room == 0) {
            /* The file may have grown since fstat: probe one byte. */
            char probe;
            ssize_t n = read(fd, &probe, 1);
            if (n == 0)
                break;
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

static int fsync_dir_of(const char *path)
{
    char copy[4096];
    if (strlen(path) >= sizeof copy)
        return -1;
    strcpy(copy, path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int file_write_atomic(const char *path, const void *data, size_t len, int mode, char *err)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        snprintf(err, ERR_LEN, "%s: path too long", path);
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        snprintf(err, ERR_LEN, "%s: cannot create: %s", tmp, strerror(errno));
        return -1;
    }
    const unsigned char *p = data;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            snprintf(err, ERR_LEN, "%s: write failed: %s", tmp, n < 0 ? strerror(errno) : "no space");
            goto fail;
        }
        done += (size_t)n;
    }
    if (fchmod(fd, (mode_t)mode) != 0 || fsync(fd) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot sync: %s", tmp, strerror(errno));
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        snprintf(err, ERR_LEN, "%s: close failed: %s", tmp, strerror(errno));
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot replace: %s", path, strerror(errno));
        goto fail;
    }
    if (fsync_dir_of(path) != 0) {
        snprintf(err, ERR_LEN, "%s: written, but its folder could not be synced: %s", path,
                 strerror(errno));
        return -1;
    }
    return 0;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return -1;
}

int file_mkdirs(const char *path, int mode, char *err)
{
    char buf[4096];
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
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, ERR_LEN, "%s: not a folder", path);
        return -1;
    }
    return 0;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int file_list(const char *dir, const char *suffix, char **names, int max, char *err)
{
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
    return stat(path, &st) == 0;
}
