/* fileio.h: the one way Chorus reads and creates files.
 *
 * Outputs are all-or-nothing and never written through anything planted where they go: a file
 * is written under an unpredictable temporary name (.NAME.XXXXXXXX.tmp) created exclusively,
 * without following links, in its folder opened without following a link; then fsynced,
 * renamed over NAME, and the folder fsynced. A crash leaves the old file or the new one, never
 * half of either, and a symbolic link, hard link or FIFO at NAME or at any temporary name is
 * replaced or refused, never written through (a USB stick is hostile).
 *
 * Inputs that are not regular files (a FIFO, a device, a folder, a socket) are refused at once
 * by name, never opened in a way that can block. */
#ifndef CHORUS_FILEIO_H
#define CHORUS_FILEIO_H

#include <stddef.h>

/* ---- reading ---- */

/* Where a path to read came from, which decides whether a symbolic link is followed. */
typedef enum {
    FILE_NAMED, /* someone named it (a command-line option, a key in the data folder): a link to
                 * a regular file is followed */
    FILE_FOUND  /* found on a stick or by listing a folder, or carried from outside (bundles,
                 * receipts, packs, surveys): a symbolic link is refused too */
} FileOrigin;

/* Opens path for reading: anything that is not a regular file (or, for FILE_FOUND, is a
 * symbolic link) is refused before it is opened, and opening never blocks. Returns a blocking
 * O_CLOEXEC descriptor (the caller closes it), or -1 with err (ERR_LEN) naming the file and the
 * reason ("PATH: is a FIFO, not a regular file"; "PATH: cannot open: ..." when missing, and
 * then errno is ENOENT). */
int file_open_read(const char *path, FileOrigin origin, char *err)
    __attribute__((warn_unused_result));

/* Reads the whole file at path (FILE_NAMED) into a malloc'd buffer (caller frees; one extra NUL
 * byte is added after len bytes). Returns 0, or -1 with err (ERR_LEN bytes) naming the file and
 * the reason: missing, unreadable, not a regular file, or larger than max bytes. */
int file_read_all(const char *path, size_t max, char **buf, size_t *len, char *err)
    __attribute__((warn_unused_result));

/* file_read_all for a FILE_FOUND path: a symbolic link is refused as well. */
int file_read_found(const char *path, size_t max, char **buf, size_t *len, char *err)
    __attribute__((warn_unused_result));

/* ---- creating ---- */

/* Atomically replaces path with (data, len), with permission bits exactly mode whatever the
 * umask. The folder holding path is opened with O_NOFOLLOW, so a folder whose last component is
 * a symbolic link is refused; a link, hard link, FIFO or file at path itself is replaced (the
 * entry, never what it points at); a folder there is refused. Temporaries an earlier killed run
 * left for path are removed. Returns 0, or -1 with err naming path; on failure path is
 * untouched and no temporary file is left. */
int file_write_atomic(const char *path, const void *data, size_t len, int mode, char *err)
    __attribute__((warn_unused_result));

/* file_write_atomic for a file that must not replace anything (key files): anything already at
 * path, a symbolic link included, is refused with "already exists", also when it appears while
 * the file is being written (the rename refuses to replace). */
int file_write_new(const char *path, const void *data, size_t len, int mode, char *err)
    __attribute__((warn_unused_result));

/* Creates folder path and its missing parents with mode. Returns 0 (also when it exists) or -1
 * with err filled; a symbolic link as its last component is refused (file_write_atomic would
 * refuse to write into it). */
int file_mkdirs(const char *path, int mode, char *err) __attribute__((warn_unused_result));

/* Removes dir/name without following any link: a link or file there is unlinked; a folder is
 * emptied (recursing only into real folders, at most 8 deep) and removed. Missing is not an
 * error. Returns 0, or -1 with err naming what could not be removed (the rest is still tried);
 * a caller cleaning up at its best may ignore it. */
int file_remove_tree(const char *dir, const char *name, char *err);

/* ---- folders ---- */

/* The names of the entries in dir whose names end in suffix (e.g. ".csv"), hidden ones left
 * out, in name order: each malloc'd into names[0..count-1] (free with file_list_free). None is
 * opened here: one that is not a regular file is listed, so that whoever reads it (with
 * file_read_found) refuses it by name instead of it vanishing silently. Returns the count, or
 * -1 with err naming the folder: it can't be opened, it holds more than max such files, or out
 * of memory. */
int file_list(const char *dir, const char *suffix, char **names, int max, char *err)
    __attribute__((warn_unused_result));

/* Frees the n names file_list returned. */
void file_list_free(char **names, int n);

/* 1 if something (a link included, dangling or not) exists at path, else 0. */
int file_exists(const char *path);

#endif
