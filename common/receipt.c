/* receipt.c: receipt codes and requests to take answers back. See receipt.h.
 *
 * Why these sizes: a code is guessed only through a kiosk (a few a day, see kiosk/screens_take.c)
 * or by a worker at the council, never offline, since the council keeps only a keyed hash. With
 * 32 bits, a kiosk taking RECEIPT_KIOSK_DAY (10) codes a day and a council holding 100,000 coded
 * responses, a stranger's guesses hit any response about once in 12 years, and a chosen one
 * never in practice; the letters' 50 bits are for older young people who can keep more. The
 * check character lets the kiosk say kindly that a code is mistyped without asking anyone
 * (pictures have none: a child taps them, and every 4 pictures are some code). */
#include "receipt.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "chorus_limits.h"

/* 16 groups of 16 pictures: every one a single code point the bundled Noto Color Emoji draws
 * (checked by test_sdl_text), with an English name for reading aloud and for workers. */
static const char *const symbols[RECEIPT_SYMBOLS][2] = {
    /* animals */
    {"🐶", "dog"}, {"🐱", "cat"}, {"🐭", "mouse"}, {"🐹", "hamster"},
    {"🐰", "rabbit"}, {"🦊", "fox"}, {"🐻", "bear"}, {"🐼", "panda"},
    {"🐨", "koala"}, {"🐯", "tiger"}, {"🦁", "lion"}, {"🐮", "cow"},
    {"🐷", "pig"}, {"🐸", "frog"}, {"🐵", "monkey"}, {"🐔", "chicken"},
    /* small animals */
    {"🐧", "penguin"}, {"🐦", "bird"}, {"🐤", "chick"}, {"🦆", "duck"},
    {"🦉", "owl"}, {"🐴", "horse"}, {"🦄", "unicorn"}, {"🐝", "bee"},
    {"🐛", "caterpillar"}, {"🦋", "butterfly"}, {"🐌", "snail"}, {"🐞", "ladybird"},
    {"🐢", "turtle"}, {"🐍", "snake"}, {"🐙", "octopus"}, {"🦀", "crab"},
    /* big animals */
    {"🐠", "tropical fish"}, {"🐟", "fish"}, {"🐬", "dolphin"}, {"🐳", "whale"},
    {"🦈", "shark"}, {"🐊", "crocodile"}, {"🦓", "zebra"}, {"🦒", "giraffe"},
    {"🐘", "elephant"}, {"🦏", "rhino"}, {"🐪", "camel"}, {"🦘", "kangaroo"},
    {"🐑", "sheep"}, {"🐐", "goat"}, {"🦌", "deer"}, {"🐓", "rooster"},
    /* fruit */
    {"🍎", "apple"}, {"🍐", "pear"}, {"🍊", "orange"}, {"🍋", "lemon"},
    {"🍌", "banana"}, {"🍉", "watermelon"}, {"🍇", "grapes"}, {"🍓", "strawberry"},
    {"🍒", "cherries"}, {"🍑", "peach"}, {"🍍", "pineapple"}, {"🥝", "kiwi"},
    {"🥥", "coconut"}, {"🥑", "avocado"}, {"🍅", "tomato"}, {"🥕", "carrot"},
    /* food */
    {"🌽", "corn"}, {"🥦", "broccoli"}, {"🥔", "potato"}, {"🍄", "mushroom"},
    {"🥜", "peanut"}, {"🍞", "bread"}, {"🧀", "cheese"}, {"🥚", "egg"},
    {"🍳", "frying pan"}, {"🥞", "pancakes"}, {"🍔", "burger"}, {"🍟", "chips"},
    {"🍕", "pizza"}, {"🌭", "hot dog"}, {"🌮", "taco"}, {"🍿", "popcorn"},
    /* sweets */
    {"🍦", "ice cream"}, {"🍩", "doughnut"}, {"🍪", "cookie"}, {"🎂", "birthday cake"},
    {"🍰", "cake"}, {"🍫", "chocolate"}, {"🍬", "sweet"}, {"🍭", "lollipop"},
    {"🍯", "honey"}, {"🥛", "milk"}, {"🍼", "bottle"}, {"🧃", "juice box"},
    {"🥤", "cup with straw"}, {"🍵", "tea"}, {"🧁", "cupcake"}, {"🥐", "croissant"},
    /* plants */
    {"🌵", "cactus"}, {"🌲", "fir tree"}, {"🌳", "tree"}, {"🌴", "palm tree"},
    {"🌱", "seedling"}, {"🌷", "tulip"}, {"🌹", "rose"}, {"🌻", "sunflower"},
    {"🌼", "daisy"}, {"🍁", "maple leaf"}, {"🍀", "four-leaf clover"}, {"🌾", "wheat"},
    {"🌸", "blossom"}, {"🌺", "hibiscus"}, {"🥀", "wilted flower"}, {"🌿", "herb"},
    /* sky */
    {"🌞", "sun"}, {"🌝", "full moon"}, {"🌛", "moon"}, {"🌟", "glowing star"},
    {"🌈", "rainbow"}, {"🌊", "wave"}, {"🔥", "fire"}, {"💧", "drop"},
    {"⛄", "snowman"}, {"⚡", "lightning"}, {"☔", "umbrella"}, {"🌙", "crescent moon"},
    {"⭐", "star"}, {"🌍", "earth"}, {"🌋", "volcano"}, {"🌀", "swirl"},
    /* transport */
    {"🚗", "car"}, {"🚕", "taxi"}, {"🚌", "bus"}, {"🚓", "police car"},
    {"🚑", "ambulance"}, {"🚒", "fire engine"}, {"🚚", "lorry"}, {"🚜", "tractor"},
    {"🚲", "bike"}, {"🛴", "scooter"}, {"🚂", "train"}, {"🚀", "rocket"},
    {"🚁", "helicopter"}, {"⛵", "sailing boat"}, {"🚤", "speedboat"}, {"🛸", "flying saucer"},
    /* sport */
    {"⚽", "football"}, {"🏀", "basketball"}, {"🏈", "american football"}, {"⚾", "baseball"},
    {"🎾", "tennis"}, {"🏐", "volleyball"}, {"🎱", "pool ball"}, {"🏓", "table tennis"},
    {"🥊", "boxing glove"}, {"🏸", "badminton"}, {"🛹", "skateboard"}, {"🎣", "fishing"},
    {"🎯", "target"}, {"🎳", "bowling"}, {"🏆", "trophy"}, {"🥇", "medal"},
    /* music */
    {"🎸", "guitar"}, {"🎹", "piano"}, {"🎺", "trumpet"}, {"🎻", "violin"},
    {"🥁", "drum"}, {"🎤", "microphone"}, {"🎧", "headphones"}, {"🎨", "paints"},
    {"🎭", "masks"}, {"🎪", "circus"}, {"🎠", "carousel"}, {"🎡", "big wheel"},
    {"🎢", "rollercoaster"}, {"🎈", "balloon"}, {"🎁", "present"}, {"🎀", "ribbon"},
    /* things */
    {"📚", "books"}, {"📖", "open book"}, {"📝", "note"}, {"📎", "paperclip"},
    {"📌", "pin"}, {"🔑", "key"}, {"🔒", "lock"}, {"🔔", "bell"},
    {"💡", "light bulb"}, {"🔦", "torch"}, {"🔋", "battery"}, {"⌛", "hourglass"},
    {"⏰", "alarm clock"}, {"📷", "camera"}, {"📱", "phone"}, {"💻", "laptop"},
    /* places */
    {"🏠", "house"}, {"🏡", "garden house"}, {"🏰", "castle"}, {"⛺", "tent"},
    {"🏫", "school"}, {"🏥", "hospital"}, {"🗽", "statue"}, {"🗼", "tower"},
    {"🎃", "pumpkin"}, {"🛁", "bath"}, {"🚪", "door"}, {"🧸", "teddy bear"},
    {"🧦", "socks"}, {"👑", "crown"}, {"🎩", "top hat"}, {"⚓", "anchor"},
    /* clothes */
    {"👕", "t-shirt"}, {"👖", "jeans"}, {"👗", "dress"}, {"👟", "trainer"},
    {"👒", "sun hat"}, {"🧢", "cap"}, {"🧤", "gloves"}, {"🧣", "scarf"},
    {"👓", "glasses"}, {"🎒", "backpack"}, {"👜", "handbag"}, {"💍", "ring"},
    {"👢", "boot"}, {"👠", "high heel"}, {"🧥", "coat"}, {"🥾", "hiking boot"},
    /* colours */
    {"🔴", "red circle"}, {"🟠", "orange circle"}, {"🟡", "yellow circle"}, {"🟢", "green circle"},
    {"🔵", "blue circle"}, {"🟣", "purple circle"}, {"🟤", "brown circle"}, {"⚫", "black circle"},
    {"⚪", "white circle"}, {"🟥", "red square"}, {"🟧", "orange square"}, {"🟨", "yellow square"},
    {"🟩", "green square"}, {"🟦", "blue square"}, {"🟪", "purple square"}, {"🟫", "brown square"},
    /* treasure */
    {"💜", "purple heart"}, {"💙", "blue heart"}, {"💚", "green heart"}, {"💛", "yellow heart"},
    {"🧡", "orange heart"}, {"🖤", "black heart"}, {"💖", "sparkling heart"}, {"💎", "gem"},
    {"🔮", "crystal ball"}, {"🧲", "magnet"}, {"🧩", "puzzle piece"}, {"🎲", "dice"},
    {"🧭", "compass"}, {"🎮", "game controller"}, {"🎫", "ticket"}, {"🏮", "lantern"},
};

const char *receipt_symbol(int i) { return i >= 0 && i < RECEIPT_SYMBOLS ? symbols[i][0] : ""; }

const char *receipt_symbol_name(int i)
{
    return i >= 0 && i < RECEIPT_SYMBOLS ? symbols[i][1] : "";
}

/* The check character of 10 letters (indexes into RECEIPT_ALPHABET): a sum weighted by odd
 * numbers mod 32, so every single mistyped character changes it (an odd weight has an inverse
 * mod 32). */
static int check_of(const int v[RECEIPT_LETTERS - 1])
{
    int sum = 0;
    for (int i = 0; i < RECEIPT_LETTERS - 1; i++)
        sum += v[i] * (2 * i + 1);
    return sum % 32;
}

void receipt_new(ReceiptKind kind, char *out)
{
    if (kind == RECEIPT_KIND_PICTURES) {
        int n[RECEIPT_PICTURES];
        for (int i = 0; i < RECEIPT_PICTURES; i++)
            n[i] = (int)randombytes_uniform(RECEIPT_SYMBOLS);
        receipt_from_pictures(n, out);
        return;
    }
    int v[RECEIPT_LETTERS - 1];
    out[0] = 'L';
    for (int i = 0; i < RECEIPT_LETTERS - 1; i++) {
        v[i] = (int)randombytes_uniform(32);
        out[1 + i] = RECEIPT_ALPHABET[v[i]];
    }
    out[RECEIPT_LETTERS] = RECEIPT_ALPHABET[check_of(v)];
    out[RECEIPT_LETTERS + 1] = '\0';
    sodium_memzero(v, sizeof v);
}

void receipt_from_pictures(const int n[RECEIPT_PICTURES], char *out)
{
    out[0] = 'P';
    for (int i = 0; i < RECEIPT_PICTURES; i++)
        snprintf(out + 1 + 2 * i, 3, "%02x", (unsigned)n[i] & 0xff);
}

static int alphabet_index(char c)
{
    const char *p = c ? strchr(RECEIPT_ALPHABET, c) : NULL;
    return p ? (int)(p - RECEIPT_ALPHABET) : -1;
}

int receipt_pictures(const char *s, int n[RECEIPT_PICTURES])
{
    if (!s || s[0] != 'P' || strlen(s) != 1 + 2 * RECEIPT_PICTURES)
        return -1;
    for (int i = 0; i < RECEIPT_PICTURES; i++) {
        int v = 0;
        for (int k = 0; k < 2; k++) {
            char c = s[1 + 2 * i + k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0)
                return -1;
            v = v * 16 + d;
        }
        n[i] = v;
    }
    return 0;
}

int receipt_valid(const char *s)
{
    int n[RECEIPT_PICTURES];
    if (!s)
        return 0;
    if (s[0] == 'P')
        return receipt_pictures(s, n) == 0;
    if (s[0] != 'L' || strlen(s) != 1 + RECEIPT_LETTERS)
        return 0;
    int v[RECEIPT_LETTERS];
    for (int i = 0; i < RECEIPT_LETTERS; i++)
        if ((v[i] = alphabet_index(s[1 + i])) < 0)
            return 0;
    return check_of(v) == v[RECEIPT_LETTERS - 1];
}

ReceiptKind receipt_kind(const char *s)
{
    return s && s[0] == 'P' ? RECEIPT_KIND_PICTURES : RECEIPT_KIND_LETTERS;
}

int receipt_parse(const char *typed, char *out, char *err)
{
    if (receipt_valid(typed)) {
        snprintf(out, RECEIPT_CODE_MAX + 1, "%s", typed);
        return 0;
    }
    char buf[RECEIPT_CODE_MAX + 1];
    size_t n = 0;
    buf[n++] = 'L';
    for (const char *p = typed; *p; p++) {
        char c = *p;
        if (c == ' ' || c == '-')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c == 'O')
            c = '0';
        else if (c == 'I' || c == 'L')
            c = '1';
        if (alphabet_index(c) < 0) {
            snprintf(err, ERR_LEN, "'%c' is in no code: a code has the digits and the letters "
                                   "A to Z without I, L, O and U",
                     *p >= 0x20 && *p < 0x7f ? *p : '?');
            return -1;
        }
        if (n > RECEIPT_LETTERS) {
            snprintf(err, ERR_LEN, "the code is too long: a code has %d letters and digits",
                     RECEIPT_LETTERS);
            return -1;
        }
        buf[n++] = c;
    }
    buf[n] = '\0';
    if (n != 1 + RECEIPT_LETTERS) {
        snprintf(err, ERR_LEN, "the code is too short: a code has %d letters and digits",
                 RECEIPT_LETTERS);
        return -1;
    }
    if (!receipt_valid(buf)) {
        snprintf(err, ERR_LEN, "the code does not check out: a letter or digit was probably "
                               "mistyped");
        return -1;
    }
    memcpy(out, buf, n + 1);
    return 0;
}

const char *receipt_display(const char *code, char *out, size_t cap)
{
    int n[RECEIPT_PICTURES];
    if (receipt_pictures(code, n) == 0) {
        snprintf(out, cap, "%s %s %s %s", receipt_symbol(n[0]), receipt_symbol(n[1]),
                 receipt_symbol(n[2]), receipt_symbol(n[3]));
        return out;
    }
    if (!receipt_valid(code)) {
        snprintf(out, cap, "%s", "");
        return out;
    }
    snprintf(out, cap, "%.4s-%.4s-%.3s", code + 1, code + 5, code + 9);
    return out;
}

/* ---- a request to take answers back ---- */

int withdraw_encode(const WithdrawRequest *w, uint8_t out[WITHDRAW_ENCODED_LEN], char *err)
{
    if (!receipt_valid(w->code)) {
        snprintf(err, ERR_LEN, "not a receipt code");
        return -1;
    }
    ByteWriter bw = {out, WITHDRAW_ENCODED_LEN, 0, 0};
    memset(out, 0, WITHDRAW_ENCODED_LEN);
    bw_bytes(&bw, WITHDRAW_MAGIC, 4);
    bw_u8(&bw, WITHDRAW_VERSION);
    bw_bytes(&bw, w->id, WITHDRAW_ID_LEN);
    bw_u8(&bw, (uint8_t)strlen(w->code));
    bw_bytes(&bw, w->code, strlen(w->code));
    return bw.over ? -1 : 0;
}

int withdraw_is_record(const uint8_t *buf, size_t len)
{
    return len >= 4 && memcmp(buf, WITHDRAW_MAGIC, 4) == 0;
}

int withdraw_decode(const uint8_t *buf, size_t len, WithdrawRequest *w, char *err)
{
    memset(w, 0, sizeof *w);
    if (len != WITHDRAW_ENCODED_LEN) {
        snprintf(err, ERR_LEN, "length %zu is not a request to take answers back", len);
        return -1;
    }
    ByteReader r = {buf, len, 0, 0};
    const uint8_t *magic = br_take(&r, 4);
    if (!magic || memcmp(magic, WITHDRAW_MAGIC, 4) != 0) {
        snprintf(err, ERR_LEN, "byte 0: not a request to take answers back (bad magic)");
        return -1;
    }
    if (br_u8(&r) != WITHDRAW_VERSION) {
        snprintf(err, ERR_LEN, "byte 4: request version %u is not supported", buf[4]);
        return -1;
    }
    memcpy(w->id, br_take(&r, WITHDRAW_ID_LEN), WITHDRAW_ID_LEN);
    size_t n = br_u8(&r);
    const uint8_t *code = n <= RECEIPT_CODE_MAX ? br_take(&r, n) : NULL;
    if (!code) {
        snprintf(err, ERR_LEN, "byte 21: code length %zu", n);
        return -1;
    }
    memcpy(w->code, code, n);
    w->code[n] = '\0';
    if (!receipt_valid(w->code)) {
        snprintf(err, ERR_LEN, "byte 22: not a receipt code");
        return -1;
    }
    for (size_t i = r.pos; i < len; i++)
        if (buf[i] != 0) {
            snprintf(err, ERR_LEN, "byte %zu: padding is not zero", i);
            return -1;
        }
    return 0;
}
