/* expr.h: XLSForm expressions (`relevant`, `constraint`, `calculation`, `choice_filter`),
 * parsed once at load and evaluated on every screen.
 *
 * Grammar (the part of XPath 1.0 and ODK's functions that XLSForm authors write):
 *   or    := and ('or' and)*
 *   and   := eq ('and' eq)*
 *   eq    := rel (('=' | '!=') rel)*
 *   rel   := add (('<' | '<=' | '>' | '>=') add)*
 *   add   := mul (('+' | '-') mul)*
 *   mul   := unary (('*' | 'div' | 'mod') unary)*
 *   unary := '-' unary | atom
 *   atom  := '(' or ')' | '${' name '}' | '.' | 'string' | "string" | number
 *          | function '(' (or (',' or)*)? ')'
 * The functions are listed in expr.c's table: boolean and logic (true, false, not, boolean,
 * if, coalesce), strings (string, concat, string-length, contains, starts-with, ends-with,
 * substr, substring-before, substring-after, normalize-space, regex, join), choices (selected,
 * selected-at, count-selected, jr:choice-name), numbers (number, int, round, floor, ceiling,
 * abs, pow, min, max, sum, count), position, once, and today(). now() and pulldata() are refused
 * by name: Chorus keeps no time of day and a kiosk has no files beside the form.
 *
 * Values are strings, numbers and booleans as in XPath. An unanswered question is the empty
 * string; a select_multiple answer is its choice names separated by single spaces; a date is
 * "YYYY-MM-DD", which reads as a number of days since 1970-01-01 (so `today() - ${dob}` is days
 * and dates compare). A comparison with a number on either side compares numerically, and is
 * false when the other side is not a number; `<` and `>` always compare numerically. Outside a
 * repeat every question is one node: count(${q}) is 1, sum(${q}) is its number, position(..) 1. */
#ifndef CHORUS_EXPR_H
#define CHORUS_EXPR_H

#include <stddef.h>

#include "arena.h"

typedef struct Expr Expr;

typedef struct {
    size_t offset; /* 0-based byte offset in the source where the problem is */
    char reason[200];
} ExprError;

/* Parses (src, len). Returns the expression owned by arena a, or NULL with err filled: an
 * unexpected or missing token, an unclosed string or parenthesis, Excel's curly quotes (named,
 * with the straight quote to type instead), an unknown function or the wrong number of
 * arguments, a name that is not a valid XML name, a broken regex() pattern, nesting over
 * EXPR_DEPTH_MAX, or more than EXPR_NODES_MAX nodes. */
Expr *expr_parse(Arena *a, const char *src, size_t len, ExprError *err);

/* expr_parse() for a `choice_filter`: a bare name that is not a function or an operator
 * (`state` in `state = ${state}`, `name`) is a column of the choice being filtered, read
 * through ExprEnv.column. */
Expr *expr_parse_filter(Arena *a, const char *src, size_t len, ExprError *err);

/* Calls fn(name, ctx) for every column a choice_filter reads, in source order; stops at and
 * returns the first non-zero value fn returns; 0 otherwise. */
int expr_each_column(const Expr *e, int (*fn)(const char *name, void *ctx), void *ctx);

/* Calls fn(name, ctx) for every ${name} the expression refers to (jr:choice-name's '${q}'
 * too), in source order. Stops at and returns the first non-zero value fn returns; 0 otherwise. */
int expr_each_ref(const Expr *e, int (*fn)(const char *name, void *ctx), void *ctx);

/* 1 if the expression uses `.` (the value of the question it belongs to), else 0. */
int expr_uses_current(const Expr *e);

/* The value of ${name}: the answer as a string ("" when unanswered); name "." asks for the value
 * of the question the expression belongs to. The string need only last until the next call. */
typedef const char *(*ExprLookup)(const char *name, void *ctx);

/* What an evaluation reads. Any member may be zero. */
typedef struct {
    ExprLookup value; /* NULL: every question is unanswered */
    /* jr:choice-name(choice, '${question}'): the label of that choice of that question as
     * shown; NULL (or a NULL answer): the choice's name */
    const char *(*choice_label)(const char *question, const char *choice, void *ctx);
    void *ctx;
    int year, month, day; /* today(); year 0: the local date */
    /* a choice_filter's column of the choice being filtered ("name" is its name); NULL: "" */
    const char *(*column)(const char *name, void *ctx);
} ExprEnv;

/* Evaluates e as a boolean (XPath's boolean(): a non-empty string or a number neither zero nor
 * NaN is true). Never fails: a NULL e is true. */
int expr_eval(const Expr *e, ExprLookup lookup, void *ctx);

/* expr_eval() with everything an evaluation may read. */
int expr_eval_env(const Expr *e, const ExprEnv *env);

/* Evaluates e as a string (XPath's string(); a number as its shortest spelling, a number that
 * is NaN or infinite as "" since it answers nothing) into (out, cap), NUL-terminated. Returns
 * 0, or -1 when the value did not fit in out or its strings in EXPR_SCRATCH_MAX (out then
 * holds ""). A NULL e is "". */
int expr_eval_string(const Expr *e, const ExprEnv *env, char *out, size_t cap);

/* A new expression, owned by arena a, true when both a_ and b are; either may be NULL
 * (always true). Returns NULL only when both are NULL or out of memory. */
Expr *expr_and(Arena *a, const Expr *a_, const Expr *b);

#endif
