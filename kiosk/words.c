/* words.c: the kiosk's own words (buttons, headings, the safety and thank-you screens) in
 * every language it knows, one block a language. See words.h; app.c's ui_text() reads them.
 *
 * For translators: each block lists a language's words by key ([UI_START] = "..."), in the
 * order of the English block, which is the source. A key left out of a block reads in English,
 * so a missing word is never an empty button. Keep {n} and {m} (numbers filled in by the kiosk)
 * and {name} (a session's name) as they are, anywhere in the sentence. Every translation here
 * is a machine draft awaiting a native speaker's check: see TRANSLATIONS.md, which says which
 * words matter most. */
#include "words.h"

#include <string.h>

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
    /* The request words promise only what happens (help_request.h): it is saved at once; the
     * workers here see that someone asked, not who, when they next open worker mode (the corner
     * of the welcome screen shows a small sign meanwhile); it reaches the council when a worker
     * next takes the answers from the kiosk. */
    [UI_SAFETY_WILL_ASK] = "We have saved this. The workers here will see that someone asked to "
                           "talk, but not who. Please tell an adult here too.",
    [UI_SAFETY_TALK] = "I'd like someone to talk to me",
    [UI_SAFETY_CARRY_ON] = "Carry on",
    [UI_HELP_SAVED] = "It also goes to the council's team the next time a worker takes the "
                      "answers from this kiosk.",
    [UI_HELP_UNDO] = "I've changed my mind",
    [UI_HELP_UNDONE] = "OK. We won't ask anyone to talk to you. The workers here will see that "
                       "someone changed their mind.",
    [UI_HELP_ADD_NAME] = "Add my name or where to find me",
    [UI_HELP_NAME_TITLE] = "Your first name, or where to find you",
    [UI_HELP_NAME_WHY] = "Only if you want to. It goes to the council's team with your request.",
    [UI_HELP_SAY_SO] = "Can a worker here see your name?",
    [UI_HELP_YES] = "Yes",
    [UI_HELP_NO] = "No",
    [UI_HELP_SEND_NAME] = "Send my name",
    [UI_HELP_NAME_SENT] = "Saved. Only the council's team will see your name.",
    [UI_HELP_NAME_SENT_HERE] = "Saved. A worker here will see your name when they next check this "
                               "kiosk (unless it is switched off first). The council's team will "
                               "see it too.",
    [UI_HELP_FAILED] = "Sorry, this could not be saved. Please tell an adult here now.",
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
 * table, reads in English. A new language: its block above, then its row here. */
static const struct {
    const char *code;
    const char *const *words;
} translations[] = {
    {"ar", words_ar},   {"fa", words_fa}, {"ps", words_ps}, {"ti", words_ti},
    {"ckb", words_ckb}, {"vi", words_vi}, {"sq", words_sq},
};

const char *words_english(UiText key)
{
    if ((int)key < 0 || key >= UI_COUNT || !words_en[key])
        return "";
    return words_en[key];
}

const char *words_translation(const char *code, UiText key)
{
    if ((int)key < 0 || key >= UI_COUNT || !code)
        return NULL;
    for (size_t i = 0; i < sizeof translations / sizeof *translations; i++)
        if (strcmp(translations[i].code, code) == 0)
            return translations[i].words[key];
    return NULL;
}
