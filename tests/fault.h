/* fault.h: fail the k-th write, fsync or allocation, the way SQLite's own tests do.
 *
 * Two layers are covered, with no hook in the code under test:
 *   - SQLite: a VFS wrapped around the default one (registered as the default) fails xWrite or
 *     xSync, and a malloc wrapper given to SQLITE_CONFIG_MALLOC fails xMalloc / xRealloc;
 *   - our own code: a test binary linked with -Wl,--wrap=write,--wrap=fsync,--wrap=malloc,...
 *     sends every call our objects make to write(), fsync(), malloc(), calloc(), realloc() and
 *     strdup() through the counters here (libraries such as libsodium are not wrapped).
 * Counting starts at fault_arm(); the k-th operation of the armed kind fails (and, if
 * persistent, every one after it, like a disk that stays full), until fault_disarm(). */
#ifndef CHORUS_FAULT_H
#define CHORUS_FAULT_H

typedef enum { FAULT_WRITE, FAULT_SYNC, FAULT_ALLOC, FAULT_KINDS } FaultKind;

/* Installs the SQLite VFS and allocator. Call once, before anything opens a database. */
int fault_init(void);

/* From now on, the k-th (1-based) operation of this kind fails; and every later one too if
 * persistent. */
void fault_arm(FaultKind kind, long k, int persistent);

/* Stops failing. Returns how many operations failed since fault_arm. */
long fault_disarm(void);

/* The name of a kind, for messages: "write", "fsync", "allocation". */
const char *fault_name(FaultKind kind);

#endif
