/* scan.h: the focus order of a view: every target a young person could tap, once each, in
 * reading order, for the keyboard (Tab) and for switches (scanning). Knows no SDL and no App:
 * it reads a View, already mirrored for a right-to-left language, and nothing else.
 *
 * Reading order: rows from the top, and in a row from the start side (the left, or the right
 * in a right-to-left view). A row is the targets whose middles lie within the height of its
 * first (topmost) target. Several widgets with the same action and argument (a picture and
 * the words of one button) are one target, framed together. Keys of the on-screen keyboard
 * that share a row are a row of keys: switches scan the rows, then the keys of the row chosen
 * (row-column scanning), as special schools' switch software does for big keyboards. */
#ifndef CHORUS_SCAN_H
#define CHORUS_SCAN_H

#include "view.h"

typedef struct {
    int widget;      /* the first widget of it in the view (its words, when it has any) */
    int action, arg; /* what selecting it does */
    Rect r;          /* around every widget of it */
    int row;         /* its reading row, 0 at the top */
    int keys;        /* a key of the on-screen keyboard: the index in the order of the first
                      * key of its row of keys; -1 for any other target */
} ScanTarget;

typedef struct {
    int n;
    ScanTarget t[VIEW_WIDGETS_MAX];
} ScanOrder;

/* Fills o with v's targets in reading order: every widget that can be tapped (an action, not
 * W_DISABLED), those of one action and argument merged into one target. */
void scan_order(const View *v, ScanOrder *o);

/* The index in o of the target with action and arg, or -1. */
int scan_find(const ScanOrder *o, int action, int arg);

/* The index of the last key of the row of keys that target i starts or belongs to (i itself
 * when it is not a key). */
int scan_row_end(const ScanOrder *o, int i);

/* The rectangle around the targets from..to (inclusive). */
Rect scan_span(const ScanOrder *o, int from, int to);

#endif
