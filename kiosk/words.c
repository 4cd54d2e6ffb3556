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
    [UI_HELP_SAVED] = "It also goes to the council's team: at once when this kiosk is online, "
                      "otherwise the next time a worker takes the answers from it.",
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
    [UI_REQUIRED] = "This question needs an answer to go on. You can also tap \"I'd rather not "
                    "say\".",
    [UI_REVIEW_NOTHING] = "You haven't answered anything, so there is nothing to send. That's OK. "
                          "Tap a question to answer it, or press Finish.",
    [UI_REVIEW_READ_ALL] = "Read all",
    [UI_REVIEW_CHANGE] = "Change it",
    [UI_CONSTRAINT] =
        "That answer doesn't fit this question. Please change it, or tap \"I'd rather not say\".",
    [UI_OK] = "OK",
    [UI_OTHER] = "Other",
    [UI_OTHER_WHAT] = "What is it? You can write it here.",
    [UI_DAY] = "Day",
    [UI_MONTH] = "Month",
    [UI_YEAR] = "Year",
    [UI_HOUR] = "Hour",
    [UI_MINUTE] = "Minutes",
    [UI_RANK_HOW] =
        "Tap them in order: the one that matters most first. Tap one again to take it back.",
    [UI_KEY_SHIFT] = "Shift",
    [UI_KEY_SPACE] = "Space",
    [UI_KEY_DELETE] = "Delete",
    [UI_KEY_LETTERS] = "Letters",
    [UI_SAFETY_ENGLISH] = "In English:",
    [UI_CODE_KEEP] = "Your code. If you change your mind, it takes these answers back, on any kiosk or with a worker. Only the council can match it to your answers.",
    [UI_CODE_SHORT] = "Your code.",
    [UI_TAKE_BACK] = "Take my answers back",
    [UI_TAKE_BACK_HOW] = "Tap the code you were given after your answers. Only the council can match it to them.",
    [UI_CODE_PICTURES] = "Pictures",
    [UI_CODE_LETTERS] = "Letters and numbers",
    [UI_TAKE_BACK_SEND] = "Take them back",
    [UI_TAKE_BACK_SENT] = "Thank you. This goes to the council. If the code is right, your answers will be taken out and not counted any more.",
    [UI_TAKE_BACK_WRONG] = "That code doesn't look right. Please check it, or ask a worker here to help.",
    [UI_TAKE_BACK_LIMIT] = "This kiosk can't take more codes today. Please ask a worker here to help.",
};

/* DRAFT Arabic, machine-drafted like the survey translations (see TRANSLATIONS.md): a native
 * speaker must check it before it is used with young people, the safety and thank-you words
 * first. The safety and thank-you screens show the English beside these words meanwhile. */
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
    [UI_NO_SURVEYS] = "لا توجد استبيانات على هذا الجهاز بعد. أخبر أحد العاملين من فضلك.",
    [UI_NEWS] = "قلتم، ففعلنا",
    [UI_SESSION] = "الجلسة:",
    [UI_REVIEW_HELP] = "اضغط على إجابة لتغييرها. عندما تكون راضيًا، اضغط «إرسال».",
    [UI_REVIEW_PREVIOUS] = "الإجابات السابقة",
    [UI_REVIEW_MORE] = "إجابات أخرى",
    [UI_NUMBERS_ONLY] = "أرقام فقط",
    [UI_TOO_LONG] = "هذا أطول ما يمكن أن تكون عليه الإجابة",
    [UI_SAFETY_THANKS] = "شكرًا لأنك أخبرتنا.",
    [UI_SAFETY_NOT_SAFE] = "يبدو أنك قد لا تشعر بالأمان الآن. لست مضطرًا للتعامل مع هذا وحدك.",
    [UI_SAFETY_ADULT] = "تحدّث اليوم إلى شخص بالغ تثق به هنا. يمكنه مساعدتك الآن.",
    [UI_SAFETY_CHILDLINE] =
        "أو اتصل بـ Childline على الرقم 0800 1111. الاتصال مجاني، في أي وقت، ليلًا أو نهارًا.",
    [UI_SAFETY_SHARE] =
        "لأنك أخبرتنا بهذا، قد يحتاج من يقرؤه إلى مشاركته مع آخرين ليساعدوا في حمايتك.",
    [UI_SAFETY_WILL_ASK] = "لقد حفظنا هذا. سيرى العاملون هنا أن شخصًا طلب التحدث، لكن ليس من هو. "
                           "أخبر شخصًا بالغًا هنا أيضًا من فضلك.",
    [UI_SAFETY_TALK] = "أريد أن يتحدث معي أحد",
    [UI_SAFETY_CARRY_ON] = "متابعة",
    [UI_HELP_SAVED] = "ويصل أيضًا إلى فريق المجلس: فورًا إذا كان هذا الجهاز متصلًا بالإنترنت، وإلا "
                      "ففي المرة القادمة التي يأخذ فيها أحد العاملين الإجابات منه.",
    [UI_HELP_UNDO] = "غيّرت رأيي",
    [UI_HELP_UNDONE] = "حسنًا. لن نطلب من أحد أن يتحدث معك. سيرى العاملون هنا أن شخصًا غيّر رأيه.",
    [UI_HELP_ADD_NAME] = "أضف اسمي أو مكان العثور عليّ",
    [UI_HELP_NAME_TITLE] = "اسمك الأول، أو أين نجدك",
    [UI_HELP_NAME_WHY] = "فقط إذا أردت. يصل إلى فريق المجلس مع طلبك.",
    [UI_HELP_SAY_SO] = "هل يمكن لأحد العاملين هنا أن يرى اسمك؟",
    [UI_HELP_YES] = "نعم",
    [UI_HELP_NO] = "لا",
    [UI_HELP_SEND_NAME] = "أرسل اسمي",
    [UI_HELP_NAME_SENT] = "تم الحفظ. فريق المجلس فقط سيرى اسمك.",
    [UI_HELP_NAME_SENT_HERE] = "تم الحفظ. سيرى أحد العاملين هنا اسمك عندما يتفقد هذا الجهاز في "
                               "المرة القادمة (إلا إذا أُطفئ قبل ذلك). وسيراه فريق المجلس أيضًا.",
    [UI_HELP_FAILED] = "عذرًا، لم يمكن حفظ هذا. من فضلك أخبر شخصًا بالغًا هنا الآن.",
    [UI_THANKS_TITLE] = "شكرًا لك!",
    [UI_THANKS_SAVED] = "تم حفظ إجاباتك بأمان.",
    [UI_THANKS_WORRY] = "إذا كان هناك ما يقلقك، يمكنك التحدث إلى:",
    [UI_THANKS_ADULT] = "شخص بالغ تثق به هنا اليوم",
    [UI_THANKS_CHILDLINE] = "Childline: 0800 1111 (مجاني، في أي وقت، ليلًا أو نهارًا)",
    [UI_SAVE_FAILED] = "عذرًا، لم نتمكن من حفظ إجاباتك.",
    [UI_SAVE_NOT_FAULT] =
        "هذا ليس خطأك. أخبر أحد العاملين من فضلك. الإجابات التي أُرسلت من قبل محفوظة بأمان.",
    [UI_SAVE_HELP] = "إذا كان هناك ما يقلقك، تحدّث اليوم إلى شخص بالغ تثق به هنا، أو اتصل بـ "
                     "Childline على 0800 1111 (مجاني، في أي وقت).",
    [UI_TRY_AGAIN] = "حاول مرة أخرى",
    [UI_IDLE_CLEAR] = "لكي تبقى إجاباتك خاصة، سنمسحها بعد {n} ثانية.",
    [UI_IDLE_CLEAR_ONE] = "لكي تبقى إجاباتك خاصة، سنمسحها بعد ثانية واحدة.",
    [UI_KEY_SHIFT] = "تبديل",
    [UI_KEY_SPACE] = "مسافة",
    [UI_KEY_DELETE] = "حذف",
    [UI_KEY_LETTERS] = "الحروف",
    [UI_SAFETY_ENGLISH] = "بالإنجليزية:",
    [UI_REVIEW_READ_ALL] = "اقرأ الكل",
    [UI_REVIEW_CHANGE] = "غيّرها",
    [UI_CONSTRAINT] =
        "هذه الإجابة لا تناسب هذا السؤال. غيّرها من فضلك، أو اضغط على «أفضّل ألّا أقول».",
    [UI_OK] = "حسنًا",
    [UI_OTHER] = "أخرى",
    [UI_OTHER_WHAT] = "ما هو؟ يمكنك كتابته هنا.",
    [UI_DAY] = "اليوم",
    [UI_MONTH] = "الشهر",
    [UI_YEAR] = "السنة",
    [UI_HOUR] = "الساعة",
    [UI_MINUTE] = "الدقائق",
    [UI_RANK_HOW] = "اضغط عليها بالترتيب: الأهم أولاً. اضغط على واحد مرة أخرى لإلغائه.",
    [UI_REQUIRED] = "هذا السؤال يحتاج إلى إجابة للمتابعة. يمكنك أيضًا الضغط على «أفضّل ألّا أقول».",
    [UI_REVIEW_NOTHING] =
        "لم تُجب عن أي شيء، لذلك لا يوجد ما يُرسل. لا بأس. اضغط على سؤال لتجيب عنه، أو اضغط «إنهاء».",
    [UI_CODE_KEEP] = "رمزك. إذا غيّرت رأيك، يسحب هذه الإجابات، على أي جهاز أو مع أحد العاملين. المجلس وحده يستطيع ربطه بإجاباتك.",
    [UI_CODE_SHORT] = "رمزك.",
    [UI_TAKE_BACK] = "اسحب إجاباتي",
    [UI_TAKE_BACK_HOW] = "اضغط على الرمز الذي أُعطي لك بعد إجاباتك. المجلس وحده يستطيع ربطه بها.",
    [UI_CODE_PICTURES] = "صور",
    [UI_CODE_LETTERS] = "حروف وأرقام",
    [UI_TAKE_BACK_SEND] = "اسحبها",
    [UI_TAKE_BACK_SENT] = "شكرًا لك. سيذهب هذا إلى المجلس. إذا كان الرمز صحيحًا، ستُحذف إجاباتك ولن تُحسب بعد الآن.",
    [UI_TAKE_BACK_WRONG] = "يبدو أن هذا الرمز غير صحيح. يرجى التحقق منه، أو اطلب المساعدة من أحد العاملين هنا.",
    [UI_TAKE_BACK_LIMIT] = "لا يمكن لهذا الجهاز قبول المزيد من الرموز اليوم. يرجى طلب المساعدة من أحد العاملين هنا.",
};

/* DRAFT Farsi, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. */
static const char *const words_fa[UI_COUNT] = {
    [UI_TITLE] = "نظرت را بگو",
    [UI_INTRO] = "به ما بگو چه فکر می‌کنی. فقط چند دقیقه طول "
                 "می‌کشد. "
                 "اسمت "
                 "را "
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
    [UI_NO_SURVEYS] =
        "هنوز هیچ پرسشنامه‌ای روی این دستگاه نیست. لطفاً "
        "به "
        "یکی "
        "از "
        "کارکنان "
        "بگو.",
    [UI_NEWS] = "شما گفتید، ما انجام دادیم",
    [UI_SESSION] = "جلسه:",
    [UI_REVIEW_HELP] = "برای تغییر یک جواب روی آن بزن. وقتی راضی بودی، «فرستادن» را بزن.",
    [UI_REVIEW_PREVIOUS] = "جواب‌های قبلی",
    [UI_REVIEW_MORE] = "جواب‌های بیشتر",
    [UI_NUMBERS_ONLY] = "فقط عدد",
    [UI_TOO_LONG] = "جواب از این بلندتر نمی‌شود",
    [UI_SAFETY_THANKS] = "ممنون که به ما گفتی.",
    [UI_SAFETY_NOT_SAFE] = "به نظر می‌رسد الان ممکن است احساس امنیت نکنی. "
                           "لازم "
                           "نیست "
                           "با "
                           "این "
                           "تنها "
                           "کنار بیایی.",
    [UI_SAFETY_ADULT] = "امروز با یک بزرگسال مورد اعتمادت در اینجا حرف بزن. او "
                        "می‌تواند "
                        "همین "
                        "حالا کمکت کند.",
    [UI_SAFETY_CHILDLINE] =
        "یا به Childline با شماره 0800 1111 زنگ بزن. رایگان است، هر وقت، روز یا شب.",
    [UI_SAFETY_SHARE] = "چون این را به ما گفتی، کسانی که آن را می‌خوانند "
                        "ممکن "
                        "است "
                        "لازم "
                        "باشد "
                        "آن "
                        "را با دیگران در میان بگذارند تا تو در امان بمانی.",
    [UI_SAFETY_WILL_ASK] =
        "این را ذخیره کردیم. کارکنان اینجا می‌بینند که "
        "کسی "
        "خواسته "
        "با "
        "او "
        "حرف "
        "بزنند، ولی نمی‌دانند چه کسی. لطفاً به یک بزرگسال "
        "اینجا "
        "هم "
        "بگو.",
    [UI_SAFETY_TALK] = "می‌خواهم کسی با من حرف بزند",
    [UI_SAFETY_CARRY_ON] = "ادامه",
    [UI_HELP_SAVED] =
        "به تیم شورا هم می‌رسد: اگر این دستگاه به اینترنت وصل باشد همان لحظه، وگرنه دفعهٔ بعد که "
        "یکی از کارکنان جواب‌ها را از آن بردارد.",
    [UI_HELP_UNDO] = "نظرم عوض شد",
    [UI_HELP_UNDONE] = "باشه. از کسی نمی‌خواهیم با تو حرف بزند. کارکنان اینجا می‌بینند که "
                       "کسی "
                       "نظرش عوض شده.",
    [UI_HELP_ADD_NAME] = "اسمم یا جایی که پیدایم کنید را اضافه کن",
    [UI_HELP_NAME_TITLE] = "اسم کوچکت، یا جایی که پیدایت کنیم",
    [UI_HELP_NAME_WHY] = "فقط اگر بخواهی. همراه درخواستت به تیم شورا "
                         "می‌رسد.",
    [UI_HELP_SAY_SO] =
        "یکی از کارکنان اینجا می‌تواند اسمت را ببیند؟",
    [UI_HELP_YES] = "بله",
    [UI_HELP_NO] = "نه",
    [UI_HELP_SEND_NAME] = "اسمم را بفرست",
    [UI_HELP_NAME_SENT] = "ذخیره شد. فقط تیم شورا اسمت را می‌بیند.",
    [UI_HELP_NAME_SENT_HERE] =
        "ذخیره شد. یکی از کارکنان اینجا دفعهٔ بعد که این دستگاه را نگاه کند اسمت را می‌بیند "
        "(مگر "
        "اینکه قبلش خاموش شود). تیم شورا هم آن را می‌بیند.",
    [UI_HELP_FAILED] = "متأسفیم، این ذخیره نشد. لطفاً همین حالا به یک بزرگسال اینجا بگو.",
    [UI_THANKS_TITLE] = "ممنون!",
    [UI_THANKS_SAVED] = "جواب‌هایت با امنیت ذخیره شد.",
    [UI_THANKS_WORRY] =
        "اگر چیزی نگرانت می‌کند، می‌توانی حرف بزنی با:",
    [UI_THANKS_ADULT] = "یک بزرگسال مورد اعتماد، امروز در اینجا",
    [UI_THANKS_CHILDLINE] = "Childline: 0800 1111 (رایگان، هر وقت، روز یا شب)",
    [UI_SAVE_FAILED] = "متأسفیم، جواب‌هایت ذخیره نشد.",
    [UI_SAVE_NOT_FAULT] = "تقصیر تو نیست. لطفاً به یکی از کارکنان بگو. "
                          "جواب‌هایی "
                          "که "
                          "قبلاً "
                          "فرستاده "
                          "شده‌اند در امان هستند.",
    [UI_SAVE_HELP] = "اگر چیزی نگرانت می‌کند، امروز با یک بزرگسال مورد "
                     "اعتمادت "
                     "در "
                     "اینجا "
                     "حرف "
                     "بزن، "
                     "یا به Childline با شماره 0800 1111 زنگ بزن (رایگان، هر وقت).",
    [UI_TRY_AGAIN] = "دوباره امتحان کن",
    [UI_IDLE_CLEAR] =
        "برای اینکه جواب‌هایت خصوصی بمانند، تا {n} ثانیه "
        "دیگر "
        "پاکشان "
        "می‌کنیم.",
    [UI_IDLE_CLEAR_ONE] =
        "برای اینکه جواب‌هایت خصوصی بمانند، تا ۱ ثانیه "
        "دیگر "
        "پاکشان "
        "می‌کنیم.",
    [UI_KEY_SHIFT] = "تعویض",
    [UI_KEY_SPACE] = "فاصله",
    [UI_KEY_DELETE] = "پاک کردن",
    [UI_KEY_LETTERS] = "حروف",
    [UI_SAFETY_ENGLISH] = "به انگلیسی:",
    [UI_REVIEW_READ_ALL] = "خواندن همه",
    [UI_REVIEW_CHANGE] = "تغییرش بده",
    [UI_CONSTRAINT] = "این جواب به این سؤال نمی‌خورد. لطفاً عوضش کن، یا «ترجیح می‌دهم نگویم» را "
                      "بزن.",
    [UI_OK] = "باشه",
    [UI_OTHER] = "دیگر",
    [UI_OTHER_WHAT] = "چیست؟ می‌توانی اینجا بنویسی.",
    [UI_DAY] = "روز",
    [UI_MONTH] = "ماه",
    [UI_YEAR] = "سال",
    [UI_HOUR] = "ساعت",
    [UI_MINUTE] = "دقیقه",
    [UI_RANK_HOW] = "به ترتیب بزن: مهم‌ترین اول. برای پس گرفتن، دوباره رویش "
                    "بزن.",
    [UI_REQUIRED] = "برای ادامه، این سؤال جواب لازم دارد. می‌توانی «ترجیح می‌دهم نگویم» "
                    "را "
                    "هم "
                    "بزنی.",
    [UI_REVIEW_NOTHING] = "به هیچ سؤالی جواب ندادی، پس چیزی برای فرستادن نیست. اشکالی ندارد. روی "
                          "یک سؤال بزن تا جواب بدهی، یا «پایان» را بزن.",
    [UI_CODE_KEEP] = "کد تو. اگر نظرت عوض شد، این پاسخ‌ها را پس می‌گیرد، با هر دستگاه یا با یکی از کارکنان. فقط شورا می‌تواند آن را به پاسخ‌هایت وصل کند.",
    [UI_CODE_SHORT] = "کد تو.",
    [UI_TAKE_BACK] = "پاسخ‌هایم را پس بگیر",
    [UI_TAKE_BACK_HOW] = "کدی را که بعد از پاسخ‌هایت گرفتی بزن. فقط شورا می‌تواند آن را به پاسخ‌ها وصل کند.",
    [UI_CODE_PICTURES] = "تصویرها",
    [UI_CODE_LETTERS] = "حروف و اعداد",
    [UI_TAKE_BACK_SEND] = "پس بگیر",
    [UI_TAKE_BACK_SENT] = "ممنون. این به شورا می‌رود. اگر کد درست باشد، پاسخ‌هایت حذف می‌شوند و دیگر شمرده نمی‌شوند.",
    [UI_TAKE_BACK_WRONG] = "این کد درست به نظر نمی‌رسد. لطفاً آن را بررسی کن، یا از یکی از کارکنان اینجا کمک بخواه.",
    [UI_TAKE_BACK_LIMIT] = "این دستگاه امروز کد بیشتری نمی‌پذیرد. لطفاً از یکی از کارکنان اینجا کمک بخواه.",
};

/* DRAFT Pashto, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. Its present-tense forms have no gender: check each
 * one. */
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
    [UI_NO_SURVEYS] = "په دې کیوسک کې لا هېڅ پوښتنلیک نشته. مهرباني وکړه یو کارکوونکي ته ووایه.",
    [UI_NEWS] = "تاسو وویل، موږ وکړل",
    [UI_SESSION] = "غونډه:",
    [UI_REVIEW_HELP] = "د بدلولو لپاره په یو ځواب ټک وکړه. کله چې خوښ وې، «ولېږه» کېکاږه.",
    [UI_REVIEW_PREVIOUS] = "مخکیني ځوابونه",
    [UI_REVIEW_MORE] = "نور ځوابونه",
    [UI_NUMBERS_ONLY] = "یوازې شمېرې",
    [UI_TOO_LONG] = "ځواب له دې نه اوږد کېدای نه شي",
    [UI_SAFETY_THANKS] = "مننه چې موږ ته دې وویل.",
    [UI_SAFETY_NOT_SAFE] =
        "داسې ښکاري چې اوس به ځان خوندي احساس نه کړې. ته اړ نه یې چې له دې سره یوازې مخ شې.",
    [UI_SAFETY_ADULT] =
        "نن دلته له یو داسې لوی سره خبرې وکړه چې باور پرې لرې. هغه اوس مرسته کولی شي.",
    [UI_SAFETY_CHILDLINE] = "یا Childline ته په 0800 1111 زنګ ووهه. وړیا دی، هر وخت، ورځ یا شپه.",
    [UI_SAFETY_SHARE] = "ځکه چې دا دې موږ ته وویل، هغه کسان چې دا لولي ښايي اړ شي چې له نورو سره "
                        "یې شریک کړي، څو ته خوندي وساتل شې.",
    [UI_SAFETY_WILL_ASK] = "موږ دا خوندي کړل. دلته کارکوونکي به وګوري چې یو چا د خبرو غوښتنه کړې، "
                           "خو دا به نه پوهېږي چې چا. مهرباني وکړه دلته یو لوی ته هم ووایه.",
    [UI_SAFETY_TALK] = "غواړم یو څوک له ما سره خبرې وکړي",
    [UI_SAFETY_CARRY_ON] = "دوام ورکړه",
    [UI_HELP_SAVED] = "دا د شورا ټیم ته هم ځي: که دا کیوسک له انټرنیټ سره وصل وي سمدستي، که نه بل "
                      "ځل چې یو کارکوونکی ځوابونه ترې واخلي.",
    [UI_HELP_UNDO] = "ما خپل نظر بدل کړ",
    [UI_HELP_UNDONE] = "سمه ده. موږ به له چا ونه غواړو چې له تا سره خبرې وکړي. دلته کارکوونکي به "
                       "وګوري چې یو چا خپل نظر بدل کړ.",
    [UI_HELP_ADD_NAME] = "زما نوم یا چېرته چې ما پیدا کړئ ور زیات کړه",
    [UI_HELP_NAME_TITLE] = "ستا لومړی نوم، یا چېرته چې تا پیدا کړو",
    [UI_HELP_NAME_WHY] = "یوازې که ته یې غواړې. دا ستا له غوښتنې سره د شورا ټیم ته ځي.",
    [UI_HELP_SAY_SO] = "آیا دلته یو کارکوونکی ستا نوم لیدلی شي؟",
    [UI_HELP_YES] = "هو",
    [UI_HELP_NO] = "نه",
    [UI_HELP_SEND_NAME] = "زما نوم ولېږه",
    [UI_HELP_NAME_SENT] = "خوندي شو. یوازې د شورا ټیم به ستا نوم وویني.",
    [UI_HELP_NAME_SENT_HERE] = "خوندي شو. دلته یو کارکوونکی به ستا نوم هغه وخت وویني چې بل ځل دا "
                               "کیوسک وګوري (مګر دا چې مخکې بند شي). د شورا ټیم به یې هم وویني.",
    [UI_HELP_FAILED] = "بښنه غواړو، دا خوندي نه شو. مهرباني وکړه همدا اوس دلته یو لوی ته ووایه.",
    [UI_THANKS_TITLE] = "مننه!",
    [UI_THANKS_SAVED] = "ستا ځوابونه په خوندي ډول ساتل شول.",
    [UI_THANKS_WORRY] = "که کوم شی دې اندېښمن کوي، له دې سره خبرې کولی شې:",
    [UI_THANKS_ADULT] = "نن دلته یو لوی چې باور پرې لرې",
    [UI_THANKS_CHILDLINE] = "Childline: 0800 1111 (وړیا، هر وخت، ورځ یا شپه)",
    [UI_SAVE_FAILED] = "بښنه غواړو، ستا ځوابونه خوندي نه شول.",
    [UI_SAVE_NOT_FAULT] =
        "دا ستا ګناه نه ده. مهرباني وکړه یو کارکوونکي ته ووایه. مخکې لېږل شوي ځوابونه خوندي دي.",
    [UI_SAVE_HELP] = "که کوم شی دې اندېښمن کوي، نن دلته له یو داسې لوی سره خبرې وکړه چې باور پرې "
                     "لرې، یا Childline ته په 0800 1111 زنګ ووهه (وړیا، هر وخت).",
    [UI_TRY_AGAIN] = "بیا هڅه وکړه",
    [UI_IDLE_CLEAR] = "د دې لپاره چې ستا ځوابونه پټ پاتې شي، په {n} ثانیو کې به یې پاک کړو.",
    [UI_IDLE_CLEAR_ONE] = "د دې لپاره چې ستا ځوابونه پټ پاتې شي، په یوه ثانیه کې به یې پاک کړو.",
    [UI_KEY_SHIFT] = "بدلون",
    [UI_KEY_SPACE] = "تشه",
    [UI_KEY_DELETE] = "ړنګول",
    [UI_KEY_LETTERS] = "توري",
    [UI_SAFETY_ENGLISH] = "په انګلیسي:",
    [UI_REVIEW_READ_ALL] = "ټول ولوله",
    [UI_REVIEW_CHANGE] = "بدل یې کړه",
    [UI_CONSTRAINT] = "دا ځواب له دې پوښتنې سره سمون نه لري. مهرباني وکړه بدل یې کړه، یا «نه غواړم "
                      "ووایم» کېکاږه.",
    [UI_OK] = "سمه ده",
    [UI_OTHER] = "نور",
    [UI_OTHER_WHAT] = "دا څه دی؟ ته کولی شې دلته یې ولیکې.",
    [UI_DAY] = "ورځ",
    [UI_MONTH] = "میاشت",
    [UI_YEAR] = "کال",
    [UI_HOUR] = "ساعت",
    [UI_MINUTE] = "دقیقې",
    [UI_RANK_HOW] = "په ترتیب یې کېکاږه: تر ټولو مهم لومړی. د بېرته اخیستو لپاره یې بیا کېکاږه.",
    [UI_REQUIRED] =
        "د دوام لپاره دې پوښتنې ته ځواب پکار دی. ته کولی شې «نه غواړم ووایم» هم کېکاږې.",
    [UI_REVIEW_NOTHING] = "تا هېڅ ځواب نه دی ورکړی، نو د لېږلو لپاره څه نشته. کومه خبره نه ده. د "
                          "ځواب لپاره په یوه پوښتنه ټک وکړه، یا «پای» کېکاږه.",
    [UI_CODE_KEEP] = "ستا کوډ. که دې نظر بدل شو، دا ځوابونه بېرته اخلي، په هر کیوسک یا له یو کارکوونکي سره. یوازې شورا یې ستا له ځوابونو سره تړلای شي.",
    [UI_CODE_SHORT] = "ستا کوډ.",
    [UI_TAKE_BACK] = "زما ځوابونه بېرته واخله",
    [UI_TAKE_BACK_HOW] = "هغه کوډ کېکاږه چې د ځوابونو وروسته درکړل شو. یوازې شورا یې له ځوابونو سره تړلای شي.",
    [UI_CODE_PICTURES] = "انځورونه",
    [UI_CODE_LETTERS] = "توري او شمېرې",
    [UI_TAKE_BACK_SEND] = "بېرته یې واخله",
    [UI_TAKE_BACK_SENT] = "مننه. دا شورا ته ځي. که کوډ سم وي، ستا ځوابونه به لرې شي او نور به ونه شمېرل شي.",
    [UI_TAKE_BACK_WRONG] = "داسې ښکاري چې دا کوډ سم نه دی. مهرباني وکړه وګوره، یا دلته له یو کارکوونکي مرسته وغواړه.",
    [UI_TAKE_BACK_LIMIT] = "دا کیوسک نن نور کوډونه نه شي اخیستلای. مهرباني وکړه دلته له یو کارکوونکي مرسته وغواړه.",
};

/* DRAFT Tigrinya, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. It uses the masculine "you" forms, like the survey
 * drafts. */
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
    [UI_NO_SURVEYS] = "ኣብዚ ኪዮስክ ክሳብ ሕጂ ሕቶታት የለን። በጃኻ ንሓደ ሰራሕተኛ ንገሮ።",
    [UI_NEWS] = "ንስኻትኩም በልኩም፡ ንሕና ገበርና",
    [UI_SESSION] = "ኣኼባ፦",
    [UI_REVIEW_HELP] = "ንምቕያሩ ኣብ መልሲ ጠውቕ። ምስ ዓገብካ «ስደድ» ጠውቕ።",
    [UI_REVIEW_PREVIOUS] = "ዝሓለፉ መልስታት",
    [UI_REVIEW_MORE] = "ተወሰኽቲ መልስታት",
    [UI_NUMBERS_ONLY] = "ቁጽርታት ጥራይ",
    [UI_TOO_LONG] = "መልሲ ካብዚ ክነውሕ ኣይክእልን",
    [UI_SAFETY_THANKS] = "ስለ ዝነገርካና የቐንየልና።",
    [UI_SAFETY_NOT_SAFE] = "ሕጂ ውሑስ ከም ዘይኮንካ ዝስምዓካ ይመስል። ነዚ በይንኻ ክትገጥሞ የብልካን።",
    [UI_SAFETY_ADULT] = "ሎሚ ኣብዚ ምስ እትኣምኖ ዓቢ ሰብ ተዛረብ። ሕጂ ክሕግዙኻ ይኽእሉ እዮም።",
    [UI_SAFETY_CHILDLINE] = "ወይ ናብ Childline ኣብ 0800 1111 ደውል። ብነጻ እዩ፡ ኣብ ዝኾነ ግዜ፡ መዓልቲ ይኹን ለይቲ።",
    [UI_SAFETY_SHARE] = "እዚ ስለ ዝነገርካና፡ እቶም ዘንብብዎ ሰባት ንውሕስነትካ ምስ ካልኦት ከካፍልዎ ከድልዮም ይኽእል።",
    [UI_SAFETY_WILL_ASK] = "ነዚ ዓቂብናዮ ኣለና። ኣብዚ ዘለዉ ሰራሕተኛታት ሓደ ሰብ ክዛረብ ከም ዝሓተተ ክርእዩ እዮም፡ መን ምዃኑ ግን "
                           "ኣይኮነን። በጃኻ ንሓደ ኣብዚ ዘሎ ዓቢ ሰብ እውን ንገሮ።",
    [UI_SAFETY_TALK] = "ሓደ ሰብ ምሳይ ክዛረብ እደሊ",
    [UI_SAFETY_CARRY_ON] = "ቀጽል",
    [UI_HELP_SAVED] = "ናብ ጉጅለ ምምሕዳር እውን ይበጽሕ፡ እዚ ኪዮስክ ምስ ኢንተርነት እንተተተኣሳሲሩ ብቕጽበት፡ እንተዘይኮይኑ ሓደ ሰራሕተኛ "
                      "መልስታት ኣብ ዝወስደሉ ዝቕጽል ግዜ።",
    [UI_HELP_UNDO] = "ሓሳበይ ቀይረ",
    [UI_HELP_UNDONE] =
        "ሕራይ። ሓደ ሰብ ምሳኻ ክዛረብ ኣይክንሓትን ኢና። ኣብዚ ዘለዉ ሰራሕተኛታት ሓደ ሰብ ሓሳቡ ከም ዝቐየረ ክርእዩ እዮም።",
    [UI_HELP_ADD_NAME] = "ስመይ ወይ ኣበይ ክትረኽቡኒ ከም እትኽእሉ ወስኽ",
    [UI_HELP_NAME_TITLE] = "ቀዳማይ ስምካ፡ ወይ ኣበይ ክንረኽበካ ንኽእል",
    [UI_HELP_NAME_WHY] = "እንተደሊኻ ጥራይ። ምስ ሕቶኻ ናብ ጉጅለ ምምሕዳር ይኸይድ።",
    [UI_HELP_SAY_SO] = "ኣብዚ ዘሎ ሰራሕተኛ ስምካ ክርኢ ይኽእልዶ?",
    [UI_HELP_YES] = "እወ",
    [UI_HELP_NO] = "ኣይፋል",
    [UI_HELP_SEND_NAME] = "ስመይ ስደድ",
    [UI_HELP_NAME_SENT] = "ተዓቂቡ። ጉጅለ ምምሕዳር ጥራይ ስምካ ክርኢ እዩ።",
    [UI_HELP_NAME_SENT_HERE] = "ተዓቂቡ። ኣብዚ ዘሎ ሰራሕተኛ ነዚ ኪዮስክ ኣብ ዝቕጽል ዝርእየሉ ግዜ ስምካ ክርኢ እዩ (ቅድሚኡ "
                               "እንተዘይተዓጽዩ)። ጉጅለ ምምሕዳር እውን ክርእዮ እዩ።",
    [UI_HELP_FAILED] = "ይቕሬታ፡ እዚ ክዕቀብ ኣይከኣለን። በጃኻ ሕጂ ንሓደ ኣብዚ ዘሎ ዓቢ ሰብ ንገሮ።",
    [UI_THANKS_TITLE] = "የቐንየልና!",
    [UI_THANKS_SAVED] = "መልስታትካ ብውሑስ ተዓቂቡ ኣሎ።",
    [UI_THANKS_WORRY] = "ዘሻቕለካ ነገር እንተሎ፡ ምስዞም ክትዛረብ ትኽእል፦",
    [UI_THANKS_ADULT] = "ሎሚ ኣብዚ እትኣምኖ ዓቢ ሰብ",
    [UI_THANKS_CHILDLINE] = "Childline: 0800 1111 (ብነጻ፡ ኣብ ዝኾነ ግዜ፡ መዓልቲ ይኹን ለይቲ)",
    [UI_SAVE_FAILED] = "ይቕሬታ፡ መልስታትካ ክዕቀብ ኣይከኣለን።",
    [UI_SAVE_NOT_FAULT] = "እዚ ናትካ ጌጋ ኣይኮነን። በጃኻ ንሓደ ሰራሕተኛ ንገሮ። ቅድሚ ሕጂ ዝተላእኩ መልስታት ውሑሳት እዮም።",
    [UI_SAVE_HELP] = "ዘሻቕለካ ነገር እንተሎ፡ ሎሚ ኣብዚ ምስ እትኣምኖ ዓቢ ሰብ ተዛረብ፡ ወይ ናብ Childline ኣብ 0800 1111 ደውል "
                     "(ብነጻ፡ ኣብ ዝኾነ ግዜ)።",
    [UI_TRY_AGAIN] = "እንደገና ፈትን",
    [UI_IDLE_CLEAR] = "መልስታትካ ምስጢራዊ ንኽኸውን፡ ኣብ {n} ካልኢት ክንድምስሶ ኢና።",
    [UI_IDLE_CLEAR_ONE] = "መልስታትካ ምስጢራዊ ንኽኸውን፡ ኣብ 1 ካልኢት ክንድምስሶ ኢና።",
    [UI_KEY_SHIFT] = "ቀይር",
    [UI_KEY_SPACE] = "ባዶ ቦታ",
    [UI_KEY_DELETE] = "ደምስስ",
    [UI_KEY_LETTERS] = "ፊደላት",
    [UI_SAFETY_ENGLISH] = "ብእንግሊዝኛ፦",
    [UI_REVIEW_READ_ALL] = "ኩሉ ኣንብብ",
    [UI_REVIEW_CHANGE] = "ቀይሮ",
    [UI_CONSTRAINT] = "እዚ መልሲ ነዚ ሕቶ ኣይሰማማዕን። በጃኻ ቀይሮ፡ ወይ «ክብሎ ኣይደልን» ጠውቕ።",
    [UI_OK] = "ሕራይ",
    [UI_OTHER] = "ካልእ",
    [UI_OTHER_WHAT] = "እንታይ እዩ? ኣብዚ ክትጽሕፎ ትኽእል ኢኻ።",
    [UI_DAY] = "መዓልቲ",
    [UI_MONTH] = "ወርሒ",
    [UI_YEAR] = "ዓመት",
    [UI_HOUR] = "ሰዓት",
    [UI_MINUTE] = "ደቒቕ",
    [UI_RANK_HOW] = "ብቕደም ተኸተል ጠውቖም፡ እቲ ዝያዳ ኣገዳሲ ቀዳማይ። ንምምላስ ደጊምካ ጠውቖ።",
    [UI_REQUIRED] = "ንምቕጻል እዚ ሕቶ መልሲ የድልዮ። «ክብሎ ኣይደልን» እውን ክትጥውቕ ትኽእል ኢኻ።",
    [UI_REVIEW_NOTHING] = "ዝኾነ መልሲ ኣይሃብካን፡ ስለዚ ዝለኣኽ የለን። ጸገም የብሉን። ንምምላስ ኣብ ሕቶ ጠውቕ፡ ወይ «ዛዝም» ጠውቕ።",
    [UI_CODE_KEEP] = "ኮድካ። ሓሳብካ እንተቐይርካ፡ እዘን መልስታት ይመልሰን፡ ኣብ ዝኾነ ኪዮስክ ወይ ምስ ሰራሕተኛ። ምስ መልስታትካ ከራኽቦ ዝኽእል እቲ ቤት ምኽሪ ጥራይ እዩ።",
    [UI_CODE_SHORT] = "ኮድካ።",
    [UI_TAKE_BACK] = "መልስታተይ ምለሰለይ",
    [UI_TAKE_BACK_HOW] = "ድሕሪ መልስታትካ ዝተዋህበካ ኮድ ጠውቕ። ምስ መልስታት ከራኽቦ ዝኽእል እቲ ቤት ምኽሪ ጥራይ እዩ።",
    [UI_CODE_PICTURES] = "ስእልታት",
    [UI_CODE_LETTERS] = "ፊደላትን ቁጽርታትን",
    [UI_TAKE_BACK_SEND] = "ምለሰን",
    [UI_TAKE_BACK_SENT] = "የቐንየልና። እዚ ናብ ቤት ምኽሪ ይኸይድ። እቲ ኮድ ቅኑዕ እንተኾይኑ፡ መልስታትካ ክእለያን ድሕሪ ሕጂ ኣይክጽብጸባን እየን።",
    [UI_TAKE_BACK_WRONG] = "እዚ ኮድ ቅኑዕ ኣይመስልን። በጃኻ ርኣዮ፡ ወይ ኣብዚ ንዘሎ ሰራሕተኛ ሓገዝ ሕተት።",
    [UI_TAKE_BACK_LIMIT] = "እዚ ኪዮስክ ሎሚ ተወሳኺ ኮድ ክቕበል ኣይክእልን። በጃኻ ኣብዚ ንዘሎ ሰራሕተኛ ሓገዝ ሕተት።",
};

/* DRAFT Kurdish Sorani, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. */
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
    [UI_NO_SURVEYS] = "هێشتا هیچ ڕاپرسییەک لەسەر ئەم ئامێرە نییە. تکایە بە کارمەندێک بڵێ.",
    [UI_NEWS] = "ئێوە گوتتان، ئێمە کردمان",
    [UI_SESSION] = "دانیشتن:",
    [UI_REVIEW_HELP] = "بۆ گۆڕینی وەڵامێک دەستی لێ بدە. کاتێک ڕازی بوویت، «ناردن» دابگرە.",
    [UI_REVIEW_PREVIOUS] = "وەڵامەکانی پێشوو",
    [UI_REVIEW_MORE] = "وەڵامی زیاتر",
    [UI_NUMBERS_ONLY] = "تەنها ژمارە",
    [UI_TOO_LONG] = "وەڵام لەمە درێژتر نابێت",
    [UI_SAFETY_THANKS] = "سوپاس کە پێت گوتین.",
    [UI_SAFETY_NOT_SAFE] = "وا دیارە ئێستا لەوانەیە هەست بە سەلامەتی نەکەیت. پێویست ناکات بە تەنها "
                           "ڕووبەڕووی ئەمە ببیتەوە.",
    [UI_SAFETY_ADULT] =
        "ئەمڕۆ لێرە لەگەڵ کەسێکی گەورە قسە بکە کە متمانەت پێیەتی. دەتوانێت ئێستا یارمەتیت بدات.",
    [UI_SAFETY_CHILDLINE] =
        "یان پەیوەندی بە Childline بکە لەسەر 0800 1111. بێبەرامبەرە، هەر کاتێک، شەو یان ڕۆژ.",
    [UI_SAFETY_SHARE] = "چونکە ئەمەت پێ گوتین، ئەو کەسانەی دەیخوێننەوە لەوانەیە پێویست بکات لەگەڵ "
                        "کەسانی تر بەشی بکەن بۆ ئەوەی سەلامەت بیت.",
    [UI_SAFETY_WILL_ASK] = "ئەمەمان پاشەکەوت کرد. کارمەندەکانی ئێرە دەبینن کە کەسێک داوای قسەکردنی "
                           "کردووە، بەڵام نازانن کێ. تکایە بە کەسێکی گەورەی ئێرەش بڵێ.",
    [UI_SAFETY_TALK] = "دەمەوێت کەسێک قسەم لەگەڵ بکات",
    [UI_SAFETY_CARRY_ON] = "بەردەوام بە",
    [UI_HELP_SAVED] = "هەروەها دەگاتە تیمی ئەنجومەن: یەکسەر ئەگەر ئەم ئامێرە پەیوەست بێت بە "
                      "ئینتەرنێتەوە، ئەگەرنا جاری داهاتوو کە کارمەندێک وەڵامەکان لێی وەردەگرێت.",
    [UI_HELP_UNDO] = "بیرم گۆڕی",
    [UI_HELP_UNDONE] =
        "باشە. داوا لە کەس ناکەین قسەت لەگەڵ بکات. کارمەندەکانی ئێرە دەبینن کە کەسێک بیری گۆڕیوە.",
    [UI_HELP_ADD_NAME] = "ناوم یان شوێنی دۆزینەوەم زیاد بکە",
    [UI_HELP_NAME_TITLE] = "ناوی یەکەمت، یان لە کوێ بتدۆزینەوە",
    [UI_HELP_NAME_WHY] = "تەنها ئەگەر خۆت بتەوێت. لەگەڵ داواکارییەکەت دەچێتە لای تیمی ئەنجومەن.",
    [UI_HELP_SAY_SO] = "دەتوانێت کارمەندێکی ئێرە ناوەکەت ببینێت؟",
    [UI_HELP_YES] = "بەڵێ",
    [UI_HELP_NO] = "نەخێر",
    [UI_HELP_SEND_NAME] = "ناوەکەم بنێرە",
    [UI_HELP_NAME_SENT] = "پاشەکەوت کرا. تەنها تیمی ئەنجومەن ناوەکەت دەبینێت.",
    [UI_HELP_NAME_SENT_HERE] =
        "پاشەکەوت کرا. کارمەندێکی ئێرە ناوەکەت دەبینێت کاتێک جاری داهاتوو سەیری ئەم ئامێرە دەکات "
        "(مەگەر پێشتر بکوژێنرێتەوە). تیمی ئەنجومەنیش دەیبینێت.",
    [UI_HELP_FAILED] = "ببورە، ئەمە پاشەکەوت نەکرا. تکایە ئێستا بە کەسێکی گەورەی ئێرە بڵێ.",
    [UI_THANKS_TITLE] = "سوپاس!",
    [UI_THANKS_SAVED] = "وەڵامەکانت بە سەلامەتی پاشەکەوت کران.",
    [UI_THANKS_WORRY] = "ئەگەر شتێک نیگەرانت دەکات، دەتوانیت قسە بکەیت لەگەڵ:",
    [UI_THANKS_ADULT] = "کەسێکی گەورە کە ئەمڕۆ لێرە متمانەت پێیەتی",
    [UI_THANKS_CHILDLINE] = "Childline: 0800 1111 (بێبەرامبەر، هەر کاتێک، شەو یان ڕۆژ)",
    [UI_SAVE_FAILED] = "ببورە، نەتوانرا وەڵامەکانت پاشەکەوت بکرێن.",
    [UI_SAVE_NOT_FAULT] =
        "ئەمە هەڵەی تۆ نییە. تکایە بە کارمەندێک بڵێ. ئەو وەڵامانەی پێشتر نێردران سەلامەتن.",
    [UI_SAVE_HELP] =
        "ئەگەر شتێک نیگەرانت دەکات، ئەمڕۆ لێرە لەگەڵ کەسێکی گەورە قسە بکە کە متمانەت پێیەتی، یان "
        "پەیوەندی بە Childline بکە لەسەر 0800 1111 (بێبەرامبەر، هەر کاتێک).",
    [UI_TRY_AGAIN] = "دووبارە هەوڵ بدەوە",
    [UI_IDLE_CLEAR] = "بۆ ئەوەی وەڵامەکانت تایبەت بمێننەوە، لە {n} چرکەدا دەیانسڕینەوە.",
    [UI_IDLE_CLEAR_ONE] = "بۆ ئەوەی وەڵامەکانت تایبەت بمێننەوە، لە یەک چرکەدا دەیانسڕینەوە.",
    [UI_KEY_SHIFT] = "گۆڕین",
    [UI_KEY_SPACE] = "بۆشایی",
    [UI_KEY_DELETE] = "سڕینەوە",
    [UI_KEY_LETTERS] = "پیتەکان",
    [UI_SAFETY_ENGLISH] = "بە ئینگلیزی:",
    [UI_REVIEW_READ_ALL] = "هەمووی بخوێنەوە",
    [UI_REVIEW_CHANGE] = "بیگۆڕە",
    [UI_CONSTRAINT] =
        "ئەم وەڵامە لەگەڵ ئەم پرسیارە ناگونجێت. تکایە بیگۆڕە، یان «حەز دەکەم نەیڵێم» دابگرە.",
    [UI_OK] = "باشە",
    [UI_OTHER] = "هیتر",
    [UI_OTHER_WHAT] = "ئەوە چییە؟ دەتوانیت لێرە بینووسیت.",
    [UI_DAY] = "ڕۆژ",
    [UI_MONTH] = "مانگ",
    [UI_YEAR] = "ساڵ",
    [UI_HOUR] = "کاتژمێر",
    [UI_MINUTE] = "خولەک",
    [UI_RANK_HOW] =
        "بە ڕیز دەستیان لێ بدە: گرنگترین یەکەم. بۆ گەڕاندنەوە دووبارە دەستی لێ بدەرەوە.",
    [UI_REQUIRED] =
        "ئەم پرسیارە وەڵامی پێویستە بۆ بەردەوامبوون. دەتوانیت «حەز دەکەم نەیڵێم»یش دابگریت.",
    [UI_REVIEW_NOTHING] = "وەڵامی هیچت نەداوەتەوە، بۆیە هیچ شتێک نییە بنێردرێت. کێشە نییە. دەست لە "
                          "پرسیارێک بدە بۆ وەڵامدانەوە، یان «کۆتایی» دابگرە.",
    [UI_CODE_KEEP] = "کۆدەکەت. ئەگەر بیرت گۆڕی، ئەم وەڵامانە دەگەڕێنێتەوە، لە هەر کیۆسکێک یان لەگەڵ کارمەندێک. تەنها ئەنجومەن دەتوانێت بیبەستێتەوە بە وەڵامەکانتەوە.",
    [UI_CODE_SHORT] = "کۆدەکەت.",
    [UI_TAKE_BACK] = "وەڵامەکانم بگەڕێنەوە",
    [UI_TAKE_BACK_HOW] = "ئەو کۆدە لێبدە کە دوای وەڵامەکانت پێت درا. تەنها ئەنجومەن دەتوانێت بیبەستێتەوە بە وەڵامەکانەوە.",
    [UI_CODE_PICTURES] = "وێنەکان",
    [UI_CODE_LETTERS] = "پیت و ژمارە",
    [UI_TAKE_BACK_SEND] = "بیانگەڕێنەوە",
    [UI_TAKE_BACK_SENT] = "سوپاس. ئەمە دەچێت بۆ ئەنجومەن. ئەگەر کۆدەکە ڕاست بێت، وەڵامەکانت لادەبرێن و چیتر ناژمێردرێن.",
    [UI_TAKE_BACK_WRONG] = "وا دیارە ئەم کۆدە ڕاست نییە. تکایە بیپشکنە، یان داوای یارمەتی لە کارمەندێکی ئێرە بکە.",
    [UI_TAKE_BACK_LIMIT] = "ئەم کیۆسکە ئەمڕۆ ناتوانێت کۆدی زیاتر وەربگرێت. تکایە داوای یارمەتی لە کارمەندێکی ئێرە بکە.",
};

/* DRAFT Vietnamese, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. It speaks to the young person as "em", as a youth
 * worker would. */
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
    [UI_NO_SURVEYS] = "Máy này chưa có bài khảo sát nào. Em hãy báo cho nhân viên nhé.",
    [UI_NEWS] = "Các em đã nói, chúng tôi đã làm",
    [UI_SESSION] = "Buổi:",
    [UI_REVIEW_HELP] = "Chạm vào một câu trả lời để thay đổi. Khi em thấy ổn, hãy bấm Gửi.",
    [UI_REVIEW_PREVIOUS] = "Câu trả lời trước",
    [UI_REVIEW_MORE] = "Thêm câu trả lời",
    [UI_NUMBERS_ONLY] = "Chỉ nhập số",
    [UI_TOO_LONG] = "Câu trả lời chỉ dài được đến thế này thôi",
    [UI_SAFETY_THANKS] = "Cảm ơn em đã cho chúng tôi biết.",
    [UI_SAFETY_NOT_SAFE] = "Có vẻ như lúc này em không cảm thấy an toàn. Em không phải tự mình đối "
                           "mặt với chuyện này.",
    [UI_SAFETY_ADULT] = "Hôm nay hãy nói chuyện với một người lớn mà em tin tưởng ở đây. Họ có thể "
                        "giúp em ngay bây giờ.",
    [UI_SAFETY_CHILDLINE] =
        "Hoặc gọi Childline số 0800 1111. Miễn phí, bất cứ lúc nào, ngày hay đêm.",
    [UI_SAFETY_SHARE] =
        "Vì em đã kể điều này, những người đọc có thể cần chia sẻ nó để giúp giữ an toàn cho em.",
    [UI_SAFETY_WILL_ASK] =
        "Chúng tôi đã lưu lại. Nhân viên ở đây sẽ thấy có người muốn được nói chuyện, nhưng không "
        "biết là ai. Em hãy nói với một người lớn ở đây nữa nhé.",
    [UI_SAFETY_TALK] = "Em muốn có người nói chuyện với em",
    [UI_SAFETY_CARRY_ON] = "Tiếp tục",
    [UI_HELP_SAVED] = "Yêu cầu này cũng đến nhóm của hội đồng: ngay lập tức nếu máy này có mạng, "
                      "nếu không thì vào lần tới nhân viên lấy câu trả lời từ máy.",
    [UI_HELP_UNDO] = "Em đổi ý rồi",
    [UI_HELP_UNDONE] = "Được rồi. Chúng tôi sẽ không nhờ ai nói chuyện với em. Nhân viên ở đây sẽ "
                       "thấy có người đã đổi ý.",
    [UI_HELP_ADD_NAME] = "Thêm tên em hoặc nơi tìm em",
    [UI_HELP_NAME_TITLE] = "Tên của em, hoặc nơi có thể tìm em",
    [UI_HELP_NAME_WHY] =
        "Chỉ khi em muốn. Thông tin này sẽ đến nhóm của hội đồng cùng với yêu cầu của em.",
    [UI_HELP_SAY_SO] = "Nhân viên ở đây có được xem tên em không?",
    [UI_HELP_YES] = "Có",
    [UI_HELP_NO] = "Không",
    [UI_HELP_SEND_NAME] = "Gửi tên em",
    [UI_HELP_NAME_SENT] = "Đã lưu. Chỉ nhóm của hội đồng mới thấy tên em.",
    [UI_HELP_NAME_SENT_HERE] = "Đã lưu. Nhân viên ở đây sẽ thấy tên em khi họ kiểm tra máy này lần "
                               "tới (trừ khi máy bị tắt trước đó). Nhóm của hội đồng cũng sẽ thấy.",
    [UI_HELP_FAILED] =
        "Xin lỗi, không lưu được. Em hãy nói với một người lớn ở đây ngay bây giờ nhé.",
    [UI_THANKS_TITLE] = "Cảm ơn em!",
    [UI_THANKS_SAVED] = "Câu trả lời của em đã được lưu an toàn.",
    [UI_THANKS_WORRY] = "Nếu có điều gì làm em lo lắng, em có thể nói chuyện với:",
    [UI_THANKS_ADULT] = "một người lớn em tin tưởng ở đây hôm nay",
    [UI_THANKS_CHILDLINE] = "Childline: 0800 1111 (miễn phí, bất cứ lúc nào, ngày hay đêm)",
    [UI_SAVE_FAILED] = "Xin lỗi, không lưu được câu trả lời của em.",
    [UI_SAVE_NOT_FAULT] = "Đây không phải lỗi của em. Em hãy báo cho nhân viên. Những câu trả lời "
                          "đã gửi trước đó vẫn an toàn.",
    [UI_SAVE_HELP] = "Nếu có điều gì làm em lo lắng, hãy nói chuyện với một người lớn em tin tưởng "
                     "ở đây hôm nay, hoặc gọi Childline số 0800 1111 (miễn phí, bất cứ lúc nào).",
    [UI_TRY_AGAIN] = "Thử lại",
    [UI_IDLE_CLEAR] = "Để giữ kín câu trả lời của em, chúng tôi sẽ xoá chúng sau {n} giây.",
    [UI_IDLE_CLEAR_ONE] = "Để giữ kín câu trả lời của em, chúng tôi sẽ xoá chúng sau 1 giây.",
    [UI_KEY_SHIFT] = "Chữ hoa",
    [UI_KEY_SPACE] = "Dấu cách",
    [UI_KEY_DELETE] = "Xoá",
    [UI_KEY_LETTERS] = "Chữ cái",
    [UI_SAFETY_ENGLISH] = "Bằng tiếng Anh:",
    [UI_REVIEW_READ_ALL] = "Đọc hết",
    [UI_REVIEW_CHANGE] = "Đổi câu trả lời",
    [UI_CONSTRAINT] =
        "Câu trả lời này không hợp với câu hỏi. Em hãy đổi lại, hoặc bấm \"Em không muốn nói\".",
    [UI_OK] = "Đồng ý",
    [UI_OTHER] = "Khác",
    [UI_OTHER_WHAT] = "Đó là gì? Em có thể viết ở đây.",
    [UI_DAY] = "Ngày",
    [UI_MONTH] = "Tháng",
    [UI_YEAR] = "Năm",
    [UI_HOUR] = "Giờ",
    [UI_MINUTE] = "Phút",
    [UI_RANK_HOW] = "Chạm theo thứ tự: điều quan trọng nhất trước. Chạm lại để bỏ chọn.",
    [UI_REQUIRED] =
        "Câu hỏi này cần câu trả lời để đi tiếp. Em cũng có thể bấm \"Em không muốn nói\".",
    [UI_REVIEW_NOTHING] = "Em chưa trả lời câu nào nên không có gì để gửi. Không sao cả. Chạm vào "
                          "một câu hỏi để trả lời, hoặc bấm Kết thúc.",
    [UI_CODE_KEEP] = "Mã của bạn. Nếu bạn đổi ý, mã này rút lại các câu trả lời, trên bất kỳ máy nào hoặc với một nhân viên. Chỉ hội đồng mới ghép được mã với câu trả lời của bạn.",
    [UI_CODE_SHORT] = "Mã của bạn.",
    [UI_TAKE_BACK] = "Rút lại câu trả lời của tôi",
    [UI_TAKE_BACK_HOW] = "Chạm vào mã bạn nhận được sau khi trả lời. Chỉ hội đồng mới ghép được mã với câu trả lời.",
    [UI_CODE_PICTURES] = "Hình ảnh",
    [UI_CODE_LETTERS] = "Chữ và số",
    [UI_TAKE_BACK_SEND] = "Rút lại",
    [UI_TAKE_BACK_SENT] = "Cảm ơn bạn. Yêu cầu này sẽ được gửi đến hội đồng. Nếu mã đúng, câu trả lời của bạn sẽ bị xóa và không được tính nữa.",
    [UI_TAKE_BACK_WRONG] = "Mã này có vẻ không đúng. Hãy kiểm tra lại, hoặc nhờ một nhân viên ở đây giúp.",
    [UI_TAKE_BACK_LIMIT] = "Hôm nay máy này không nhận thêm mã nữa. Hãy nhờ một nhân viên ở đây giúp.",
};

/* DRAFT Albanian, machine-drafted like Arabic (see TRANSLATIONS.md): a native speaker must
 * check it before it is used with young people. */
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
    [UI_NO_SURVEYS] = "Ende nuk ka pyetësorë në këtë pajisje. Të lutem, tregoji një punonjësi.",
    [UI_NEWS] = "Ju thatë, ne bëmë",
    [UI_SESSION] = "Takimi:",
    [UI_REVIEW_HELP] = "Prek një përgjigje për ta ndryshuar. Kur të jesh i/e kënaqur, shtyp Dërgo.",
    [UI_REVIEW_PREVIOUS] = "Përgjigjet e mëparshme",
    [UI_REVIEW_MORE] = "Më shumë përgjigje",
    [UI_NUMBERS_ONLY] = "Vetëm numra",
    [UI_TOO_LONG] = "Një përgjigje nuk mund të jetë më e gjatë",
    [UI_SAFETY_THANKS] = "Faleminderit që na e tregove.",
    [UI_SAFETY_NOT_SAFE] =
        "Duket sikur tani mund të mos ndihesh i/e sigurt. Nuk ke pse ta përballosh këtë vetëm.",
    [UI_SAFETY_ADULT] = "Fol sot me një të rritur që i beson këtu. Ata mund të të ndihmojnë tani.",
    [UI_SAFETY_CHILDLINE] =
        "Ose telefono Childline në 0800 1111. Është falas, në çdo kohë, ditë a natë.",
    [UI_SAFETY_SHARE] = "Meqë na e tregove këtë, njerëzit që e lexojnë mund të duhet ta ndajnë me "
                        "të tjerë për të të mbajtur të sigurt.",
    [UI_SAFETY_WILL_ASK] = "E ruajtëm këtë. Punonjësit këtu do të shohin që dikush kërkoi të "
                           "flasë, por jo kush. Të lutem, tregoji edhe një të rrituri këtu.",
    [UI_SAFETY_TALK] = "Dua që dikush të flasë me mua",
    [UI_SAFETY_CARRY_ON] = "Vazhdo më tej",
    [UI_HELP_SAVED] = "Shkon edhe te ekipi i këshillit: menjëherë kur ky kioskë është në internet, "
                      "përndryshe herën tjetër që një punonjës merr përgjigjet prej tij.",
    [UI_HELP_UNDO] = "Ndryshova mendje",
    [UI_HELP_UNDONE] = "Në rregull. Nuk do t'i kërkojmë askujt të flasë me ty. Punonjësit këtu do "
                       "të shohin që dikush ndryshoi mendje.",
    [UI_HELP_ADD_NAME] = "Shto emrin tim ose ku të më gjeni",
    [UI_HELP_NAME_TITLE] = "Emri yt i parë, ose ku të të gjejmë",
    [UI_HELP_NAME_WHY] = "Vetëm nëse do. Shkon te ekipi i këshillit bashkë me kërkesën tënde.",
    [UI_HELP_SAY_SO] = "A mund ta shohë emrin tënd një punonjës këtu?",
    [UI_HELP_YES] = "Po",
    [UI_HELP_NO] = "Jo",
    [UI_HELP_SEND_NAME] = "Dërgo emrin tim",
    [UI_HELP_NAME_SENT] = "U ruajt. Vetëm ekipi i këshillit do ta shohë emrin tënd.",
    [UI_HELP_NAME_SENT_HERE] =
        "U ruajt. Një punonjës këtu do ta shohë emrin tënd kur ta kontrollojë këtë kioskë herën "
        "tjetër (përveç nëse fiket më parë). Edhe ekipi i këshillit do ta shohë.",
    [UI_HELP_FAILED] =
        "Na vjen keq, kjo nuk u ruajt dot. Të lutem, tregoji tani një të rrituri këtu.",
    [UI_THANKS_TITLE] = "Faleminderit!",
    [UI_THANKS_SAVED] = "Përgjigjet e tua u ruajtën të sigurta.",
    [UI_THANKS_WORRY] = "Nëse diçka të shqetëson, mund të flasësh me:",
    [UI_THANKS_ADULT] = "një të rritur që i beson, këtu sot",
    [UI_THANKS_CHILDLINE] = "Childline: 0800 1111 (falas, në çdo kohë, ditë a natë)",
    [UI_SAVE_FAILED] = "Na vjen keq, përgjigjet e tua nuk u ruajtën.",
    [UI_SAVE_NOT_FAULT] = "Nuk është faji yt. Të lutem, tregoji një punonjësi. Përgjigjet e "
                          "dërguara më parë janë të sigurta.",
    [UI_SAVE_HELP] = "Nëse diçka të shqetëson, fol sot me një të rritur që i beson këtu, ose "
                     "telefono Childline në 0800 1111 (falas, në çdo kohë).",
    [UI_TRY_AGAIN] = "Provo përsëri",
    [UI_IDLE_CLEAR] = "Që përgjigjet e tua të mbeten private, do t'i fshijmë pas {n} sekondash.",
    [UI_IDLE_CLEAR_ONE] = "Që përgjigjet e tua të mbeten private, do t'i fshijmë pas 1 sekonde.",
    [UI_KEY_SHIFT] = "Shkronjë e madhe",
    [UI_KEY_SPACE] = "Hapësirë",
    [UI_KEY_DELETE] = "Fshi",
    [UI_KEY_LETTERS] = "Shkronjat",
    [UI_SAFETY_ENGLISH] = "Në anglisht:",
    [UI_REVIEW_READ_ALL] = "Lexoje të gjithën",
    [UI_REVIEW_CHANGE] = "Ndryshoje",
    [UI_CONSTRAINT] = "Kjo përgjigje nuk i përshtatet kësaj pyetjeje. Të lutem ndryshoje, ose "
                      "prek \"Më mirë të mos e them\".",
    [UI_OK] = "Në rregull",
    [UI_OTHER] = "Tjetër",
    [UI_OTHER_WHAT] = "Çfarë është? Mund ta shkruash këtu.",
    [UI_DAY] = "Dita",
    [UI_MONTH] = "Muaji",
    [UI_YEAR] = "Viti",
    [UI_HOUR] = "Ora",
    [UI_MINUTE] = "Minutat",
    [UI_RANK_HOW] = "Prekini me radhë: më i rëndësishmi i pari. Prek përsëri për ta hequr.",
    [UI_REQUIRED] = "Kjo pyetje ka nevojë për një përgjigje për të vazhduar. Mund të prekësh edhe "
                    "\"Më mirë të mos e them\".",
    [UI_REVIEW_NOTHING] = "Nuk u përgjigje asgjëje, ndaj s'ka asgjë për të dërguar. S'ka problem. "
                          "Prek një pyetje për t'iu përgjigjur, ose shtyp Mbaro.",
    [UI_CODE_KEEP] = "Kodi yt. Nëse ndryshon mendje, ai i merr mbrapsht këto përgjigje, në çdo kiosk ose me një punonjës. Vetëm këshilli mund ta lidhë me përgjigjet e tua.",
    [UI_CODE_SHORT] = "Kodi yt.",
    [UI_TAKE_BACK] = "Merri mbrapsht përgjigjet e mia",
    [UI_TAKE_BACK_HOW] = "Prek kodin që more pas përgjigjeve. Vetëm këshilli mund ta lidhë me to.",
    [UI_CODE_PICTURES] = "Figura",
    [UI_CODE_LETTERS] = "Shkronja dhe numra",
    [UI_TAKE_BACK_SEND] = "Merri mbrapsht",
    [UI_TAKE_BACK_SENT] = "Faleminderit. Kjo shkon te këshilli. Nëse kodi është i saktë, përgjigjet e tua do të hiqen dhe nuk do të numërohen më.",
    [UI_TAKE_BACK_WRONG] = "Ky kod nuk duket i saktë. Të lutem kontrolloje, ose kërko ndihmë nga një punonjës këtu.",
    [UI_TAKE_BACK_LIMIT] = "Ky kiosk nuk merr më kode sot. Të lutem kërko ndihmë nga një punonjës këtu.",
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

int words_english_shown(const View *v)
{
    const char *lang = v->look.lang ? v->look.lang : "en";
    if (strncmp(lang, "en", 2) == 0 && (!lang[2] || lang[2] == '-' || lang[2] == '_'))
        return -1;
    for (int i = 0; i < v->nwidgets; i++) {
        const Widget *w = &v->widgets[i];
        if (!w->text || (w->flags & W_ENGLISH) || w->kind == W_SPEAK || w->kind == W_FIELD ||
            w->kind == W_IMAGE)
            continue;
        for (int k = 0; k < UI_COUNT; k++) {
            const char *e = words_english((UiText)k), *t = words_translation(lang, (UiText)k);
            if (*e && strcmp(w->text, e) == 0 && (!t || strcmp(t, e) != 0))
                return i;
        }
    }
    return -1;
}
