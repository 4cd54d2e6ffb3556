/* expr.h: XLSForm `relevant` expressions, parsed once at load and evaluated on every screen.
 *
 * Grammar (XPath's subset that XLSForm authors write):
 *   or   := and ('or' and)*
 *   and  := not ('and' not)*
 *   cmp  := atom (('=' | '!=' | '<' | '<=' | '>' | '>=') atom)?
 *   not  := 'not' '(' or ')' | cmp
 *   atom := '(' or ')' | '${' name '}' | 'string' | "string" | number
 *         | 'selected' '(' atom ',' atom ')' | 'count-selected' '(' atom ')'
 *         | 'true' '(' ')' | 'false' '(' ')'
 * Values are strings. An unanswered question is the empty string; a select_multiple answer is
 * its choice names separated by single spaces. A comparison with a number literal on either
 * side compares numerically, and is false when the other side is not a number. */
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
 * unexpected or missing token, an unclosed string or parenthesis, an unknown function, a name
 * that is not a valid XML name, nesting over EXPR_DEPTH_MAX, or more than EXPR_NODES_MAX nodes. */
Expr *expr_parse(Arena *a, const char *src, size_t len, ExprError *err);

/* Calls fn(name, ctx) for every ${name} the expression refers to, in source order. Stops at
 * and returns the first non-zero value fn returns; 0 otherwise. */
int expr_each_ref(const Expr *e, int (*fn)(const char *name, void *ctx), void *ctx);

/* The value of ${name}: the answer as a string ("" when unanswered). */
typedef const char *(*ExprLookup)(const char *name, void *ctx);

/* Evaluates e as a boolean (XPath's boolean(): a non-empty string or non-zero number is true).
 * Never fails: a NULL e is true. */
int expr_eval(const Expr *e, ExprLookup lookup, void *ctx);

/* A new expression, owned by arena a, true when both a_ and b are; either may be NULL
 * (always true). Returns NULL only when both are NULL or out of memory. */
Expr *expr_and(Arena *a, const Expr *a_, const Expr *b);

#endif
