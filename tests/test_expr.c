/* test_expr.c: tests of relevant expressions (common/expr.c): every operator and function,
 * precedence, numeric against string comparison, the offset and reason of every kind of
 * error, the nesting and size limits, reference walking and expr_and.
 *
 * Sources are copied into malloc'd buffers of exactly their length, so a read past len is
 * caught by the sanitizer build. Answers come from a small name=value table. */
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "chorus_limits.h"
#include "test.h"

static Arena *arena;
static ExprError err;

typedef struct {
    const char *name, *value;
} Answer;

static Answer answers[8];
static int nanswers;

static void answer(const char *name, const char *value)
{
    for (int i = 0; i < nanswers; i++)
        if (strcmp(answers[i].name, name) == 0) {
            answers[i].value = value;
            return;
        }
    answers[nanswers++] = (Answer){name, value};
}

static const char *lookup(const char *name, void *ctx)
{
    (void)ctx;
    for (int i = 0; i < nanswers; i++)
        if (strcmp(answers[i].name, name) == 0)
            return answers[i].value;
    return "";
}

static Expr *parse_n(const char *src, size_t len)
{
    memset(&err, 0, sizeof err);
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, src, len);
    Expr *e = expr_parse(arena, copy, len, &err);
    free(copy);
    return e;
}

static Expr *parse(const char *src) { return parse_n(src, strlen(src)); }

/* 1 or 0 for a valid expression, -1 when it does not parse. */
static int eval(const char *src)
{
    Expr *e = parse(src);
    if (!e) {
        fprintf(stderr, "  parse of \"%s\" failed at %zu: %s\n", src, err.offset, err.reason);
        return -1;
    }
    return expr_eval(e, lookup, NULL);
}

/* The offset of the error in src, or -1 when it parses. */
static long bad(const char *src)
{
    if (parse(src))
        return -1;
    return (long)err.offset;
}

static void reset(void)
{
    nanswers = 0;
    arena_free(arena);
    arena = arena_new();
}

static void test_string_equality(void)
{
    reset();
    answer("a", "yes");
    CHECK_INT(eval("${a} = 'yes'"), 1);
    CHECK_INT(eval("${a} = \"yes\""), 1);
    CHECK_INT(eval("${a}='no'"), 0);
    CHECK_INT(eval("${a} != 'no'"), 1);
    CHECK_INT(eval("${a} != 'yes'"), 0);
    CHECK_INT(eval("'yes' = ${a}"), 1);
    CHECK_INT(eval("${a} = 'YES'"), 0); /* exact */
    CHECK_INT(eval("${a} = 'yes '"), 0);
    CHECK_INT(eval("\"it's\" = \"it's\""), 1);
    CHECK_INT(eval("'say \"hi\"' = 'say \"hi\"'"), 1);
    answer("b", "yes");
    CHECK_INT(eval("${a} = ${b}"), 1);
    answer("b", "no");
    CHECK_INT(eval("${a} = ${b}"), 0);
    /* UTF-8 passes through. */
    answer("c", "caf\xC3\xA9");
    CHECK_INT(eval("${c} = 'caf\xC3\xA9'"), 1);
}

static void test_unanswered(void)
{
    reset();
    CHECK_INT(eval("${q} = ''"), 1);
    CHECK_INT(eval("${q} != ''"), 0);
    CHECK_INT(eval("${q} = 'x'"), 0);
    CHECK_INT(eval("${q}"), 0);
    answer("q", "x");
    CHECK_INT(eval("${q} != ''"), 1);
    CHECK_INT(eval("${q}"), 1);
}

static void test_numeric(void)
{
    reset();
    answer("age", "18");
    CHECK_INT(eval("${age} >= 18"), 1);
    CHECK_INT(eval("${age} > 18"), 0);
    CHECK_INT(eval("${age} < 18"), 0);
    CHECK_INT(eval("${age} <= 18"), 1);
    CHECK_INT(eval("${age} = 18"), 1);
    CHECK_INT(eval("${age} != 18"), 0);
    CHECK_INT(eval("${age} = 18.0"), 1); /* numerically, not as text */
    CHECK_INT(eval("18 <= ${age}"), 1);
    CHECK_INT(eval("${age}<=17"), 0);
    CHECK_INT(eval("${age} > -1"), 1);
    CHECK_INT(eval("${age} < 100.5"), 1);
    answer("age", "-3.25");
    CHECK_INT(eval("${age} < -3"), 1);
    CHECK_INT(eval("${age} = -3.25"), 1);
    answer("age", "007");
    CHECK_INT(eval("${age} = 7"), 1);
    CHECK_INT(eval("${age} = '7'"), 0); /* no number literal: compared as text */
    answer("age", " 12 ");
    CHECK_INT(eval("${age} = 12"), 1);
}

static void test_numeric_against_non_number(void)
{
    reset();
    /* Unanswered is the empty string, which is not a number: every comparison is false. */
    CHECK_INT(eval("${age} = 0"), 0);
    CHECK_INT(eval("${age} != 0"), 0);
    CHECK_INT(eval("${age} < 5"), 0);
    CHECK_INT(eval("${age} >= 5"), 0);
    answer("age", "abc");
    CHECK_INT(eval("${age} != 5"), 0);
    CHECK_INT(eval("${age} > 5"), 0);
    /* What strtod alone would take is still not a number. */
    const char *words[] = {"inf", "nan", "0x10", "1e3", "12abc", "1 2", "-", ".", "--1"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        answer("age", words[i]);
        CHECK_INT(eval("${age} > 0"), 0);
        CHECK_INT(eval("${age} <= 0"), 0);
    }
}

static void test_relational_without_numbers(void)
{
    reset();
    /* As in XPath, < and > compare as numbers even between strings. */
    CHECK_INT(eval("'10' > '9'"), 1);
    answer("a", "3");
    answer("b", "12");
    CHECK_INT(eval("${a} < ${b}"), 1);
    answer("b", "x");
    CHECK_INT(eval("${a} < ${b}"), 0);
    CHECK_INT(eval("${a} >= ${b}"), 0);
}

static void test_and_or_not(void)
{
    reset();
    answer("a", "1");
    answer("b", "2");
    CHECK_INT(eval("${a} = '1' and ${b} = '2'"), 1);
    CHECK_INT(eval("${a} = '1' and ${b} = '3'"), 0);
    CHECK_INT(eval("${a} = '0' or ${b} = '2'"), 1);
    CHECK_INT(eval("${a} = '0' or ${b} = '3'"), 0);
    CHECK_INT(eval("not(${a} = '1')"), 0);
    CHECK_INT(eval("not(${a} = '0')"), 1);
    CHECK_INT(eval("not (${a})"), 0);
    CHECK_INT(eval("not(not(true()))"), 1);
    CHECK_INT(eval("true()"), 1);
    CHECK_INT(eval("false()"), 0);
    CHECK_INT(eval("true ( )"), 1);
    CHECK_INT(eval("true() and true() and true() and false()"), 0);
    CHECK_INT(eval("false() or false() or false() or true()"), 1);
    CHECK_INT(eval("not(false()) and ${b} >= 2"), 1);
}

static void test_precedence(void)
{
    reset();
    /* and binds tighter than or. */
    CHECK_INT(eval("true() or false() and false()"), 1);
    CHECK_INT(eval("false() and false() or true()"), 1);
    CHECK_INT(eval("(true() or false()) and false()"), 0);
    CHECK_INT(eval("false() and (false() or true())"), 0);
    CHECK_INT(eval("((((true()))))"), 1);
    /* A comparison binds tighter than and. */
    answer("a", "x");
    CHECK_INT(eval("${a} = 'x' and ${a} != 'y' or false()"), 1);
    /* Parenthesised comparisons can be compared. */
    CHECK_INT(eval("(${a} = 'x') = (${a} != 'y')"), 1);
    CHECK_INT(eval("(${a} = 'x') = true()"), 1);
}

static void test_literals_as_conditions(void)
{
    reset();
    CHECK_INT(eval("0"), 0);
    CHECK_INT(eval("-1.5"), 1);
    CHECK_INT(eval("0.0"), 0);
    CHECK_INT(eval("''"), 0);
    CHECK_INT(eval("'false'"), 1); /* a non-empty string */
    CHECK_INT(eval(" \t\n true() \r\n"), 1);
}

static void test_selected(void)
{
    reset();
    answer("m", "red green blue");
    CHECK_INT(eval("selected(${m}, 'green')"), 1);
    CHECK_INT(eval("selected(${m}, 'red')"), 1);
    CHECK_INT(eval("selected(${m}, 'blue')"), 1);
    CHECK_INT(eval("selected(${m}, 'gre')"), 0);
    CHECK_INT(eval("selected(${m}, 'red green')"), 0);
    CHECK_INT(eval("selected(${m}, '')"), 0);
    CHECK_INT(eval("selected( ${m} , \"blue\" )"), 1);
    CHECK_INT(eval("not(selected(${m}, 'pink'))"), 1);
    answer("m", "1 22");
    CHECK_INT(eval("selected(${m}, 22)"), 1);
    CHECK_INT(eval("selected(${m}, 2)"), 0);
    answer("one", "red");
    CHECK_INT(eval("selected(${one}, 'red')"), 1); /* select_one works too */
    CHECK_INT(eval("selected(${none}, 'red')"), 0);
    answer("want", "green");
    answer("m", "red green");
    CHECK_INT(eval("selected(${m}, ${want})"), 1);
}

static void test_count_selected(void)
{
    reset();
    answer("m", "a b c");
    CHECK_INT(eval("count-selected(${m}) = 3"), 1);
    CHECK_INT(eval("count-selected(${m}) > 2"), 1);
    CHECK_INT(eval("count-selected(${m}) = '3'"), 1); /* a number on one side: numeric */
    CHECK_INT(eval("count-selected(${m})"), 1);
    CHECK_INT(eval("count-selected(${none}) = 0"), 1);
    CHECK_INT(eval("count-selected(${none})"), 0);
    answer("m", "solo");
    CHECK_INT(eval("count-selected(${m}) = 1"), 1);
}

/* A lookup that formats into one reused buffer, as an integer answer might be. */
static const char *lookup_static(const char *name, void *ctx)
{
    static char buf[16];
    (void)ctx;
    snprintf(buf, sizeof buf, "%s", strcmp(name, "a") == 0 ? "1" : "2");
    return buf;
}

static void test_lookup_buffer_reused(void)
{
    reset();
    Expr *e = parse("${a} = ${b}");
    CHECK(e != NULL);
    CHECK_INT(expr_eval(e, lookup_static, NULL), 0);
    e = parse("${a} < ${b}");
    CHECK_INT(expr_eval(e, lookup_static, NULL), 1);
    e = parse("selected(${a}, ${b})");
    CHECK_INT(expr_eval(e, lookup_static, NULL), 0);
}

static void check_error(const char *src, long offset, const char *words)
{
    long got = bad(src);
    if (got != offset || !strstr(err.reason, words))
        fprintf(stderr, "  source \"%s\": offset %ld reason \"%s\"\n", src, got, err.reason);
    CHECK_INT(got, offset);
    CHECK(strstr(err.reason, words) != NULL);
}

static void test_errors(void)
{
    reset();
    check_error("", 0, "empty");
    check_error("   ", 0, "empty");
    check_error("${a} = ", 7, "end of the expression");
    check_error("${a} =", 6, "expected a value");
    check_error("${a} = 'x", 7, "never closed");
    check_error("${a} = \"x'", 7, "never closed");
    check_error("(${a} = 'x'", 0, "never closed");
    check_error("not(${a} = 'x'", 3, "never closed");
    check_error("selected(${a}, 'x'", 8, "never closed");
    check_error("true(", 4, "never closed");
    check_error("foo(${a})", 0, "unknown function 'foo'");
    check_error("${a} = 1 and format-date(${b}, '%Y') > 2", 13,
                "unknown function 'format-date'");
    check_error("TRUE()", 0, "unknown function 'TRUE'");
    check_error("${a} = yes", 7, "'yes'");
    check_error("${a} = 'x' garbage", 11, "unexpected");
    check_error("${a} = 'x' ${b}", 11, "unexpected");
    check_error("${a} = 'x')", 10, "without a matching");
    check_error("${a} = 'x' AND ${b} = 'y'", 11, "lowercase");
    check_error("${a} = 'x' Or ${b} = 'y'", 11, "lowercase");
    check_error("${1a} = 'x'", 0, "not a valid name");
    check_error("${} = 'x'", 0, "not a valid name");
    check_error("${a b} = 'x'", 0, "not a valid name");
    check_error("${-a}", 0, "not a valid name");
    check_error("'x' = ${a", 6, "never closed");
    check_error("$a = 1", 0, "'$'");
    check_error("${a} ! 1", 5, "'!'");
    check_error("${a} == 1", 6, "expected a value");
    check_error("${a} = 'x' &", 11, "'&'");
    check_error("${a} = '\xC3\xA9' \xC3\xA9", 12, "0xC3");
    check_error("selected(${a} 'x')", 14, "expected ','");
    check_error("selected ${a}", 9, "expected '('");
    check_error("count-selected(${a}, 'x')", 0, "count-selected() takes 1 argument, not 2");
    check_error("not ${a}", 4, "expected '('");
    check_error("true", 4, "expected '('");
    check_error("${a} = 'x' and", 14, "end of the expression");
    check_error("and ${a}", 0, "expected a value");
    check_error("()", 1, "expected a value");
    check_error("(${a} = 'x'))", 12, "without a matching");
    check_error("selected(${a}, 'x'", 8, "'(' opened here");
    /* NUL inside and outside strings. */
    CHECK_INT(parse_n("'a\0b' = 'x'", 11) == NULL, 1);
    CHECK_INT(err.offset, 2);
    CHECK_INT(parse_n("'a' = 'x' \0", 11) == NULL, 1);
    CHECK_INT(err.offset, 10);
}

static void test_name_rules(void)
{
    reset();
    CHECK(parse("${_a.b-c9} = 1") != NULL);
    CHECK(parse("${A} = 1") != NULL);
    char src[SURVEY_NAME_MAX + 16];
    src[0] = '$';
    src[1] = '{';
    memset(src + 2, 'n', SURVEY_NAME_MAX);
    strcpy(src + 2 + SURVEY_NAME_MAX, "}");
    CHECK(parse(src) != NULL);
    strcpy(src + 2 + SURVEY_NAME_MAX, "n}");
    CHECK(parse(src) == NULL);
    CHECK_INT(err.offset, 0);
    CHECK(strstr(err.reason, "SURVEY_NAME_MAX") != NULL);
}

static void test_string_size(void)
{
    reset();
    size_t n = EXPR_VALUE_MAX;
    char *src = malloc(n + 16);
    if (!src) {
        CHECK(0);
        return;
    }
    memcpy(src, "1 = '", 5);
    memset(src + 5, 's', n);
    src[5 + n] = '\'';
    CHECK(parse_n(src, n + 6) != NULL);
    src[5 + n] = 's';
    src[6 + n] = '\'';
    CHECK(parse_n(src, n + 7) == NULL);
    CHECK_INT(err.offset, 4);
    CHECK(strstr(err.reason, "EXPR_VALUE_MAX") != NULL);
    free(src);
}

/* "(" * depth + "true()" + ")" * depth, or with not( / selected(. */
static char *nested(const char *open, int depth, const char *inner, const char *close)
{
    size_t lo = strlen(open), li = strlen(inner), lc = strlen(close);
    char *s = malloc((size_t)depth * (lo + lc) + li + 1), *w = s;
    if (!s)
        return NULL;
    for (int i = 0; i < depth; i++, w += lo)
        memcpy(w, open, lo);
    memcpy(w, inner, li);
    w += li;
    for (int i = 0; i < depth; i++, w += lc)
        memcpy(w, close, lc);
    *w = '\0';
    return s;
}

static void test_depth_limit(void)
{
    reset();
    char *s = nested("(", EXPR_DEPTH_MAX, "true()", ")");
    CHECK_INT(eval(s), 1);
    free(s);
    s = nested("(", EXPR_DEPTH_MAX + 1, "true()", ")");
    CHECK(parse(s) == NULL);
    CHECK_INT(err.offset, EXPR_DEPTH_MAX); /* the first '(' too many */
    CHECK(strstr(err.reason, "EXPR_DEPTH_MAX") != NULL);
    free(s);
    s = nested("not(", EXPR_DEPTH_MAX, "false()", ")");
    CHECK_INT(eval(s), 0); /* an even number of not()s */
    free(s);
    s = nested("not(", EXPR_DEPTH_MAX + 1, "false()", ")");
    CHECK(parse(s) == NULL);
    CHECK_INT(err.offset, 4 * EXPR_DEPTH_MAX + 3);
    free(s);
    /* Every '(' counts, whatever opens it. */
    s = nested("(not(", EXPR_DEPTH_MAX / 2, "true()", "))");
    CHECK_INT(eval(s), 1);
    free(s);
    s = nested("count-selected(", EXPR_DEPTH_MAX + 1, "'a'", ")");
    CHECK(parse(s) == NULL);
    free(s);
    /* Deep nesting of an unclosed expression fails at the limit, not at the end. */
    s = nested("(", 100000, "", "");
    CHECK(parse(s) == NULL);
    CHECK_INT(err.offset, EXPR_DEPTH_MAX);
    free(s);
}

static void test_node_limit(void)
{
    reset();
    /* n operands of `or` make 2n - 1 nodes: 128 fit, the 129th operand is one too many. */
    char src[10 * 200];
    size_t len = 0;
    for (int i = 0; i < 128; i++) {
        memcpy(src + len, "false() or ", 11);
        len += 11;
    }
    len -= 4; /* the last " or " */
    CHECK(parse_n(src, len) != NULL);
    CHECK_INT(expr_eval(parse_n(src, len), lookup, NULL), 0);
    memcpy(src + len, " or true()", 10);
    len += 10;
    CHECK(parse_n(src, len) == NULL);
    CHECK_INT(err.offset, 128 * 11);
    CHECK(strstr(err.reason, "EXPR_NODES_MAX") != NULL);
    /* A long chain evaluates in a loop: the last of 128 decides. */
    len -= 10;
    memcpy(src + len - 7, "true() ", 7);
    CHECK_INT(expr_eval(parse_n(src, len), lookup, NULL), 1);
}

typedef struct {
    char names[16][SURVEY_NAME_MAX + 1];
    int n, stop_at;
} Refs;

static int collect(const char *name, void *ctx)
{
    Refs *r = ctx;
    if (r->n < 16)
        snprintf(r->names[r->n], sizeof r->names[0], "%s", name);
    r->n++;
    return r->n == r->stop_at ? 7 : 0;
}

static void test_each_ref(void)
{
    reset();
    Refs r = {.n = 0};
    Expr *e = parse("selected(${b}, 'x') and ${a} = ${c} or not(${b} = '1') or "
                    "count-selected(${d}) > 1 or (${e})");
    CHECK(e != NULL);
    CHECK_INT(expr_each_ref(e, collect, &r), 0);
    CHECK_INT(r.n, 6);
    CHECK_STR(r.names[0], "b");
    CHECK_STR(r.names[1], "a");
    CHECK_STR(r.names[2], "c");
    CHECK_STR(r.names[3], "b");
    CHECK_STR(r.names[4], "d");
    CHECK_STR(r.names[5], "e");
    Refs stop = {.n = 0, .stop_at = 2};
    CHECK_INT(expr_each_ref(e, collect, &stop), 7);
    CHECK_INT(stop.n, 2);
    Refs none = {.n = 0};
    CHECK_INT(expr_each_ref(parse("true() and 'x' = 1"), collect, &none), 0);
    CHECK_INT(none.n, 0);
}

static void test_expr_and(void)
{
    reset();
    answer("a", "1");
    Expr *x = parse("${a} = 1");
    Expr *y = parse("${b} = 2");
    Expr *f = parse("false()");
    CHECK(expr_and(arena, NULL, NULL) == NULL);
    CHECK_INT(expr_eval(NULL, lookup, NULL), 1);
    Expr *e = expr_and(arena, x, NULL);
    CHECK(e != NULL);
    CHECK_INT(expr_eval(e, lookup, NULL), 1);
    e = expr_and(arena, NULL, y);
    CHECK(e != NULL);
    CHECK_INT(expr_eval(e, lookup, NULL), 0);
    answer("b", "2");
    CHECK_INT(expr_eval(e, lookup, NULL), 1);
    e = expr_and(arena, x, y);
    CHECK_INT(expr_eval(e, lookup, NULL), 1);
    answer("a", "0");
    CHECK_INT(expr_eval(e, lookup, NULL), 0);
    answer("a", "1");
    /* Nested, as nested groups make them; the inputs are left as they were. */
    Expr *g = expr_and(arena, expr_and(arena, x, parse("${c} = 'k' and ${d} = 'l'")), y);
    CHECK_INT(expr_eval(g, lookup, NULL), 0);
    answer("c", "k");
    answer("d", "l");
    CHECK_INT(expr_eval(g, lookup, NULL), 1);
    CHECK_INT(expr_eval(expr_and(arena, g, f), lookup, NULL), 0);
    CHECK_INT(expr_eval(g, lookup, NULL), 1);
    Refs r = {.n = 0};
    CHECK_INT(expr_each_ref(expr_and(arena, g, parse("${z}")), collect, &r), 0);
    CHECK_INT(r.n, 5);
    CHECK_STR(r.names[0], "a");
    CHECK_STR(r.names[1], "c");
    CHECK_STR(r.names[2], "d");
    CHECK_STR(r.names[3], "b");
    CHECK_STR(r.names[4], "z");
    /* An `or` is not flattened into the and. */
    e = expr_and(arena, parse("false() or true()"), parse("true()"));
    CHECK_INT(expr_eval(e, lookup, NULL), 1);
    /* Hundreds of ands on ands stay shallow. */
    e = x;
    for (int i = 0; i < 300; i++)
        e = expr_and(arena, e, y);
    CHECK_INT(expr_eval(e, lookup, NULL), 1);
}

/* ---- the grammar of calculations and constraints ---- */

/* The string value of src ("<parse error>" when it does not parse), with today 2026-12-02. */
static char strbuf[EXPR_SCRATCH_MAX + 1];

static const char *choice_label(const char *question, const char *choice, void *ctx)
{
    (void)ctx;
    if (strcmp(question, "fruit") == 0 && strcmp(choice, "apl") == 0)
        return "Apple";
    return NULL;
}

static const char *value(const char *src)
{
    Expr *e = parse(src);
    if (!e) {
        fprintf(stderr, "  parse of \"%s\" failed at %zu: %s\n", src, err.offset, err.reason);
        return "<parse error>";
    }
    ExprEnv env = {lookup, choice_label, NULL, 2026, 12, 2, NULL};
    if (expr_eval_string(e, &env, strbuf, sizeof strbuf) != 0)
        return "<too long>";
    return strbuf;
}

static void test_arithmetic(void)
{
    reset();
    answer("a", "6");
    answer("b", "4");
    CHECK_STR(value("${a} + ${b}"), "10");
    CHECK_STR(value("${a} - ${b} - 1"), "1"); /* left to right */
    CHECK_STR(value("${a}-${b}"), "2");
    CHECK_STR(value("${a} * ${b} + 1"), "25");
    CHECK_STR(value("1 + ${a} * ${b}"), "25");
    CHECK_STR(value("(1 + ${a}) * ${b}"), "28");
    CHECK_STR(value("${a} div ${b}"), "1.5");
    CHECK_STR(value("${a} mod ${b}"), "2");
    CHECK_STR(value("-${a} + 1"), "-5");
    CHECK_STR(value("- - 3"), "3");
    CHECK_STR(value("2 * -3"), "-6");
    CHECK_STR(value(".5 + 1."), "1.5");
    CHECK_STR(value("1 div 3"), "0.333333333333333");
    /* an unanswered question is not a number: the sum is no answer */
    CHECK_STR(value("${a} + ${none}"), "");
    CHECK_STR(value("1 div 0"), "");
    /* arithmetic binds tighter than comparison, comparison than and */
    CHECK_INT(eval("${a} + ${b} = 10 and ${a} - ${b} > 1"), 1);
    CHECK_INT(eval("${a} * 2 < ${b} * 3"), 0);
    CHECK_INT(eval("1 = 1 = 1"), 1); /* (1 = 1) = 1: true is 1 */
    CHECK_INT(eval("${a} = not(${b} = 4)"), 0);
}

static void test_functions_on_strings(void)
{
    reset();
    answer("name", "Sam");
    answer("none", "");
    answer("phone", "07700 900123");
    CHECK_STR(value("concat('Hi ', ${name}, '!')"), "Hi Sam!");
    CHECK_STR(value("concat(${name})"), "Sam");
    CHECK_STR(value("concat(1, ' + ', 2.5)"), "1 + 2.5");
    CHECK_STR(value("string-length(${name})"), "3");
    CHECK_STR(value("string-length('caf\xC3\xA9')"), "4"); /* characters, not bytes */
    CHECK_INT(eval("string-length(${none}) = 0"), 1);
    CHECK_INT(eval("contains(${phone}, ' ')"), 1);
    CHECK_INT(eval("starts-with(${phone}, '07')"), 1);
    CHECK_INT(eval("ends-with(${phone}, '123')"), 1);
    CHECK_INT(eval("starts-with(${phone}, '44')"), 0);
    CHECK_STR(value("substr(${phone}, 0, 5)"), "07700");
    CHECK_STR(value("substr(${phone}, 6)"), "900123");
    CHECK_STR(value("substring-before(${phone}, ' ')"), "07700");
    CHECK_STR(value("substring-after(${phone}, ' ')"), "900123");
    CHECK_STR(value("normalize-space('  a   b ')"), "a b");
    CHECK_STR(value("if(${name} = 'Sam', 'yes', 'no')"), "yes");
    CHECK_STR(value("if(${none} != '', 'yes', 'no')"), "no");
    CHECK_STR(value("coalesce(${none}, 'nobody')"), "nobody");
    CHECK_STR(value("coalesce(${name}, 'nobody')"), "Sam");
    CHECK_STR(value("string(12)"), "12");
    CHECK_STR(value("join(', ', 'a', ${name}, 'c')"), "a, Sam, c");
    CHECK_INT(eval("boolean(${name})"), 1);
    CHECK_INT(eval("boolean(${none})"), 0);
}

static void test_regex(void)
{
    reset();
    /* constraints from real forms: phone numbers, postcodes, names */
    answer("phone", "07700900123");
    CHECK_INT(eval("regex(${phone}, '^[0-9]{11}$')"), 1);
    CHECK_INT(eval("regex(${phone}, '^\\d{11}$')"), 1); /* Java's \d */
    CHECK_INT(eval("regex(${phone}, '^[\\d]{10}$')"), 0);
    answer("phone", "0770 090012");
    CHECK_INT(eval("regex(${phone}, '^[0-9]{11}$')"), 0);
    CHECK_INT(eval("regex(${phone}, '\\s')"), 1);
    answer("pc", "SW1A 1AA");
    CHECK_INT(eval("regex(${pc}, '^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$')"), 1);
    CHECK_INT(eval("regex(${pc}, '^\\w+$')"), 0);
    check_error("regex(${pc}, '[a-')", 13, "the pattern does not read");
}

static void test_functions_on_choices(void)
{
    reset();
    answer("m", "red green blue");
    answer("fruit", "apl");
    CHECK_STR(value("selected-at(${m}, 0)"), "red");
    CHECK_STR(value("selected-at(${m}, 2)"), "blue");
    CHECK_STR(value("selected-at(${m}, 3)"), "");
    CHECK_STR(value("selected-at(${m}, -1)"), "");
    CHECK_STR(value("count-selected(${m})"), "3");
    CHECK_STR(value("jr:choice-name(${fruit}, '${fruit}')"), "Apple");
    CHECK_STR(value("jr:choice-name('pear', '${fruit}')"), "pear"); /* no label: the name */
    CHECK_STR(value("jr:choice-name(selected-at(${m}, 1), '${m}')"), "green");
    check_error("jr:choice-name(${fruit}, ${fruit})", 25, "like '${q}'");
    check_error("jr:choice-name(${fruit}, 'fruit')", 25, "like '${q}'");
    /* the question named in quotes is a reference like any other */
    Refs r = {.n = 0};
    CHECK_INT(expr_each_ref(parse("jr:choice-name(${a}, '${b}')"), collect, &r), 0);
    CHECK_INT(r.n, 2);
    CHECK_STR(r.names[1], "b");
}

static void test_functions_on_numbers(void)
{
    reset();
    answer("x", "2.5");
    answer("t", "abc");
    CHECK_STR(value("round(${x})"), "3");
    CHECK_STR(value("round(2.345, 2)"), "2.35");
    CHECK_STR(value("round(-2.5)"), "-2");
    CHECK_STR(value("int(${x})"), "2");
    CHECK_STR(value("int(-2.7)"), "-2");
    CHECK_STR(value("number(${x}) * 2"), "5");
    CHECK_STR(value("number(${t})"), ""); /* NaN answers nothing */
    CHECK_INT(eval("number(${t}) = number(${t})"), 0);
    CHECK_STR(value("floor(${x}) + ceiling(${x})"), "5");
    CHECK_STR(value("abs(-4)"), "4");
    CHECK_STR(value("pow(2, 10)"), "1024");
    CHECK_STR(value("min(3, ${x}, 7)"), "2.5");
    CHECK_STR(value("max(3, ${x}, 7)"), "7");
    /* outside a repeat each question is one node */
    CHECK_STR(value("sum(${x})"), "2.5");
    CHECK_STR(value("count(${x})"), "1");
    CHECK_STR(value("position(..)"), "1");
}

static void test_dates(void)
{
    reset();
    CHECK_STR(value("today()"), "2026-12-02");
    answer("dob", "2016-12-03");
    /* days between dates, as ODK counts them */
    CHECK_STR(value("today() - ${dob}"), "3651");
    CHECK_INT(eval("${dob} < today()"), 1);
    CHECK_INT(eval("int((today() - ${dob}) div 365.25) = 9"), 1);
    CHECK_STR(value("date(today() + 30)"), "2027-01-01");
    answer("dob", "2016-02-30");
    CHECK_INT(eval("${dob} < today()"), 0); /* not a date */
    /* today() from the clock when the caller gives none: a date, never a time */
    Expr *e = parse("today()");
    ExprEnv env = {NULL, NULL, NULL, 0, 0, 0, NULL};
    char out[32];
    CHECK_INT(expr_eval_string(e, &env, out, sizeof out), 0);
    CHECK_INT(strlen(out), 10);
    check_error("${a} > now()", 7, "time of day");
    check_error("pulldata('x', 'y', 'z', 'w')", 0, "file on the phone");
}

/* `.` is the value of the question the expression belongs to, as in a constraint. */
static const char *lookup_current(const char *name, void *ctx)
{
    (void)ctx;
    if (strcmp(name, ".") == 0)
        return "17";
    return lookup(name, NULL);
}

static void test_current_value(void)
{
    reset();
    answer("min", "4");
    Expr *e = parse(". >= ${min} and . <= 25");
    CHECK(e != NULL);
    CHECK_INT(expr_uses_current(e), 1);
    CHECK_INT(expr_eval(e, lookup_current, NULL), 1);
    CHECK_INT(expr_eval(parse(". > 18"), lookup_current, NULL), 0);
    CHECK_INT(expr_eval(parse("string-length() = 2"), lookup_current, NULL), 1);
    CHECK_INT(expr_eval(parse("once(5) = 17"), lookup_current, NULL), 1);
    CHECK_INT(expr_uses_current(parse("${min} > 1")), 0);
    CHECK_INT(expr_uses_current(parse("position(..) = 1")), 0);
    check_error(".. = 1", 0, "position(..)");
}

static void test_curly_quotes_and_arity(void)
{
    reset();
    check_error("${a} = \xE2\x80\x98yes\xE2\x80\x99", 7, "curly quote \xE2\x80\x98 (U+2018)");
    check_error("${a} = \xE2\x80\x9Cyes\xE2\x80\x9D", 7, "type a straight \" instead");
    check_error("if(${a}, 1)", 0, "if() takes 3 arguments, not 2");
    check_error("concat()", 0, "concat() takes at least 1 argument, not 0");
    check_error("round(1, 2, 3)", 0, "round() takes 1 to 2 arguments, not 3");
    check_error("${a} = 1 DIV 2", 9, "lowercase");
    check_error("${a} mod", 8, "end of the expression");
}

/* Rows from published XLSForms (ODK's and Kobo's examples and help threads). */
static void test_real_forms(void)
{
    reset();
    answer("age", "15");
    answer("consent", "yes");
    answer("hh_members", "4");
    answer("children", "2");
    answer("first_name", "Ama");
    answer("last_name", "Mensah");
    CHECK_INT(eval("${age} >= 18 or ${consent} = 'yes'"), 1);
    CHECK_INT(eval("${children} <= ${hh_members}"), 1);
    CHECK_STR(value("${hh_members} - ${children}"), "2");
    CHECK_STR(value("concat(${first_name}, ' ', ${last_name})"), "Ama Mensah");
    CHECK_STR(value("if(${age} < 13, 'child', if(${age} < 18, 'teen', 'adult'))"), "teen");
    CHECK_STR(value("round(${children} div ${hh_members} * 100, 1)"), "50");
    CHECK_INT(eval("string-length(${first_name}) > 1 and string-length(${first_name}) < 30"), 1);
    CHECK_INT(eval("not(selected(${consent}, 'no')) and ${age} != ''"), 1);
}

/* Strings built while evaluating stay within EXPR_SCRATCH_MAX: more is "" (no answer), never an
 * overrun. */
static void test_scratch_limit(void)
{
    reset();
    static char big[1001];
    memset(big, 'x', sizeof big - 1);
    answer("big", big);
    char src[4096] = "concat(";
    for (int i = 0; i < 100; i++)
        strcat(src, i ? ", ${big}" : "${big}");
    strcat(src, ")");
    CHECK_INT(strlen(value(src)), strlen("<too long>"));
    CHECK(strcmp(value(src), "<too long>") == 0);
    CHECK_STR(value("string-length(concat(${big}, ${big}))"), "2000");
    /* too long for the caller's buffer */
    Expr *e = parse("concat(${big}, 'y')");
    ExprEnv env = {lookup, NULL, NULL, 2026, 1, 1, NULL};
    char small[8];
    CHECK_INT(expr_eval_string(e, &env, small, sizeof small), -1);
    CHECK_STR(small, "");
}

static void test_len_is_respected(void)
{
    reset();
    /* Bytes past len are not part of the expression. */
    CHECK(parse_n("true() and false()", 6) != NULL);
    CHECK_INT(expr_eval(parse_n("true() and false()", 6), lookup, NULL), 1);
    CHECK(parse_n("${abc}", 5) == NULL);
    CHECK_INT(err.offset, 0);
    CHECK(parse_n("'abc'", 4) == NULL);
    CHECK_INT(expr_eval(parse_n("1.5", 2), lookup, NULL), 1); /* "1." is a number */
    CHECK(parse_n("1 != 1", 3) == NULL);
    CHECK_INT(err.offset, 2);
}

/* A choice_filter's bare names are the choice's columns; anywhere else they are a mistake. */
static int note_column(const char *name, void *ctx)
{
    char *seen = ctx;
    strcat(seen, name);
    strcat(seen, " ");
    return 0;
}

static const char *filter_column(const char *name, void *ctx)
{
    (void)ctx;
    return strcmp(name, "region") == 0 ? "north" : strcmp(name, "name") == 0 ? "gateshead" : "";
}

static void test_filter_columns(void)
{
    Arena *a = arena_new();
    ExprError ferr;
    const char *src = "region = ${r} and not(starts-with(name, 'x'))";
    CHECK(expr_parse(a, src, strlen(src), &ferr) == NULL);
    CHECK(strstr(ferr.reason, "unexpected word 'region'") != NULL);
    Expr *e = expr_parse_filter(a, src, strlen(src), &ferr);
    CHECK(e != NULL);
    char seen[64] = "";
    CHECK_INT(expr_each_column(e, note_column, seen), 0);
    CHECK_STR(seen, "region name ");
    ExprEnv env = {lookup, NULL, NULL, 2026, 1, 1, filter_column};
    answer("r", "north");
    CHECK_INT(expr_eval_env(e, &env), 1);
    answer("r", "south");
    CHECK_INT(expr_eval_env(e, &env), 0);
    /* keywords and functions keep their meaning */
    const char *src2 = "region = 'north' or count-selected(${r}) > 1";
    CHECK(expr_parse_filter(a, src2, strlen(src2), &ferr) != NULL);
    /* a column named as XLSForm names a translation: label::English, one name */
    const char *src3 = "label::English != '' and jr:choice-name(name, '${r}') != ''";
    e = expr_parse_filter(a, src3, strlen(src3), &ferr);
    CHECK(e != NULL);
    seen[0] = '\0';
    CHECK_INT(expr_each_column(e, note_column, seen), 0);
    CHECK_STR(seen, "label::English name ");
    /* outside a choice_filter it is no name; nor is a ':' alone or a trailing '::' */
    CHECK(expr_parse(a, "label::English != ''", 20, &ferr) == NULL);
    CHECK(expr_parse_filter(a, "label: = 'x'", 12, &ferr) == NULL);
    CHECK(expr_parse_filter(a, "label:: = 'x'", 13, &ferr) == NULL);
    arena_free(a);
}

int main(void)
{
    RUN(test_string_equality);
    RUN(test_unanswered);
    RUN(test_numeric);
    RUN(test_numeric_against_non_number);
    RUN(test_relational_without_numbers);
    RUN(test_and_or_not);
    RUN(test_precedence);
    RUN(test_literals_as_conditions);
    RUN(test_selected);
    RUN(test_count_selected);
    RUN(test_lookup_buffer_reused);
    RUN(test_errors);
    RUN(test_name_rules);
    RUN(test_string_size);
    RUN(test_depth_limit);
    RUN(test_node_limit);
    RUN(test_each_ref);
    RUN(test_expr_and);
    RUN(test_len_is_respected);
    RUN(test_arithmetic);
    RUN(test_functions_on_strings);
    RUN(test_regex);
    RUN(test_functions_on_choices);
    RUN(test_functions_on_numbers);
    RUN(test_dates);
    RUN(test_current_value);
    RUN(test_curly_quotes_and_arity);
    RUN(test_real_forms);
    RUN(test_scratch_limit);
    arena_free(arena);
    RUN(test_filter_columns);
    return TEST_SUMMARY("expr");
}
