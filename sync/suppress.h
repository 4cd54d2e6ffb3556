/* suppress.h: the small-number rule and its solver: which figures a publication may show so
 * that no figure from 1 to 9 young people is shown or can be worked out from those shown.
 * It knows figures and sums only; which sums tie a report's figures together is linked.h's.
 *
 * Start reading at suppress_figures_marked(). */
#ifndef CHORUS_SUPPRESS_H
#define CHORUS_SUPPRESS_H

#define SUPPRESS_MIN 10         /* a figure from fewer young people than this is shown as "c" */
#define SUPPRESS_SOLVE_MAX 50000 /* hidden figures suppress_figures checks together, at most */
#define SUPPRESS_TEXT_OF(x) #x
#define SUPPRESS_NUMBER_TEXT(x) SUPPRESS_TEXT_OF(x)
#define SUPPRESS_MIN_TEXT SUPPRESS_NUMBER_TEXT(SUPPRESS_MIN) /* "10", for words about figures */

/* ---- small numbers ----
 *
 * The rule, as the report's footer says it: a figure from 1 to 9 young people is never shown
 * (primary suppression); a percentage is shown only when its denominator is at least 10 and
 * its numerator is 0 or at least 10; and more figures are hidden (secondary suppression) until
 * no hidden figure can be worked out from the shown ones and the sums that tie them together.
 * linked.c says which sums those are; suppress_figures() does the hiding. */

/* 1 if a figure from n young people must not be shown: 1 <= n < SUPPRESS_MIN. A zero is
 * shown: it identifies no one. */
int suppress_small(long n);

/* 1 if a percentage of counted out of n must not be shown: n, counted or the rest of n (n -
 * counted: "92% of 12" says one said no) is from 1 to 9. (With n at least 10, counted 0 is 0%:
 * it identifies no one.) */
int suppress_percent(long counted, long n);

/* One additive relation among figures: the cells add up to the total. A group of one cell
 * says two figures are the same number (the same young people counted in two places). */
typedef struct {
    int ncells;
    const int *cells; /* indexes into the figure arrays */
    int total;        /* index of the total */
} SuppressGroup;

/* Primary and secondary suppression over figures value[0..nfig-1] related by groups. hide[]
 * is in and out: a 1 stays hidden. cost[] says what hiding each figure costs the reader (NULL:
 * all alike); a cost of 0 marks a figure that is not published at all (such as how many of one
 * survey's responses came from one session), which the relations need: it is never hidden for
 * being small, is assumed known to a reader unless hidden, and is the first choice when one
 * more figure must be hidden.
 *
 * First hides every small published figure (suppress_small). Then, until nothing changes:
 * - for every group in which a hidden figure could be worked out (exactly one unknown among its
 *   cells and total, or hidden cells that must all be 1), hides one more of its figures: the
 *   cheapest, counting with a figure the cost of every figure a group of one ties to it (they
 *   are hidden with it), then the smallest; without cost[], the smallest shown non-zero cell,
 *   or the total when no cell is left;
 * - then checks the groups all together, as a system of linear equations in the hidden
 *   figures: a hidden published figure that the equations fix is protected by hiding one more
 *   figure of a group it is in (one whose hiding leaves it unfixed, when there is one).
 * Returns how many figures it hid, or -1 when out of memory or when more hidden figures than
 * SUPPRESS_SOLVE_MAX would have to be checked at once. No I/O. */
int suppress_figures(const long *value, const int *cost, unsigned char *hide, int nfig,
                     const SuppressGroup *groups, int ngroups);

/* What suppress_figures_marked knows of a figure besides its value and cost. */
enum {
    SUPPRESS_PROTECT = 1, /* not published, but a difference a reader can make (the rest of a
                           * percentage's base, a year minus its quarters, a period's late
                           * responses): hidden when 1 to 9 (by value, either sign) and never
                           * to be worked out then */
    SUPPRESS_LOCKED = 2   /* an earlier report showed it: known, and never hidden now */
};

/* suppress_figures with mark[] (NULL: none) flags per figure. A hidden figure that only
 * locked figures fix (an earlier report gave it away) is let go rather than failing. */
int suppress_figures_marked(const long *value, const int *cost, const unsigned char *mark,
                            unsigned char *hide, int nfig, const SuppressGroup *groups,
                            int ngroups);

#endif
