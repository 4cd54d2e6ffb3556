/* test_keyboard.c: every script the kiosk offers can be written on its on-screen keyboard.
 *
 * The alphabets below are written from the languages, not copied from keyboard.c: each letter
 * must be a key of its language's keyboard (Arabic-script letters at once; Tigrinya's seven
 * vowel orders of each consonant after the consonant; Vietnamese tones after the vowel), and
 * pressing a key must give exactly its label. Labels are unique within a keyboard, so a script
 * can tap any of them. */
#include <stdlib.h>

#include "keyboard.h"
#include "test.h"

static View view;

/* The keyboard of lang in state, laid out at 1280x800. */
static const View *lay(const char *lang, int state)
{
    view_reset(&view, 1280, 800);
    keyboard_add(&view, (Rect){0, 300, 1280, 400}, lang, 0, state);
    return &view;
}

static const Widget *key(const View *v, const char *label)
{
    for (int i = 0; i < v->nwidgets; i++)
        if (v->widgets[i].kind == W_KEY && v->widgets[i].text &&
            strcmp(v->widgets[i].text, label) == 0)
            return &v->widgets[i];
    return NULL;
}

/* The next UTF-8 character of *p into out; returns 0 at the end. */
static int next_char(const char **p, char out[8])
{
    const unsigned char *s = (const unsigned char *)*p;
    while (*s == ' ')
        s++;
    if (!*s)
        return 0;
    int n = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 1;
    memcpy(out, s, (size_t)n);
    out[n] = '\0';
    *p = (const char *)s + n;
    return 1;
}

/* Every letter of letters (space-separated or not) is a key of lang's first keyboard, and
 * pressing it types it. */
static void check_alphabet(const char *lang, const char *letters)
{
    const View *v = lay(lang, 0);
    char c[8];
    for (const char *p = letters; next_char(&p, c);) {
        const Widget *w = key(v, c);
        if (!w) {
            fprintf(stderr, "%s: no key for %s\n", lang, c);
            CHECK(w != NULL);
            continue;
        }
        const char *add = NULL;
        int del = 0;
        (void)keyboard_press(w->arg, 0, &add, &del);
        CHECK(add != NULL && strcmp(add, c) == 0 && !del);
    }
}

/* No two keys of a keyboard share a label. */
static void check_unique(const char *lang, int state)
{
    const View *v = lay(lang, state);
    for (int i = 0; i < v->nwidgets; i++)
        for (int j = i + 1; j < v->nwidgets; j++)
            if (v->widgets[i].kind == W_KEY && v->widgets[j].kind == W_KEY &&
                v->widgets[i].text && v->widgets[j].text &&
                strcmp(v->widgets[i].text, v->widgets[j].text) == 0) {
                fprintf(stderr, "%s: two keys labelled %s\n", lang, v->widgets[i].text);
                CHECK(0);
            }
}

static void test_alphabets(void)
{
    check_alphabet("en", "abcdefghijklmnopqrstuvwxyz");
    check_alphabet("sq", "abcçdeëfghijklmnopqrstuvxyz");
    check_alphabet("ar", "ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي ة ى ء");
    check_alphabet("fa", "ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی");
    check_alphabet("ps", "ا ب پ ت ټ ث ج ځ چ څ ح خ د ډ ذ ر ړ ز ږ ژ س ش ښ ص ض ط ظ ع غ ف ق ک ګ ل م "
                         "ن ڼ و ه ی ې ۍ");
    check_alphabet("ckb", "ئ ا ب پ ت ج چ ح خ د ر ڕ ز ژ س ش ع غ ف ڤ ق ک گ ل ڵ م ن ه ە و ۆ ی ێ");
    static const char *const langs[] = {"en", "sq", "ar", "fa", "ps", "ckb", "ti", "vi"};
    for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
        check_unique(langs[i], 0);
}

/* Tigrinya: each consonant, then its seven orders (the syllables base+0 .. base+6). */
static void test_geez(void)
{
    static const unsigned bases[] = {0x1200, 0x1208, 0x1210, 0x1218, 0x1228, 0x1230, 0x1238,
                                     0x1240, 0x1250, 0x1260, 0x1268, 0x1270, 0x1278, 0x1290,
                                     0x1298, 0x12A0, 0x12A8, 0x12B8, 0x12C8, 0x12D0, 0x12D8,
                                     0x12E0, 0x12E8, 0x12F0, 0x1300, 0x1308, 0x1320, 0x1328,
                                     0x1330, 0x1338, 0x1340, 0x1348, 0x1350};
    for (size_t b = 0; b < sizeof bases / sizeof *bases; b++) {
        char base[8];
        unsigned cp = bases[b];
        base[0] = (char)(0xE0 | (cp >> 12));
        base[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        base[2] = (char)(0x80 | (cp & 0x3F));
        base[3] = '\0';
        const Widget *w = key(lay("ti", 0), base);
        if (!w) {
            fprintf(stderr, "ti: no key for the consonant %s (U+%04X)\n", base, cp);
            CHECK(w != NULL);
            continue;
        }
        const char *add = NULL;
        int del = 0;
        int state = keyboard_press(w->arg, 0, &add, &del);
        const View *v = lay("ti", state);
        for (unsigned k = 0; k < 7; k++) {
            char syl[8];
            unsigned s = cp + k;
            syl[0] = (char)(0xE0 | (s >> 12));
            syl[1] = (char)(0x80 | ((s >> 6) & 0x3F));
            syl[2] = (char)(0x80 | (s & 0x3F));
            syl[3] = '\0';
            const Widget *o = key(v, syl);
            if (!o) {
                fprintf(stderr, "ti: after %s no key for its order %u, %s\n", base, k + 1, syl);
                CHECK(o != NULL);
                continue;
            }
            add = NULL;
            (void)keyboard_press(o->arg, state, &add, &del);
            CHECK(add != NULL && strcmp(add, syl) == 0);
        }
        check_unique("ti", state);
    }
}

/* Vietnamese: its own letters at once, and each vowel's five tones after it. */
static void test_vietnamese(void)
{
    check_alphabet("vi", "aăâbcdđeêghiklmnoôơpqrstuưvxy");
    static const struct {
        const char *vowel, *tones;
    } vowels[] = {{"a", "à á ả ã ạ"}, {"ă", "ằ ắ ẳ ẵ ặ"}, {"â", "ầ ấ ẩ ẫ ậ"}, {"e", "è é ẻ ẽ ẹ"},
                  {"ê", "ề ế ể ễ ệ"}, {"i", "ì í ỉ ĩ ị"}, {"o", "ò ó ỏ õ ọ"}, {"ô", "ồ ố ổ ỗ ộ"},
                  {"ơ", "ờ ớ ở ỡ ợ"}, {"u", "ù ú ủ ũ ụ"}, {"ư", "ừ ứ ử ữ ự"}, {"y", "ỳ ý ỷ ỹ ỵ"}};
    for (size_t i = 0; i < sizeof vowels / sizeof *vowels; i++) {
        const Widget *w = key(lay("vi", 0), vowels[i].vowel);
        CHECK(w != NULL);
        if (!w)
            continue;
        const char *add = NULL;
        int del = 0;
        int state = keyboard_press(w->arg, 0, &add, &del);
        const View *v = lay("vi", state);
        char t[8];
        for (const char *p = vowels[i].tones; next_char(&p, t);) {
            const Widget *o = key(v, t);
            if (!o) {
                fprintf(stderr, "vi: after %s no key for %s\n", vowels[i].vowel, t);
                CHECK(o != NULL);
                continue;
            }
            add = NULL;
            del = 0;
            (void)keyboard_press(o->arg, state, &add, &del);
            /* The tone replaces the vowel just typed with the toned letter. */
            CHECK(add != NULL && strcmp(add, t) == 0 && del == 1);
        }
    }
}

int main(void)
{
    RUN(test_alphabets);
    RUN(test_geez);
    RUN(test_vietnamese);
    return TEST_SUMMARY("keyboard");
}
