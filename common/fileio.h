/* fileio.h: whole-file reads with a size limit, and all-or-nothing writes.
 *
 * A file is written as NAME.tmp, fsynced, renamed over NAME, and its directory fsynced, so a
 * crash leaves either the old file or the new one, never half of either. */
#ifndef CHORUS_FILEIO_H
#define CHORUS_FILEIO_H

#include <stddef.h>

/* Reads the whole file at path into a malloc'd buffer (caller frees; one extra NUL byte is
 * added after len bytes). Returns 0, or -1 with err (ERR_LEN bytes) naming the file and the
 * reason: missing, unreadable, a directory, or larger than max bytes. */
int file_read_all(const char *path, size_t max, char **buf, size_t *len, char *err)
    __attribute__((warn_unused_result));

/* Atomically replaces path with (data, len), created with permission bits mode. Returns 0, or
 * -1 with err filled; on failure the old file (if any) is untouched and no temp file is left. */
int file_write_atomic(const char *path, const void *data, size_t len, int mode, char *err)
    __attribute__((warn_unused_result));

/* Creates directory path and its missing parents with mode. Returns 0 (also when it exists)
 * or -1 with err filled. */
int file_mkdirs(const char *path, int mode, char *err) __attribute__((warn_unused_result));

/* The names of the files in dir whose names end in suffix (e.g. ".csv"), hidden ones left out,
 * in name order: each malloc'd into names[0..count-1] (free with file_list_free). Returns the
 * count, or -1 with err naming the folder: it can't be opened, it holds more than max such
 * files, or out of memory. */
int file_list(const char *dir, const char *suffix, char **names, int max, char *err)
    __attribute__((warn_unused_result));

/* Frees the n names file_list returned. */
void file_list_free(char **names, int n);

/* 1 if path exists, else 0. */
int file_exists(const char *path);

#endif
