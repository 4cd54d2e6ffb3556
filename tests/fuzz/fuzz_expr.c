/* fuzz_expr: relevant expressions (common/expr.c), parsed and then evaluated.
 *
 * The input is the expression, then optionally a NUL byte and answers separated by NUL bytes
 * (the expression itself may not hold a NUL: the parser refuses one). ${name} takes the
 * answers in turn, so the fuzzer picks the values compared; without answers a fixed set of
 * awkward ones is used: empty, numbers with spaces and signs, choice lists, a value longer than
 * EXPR_VALUE_MAX. Answers are handed back in one reused buffer, as the kiosk's lookup does for
 * integers, so an evaluator that keeps a looked-up value too long reads the wrong one (and ASan
 * a freed or changed one).
 *
 * Properties: a refusal names an offset inside the expression and a reason; an expression that
 * parses evaluates (and again joined with itself by expr_and, as nested groups are), and its
 * references are all walked. */
#include "arena.h"
#include "chorus_limits.h"
#include "expr.h"
#include "fuzz.h"

const char fuzz_name[] = "expr";

typedef struct {
    const char *const *values; /* answers, handed out in turn */
    int nvalues, next;
    char buf[EXPR_VALUE_MAX + 1]; /* reused for every answer that fits */
} Answers;

static const char *lookup(const char *name, void *ctx)
{
    Answers *an = ctx;
    (void)name;
    const char *v = an->values[an->next++ % an->nvalues];
    size_t n = strlen(v);
    if (n >= sizeof an->buf)
        return v; /* a long answer is handed out in place */
    memcpy(an->buf, v, n + 1);
    return an->buf;
}

static int count_ref(const char *name, void *ctx)
{
    FUZZ_ASSERT(name[0] != '\0' && strlen(name) <= SURVEY_NAME_MAX);
    ++*(int *)ctx;
    return 0;
}

static int count_col(const char *name, void *ctx)
{
    FUZZ_ASSERT(name[0] != '\0');
    ++*(int *)ctx;
    return 0;
}

static int stop_at_first(const char *name, void *ctx)
{
    (void)name;
    (void)ctx;
    return 7;
}

/* A choice_filter's column: every column reads as the next answer. */
static const char *column(const char *name, void *ctx)
{
    (void)name;
    return lookup("", ctx);
}

static void evaluate(const Expr *e, const char *const *values, int nvalues)
{
    static Answers an;
    an.values = values;
    an.nvalues = nvalues;
    an.next = 0;
    (void)expr_eval(e, lookup, &an);
    (void)expr_eval(e, NULL, NULL);
    /* as a calculation: a string that fits, or -1 and "" */
    ExprEnv env = {lookup, NULL, &an, 2026, 2, 28, column};
    static char out[256];
    an.next = 0;
    if (expr_eval_string(e, &env, out, sizeof out) != 0)
        FUZZ_ASSERT(out[0] == '\0');
    else
        FUZZ_ASSERT(strlen(out) < sizeof out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char longest[EXPR_VALUE_MAX + 100];
    if (!longest[0])
        memset(longest, '7', sizeof longest - 1);
    static const char *const fixed[] = {"",  "yes", "12", " -3.5 ", "a b  c",
                                        "0", "007", "x",  "1e3",    longest};
    const char *src = (const char *)data;
    const uint8_t *nul = memchr(data, '\0', size);
    size_t len = nul ? (size_t)(nul - data) : size;

    /* The answers after the first NUL, each NUL-terminated in a copy. */
    const char *values[64];
    int nvalues = 0;
    char *tail = NULL;
    if (nul) {
        size_t n = size - len - 1;
        tail = malloc(n + 1);
        FUZZ_ASSERT(tail);
        memcpy(tail, nul + 1, n);
        tail[n] = '\0';
        for (char *v = tail; nvalues < 64; v += strlen(v) + 1) {
            values[nvalues++] = v;
            if (v + strlen(v) >= tail + n)
                break;
        }
    }

    Arena *a = arena_new();
    FUZZ_ASSERT(a);
    ExprError err = {0};
    Expr *e = expr_parse(a, src, len, &err);
    if (!e) {
        FUZZ_ASSERT(err.offset <= len);
        FUZZ_ASSERT_MESSAGE(err.reason, sizeof err.reason);
    } else {
        int refs = 0;
        FUZZ_ASSERT(expr_each_ref(e, count_ref, &refs) == 0);
        FUZZ_ASSERT(expr_each_ref(e, stop_at_first, NULL) == (refs ? 7 : 0));
        evaluate(e, nvalues ? values : fixed,
                 nvalues ? nvalues : (int)(sizeof fixed / sizeof fixed[0]));
        Expr *both = expr_and(a, e, e);
        FUZZ_ASSERT(both);
        evaluate(both, nvalues ? values : fixed,
                 nvalues ? nvalues : (int)(sizeof fixed / sizeof fixed[0]));
        int alone = expr_eval(e, NULL, NULL);
        FUZZ_ASSERT(expr_eval(both, NULL, NULL) == alone);
        FUZZ_ASSERT(expr_eval(expr_and(a, e, NULL), NULL, NULL) == alone);
    }
    /* As a choice_filter: whatever expr_parse takes it takes too, and bare names are columns. */
    Expr *f = expr_parse_filter(a, src, len, &err);
    FUZZ_ASSERT(!e || f);
    if (f) {
        int cols = 0;
        FUZZ_ASSERT(expr_each_column(f, count_col, &cols) == 0);
        FUZZ_ASSERT(!e || cols == 0);
        evaluate(f, nvalues ? values : fixed,
                 nvalues ? nvalues : (int)(sizeof fixed / sizeof fixed[0]));
    }
    arena_free(a);
    free(tail);
    return 0;
}
