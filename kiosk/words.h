/* words.h: the kiosk's own words in every language it knows, kept in words.c one block a
 * language so that a translator edits one place. Screens read them through ui_text() (app.h),
 * which picks the young person's language; these two are the tables underneath. */
#ifndef CHORUS_WORDS_H
#define CHORUS_WORDS_H

#include "app.h"

/* The English word for key: the source every translation is made from. "" for a key out of
 * range or without a word; never NULL. Static storage. */
const char *words_english(UiText key);

/* The word for key in the language with code ("ar", "ti": a row of app.c's languages), or NULL
 * when that language has no table or its table lacks the word (the caller shows English).
 * Static storage. */
const char *words_translation(const char *code, UiText key);

/* For tests: the index of the first widget of v that shows a kiosk word in English while v is
 * in another language (v->look.lang), or -1 if none does. A word that is the same in both
 * languages, and a widget marked W_ENGLISH (the English beside a translation), don't count. */
int words_english_shown(const View *v);

#endif
