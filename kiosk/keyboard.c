/* keyboard.c: the on-screen keyboards. See keyboard.h. */
#include "keyboard.h"

#include <stddef.h>

#include "kit.h"

typedef struct {
    const char *label, *shifted;
    float width; /* in key widths */
    int special; /* 0 a character, else one of the KB_* */
} Key;

enum { KB_NONE, KB_SHIFT, KB_SPACE, KB_DELETE, KB_ROW };

static const Key text_keys[] = {
    {"1", "1", 1, 0},
    {"2", "2", 1, 0},
    {"3", "3", 1, 0},
    {"4", "4", 1, 0},
    {"5", "5", 1, 0},
    {"6", "6", 1, 0},
    {"7", "7", 1, 0},
    {"8", "8", 1, 0},
    {"9", "9", 1, 0},
    {"0", "0", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"q", "Q", 1, 0},
    {"w", "W", 1, 0},
    {"e", "E", 1, 0},
    {"r", "R", 1, 0},
    {"t", "T", 1, 0},
    {"y", "Y", 1, 0},
    {"u", "U", 1, 0},
    {"i", "I", 1, 0},
    {"o", "O", 1, 0},
    {"p", "P", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"a", "A", 1, 0},
    {"s", "S", 1, 0},
    {"d", "D", 1, 0},
    {"f", "F", 1, 0},
    {"g", "G", 1, 0},
    {"h", "H", 1, 0},
    {"j", "J", 1, 0},
    {"k", "K", 1, 0},
    {"l", "L", 1, 0},
    {"'", "'", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"Shift", "Shift", 1.5f, KB_SHIFT},
    {"z", "Z", 1, 0},
    {"x", "X", 1, 0},
    {"c", "C", 1, 0},
    {"v", "V", 1, 0},
    {"b", "B", 1, 0},
    {"n", "N", 1, 0},
    {"m", "M", 1, 0},
    {",", ",", 1, 0},
    {".", ".", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"?", "?", 1, 0},
    {"!", "!", 1, 0},
    {"Space", "Space", 5, KB_SPACE},
    {"-", "-", 1, 0},
    {"Delete", "Delete", 2, KB_DELETE},
};

static const Key number_keys[] = {
    {"1", "1", 1, 0},
    {"2", "2", 1, 0},
    {"3", "3", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"4", "4", 1, 0},
    {"5", "5", 1, 0},
    {"6", "6", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"7", "7", 1, 0},
    {"8", "8", 1, 0},
    {"9", "9", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"Delete", "Delete", 1, KB_DELETE},
    {"0", "0", 1, 0},
};

#define NUMBER_KEY_BASE 1000 /* A_KEY args from here are number_keys */
#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

/* Lays a keyboard out in area; widths in key units per row, centred. */
void keyboard_add(View *v, Rect area, int numeric, int shift)
{
    const Key *keys = numeric ? number_keys : text_keys;
    int n = numeric ? COUNT(number_keys) : COUNT(text_keys);
    int rows = 1;
    float widest = 0, w = 0;
    for (int i = 0; i < n; i++) {
        if (keys[i].special == KB_ROW) {
            rows++;
            widest = w > widest ? w : widest;
            w = 0;
        } else {
            w += keys[i].width;
        }
    }
    widest = w > widest ? w : widest;
    int gap = U(v, 8);
    int kh = (area.h - (rows - 1) * gap) / rows;
    int cap = U(v, 96);
    if (kh > cap)
        kh = cap;
    float unit = (area.w - (widest - 1) * gap) / widest;
    if (numeric && unit > U(v, 200))
        unit = (float)U(v, 200);
    int row = 0, start = 0;
    while (start < n) {
        int end = start;
        float rw = 0;
        while (end < n && keys[end].special != KB_ROW)
            rw += keys[end++].width;
        int x = area.x + (int)((area.w - (rw * unit + (end - start - 1) * gap)) / 2);
        int y = area.y + row * (kh + gap);
        for (int i = start; i < end; i++) {
            int kw = (int)(keys[i].width * unit + (keys[i].width - 1) * gap);
            const char *label = shift ? keys[i].shifted : keys[i].label;
            Widget *k = view_add(v, W_KEY, rect(x, y, kw, kh), label, TS_BODY, A_KEY,
                                 (numeric ? NUMBER_KEY_BASE : 0) + i);
            if (keys[i].special == KB_SHIFT && shift)
                k->flags |= W_SELECTED;
            x += kw + gap;
        }
        start = end + 1;
        row++;
    }
}

/* Applies key arg to (buf, cap): returns the text to append in *add, or deletes the last
 * character for Delete. Returns 1 if it was the Shift key. */
int keyboard_apply(int arg, int shift, const char **add, int *del)
{
    /* Indexes the key table arg belongs to (callers check valid_key first). */
    int numeric = arg >= NUMBER_KEY_BASE;
    const Key *k = numeric ? number_keys + (arg - NUMBER_KEY_BASE) : text_keys + arg;
    *add = NULL;
    *del = 0;
    switch (k->special) {
    case KB_SHIFT:
        return 1;
    case KB_SPACE:
        *add = " ";
        return 0;
    case KB_DELETE:
        *del = 1;
        return 0;
    default:
        *add = shift ? k->shifted : k->label;
        return 0;
    }
}

int keyboard_valid(int arg)
{
    return (arg >= 0 && arg < COUNT(text_keys) && text_keys[arg].special != KB_ROW) ||
           (arg >= NUMBER_KEY_BASE && arg < NUMBER_KEY_BASE + COUNT(number_keys) &&
            number_keys[arg - NUMBER_KEY_BASE].special != KB_ROW);
}
