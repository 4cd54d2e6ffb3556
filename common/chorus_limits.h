/* chorus_limits.h: every size limit of Chorus, in one place.
 *
 * Exceeding any of these is a reported error naming the limit, never a silent truncation. */
#ifndef CHORUS_LIMITS_H
#define CHORUS_LIMITS_H

#define ERR_LEN 512 /* a caller's char err[ERR_LEN] for one error message */

/* Survey files (XLSForm: pyxform's single-CSV layout, .xlsx or .xls). */
#define CSV_FILE_MAX (4 * 1024 * 1024) /* bytes in one survey file */
#define CSV_FIELD_MAX 8192             /* bytes in one field: more is "absurdly large" */
#define CSV_COLS_MAX 128               /* fields in one record */
#define CSV_RECORDS_MAX 20000          /* records in one file */

/* Survey workbooks (.xlsx, .xls): workbook.h. The whole file is at most CSV_FILE_MAX bytes, and
 * the CSV limits above hold for its cells, columns and rows. */
#define WORKBOOK_ENTRIES_MAX 4096               /* zip entries in one .xlsx */
#define WORKBOOK_PART_MAX (32 * 1024 * 1024)     /* uncompressed bytes of one part read */
#define WORKBOOK_UNZIPPED_MAX (64 * 1024 * 1024) /* uncompressed bytes of all parts read */
#define WORKBOOK_SHEET_NAME_MAX 128              /* bytes of a sheet name (Excel: 31 chars) */
#define WORKBOOK_XLS_CELLS_MAX 1000000 /* cells an .xls's sheets may claim (freexl sets them aside) */

#define SURVEY_QUESTIONS_MAX 200 /* rows of type select/text/integer/note in one survey */
#define SURVEY_LISTS_MAX 64      /* choice lists in one survey */
#define SURVEY_CHOICES_MAX 64    /* choices in one list */
#define SURVEY_LANGS_MAX 16      /* translation languages in one survey */
#define SURVEY_NAME_MAX 64       /* bytes in a question, choice, list or form name */
#define SURVEY_GROUP_DEPTH_MAX 8 /* nested begin group */
#define SURVEY_REPEAT_MAX 10     /* instances of one repeat (each its own screens) */
#define SURVEY_REPEAT_INNER_MAX 5 /* times a young person may choose for a repeat in a repeat */
#define SURVEY_UNROLLED_MAX 4096 /* names inside repeats remembered as their author wrote them */
#define SURVEY_PAGE_QUESTIONS 3  /* a group's questions on one screen; more go on the next */
#define SURVEY_ERRORS_MAX 50     /* problems reported for one file before giving up */
#define SURVEYS_MAX 32           /* surveys a kiosk offers */
#define SURVEY_MEDIA_NAME_MAX 255 /* bytes in a media::image or media::audio file name */
#define IMAGE_FILE_MAX (4 * 1024 * 1024) /* bytes of one picture (PNG) */
#define IMAGE_SIDE_MAX 4096      /* pixels of a picture's width or height */

/* Ages (years), from a survey's `ages` setting. */
#define SURVEY_AGE_MIN_DEFAULT 4  /* a survey without `ages` is for everyone the kiosk serves */
#define SURVEY_AGE_MAX_DEFAULT 25
#define SURVEY_AGE_LIMIT 120      /* the oldest age `ages` may name */

#define EXPR_DEPTH_MAX 32   /* nesting of parentheses and operators in a relevant expression */
#define EXPR_NODES_MAX 256  /* nodes in one parsed expression */
#define EXPR_VALUE_MAX 1024 /* bytes in one string literal of an expression */
#define EXPR_SCRATCH_MAX (64 * 1024) /* bytes of strings one evaluation may build (concat...) */

/* Answers and responses. */
#define ANSWER_TEXT_MAX 1000    /* bytes of one text answer */
#define ANSWER_INT_DIGITS 9     /* digits of one integer answer */
#define SESSION_NAME_MAX 64     /* bytes in a worker's session name */
#define RESPONSE_ENCODED_MAX (256 * 1024) /* bytes of one encoded response */
#define RESPONSE_PAD 64         /* encoded responses are padded to a multiple of this */

/* Kiosk packs: "you said, we did" items (checked by pack_content.c at both ends). */
#define NEWS_ITEMS_MAX 50 /* items in one pack */
#define NEWS_ITEM_MAX 280 /* bytes in one item (one line of a news file, trimmed) */

/* Worker PIN. */
#define PIN_MIN_DIGITS 6
#define PIN_MAX_DIGITS 12

/* Key files. */
#define KEYFILE_MAX 4096
#define PASSPHRASE_MAX 1024    /* bytes of a passphrase that locks the council's secret keys */
#define COUNCIL_RETIRED_MAX 64 /* retired sealing keys (council-box.key.N) a keys folder holds */
#define SHARES_MAX 255         /* recovery shares of one key-split (GF(2^8) has 255 x values) */
#define SHARE_FILE_MAX 16384   /* bytes of one recovery share file */

#endif
