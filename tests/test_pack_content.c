/* test_pack_content.c: the rules for what a kiosk pack carries (common/pack_content.c), which
 * `chorus-sync pack` and every kiosk run alike: news items at and over their limits, blank and
 * padded lines, text that is not UTF-8, surveys that don't load or come twice, too many
 * surveys, and the "FILE:LINE:COLUMN: reason" a worker or the council reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "pack_content.h"
#include "test.h"

static const char survey_a[] = "survey,,,\n"
                               ",type,name,label\n"
                               ",text,more,Anything else?\n"
                               "settings,,,\n"
                               ",form_id,version,\n"
                               ",form_a,1,\n";
static const char survey_b[] = "survey,,,\n"
                               ",type,name,label\n"
                               ",text,more,Anything else?\n"
                               "settings,,,\n"
                               ",form_id,version,\n"
                               ",form_b,1,\n";
static const char broken[] = "survey,,\n,type,name\n,geopoint,where\n";

static PackFile files[SURVEYS_MAX + 4];
static char news[PACK_NEWS_CAP];
static size_t news_len;
static PackContents counts;
static PackProblem prob;
static char text[ERR_LEN];

static PackFile file(PackKind kind, const char *name, const char *data, size_t len)
{
    return (PackFile){kind, name, (const uint8_t *)data, len};
}

/* Checks a pack of the first n files; returns what pack_content_check returned, with the
 * problem formatted into text. */
static int check(int n)
{
    Pack p = {.nfiles = n, .files = files};
    text[0] = '\0';
    int rc = pack_content_check(&p, NULL, news, sizeof news, &news_len, &counts, &prob);
    if (rc != 0)
        pack_problem_format(&p, &prob, NULL, text);
    return rc;
}

static void test_news(void)
{
    static char buf[NEWS_ITEMS_MAX * (NEWS_ITEM_MAX + 8) + 64];
    files[0] = file(PACK_SURVEY, "a.csv", survey_a, sizeof survey_a - 1);
    /* trimmed, blank lines dropped, CRLF, a last line without a newline */
    static const char some[] = "  First.  \r\n\n\t\nSecond\nThird";
    files[1] = file(PACK_NEWS, "news.txt", some, sizeof some - 1);
    CHECK_INT(check(2), 0);
    CHECK_INT(counts.news, 3);
    CHECK_INT(counts.surveys, 1);
    CHECK_STR(news, "First.\nSecond\nThird\n");
    CHECK_INT(news_len, strlen(news));

    /* NEWS_ITEMS_MAX items of NEWS_ITEM_MAX bytes (and spaces around them) fit exactly */
    size_t len = 0;
    for (int i = 0; i < NEWS_ITEMS_MAX; i++) {
        len += (size_t)snprintf(buf + len, sizeof buf - len, "  ");
        memset(buf + len, 'a' + i % 26, NEWS_ITEM_MAX);
        len += NEWS_ITEM_MAX;
        len += (size_t)snprintf(buf + len, sizeof buf - len, " \r\n\n");
    }
    files[1] = file(PACK_NEWS, "news.txt", buf, len);
    CHECK_INT(check(2), 0);
    CHECK_INT(counts.news, NEWS_ITEMS_MAX);
    CHECK_INT(news_len, (size_t)NEWS_ITEMS_MAX * (NEWS_ITEM_MAX + 1));
    /* one item more, on line 101 */
    len += (size_t)snprintf(buf + len, sizeof buf - len, "one more\n");
    files[1].len = len;
    CHECK_INT(check(2), -1);
    CHECK_STR(text, "news.txt:101: more than 50 items in the pack, which kiosks refuse");
    /* the items count across news files */
    files[1].len = len - 9 - 4 - NEWS_ITEM_MAX - 2; /* 49 items */
    static const char two[] = "one\ntwo\n";
    files[2] = file(PACK_NEWS, "more.txt", two, sizeof two - 1);
    CHECK_INT(check(3), -1);
    CHECK_STR(text, "more.txt:2: more than 50 items in the pack, which kiosks refuse");

    /* one byte too long, after a good line */
    len = (size_t)snprintf(buf, sizeof buf, "Fine.\n");
    memset(buf + len, 'x', NEWS_ITEM_MAX + 1);
    len += NEWS_ITEM_MAX + 1;
    files[1] = file(PACK_NEWS, "news.txt", buf, len);
    CHECK_INT(check(2), -1);
    CHECK_STR(text, "news.txt:2: an item longer than 280 bytes (281), which kiosks refuse");
    CHECK_INT(prob.file, 1);
    CHECK_INT(prob.line, 2);

    /* not UTF-8, or a NUL, on line 3 */
    static const char bad[] = "ok\nok\nbad \xC3( here\n";
    files[1] = file(PACK_NEWS, "news.txt", bad, sizeof bad - 1);
    CHECK_INT(check(2), -1);
    CHECK_STR(text, "news.txt:3: not UTF-8 text");
    static const char nul[] = "ok\nok\na\0b\n";
    files[1] = file(PACK_NEWS, "news.txt", nul, sizeof nul - 1);
    CHECK_INT(check(2), -1);
    CHECK_STR(text, "news.txt:3: not UTF-8 text");

    /* without a buffer only the counts and the problems */
    files[1] = file(PACK_NEWS, "news.txt", some, sizeof some - 1);
    Pack p = {.nfiles = 2, .files = files};
    CHECK_INT(pack_content_check(&p, NULL, NULL, 0, NULL, &counts, &prob), 0);
    CHECK_INT(counts.news, 3);
}

static void test_surveys(void)
{
    files[0] = file(PACK_SURVEY, "a.csv", survey_a, sizeof survey_a - 1);
    files[1] = file(PACK_SETTINGS, "kiosk.ini", "x=1\n", 4);
    files[2] = file(PACK_SURVEY, "b.csv", survey_b, sizeof survey_b - 1);
    CHECK_INT(check(3), 0);
    CHECK_INT(counts.surveys, 2);
    CHECK_INT(counts.settings, 1);
    CHECK_INT(counts.news, 0);
    CHECK_STR(news, "");

    /* none; not .csv; the same form id twice; one that does not load */
    CHECK_INT(check(0), -1);
    CHECK_STR(text, "the pack has no surveys");
    files[0] = file(PACK_NEWS, "news.txt", "hi\n", 3);
    CHECK_INT(check(1), -1);
    CHECK_STR(text, "the pack has no surveys");
    files[0] = file(PACK_SURVEY, "a.txt", survey_a, sizeof survey_a - 1);
    CHECK_INT(check(1), -1);
    CHECK_STR(text, "a.txt: a survey's name must end in .csv, .xlsx or .xls");
    files[0] = file(PACK_SURVEY, "a.csv", survey_a, sizeof survey_a - 1);
    files[2] = file(PACK_SURVEY, "again.csv", survey_a, sizeof survey_a - 1);
    CHECK_INT(check(3), -1);
    CHECK_STR(text, "again.csv: form id form_a is in the pack twice");
    files[2] = file(PACK_SURVEY, "broken.csv", broken, sizeof broken - 1);
    CHECK_INT(check(3), -1);
    CHECK(strncmp(text, "broken.csv:3:2: the survey does not load: ", 42) == 0);
    CHECK_INT(prob.file, 2);
    /* a name given for the file at fault: the council's path of it */
    Pack p = {.nfiles = 3, .files = files};
    pack_problem_format(&p, &prob, "assets/surveys/broken.csv", text);
    CHECK(strncmp(text, "assets/surveys/broken.csv:3:2: the survey does not load", 55) == 0);
    /* an unknown kind */
    files[2] = file((PackKind)9, "x.bin", "x", 1);
    CHECK_INT(check(3), -1);
    CHECK_STR(text, "x.bin: a kind of file kiosks do not know (9)");

    /* SURVEYS_MAX surveys, then one more */
    static char csv[SURVEYS_MAX + 1][sizeof survey_a + 8], names[SURVEYS_MAX + 1][16];
    for (int i = 0; i <= SURVEYS_MAX; i++) {
        snprintf(names[i], sizeof names[i], "s%02d.csv", i);
        int n = snprintf(csv[i], sizeof csv[i], "survey,,,\n,type,name,label\n,text,t,T\n"
                                                "settings,,,\n,form_id,version,\n,f%02d,1,\n", i);
        files[i] = file(PACK_SURVEY, names[i], csv[i], (size_t)n);
    }
    CHECK_INT(check(SURVEYS_MAX), 0);
    CHECK_INT(counts.surveys, SURVEYS_MAX);
    CHECK_INT(check(SURVEYS_MAX + 1), -1);
    CHECK_STR(text, "s32.csv: more than 32 surveys in the pack, which kiosks refuse");
}

/* Surveys published as workbooks travel in packs too; a broken one is named at its sheet and
 * cell. */
static void test_workbook_surveys(void)
{
    char *xlsx = NULL, *xls = NULL, err[ERR_LEN];
    size_t xlsx_len = 0, xls_len = 0;
    CHECK_INT(file_read_all("tests/data/xlsform-samples/text_and_integer.xlsx", CSV_FILE_MAX,
                            &xlsx, &xlsx_len, err),
              0);
    CHECK_INT(file_read_all("tests/data/xlsform-samples/sms_info.xls", CSV_FILE_MAX, &xls,
                            &xls_len, err),
              0);
    files[0] = file(PACK_SURVEY, "a.csv", survey_a, sizeof survey_a - 1);
    files[1] = file(PACK_SURVEY, "text_and_integer.xlsx", xlsx, xlsx_len);
    CHECK_INT(check(2), 0);
    CHECK_INT(counts.surveys, 2);
    files[1] = file(PACK_SURVEY, "sms_info.xls", xls, xls_len);
    CHECK_INT(check(2), -1);
    static const char want[] = "sms_info.xls: the survey does not load: survey!A9: type 'image' "
                               "takes a photo";
    CHECK(strncmp(text, want, sizeof want - 1) == 0);
    free(xlsx);
    free(xls);
}

int main(void)
{
    RUN(test_news);
    RUN(test_surveys);
    RUN(test_workbook_surveys);
    return TEST_SUMMARY("pack content");
}
