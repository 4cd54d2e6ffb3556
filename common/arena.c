/* arena.c: a bump allocator over a chain of malloc'd blocks. See arena.h. */
#include "arena.h"

#include <sodium.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MIN 16384

typedef struct Block {
    struct Block *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
} Block;

struct Arena {
    Block *head;
    int failed; /* an allocation returned NULL */
};

Arena *arena_new(void) { return calloc(1, sizeof(Arena)); }

void arena_free(Arena *a)
{
    if (!a)
        return;
    Block *b = a->head;
    while (b) {
        Block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void arena_free_wiped(Arena *a)
{
    if (!a)
        return;
    for (Block *b = a->head; b; b = b->next)
        sodium_memzero(b->data, b->used);
    arena_free(a);
}

void *arena_alloc(Arena *a, size_t size)
{
    size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    Block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > BLOCK_MIN ? size : BLOCK_MIN;
        b = size > SIZE_MAX / 2 ? NULL : malloc(sizeof(Block) + cap);
        if (!b) {
            a->failed = 1;
            return NULL;
        }
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

int arena_failed(const Arena *a) { return a->failed; }
