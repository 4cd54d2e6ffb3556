/* bytes.h: little-endian loads and stores, and a bounds-checked reader and writer.
 *
 * Every binary format of Chorus goes through these, so no length is used before it is checked. */
#ifndef CHORUS_BYTES_H
#define CHORUS_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline void store_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void store_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static inline void store_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static inline uint16_t load_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t load_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t load_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

/* A writer: overflow sets `over` and stops writing; check it once at the end. With buf NULL
 * it only counts: len ends as the size the same writes would need. */
typedef struct {
    uint8_t *buf;
    size_t cap, len;
    int over;
} ByteWriter;

static inline uint8_t *bw_reserve(ByteWriter *w, size_t n)
{
    if (w->over || w->cap - w->len < n) {
        w->over = 1;
        return NULL;
    }
    if (!w->buf) {
        w->len += n;
        return NULL;
    }
    uint8_t *p = w->buf + w->len;
    w->len += n;
    return p;
}
static inline void bw_bytes(ByteWriter *w, const void *data, size_t n)
{
    uint8_t *p = bw_reserve(w, n);
    if (p && n)
        memcpy(p, data, n);
}
static inline void bw_u8(ByteWriter *w, uint8_t v) { bw_bytes(w, &v, 1); }
static inline void bw_u16(ByteWriter *w, uint16_t v)
{
    uint8_t *p = bw_reserve(w, 2);
    if (p)
        store_u16(p, v);
}
static inline void bw_u32(ByteWriter *w, uint32_t v)
{
    uint8_t *p = bw_reserve(w, 4);
    if (p)
        store_u32(p, v);
}
static inline void bw_u64(ByteWriter *w, uint64_t v)
{
    uint8_t *p = bw_reserve(w, 8);
    if (p)
        store_u64(p, v);
}

/* A reader: a short read sets `short_` and returns zeros; check it before using a value as a
 * length, and once at the end. */
typedef struct {
    const uint8_t *buf;
    size_t len, pos;
    int short_;
} ByteReader;

static inline const uint8_t *br_take(ByteReader *r, size_t n)
{
    if (r->short_ || r->len - r->pos < n) {
        r->short_ = 1;
        return NULL;
    }
    const uint8_t *p = r->buf + r->pos;
    r->pos += n;
    return p;
}
static inline uint8_t br_u8(ByteReader *r)
{
    const uint8_t *p = br_take(r, 1);
    return p ? p[0] : 0;
}
static inline uint16_t br_u16(ByteReader *r)
{
    const uint8_t *p = br_take(r, 2);
    return p ? load_u16(p) : 0;
}
static inline uint32_t br_u32(ByteReader *r)
{
    const uint8_t *p = br_take(r, 4);
    return p ? load_u32(p) : 0;
}
static inline uint64_t br_u64(ByteReader *r)
{
    const uint8_t *p = br_take(r, 8);
    return p ? load_u64(p) : 0;
}

#endif
