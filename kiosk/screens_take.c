/* screens_take.c: "Take my answers back". A young person who changed their mind taps the code
 * they were given on the thank-you screen (pictures, or letters and digits), on any kiosk. The
 * kiosk cannot tell which answers the code belongs to (they are sealed, and may be on another
 * kiosk or already at the council), so it checks only what it can (a letter code's check
 * character) and then stores a sealed request (receipt.h, WITHDRAW_MAGIC) among its responses:
 * it travels in the next bundle, and the council removes the answers whose code it is
 * (sync/withdraw.c). The screen says so, and nothing about whether the code matched: a wrong
 * code and a right one read the same here. A kiosk takes RECEIPT_KIOSK_DAY codes a day, counted
 * in the store by day (never a time), so guessing through it is hopeless (receipt.c).
 * A row of the table in screens.c; see screens.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kit.h"
#include "screens.h"

#define TAKE_DAY_SETTING "take_back_day"     /* the local day codes were last taken on */
#define TAKE_COUNT_SETTING "take_back_count" /* how many that day */

void take_back_enter(App *a)
{
    a->take_kind = app_receipt_kind(a);
    a->take_group = -1;
    a->take_npics = 0;
    sodium_memzero(a->take_pics, sizeof a->take_pics);
    sodium_memzero(a->take_letters, sizeof a->take_letters);
    a->take_said = 0;
}

/* 1 when the code typed so far is whole. */
static int take_whole(const App *a)
{
    return a->take_kind == RECEIPT_KIND_PICTURES ? a->take_npics == RECEIPT_PICTURES
                                                 : strlen(a->take_letters) == RECEIPT_LETTERS;
}

/* What has been entered, as it is shown: the pictures, or the letters in their groups. */
static const char *entered(const App *a, View *v)
{
    if (a->take_kind == RECEIPT_KIND_PICTURES) {
        char buf[64] = "";
        for (int i = 0; i < a->take_npics; i++) {
            strcat(buf, i ? " " : "");
            strcat(buf, receipt_symbol(a->take_pics[i]));
        }
        const char *r = view_printf(v, "%s", buf);
        sodium_memzero(buf, sizeof buf);
        return r;
    }
    char buf[RECEIPT_LETTERS + 4];
    size_t n = 0;
    for (size_t i = 0; a->take_letters[i]; i++) {
        if (i == 4 || i == 8)
            buf[n++] = '-';
        buf[n++] = a->take_letters[i];
    }
    buf[n] = '\0';
    const char *r = view_printf(v, "%s", buf);
    sodium_memzero(buf, sizeof buf);
    return r;
}

/* cols x rows cells filling area, a gap between them, in out (row by row). */
static void grid(const View *v, Rect area, int cols, int rows, Rect *out)
{
    int gap = U(v, 8);
    int cw = (area.w - (cols - 1) * gap) / cols, ch = (area.h - (rows - 1) * gap) / rows;
    for (int i = 0; i < cols * rows; i++)
        out[i] = rect(area.x + (i % cols) * (cw + gap), area.y + (i / cols) * (ch + gap), cw, ch);
}

void build_take_back(const App *a, View *v)
{
    background(v);
    int m = margin(v), w = v->w - 2 * m;
    int y = kit_text_flow(v, m, U(v, 12), w, U(v, 60), T(a, UI_TAKE_BACK), TS_LARGE, W_BOLD);
    if (a->take_said) {
        kit_text_flow(v, m, y + U(v, 24), w, U(v, 120), T(a, a->take_said), TS_BODY,
                      a->take_said == UI_TAKE_BACK_SENT ? 0 : W_ALERT);
        kit_nav_bar(v, NULL, 0, NULL, 0, 0, 0, T(a, UI_FINISH), A_FINISH, 0);
        return;
    }
    int bottom = kit_nav_bar(v, T(a, UI_BACK), A_BACK, T(a, UI_KEY_DELETE), A_TAKE_DELETE, 0,
                             W_QUIET, T(a, UI_TAKE_BACK_SEND), A_TAKE_SEND,
                             take_whole(a) ? 0 : W_DISABLED);
    /* The two kinds side by side, each as wide as its name needs (up to a third), the field
     * beside them, all as tall as the taller name needs. */
    int gap = U(v, 12), th = target(v), kw[2];
    for (int k = 0; k < 2; k++) {
        const char *name = T(a, k ? UI_CODE_LETTERS : UI_CODE_PICTURES);
        kw[k] = kit_text_w(v, name, TS_BODY, W_BOLD) + 2 * view_text_pad(v) + U(v, 16);
        kw[k] = kw[k] < (w - 2 * gap) / 3 ? kw[k] : (w - 2 * gap) / 3;
        int need = kit_button_h(v, name, TS_BODY, kw[k]);
        th = need > th ? need : th;
    }
    /* The keys as large as they can be: the line saying how goes when it would make them
     * smaller than a finger (bigger text on a small window). */
    int how_h = kit_text_h(v, T(a, UI_TAKE_BACK_HOW), TS_SMALL, 0, w) + U(v, 8);
    int least = view_px(v, 74, 46), letters = a->take_kind == RECEIPT_KIND_LETTERS;
    int with_how = 1, rows = 2, cols = 8;
    Rect area;
    for (;; with_how = 0) {
        int top = y + (with_how ? how_h : 0) + th + gap;
        area = rect(m, top, w, bottom - top - U(v, 8));
        /* letters: 8 keys by 4 rows, 11 by 3 or 16 by 2, whichever gives the largest keys */
        int best = -1;
        for (int r = letters ? 4 : 2; r >= 2; r--) {
            int c = letters ? (32 + r - 1) / r : 8;
            int cw = (area.w - (c - 1) * U(v, 8)) / c, ch = (area.h - (r - 1) * U(v, 8)) / r;
            int k = cw < ch ? cw : ch;
            if (k > best) {
                best = k;
                rows = r;
                cols = c;
            }
        }
        if (best >= least || !with_how)
            break;
    }
    if (with_how)
        y = kit_text_flow(v, m, y, w, how_h - U(v, 8), T(a, UI_TAKE_BACK_HOW), TS_SMALL, 0) +
            U(v, 8);
    kit_button(v, rect(m, y, kw[0], th), T(a, UI_CODE_PICTURES), A_TAKE_KIND,
               RECEIPT_KIND_PICTURES, !letters ? W_SELECTED : 0);
    kit_button(v, rect(m + kw[0] + gap, y, kw[1], th), T(a, UI_CODE_LETTERS), A_TAKE_KIND,
               RECEIPT_KIND_LETTERS, letters ? W_SELECTED : 0);
    int fx = m + kw[0] + kw[1] + 2 * gap;
    /* The field mirrors with the kinds beside it (a code's letters read left to right in it
     * whatever the language: they have no direction of their own to lose). */
    view_add(v, W_FIELD, rect(fx, y, m + w - fx, th), entered(a, v), TS_LARGE, A_NONE, 0);
    Rect cells[33];
    if (letters) {
        grid(v, area, cols, rows, cells);
        static const char *const keys[32] = {
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F",
            "G", "H", "J", "K", "M", "N", "P", "Q", "R", "S", "T", "V", "W", "X", "Y", "Z"};
        for (int i = 0; i < 32; i++)
            view_add(v, W_KEY, cells[i], keys[i], TS_LARGE, A_TAKE_PICK, i)->flags |= W_STAY;
        return;
    }
    grid(v, area, 8, 2, cells);
    for (int i = 0; i < RECEIPT_GROUPS; i++) {
        /* The groups show their first picture; a group open shows its pictures, and the
         * first cell of a group is the way back to the groups when nothing is tapped. */
        int n = a->take_group < 0 ? i * RECEIPT_GROUPS : a->take_group * RECEIPT_GROUPS + i;
        view_add(v, W_KEY, cells[i], receipt_symbol(n), TS_LARGE,
                 a->take_group < 0 ? A_TAKE_GROUP : A_TAKE_PICK, a->take_group < 0 ? i : n);
    }
}

/* 1 when this kiosk may take one more code today (and counts it), 0 when today's are used. */
static int take_allowed(App *a)
{
    char day[16] = "", count[16] = "";
    time_t t = (time_t)a->wall;
    struct tm tm;
    localtime_r(&t, &tm);
    char today[16];
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    int n = 0;
    if (store_get(a->store, TAKE_DAY_SETTING, day, sizeof day) == 1 && strcmp(day, today) == 0 &&
        store_get(a->store, TAKE_COUNT_SETTING, count, sizeof count) == 1)
        n = atoi(count);
    if (n >= RECEIPT_KIOSK_DAY)
        return 0;
    snprintf(count, sizeof count, "%d", n + 1);
    /* Counted before the request is stored: a kill between the two never earns a free try. */
    if (store_set(a->store, TAKE_DAY_SETTING, today) != 0 ||
        store_set(a->store, TAKE_COUNT_SETTING, count) != 0)
        return -1;
    return 1;
}

/* Seals the request for code and stores it among the responses (form id ""). 0 or -1. */
static int take_store(App *a, const char *code)
{
    WithdrawRequest w;
    uint8_t plain[WITHDRAW_ENCODED_LEN], sealed[WITHDRAW_ENCODED_LEN + crypto_box_SEALBYTES];
    char err[ERR_LEN];
    randombytes_buf(w.id, sizeof w.id);
    snprintf(w.code, sizeof w.code, "%s", code);
    int rc = withdraw_encode(&w, plain, err);
    if (rc == 0)
        rc = crypto_box_seal(sealed, plain, sizeof plain, a->council_pk) == 0 ? 0 : -1;
    if (rc == 0)
        rc = store_put_response(a->store, w.id, WITHDRAW_FORM, sealed, sizeof sealed);
    sodium_memzero(plain, sizeof plain);
    sodium_memzero(&w, sizeof w);
    if (rc != 0) {
        snprintf(a->error, sizeof a->error, "could not store a request to take answers back: %s",
                 store_errmsg(a->store));
        if (a->log)
            a->log(a->error);
    }
    return rc;
}

static ScreenId take_send(App *a)
{
    char code[RECEIPT_CODE_MAX + 1], err[ERR_LEN];
    if (!take_whole(a))
        return SCR_TAKE_BACK;
    if (a->take_kind == RECEIPT_KIND_PICTURES)
        receipt_from_pictures(a->take_pics, code);
    else if (receipt_parse(a->take_letters, code, err) != 0) {
        a->take_said = UI_TAKE_BACK_WRONG;
        return SCR_TAKE_BACK;
    }
    int allowed = take_allowed(a);
    if (allowed <= 0 || take_store(a, code) != 0) {
        /* No more today, or the store refused: kindly, the same words either way. */
        a->take_said = UI_TAKE_BACK_LIMIT;
        sodium_memzero(code, sizeof code);
        return SCR_TAKE_BACK;
    }
    sodium_memzero(code, sizeof code);
    a->take_said = UI_TAKE_BACK_SENT;
    return SCR_TAKE_BACK;
}

ScreenId on_take_back(App *a, int action, int arg)
{
    switch (action) {
    case A_BACK:
    case A_FINISH:
        app_forget_person(a);
        return SCR_WELCOME;
    case A_TAKE_KIND:
        if (arg == RECEIPT_KIND_PICTURES || arg == RECEIPT_KIND_LETTERS) {
            take_back_enter(a);
            a->take_kind = arg;
        }
        return SCR_TAKE_BACK;
    case A_TAKE_GROUP:
        if (arg >= -1 && arg < RECEIPT_GROUPS)
            a->take_group = arg;
        return SCR_TAKE_BACK;
    case A_TAKE_PICK:
        if (a->take_kind == RECEIPT_KIND_PICTURES && arg >= 0 && arg < RECEIPT_SYMBOLS &&
            a->take_npics < RECEIPT_PICTURES) {
            a->take_pics[a->take_npics++] = arg;
            a->take_group = -1;
        } else if (a->take_kind == RECEIPT_KIND_LETTERS && arg >= 0 && arg < 32) {
            size_t n = strlen(a->take_letters);
            if (n < RECEIPT_LETTERS) {
                a->take_letters[n] = RECEIPT_ALPHABET[arg];
                a->take_letters[n + 1] = '\0';
            }
        }
        return SCR_TAKE_BACK;
    case A_TAKE_DELETE:
        if (a->take_kind == RECEIPT_KIND_PICTURES && a->take_group >= 0)
            a->take_group = -1;
        else if (a->take_kind == RECEIPT_KIND_PICTURES && a->take_npics > 0)
            a->take_pics[--a->take_npics] = 0;
        else if (a->take_kind == RECEIPT_KIND_LETTERS && a->take_letters[0])
            a->take_letters[strlen(a->take_letters) - 1] = '\0';
        return SCR_TAKE_BACK;
    case A_TAKE_SEND:
        return take_send(a);
    default:
        return SCR_TAKE_BACK;
    }
}

/* A physical keyboard types letters and digits; Backspace deletes; Enter sends. */
ScreenId key_take_back(App *a, const Input *in)
{
    if (a->take_said)
        return SCR_TAKE_BACK;
    if (in->kind == IN_KEY && in->key == KEY_BACKSPACE)
        return on_take_back(a, A_TAKE_DELETE, 0);
    if (in->kind == IN_KEY && in->key == KEY_ENTER)
        return on_take_back(a, A_TAKE_SEND, 0);
    if (in->kind != IN_TEXT || a->take_kind != RECEIPT_KIND_LETTERS)
        return SCR_TAKE_BACK;
    for (const char *p = in->text; *p; p++) {
        char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
        c = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
        const char *at = strchr(RECEIPT_ALPHABET, c);
        if (c && at)
            (void)on_take_back(a, A_TAKE_PICK, (int)(at - RECEIPT_ALPHABET));
    }
    return SCR_TAKE_BACK;
}
