/* test_markup.c: tests of label markup (common/markup.c): markdown emphasis and HTML as real
 * XLSForms write them (ODK's and Kobo's documentation examples), read into plain words and
 * styled runs; text that only looks like markup is kept as written. */
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "test.h"

static char plain[512];
static MarkupRun runs[MARKUP_RUNS_MAX];
static int nruns, changed;

static const char *read_markup(const char *src)
{
    /* an exact-size copy, so a read past the end is caught by the sanitizer build */
    size_t n = strlen(src);
    char *copy = malloc(n ? n : 1);
    if (!copy)
        return "";
    memcpy(copy, src, n);
    nruns = markup_parse(copy, n, plain, sizeof plain, runs, MARKUP_RUNS_MAX, &changed);
    free(copy);
    return plain;
}

/* Checks run i: its words and style. */
static void check_run(int i, const char *words, unsigned style, int line)
{
    if (i >= nruns || runs[i].len != strlen(words) ||
        memcmp(plain + runs[i].start, words, runs[i].len) != 0 || runs[i].style != style) {
        fprintf(stderr, "%s:%d: run %d is not \"%s\" in style %u (%d runs)\n", __FILE__, line, i,
                words, style, nruns);
        for (int k = 0; k < nruns; k++)
            fprintf(stderr, "  run %d: \"%.*s\" style %u\n", k, (int)runs[k].len,
                    plain + runs[k].start, runs[k].style);
        test_current_failed = 1;
    }
}
#define CHECK_RUN(i, words, style) check_run(i, words, style, __LINE__)

static void test_emphasis(void)
{
    CHECK_STR(read_markup("**Bold** and *italic*"), "Bold and italic");
    CHECK_INT(nruns, 3);
    CHECK_RUN(0, "Bold", MARKUP_BOLD);
    CHECK_RUN(1, " and ", 0);
    CHECK_RUN(2, "italic", MARKUP_ITALIC);
    CHECK_INT(changed, 1);
    CHECK_STR(read_markup("How do you feel __today__, _really_?"), "How do you feel today, really?");
    CHECK_RUN(1, "today", MARKUP_BOLD);
    CHECK_RUN(3, "really", MARKUP_ITALIC);
    CHECK_STR(read_markup("***Both***"), "Both");
    CHECK_RUN(0, "Both", MARKUP_BOLD | MARKUP_ITALIC);
    CHECK_STR(read_markup("# Section A\nAbout school"), "Section A\nAbout school");
    CHECK_RUN(0, "Section A", MARKUP_BOLD);
    CHECK_RUN(1, "\nAbout school", 0);
}

static void test_not_markup(void)
{
    static const char *const same[] = {
        "2 * 3 = 6", "my_snake_case_name", "age < 5 and > 2", "a ** b", "Tom & Jerry",
        "#1 choice", "[not a link]", "_", "**", "* bullet", "",
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        CHECK_STR(read_markup(same[i]), same[i]);
        CHECK_INT(changed, 0);
    }
    CHECK_STR(read_markup("\\*not italic\\*"), "*not italic*");
    CHECK_INT(nruns, 1);
    /* emphasis does not run on past its line */
    CHECK_STR(read_markup("*open\nclose*"), "*open\nclose*");
}

static void test_html(void)
{
    CHECK_STR(read_markup("<span style=\"color:#ff0000\">Red</span> words"), "Red words");
    CHECK_STR(read_markup("Line one<br>Line two<br/>three"), "Line one\nLine two\nthree");
    CHECK_STR(read_markup("<p>One</p><p>Two</p>"), "One\nTwo\n");
    CHECK_STR(read_markup("Fish &amp; chips &lt;3 &#39;yum&#39; &#x1F600;"),
              "Fish & chips <3 'yum' \xF0\x9F\x98\x80");
    CHECK_STR(read_markup("<b>**Both**</b>"), "Both");
    CHECK_STR(read_markup("See [the website](https://example.org) for more"),
              "See the website for more");
    CHECK_INT(changed, 1);
}

static void test_small_output(void)
{
    char out[6];
    MarkupRun r[1];
    int n = markup_parse("**abcdefgh**", 12, out, sizeof out, r, 1, NULL);
    CHECK_STR(out, "abcde");
    CHECK_INT(n, 1);
    CHECK_INT(r[0].len, 5);
    /* more styled runs than kept: the rest joins the last */
    n = markup_parse("*a* b *c*", 9, out, sizeof out, r, 1, NULL);
    CHECK_STR(out, "a b c");
    CHECK_INT(n, 1);
    CHECK_INT(r[0].len, 5);
}

/* The words to draw: plain words with a style mark before each run of another style, the
 * marks gone again with markup_unmark; a text without markup is itself. */
static void test_styled(void)
{
    char out[64], back[64];
    markup_styled("a **b** *c* d", strlen("a **b** *c* d"), out, sizeof out);
    CHECK_STR(out, "a \x11" "b\x10 \x12" "c\x10 d");
    CHECK_STR(markup_unmark(out, back, sizeof back), "a b c d");
    markup_styled("plain words", 11, out, sizeof out);
    CHECK_STR(out, "plain words");
    markup_styled("***both***", 10, out, sizeof out);
    CHECK_STR(markup_unmark(out, back, sizeof back), "both");
    CHECK(MARKUP_IS_MARK(out[0]));
    CHECK_INT(out[0] & 3, MARKUP_BOLD | MARKUP_ITALIC);
    /* too small: whole runs only, never half a character */
    const char *tight = "ab **\xc3\xa9\xc3\xa9**";
    markup_styled(tight, strlen(tight), out, 6);
    CHECK_STR(out, "ab ");
}

int main(void)
{
    RUN(test_emphasis);
    RUN(test_styled);
    RUN(test_not_markup);
    RUN(test_html);
    RUN(test_small_output);
    return TEST_SUMMARY("markup");
}
