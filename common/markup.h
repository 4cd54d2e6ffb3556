/* markup.h: the markup XLSForm authors put in labels, read the way ODK Collect and Enketo show
 * it: markdown emphasis (**bold**, __bold__, *italic*, _italic_, a "# heading" line in bold,
 * [words](link) as its words, \* for a literal star) and HTML (tags stripped, <br> and <p> as
 * line breaks, &amp; &lt; &gt; &quot; &#39; &nbsp; and &#NNN; decoded).
 *
 * The survey keeps every text as its plain words, so speech, the review screen and reports never
 * read "**" or "<span>" aloud; a drawer that can style words asks for the runs. */
#ifndef CHORUS_MARKUP_H
#define CHORUS_MARKUP_H

#include <stddef.h>

enum { MARKUP_BOLD = 1, MARKUP_ITALIC = 2 };

/* Words of the plain text in one style: plain[start .. start+len). */
typedef struct {
    size_t start, len;
    unsigned style; /* MARKUP_BOLD | MARKUP_ITALIC, 0 for plain */
} MarkupRun;

#define MARKUP_RUNS_MAX 32 /* styled runs kept for one text; later words are drawn plain */

/* Reads (src, len) into its plain words in out (cap bytes, NUL-terminated; never longer than
 * src) and, with runs not NULL, the runs of style in order covering the whole plain text (at most
 * maxruns; the rest of the text joins the last run). Returns the number of runs (0 for an empty
 * text), and 1 in *changed when the plain text differs from src. Markup that is not closed
 * ("2 * 3", a lone "_") is kept as written. */
int markup_parse(const char *src, size_t len, char *out, size_t cap, MarkupRun *runs,
                 int maxruns, int *changed);

/* A text to draw with its styles in it: the plain words with a style mark (one byte,
 * MARKUP_MARK | style) before each run whose style differs from the one before (the text starts
 * plain). The marks are C0 controls no survey text holds (the survey reader drops them), so the
 * text's measure, its wrapping and its cache key all carry its styles, and only the drawer
 * (kiosk/text.c) reads them. */
#define MARKUP_MARK 0x10 /* 0x10 plain, 0x11 bold, 0x12 italic, 0x13 bold italic */
#define MARKUP_IS_MARK(c) (((unsigned char)(c) & ~3u) == MARKUP_MARK)

/* Reads (src, len) as markup_parse() does and writes the plain words with style marks into out
 * (cap bytes, NUL-terminated, cut at a character's end when too small). Returns out. */
char *markup_styled(const char *src, size_t len, char *out, size_t cap);

/* s without its style marks, into out (cap bytes, NUL-terminated). Returns out. */
char *markup_unmark(const char *s, char *out, size_t cap);

#endif
