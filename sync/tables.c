/* tables.c: the committee's tables, for CSV and for report.xlsx. See tables.h.
 *
 * One row builder a table (measures_rows, participation_rows) emits cells to a Sink; the CSV
 * sink writes out.h's guarded cells, the workbook sink sheet.h's typed ones, so the two files
 * cannot drift apart. */
#include "tables.h"

#include <stdio.h>
#include <string.h>

#include "chorus_limits.h"
#include "out.h"
#include "sheet.h"
#include "suppress.h"

#define MIN_TEXT SUPPRESS_MIN_TEXT

/* Where a table's cells go. */
typedef struct {
    FILE *csv;       /* CSV: the file, or NULL */
    SheetBook *book; /* workbook: the book, or NULL */
    int header;      /* the next row is the header (workbook: bold and frozen) */
    const char *names[16];
    int nnames;
    const char *pending; /* CSV: the cell not yet written (lives until the row ends) */
    int has_pending, pending_number;
    long number;
} Sink;

/* CSV cells are written one behind, so the last of a row ends with a line end. */
static void csv_flush(Sink *s, int last)
{
    if (!s->has_pending)
        return;
    if (s->pending_number)
        out_csv_long(s->csv, s->number, last);
    else
        out_csv(s->csv, s->pending, last);
    s->has_pending = 0;
}

static void cell_text(Sink *s, const char *text)
{
    if (s->header && s->nnames < (int)(sizeof s->names / sizeof *s->names)) {
        s->names[s->nnames++] = text;
        return;
    }
    if (s->csv) {
        csv_flush(s, 0);
        s->pending = text;
        s->has_pending = 1;
        s->pending_number = 0;
    } else if (*text) {
        sheet_text(s->book, text);
    } else {
        sheet_blank(s->book);
    }
}

static void cell_number(Sink *s, long v)
{
    if (s->csv) {
        csv_flush(s, 0);
        s->number = v;
        s->has_pending = 1;
        s->pending_number = 1;
    } else {
        sheet_number(s->book, (double)v);
    }
}

/* A figure: its number, or c when hidden. */
static void cell_figure(Sink *s, long v, int hidden)
{
    if (hidden)
        cell_text(s, "c");
    else
        cell_number(s, v);
}

static void row_end(Sink *s)
{
    if (s->header) {
        s->header = 0;
        if (s->csv) {
            for (int i = 0; i < s->nnames; i++)
                out_csv(s->csv, s->names[i], i == s->nnames - 1);
        } else {
            sheet_header(s->book, s->names, s->nnames);
        }
        s->nnames = 0;
        return;
    }
    if (s->csv)
        csv_flush(s, 1);
    else
        sheet_row_end(s->book);
}

static void measures_rows(Sink *s, const Inputs *in, Figure (*trend)[FIGURE_TREND])
{
    static const char *const head[] = {"plan",  "ref", "workstream", "measure", "unit", "period",
                                       "value", "n",   "target",     "amber",   "rag"};
    s->header = 1;
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        cell_text(s, head[i]);
    row_end(s);
    for (int i = 0; i < in->measures->n; i++) {
        const Measure *m = &in->measures->items[i];
        for (int t = 0; t < FIGURE_TREND; t++) {
            const Figure *fg = &trend[i][t];
            char period[64];
            period_name(&fg->window, period, sizeof period);
            cell_text(s, m->plan);
            cell_text(s, m->refs);
            cell_text(s, m->workstream);
            cell_text(s, m->text);
            cell_text(s, m->kind == MEASURE_PERCENT ? "percent" : "count");
            cell_text(s, period);
            switch (fg->state) {
            case FIGURE_NO_DATA:
                cell_text(s, "");
                cell_number(s, 0);
                break;
            case FIGURE_SUPPRESSED:
                cell_text(s, "c");
                cell_figure(s, fg->n, fg->n_hidden);
                break;
            case FIGURE_VALUE:
                cell_number(s, fg->value);
                cell_number(s, fg->n);
                break;
            }
            cell_number(s, fg->target);
            cell_number(s, fg->amber);
            cell_text(s, rag_name(fg->rag));
            row_end(s);
        }
    }
}

static void participation_rows(Sink *s, const Participation *p)
{
    static const char *const head[] = {"breakdown", "form_id", "survey", "category", "responses"};
    s->header = 1;
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        cell_text(s, head[i]);
    row_end(s);
    int all = participation_all();
    cell_text(s, "all");
    cell_text(s, "");
    cell_text(s, "All surveys");
    cell_text(s, "");
    cell_figure(s, p->value[all], p->hide[all]);
    row_end(s);
    for (int i = 0; i < p->nforms; i++) {
        int f = participation_form(p, i);
        cell_text(s, "survey");
        cell_text(s, p->form[i]);
        cell_text(s, participation_title(p, i));
        cell_text(s, "");
        cell_figure(s, p->value[f], p->hide[f]);
        row_end(s);
    }
    for (int i = 0; i < p->nforms; i++)
        for (int b = 0; b < p->nbands; b++) {
            int c = participation_cell(p, i, b);
            if (!participation_offered(p, i, b) && p->value[c] == 0)
                continue;
            cell_text(s, "age band");
            cell_text(s, p->form[i]);
            cell_text(s, participation_title(p, i));
            cell_text(s, p->band_label[b]);
            cell_figure(s, p->value[c], p->hide[c]);
            row_end(s);
        }
    for (int b = 0; b < p->nbands; b++) {
        int c = participation_band(p, b);
        cell_text(s, "age band");
        cell_text(s, "");
        cell_text(s, "All surveys");
        cell_text(s, p->band_label[b]);
        cell_figure(s, p->value[c], p->hide[c]);
        row_end(s);
    }
    for (int i = 0; i < p->nsessions; i++) {
        int c = participation_session(p, i);
        cell_text(s, "session");
        cell_text(s, "");
        cell_text(s, "");
        cell_text(s, *p->session[i] ? p->session[i] : "(no session)");
        cell_figure(s, p->value[c], p->hide[c]);
        row_end(s);
    }
}

void tables_measures_csv(FILE *f, const Inputs *in, Figure (*trend)[FIGURE_TREND])
{
    Sink s = {.csv = f};
    measures_rows(&s, in, trend);
}

void tables_participation_csv(FILE *f, const Participation *p)
{
    Sink s = {.csv = f};
    participation_rows(&s, p);
}

/* The notes sheet: what a reader of the tables must know, a topic and its words a row. */
static void notes_rows(Sink *s, const Inputs *in)
{
    char describe[128], period[256];
    period_describe(&in->period, describe, sizeof describe);
    snprintf(period, sizeof period, "%s: %s", in->period_name, describe);
    const char *const rows[][2] = {
        {"Period", period},
        {"c", "A figure shown as c is hidden under the small-numbers rule below. It does not "
              "always mean fewer than " MIN_TEXT "."},
        {"Small numbers",
         "Any figure from fewer than " MIN_TEXT " young people is shown as c, so no young "
         "person can be picked out. A percentage is shown only when at least " MIN_TEXT
         " young people answered and both the number it counts and the rest are 0 or at "
         "least " MIN_TEXT " (how many answered may still be shown). A zero is shown: it "
         "identifies no one."},
        {"Figures worked out",
         "Where a hidden figure could be worked out from figures that are shown, more figures "
         "are hidden too, until none can be: across every table and measure of this report "
         "(rows, columns and totals, the same young people counted in two places, a year and "
         "its quarters) and every report and plan published before."},
        {"Late responses",
         "A figure published before stands. Responses that arrive late for a period already "
         "reported are counted whenever that period is reported again (and in any year that "
         "takes it in), but a changed figure is shown only when the change, and all it lets a "
         "reader work out, is 0 or at least " MIN_TEXT " young people; otherwise it is c."},
        {"Measures",
         "value is a percentage (unit percent) of n, or a count (unit count); percentages "
         "count those who gave an answer unless a measure says everyone who took the survey, "
         "rounded to whole numbers and rated as rounded. A measure judged over a year shows "
         "the twelve months to the end of the period."},
        {"Not in this workbook",
         "What young people wrote in their own words and the details of safety flags stay "
         "with the participation team."},
        {"Produced by", "chorus-sync report"},
    };
    static const char *const head[] = {"topic", "note"};
    s->header = 1;
    cell_text(s, head[0]);
    cell_text(s, head[1]);
    row_end(s);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        cell_text(s, rows[i][0]);
        cell_text(s, rows[i][1]);
        row_end(s);
    }
}

int tables_write_xlsx(const char *path, const Inputs *in, Figure (*trend)[FIGURE_TREND],
                      const Participation *p, int draft, char *err)
{
    SheetBook *b = sheet_open(path, 0644, SHEET_REPLACE, err);
    if (!b)
        return -1;
    sheet_title(b, TABLES_XLSX_TITLE);
    Sink s = {.book = b};
    sheet_add(b, "Measures");
    if (draft)
        sheet_line(b, TABLES_DRAFT_LINE);
    measures_rows(&s, in, trend);
    sheet_width(b, 3, 60);
    sheet_add(b, "Participation");
    if (draft)
        sheet_line(b, TABLES_DRAFT_LINE);
    participation_rows(&s, p);
    sheet_add(b, "Notes");
    if (draft)
        sheet_line(b, TABLES_DRAFT_LINE);
    notes_rows(&s, in);
    sheet_width(b, 0, 22);
    sheet_width(b, 1, 100);
    return sheet_close(b, err);
}
