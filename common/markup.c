/* markup.c: markdown emphasis and HTML in labels, read into plain words and styled runs. See
 * markup.h; start reading at markup_parse().
 *
 * One pass over the source. An opening `**` or `*` counts only when its closing one is on the
 * same line (ODK's markdown is line by line), so "2 * 3" and "**" alone stay as written; an
 * underscore inside a word (snake_case) is a letter, not emphasis. HTML is not parsed as a
 * document: a '<' that starts a tag (a letter, '/' or '!' after it, a '>' later) is dropped up
 * to its '>', since all a label's HTML can do on a kiosk is colour and size words. */
#include "markup.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t len;
    char *out;
    size_t cap, o;
    MarkupRun *runs;
    int maxruns, nruns;
    unsigned style;
} Reader;

static void emit(Reader *r, const char *b, size_t n)
{
    if (n > r->cap - 1 - r->o)
        n = r->cap - 1 - r->o;
    if (n == 0)
        return;
    if (r->runs && r->maxruns > 0) {
        MarkupRun *last = r->nruns ? &r->runs[r->nruns - 1] : NULL;
        if (last && (last->style == r->style || r->nruns == r->maxruns)) {
            last->len += n;
        } else {
            r->runs[r->nruns++] = (MarkupRun){r->o, n, r->style};
        }
    } else if (r->nruns == 0) {
        r->nruns = 1;
    }
    memcpy(r->out + r->o, b, n);
    r->o += n;
}

static int word_char(unsigned char c) { return isalnum(c) || c >= 0x80; }

/* The end of the line that i is on. */
static size_t line_end(const Reader *r, size_t i)
{
    while (i < r->len && r->s[i] != '\n')
        i++;
    return i;
}

/* Whether the delimiter (c repeated n times) at i has a closing one later on its line. */
static int closes_later(const Reader *r, size_t i, char c, size_t n)
{
    size_t end = line_end(r, i);
    for (size_t j = i + n + 1; j + n <= end; j++) {
        size_t k = 0;
        while (j + k < end && r->s[j + k] == c)
            k++;
        if (k >= n && !isspace((unsigned char)r->s[j - 1]) &&
            (c != '_' || j + k >= end || !word_char((unsigned char)r->s[j + k])))
            return 1;
        if (k)
            j += k - 1;
    }
    return 0;
}

/* Writes code point cp as UTF-8 into b; returns its length (0 for no character). */
static size_t utf8_put(unsigned long cp, char b[4])
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (cp < 0x80) {
        b[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (char)(0xF0 | cp >> 18);
    b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* An entity at i ('&'): emits what it stands for and returns its length, or 0 when it is none
 * (the '&' is then a letter). */
static size_t entity(Reader *r, size_t i)
{
    static const struct {
        const char *name, *text;
    } names[] = {{"amp", "&"},  {"lt", "<"},   {"gt", ">"}, {"quot", "\""},
                 {"apos", "'"}, {"nbsp", " "}, {"#39", "'"}};
    size_t semi = i + 1;
    while (semi < r->len && semi - i <= 10 && r->s[semi] != ';')
        semi++;
    if (semi >= r->len || r->s[semi] != ';')
        return 0;
    size_t n = semi - i - 1;
    const char *e = r->s + i + 1;
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        if (strlen(names[k].name) == n && memcmp(names[k].name, e, n) == 0) {
            emit(r, names[k].text, strlen(names[k].text));
            return n + 2;
        }
    }
    if (n >= 2 && e[0] == '#') {
        char digits[12];
        memcpy(digits, e + 1, n - 1);
        digits[n - 1] = '\0';
        int hex = digits[0] == 'x' || digits[0] == 'X';
        char *endp = NULL;
        unsigned long cp = strtoul(digits + hex, &endp, hex ? 16 : 10);
        char b[4];
        size_t w = endp && !*endp && endp != digits + hex ? utf8_put(cp, b) : 0;
        if (w) {
            emit(r, b, w);
            return n + 2;
        }
    }
    return 0;
}

/* A tag at i ('<'): drops it, emitting a line break for <br> and the end of a <p> or <div>.
 * Returns its length, or 0 when the '<' starts no tag (as in "age < 5"). */
static size_t tag(Reader *r, size_t i)
{
    if (i + 1 >= r->len)
        return 0;
    unsigned char c = (unsigned char)r->s[i + 1];
    if (!(isalpha(c) || c == '/' || c == '!'))
        return 0;
    const char *close = memchr(r->s + i, '>', r->len - i);
    if (!close)
        return 0;
    size_t n = (size_t)(close - (r->s + i)) + 1;
    const char *name = r->s + i + 1;
    int closing = *name == '/';
    name += closing;
    size_t k = 0;
    while (isalpha((unsigned char)name[k]))
        k++;
    int br = k == 2 && strncasecmp(name, "br", 2) == 0;
    int block = (k == 1 && (*name == 'p' || *name == 'P')) ||
                (k == 3 && strncasecmp(name, "div", 3) == 0);
    if (br || (block && closing && r->o > 0 && r->out[r->o - 1] != '\n'))
        emit(r, "\n", 1);
    return n;
}

int markup_parse(const char *src, size_t len, char *out, size_t cap, MarkupRun *runs,
                 int maxruns, int *changed)
{
    Reader r = {src, len, out, cap, 0, runs, maxruns, 0, 0};
    if (cap == 0)
        return 0;
    size_t link_text_end = (size_t)-1, link_end = 0;
    int heading = 0;
    unsigned emph = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)src[i];
        int line_start = i == 0 || src[i - 1] == '\n';
        if (line_start && c == '#') {
            size_t j = i;
            while (j < len && src[j] == '#')
                j++;
            if (j - i <= 6 && j < len && src[j] == ' ') {
                while (j < len && src[j] == ' ')
                    j++;
                heading = 1;
                r.style = emph | MARKUP_BOLD;
                i = j;
                continue;
            }
        }
        if (c == '\n') {
            heading = 0;
            emph = 0; /* emphasis does not run past its line */
            r.style = 0;
            emit(&r, "\n", 1);
            i++;
            continue;
        }
        if (i == link_text_end) {
            i = link_end;
            link_text_end = (size_t)-1;
            continue;
        }
        if (c == '\\' && i + 1 < len && strchr("*_#[]<>\\`", src[i + 1])) {
            emit(&r, src + i + 1, 1);
            i += 2;
            continue;
        }
        if (c == '<') {
            size_t n = tag(&r, i);
            if (n) {
                i += n;
                continue;
            }
        }
        if (c == '&') {
            size_t n = entity(&r, i);
            if (n) {
                i += n;
                continue;
            }
        }
        if (c == '[' && link_text_end == (size_t)-1) {
            size_t end = line_end(&r, i);
            const char *rb = memchr(src + i, ']', end - i);
            size_t k = rb ? (size_t)(rb - src) : end;
            if (rb && k + 1 < end && src[k + 1] == '(') {
                const char *rp = memchr(src + k + 1, ')', end - k - 1);
                if (rp) {
                    link_text_end = k;
                    link_end = (size_t)(rp - src) + 1;
                    i++;
                    continue;
                }
            }
        }
        if (c == '*' || c == '_') {
            size_t n = 0;
            while (i + n < len && src[i + n] == (char)c)
                n++;
            unsigned char before = i ? (unsigned char)src[i - 1] : ' ';
            unsigned char after = i + n < len ? (unsigned char)src[i + n] : ' ';
            int inside_word = c == '_' && word_char(before) && word_char(after);
            if (!inside_word && n <= 3) {
                /* *** is bold and italic together: read as ** then * */
                size_t done = 0;
                unsigned want[2] = {n >= 2 ? MARKUP_BOLD : MARKUP_ITALIC,
                                    n == 3 ? MARKUP_ITALIC : 0};
                for (int w = 0; w < 2 && want[w]; w++) {
                    size_t dn = want[w] == MARKUP_BOLD ? 2 : 1;
                    if (emph & want[w]) {
                        if (isspace(before) && !done)
                            break;
                        emph &= ~want[w];
                        done += dn;
                    } else if (!isspace(after) && closes_later(&r, i + done, (char)c, dn)) {
                        emph |= want[w];
                        done += dn;
                    } else {
                        break;
                    }
                }
                if (done == n) {
                    r.style = emph | (heading ? MARKUP_BOLD : 0);
                    i += n;
                    continue;
                }
                if (done) { /* only part of the run was emphasis: the rest is written as is */
                    r.style = emph | (heading ? MARKUP_BOLD : 0);
                    emit(&r, src + i + done, n - done);
                    i += n;
                    continue;
                }
            }
            emit(&r, src + i, n);
            i += n;
            continue;
        }
        emit(&r, src + i, 1);
        i++;
    }
    out[r.o] = '\0';
    if (changed)
        *changed = r.o != len || memcmp(out, src, len) != 0;
    return r.nruns;
}

char *markup_styled(const char *src, size_t len, char *out, size_t cap)
{
    if (cap == 0)
        return out;
    out[0] = '\0';
    char *plain = malloc(len + 1);
    MarkupRun runs[MARKUP_RUNS_MAX];
    if (!plain)
        return out;
    int changed = 0;
    int n = markup_parse(src, len, plain, len + 1, runs, MARKUP_RUNS_MAX, &changed);
    size_t o = 0;
    unsigned style = 0;
    for (int i = 0; i < n; i++) {
        size_t need = runs[i].len + (runs[i].style != style);
        if (o + need >= cap)
            break; /* a run that does not fit is left out whole: never half a character */
        if (runs[i].style != style)
            out[o++] = (char)(MARKUP_MARK | runs[i].style);
        style = runs[i].style;
        memcpy(out + o, plain + runs[i].start, runs[i].len);
        o += runs[i].len;
    }
    out[o] = '\0';
    free(plain);
    return out;
}

char *markup_unmark(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    if (cap == 0)
        return out;
    for (; *s && o + 1 < cap; s++)
        if (!MARKUP_IS_MARK(*s))
            out[o++] = *s;
    out[o] = '\0';
    return out;
}
