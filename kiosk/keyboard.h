/* keyboard.h: the on-screen keyboards of text and number questions, and of the worker's
 * screens: laid out as W_KEY widgets whose A_KEY argument names the key, and read back by
 * keyboard_apply(). Knows no SDL. */
#ifndef CHORUS_KEYBOARD_H
#define CHORUS_KEYBOARD_H

#include "app.h"

/* Lays a keyboard out in area: the number pad (numeric), else letters (shift: capitals). */
void keyboard_add(View *v, Rect area, int numeric, int shift);

/* What the key of A_KEY argument arg does: the text to append in *add, or *del 1 for Delete.
 * Returns 1 if it was the Shift key. Callers check keyboard_valid(arg) first. */
int keyboard_apply(int arg, int shift, const char **add, int *del);

/* 1 if arg names a key of one of the keyboards. */
int keyboard_valid(int arg);

#endif
