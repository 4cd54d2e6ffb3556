/* expr.c: the parser and evaluator of XLSForm expressions declared in expr.h.
 *
 * Start reading at expr_parse(): a lexer (lex) hands one token at a time to a recursive-descent
 * parser with one function per grammar rule; then eval(), which walks the tree.
 *
 * The tree stays shallow whatever the length of the expression. A chain `a or b or c` is stored
 * leaning right, OR(a, OR(b, OR...)), and eval and expr_each_ref follow the right-hand side of
 * a chain in a loop. A chain of one level's operators (`a + b - c`, `a = b`) is one E_CHAIN
 * node whose operands are a list, each carrying the operator before it, and a call's arguments
 * are a list too; lists are walked in loops. So recursion only goes as deep as the nesting:
 * every '(' (of a group or a call) and every unary '-' counts one level, the parser refuses more
 * than EXPR_DEPTH_MAX, and the work is bounded by EXPR_NODES_MAX.
 *
 * Values follow XPath 1.0: strings, numbers and booleans. A string is a number when it is,
 * optionally surrounded by spaces, '-'? digits ('.' digits?)? or '-'? '.' digits (strtod alone
 * would also take "inf", "nan", "0x1F", "1e3", so a text answer could turn into a number by
 * accident), or a date YYYY-MM-DD, which is its days since 1970-01-01 as in ODK.
 *
 * Strings made while evaluating (answers looked up, concat, numbers spelt out) go into one
 * scratch buffer of EXPR_SCRATCH_MAX bytes per evaluation, wiped before it is freed: answers
 * never outlive the evaluation, and a lookup may reuse its own buffer on every call. */
#include "expr.h"

#include <math.h>
#include <regex.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chorus_limits.h"

typedef enum {
    E_OR,
    E_AND, /* from expr_and() either side may be NULL: true */
    E_CHAIN,
    E_NEG,
    E_REF,
    E_CUR, /* '.' */
    E_COL, /* a bare name in a choice_filter: a column of the choice being filtered */
    E_STR,
    E_NUM,
    E_CALL,
} Kind;

typedef enum {
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, /* comparisons */
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,   /* arithmetic */
} Op;

typedef enum {
    F_TRUE, F_FALSE, F_NOT, F_BOOLEAN, F_IF, F_COALESCE,
    F_STRING, F_CONCAT, F_STRING_LENGTH, F_CONTAINS, F_STARTS_WITH, F_ENDS_WITH, F_SUBSTR,
    F_SUBSTRING_BEFORE, F_SUBSTRING_AFTER, F_NORMALIZE_SPACE, F_REGEX, F_JOIN,
    F_SELECTED, F_SELECTED_AT, F_COUNT_SELECTED, F_CHOICE_NAME,
    F_NUMBER, F_INT, F_ROUND, F_FLOOR, F_CEILING, F_ABS, F_POW, F_MIN, F_MAX, F_SUM, F_COUNT,
    F_POSITION, F_ONCE, F_TODAY, F_DATE,
} Fn;

/* The functions and how many arguments each takes (max -1: any number). */
static const struct {
    const char *name;
    Fn fn;
    int min, max;
} functions[] = {
    {"true", F_TRUE, 0, 0},
    {"false", F_FALSE, 0, 0},
    {"not", F_NOT, 1, 1},
    {"boolean", F_BOOLEAN, 1, 1},
    {"if", F_IF, 3, 3},
    {"coalesce", F_COALESCE, 2, 2},
    {"string", F_STRING, 1, 1},
    {"concat", F_CONCAT, 1, -1},
    {"string-length", F_STRING_LENGTH, 0, 1},
    {"contains", F_CONTAINS, 2, 2},
    {"starts-with", F_STARTS_WITH, 2, 2},
    {"ends-with", F_ENDS_WITH, 2, 2},
    {"substr", F_SUBSTR, 2, 3},
    {"substring-before", F_SUBSTRING_BEFORE, 2, 2},
    {"substring-after", F_SUBSTRING_AFTER, 2, 2},
    {"normalize-space", F_NORMALIZE_SPACE, 0, 1},
    {"regex", F_REGEX, 2, 2},
    {"join", F_JOIN, 2, -1},
    {"selected", F_SELECTED, 2, 2},
    {"selected-at", F_SELECTED_AT, 2, 2},
    {"count-selected", F_COUNT_SELECTED, 1, 1},
    {"jr:choice-name", F_CHOICE_NAME, 2, 2},
    {"number", F_NUMBER, 1, 1},
    {"int", F_INT, 1, 1},
    {"round", F_ROUND, 1, 2},
    {"floor", F_FLOOR, 1, 1},
    {"ceiling", F_CEILING, 1, 1},
    {"abs", F_ABS, 1, 1},
    {"pow", F_POW, 2, 2},
    {"min", F_MIN, 1, -1},
    {"max", F_MAX, 1, -1},
    {"sum", F_SUM, 1, 1},
    {"count", F_COUNT, 1, 1},
    {"position", F_POSITION, 0, 1},
    {"once", F_ONCE, 1, 1},
    {"today", F_TODAY, 0, 0},
    {"date", F_DATE, 1, 1},
};

/* Functions a kiosk will not run, and why. */
static const struct {
    const char *name, *why;
} refused[] = {
    {"now", "now() is the time of day, which Chorus never records: use today()"},
    {"pulldata", "pulldata() reads a file on the phone, which a kiosk does not have"},
    {"uuid", "uuid() makes an identifier, which Chorus does not keep"},
};

struct Expr {
    Kind kind;
    Op op;                 /* in a chain's list: the operator before this operand */
    Fn fn;                 /* E_CALL */
    int nargs;             /* E_CALL */
    const Expr *a, *b;     /* E_OR, E_AND: the two sides; E_NEG: a */
    const Expr *args;      /* E_CHAIN: the operands; E_CALL: the arguments; linked by next */
    const Expr *next;      /* the next operand or argument in the list this node is in */
    const char *text;      /* E_REF, E_COL: the name; E_STR: the string; jr:choice-name: the
                            * question */
    double num;            /* E_NUM */
};

/* ---- Lexer ---- */

typedef enum {
    T_END, T_LPAREN, T_RPAREN, T_COMMA, T_OP, T_REF, T_STR, T_NUM, T_NAME, T_DOT, T_DOTDOT
} TokKind;

typedef struct {
    TokKind kind;
    Op op;         /* T_OP */
    size_t off;    /* the token is src[off, end) */
    size_t end;
    size_t text;   /* T_REF, T_STR, T_NAME: the name or the string's contents are */
    size_t len;    /* src[text, text + len) */
} Token;

typedef struct {
    Arena *arena;
    const char *src;
    size_t len;
    size_t pos; /* where the token after tok starts */
    Token tok;
    int nodes, nest, failed;
    int columns; /* a choice_filter: a bare name is a column of the choice (E_COL) */
    ExprError *err;
} Parser;

__attribute__((format(printf, 3, 4))) static void fail(Parser *p, size_t off, const char *fmt,
                                                        ...)
{
    if (p->failed)
        return;
    p->failed = 1;
    if (!p->err)
        return;
    p->err->offset = off;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->reason, sizeof p->err->reason, fmt, ap);
    va_end(ap);
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_name_start(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static int is_name_char(int c) { return is_name_start(c) || is_digit(c) || c == '.' || c == '-'; }
/* Whether a name is prefix:name (jr:choice-name), not a column's label::English. */
static int prefixed(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ':')
            continue;
        if (i + 1 < n && s[i + 1] == ':') {
            i++;
            continue;
        }
        return 1;
    }
    return 0;
}
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Writes how a token reads in a message: quoted source text, shortened when long. */
static void describe(const Parser *p, const Token *t, char *out, size_t cap)
{
    if (t->kind == T_END) {
        snprintf(out, cap, "the end of the expression");
        return;
    }
    size_t n = t->end - t->off;
    snprintf(out, cap, "'%.*s%s'", (int)(n > 40 ? 40 : n), p->src + t->off, n > 40 ? "..." : "");
}

static int token_is(const Parser *p, const Token *t, const char *word)
{
    size_t n = strlen(word);
    return t->kind == T_NAME && t->len == n && memcmp(p->src + t->text, word, n) == 0;
}

/* ${name}: the token starts at off, on the '$'. */
static int lex_ref(Parser *p, Token *t, size_t off)
{
    const char *s = p->src;
    size_t i = off + 1;
    if (i >= p->len || s[i] != '{') {
        fail(p, off, "'$' must start a reference like ${name}");
        return -1;
    }
    size_t name = ++i;
    while (i < p->len && is_name_char((unsigned char)s[i]))
        i++;
    size_t n = i - name;
    if (i >= p->len) {
        fail(p, off, "'${' is never closed with '}'");
        return -1;
    }
    if (s[i] != '}' || n == 0 || !is_name_start((unsigned char)s[name])) {
        fail(p, off, "not a valid name in ${...}: a name starts with a letter or '_' and "
                     "goes on with letters, digits, '_', '.' or '-'");
        return -1;
    }
    if (n > SURVEY_NAME_MAX) {
        fail(p, off, "name in ${...} longer than %d bytes (SURVEY_NAME_MAX)", SURVEY_NAME_MAX);
        return -1;
    }
    t->kind = T_REF;
    t->text = name;
    t->len = n;
    t->end = i + 1;
    return 0;
}

/* Excel's AutoCorrect turns quotes curly: the one at i, if any, and the quote to type. */
static const char *curly_quote(const Parser *p, size_t i, const char **straight)
{
    static const struct {
        const char *bytes, *name, *straight;
    } curly[] = {
        {"\xE2\x80\x98", "\xE2\x80\x98 (U+2018)", "'"},
        {"\xE2\x80\x99", "\xE2\x80\x99 (U+2019)", "'"},
        {"\xE2\x80\x9C", "\xE2\x80\x9C (U+201C)", "\""},
        {"\xE2\x80\x9D", "\xE2\x80\x9D (U+201D)", "\""},
    };
    if (i + 3 > p->len)
        return NULL;
    for (size_t k = 0; k < sizeof curly / sizeof *curly; k++) {
        if (memcmp(p->src + i, curly[k].bytes, 3) == 0) {
            *straight = curly[k].straight;
            return curly[k].name;
        }
    }
    return NULL;
}

/* 'string' or "string": no escapes, as in XPath 1.0. */
static int lex_string(Parser *p, Token *t, size_t off)
{
    const char *s = p->src;
    char quote = s[off];
    size_t i = off + 1;
    while (i < p->len && s[i] != quote) {
        if (s[i] == '\0') {
            fail(p, i, "NUL byte in a string");
            return -1;
        }
        i++;
    }
    if (i >= p->len) {
        fail(p, off, "string opened here is never closed with %c", quote);
        return -1;
    }
    if (i - off - 1 > EXPR_VALUE_MAX) {
        fail(p, off, "string longer than %d bytes (EXPR_VALUE_MAX)", EXPR_VALUE_MAX);
        return -1;
    }
    t->kind = T_STR;
    t->text = off + 1;
    t->len = i - off - 1;
    t->end = i + 1;
    return 0;
}

/* digits ('.' digits?)? | '.' digits */
static int lex_number(Parser *p, Token *t, size_t off)
{
    const char *s = p->src;
    size_t i = off;
    while (i < p->len && is_digit((unsigned char)s[i]))
        i++;
    if (i < p->len && s[i] == '.') {
        i++;
        while (i < p->len && is_digit((unsigned char)s[i]))
            i++;
    }
    t->kind = T_NUM;
    t->text = off;
    t->len = i - off;
    t->end = i;
    return 0;
}

/* Reads the token at p->pos into p->tok. Returns 0, or -1 after fail(). */
static int next(Parser *p)
{
    const char *s = p->src;
    size_t i = p->pos;
    while (i < p->len && is_space((unsigned char)s[i]))
        i++;
    Token t = {T_END, OP_EQ, i, i, i, 0};
    if (i >= p->len) {
        p->tok = t;
        p->pos = i;
        return 0;
    }
    unsigned char c = (unsigned char)s[i];
    unsigned char d = i + 1 < p->len ? (unsigned char)s[i + 1] : 0;
    const char *straight = NULL, *curly = NULL;
    t.end = i + 1;
    switch (c) {
    case '(': t.kind = T_LPAREN; break;
    case ')': t.kind = T_RPAREN; break;
    case ',': t.kind = T_COMMA; break;
    case '=': t.kind = T_OP; t.op = OP_EQ; break;
    case '+': t.kind = T_OP; t.op = OP_ADD; break;
    case '-': t.kind = T_OP; t.op = OP_SUB; break;
    case '*': t.kind = T_OP; t.op = OP_MUL; break;
    case '<':
    case '>':
        t.kind = T_OP;
        t.op = d == '=' ? (c == '<' ? OP_LE : OP_GE) : (c == '<' ? OP_LT : OP_GT);
        t.end = i + (d == '=' ? 2 : 1);
        break;
    case '!':
        if (d != '=') {
            fail(p, i, "'!' on its own: write != for 'not equal', or not(...)");
            return -1;
        }
        t.kind = T_OP;
        t.op = OP_NE;
        t.end = i + 2;
        break;
    case '$':
        if (lex_ref(p, &t, i))
            return -1;
        break;
    case '\'':
    case '"':
        if (lex_string(p, &t, i))
            return -1;
        break;
    case '.':
        if (is_digit(d)) {
            if (lex_number(p, &t, i))
                return -1;
        } else if (d == '.') {
            t.kind = T_DOTDOT;
            t.end = i + 2;
        } else {
            t.kind = T_DOT;
        }
        break;
    default:
        if (is_digit(c)) {
            if (lex_number(p, &t, i))
                return -1;
        } else if (is_name_start(c)) {
            /* a name, or prefix:name (jr:choice-name); in a choice_filter, a column named
             * as XLSForm names a translation (label::English) */
            size_t j = i + 1;
            while (j < p->len) {
                if (p->columns && j + 2 < p->len && s[j] == ':' && s[j + 1] == ':' &&
                    is_name_start((unsigned char)s[j + 2]))
                    j += 2;
                else if (is_name_char((unsigned char)s[j]) ||
                         (s[j] == ':' && j + 1 < p->len && is_name_start((unsigned char)s[j + 1])))
                    j++;
                else
                    break;
            }
            t.kind = T_NAME;
            t.text = i;
            t.len = j - i;
            t.end = j;
        } else if ((curly = curly_quote(p, i, &straight))) {
            fail(p, i, "Excel's curly quote %s: type a straight %s instead (Excel's AutoCorrect "
                       "makes them; so does copying from a document)",
                 curly, straight);
            return -1;
        } else if (c >= 0x21 && c < 0x7F) {
            fail(p, i, "unexpected character '%c'", c);
            return -1;
        } else {
            fail(p, i, "unexpected byte 0x%02X", c);
            return -1;
        }
    }
    p->tok = t;
    p->pos = t.end;
    return 0;
}

/* ---- Parser ---- */

static int count_node(Parser *p, size_t off)
{
    if (++p->nodes > EXPR_NODES_MAX) {
        fail(p, off, "expression has more than %d parts (EXPR_NODES_MAX)", EXPR_NODES_MAX);
        return -1;
    }
    return 0;
}

static Expr *node(Parser *p, Kind kind, size_t off)
{
    if (count_node(p, off))
        return NULL;
    Expr *e = arena_alloc(p->arena, sizeof *e);
    if (!e) {
        fail(p, off, "out of memory");
        return NULL;
    }
    e->kind = kind;
    return e;
}

static int nest_in(Parser *p, size_t off)
{
    if (++p->nest > EXPR_DEPTH_MAX) {
        fail(p, off, "nested more than %d deep (EXPR_DEPTH_MAX)", EXPR_DEPTH_MAX);
        return -1;
    }
    return 0;
}

/* Consumes a '(' that opens a nested level. */
static int open_paren(Parser *p, const char *after)
{
    if (p->tok.kind != T_LPAREN) {
        char got[64];
        describe(p, &p->tok, got, sizeof got);
        fail(p, p->tok.off, "expected '(' after '%s' but found %s", after, got);
        return -1;
    }
    if (nest_in(p, p->tok.off))
        return -1;
    return next(p);
}

/* Consumes the token kind `want` (spelt `what`), which belongs to the '(' at open. */
static int expect(Parser *p, TokKind want, const char *what, size_t open)
{
    if (p->tok.kind == want)
        return next(p);
    if (p->tok.kind == T_END) {
        fail(p, open, "'(' opened here is never closed with ')'");
        return -1;
    }
    char got[64];
    describe(p, &p->tok, got, sizeof got);
    fail(p, p->tok.off, "expected %s but found %s", what, got);
    return -1;
}

static int close_paren(Parser *p, size_t open)
{
    if (expect(p, T_RPAREN, "')'", open))
        return -1;
    p->nest--;
    return 0;
}

static Expr *parse_or(Parser *p);

/* XLSForm regexes are written for Java and JavaScript: \d, \w and \s become POSIX classes.
 * Returns 0 with the pattern in out, or -1 when it does not fit. */
static int posix_pattern(const char *re, char *out, size_t cap)
{
    size_t o = 0;
    int in_class = 0;
    for (const char *s = re; *s; s++) {
        const char *add = NULL;
        char one[3] = {s[0], 0, 0};
        if (*s == '\\' && s[1]) {
            char c = s[1];
            if (c == 'd')
                add = in_class ? "0-9" : "[0-9]";
            else if (c == 'D')
                add = "[^0-9]";
            else if (c == 'w')
                add = in_class ? "[:alnum:]_" : "[[:alnum:]_]";
            else if (c == 'W')
                add = "[^[:alnum:]_]";
            else if (c == 's')
                add = in_class ? "[:space:]" : "[[:space:]]";
            else if (c == 'S')
                add = "[^[:space:]]";
            else {
                one[1] = c;
                add = one;
            }
            s++;
        } else {
            if (*s == '[' && !in_class)
                in_class = 1;
            else if (*s == ']' && in_class && s[-1] != '[' && !(s[-1] == '^' && s[-2] == '['))
                in_class = 0;
            add = one;
        }
        size_t n = strlen(add);
        if (o + n + 1 > cap)
            return -1;
        memcpy(out + o, add, n);
        o += n;
    }
    out[o] = '\0';
    return 0;
}

/* Whether pattern compiles; if not, why into why (cap bytes). */
static int regex_ok(const char *pattern, char *why, size_t cap)
{
    char posix[EXPR_VALUE_MAX * 4 + 1];
    if (posix_pattern(pattern, posix, sizeof posix) != 0) {
        snprintf(why, cap, "pattern too long");
        return 0;
    }
    regex_t re;
    int rc = regcomp(&re, posix, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        regerror(rc, &re, why, cap);
        return 0;
    }
    regfree(&re);
    return 1;
}

/* A word where a value belongs: a call of one of the functions, or an error. */
static Expr *parse_call(Parser *p)
{
    Token name = p->tok;
    int n = (int)(name.len > 64 ? 64 : name.len);
    for (size_t k = 0; k < sizeof refused / sizeof *refused; k++) {
        if (token_is(p, &name, refused[k].name)) {
            fail(p, name.off, "%s", refused[k].why);
            return NULL;
        }
    }
    size_t f = 0, nf = sizeof functions / sizeof functions[0];
    while (f < nf && !token_is(p, &name, functions[f].name))
        f++;
    if (f == nf) {
        size_t i = name.end;
        while (i < p->len && is_space((unsigned char)p->src[i]))
            i++;
        int keyword = token_is(p, &name, "and") || token_is(p, &name, "or") ||
                      token_is(p, &name, "div") || token_is(p, &name, "mod");
        if (p->columns && !keyword && !(i < p->len && p->src[i] == '(') &&
            !prefixed(p->src + name.text, name.len)) {
            /* choice_filter: `state = ${state}` reads the choice's own column "state" */
            Expr *e = node(p, E_COL, name.off);
            if (!e)
                return NULL;
            if (!(e->text = arena_strndup(p->arena, p->src + name.text, name.len))) {
                fail(p, name.off, "out of memory");
                return NULL;
            }
            return next(p) ? NULL : e;
        }
        if (keyword)
            fail(p, name.off, "expected a value but found '%.*s'", n, p->src + name.text);
        else if (i < p->len && p->src[i] == '(')
            fail(p, name.off, "unknown function '%.*s'", n, p->src + name.text);
        else
            fail(p, name.off, "unexpected word '%.*s' (a string needs quotes, a reference ${})",
                 n, p->src + name.text);
        return NULL;
    }
    const char *fname = functions[f].name;
    if (next(p))
        return NULL;
    size_t open = p->tok.off;
    if (p->tok.kind != T_LPAREN) {
        char got[64];
        describe(p, &p->tok, got, sizeof got);
        fail(p, open, "expected '(' after '%s' but found %s", fname, got);
        return NULL;
    }
    if (next(p))
        return NULL;
    Expr *e = node(p, E_CALL, name.off);
    if (!e)
        return NULL;
    e->fn = functions[f].fn;
    Expr *tail = NULL;
    /* Only a call with arguments nests: true() is as deep as a number. */
    if (p->tok.kind == T_END) {
        fail(p, open, "'(' opened here is never closed with ')'");
        return NULL;
    }
    int nested = p->tok.kind != T_RPAREN;
    if (nested && nest_in(p, open))
        return NULL;
    if (nested) {
        for (;;) {
            Token at = p->tok;
            Expr *arg;
            if (e->fn == F_POSITION && at.kind == T_DOTDOT) {
                /* position(..): the instance of the repeat it is in (1 outside repeats) */
                if (!(arg = node(p, E_STR, at.off)) || next(p))
                    return NULL;
                arg->text = "..";
            } else if (!(arg = parse_or(p))) {
                return NULL;
            }
            if (e->fn == F_REGEX && e->nargs == 1 && arg->kind == E_STR) {
                char why[160];
                if (!regex_ok(arg->text, why, sizeof why)) {
                    fail(p, at.off, "regex(): the pattern does not read: %s", why);
                    return NULL;
                }
            }
            if (e->fn == F_CHOICE_NAME && e->nargs == 1) {
                /* jr:choice-name(value, '${question}'): the question whose labels to use */
                const char *t = arg->kind == E_STR ? arg->text : "";
                size_t tl = strlen(t);
                if (tl < 4 || strncmp(t, "${", 2) != 0 || t[tl - 1] != '}' ||
                    !(e->text = arena_strndup(p->arena, t + 2, tl - 3))) {
                    fail(p, at.off, "jr:choice-name() needs the question in quotes as its "
                                    "second argument, like '${q}'");
                    return NULL;
                }
            }
            if (tail)
                tail->next = arg;
            else
                e->args = arg;
            tail = arg;
            e->nargs++;
            if (p->tok.kind == T_COMMA) {
                if (next(p))
                    return NULL;
                continue;
            }
            if (p->tok.kind == T_RPAREN || p->tok.kind == T_END)
                break;
            char got[64];
            describe(p, &p->tok, got, sizeof got);
            fail(p, p->tok.off, "expected ',' or ')' but found %s", got);
            return NULL;
        }
    }
    if (expect(p, T_RPAREN, "')'", open))
        return NULL;
    p->nest -= nested;
    int min = functions[f].min, max = functions[f].max;
    if (e->nargs < min || (max >= 0 && e->nargs > max)) {
        char want[48];
        if (min == max)
            snprintf(want, sizeof want, "%d argument%s", min, min == 1 ? "" : "s");
        else if (max < 0)
            snprintf(want, sizeof want, "at least %d argument%s", min, min == 1 ? "" : "s");
        else
            snprintf(want, sizeof want, "%d to %d arguments", min, max);
        fail(p, name.off, "%s() takes %s, not %d", fname, want, e->nargs);
        return NULL;
    }
    return e;
}

/* atom := '(' or ')' | ${name} | '.' | string | number | function call */
static Expr *parse_atom(Parser *p)
{
    Token t = p->tok;
    Expr *e = NULL;
    switch (t.kind) {
    case T_LPAREN:
        if (open_paren(p, "(") || !(e = parse_or(p)) || close_paren(p, t.off))
            return NULL;
        return e;
    case T_REF:
    case T_STR:
        if (!(e = node(p, t.kind == T_REF ? E_REF : E_STR, t.off)))
            return NULL;
        if (!(e->text = arena_strndup(p->arena, p->src + t.text, t.len))) {
            fail(p, t.off, "out of memory");
            return NULL;
        }
        return next(p) ? NULL : e;
    case T_DOT:
        if (!(e = node(p, E_CUR, t.off)))
            return NULL;
        return next(p) ? NULL : e;
    case T_NUM: {
        if (!(e = node(p, E_NUM, t.off)))
            return NULL;
        char *digits = arena_strndup(p->arena, p->src + t.text, t.len);
        if (!digits) {
            fail(p, t.off, "out of memory");
            return NULL;
        }
        e->num = strtod(digits, NULL);
        return next(p) ? NULL : e;
    }
    case T_NAME:
        return parse_call(p);
    case T_DOTDOT:
        fail(p, t.off, "'..' (a path) is only understood in position(..): refer to a question "
                       "as ${name}");
        return NULL;
    default: {
        char got[64];
        describe(p, &t, got, sizeof got);
        fail(p, t.off, "expected a value but found %s", got);
        return NULL;
    }
    }
}

/* unary := '-' unary | atom */
static Expr *parse_unary(Parser *p)
{
    if (p->tok.kind != T_OP || p->tok.op != OP_SUB)
        return parse_atom(p);
    size_t off = p->tok.off;
    if (nest_in(p, off))
        return NULL;
    Expr *e = node(p, E_NEG, off);
    if (!e || next(p) || !(e->a = parse_unary(p)))
        return NULL;
    p->nest--;
    return e;
}

/* The levels of binary operators, loosest first after and/or. */
typedef enum { L_EQ, L_REL, L_ADD, L_MUL } Level;

/* Whether the current token is an operator of level lv; if so, which. */
static int level_op(const Parser *p, Level lv, Op *op)
{
    const Token *t = &p->tok;
    if (lv == L_MUL && (token_is(p, t, "div") || token_is(p, t, "mod"))) {
        *op = token_is(p, t, "div") ? OP_DIV : OP_MOD;
        return 1;
    }
    if (t->kind != T_OP)
        return 0;
    *op = t->op;
    switch (lv) {
    case L_EQ: return t->op == OP_EQ || t->op == OP_NE;
    case L_REL: return t->op >= OP_LT && t->op <= OP_GE;
    case L_ADD: return t->op == OP_ADD || t->op == OP_SUB;
    default: return t->op == OP_MUL;
    }
}

/* level := lower (op lower)*, one E_CHAIN node for two operands or more. */
static Expr *parse_level(Parser *p, Level lv)
{
    Expr *first = lv == L_MUL ? parse_unary(p) : parse_level(p, (Level)(lv + 1));
    Op op;
    if (!first || !level_op(p, lv, &op))
        return first;
    Expr *chain = node(p, E_CHAIN, p->tok.off);
    if (!chain)
        return NULL;
    chain->args = first;
    Expr *tail = first;
    while (level_op(p, lv, &op)) {
        size_t off = p->tok.off;
        if (count_node(p, off) || next(p))
            return NULL;
        Expr *rhs = lv == L_MUL ? parse_unary(p) : parse_level(p, (Level)(lv + 1));
        if (!rhs)
            return NULL;
        rhs->op = op;
        tail->next = rhs;
        tail = rhs;
    }
    return chain;
}

static Expr *parse_eq(Parser *p) { return parse_level(p, L_EQ); }

/* A right-leaning chain of `kind` nodes joining operands read by `operand`, separated by the
 * keyword `word`. */
static Expr *parse_chain(Parser *p, Kind kind, const char *word, Expr *(*operand)(Parser *))
{
    Expr *first = operand(p);
    if (!first || !token_is(p, &p->tok, word))
        return first;
    Expr *head = node(p, kind, p->tok.off);
    if (!head)
        return NULL;
    head->a = first;
    Expr *tail = head;
    for (;;) {
        if (next(p)) /* the keyword */
            return NULL;
        Expr *rhs = operand(p);
        if (!rhs)
            return NULL;
        if (!token_is(p, &p->tok, word)) {
            tail->b = rhs;
            return head;
        }
        Expr *link = node(p, kind, p->tok.off);
        if (!link)
            return NULL;
        link->a = rhs;
        tail->b = link;
        tail = link;
    }
}

static Expr *parse_and(Parser *p) { return parse_chain(p, E_AND, "and", parse_eq); }
static Expr *parse_or(Parser *p) { return parse_chain(p, E_OR, "or", parse_and); }

/* Whether the word is and/or/not/div/mod in some other case, as in "AND". */
static int is_keyword_in_caps(const char *w, size_t n)
{
    static const char *const words[] = {"and", "or", "not", "div", "mod"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (strlen(words[k]) != n || memcmp(words[k], w, n) == 0)
            continue;
        size_t i = 0;
        while (i < n && (w[i] | 0x20) == words[k][i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

static Expr *parse_with(Arena *a, const char *src, size_t len, int columns, ExprError *err);

Expr *expr_parse(Arena *a, const char *src, size_t len, ExprError *err)
{
    return parse_with(a, src, len, 0, err);
}

Expr *expr_parse_filter(Arena *a, const char *src, size_t len, ExprError *err)
{
    return parse_with(a, src, len, 1, err);
}

static Expr *parse_with(Arena *a, const char *src, size_t len, int columns, ExprError *err)
{
    Parser p = {0};
    p.columns = columns;
    p.arena = a;
    p.src = src;
    p.len = len;
    p.err = err;
    if (next(&p))
        return NULL;
    if (p.tok.kind == T_END) {
        fail(&p, 0, "empty expression");
        return NULL;
    }
    Expr *e = parse_or(&p);
    if (!e)
        return NULL;
    if (p.tok.kind != T_END) {
        char got[64];
        describe(&p, &p.tok, got, sizeof got);
        if (p.tok.kind == T_RPAREN)
            fail(&p, p.tok.off, "')' without a matching '('");
        else if (p.tok.kind == T_NAME && is_keyword_in_caps(p.src + p.tok.text, p.tok.len))
            fail(&p, p.tok.off, "unexpected %s (and, or, not, div, mod are written in lowercase)",
                 got);
        else
            fail(&p, p.tok.off, "unexpected %s after a complete expression", got);
        return NULL;
    }
    return e;
}

/* ---- Walking ---- */

int expr_each_ref(const Expr *e, int (*fn)(const char *name, void *ctx), void *ctx)
{
    while (e) {
        switch (e->kind) {
        case E_REF:
            return fn(e->text, ctx);
        case E_OR:
        case E_AND: {
            int rc = expr_each_ref(e->a, fn, ctx);
            if (rc)
                return rc;
            e = e->b; /* in a loop, so a long chain costs no stack */
            break;
        }
        case E_NEG:
            e = e->a;
            break;
        case E_CHAIN:
        case E_CALL:
            for (const Expr *x = e->args; x; x = x->next) {
                int rc = expr_each_ref(x, fn, ctx);
                if (rc)
                    return rc;
            }
            if (e->kind == E_CALL && e->fn == F_CHOICE_NAME)
                return fn(e->text, ctx);
            return 0;
        default:
            return 0;
        }
    }
    return 0;
}

int expr_each_column(const Expr *e, int (*fn)(const char *name, void *ctx), void *ctx)
{
    while (e) {
        switch (e->kind) {
        case E_COL:
            return fn(e->text, ctx);
        case E_OR:
        case E_AND: {
            int rc = expr_each_column(e->a, fn, ctx);
            if (rc)
                return rc;
            e = e->b;
            break;
        }
        case E_NEG:
            e = e->a;
            break;
        case E_CHAIN:
        case E_CALL:
            for (const Expr *x = e->args; x; x = x->next) {
                int rc = expr_each_column(x, fn, ctx);
                if (rc)
                    return rc;
            }
            return 0;
        default:
            return 0;
        }
    }
    return 0;
}

int expr_uses_current(const Expr *e)
{
    while (e) {
        switch (e->kind) {
        case E_CUR:
            return 1;
        case E_OR:
        case E_AND:
            if (expr_uses_current(e->a))
                return 1;
            e = e->b;
            break;
        case E_NEG:
            e = e->a;
            break;
        case E_CHAIN:
        case E_CALL:
            if (e->kind == E_CALL && e->fn == F_ONCE)
                return 1;
            for (const Expr *x = e->args; x; x = x->next)
                if (expr_uses_current(x))
                    return 1;
            return 0;
        default:
            return 0;
        }
    }
    return 0;
}

/* ---- Evaluating ---- */

typedef struct {
    const ExprEnv *env;
    char *buf; /* scratch for strings, EXPR_SCRATCH_MAX bytes */
    size_t used, high;
    int full; /* a string did not fit: the value is no answer */
} Env;

typedef enum { V_STR, V_NUM, V_BOOL } VType;

typedef struct {
    VType type;
    const char *s; /* V_STR */
    double n;      /* V_NUM */
    int b;         /* V_BOOL */
} Value;

static Value eval(const Expr *e, Env *env);

static Value boolean(int b) { return (Value){V_BOOL, NULL, 0, b != 0}; }
static Value number(double n) { return (Value){V_NUM, NULL, n, 0}; }
static Value string(const char *s) { return (Value){V_STR, s, 0, 0}; }

/* n bytes of scratch, or NULL when it is full (the value then reads as ""). */
static char *scratch(Env *env, size_t n)
{
    if (!env->buf || n > EXPR_SCRATCH_MAX - env->used) {
        env->full = 1;
        return NULL;
    }
    char *s = env->buf + env->used;
    env->used += n;
    if (env->used > env->high)
        env->high = env->used;
    return s;
}

static const char *copy_str(Env *env, const char *s, size_t n)
{
    char *c = scratch(env, n + 1);
    if (!c)
        return "";
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

static int truth_of(Value v)
{
    switch (v.type) {
    case V_STR: return v.s[0] != '\0';
    case V_NUM: return v.n != 0 && !isnan(v.n);
    default: return v.b;
    }
}

/* The truth of e; strings it made are given back to the scratch. */
static int truth(const Expr *e, Env *env)
{
    size_t mark = env->used;
    int t = truth_of(eval(e, env));
    env->used = mark;
    return t;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* Whether s is a date YYYY-MM-DD; if so its days since 1970-01-01 go to *out. */
static int parse_date(const char *s, double *out)
{
    while (is_space((unsigned char)*s))
        s++;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !is_digit((unsigned char)s[i]))
            return 0;
    const char *t = s + 10;
    while (is_space((unsigned char)*t))
        t++;
    if (*t)
        return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
        (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
        return 0;
    *out = (double)days_from_civil(y, (unsigned)m, (unsigned)d);
    return 1;
}

/* Whether s reads as an XPath Number (or a date); if so its value goes to *out. */
static int parse_number(const char *s, double *out)
{
    const char *i = s;
    while (is_space((unsigned char)*i))
        i++;
    const char *start = i;
    if (*i == '-')
        i++;
    int digits = 0;
    while (is_digit((unsigned char)*i))
        i++, digits++;
    if (*i == '.') {
        i++;
        while (is_digit((unsigned char)*i))
            i++, digits++;
    }
    while (is_space((unsigned char)*i))
        i++;
    if (!digits || *i)
        return parse_date(s, out);
    *out = strtod(start, NULL);
    return 1;
}

static int to_number(Value v, double *out)
{
    switch (v.type) {
    case V_NUM: *out = v.n; return !isnan(v.n);
    case V_BOOL: *out = v.b; return 1;
    default: return parse_number(v.s, out);
    }
}

/* XPath's number(): NaN for what is not a number. */
static double num_of(Value v)
{
    double x;
    return to_number(v, &x) ? x : NAN;
}

/* The string value of v; a number is spelt into scratch. */
static const char *str_of(Value v, Env *env)
{
    switch (v.type) {
    case V_STR: return v.s;
    case V_BOOL: return v.b ? "true" : "false";
    default: {
        if (isnan(v.n))
            return "NaN";
        if (isinf(v.n))
            return v.n > 0 ? "Infinity" : "-Infinity";
        if (v.n == 0)
            return "0";
        char buf[32];
        if (v.n == floor(v.n) && fabs(v.n) < 1e15)
            snprintf(buf, sizeof buf, "%.0f", v.n);
        else
            snprintf(buf, sizeof buf, "%.15g", v.n);
        return copy_str(env, buf, strlen(buf));
    }
    }
}

static int compare(Op op, Value l, Value r)
{
    double x, y;
    if (op == OP_EQ || op == OP_NE) {
        int eq;
        if (l.type == V_NUM || r.type == V_NUM) {
            if (!to_number(l, &x) || !to_number(r, &y))
                return 0; /* a number against a non-number: false, even for != */
            eq = x == y;
        } else if (l.type == V_BOOL || r.type == V_BOOL) {
            eq = truth_of(l) == truth_of(r);
        } else {
            eq = strcmp(l.s, r.s) == 0;
        }
        return op == OP_EQ ? eq : !eq;
    }
    if (!to_number(l, &x) || !to_number(r, &y))
        return 0;
    switch (op) {
    case OP_LT: return x < y;
    case OP_LE: return x <= y;
    case OP_GT: return x > y;
    default: return x >= y;
    }
}

static Value apply(Op op, Value l, Value r)
{
    if (op <= OP_GE)
        return boolean(compare(op, l, r));
    double x = num_of(l), y = num_of(r);
    switch (op) {
    case OP_ADD: return number(x + y);
    case OP_SUB: return number(x - y);
    case OP_MUL: return number(x * y);
    case OP_DIV: return number(x / y);
    default: return number(fmod(x, y));
    }
}

/* The token at index i of a space-separated list, or NULL. */
static const char *token_at(const char *list, long i, size_t *len)
{
    const char *s = list;
    for (long k = 0; *s; k++) {
        while (is_space((unsigned char)*s))
            s++;
        if (!*s)
            break;
        const char *t = s;
        while (*s && !is_space((unsigned char)*s))
            s++;
        if (k == i) {
            *len = (size_t)(s - t);
            return t;
        }
    }
    return NULL;
}

/* Whether item is one of the space-separated tokens of list. */
static int selected(const char *list, const char *item)
{
    size_t n = strlen(item), len;
    const char *t;
    for (long i = 0; n && (t = token_at(list, i, &len)); i++)
        if (len == n && memcmp(t, item, n) == 0)
            return 1;
    return 0;
}

static long count_tokens(const char *list)
{
    long n = 0;
    size_t len;
    while (token_at(list, n, &len))
        n++;
    return n;
}

/* UTF-8 characters in s. */
static long chars(const char *s)
{
    long n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The byte offset of character i of s (its length when i is past the end). */
static size_t char_offset(const char *s, long i)
{
    size_t o = 0;
    for (long k = 0; s[o] && k < i; k++) {
        o++;
        while (((unsigned char)s[o] & 0xC0) == 0x80)
            o++;
    }
    return o;
}

static Value lookup(Env *env, const char *name)
{
    const ExprEnv *x = env->env;
    const char *s = x && x->value ? x->value(name, x->ctx) : NULL;
    return string(s ? copy_str(env, s, strlen(s)) : "");
}

static Value date_value(Env *env, long days)
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return string(copy_str(env, buf, strlen(buf)));
}

static Value today(Env *env)
{
    const ExprEnv *x = env->env;
    int y, m, d;
    if (x && x->year) {
        y = x->year, m = x->month, d = x->day;
    } else {
        time_t now = time(NULL);
        struct tm tm;
        if (!localtime_r(&now, &tm))
            return string("");
        y = tm.tm_year + 1900, m = tm.tm_mon + 1, d = tm.tm_mday;
    }
    return date_value(env, days_from_civil(y, (unsigned)m, (unsigned)d));
}

static int regex_match(const char *s, const char *pattern)
{
    char posix[EXPR_VALUE_MAX * 4 + 1];
    if (posix_pattern(pattern, posix, sizeof posix) != 0)
        return 0;
    regex_t re;
    if (regcomp(&re, posix, REG_EXTENDED | REG_NOSUB) != 0)
        return 0;
    int rc = regexec(&re, s, 0, NULL, 0) == 0;
    regfree(&re);
    return rc;
}

static double round_to(double x, double digits)
{
    double k = pow(10, isnan(digits) ? 0 : trunc(digits));
    return floor(x * k + 0.5) / k;
}

static Value call(const Expr *e, Env *env)
{
    const Expr *a0 = e->args, *a1 = a0 ? a0->next : NULL, *a2 = a1 ? a1->next : NULL;
    switch (e->fn) {
    case F_TRUE: return boolean(1);
    case F_FALSE: return boolean(0);
    case F_NOT: return boolean(!truth(a0, env));
    case F_BOOLEAN: return boolean(truth(a0, env));
    case F_IF: return truth(a0, env) ? eval(a1, env) : eval(a2, env);
    case F_COALESCE: {
        Value v = eval(a0, env);
        const char *s = str_of(v, env);
        return *s && !(v.type == V_NUM && isnan(v.n)) ? v : eval(a1, env);
    }
    case F_STRING: return string(str_of(eval(a0, env), env));
    case F_CONCAT:
    case F_JOIN: {
        /* Each part is appended in place at the end of the scratch, where the string grows. */
        const char *sep = "";
        size_t seplen = 0;
        const Expr *x = a0;
        if (e->fn == F_JOIN) {
            sep = str_of(eval(a0, env), env);
            seplen = strlen(sep);
            x = a1;
        }
        char *out = NULL;
        size_t len = 0;
        for (int first = 1; x; x = x->next, first = 0) {
            size_t mark = env->used;
            const char *part = str_of(eval(x, env), env);
            size_t n = strlen(part);
            char *tmp = malloc(n + seplen + 1);
            if (!tmp) {
                env->full = 1;
                return string("");
            }
            memcpy(tmp, first ? "" : sep, first ? 0 : seplen);
            memcpy(tmp + (first ? 0 : seplen), part, n + 1);
            size_t add = n + (first ? 0 : seplen);
            env->used = mark; /* the part's own strings are no longer needed */
            if (!out)
                out = scratch(env, 1);
            if (!out || add > EXPR_SCRATCH_MAX - env->used) {
                env->full = 1;
                sodium_memzero(tmp, add);
                free(tmp);
                return string("");
            }
            /* out is the newest string in the scratch, so it can grow in place */
            memcpy(out + len, tmp, add);
            env->used += add;
            if (env->used > env->high)
                env->high = env->used;
            len += add;
            out[len] = '\0';
            sodium_memzero(tmp, add);
            free(tmp);
        }
        return string(out ? out : "");
    }
    case F_STRING_LENGTH:
        return number((double)chars(a0 ? str_of(eval(a0, env), env) : lookup(env, ".").s));
    case F_CONTAINS:
    case F_STARTS_WITH:
    case F_ENDS_WITH:
    case F_SUBSTRING_BEFORE:
    case F_SUBSTRING_AFTER: {
        const char *s = str_of(eval(a0, env), env);
        const char *t = str_of(eval(a1, env), env);
        size_t n = strlen(s), k = strlen(t);
        const char *at = strstr(s, t);
        switch (e->fn) {
        case F_CONTAINS: return boolean(at != NULL);
        case F_STARTS_WITH: return boolean(strncmp(s, t, k) == 0);
        case F_ENDS_WITH: return boolean(n >= k && strcmp(s + n - k, t) == 0);
        case F_SUBSTRING_BEFORE: return string(at ? copy_str(env, s, (size_t)(at - s)) : "");
        default: return string(at ? at + k : "");
        }
    }
    case F_SUBSTR: {
        const char *s = str_of(eval(a0, env), env);
        double from = num_of(eval(a1, env));
        double to = a2 ? num_of(eval(a2, env)) : (double)chars(s);
        long len = chars(s);
        if (isnan(from) || isnan(to))
            return string("");
        long f = from < 0 ? 0 : from > len ? len : (long)from;
        long t = to > len ? len : to < f ? f : (long)to;
        size_t bf = char_offset(s, f), bt = char_offset(s, t);
        return string(copy_str(env, s + bf, bt - bf));
    }
    case F_NORMALIZE_SPACE: {
        const char *s = a0 ? str_of(eval(a0, env), env) : lookup(env, ".").s;
        char *out = scratch(env, strlen(s) + 1);
        if (!out)
            return string("");
        size_t o = 0;
        for (const char *c = s; *c; c++) {
            if (is_space((unsigned char)*c)) {
                if (o && !is_space((unsigned char)c[1]) && c[1])
                    out[o++] = ' ';
            } else {
                out[o++] = *c;
            }
        }
        out[o] = '\0';
        return string(out);
    }
    case F_REGEX: {
        const char *s = str_of(eval(a0, env), env);
        return boolean(regex_match(s, str_of(eval(a1, env), env)));
    }
    case F_SELECTED: {
        const char *list = str_of(eval(a0, env), env);
        return boolean(selected(list, str_of(eval(a1, env), env)));
    }
    case F_SELECTED_AT: {
        const char *list = str_of(eval(a0, env), env);
        double i = num_of(eval(a1, env));
        size_t len = 0;
        const char *t = isnan(i) || i < 0 ? NULL : token_at(list, (long)i, &len);
        return string(t ? copy_str(env, t, len) : "");
    }
    case F_COUNT_SELECTED: return number((double)count_tokens(str_of(eval(a0, env), env)));
    case F_CHOICE_NAME: {
        const char *choice = str_of(eval(a0, env), env);
        const ExprEnv *x = env->env;
        const char *label = x && x->choice_label && *choice
                                ? x->choice_label(e->text, choice, x->ctx)
                                : NULL;
        return string(label ? copy_str(env, label, strlen(label)) : choice);
    }
    case F_NUMBER: return number(num_of(eval(a0, env)));
    case F_INT: return number(trunc(num_of(eval(a0, env))));
    case F_ROUND: {
        double x = num_of(eval(a0, env));
        return number(round_to(x, a1 ? num_of(eval(a1, env)) : 0));
    }
    case F_FLOOR: return number(floor(num_of(eval(a0, env))));
    case F_CEILING: return number(ceil(num_of(eval(a0, env))));
    case F_ABS: return number(fabs(num_of(eval(a0, env))));
    case F_POW: {
        double x = num_of(eval(a0, env));
        return number(pow(x, num_of(eval(a1, env))));
    }
    case F_MIN:
    case F_MAX: {
        double best = NAN;
        for (const Expr *x = a0; x; x = x->next) {
            double v = num_of(eval(x, env));
            if (isnan(v))
                return number(NAN);
            if (x == a0 || (e->fn == F_MIN ? v < best : v > best))
                best = v;
        }
        return number(best);
    }
    case F_SUM: return number(num_of(eval(a0, env))); /* one node outside a repeat */
    case F_COUNT: return number(1);                   /* likewise */
    case F_POSITION: return number(1);                /* the one instance */
    case F_ONCE: {
        Value cur = lookup(env, ".");
        return *cur.s ? cur : eval(a0, env);
    }
    case F_TODAY: return today(env);
    case F_DATE: {
        double d = num_of(eval(a0, env));
        return isnan(d) || fabs(d) > 1e7 ? string("") : date_value(env, (long)floor(d));
    }
    }
    return string("");
}

static Value eval(const Expr *e, Env *env)
{
    switch (e->kind) {
    case E_OR:
        for (;;) {
            if (truth(e->a, env))
                return boolean(1);
            e = e->b;
            if (e->kind != E_OR)
                return boolean(truth(e, env));
        }
    case E_AND:
        for (;;) {
            if (e->a && !truth(e->a, env))
                return boolean(0);
            e = e->b;
            if (!e)
                return boolean(1);
            if (e->kind != E_AND)
                return boolean(truth(e, env));
        }
    case E_CHAIN: {
        Value v = eval(e->args, env);
        for (const Expr *x = e->args->next; x; x = x->next)
            v = apply(x->op, v, eval(x, env));
        return v;
    }
    case E_NEG:
        return number(-num_of(eval(e->a, env)));
    case E_REF:
        return lookup(env, e->text);
    case E_CUR:
        return lookup(env, ".");
    case E_COL: {
        const ExprEnv *x = env->env;
        const char *v = x && x->column ? x->column(e->text, x->ctx) : NULL;
        return string(v ? copy_str(env, v, strlen(v)) : "");
    }
    case E_STR:
        return string(e->text);
    case E_NUM:
        return number(e->num);
    case E_CALL:
        return call(e, env);
    }
    return boolean(0);
}

/* Evaluates e with a fresh scratch, wiped and freed after: as a boolean (returned) when out
 * is NULL, else as a string into (out, cap). */
static int run(const Expr *e, const ExprEnv *x, char *out, size_t cap)
{
    Env env = {x, malloc(EXPR_SCRATCH_MAX), 0, 0, 0};
    int rc;
    if (!out) {
        rc = truth(e, &env);
    } else {
        Value v = eval(e, &env);
        const char *s = v.type == V_NUM && (isnan(v.n) || isinf(v.n)) ? "" : str_of(v, &env);
        size_t n = strlen(s);
        rc = n < cap && !env.full ? 0 : -1;
        if (cap) {
            memcpy(out, rc == 0 ? s : "", rc == 0 ? n + 1 : 1);
        }
    }
    if (env.buf) {
        sodium_memzero(env.buf, env.high);
        free(env.buf);
    }
    return rc;
}

int expr_eval(const Expr *e, ExprLookup lookup_fn, void *ctx)
{
    ExprEnv x = {lookup_fn, NULL, ctx, 0, 0, 0, NULL};
    return expr_eval_env(e, &x);
}

int expr_eval_env(const Expr *e, const ExprEnv *env)
{
    if (!e)
        return 1;
    return run(e, env, NULL, 0);
}

int expr_eval_string(const Expr *e, const ExprEnv *env, char *out, size_t cap)
{
    if (!e) {
        if (cap)
            out[0] = '\0';
        return 0;
    }
    return run(e, env, out, cap);
}

Expr *expr_and(Arena *a, const Expr *a_, const Expr *b)
{
    if (!a_ && !b)
        return NULL;
    /* Copy a_'s own AND chain so that b joins its end and the result still leans right:
     * ANDs built on ANDs (nested groups) then cost eval no stack. */
    Expr *head = NULL, *prev = NULL;
    const Expr *x = a_;
    for (;;) {
        Expr *link = arena_alloc(a, sizeof *link);
        if (!link)
            return NULL;
        link->kind = E_AND;
        if (prev)
            prev->b = link;
        else
            head = link;
        prev = link;
        if (x && x->kind == E_AND && x->b) {
            link->a = x->a;
            x = x->b;
        } else {
            link->a = x;
            link->b = b;
            return head;
        }
    }
}
