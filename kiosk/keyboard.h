/* keyboard.h: the on-screen keyboards of text and number questions, and of the worker's
 * screens: one layout a script (Latin; Latin with Albanian ë ç or Vietnamese letters and tones;
 * Arabic, Farsi, Pashto and Sorani letters laid out right to left; Tigrinya's Ge'ez consonants
 * and their vowel orders), chosen by the young person's language, its named keys in that
 * language. Laid out as W_KEY widgets whose A_KEY argument names the key, read back by
 * keyboard_press(). Every label is unique within a keyboard, so a script can tap a key by it.
 * Knows no SDL.
 *
 * A keyboard has a state, an int the screen keeps (App.shift) and resets to 0 for each new
 * field: Shift, Latin letters instead of the language's, or a letter waiting for its vowel
 * order (Ge'ez) or tone (Vietnamese). */
#ifndef CHORUS_KEYBOARD_H
#define CHORUS_KEYBOARD_H

#include "app.h"

/* Lays a keyboard out in area: the number pad (numeric KEYPAD_DIGITS, or KEYPAD_DECIMAL with a
 * decimal point beside 0), else (0) the letters of language lang (a key such as "ar"; Latin for
 * a language without its own layout) in state. */
enum { KEYPAD_DIGITS = 1, KEYPAD_DECIMAL = 2 };
void keyboard_add(View *v, Rect area, const char *lang, int numeric, int state);

/* The height keyboard_add() needs w wide: its rows of keys, each a touch target tall and as
 * tall as the words of its keys need (a named key is widened to hold its words on one line). */
int keyboard_height(const View *v, int w, const char *lang, int numeric, int state);

/* How many rows of keys keyboard_add() lays out for lang, numeric and state: a screen keeps
 * room for them at a touch target's height. */
int keyboard_rows(const char *lang, int numeric, int state);

/* 1 if arg (an A_KEY argument) names a key of one of the keyboards. */
int keyboard_valid(int arg);

/* What a tap on the key arg does in state: the text to append in *add (NULL none) and *del 1
 * to delete the last character first (Delete, or a tone replacing the vowel it follows).
 * Returns the keyboard's new state; an arg that is not valid changes nothing. */
int keyboard_press(int arg, int state, const char **add, int *del);

#endif
