/* keys.c: physical keys and switches as Input. See keys.h. */
#include "keys.h"

#include <stdio.h>
#include <string.h>

void keys_input(SDL_Keycode sym, Uint16 mod, int down, int repeat, Input *in)
{
    memset(in, 0, sizeof *in);
    in->kind = down ? IN_KEY : IN_KEY_UP;
    in->code = (int)sym;
    in->flags = ((mod & KMOD_SHIFT) ? INPUT_SHIFT : 0u) | (repeat ? INPUT_REPEAT : 0u);
    switch (sym) {
    case SDLK_BACKSPACE:
        in->key = KEY_BACKSPACE;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        in->key = KEY_ENTER;
        break;
    case SDLK_ESCAPE:
        in->key = KEY_ESCAPE;
        break;
    case SDLK_TAB:
        in->key = KEY_TAB;
        break;
    case SDLK_SPACE:
        in->key = KEY_SPACE;
        break;
    default:
        in->key = KEY_OTHER;
        break;
    }
}

void keys_mouse_input(int button, int down, Input *in)
{
    memset(in, 0, sizeof *in);
    in->kind = down ? IN_KEY : IN_KEY_UP;
    in->key = KEY_OTHER;
    in->code = KEYS_MOUSE + button;
}

const char *keys_name(int code)
{
    static char name[32];
    if (code > KEYS_MOUSE && code < KEYS_MOUSE + 256) {
        int b = code - KEYS_MOUSE;
        if (b == SDL_BUTTON_RIGHT || b == SDL_BUTTON_MIDDLE)
            return b == SDL_BUTTON_RIGHT ? "right click" : "middle click";
        snprintf(name, sizeof name, "mouse %d", b);
        return name;
    }
    return SDL_GetKeyName((SDL_Keycode)code);
}
