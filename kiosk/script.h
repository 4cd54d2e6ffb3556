/* script.h: drives the kiosk headless from a script, on a fake clock, for tests and demos.
 *
 *   tap "Label" | tap X Y          press and release on a widget by its visible text, or a point,
 *                                  once the clock has run out the tap guard (TAP_GUARD_MS)
 *   tap-now "Label" | tap-now X Y  the same at once: a double tap, a tap on a view just shown
 *   tap-nth N "Label"              tap the Nth button showing exactly "Label" (a picker's "+")
 *   press X Y | release X Y        half a tap
 *   hold X Y SECONDS               press, let the clock run, release (the worker corner)
 *   type "text"                    typed on a physical keyboard, one character at a time
 *   key NAME                       press and release a key as a keyboard sends it: backspace,
 *                                  enter, escape, tab, shift-tab, space, or SDL's name ("F5")
 *   switch 1|2 [MS]                press the key of switch 1 or 2 once its debounce is over,
 *                                  hold it MS (the worker's dwell), release it
 *   scan "Label"                   by switches alone (access.h): move the focus (switch 1, or
 *                                  wait for the one-switch scan) to the target showing "Label",
 *                                  or the row of keys holding it, and choose it
 *   scan-type "text"               each character by scan on the on-screen keyboard (a space
 *                                  by its Space key; no Shift: lower case and digits)
 *   tab "Label"                    Tab until the focus is on "Label", then Enter
 *   expect focus "..."             fail unless the focus ring is on the target showing "..."
 *   wait MS | advance SECONDS      move the fake clock on
 *   date YYYY-MM-DD                set the fake wall clock to noon of that day
 *   shot NAME                      save the frame as SHOTS/NAME.png
 *   expect screen NAME             fail unless the current screen is NAME
 *   expect text "..."              fail unless some widget shows text containing "..."
 *   expect no-text "..."           fail if any widget shows text containing "..."
 *   check-words                    from here on, fail after any line that leaves a kiosk word
 *                                  in English on a screen in another language (words.h)
 *   never-text "..."               from here on, fail after any line that leaves a widget
 *                                  showing text containing "..." (e.g. "${"; up to 4 of them)
 *   echo WORDS | echo "text"       print (up to 3 words) to standard output, flushed at once
 *   print screen                   print every text the screen shows, one a line, likewise
 * Lines starting with # are comments. The window size is set with --size WxH. A script runs
 * headless (--headless: SDL's dummy driver), or in a real window (under cage, in a test of the
 * appliance): there each frame is shown as well, and the display's own input is ignored. */
#ifndef CHORUS_SCRIPT_H
#define CHORUS_SCRIPT_H

#include <SDL.h>

#include "app.h"
#include "render.h"

/* Runs the script at path. Returns 0 when every line passed, or -1 after printing
 * "PATH:LINE: reason" to stderr. */
int script_run(App *a, Render *rd, SDL_Renderer *r, const char *path, const char *shots_dir);

#endif
