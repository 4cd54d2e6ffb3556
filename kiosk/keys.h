/* keys.h: a physical key, or a switch that arrives as one, as the app's Input. One of the few
 * kiosk files that know SDL: main.c maps the window's key events through it and script.c the
 * keys a script names, so a test presses a key exactly as a keyboard or switch interface does. */
#ifndef CHORUS_KEYS_H
#define CHORUS_KEYS_H

#include <SDL.h>

#include "app.h"

/* in for key sym going down (down 1, repeat 1 for the key's own repeat while held) or coming
 * up, with modifiers mod. Every key is given (KEY_OTHER for a key the kiosk gives no meaning of
 * its own), so any key can be made a switch. */
void keys_input(SDL_Keycode sym, Uint16 mod, int down, int repeat, Input *in);

/* A mouse button other than the left one (which is touch) as a key going down or up: switch
 * interfaces that click the right or middle button become switches the same way. Its code is
 * KEYS_MOUSE plus SDL's button number, clear of every SDL key code. */
#define KEYS_MOUSE 0x20000000
void keys_mouse_input(int button, int down, Input *in);

/* A key code's name for the worker ("Space", "F5"); "" when SDL has none. Static memory. */
const char *keys_name(int code);

#endif
