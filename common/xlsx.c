/* xlsx.c: the .xlsx reader behind workbook.h (libzip for the zip, expat for the XML).
 *
 * Start reading at workbook_read_xlsx(): workbook.xml names the sheets and its relationships
 * say which part holds each; sharedStrings.xml and styles.xml (which number formats are dates)
 * are read once; then each kept sheet's cells are handed to the builder.
 *
 * Why libzip and expat: both are in Debian, maintained, and let every cap be ours. A part is
 * inflated through a bounded loop, so neither the zip directory's stated sizes nor a deflate
 * bomb decide how much memory is used; expat is told to refuse any DOCTYPE and any entity
 * declaration (XML_SetParamEntityParsing NEVER as well), so no DTD, external entity or entity
 * expansion is ever processed. Elements are matched by local name, so a namespace prefix
 * (x:row) reads like none. */
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "chorus_limits.h"
#include "workbook.h"

typedef struct {
    WorkbookBuilder *b;
    zip_t *zip;
    size_t unzipped; /* bytes inflated so far, against WORKBOOK_UNZIPPED_MAX */
    char *strings_buf; /* shared strings, NUL-separated, malloc'd */
    size_t strings_len, strings_cap;
    size_t *string_at; /* offset of each shared string; (size_t)-1: over CSV_FIELD_MAX */
    int nstrings, strings_slots;
    unsigned char *date_style; /* per cellXfs index: 1 if its number format is a date */
    int nstyles;
    int date1904;
} Xlsx;

/* ---- parts ---- */

/* Inflates the part called name into a malloc'd NUL-terminated buffer. Returns 1, 0 when the
 * part is missing (and optional), -1 on error. */
static int read_part(Xlsx *x, const char *name, int optional, char **out, size_t *outlen)
{
    *out = NULL;
    zip_int64_t i = zip_name_locate(x->zip, name, 0);
    if (i < 0)
        i = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
    if (i < 0) {
        if (optional)
            return 0;
        return workbook_fail(x->b, 0, 0, "not an .xlsx workbook: no %s in it", name);
    }
    zip_file_t *f = zip_fopen_index(x->zip, (zip_uint64_t)i, 0);
    if (!f)
        return workbook_fail(x->b, 0, 0, "broken .xlsx: cannot open %s: %s", name,
                             zip_strerror(x->zip));
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap + 1);
    int rc = -1;
    if (!buf) {
        workbook_fail(x->b, 0, 0, "out of memory");
        goto done;
    }
    for (;;) {
        if (len == cap) {
            if (cap >= WORKBOOK_PART_MAX) {
                workbook_fail(x->b, 0, 0,
                              "%s inflates to more than %d bytes (WORKBOOK_PART_MAX): refused as "
                              "a zip bomb",
                              name, WORKBOOK_PART_MAX);
                goto done;
            }
            size_t ncap = cap * 2 > WORKBOOK_PART_MAX ? WORKBOOK_PART_MAX : cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                workbook_fail(x->b, 0, 0, "out of memory");
                goto done;
            }
            buf = nb;
            cap = ncap;
        }
        zip_int64_t n = zip_fread(f, buf + len, cap - len);
        if (n < 0) {
            workbook_fail(x->b, 0, 0, "broken .xlsx: %s: %s", name, zip_file_strerror(f));
            goto done;
        }
        if (n == 0)
            break;
        len += (size_t)n;
        x->unzipped += (size_t)n;
        if (x->unzipped > WORKBOOK_UNZIPPED_MAX) {
            workbook_fail(x->b, 0, 0,
                          "the workbook inflates to more than %d bytes (WORKBOOK_UNZIPPED_MAX): "
                          "refused as a zip bomb",
                          WORKBOOK_UNZIPPED_MAX);
            goto done;
        }
    }
    buf[len] = 0;
    *out = buf;
    *outlen = len;
    buf = NULL;
    rc = 1;
done:
    free(buf);
    zip_fclose(f);
    return rc;
}

/* ---- XML ---- */

/* What each part's handlers need; one struct, the part's fields used by its handlers. */
typedef struct {
    Xlsx *x;
    XML_Parser parser;
    const char *part;
    int failed; /* the error is in the builder's record already */
    /* text gathering */
    int collect; /* >0: character data is part of the value being gathered */
    int in_phonetic;
    char *text;
    size_t tlen, tcap;
    int overlong;
    /* workbook.xml / rels */
    char **names, **ids, **targets;
    int n, slots;
    /* styles.xml */
    int in_cellxfs;
    int fmt_ids[256], fmt_dates[256], nfmts; /* custom number formats */
    /* a sheet */
    int row, col, cell_type; /* cell_type: 's', 'i' (inlineStr), 'b', 'e', 'n', 'd', 't' (str) */
    int cell_style;
} Xml;

static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *want)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), want) == 0)
            return atts[i + 1];
    return NULL;
}

static void stop(Xml *m)
{
    m->failed = 1;
    XML_StopParser(m->parser, XML_FALSE);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
                               const XML_Char *pub, int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    Xml *m = ud;
    workbook_fail(m->x->b, 0, 0, "%s has a DOCTYPE: refused (no DTD is read in a workbook)",
                  m->part);
    stop(m);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int param, const XML_Char *value,
                              int vlen, const XML_Char *base, const XML_Char *sys,
                              const XML_Char *pub, const XML_Char *notation)
{
    (void)param, (void)value, (void)vlen, (void)base, (void)sys, (void)pub, (void)notation;
    Xml *m = ud;
    workbook_fail(m->x->b, 0, 0, "%s declares an entity (%s): refused", m->part, name);
    stop(m);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    Xml *m = ud;
    if (m->collect <= 0 || m->in_phonetic || m->overlong)
        return;
    if (m->tlen + (size_t)len > CSV_FIELD_MAX) {
        m->overlong = 1;
        return;
    }
    if (m->tlen + (size_t)len + 1 > m->tcap) {
        size_t cap = m->tcap ? m->tcap : 256;
        while (cap < m->tlen + (size_t)len + 1)
            cap *= 2;
        char *t = realloc(m->text, cap);
        if (!t) {
            workbook_fail(m->x->b, 0, 0, "out of memory");
            stop(m);
            return;
        }
        m->text = t;
        m->tcap = cap;
    }
    memcpy(m->text + m->tlen, s, (size_t)len);
    m->tlen += (size_t)len;
}

static int parse_xml(Xlsx *x, Xml *m, const char *part, const char *buf, size_t len,
                     XML_StartElementHandler start, XML_EndElementHandler end)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p)
        return workbook_fail(x->b, 0, 0, "out of memory");
    m->x = x;
    m->parser = p;
    m->part = part;
    XML_SetUserData(p, m);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, on_text);
    int rc = 0;
    if (len > (size_t)WORKBOOK_PART_MAX) {
        rc = workbook_fail(x->b, 0, 0, "%s is too large", part);
    } else if (XML_Parse(p, buf, (int)len, XML_TRUE) != XML_STATUS_OK) {
        if (!m->failed)
            workbook_fail(x->b, 0, 0, "broken .xlsx: %s line %lu: %s", part,
                          (unsigned long)XML_GetCurrentLineNumber(p),
                          XML_ErrorString(XML_GetErrorCode(p)));
        rc = -1;
    } else if (m->failed) {
        rc = -1;
    }
    XML_ParserFree(p);
    free(m->text);
    m->text = NULL;
    return rc;
}

static char *dup_or_fail(Xml *m, const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) {
        workbook_fail(m->x->b, 0, 0, "out of memory");
        stop(m);
    }
    return d;
}

static void free_lists(Xml *m)
{
    for (int i = 0; i < m->n; i++) {
        free(m->names ? m->names[i] : NULL);
        free(m->ids ? m->ids[i] : NULL);
        free(m->targets ? m->targets[i] : NULL);
    }
    free(m->names);
    free(m->ids);
    free(m->targets);
    m->names = m->ids = m->targets = NULL;
    m->n = m->slots = 0;
}

/* Appends (name, id, target) to the lists of m; any may be NULL. */
static void add_entry(Xml *m, const char *name, const char *id, const char *target)
{
    if (m->n == m->slots) {
        int slots = m->slots ? m->slots * 2 : 16;
        if (slots > WORKBOOK_ENTRIES_MAX * 2) {
            workbook_fail(m->x->b, 0, 0, "%s lists too many entries", m->part);
            stop(m);
            return;
        }
        char **a = realloc(m->names, (size_t)slots * sizeof *a);
        if (a)
            m->names = a;
        char **b = realloc(m->ids, (size_t)slots * sizeof *b);
        if (b)
            m->ids = b;
        char **c = realloc(m->targets, (size_t)slots * sizeof *c);
        if (c)
            m->targets = c;
        if (!a || !b || !c) {
            workbook_fail(m->x->b, 0, 0, "out of memory");
            stop(m);
            return;
        }
        m->slots = slots;
    }
    m->names[m->n] = dup_or_fail(m, name);
    m->ids[m->n] = dup_or_fail(m, id);
    m->targets[m->n] = dup_or_fail(m, target);
    m->n++;
}

/* workbook.xml: <sheet name=".." r:id=".."/> in order, and workbookPr date1904. */
static void XMLCALL wb_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    Xml *m = ud;
    const char *e = local(el);
    if (strcmp(e, "sheet") == 0) {
        const char *rid = NULL;
        for (int i = 0; atts[i]; i += 2)
            if (strchr(atts[i], ':') && strcmp(local(atts[i]), "id") == 0)
                rid = atts[i + 1];
        add_entry(m, attr(atts, "name"), rid, NULL);
    } else if (strcmp(e, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        m->x->date1904 = d && (strcmp(d, "1") == 0 || strcasecmp(d, "true") == 0);
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *el)
{
    (void)ud, (void)el;
}

/* workbook.xml.rels: <Relationship Id=".." Target=".."/>. */
static void XMLCALL rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    Xml *m = ud;
    if (strcmp(local(el), "Relationship") == 0)
        add_entry(m, NULL, attr(atts, "Id"), attr(atts, "Target"));
}

/* ---- shared strings: <si> holds <t>, or runs <r><t>; <rPh> (phonetic) is not the text ---- */

static void strings_add(Xml *m)
{
    Xlsx *x = m->x;
    if (x->nstrings == x->strings_slots) {
        int slots = x->strings_slots ? x->strings_slots * 2 : 256;
        size_t *a = realloc(x->string_at, (size_t)slots * sizeof *a);
        if (!a) {
            workbook_fail(x->b, 0, 0, "out of memory");
            stop(m);
            return;
        }
        x->string_at = a;
        x->strings_slots = slots;
    }
    if (m->overlong) {
        x->string_at[x->nstrings++] = (size_t)-1;
        return;
    }
    if (x->strings_len + m->tlen + 1 > x->strings_cap) {
        size_t cap = x->strings_cap ? x->strings_cap : 4096;
        while (cap < x->strings_len + m->tlen + 1)
            cap *= 2;
        char *s = realloc(x->strings_buf, cap);
        if (!s) {
            workbook_fail(x->b, 0, 0, "out of memory");
            stop(m);
            return;
        }
        x->strings_buf = s;
        x->strings_cap = cap;
    }
    x->string_at[x->nstrings++] = x->strings_len;
    if (m->tlen)
        memcpy(x->strings_buf + x->strings_len, m->text, m->tlen);
    x->strings_len += m->tlen;
    x->strings_buf[x->strings_len++] = 0;
}

static void XMLCALL sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    (void)atts;
    Xml *m = ud;
    const char *e = local(el);
    if (strcmp(e, "si") == 0) {
        m->tlen = 0;
        m->overlong = 0;
    } else if (strcmp(e, "t") == 0) {
        m->collect++;
    } else if (strcmp(e, "rPh") == 0) {
        m->in_phonetic++;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *el)
{
    Xml *m = ud;
    const char *e = local(el);
    if (strcmp(e, "si") == 0)
        strings_add(m);
    else if (strcmp(e, "t") == 0)
        m->collect--;
    else if (strcmp(e, "rPh") == 0)
        m->in_phonetic--;
}

/* ---- styles: which cell formats show a number as a date ---- */

/* 1 if Excel's number format code shows a date or time: a d, m, y, h or s outside quotes,
 * brackets ([Red], [$-409]) and escapes, as openpyxl decides. */
static int format_is_date(const char *code)
{
    if (strcasecmp(code, "General") == 0)
        return 0;
    for (const char *c = code; *c; c++) {
        if (*c == '"') {
            c = strchr(c + 1, '"');
            if (!c)
                return 0;
        } else if (*c == '[') {
            const char *close = strchr(c, ']');
            if (!close)
                return 0;
            /* elapsed time [h] [mm] [ss] is a time */
            if (close - c >= 2 && strchr("hHmMsS", c[1]))
                return 1;
            c = close;
        } else if (*c == '\\' || *c == '_' || *c == '*') {
            if (!c[1])
                return 0;
            c++;
        } else if (strchr("dDmMyYhHsS", *c)) {
            return 1;
        }
    }
    return 0;
}

static int builtin_date(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

static void XMLCALL styles_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    Xml *m = ud;
    Xlsx *x = m->x;
    const char *e = local(el);
    if (strcmp(e, "numFmt") == 0 && m->nfmts < 256) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        if (id && code) {
            m->fmt_ids[m->nfmts] = atoi(id);
            m->fmt_dates[m->nfmts++] = format_is_date(code);
        }
    } else if (strcmp(e, "cellXfs") == 0) {
        m->in_cellxfs = 1;
    } else if (strcmp(e, "xf") == 0 && m->in_cellxfs) {
        if (x->nstyles >= 65536)
            return;
        unsigned char *d = realloc(x->date_style, (size_t)x->nstyles + 1);
        if (!d) {
            workbook_fail(x->b, 0, 0, "out of memory");
            stop(m);
            return;
        }
        x->date_style = d;
        const char *id = attr(atts, "numFmtId");
        int fid = id ? atoi(id) : 0, date = builtin_date(fid);
        for (int i = 0; i < m->nfmts; i++)
            if (m->fmt_ids[i] == fid)
                date = m->fmt_dates[i];
        x->date_style[x->nstyles++] = (unsigned char)date;
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *el)
{
    Xml *m = ud;
    if (strcmp(local(el), "cellXfs") == 0)
        m->in_cellxfs = 0;
}

/* ---- a sheet's cells ---- */

/* "C12" -> column 3, row 12; 0 when r is not a reference. */
static int parse_ref(const char *r, int *row, int *col)
{
    int c = 0, n = 0;
    for (; *r >= 'A' && *r <= 'Z'; r++) {
        c = c * 26 + (*r - 'A' + 1);
        if (c > 16384)
            return 0;
    }
    for (; *r >= '0' && *r <= '9'; r++) {
        n = n * 10 + (*r - '0');
        if (n > 1048576)
            return 0;
    }
    if (*r || c == 0 || n == 0)
        return 0;
    *row = n;
    *col = c;
    return 1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    Xml *m = ud;
    const char *e = local(el);
    if (strcmp(e, "row") == 0) {
        const char *r = attr(atts, "r");
        int n = r ? atoi(r) : 0;
        m->row = n > 0 && n <= 1048576 ? n : m->row + 1;
        m->col = 0;
    } else if (strcmp(e, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
        int row, col;
        if (r && parse_ref(r, &row, &col)) {
            m->row = row;
            m->col = col;
        } else {
            m->col++;
        }
        m->cell_type = !t || strcmp(t, "n") == 0 ? 'n'
                       : strcmp(t, "s") == 0      ? 's'
                       : strcmp(t, "inlineStr") == 0 ? 'i'
                       : strcmp(t, "b") == 0      ? 'b'
                       : strcmp(t, "e") == 0      ? 'e'
                       : strcmp(t, "d") == 0      ? 'd'
                                                  : 't';
        m->cell_style = s ? atoi(s) : 0;
        m->tlen = 0;
        m->overlong = 0;
        m->collect = 0;
    } else if (strcmp(e, "v") == 0 || strcmp(e, "t") == 0) {
        m->collect++;
    } else if (strcmp(e, "rPh") == 0) {
        m->in_phonetic++;
    }
}

static void cell_done(Xml *m)
{
    Xlsx *x = m->x;
    char num[32];
    const char *v = m->text ? m->text : "";
    size_t n = m->tlen;
    if (m->text)
        m->text[n] = 0;
    else
        v = "";
    if (m->overlong) {
        workbook_fail(x->b, m->row, m->col, "cell longer than %d bytes (CSV_FIELD_MAX)",
                      CSV_FIELD_MAX);
        stop(m);
        return;
    }
    if (n == 0)
        return;
    switch (m->cell_type) {
    case 's': {
        char *end;
        long i = strtol(v, &end, 10);
        if (*end || i < 0 || i >= x->nstrings) {
            workbook_fail(x->b, m->row, m->col, "broken .xlsx: no shared string %s", v);
            stop(m);
            return;
        }
        if (x->string_at[i] == (size_t)-1) {
            workbook_fail(x->b, m->row, m->col, "cell longer than %d bytes (CSV_FIELD_MAX)",
                          CSV_FIELD_MAX);
            stop(m);
            return;
        }
        v = x->strings_buf + x->string_at[i];
        n = strlen(v);
        break;
    }
    case 'b':
        v = strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0 ? "TRUE" : "FALSE";
        n = strlen(v);
        break;
    case 'n': {
        char *end;
        double d = strtod(v, &end);
        if (end == v || *end)
            break; /* not a number after all: kept as written */
        int date = m->cell_style >= 0 && m->cell_style < x->nstyles && x->date_style[m->cell_style];
        if (date)
            workbook_date_text(d, x->date1904, num);
        else
            workbook_number_text(d, num);
        v = num;
        n = strlen(num);
        break;
    }
    case 'd': /* ISO 8601 as written: 2020-01-31T10:00:00 -> 2020-01-31 10:00:00 */
        if (n > 10 && m->text[10] == 'T')
            m->text[10] = ' ';
        else if (n == 10) {
            snprintf(num, sizeof num, "%s 00:00:00", v);
            v = num;
            n = strlen(num);
        }
        break;
    default: /* inline and formula strings, errors (#N/A): the text */
        break;
    }
    if (workbook_set_cell(x->b, m->row, m->col, v, n) != 0)
        stop(m);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *el)
{
    Xml *m = ud;
    const char *e = local(el);
    if (strcmp(e, "c") == 0) {
        cell_done(m);
        m->collect = 0;
    } else if (strcmp(e, "v") == 0 || strcmp(e, "t") == 0) {
        m->collect--;
        if (m->collect < 0)
            m->collect = 0;
    } else if (strcmp(e, "rPh") == 0) {
        m->in_phonetic--;
    }
}

/* ---- the workbook ---- */

/* The part a relationship target names: relative to xl/, or absolute from the zip's root. */
static void part_name(const char *target, char *out, size_t n)
{
    if (target[0] == '/')
        snprintf(out, n, "%s", target + 1);
    else
        snprintf(out, n, "xl/%s", target);
}

int workbook_read_xlsx(WorkbookBuilder *b, const char *buf, size_t len)
{
    int rc = -1;
    Xlsx x = {0};
    x.b = b;
    Xml wbx = {0}, rels = {0};
    char *part = NULL;
    size_t plen = 0;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
    if (!src) {
        workbook_fail(b, 0, 0, "out of memory");
        goto done;
    }
    x.zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!x.zip) {
        zip_source_free(src);
        workbook_fail(b, 0, 0, "not a readable .xlsx workbook (truncated or damaged: %s)",
                      zip_error_strerror(&ze));
        goto done;
    }
    zip_int64_t entries = zip_get_num_entries(x.zip, 0);
    if (entries < 0 || entries > WORKBOOK_ENTRIES_MAX) {
        workbook_fail(b, 0, 0, "more than %d entries in the zip (WORKBOOK_ENTRIES_MAX): refused",
                      WORKBOOK_ENTRIES_MAX);
        goto done;
    }

    if (read_part(&x, "xl/workbook.xml", 0, &part, &plen) < 0 ||
        parse_xml(&x, &wbx, "xl/workbook.xml", part, plen, wb_start, no_end) != 0)
        goto done;
    free(part);
    part = NULL;
    if (read_part(&x, "xl/_rels/workbook.xml.rels", 0, &part, &plen) < 0 ||
        parse_xml(&x, &rels, "xl/_rels/workbook.xml.rels", part, plen, rels_start, no_end) != 0)
        goto done;
    free(part);
    part = NULL;

    /* shared strings and styles: where the relationships say, else the usual names */
    const char *sst = "sharedStrings.xml", *sty = "styles.xml";
    for (int i = 0; i < rels.n; i++) {
        size_t tl = strlen(rels.targets[i]);
        if (tl >= 17 && strcasecmp(rels.targets[i] + tl - 17, "sharedStrings.xml") == 0)
            sst = rels.targets[i];
        if (tl >= 10 && strcasecmp(rels.targets[i] + tl - 10, "styles.xml") == 0)
            sty = rels.targets[i];
    }
    char name[512];
    part_name(sst, name, sizeof name);
    Xml sx = {0};
    int got = read_part(&x, name, 1, &part, &plen);
    if (got < 0 || (got && parse_xml(&x, &sx, name, part, plen, sst_start, sst_end) != 0))
        goto done;
    free(part);
    part = NULL;
    part_name(sty, name, sizeof name);
    Xml st = {0};
    got = read_part(&x, name, 1, &part, &plen);
    if (got < 0 || (got && parse_xml(&x, &st, name, part, plen, styles_start, styles_end) != 0))
        goto done;
    free(part);
    part = NULL;

    for (int s = 0; s < wbx.n; s++) {
        int kept = workbook_open_sheet(b, wbx.names[s], wbx.n);
        if (kept < 0)
            goto done;
        if (!kept)
            continue;
        const char *target = NULL;
        for (int i = 0; i < rels.n; i++)
            if (strcmp(rels.ids[i], wbx.ids[s]) == 0)
                target = rels.targets[i];
        if (!target) {
            workbook_fail(b, 0, 0, "broken .xlsx: no part for sheet '%s'", wbx.names[s]);
            goto done;
        }
        part_name(target, name, sizeof name);
        Xml sh = {0};
        if (read_part(&x, name, 0, &part, &plen) < 0 ||
            parse_xml(&x, &sh, name, part, plen, sheet_start, sheet_end) != 0)
            goto done;
        free(part);
        part = NULL;
    }
    rc = 0;
done:
    free(part);
    free_lists(&wbx);
    free_lists(&rels);
    free(x.strings_buf);
    free(x.string_at);
    free(x.date_style);
    if (x.zip)
        zip_discard(x.zip);
    return rc;
}
