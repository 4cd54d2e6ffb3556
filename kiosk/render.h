/* render.h: draws a View with SDL2 and SDL2_ttf. One of the few kiosk files that know SDL.
 *
 * Texts are rendered once into textures and kept in a cache keyed by text, size, style and
 * width, so a redraw costs only copies. Fonts come from the bundled assets folder only. */
#ifndef CHORUS_RENDER_H
#define CHORUS_RENDER_H

#include <SDL.h>

#include "view.h"

typedef struct Render Render;

/* A renderer drawing with r, its fonts read from font_dir (NotoSans-Regular.ttf and
 * NotoSans-Bold.ttf). Returns NULL with err (ERR_LEN) when a font is missing or broken. */
Render *render_new(SDL_Renderer *r, const char *font_dir, char *err);

/* Frees the renderer and its cache (wiping cached texts). Accepts NULL. */
void render_free(Render *rd);

/* Draws v (does not present). */
void render_view(Render *rd, const View *v);

/* Forgets every cached text (they may hold a young person's answers). */
void render_forget(Render *rd);

/* Saves the current frame as a PNG at path. Returns 0, or -1 with err. */
int render_save_png(Render *rd, int w, int h, const char *path, char *err);

/* 1 if a glyph of text is missing from the fonts (for the missing-glyph checks). */
int render_text_has_missing_glyphs(Render *rd, const char *text);

#endif
