/* arena.h: a bump allocator whose memory is freed as a unit.
 *
 * A parsed survey or a decoded response lives in one arena; nothing in it is freed alone. */
#ifndef CHORUS_ARENA_H
#define CHORUS_ARENA_H

#include <stddef.h>

typedef struct Arena Arena;

/* A new empty arena, or NULL when out of memory. Free with arena_free. */
Arena *arena_new(void);

/* Frees every block of the arena. Accepts NULL. */
void arena_free(Arena *a);

/* arena_free, having first wiped (sodium_memzero) every byte it handed out: for an arena that
 * held plaintext answers. Accepts NULL. */
void arena_free_wiped(Arena *a);

/* size bytes, zeroed and aligned for any type, owned by the arena; NULL when out of memory. */
void *arena_alloc(Arena *a, size_t size);

/* A NUL-terminated copy of (s, len) owned by the arena; NULL when out of memory. */
char *arena_strndup(Arena *a, const char *s, size_t len);

/* A NUL-terminated copy of s owned by the arena; NULL when out of memory. */
char *arena_strdup(Arena *a, const char *s);

/* 1 if any allocation from this arena has returned NULL: a parser that treats a NULL copy as
 * an empty string can then say "out of memory" rather than blame its input. */
int arena_failed(const Arena *a);

#endif
