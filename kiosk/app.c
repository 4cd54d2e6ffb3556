/* app.c: the kiosk's event core: taps, typing, the clock, idle, sending; and the young
 * person's language, words and look. See app.h.
 *
 * A tap fires on release, and only when the release lands on the widget the press started on,
 * so a finger that slides off cancels and one touch can never fire twice. */
#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "pin.h"
#include "seal.h"

static void app_log(App *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

const AgeBand age_bands[AGE_BANDS] = {
    {4, 7, "age-4-7.png"},     {8, 11, "age-8-11.png"},   {12, 15, "age-12-15.png"},
    {16, 17, "age-16-17.png"}, {18, 25, "age-18-25.png"},
};

/* The pictures of "Choose how it looks", by LookSetting, in the images folder. */
static const char *const look_pictures[LOOK_COUNT] = {"bigger-text.png", "contrast.png",
                                                      "easy-font.png", "more-time.png"};

/* ---- languages ---- */

/* Languages the kiosk knows by code: each name in its own script, the English names a survey
 * may use without a code, and the direction. Any other language shows the survey's name. */
static const struct {
    const char *code, *endonym, *english, *english2;
    int rtl;
} languages[] = {
    {"en", "English", "English", "default", 0},
    {"ar", "العربية", "Arabic", NULL, 1},
    {"fa", "فارسی", "Farsi", "Persian", 1},
    {"ps", "پښتو", "Pashto", NULL, 1},
    {"ti", "ትግርኛ", "Tigrinya", NULL, 0},
    {"ckb", "کوردی", "Kurdish Sorani", "Sorani", 1},
    {"vi", "Tiếng Việt", "Vietnamese", NULL, 0},
    {"sq", "Shqip", "Albanian", NULL, 0},
    {"ur", "اردو", "Urdu", NULL, 1},
    {"he", "עברית", "Hebrew", NULL, 1},
};
#define NLANGUAGES ((int)(sizeof languages / sizeof *languages))

/* The row of languages for key ("ar", "AR", "ar-EG"), or -1. */
static int language_row(const char *key)
{
    size_t n = strcspn(key, "-_");
    for (int i = 0; i < NLANGUAGES; i++)
        if (strlen(languages[i].code) == n && strncasecmp(languages[i].code, key, n) == 0)
            return i;
    return -1;
}

int app_lang_rtl(const char *key)
{
    int row = language_row(key);
    return row >= 0 && languages[row].rtl;
}

void app_lang_key(const Language *l, char *key)
{
    const char *k = l->code;
    if (!*k) {
        /* A plain `label` column with no default_language is in XLSForm's "default"
         * language: English, in every form we have seen. */
        k = *l->name ? l->name : "en";
        for (int i = 0; i < NLANGUAGES; i++)
            if (strcasecmp(l->name, languages[i].english) == 0 ||
                (languages[i].english2 && strcasecmp(l->name, languages[i].english2) == 0))
                k = languages[i].code;
    }
    if (strlen(k) > LANG_KEY_MAX)
        k = ""; /* a name too long to be a key: offered by no button */
    snprintf(key, LANG_KEY_MAX + 1, "%s", k);
}

/* Adds survey language l to the languages offered, unless it is there already. */
static void offer_language(App *a, const Language *l)
{
    char key[LANG_KEY_MAX + 1];
    app_lang_key(l, key);
    if (!*key || a->nlangs >= SURVEY_LANGS_MAX)
        return;
    for (int i = 0; i < a->nlangs; i++)
        if (strcasecmp(a->langs[i].key, key) == 0)
            return;
    AppLanguage *al = &a->langs[a->nlangs++];
    memcpy(al->key, key, sizeof al->key);
    int row = language_row(key);
    if (row >= 0) {
        al->name = languages[row].endonym;
        al->name_len = (int)strlen(al->name);
    } else {
        /* "Polski (pl)" shows as "Polski". */
        const char *open = strrchr(l->name, '(');
        size_t n = open && *l->code ? (size_t)(open - l->name) : strlen(l->name);
        while (n && l->name[n - 1] == ' ')
            n--;
        al->name = l->name;
        al->name_len = (int)n;
    }
}

/* Every language of the loaded surveys: each survey's default first, so the language most
 * surveys are written in leads. */
static void find_languages(App *a)
{
    a->nlangs = 0;
    for (int i = 0; i < a->nsurveys; i++)
        offer_language(a, &a->surveys[i]->langs[a->surveys[i]->default_lang]);
    for (int i = 0; i < a->nsurveys; i++)
        for (int l = 0; l < a->surveys[i]->nlangs; l++)
            offer_language(a, &a->surveys[i]->langs[l]);
}

const char *app_lang(const App *a)
{
    if (a->survey >= 0 && a->lang_shown[0])
        return a->lang_shown;
    if (a->person.lang[0])
        return a->person.lang;
    return a->nlangs ? a->langs[0].key : "en";
}

int app_survey_lang(const App *a, const Survey *s)
{
    if (!a->person.lang[0])
        return s->default_lang;
    for (int i = 0; i < s->nlangs; i++) {
        char key[LANG_KEY_MAX + 1];
        app_lang_key(&s->langs[i], key);
        if (strcasecmp(key, a->person.lang) == 0)
            return i;
    }
    return s->default_lang;
}

void app_offer_surveys(App *a, int band)
{
    a->noffered = 0;
    for (int i = 0; i < a->nsurveys; i++) {
        const Survey *s = a->surveys[i];
        if (band < 0 ||
            (s->age_min <= age_bands[band].max && s->age_max >= age_bands[band].min))
            a->offered[a->noffered++] = i;
    }
    if (a->noffered == 0)
        for (int i = 0; i < a->nsurveys; i++)
            a->offered[a->noffered++] = i;
}

/* ---- the kiosk's own words ---- */

static const char *const words_en[UI_COUNT] = {
    [UI_TITLE] = "Have your say",
    [UI_INTRO] = "Tell us what you think. It only takes a few minutes. We don't ask your name.",
    [UI_START] = "Start",
    [UI_HOW_OLD] = "How old are you?",
    [UI_LOOK] = "Choose how it looks",
    [UI_LOOK_TITLE] = "Choose how it looks",
    [UI_BIGGER] = "Bigger text",
    [UI_CONTRAST] = "High contrast",
    [UI_DYSLEXIC] = "Easy-read font",
    [UI_MORE_TIME] = "More time",
    [UI_DONE] = "Done",
    [UI_BAND_4_7] = "4 to 7",
    [UI_BAND_8_11] = "8 to 11",
    [UI_BAND_12_15] = "12 to 15",
    [UI_BAND_16_17] = "16 or 17",
    [UI_BAND_18_25] = "18 to 25",
    [UI_NO_SURVEYS] = "There are no surveys on this kiosk yet. Please tell a worker.",
    [UI_NEWS] = "You said, we did",
    [UI_SESSION] = "Session:",
    [UI_WHICH] = "Which one would you like to do?",
    [UI_BACK] = "Back",
    [UI_NEXT] = "Next",
    [UI_DECLINE] = "I'd rather not say",
    [UI_DECLINE_SHORT] = "Rather not say",
    [UI_OF] = "{n} of {m}",
    [UI_SEND] = "Send",
    [UI_REVIEW_TITLE] = "Check your answers",
    [UI_REVIEW_HELP] = "Tap an answer to change it. When you are happy, press Send.",
    [UI_REVIEW_PREVIOUS] = "Previous answers",
    [UI_REVIEW_MORE] = "More answers",
    [UI_NUMBERS_ONLY] = "Numbers only",
    [UI_TOO_LONG] = "That's as long as an answer can be",
    [UI_SAFETY_THANKS] = "Thank you for telling us.",
    [UI_SAFETY_NOT_SAFE] = "It sounds like things might not feel safe right now. You don't have "
                           "to deal with this on your own.",
    [UI_SAFETY_ADULT] = "Talk to an adult you trust here today. They can help you now.",
    [UI_SAFETY_CHILDLINE] = "Or call Childline on 0800 1111. It is free, any time, day or night.",
    [UI_SAFETY_SHARE] = "Because you told us this, the people who read it may need to share it "
                        "to help keep you safe.",
    [UI_SAFETY_WILL_ASK] = "We will ask someone to talk to you. Please tell an adult here too.",
    [UI_SAFETY_TALK] = "I'd like someone to talk to me",
    [UI_SAFETY_CARRY_ON] = "Carry on",
    [UI_THANKS_TITLE] = "Thank you!",
    [UI_THANKS_SAVED] = "Your answers have been saved safely.",
    [UI_THANKS_WORRY] = "If something is worrying you, you can talk to:",
    [UI_THANKS_ADULT] = "an adult you trust here today",
    [UI_THANKS_CHILDLINE] = "Childline: 0800 1111 (free, any time, day or night)",
    [UI_FINISH] = "Finish",
    [UI_SAVE_FAILED] = "Sorry, your answers could not be saved.",
    [UI_SAVE_NOT_FAULT] = "This is not your fault. Please tell a worker. Answers sent before are "
                          "safe.",
    [UI_SAVE_HELP] = "If something is worrying you, talk to an adult you trust here today, or "
                     "call Childline on 0800 1111 (free, any time).",
    [UI_TRY_AGAIN] = "Try again",
    [UI_IDLE_TITLE] = "Are you still there?",
    [UI_IDLE_CLEAR] = "To keep your answers private, we will clear them in {n} seconds.",
    [UI_IDLE_CLEAR_ONE] = "To keep your answers private, we will clear them in 1 second.",
    [UI_STILL_HERE] = "I'm still here",
};

/* DRAFT Arabic, machine-drafted like the survey translations (see TRANSLATIONS.md): a native
 * speaker must check it before it is used with young people. The safety, thank-you and
 * save-failed words stay English until a checked translation exists: a wrong word there could
 * promise what we can't keep. */
static const char *const words_ar[UI_COUNT] = {
    [UI_TITLE] = "قل رأيك",
    [UI_INTRO] = "أخبرنا برأيك. لن يستغرق ذلك سوى بضع دقائق. لا نسألك عن اسمك.",
    [UI_START] = "ابدأ",
    [UI_HOW_OLD] = "كم عمرك؟",
    [UI_LOOK] = "اختر شكل الشاشة",
    [UI_LOOK_TITLE] = "اختر شكل الشاشة",
    [UI_BIGGER] = "كتابة أكبر",
    [UI_CONTRAST] = "تباين عالٍ",
    [UI_DYSLEXIC] = "خط سهل القراءة",
    [UI_MORE_TIME] = "وقت أطول",
    [UI_DONE] = "تم",
    [UI_BAND_4_7] = "من 4 إلى 7",
    [UI_BAND_8_11] = "من 8 إلى 11",
    [UI_BAND_12_15] = "من 12 إلى 15",
    [UI_BAND_16_17] = "16 أو 17",
    [UI_BAND_18_25] = "من 18 إلى 25",
    [UI_WHICH] = "ماذا تريد أن تختار؟",
    [UI_BACK] = "رجوع",
    [UI_NEXT] = "التالي",
    [UI_DECLINE] = "أفضّل ألّا أقول",
    [UI_DECLINE_SHORT] = "أفضّل ألّا أقول",
    [UI_OF] = "{n} من {m}",
    [UI_SEND] = "إرسال",
    [UI_REVIEW_TITLE] = "راجع إجاباتك",
    [UI_FINISH] = "إنهاء",
    [UI_IDLE_TITLE] = "هل ما زلت هنا؟",
    [UI_STILL_HERE] = "ما زلت هنا",
};

/* DRAFT Farsi, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. Like Arabic, the safety, thank-you
 * and save-failed words stay English until a checked translation exists. */
static const char *const words_fa[UI_COUNT] = {
    [UI_TITLE] = "نظرت را بگو",
    [UI_INTRO] = "به ما بگو چه فکر می‌کنی. فقط چند دقیقه طول می‌کشد. اسمت را "
                 "نمی‌پرسیم.",
    [UI_START] = "شروع",
    [UI_HOW_OLD] = "چند سال داری؟",
    [UI_LOOK] = "شکل صفحه را انتخاب کن",
    [UI_LOOK_TITLE] = "شکل صفحه را انتخاب کن",
    [UI_BIGGER] = "نوشته‌ی بزرگ‌تر",
    [UI_CONTRAST] = "کنتراست بالا",
    [UI_DYSLEXIC] = "خط آسان‌خوان",
    [UI_MORE_TIME] = "وقت بیشتر",
    [UI_DONE] = "تمام",
    [UI_BAND_4_7] = "4 تا 7",
    [UI_BAND_8_11] = "8 تا 11",
    [UI_BAND_12_15] = "12 تا 15",
    [UI_BAND_16_17] = "16 یا 17",
    [UI_BAND_18_25] = "18 تا 25",
    [UI_WHICH] = "کدام را می‌خواهی انجام بدهی؟",
    [UI_BACK] = "برگشت",
    [UI_NEXT] = "بعدی",
    [UI_DECLINE] = "ترجیح می‌دهم نگویم",
    [UI_DECLINE_SHORT] = "ترجیح می‌دهم نگویم",
    [UI_OF] = "{n} از {m}",
    [UI_SEND] = "فرستادن",
    [UI_REVIEW_TITLE] = "جواب‌هایت را نگاه کن",
    [UI_FINISH] = "پایان",
    [UI_IDLE_TITLE] = "هنوز اینجایی؟",
    [UI_STILL_HERE] = "هنوز اینجا هستم",
};

/* DRAFT Pashto, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. Its present-tense forms have no gender: check each
 * one. Like Arabic, the safety, thank-you and save-failed words stay English until a checked
 * translation exists. */
static const char *const words_ps[UI_COUNT] = {
    [UI_TITLE] = "خپله خبره ووایه",
    [UI_INTRO] = "موږ ته ووایه چې څه فکر کوې. یوازې څو دقیقې وخت نیسي. ستا نوم نه پوښتو.",
    [UI_START] = "پیل",
    [UI_HOW_OLD] = "ستا عمر څو کاله دی؟",
    [UI_LOOK] = "د سکرین بڼه وټاکه",
    [UI_LOOK_TITLE] = "د سکرین بڼه وټاکه",
    [UI_BIGGER] = "لوی لیکونه",
    [UI_CONTRAST] = "لوړ کنټراسټ",
    [UI_DYSLEXIC] = "د لوستلو اسانه لیک",
    [UI_MORE_TIME] = "نور وخت",
    [UI_DONE] = "تمام",
    [UI_BAND_4_7] = "له 4 تر 7",
    [UI_BAND_8_11] = "له 8 تر 11",
    [UI_BAND_12_15] = "له 12 تر 15",
    [UI_BAND_16_17] = "16 یا 17",
    [UI_BAND_18_25] = "له 18 تر 25",
    [UI_WHICH] = "کوم یو غواړې؟",
    [UI_BACK] = "شاته",
    [UI_NEXT] = "بل",
    [UI_DECLINE] = "نه غواړم ووایم",
    [UI_DECLINE_SHORT] = "نه غواړم ووایم",
    [UI_OF] = "{n} له {m} څخه",
    [UI_SEND] = "ولېږه",
    [UI_REVIEW_TITLE] = "خپل ځوابونه وګوره",
    [UI_FINISH] = "پای",
    [UI_IDLE_TITLE] = "ته لا دلته یې؟",
    [UI_STILL_HERE] = "زه لا دلته یم",
};

/* DRAFT Tigrinya, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. It uses the masculine "you" forms, like the survey
 * drafts. Like Arabic, the safety, thank-you and save-failed words stay English until a checked
 * translation exists. */
static const char *const words_ti[UI_COUNT] = {
    [UI_TITLE] = "ርእይቶኻ ሃብ",
    [UI_INTRO] = "እንታይ ከም ትሓስብ ንገረና። ሒደት ደቓይቕ ጥራይ እዩ ዝወስድ። ስምካ ኣይንሓተካን ኢና።",
    [UI_START] = "ጀምር",
    [UI_HOW_OLD] = "ዕድሜኻ ክንደይ እዩ?",
    [UI_LOOK] = "ከመይ ከም ዝመስል ምረጽ",
    [UI_LOOK_TITLE] = "ከመይ ከም ዝመስል ምረጽ",
    [UI_BIGGER] = "ዝዓበየ ጽሑፍ",
    [UI_CONTRAST] = "ልዑል ፍልልይ ሕብሪ",
    [UI_DYSLEXIC] = "ብቐሊሉ ዝንበብ ፊደል",
    [UI_MORE_TIME] = "ተወሳኺ ግዜ",
    [UI_DONE] = "ተወዲኡ",
    [UI_BAND_4_7] = "ካብ 4 ክሳብ 7",
    [UI_BAND_8_11] = "ካብ 8 ክሳብ 11",
    [UI_BAND_12_15] = "ካብ 12 ክሳብ 15",
    [UI_BAND_16_17] = "16 ወይ 17",
    [UI_BAND_18_25] = "ካብ 18 ክሳብ 25",
    [UI_WHICH] = "ኣየናይ ክትገብር ትደሊ?",
    [UI_BACK] = "ንድሕሪት",
    [UI_NEXT] = "ቀጽል",
    [UI_DECLINE] = "ክብሎ ኣይደልን",
    [UI_DECLINE_SHORT] = "ክብሎ ኣይደልን",
    [UI_OF] = "{n} ካብ {m}",
    [UI_SEND] = "ስደድ",
    [UI_REVIEW_TITLE] = "መልስታትካ ተመልከት",
    [UI_FINISH] = "ዛዝም",
    [UI_IDLE_TITLE] = "ገና ኣብዚ ኣለኻ ዶ?",
    [UI_STILL_HERE] = "ገና ኣብዚ ኣለኹ",
};

/* DRAFT Kurdish Sorani, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. Like Arabic, the safety, thank-you
 * and save-failed words stay English until a checked translation exists. */
static const char *const words_ckb[UI_COUNT] = {
    [UI_TITLE] = "بیروڕای خۆت بڵێ",
    [UI_INTRO] = "پێمان بڵێ چی بیر دەکەیتەوە. تەنها چەند خولەکێک دەخایەنێت. ناوت ناپرسین.",
    [UI_START] = "دەست پێبکە",
    [UI_HOW_OLD] = "تەمەنت چەندە؟",
    [UI_LOOK] = "شێوەی شاشەکە هەڵبژێرە",
    [UI_LOOK_TITLE] = "شێوەی شاشەکە هەڵبژێرە",
    [UI_BIGGER] = "نووسینی گەورەتر",
    [UI_CONTRAST] = "کۆنتراستی بەرز",
    [UI_DYSLEXIC] = "فۆنتی ئاسان بۆ خوێندنەوە",
    [UI_MORE_TIME] = "کاتی زیاتر",
    [UI_DONE] = "تەواو",
    [UI_BAND_4_7] = "4 تا 7",
    [UI_BAND_8_11] = "8 تا 11",
    [UI_BAND_12_15] = "12 تا 15",
    [UI_BAND_16_17] = "16 یان 17",
    [UI_BAND_18_25] = "18 تا 25",
    [UI_WHICH] = "دەتەوێت کامیان بکەیت؟",
    [UI_BACK] = "گەڕانەوە",
    [UI_NEXT] = "دواتر",
    [UI_DECLINE] = "حەز دەکەم نەیڵێم",
    [UI_DECLINE_SHORT] = "حەز دەکەم نەیڵێم",
    [UI_OF] = "{n} لە {m}",
    [UI_SEND] = "ناردن",
    [UI_REVIEW_TITLE] = "وەڵامەکانت بپشکنە",
    [UI_FINISH] = "کۆتایی",
    [UI_IDLE_TITLE] = "هێشتا لێرەیت؟",
    [UI_STILL_HERE] = "هێشتا لێرەم",
};

/* DRAFT Vietnamese, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. It speaks to the young person as "em", as a youth
 * worker would. Like Arabic, the safety, thank-you and save-failed words stay English until a
 * checked translation exists. */
static const char *const words_vi[UI_COUNT] = {
    [UI_TITLE] = "Hãy nói ý kiến của em",
    [UI_INTRO] =
        "Hãy cho chúng tôi biết em nghĩ gì. Chỉ mất vài phút thôi. Chúng tôi không hỏi tên em.",
    [UI_START] = "Bắt đầu",
    [UI_HOW_OLD] = "Em bao nhiêu tuổi?",
    [UI_LOOK] = "Chọn cách hiển thị",
    [UI_LOOK_TITLE] = "Chọn cách hiển thị",
    [UI_BIGGER] = "Chữ to hơn",
    [UI_CONTRAST] = "Độ tương phản cao",
    [UI_DYSLEXIC] = "Phông chữ dễ đọc",
    [UI_MORE_TIME] = "Thêm thời gian",
    [UI_DONE] = "Xong",
    [UI_BAND_4_7] = "4 đến 7",
    [UI_BAND_8_11] = "8 đến 11",
    [UI_BAND_12_15] = "12 đến 15",
    [UI_BAND_16_17] = "16 hoặc 17",
    [UI_BAND_18_25] = "18 đến 25",
    [UI_WHICH] = "Em muốn làm bài nào?",
    [UI_BACK] = "Quay lại",
    [UI_NEXT] = "Tiếp",
    [UI_DECLINE] = "Em không muốn nói",
    [UI_DECLINE_SHORT] = "Không muốn nói",
    [UI_OF] = "{n} trên {m}",
    [UI_SEND] = "Gửi",
    [UI_REVIEW_TITLE] = "Xem lại câu trả lời",
    [UI_FINISH] = "Kết thúc",
    [UI_IDLE_TITLE] = "Em vẫn còn ở đây chứ?",
    [UI_STILL_HERE] = "Em vẫn ở đây",
};

/* DRAFT Albanian, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. Like Arabic, the safety, thank-you
 * and save-failed words stay English until a checked translation exists. */
static const char *const words_sq[UI_COUNT] = {
    [UI_TITLE] = "Thuaj mendimin tënd",
    [UI_INTRO] = "Na trego çfarë mendon. Zgjat vetëm pak minuta. Nuk të pyesim për emrin.",
    [UI_START] = "Fillo",
    [UI_HOW_OLD] = "Sa vjeç je?",
    [UI_LOOK] = "Zgjidh si duket",
    [UI_LOOK_TITLE] = "Zgjidh si duket",
    [UI_BIGGER] = "Shkrim më i madh",
    [UI_CONTRAST] = "Kontrast i lartë",
    [UI_DYSLEXIC] = "Shkrim i lehtë për t'u lexuar",
    [UI_MORE_TIME] = "Më shumë kohë",
    [UI_DONE] = "Gati",
    [UI_BAND_4_7] = "4 deri në 7",
    [UI_BAND_8_11] = "8 deri në 11",
    [UI_BAND_12_15] = "12 deri në 15",
    [UI_BAND_16_17] = "16 ose 17",
    [UI_BAND_18_25] = "18 deri në 25",
    [UI_WHICH] = "Cilin dëshiron të bësh?",
    [UI_BACK] = "Prapa",
    [UI_NEXT] = "Vazhdo",
    [UI_DECLINE] = "Më mirë të mos e them",
    [UI_DECLINE_SHORT] = "Më mirë jo",
    [UI_OF] = "{n} nga {m}",
    [UI_SEND] = "Dërgo",
    [UI_REVIEW_TITLE] = "Kontrollo përgjigjet e tua",
    [UI_FINISH] = "Mbaro",
    [UI_IDLE_TITLE] = "A je ende këtu?",
    [UI_STILL_HERE] = "Jam ende këtu",
};

/* The translations, by language code; a language missing here, or a word missing from its
 * table, reads in English. */
static const struct {
    const char *code;
    const char *const *words;
} translations[] = {
    {"ar", words_ar},   {"fa", words_fa}, {"ps", words_ps}, {"ti", words_ti},
    {"ckb", words_ckb}, {"vi", words_vi}, {"sq", words_sq},
};

/* The translation of key into the language in effect, or NULL; its code in *code. */
static const char *translated(const App *a, UiText key, const char **code)
{
    int row = language_row(app_lang(a));
    for (size_t i = 0; row >= 0 && i < sizeof translations / sizeof *translations; i++)
        if (strcmp(translations[i].code, languages[row].code) == 0 && translations[i].words[key]) {
            *code = translations[i].code;
            return translations[i].words[key];
        }
    return NULL;
}

const char *ui_text(const App *a, UiText key)
{
    const char *code;
    if ((int)key < 0 || key >= UI_COUNT)
        return "";
    const char *t = translated(a, key, &code);
    return t ? t : words_en[key] ? words_en[key] : "";
}

const char *ui_text_lang(const App *a, UiText key)
{
    const char *code = "en";
    if ((int)key >= 0 && key < UI_COUNT)
        (void)translated(a, key, &code);
    return code;
}

/* ---- look ---- */

Look app_look(const App *a)
{
    Look look = {0, 0, 0, 0, "en"};
    if (screens[a->screen].worker)
        return look;
    look.lang = app_lang(a);
    look.rtl = app_lang_rtl(look.lang);
    look.bigger = a->person.setting[LOOK_BIGGER];
    look.contrast = a->person.setting[LOOK_CONTRAST];
    look.dyslexic = a->person.setting[LOOK_DYSLEXIC];
    return look;
}

long long app_idle_after(const App *a)
{
    return a->person.setting[LOOK_MORE_TIME] ? 2LL * IDLE_AFTER_MS : IDLE_AFTER_MS;
}

/* Forgets what the young person chose for themselves. */
static void person_reset(App *a)
{
    memset(&a->person, 0, sizeof a->person);
    a->person.band = -1;
    a->noffered = 0;
    memset(a->lang_shown, 0, sizeof a->lang_shown);
}

/* The kiosk's own pictures that are in the images folder (a missing one: words only). */
static void find_pictures(App *a)
{
    const char *dir = a->images_dir ? a->images_dir : SURVEY_IMAGES_DIR;
    char reason[ERR_LEN];
    for (int i = 0; i < AGE_BANDS + LOOK_COUNT; i++) {
        char *path = i < AGE_BANDS ? a->band_picture[i] : a->look_picture[i - AGE_BANDS];
        const char *name = i < AGE_BANDS ? age_bands[i].picture : look_pictures[i - AGE_BANDS];
        snprintf(path, EXCHANGE_PATH_MAX, "%s/%s", dir, name);
        if (survey_png_check(path, reason) != 0) {
            if (strcmp(reason, "not found") != 0)
                app_log(a, "not showing the picture %s: %s", path, reason);
            path[0] = '\0';
        }
    }
}

static void app_log(App *a, const char *fmt, ...)
{
    char line[ERR_LEN + 128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (a->log)
        a->log(line);
}

int app_start(App *a, long long now_ms, long long wall)
{
    a->now_ms = now_ms;
    a->wall = wall;
    a->last_input_ms = now_ms;
    a->screen_since_ms = now_ms;
    a->survey = -1;
    a->focus = -1;
    a->fixed_survey = -1;
    a->fixed_band = -1;
    person_reset(a);
    find_languages(a);
    find_pictures(a);
    a->draft = sodium_malloc(sizeof(Draft));
    a->answer_buf = sodium_malloc(sizeof(Answer) * SURVEY_QUESTIONS_MAX);
    a->choice_buf = sodium_malloc(sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
    if (!a->draft || !a->answer_buf || !a->choice_buf) {
        snprintf(a->error, sizeof a->error, "out of memory for the draft");
        return -1;
    }
    draft_wipe(a->draft);

    char buf[SURVEY_NAME_MAX + 1];
    int rc = store_get(a->store, "fixed_survey", buf, sizeof buf);
    if (rc == 1) {
        for (int i = 0; i < a->nsurveys; i++)
            if (strcmp(a->surveys[i]->form_id, buf) == 0)
                a->fixed_survey = i;
        if (a->fixed_survey < 0)
            app_log(a, "fixed survey '%s' is not loaded; young people will choose", buf);
    }
    int brc = store_get(a->store, "fixed_band", buf, sizeof buf);
    if (brc == 1) {
        for (int i = 0; i < AGE_BANDS; i++) {
            char band[16];
            snprintf(band, sizeof band, "%d-%d", age_bands[i].min, age_bands[i].max);
            if (strcmp(band, buf) == 0)
                a->fixed_band = i;
        }
        if (a->fixed_band < 0)
            app_log(a, "fixed age band '%s' is not one the kiosk knows; young people will say",
                    buf);
    }
    if (store_get(a->store, "session", a->session, sizeof a->session) != 1)
        a->session[0] = '\0';
    a->nnews = 0;
    if (a->data_dir) {
        char err[ERR_LEN];
        int n = exchange_read_news(a->data_dir, a->news, NEWS_SHOWN, err);
        if (n < 0)
            app_log(a, "not showing \"you said, we did\": %s", err);
        a->nnews = n > 0 ? n : 0;
    }
    int set = pin_is_set(a->store);
    if (rc < 0 || brc < 0 || set < 0) {
        snprintf(a->error, sizeof a->error, "cannot read settings: %s", store_errmsg(a->store));
        return -1;
    }
    a->screen = SCR_WELCOME;
    app_go(a, set ? SCR_WELCOME : SCR_SET_PIN);
    return 0;
}

void app_stop(App *a)
{
    if (a->draft)
        draft_wipe(a->draft);
    sodium_free(a->draft);
    sodium_free(a->answer_buf);
    sodium_free(a->choice_buf);
    a->draft = NULL;
    a->answer_buf = NULL;
    a->choice_buf = NULL;
    view_wipe(&a->view);
}

const Survey *app_survey(const App *a) { return a->survey >= 0 ? a->surveys[a->survey] : NULL; }

void app_go(App *a, ScreenId s)
{
    if (s != a->screen) {
        a->screen_since_ms = a->now_ms;
        a->message = NULL;
    }
    /* Back from the idle warning is not a new visit: keep what the screen held (a half-typed
     * session name, the keyboard's shift). */
    int resumed = a->screen == SCR_IDLE && s == a->idle_return;
    if (s != a->screen)
        a->came_from = a->screen;
    a->screen = s;
    if (screens[s].enter && !resumed)
        screens[s].enter(a);
    a->dirty = 1;
}

void app_reset_person(App *a)
{
    draft_wipe(a->draft);
    sodium_memzero(a->answer_buf, sizeof(Answer) * SURVEY_QUESTIONS_MAX);
    sodium_memzero(a->choice_buf, sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
    view_wipe(&a->view);
    a->survey = -1;
    a->page = 0;
    a->focus = -1;
    a->review_from = 0;
    a->shift = 0;
    a->talk_asked = 0;
    a->pressing = 0;
    sodium_memzero(a->pin, sizeof a->pin);
    sodium_memzero(a->pin_first, sizeof a->pin_first);
    sodium_memzero(a->recovery, sizeof a->recovery);
    a->wiped = 1;
    a->message = NULL;
    person_reset(a);
    app_go(a, SCR_WELCOME);
}

void app_resize(App *a, int w, int h)
{
    a->w = w;
    a->h = h;
    a->dirty = 1;
}

void app_build_view(const App *a, View *v)
{
    view_reset(v, a->w, a->h);
    v->look = app_look(a);
    screens[a->screen].build(a, v);
    /* Right to left: the whole layout mirrored, so Back is on the right and Next on the left
     * and everything starts from the right; the renderer right-aligns the text. */
    if (v->look.rtl)
        view_mirror(v);
}

/* The worker corner: the top-left square of the welcome screen. */
static int in_worker_corner(const App *a, int x, int y)
{
    int size = view_px(&a->view, WORKER_CORNER, 60);
    return a->screen == SCR_WELCOME && x < size && y < size;
}

static void fire(App *a, int action, int arg)
{
    ScreenId next = screens[a->screen].on_action(a, action, arg);
    if (next != a->screen)
        app_go(a, next);
    a->dirty = 1;
}

void app_input(App *a, const Input *in)
{
    a->last_input_ms = a->now_ms;
    switch (in->kind) {
    case IN_PRESS: {
        app_build_view(a, &a->view);
        int hit = view_hit(&a->view, in->x, in->y);
        a->pressing = 1;
        a->press_done = 0;
        a->press_x = in->x;
        a->press_y = in->y;
        a->press_ms = a->now_ms;
        a->press_action = hit >= 0 ? a->view.widgets[hit].action : A_NONE;
        a->press_arg = hit >= 0 ? a->view.widgets[hit].arg : 0;
        break;
    }
    case IN_RELEASE: {
        if (!a->pressing)
            break; /* a release without its press (a second source of the same touch) */
        a->pressing = 0;
        if (a->press_done || a->press_action == A_NONE)
            break;
        app_build_view(a, &a->view);
        int hit = view_hit(&a->view, in->x, in->y);
        if (hit >= 0 && a->view.widgets[hit].action == a->press_action &&
            a->view.widgets[hit].arg == a->press_arg)
            fire(a, a->press_action, a->press_arg);
        break;
    }
    case IN_CANCEL:
        a->pressing = 0;
        break;
    case IN_TEXT:
    case IN_KEY:
        if (screens[a->screen].on_key) {
            ScreenId next = screens[a->screen].on_key(a, in);
            if (next != a->screen)
                app_go(a, next);
            a->dirty = 1;
        }
        break;
    }
}

/* The seconds shown on a countdown change: redraw once a second. */
static long long next_second(const App *a, long long deadline)
{
    long long left = deadline - a->now_ms;
    if (left <= 0)
        return 0;
    long long part = left % 1000;
    return part ? part : 1000;
}

long long app_next_deadline(const App *a)
{
    long long best = -1;
#define CONSIDER(t)                                                                             \
    do {                                                                                        \
        long long t_ = (t) < 0 ? 0 : (t);                                                       \
        if (best < 0 || t_ < best)                                                              \
            best = t_;                                                                          \
    } while (0)
    if (a->pressing && !a->press_done && in_worker_corner(a, a->press_x, a->press_y))
        CONSIDER(a->press_ms + LONG_PRESS_MS - a->now_ms);
    switch (screens[a->screen].idle) {
    case IDLE_WARN:
        CONSIDER(a->last_input_ms + app_idle_after(a) - a->now_ms);
        break;
    case IDLE_RETURN:
        CONSIDER(a->screen_since_ms + THANKS_MS - a->now_ms);
        break;
    case IDLE_NONE:
        break;
    }
    if (a->screen == SCR_IDLE)
        CONSIDER(next_second(a, a->screen_since_ms + IDLE_COUNTDOWN_MS));
    if (a->screen == SCR_PIN && a->pin_wait_until > a->wall)
        CONSIDER(1000);
#undef CONSIDER
    return best;
}

void app_tick(App *a, long long now_ms, long long wall)
{
    long long before = a->now_ms;
    long long wall_before = a->wall;
    a->now_ms = now_ms;
    a->wall = wall;
    if (a->pressing && !a->press_done && in_worker_corner(a, a->press_x, a->press_y) &&
        now_ms - a->press_ms >= LONG_PRESS_MS) {
        a->press_done = 1;
        sodium_memzero(a->pin, sizeof a->pin);
        app_go(a, SCR_PIN);
        return;
    }
    switch (screens[a->screen].idle) {
    case IDLE_WARN:
        if (now_ms - a->last_input_ms >= app_idle_after(a)) {
            a->idle_return = a->screen;
            app_go(a, SCR_IDLE);
        }
        break;
    case IDLE_RETURN:
        if (now_ms - a->screen_since_ms >= THANKS_MS)
            app_reset_person(a);
        break;
    case IDLE_NONE:
        break;
    }
    if (a->screen == SCR_IDLE) {
        if (now_ms - a->screen_since_ms >= IDLE_COUNTDOWN_MS) {
            app_log(a, "idle: the draft was wiped");
            app_reset_person(a);
        } else if ((now_ms - a->screen_since_ms) / 1000 != (before - a->screen_since_ms) / 1000) {
            a->dirty = 1;
        }
    }
    if (a->screen == SCR_PIN && a->pin_wait_until && wall != wall_before)
        a->dirty = 1;
}

/* Today's date from the wall clock, in local time: the only time a response carries. */
static void today(long long wall, int *y, int *m, int *d)
{
    time_t t = (time_t)wall;
    struct tm tm;
    localtime_r(&t, &tm);
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
}

int app_send(App *a)
{
    Response r;
    memset(&r, 0, sizeof r);
    memcpy(r.id, a->draft->id, sizeof r.id);
    today(a->wall, &r.year, &r.month, &r.day);
    r.session = a->session;
    draft_to_response(a->draft, &r, a->answer_buf, a->choice_buf);
    uint8_t *sealed = NULL;
    size_t len = 0;
    char err[ERR_LEN];
    int rc = seal_response(&r, a->council_pk, &sealed, &len, err);
    sodium_memzero(a->answer_buf, sizeof(Answer) * SURVEY_QUESTIONS_MAX);
    sodium_memzero(a->choice_buf, sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
    if (rc != 0) {
        snprintf(a->error, sizeof a->error, "could not seal the response: %s", err);
        app_log(a, "%s", a->error);
        return -1;
    }
    rc = store_put_response(a->store, r.id, r.form_id, sealed, len);
    free(sealed);
    if (rc != 0) {
        snprintf(a->error, sizeof a->error, "could not store the response: %s",
                 store_errmsg(a->store));
        app_log(a, "%s", a->error);
        return -1;
    }
    /* Neither the survey nor the flags: a timestamped log line must not say that a child at
     * this kiosk raised a concern, or when. */
    app_log(a, "stored a response");
    sodium_memzero(&r, sizeof r);
    return 0;
}
