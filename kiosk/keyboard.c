/* keyboard.c: the on-screen keyboards, one layout a script. See keyboard.h; start reading
 * keyboard_add().
 *
 * Each layout is a list of letter keys in reading order, rows split by BR; keyboard_add()
 * puts a row of digits above them and a row of named keys (Shift, the Latin switch, Space,
 * Delete: words from words.c in the young person's language) below, and lays every row out
 * right to left for a right-to-left script. Two scripts take a second step, as their input
 * methods do: a Ge'ez consonant (Tigrinya) opens its seven vowel orders, of which the young
 * person taps one; a Vietnamese vowel is typed at once and a row of its five tones appears, one
 * of which replaces it (precomposed, so the answer holds one character a letter). */
#include "keyboard.h"

#include <stddef.h>
#include <string.h>

#include "kit.h"
#include "words.h"

typedef struct {
    const char *lo, *up; /* the key's text, without and with Shift (up NULL: no case) */
} Letter;

#define BR                                                                                         \
    {                                                                                              \
        NULL, NULL                                                                                 \
    } /* the end of a row */
#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

enum { PICK_NONE, PICK_ORDERS, PICK_TONES };

static const Letter latin_en[] = {
    {"q", "Q"}, {"w", "W"}, {"e", "E"}, {"r", "R"}, {"t", "T"}, {"y", "Y"}, {"u", "U"}, {"i", "I"},
    {"o", "O"}, {"p", "P"}, BR,         {"a", "A"}, {"s", "S"}, {"d", "D"}, {"f", "F"}, {"g", "G"},
    {"h", "H"}, {"j", "J"}, {"k", "K"}, {"l", "L"}, {"'", "'"}, BR,         {"z", "Z"}, {"x", "X"},
    {"c", "C"}, {"v", "V"}, {"b", "B"}, {"n", "N"}, {"m", "M"}, {",", ","}, {".", "."},
};

/* Albanian: the Latin letters with ë and ç, where an Albanian keyboard has them. */
static const Letter latin_sq[] = {
    {"q", "Q"}, {"w", "W"}, {"e", "E"}, {"r", "R"}, {"t", "T"}, {"y", "Y"}, {"u", "U"}, {"i", "I"},
    {"o", "O"}, {"p", "P"}, BR,         {"a", "A"}, {"s", "S"}, {"d", "D"}, {"f", "F"}, {"g", "G"},
    {"h", "H"}, {"j", "J"}, {"k", "K"}, {"l", "L"}, {"ë", "Ë"}, {"ç", "Ç"}, BR,         {"z", "Z"},
    {"x", "X"}, {"c", "C"}, {"v", "V"}, {"b", "B"}, {"n", "N"}, {"m", "M"}, {",", ","}, {".", "."},
};

/* Vietnamese: the Latin letters with ă â đ ê ô ơ ư; a vowel then shows its tones. */
static const Letter latin_vi[] = {
    {"q", "Q"}, {"w", "W"}, {"e", "E"}, {"r", "R"}, {"t", "T"}, {"y", "Y"}, {"u", "U"},
    {"i", "I"}, {"o", "O"}, {"p", "P"}, {"đ", "Đ"}, BR,         {"a", "A"}, {"s", "S"},
    {"d", "D"}, {"f", "F"}, {"g", "G"}, {"h", "H"}, {"j", "J"}, {"k", "K"}, {"l", "L"},
    {"ă", "Ă"}, {"â", "Â"}, BR,         {"z", "Z"}, {"x", "X"}, {"c", "C"}, {"v", "V"},
    {"b", "B"}, {"n", "N"}, {"m", "M"}, {"ê", "Ê"}, {"ô", "Ô"}, {"ơ", "Ơ"}, {"ư", "Ư"},
};

/* Arabic, in the order of the common Arabic keyboard, read from the right. */
static const Letter arabic[] = {
    {"ض", NULL}, {"ص", NULL}, {"ث", NULL}, {"ق", NULL}, {"ف", NULL}, {"غ", NULL}, {"ع", NULL},
    {"ه", NULL}, {"خ", NULL}, {"ح", NULL}, {"ج", NULL}, {"د", NULL}, BR,          {"ش", NULL},
    {"س", NULL}, {"ي", NULL}, {"ب", NULL}, {"ل", NULL}, {"ا", NULL}, {"ت", NULL}, {"ن", NULL},
    {"م", NULL}, {"ك", NULL}, {"ط", NULL}, {"آ", NULL}, BR,          {"ئ", NULL}, {"ء", NULL},
    {"ؤ", NULL}, {"ر", NULL}, {"ى", NULL}, {"ة", NULL}, {"و", NULL}, {"ز", NULL}, {"ظ", NULL},
    {"ذ", NULL}, {"أ", NULL}, {"إ", NULL},
};

/* Farsi: the Arabic letters with پ چ ژ گ, and the Persian ی and ک. */
static const Letter farsi[] = {
    {"ض", NULL}, {"ص", NULL}, {"ث", NULL}, {"ق", NULL}, {"ف", NULL}, {"غ", NULL}, {"ع", NULL},
    {"ه", NULL}, {"خ", NULL}, {"ح", NULL}, {"ج", NULL}, {"چ", NULL}, BR,          {"ش", NULL},
    {"س", NULL}, {"ی", NULL}, {"ب", NULL}, {"ل", NULL}, {"ا", NULL}, {"ت", NULL}, {"ن", NULL},
    {"م", NULL}, {"ک", NULL}, {"گ", NULL}, {"آ", NULL}, BR,          {"ظ", NULL}, {"ط", NULL},
    {"ز", NULL}, {"ر", NULL}, {"ذ", NULL}, {"د", NULL}, {"پ", NULL}, {"و", NULL}, {"ژ", NULL},
    {"ء", NULL}, {"ئ", NULL}, {"أ", NULL},
};

/* Pashto: the Arabic letters with its own: ټ ډ ړ ږ ښ ګ ڼ ې ی ۍ ځ څ, and پ چ ژ. */
static const Letter pashto[] = {
    {"ض", NULL}, {"ص", NULL}, {"ث", NULL}, {"ق", NULL}, {"ف", NULL}, {"غ", NULL}, {"ع", NULL},
    {"ه", NULL}, {"خ", NULL}, {"ح", NULL}, {"ج", NULL}, {"چ", NULL}, {"ځ", NULL}, BR,
    {"ش", NULL}, {"س", NULL}, {"ي", NULL}, {"ب", NULL}, {"ل", NULL}, {"ا", NULL}, {"ت", NULL},
    {"ن", NULL}, {"م", NULL}, {"ک", NULL}, {"ګ", NULL}, {"پ", NULL}, {"څ", NULL}, BR,
    {"ښ", NULL}, {"ږ", NULL}, {"ړ", NULL}, {"ډ", NULL}, {"ټ", NULL}, {"ڼ", NULL}, {"ې", NULL},
    {"ی", NULL}, {"ۍ", NULL}, {"ئ", NULL}, {"ء", NULL}, {"آ", NULL}, BR,          {"ظ", NULL},
    {"ط", NULL}, {"ز", NULL}, {"ر", NULL}, {"ذ", NULL}, {"د", NULL}, {"و", NULL}, {"ژ", NULL},
};

/* Kurdish Sorani: Arabic letters with ڕ ڵ ۆ ێ ە ڤ پ چ ژ گ, the Persian ی and ک. */
static const Letter sorani[] = {
    {"ق", NULL}, {"و", NULL}, {"ە", NULL}, {"ر", NULL}, {"ت", NULL}, {"ی", NULL}, {"ئ", NULL},
    {"ح", NULL}, {"ۆ", NULL}, {"پ", NULL}, {"ڕ", NULL}, BR,          {"ا", NULL}, {"س", NULL},
    {"د", NULL}, {"ف", NULL}, {"گ", NULL}, {"ه", NULL}, {"ژ", NULL}, {"ک", NULL}, {"ل", NULL},
    {"ڵ", NULL}, {"ێ", NULL}, BR,          {"ز", NULL}, {"خ", NULL}, {"ج", NULL}, {"ڤ", NULL},
    {"ب", NULL}, {"ن", NULL}, {"م", NULL}, {"ش", NULL}, {"چ", NULL}, {"ع", NULL}, {"غ", NULL},
};

/* Tigrinya: the consonants of the Ge'ez script in its own order (first order shown); tapping
 * one shows its seven orders, the next seven code points after it. */
static const Letter geez[] = {
    {"ሀ", NULL}, {"ለ", NULL}, {"ሐ", NULL}, {"መ", NULL}, {"ረ", NULL}, {"ሰ", NULL},
    {"ሸ", NULL}, {"ቀ", NULL}, {"ቐ", NULL}, BR,          {"በ", NULL}, {"ቨ", NULL},
    {"ተ", NULL}, {"ቸ", NULL}, {"ነ", NULL}, {"ኘ", NULL}, {"አ", NULL}, {"ከ", NULL},
    {"ኸ", NULL}, BR,          {"ወ", NULL}, {"ዐ", NULL}, {"ዘ", NULL}, {"ዠ", NULL},
    {"የ", NULL}, {"ደ", NULL}, {"ጀ", NULL}, {"ገ", NULL}, {"ጠ", NULL}, BR,
    {"ጨ", NULL}, {"ጰ", NULL}, {"ጸ", NULL}, {"ፀ", NULL}, {"ፈ", NULL}, {"ፐ", NULL},
};

typedef struct {
    const char *lang; /* the language code it serves */
    const Letter *letters;
    int nletters;
    int rtl;         /* rows laid out from the right */
    int pick;        /* PICK_* */
    const char *own; /* the key back from Latin letters, in its script; NULL: Latin itself */
    const char *const *punct; /* the punctuation of the bottom row, NULL-terminated */
} Layout;

static const char *const punct_latin[] = {"?", "!", "-", NULL};
static const char *const punct_arabic[] = {"؟", "،", ".", NULL};
static const char *const punct_geez[] = {"።", "፣", "?", NULL};

static const Layout layouts[] = {
    {"en", latin_en, COUNT(latin_en), 0, PICK_NONE, NULL, punct_latin},
    {"ar", arabic, COUNT(arabic), 1, PICK_NONE, "العربية", punct_arabic},
    {"fa", farsi, COUNT(farsi), 1, PICK_NONE, "فارسی", punct_arabic},
    {"ps", pashto, COUNT(pashto), 1, PICK_NONE, "پښتو", punct_arabic},
    {"ckb", sorani, COUNT(sorani), 1, PICK_NONE, "کوردی", punct_arabic},
    {"ti", geez, COUNT(geez), 0, PICK_ORDERS, "ትግርኛ", punct_geez},
    {"vi", latin_vi, COUNT(latin_vi), 0, PICK_TONES, NULL, punct_latin},
    {"sq", latin_sq, COUNT(latin_sq), 0, PICK_NONE, NULL, punct_latin},
};
#define NLAYOUTS COUNT(layouts)
#define NUMPAD NLAYOUTS /* the layout number of the number pad */

/* Vietnamese tones, in the order huyền, sắc, hỏi, ngã, nặng. */
static const struct {
    const char *vowel, *toned[5];
} tones[] = {
    {"a", {"à", "á", "ả", "ã", "ạ"}}, {"ă", {"ằ", "ắ", "ẳ", "ẵ", "ặ"}},
    {"â", {"ầ", "ấ", "ẩ", "ẫ", "ậ"}}, {"e", {"è", "é", "ẻ", "ẽ", "ẹ"}},
    {"ê", {"ề", "ế", "ể", "ễ", "ệ"}}, {"i", {"ì", "í", "ỉ", "ĩ", "ị"}},
    {"o", {"ò", "ó", "ỏ", "õ", "ọ"}}, {"ô", {"ồ", "ố", "ổ", "ỗ", "ộ"}},
    {"ơ", {"ờ", "ớ", "ở", "ỡ", "ợ"}}, {"u", {"ù", "ú", "ủ", "ũ", "ụ"}},
    {"ư", {"ừ", "ứ", "ử", "ữ", "ự"}}, {"y", {"ỳ", "ý", "ỷ", "ỹ", "ỵ"}},
    {"A", {"À", "Á", "Ả", "Ã", "Ạ"}}, {"Ă", {"Ằ", "Ắ", "Ẳ", "Ẵ", "Ặ"}},
    {"Â", {"Ầ", "Ấ", "Ẩ", "Ẫ", "Ậ"}}, {"E", {"È", "É", "Ẻ", "Ẽ", "Ẹ"}},
    {"Ê", {"Ề", "Ế", "Ể", "Ễ", "Ệ"}}, {"I", {"Ì", "Í", "Ỉ", "Ĩ", "Ị"}},
    {"O", {"Ò", "Ó", "Ỏ", "Õ", "Ọ"}}, {"Ô", {"Ồ", "Ố", "Ổ", "Ỗ", "Ộ"}},
    {"Ơ", {"Ờ", "Ớ", "Ở", "Ỡ", "Ợ"}}, {"U", {"Ù", "Ú", "Ủ", "Ũ", "Ụ"}},
    {"Ư", {"Ừ", "Ứ", "Ử", "Ữ", "Ự"}}, {"Y", {"Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ"}},
};

static const char *const digits[10] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};

/* An A_KEY argument is layout * KEY_LAYOUT + slot; the slot names the key. */
#define KEY_LAYOUT 1000
enum {
    SLOT_PUNCT = 100, /* .. : the layout's punct[] */
    SLOT_DIGIT = 200, /* .. +9: digits[] */
    SLOT_SHIFT = 300,
    SLOT_SPACE,
    SLOT_DELETE,
    SLOT_LATIN,      /* to the Latin letters */
    SLOT_OWN,        /* back to the language's own letters */
    SLOT_LETTERS,    /* out of a vowel-order picker, back to the consonants */
    SLOT_PICK = 400, /* .. +6: a vowel order, or a tone, of the letter waiting */
    SLOT_POINT = 500 /* the number pad's decimal point */
};

/* The keyboard state (keyboard.h): bit 0 Shift, bit 1 Latin letters, bit 2 the waiting letter
 * was typed with Shift, bits 8 up the waiting letter's index + 1. */
#define ST_SHIFT 1
#define ST_LATIN 2
#define ST_CAPITAL 4
#define ST_WAITING(s) (((s) >> 8) - 1)
#define ST_WAIT(i) (((i) + 1) << 8)

/* The layout for a language key ("ar", "ar-EG"); Latin (en) for any other. */
static int layout_for(const char *lang)
{
    size_t n = lang ? strcspn(lang, "-_") : 0;
    for (int i = 0; i < NLAYOUTS; i++)
        if (strlen(layouts[i].lang) == n && strncmp(layouts[i].lang, lang, n) == 0)
            return i;
    return 0;
}

/* The layout a keyboard in state shows for lang. */
static int layout_shown(const char *lang, int state)
{
    int l = layout_for(lang);
    return (state & ST_LATIN) && layouts[l].own ? 0 : l;
}

/* The UTF-8 of code point cp (below 0x10000) in out[4]. */
static void utf8_put(unsigned cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        out[1] = 0;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        out[2] = 0;
    } else {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        out[3] = 0;
    }
}

/* The code point of a 3-byte UTF-8 character (the Ge'ez consonants), or 0. */
static unsigned utf8_get3(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
        return 0;
    return (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
}

/* Order o (0..6) of Ge'ez consonant c, in static storage (one buffer an order and consonant,
 * so the texts of one keyboard stay valid together). */
static const char *geez_order(int letter, int o)
{
    static char buf[COUNT(geez)][7][4];
    unsigned cp = utf8_get3(geez[letter].lo);
    if (!cp)
        return "";
    utf8_put(cp + (unsigned)o, buf[letter][o]);
    return buf[letter][o];
}

/* The tone row of a vowel, or -1 if it has none. */
static int tone_row(const char *vowel)
{
    for (int i = 0; i < COUNT(tones); i++)
        if (strcmp(tones[i].vowel, vowel) == 0)
            return i;
    return -1;
}

/* The text of the letter waiting in state on layout l (with its case), or NULL. */
static const char *waiting_text(int l, int state)
{
    int w = ST_WAITING(state);
    if (w < 0 || w >= layouts[l].nletters || !layouts[l].letters[w].lo)
        return NULL;
    const Letter *k = &layouts[l].letters[w];
    return (state & ST_CAPITAL) && k->up ? k->up : k->lo;
}

/* The picker's choices for the letter waiting: their texts in out, their count. */
static int picks(int l, int state, const char **out)
{
    const char *w = waiting_text(l, state);
    if (!w)
        return 0;
    if (layouts[l].pick == PICK_ORDERS) {
        for (int o = 0; o < 7; o++)
            out[o] = geez_order(ST_WAITING(state), o);
        return 7;
    }
    int t = layouts[l].pick == PICK_TONES ? tone_row(w) : -1;
    if (t < 0)
        return 0;
    for (int i = 0; i < 5; i++)
        out[i] = tones[t].toned[i];
    return 5;
}

/* A key to lay out: its text, width in key widths and argument. */
typedef struct {
    const char *label;
    float width;
    int arg;
    int selected;
} Cap;

#define CAPS_MAX 96
#define ROWS_MAX 8

typedef struct {
    Cap caps[CAPS_MAX];
    int ncaps;
    int row_end[ROWS_MAX]; /* caps[..row_end[r]] end row r */
    int nrows;
} Board;

static void cap(Board *b, const char *label, float width, int arg, int selected)
{
    if (b->ncaps < CAPS_MAX)
        b->caps[b->ncaps++] = (Cap){label, width, arg, selected};
}

static void end_row(Board *b)
{
    if (b->nrows < ROWS_MAX && (b->nrows == 0 || b->row_end[b->nrows - 1] < b->ncaps))
        b->row_end[b->nrows++] = b->ncaps;
}

/* The word for a named key in the young person's language. */
static const char *key_word(const char *lang, UiText key)
{
    const char *t = words_translation(lang, key);
    return t ? t : words_english(key);
}

/* Every key of the keyboard lang shows in state, row by row. */
static void board(Board *b, const char *lang, int state)
{
    int l = layout_shown(lang, state), base = l * KEY_LAYOUT;
    const Layout *lay = &layouts[l];
    const char *pick[7];
    int npick = picks(l, state, pick);
    b->ncaps = b->nrows = 0;
    if (npick && lay->pick == PICK_TONES) {
        /* The tones of the vowel just typed, in place of the digits until the next key. */
        for (int i = 0; i < npick; i++)
            cap(b, pick[i], 1, base + SLOT_PICK + i, 0);
        end_row(b);
    }
    if (npick && lay->pick == PICK_ORDERS) {
        /* The seven orders of the consonant waiting, in place of the consonants. */
        for (int i = 0; i < npick; i++)
            cap(b, pick[i], 1, base + SLOT_PICK + i, 0);
        end_row(b);
        cap(b, key_word(lang, UI_KEY_LETTERS), 3, base + SLOT_LETTERS, 0);
        cap(b, key_word(lang, UI_KEY_SPACE), 3, base + SLOT_SPACE, 0);
        cap(b, key_word(lang, UI_KEY_DELETE), 2, base + SLOT_DELETE, 0);
        end_row(b);
        return;
    }
    for (int i = 0; i < 10 && !npick; i++)
        cap(b, digits[i], 1, base + SLOT_DIGIT + i, 0);
    end_row(b);
    int shift = (state & ST_SHIFT) != 0;
    for (int i = 0; i < lay->nletters; i++) {
        const Letter *k = &lay->letters[i];
        if (!k->lo)
            end_row(b);
        else
            cap(b, shift && k->up ? k->up : k->lo, 1, base + i, 0);
    }
    end_row(b);
    if (lay->letters[0].up)
        cap(b, key_word(lang, UI_KEY_SHIFT), 1.5f, base + SLOT_SHIFT, shift);
    if (l != layout_for(lang))
        cap(b, layouts[layout_for(lang)].own, 2, base + SLOT_OWN, 0);
    else if (lay->own)
        cap(b, "ABC", 1.5f, base + SLOT_LATIN, 0);
    for (int i = 0; lay->punct[i]; i++)
        cap(b, lay->punct[i], 1, base + SLOT_PUNCT + i, 0);
    cap(b, key_word(lang, UI_KEY_SPACE), 3, base + SLOT_SPACE, 0);
    cap(b, key_word(lang, UI_KEY_DELETE), 2, base + SLOT_DELETE, 0);
    end_row(b);
}

static void number_board(Board *b, const char *lang, int numeric)
{
    int base = NUMPAD * KEY_LAYOUT;
    b->ncaps = b->nrows = 0;
    for (int i = 0; i < 9; i++) {
        cap(b, digits[i], 1, base + SLOT_DIGIT + i, 0);
        if (i % 3 == 2)
            end_row(b);
    }
    cap(b, key_word(lang, UI_KEY_DELETE), 1, base + SLOT_DELETE, 0);
    cap(b, digits[9], 1, base + SLOT_DIGIT + 9, 0);
    if (numeric == KEYPAD_DECIMAL)
        cap(b, ".", 1, base + SLOT_POINT, 0);
    end_row(b);
}

int keyboard_rows(const char *lang, int numeric, int state)
{
    Board b;
    if (numeric)
        number_board(&b, lang, numeric);
    else
        board(&b, lang, state);
    return b.nrows;
}

/* The board for lang, numeric and state, its keys widened (in key widths) to hold their words
 * on one line in area w wide; the width of a key width in *unit, the gap in *gap. */
static void board_for(const View *v, int w, const char *lang, int numeric, int state, Board *b,
                      float *unit, int *gap)
{
    if (numeric)
        number_board(b, lang, numeric);
    else
        board(b, lang, state);
    *gap = U(v, 8);
    int edge = 4 * ((int)(3 * v->unit) + 1) + 2; /* the words' room inside a key's edge */
    for (int pass = 0; pass < 2; pass++) {
        float widest = 0;
        for (int r = 0, start = 0; r < b->nrows; start = b->row_end[r++]) {
            float rw = 0;
            for (int i = start; i < b->row_end[r]; i++)
                rw += b->caps[i].width;
            widest = rw > widest ? rw : widest;
        }
        *unit = widest > 0 ? (w - (widest - 1) * *gap) / widest : (float)w;
        if (numeric && *unit > U(v, 200))
            *unit = (float)U(v, 200);
        if (pass == 1)
            break;
        /* A named key ("Chữ hoa", "پاک کردن") as wide as its words, in half key widths. */
        for (int i = 0; i < b->ncaps; i++) {
            Cap *c = &b->caps[i];
            float need = (float)(kit_text_w(v, c->label, TS_BODY, W_BOLD) + edge);
            while (c->width * *unit + (c->width - 1) * *gap < need && c->width < 6)
                c->width += 0.5f;
        }
    }
}

/* A key's height: a touch target, and room for the tallest words of the board on one line.
 * Their letters, not their line: the renderer centres a key's letters when the line's room for
 * marks above and below is taller than the key, and letters take at most four fifths of it. */
static int key_h(const View *v, const Board *b)
{
    int kh = view_px(v, 72, 44), edge = 4 * ((int)(3 * v->unit) + 1);
    for (int i = 0; i < b->ncaps; i++) {
        int need = kit_text_h(v, b->caps[i].label, TS_BODY, W_BOLD, v->w) * 4 / 5 + edge;
        kh = need > kh ? need : kh;
    }
    return kh;
}

int keyboard_height(const View *v, int w, const char *lang, int numeric, int state)
{
    Board b;
    float unit;
    int gap;
    board_for(v, w, lang, numeric, state, &b, &unit, &gap);
    return b.nrows * key_h(v, &b) + (b.nrows - 1) * gap;
}

void keyboard_add(View *v, Rect area, const char *lang, int numeric, int state)
{
    Board b;
    float unit;
    int gap;
    board_for(v, area.w, lang, numeric, state, &b, &unit, &gap);
    int rtl = !numeric && layouts[layout_shown(lang, state)].rtl;
    /* As tall as the area allows, up to a cap; never below a key's height (the screens keep
     * room for keyboard_height()). */
    int kh = (area.h - (b.nrows - 1) * gap) / (b.nrows ? b.nrows : 1);
    int cap_h = U(v, 96), least = key_h(v, &b);
    if (kh > cap_h)
        kh = cap_h;
    if (kh < least)
        kh = least;
    for (int r = 0, start = 0; r < b.nrows; start = b.row_end[r++]) {
        float rw = 0;
        for (int i = start; i < b.row_end[r]; i++)
            rw += b.caps[i].width;
        int n = b.row_end[r] - start;
        int row_w = (int)(rw * unit + (n - 1) * gap);
        int x = area.x + (area.w - row_w) / 2;
        int y = area.y + r * (kh + gap);
        for (int i = start; i < b.row_end[r]; i++) {
            const Cap *c = &b.caps[i];
            int kw = (int)(c->width * unit + (c->width - 1) * gap);
            /* A right-to-left row starts at the right: the view's mirroring leaves keys alone,
             * so that a Latin keyboard keeps its order on a mirrored screen. */
            int kx = rtl ? 2 * area.x + area.w - x - kw : x;
            Widget *k = view_add(v, W_KEY, rect(kx, y, kw, kh), c->label, TS_BODY, A_KEY, c->arg);
            if (c->selected)
                k->flags |= W_SELECTED;
            x += kw + gap;
        }
    }
}

int keyboard_valid(int arg)
{
    int l = arg / KEY_LAYOUT, slot = arg % KEY_LAYOUT;
    if (arg < 0 || l > NUMPAD)
        return 0;
    if (l == NUMPAD)
        return (slot >= SLOT_DIGIT && slot < SLOT_DIGIT + 10) || slot == SLOT_DELETE ||
               slot == SLOT_POINT;
    if (slot < layouts[l].nletters)
        return layouts[l].letters[slot].lo != NULL;
    if (slot >= SLOT_PUNCT && slot < SLOT_DIGIT) {
        for (int i = 0; layouts[l].punct[i]; i++)
            if (slot == SLOT_PUNCT + i)
                return 1;
        return 0;
    }
    return (slot >= SLOT_DIGIT && slot < SLOT_DIGIT + 10) ||
           (slot >= SLOT_SHIFT && slot <= SLOT_LETTERS) ||
           (slot >= SLOT_PICK && slot < SLOT_PICK + 7);
}

int keyboard_press(int arg, int state, const char **add, int *del)
{
    *add = NULL;
    *del = 0;
    if (!keyboard_valid(arg))
        return state;
    int l = arg / KEY_LAYOUT, slot = arg % KEY_LAYOUT;
    int keep = state & ST_LATIN;
    if (slot >= SLOT_DIGIT && slot < SLOT_DIGIT + 10) {
        *add = digits[slot - SLOT_DIGIT];
        return keep;
    }
    if (slot >= SLOT_PUNCT && slot < SLOT_DIGIT) {
        *add = layouts[l].punct[slot - SLOT_PUNCT];
        return keep;
    }
    switch (slot) {
    case SLOT_POINT:
        *add = ".";
        return keep;
    case SLOT_SHIFT:
        return keep | ((state & ST_SHIFT) ^ ST_SHIFT);
    case SLOT_SPACE:
        *add = " ";
        return keep;
    case SLOT_DELETE:
        *del = 1;
        return keep;
    case SLOT_LATIN:
        return ST_LATIN;
    case SLOT_OWN:
    case SLOT_LETTERS:
        return 0;
    default:
        break;
    }
    if (slot >= SLOT_PICK) {
        const char *pick[7];
        int n = l < NUMPAD ? picks(l, state, pick) : 0;
        int i = slot - SLOT_PICK;
        if (i >= n)
            return keep;
        *add = pick[i];
        *del = layouts[l].pick == PICK_TONES; /* the tone replaces the vowel typed */
        return keep;
    }
    const Letter *k = &layouts[l].letters[slot];
    int capital = (state & ST_SHIFT) && k->up;
    if (layouts[l].pick == PICK_ORDERS)
        return keep | ST_WAIT(slot); /* the consonant waits for its order */
    *add = capital ? k->up : k->lo;
    if (layouts[l].pick == PICK_TONES && tone_row(*add) >= 0)
        return keep | ST_WAIT(slot) | (capital ? ST_CAPITAL : 0);
    return keep;
}
