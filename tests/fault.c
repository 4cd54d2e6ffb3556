/* fault.c: fail the k-th write, fsync or allocation. See fault.h. */
#include "fault.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static struct {
    int armed;
    FaultKind kind;
    long k, seen, failed;
    int persistent;
} f;

/* Counts one operation of this kind; 1 if it is to fail. */
static int hit(FaultKind kind)
{
    if (!f.armed || f.kind != kind)
        return 0;
    f.seen++;
    if (f.seen == f.k || (f.persistent && f.seen > f.k)) {
        f.failed++;
        return 1;
    }
    return 0;
}

void fault_arm(FaultKind kind, long k, int persistent)
{
    f.kind = kind;
    f.k = k;
    f.persistent = persistent;
    f.seen = f.failed = 0;
    f.armed = 1;
}

long fault_disarm(void)
{
    f.armed = 0;
    return f.failed;
}

const char *fault_name(FaultKind kind)
{
    static const char *const names[FAULT_KINDS] = {"write", "fsync", "allocation"};
    return names[kind];
}

/* ---- our own code: the linker sends its calls here (-Wl,--wrap=NAME) ---- */

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __wrap_fsync(int fd);
void *__real_malloc(size_t n);
void *__wrap_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__wrap_strdup(const char *s);

/* A persistent write fault is a full disk; a single one, an I/O error. */
ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
    if (hit(FAULT_WRITE)) {
        errno = f.persistent ? ENOSPC : EIO;
        return -1;
    }
    return __real_write(fd, buf, n);
}

int __wrap_fsync(int fd)
{
    if (hit(FAULT_SYNC)) {
        errno = EIO;
        return -1;
    }
    return __real_fsync(fd);
}

void *__wrap_malloc(size_t n) { return hit(FAULT_ALLOC) ? NULL : __real_malloc(n); }

void *__wrap_calloc(size_t n, size_t size)
{
    return hit(FAULT_ALLOC) ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n) { return hit(FAULT_ALLOC) ? NULL : __real_realloc(p, n); }

char *__wrap_strdup(const char *s)
{
    if (hit(FAULT_ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_strdup(s);
}

/* ---- SQLite: a VFS around the default one, and an allocator around its own ---- */

typedef struct {
    sqlite3_file base;
    sqlite3_file *real; /* the default VFS's file, right after this struct */
} FaultFile;

#define REAL(file) (((FaultFile *)(file))->real)

static sqlite3_vfs *base_vfs;
static sqlite3_vfs fault_vfs;
static sqlite3_mem_methods base_mem;

static int ff_close(sqlite3_file *file) { return REAL(file)->pMethods->xClose(REAL(file)); }

static int ff_read(sqlite3_file *file, void *buf, int n, sqlite3_int64 off)
{
    return REAL(file)->pMethods->xRead(REAL(file), buf, n, off);
}

static int ff_write(sqlite3_file *file, const void *buf, int n, sqlite3_int64 off)
{
    if (hit(FAULT_WRITE))
        return f.persistent ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    return REAL(file)->pMethods->xWrite(REAL(file), buf, n, off);
}

static int ff_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    return REAL(file)->pMethods->xTruncate(REAL(file), size);
}

static int ff_sync(sqlite3_file *file, int flags)
{
    if (hit(FAULT_SYNC))
        return SQLITE_IOERR_FSYNC;
    return REAL(file)->pMethods->xSync(REAL(file), flags);
}

static int ff_size(sqlite3_file *file, sqlite3_int64 *size)
{
    return REAL(file)->pMethods->xFileSize(REAL(file), size);
}

static int ff_lock(sqlite3_file *file, int lock) { return REAL(file)->pMethods->xLock(REAL(file), lock); }

static int ff_unlock(sqlite3_file *file, int lock)
{
    return REAL(file)->pMethods->xUnlock(REAL(file), lock);
}

static int ff_reserved(sqlite3_file *file, int *out)
{
    return REAL(file)->pMethods->xCheckReservedLock(REAL(file), out);
}

static int ff_control(sqlite3_file *file, int op, void *arg)
{
    return REAL(file)->pMethods->xFileControl(REAL(file), op, arg);
}

static int ff_sector(sqlite3_file *file) { return REAL(file)->pMethods->xSectorSize(REAL(file)); }

static int ff_device(sqlite3_file *file)
{
    return REAL(file)->pMethods->xDeviceCharacteristics(REAL(file));
}

static int ff_shm_map(sqlite3_file *file, int pg, int pgsz, int extend, void volatile **p)
{
    return REAL(file)->pMethods->xShmMap(REAL(file), pg, pgsz, extend, p);
}

static int ff_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    return REAL(file)->pMethods->xShmLock(REAL(file), offset, n, flags);
}

static void ff_shm_barrier(sqlite3_file *file) { REAL(file)->pMethods->xShmBarrier(REAL(file)); }

static int ff_shm_unmap(sqlite3_file *file, int del)
{
    return REAL(file)->pMethods->xShmUnmap(REAL(file), del);
}

static int ff_fetch(sqlite3_file *file, sqlite3_int64 off, int n, void **p)
{
    return REAL(file)->pMethods->xFetch(REAL(file), off, n, p);
}

static int ff_unfetch(sqlite3_file *file, sqlite3_int64 off, void *p)
{
    return REAL(file)->pMethods->xUnfetch(REAL(file), off, p);
}

static const sqlite3_io_methods fault_io = {
    3,           ff_close,     ff_read,        ff_write,     ff_truncate, ff_sync,
    ff_size,     ff_lock,      ff_unlock,      ff_reserved,  ff_control,  ff_sector,
    ff_device,   ff_shm_map,   ff_shm_lock,    ff_shm_barrier, ff_shm_unmap, ff_fetch,
    ff_unfetch,
};

static int fv_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags,
                   int *out_flags)
{
    (void)vfs;
    FaultFile *ff = (FaultFile *)file;
    ff->real = (sqlite3_file *)&ff[1];
    memset(ff->real, 0, (size_t)base_vfs->szOsFile);
    int rc = base_vfs->xOpen(base_vfs, name, ff->real, flags, out_flags);
    /* SQLite calls xClose when pMethods is set, even after a failed open. */
    ff->base.pMethods = ff->real->pMethods ? &fault_io : NULL;
    return rc;
}

static void *fm_malloc(int n) { return hit(FAULT_ALLOC) ? NULL : base_mem.xMalloc(n); }

static void *fm_realloc(void *p, int n) { return hit(FAULT_ALLOC) ? NULL : base_mem.xRealloc(p, n); }

int fault_init(void)
{
    if (sqlite3_shutdown() != SQLITE_OK ||
        sqlite3_config(SQLITE_CONFIG_GETMALLOC, &base_mem) != SQLITE_OK)
        return -1;
    sqlite3_mem_methods mem = base_mem;
    mem.xMalloc = fm_malloc;
    mem.xRealloc = fm_realloc;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &mem) != SQLITE_OK || sqlite3_initialize() != SQLITE_OK)
        return -1;
    base_vfs = sqlite3_vfs_find(NULL);
    if (!base_vfs || base_vfs->iVersion < 3)
        return -1;
    /* Every other method of the default VFS ignores which VFS it is called through. */
    fault_vfs = *base_vfs;
    fault_vfs.zName = "chorus-fault";
    fault_vfs.szOsFile = (int)sizeof(FaultFile) + base_vfs->szOsFile;
    fault_vfs.xOpen = fv_open;
    return sqlite3_vfs_register(&fault_vfs, 1) == SQLITE_OK ? 0 : -1;
}
