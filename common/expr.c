/* expr.c: the parser and evaluator of XLSForm `relevant` expressions declared in expr.h.
 *
 * Start reading at expr_parse(): a lexer (lex) hands one token at a time to a recursive-descent
 * parser with one function per grammar rule; then eval(), which walks the tree.
 *
 * The tree is binary. A chain `a or b or c` is stored leaning right, OR(a, OR(b, OR...)), and
 * eval and expr_each_ref follow the right-hand side of a chain in a loop, so their recursion only
 * goes as deep as the parentheses do. Every '(' (of a group, not(), selected() or
 * count-selected()) counts one level of nesting, and the parser refuses more than EXPR_DEPTH_MAX
 * levels, so the stack depth of parsing and evaluating is a small multiple of EXPR_DEPTH_MAX
 * whatever the length of the expression, and the work is bounded by EXPR_NODES_MAX.
 *
 * Values follow XPath 1.0: strings, numbers (literals and count-selected) and booleans. A string
 * is a number when it is, optionally surrounded by spaces, '-'? digits ('.' digits?)? or
 * '-'? '.' digits; strtod converts it. That rules out what strtod alone would also take ("inf",
 * "nan", "0x1F", "1e3") so that a text answer never turns into a number by accident. */
#include "expr.h"

#include <math.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"

typedef enum {
    E_OR,
    E_AND, /* from expr_and() either side may be NULL: true */
    E_NOT,
    E_CMP,
    E_REF,
    E_STR,
    E_NUM,
    E_SELECTED,
    E_COUNT,
    E_TRUE,
    E_FALSE,
} Kind;

typedef enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE } Op;

struct Expr {
    Kind kind;
    Op op;            /* E_CMP */
    const Expr *a, *b;
    const char *text; /* E_REF: the name; E_STR: the string; NUL-terminated */
    double num;       /* E_NUM */
};

/* ---- Lexer ---- */

typedef enum { T_END, T_LPAREN, T_RPAREN, T_COMMA, T_OP, T_REF, T_STR, T_NUM, T_NAME } TokKind;

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

/* '-'? digits ('.' digits)? */
static int lex_number(Parser *p, Token *t, size_t off)
{
    const char *s = p->src;
    size_t i = off;
    if (s[i] == '-')
        i++;
    while (i < p->len && is_digit((unsigned char)s[i]))
        i++;
    if (i < p->len && s[i] == '.') {
        i++;
        if (i >= p->len || !is_digit((unsigned char)s[i])) {
            fail(p, off, "a number needs digits after its '.'");
            return -1;
        }
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
    t.end = i + 1;
    switch (c) {
    case '(': t.kind = T_LPAREN; break;
    case ')': t.kind = T_RPAREN; break;
    case ',': t.kind = T_COMMA; break;
    case '=': t.kind = T_OP; t.op = OP_EQ; break;
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
    default:
        if (is_digit(c) || (c == '-' && is_digit(d))) {
            if (lex_number(p, &t, i))
                return -1;
        } else if (is_name_start(c)) {
            size_t j = i + 1;
            while (j < p->len && is_name_char((unsigned char)s[j]))
                j++;
            t.kind = T_NAME;
            t.text = i;
            t.len = j - i;
            t.end = j;
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

static Expr *node(Parser *p, Kind kind, size_t off)
{
    if (++p->nodes > EXPR_NODES_MAX) {
        fail(p, off, "expression has more than %d parts (EXPR_NODES_MAX)", EXPR_NODES_MAX);
        return NULL;
    }
    Expr *e = arena_alloc(p->arena, sizeof *e);
    if (!e) {
        fail(p, off, "out of memory");
        return NULL;
    }
    e->kind = kind;
    return e;
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
    if (++p->nest > EXPR_DEPTH_MAX) {
        fail(p, p->tok.off, "nested more than %d deep (EXPR_DEPTH_MAX)", EXPR_DEPTH_MAX);
        return -1;
    }
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
static Expr *parse_atom(Parser *p);

/* The functions of the grammar and how many atoms each takes. */
static const struct {
    const char *name;
    Kind kind;
    int nargs;
} functions[] = {
    {"selected", E_SELECTED, 2},
    {"count-selected", E_COUNT, 1},
    {"true", E_TRUE, 0},
    {"false", E_FALSE, 0},
};

/* A word where a value belongs: a call of one of the functions, or an error. */
static Expr *parse_call(Parser *p)
{
    Token name = p->tok;
    size_t f = 0, nf = sizeof functions / sizeof functions[0];
    while (f < nf && !token_is(p, &name, functions[f].name))
        f++;
    if (f == nf) {
        size_t i = name.end;
        while (i < p->len && is_space((unsigned char)p->src[i]))
            i++;
        int n = (int)(name.len > 64 ? 64 : name.len);
        if (token_is(p, &name, "and") || token_is(p, &name, "or") || token_is(p, &name, "not"))
            fail(p, name.off, "expected a value but found '%.*s'", n, p->src + name.text);
        else if (i < p->len && p->src[i] == '(')
            fail(p, name.off, "unknown function '%.*s'", n, p->src + name.text);
        else
            fail(p, name.off, "unexpected word '%.*s' (a string needs quotes, a reference ${})",
                 n, p->src + name.text);
        return NULL;
    }
    if (next(p))
        return NULL;
    size_t open = p->tok.off;
    if (functions[f].nargs == 0) {
        if (p->tok.kind != T_LPAREN) {
            char got[64];
            describe(p, &p->tok, got, sizeof got);
            fail(p, open, "expected '(' after '%s' but found %s", functions[f].name, got);
            return NULL;
        }
        if (next(p) || expect(p, T_RPAREN, "')'", open))
            return NULL;
        return node(p, functions[f].kind, name.off);
    }
    if (open_paren(p, functions[f].name))
        return NULL;
    Expr *e = node(p, functions[f].kind, name.off);
    if (!e || !(e->a = parse_atom(p)))
        return NULL;
    if (functions[f].nargs == 2) {
        if (expect(p, T_COMMA, "','", open) || !(e->b = parse_atom(p)))
            return NULL;
    }
    if (close_paren(p, open))
        return NULL;
    return e;
}

/* atom := '(' or ')' | ${name} | string | number | function call */
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
    default: {
        char got[64];
        describe(p, &t, got, sizeof got);
        fail(p, t.off, "expected a value but found %s", got);
        return NULL;
    }
    }
}

/* cmp := atom (op atom)? */
static Expr *parse_cmp(Parser *p)
{
    Expr *left = parse_atom(p);
    if (!left || p->tok.kind != T_OP)
        return left;
    Expr *e = node(p, E_CMP, p->tok.off);
    if (!e)
        return NULL;
    e->op = p->tok.op;
    e->a = left;
    if (next(p) || !(e->b = parse_atom(p)))
        return NULL;
    return e;
}

/* not := 'not' '(' or ')' | cmp */
static Expr *parse_not(Parser *p)
{
    if (!token_is(p, &p->tok, "not"))
        return parse_cmp(p);
    size_t off = p->tok.off;
    Expr *e = node(p, E_NOT, off);
    if (!e || next(p))
        return NULL;
    size_t open = p->tok.off;
    if (open_paren(p, "not") || !(e->a = parse_or(p)) || close_paren(p, open))
        return NULL;
    return e;
}

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

static Expr *parse_and(Parser *p) { return parse_chain(p, E_AND, "and", parse_not); }
static Expr *parse_or(Parser *p) { return parse_chain(p, E_OR, "or", parse_and); }

/* Whether the word is and/or/not in some other case, as in "AND". */
static int is_keyword_in_caps(const char *w, size_t n)
{
    static const char *const words[] = {"and", "or", "not"};
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

Expr *expr_parse(Arena *a, const char *src, size_t len, ExprError *err)
{
    Parser p = {0};
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
            fail(&p, p.tok.off, "unexpected %s (and, or, not are written in lowercase)", got);
        else
            fail(&p, p.tok.off, "unexpected %s after a complete expression", got);
        return NULL;
    }
    return e;
}

/* ---- Walking and evaluating ---- */

int expr_each_ref(const Expr *e, int (*fn)(const char *name, void *ctx), void *ctx)
{
    while (e) {
        switch (e->kind) {
        case E_REF:
            return fn(e->text, ctx);
        case E_OR:
        case E_AND:
        case E_CMP:
        case E_SELECTED: {
            int rc = expr_each_ref(e->a, fn, ctx);
            if (rc)
                return rc;
            e = e->b; /* in a loop, so a long chain costs no stack */
            break;
        }
        case E_NOT:
        case E_COUNT:
            e = e->a;
            break;
        default:
            return 0;
        }
    }
    return 0;
}

typedef struct {
    ExprLookup lookup;
    void *ctx;
} Env;

typedef enum { V_STR, V_NUM, V_BOOL } VType;

typedef struct {
    VType type;
    const char *s; /* V_STR */
    double n;      /* V_NUM */
    int b;         /* V_BOOL */
    int borrowed;  /* s came from lookup */
} Value;

static Value eval(const Expr *e, const Env *env);

static Value boolean(int b) { return (Value){V_BOOL, NULL, 0, b != 0, 0}; }
static Value number(double n) { return (Value){V_NUM, NULL, n, 0, 0}; }

static int truth_of(Value v)
{
    switch (v.type) {
    case V_STR: return v.s[0] != '\0';
    case V_NUM: return v.n != 0 && !isnan(v.n);
    default: return v.b;
    }
}

static int truth(const Expr *e, const Env *env) { return truth_of(eval(e, env)); }

/* Whether s reads as an XPath Number; if so its value goes to *out. */
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
    if (!digits)
        return 0;
    while (is_space((unsigned char)*i))
        i++;
    if (*i)
        return 0;
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

/* The string value of v; buf holds a number's spelling. */
static const char *to_string(Value v, char buf[32])
{
    switch (v.type) {
    case V_STR: return v.s;
    case V_BOOL: return v.b ? "true" : "false";
    default:
        if (isnan(v.n))
            return "NaN";
        if (isinf(v.n))
            return v.n > 0 ? "Infinity" : "-Infinity";
        if (v.n == 0)
            return "0";
        if (v.n == floor(v.n) && fabs(v.n) < 1e15)
            snprintf(buf, 32, "%.0f", v.n);
        else
            snprintf(buf, 32, "%.15g", v.n);
        return buf;
    }
}

/* A lookup may hand back a buffer it reuses on the next call (an integer formatted into a
 * static array, say). The operand evaluated first is copied aside before the second is
 * looked up; a value too long for the copy, which no such buffer holds, is used in place. */
static void keep(Value *v, char *copy)
{
    if (v->type != V_STR || !v->borrowed)
        return;
    size_t n = strlen(v->s);
    if (n > EXPR_VALUE_MAX)
        return;
    memcpy(copy, v->s, n + 1);
    v->s = copy;
}

/* Comparisons copy answer values onto the stack: wipe them before returning. */
static int compare_values(const Expr *e, const Env *env, char *copy);

static int compare(const Expr *e, const Env *env)
{
    char copy[EXPR_VALUE_MAX + 1];
    int rc = compare_values(e, env, copy);
    sodium_memzero(copy, sizeof copy);
    return rc;
}

static int compare_values(const Expr *e, const Env *env, char *copy)
{
    Value l = eval(e->a, env);
    keep(&l, copy);
    Value r = eval(e->b, env);
    double x, y;
    if (e->op == OP_EQ || e->op == OP_NE) {
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
        return e->op == OP_EQ ? eq : !eq;
    }
    if (!to_number(l, &x) || !to_number(r, &y))
        return 0;
    switch (e->op) {
    case OP_LT: return x < y;
    case OP_LE: return x <= y;
    case OP_GT: return x > y;
    default: return x >= y;
    }
}

/* Whether item is one of the space-separated tokens of list. */
static int selected(const char *list, const char *item)
{
    size_t n = strlen(item);
    const char *s = list;
    while (*s) {
        while (is_space((unsigned char)*s))
            s++;
        const char *t = s;
        while (*s && !is_space((unsigned char)*s))
            s++;
        if (n && (size_t)(s - t) == n && memcmp(t, item, n) == 0)
            return 1;
    }
    return 0;
}

static int count_tokens(const char *list)
{
    int n = 0;
    const char *s = list;
    while (*s) {
        while (is_space((unsigned char)*s))
            s++;
        if (!*s)
            break;
        n++;
        while (*s && !is_space((unsigned char)*s))
            s++;
    }
    return n;
}

static int eval_selected(const Expr *e, const Env *env)
{
    char copy[EXPR_VALUE_MAX + 1], nl[32], nr[32];
    Value l = eval(e->a, env);
    keep(&l, copy);
    Value r = eval(e->b, env);
    int rc = selected(to_string(l, nl), to_string(r, nr));
    sodium_memzero(copy, sizeof copy);
    sodium_memzero(nl, sizeof nl);
    sodium_memzero(nr, sizeof nr);
    return rc;
}

static Value eval(const Expr *e, const Env *env)
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
    case E_NOT:
        return boolean(!truth(e->a, env));
    case E_CMP:
        return boolean(compare(e, env));
    case E_REF: {
        const char *s = env->lookup ? env->lookup(e->text, env->ctx) : NULL;
        return (Value){V_STR, s ? s : "", 0, 0, 1};
    }
    case E_STR:
        return (Value){V_STR, e->text, 0, 0, 0};
    case E_NUM:
        return number(e->num);
    case E_SELECTED:
        return boolean(eval_selected(e, env));
    case E_COUNT: {
        char buf[32];
        return number(count_tokens(to_string(eval(e->a, env), buf)));
    }
    case E_TRUE:
        return boolean(1);
    default:
        return boolean(0);
    }
}

int expr_eval(const Expr *e, ExprLookup lookup, void *ctx)
{
    if (!e)
        return 1;
    Env env = {lookup, ctx};
    return truth(e, &env);
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
