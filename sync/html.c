/* html.c: report.html. See html.h; start reading at html_report(). */
#include "html.h"

#include <string.h>

#include "out.h"
#include "suppress.h"

#define DASH "\xe2\x80\x93" /* an en dash: no data */
#define MIN_TEXT SUPPRESS_MIN_TEXT

static const char css[] =
    ":root{--ink:#1b1f24;--muted:#5b6570;--line:#d5dbe1;--green:#1e7b34;--amber:#f0b400;"
    "--red:#c0262d;--accent:#2b4c7e}"
    "*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "body{font-family:'Noto Sans','Segoe UI',Arial,Helvetica,sans-serif;color:var(--ink);"
    "max-width:60rem;margin:2rem auto;padding:0 1.5rem;line-height:1.45;font-size:15px}"
    "h1{font-size:1.9rem;margin:.2rem 0 .3rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;"
    "padding-bottom:.3rem;border-bottom:2px solid var(--accent)}"
    "h3{font-size:1.05rem;margin:1.4rem 0 .4rem}"
    ".kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.78rem;color:var(--accent);"
    "margin:0;font-weight:bold}"
    ".meta{color:var(--muted);margin:0}"
    ".safety{border:2px solid var(--red);border-left-width:10px;border-radius:6px;"
    "padding:.8rem 1.1rem;margin:1.4rem 0;background:#fff6f6}"
    ".safety h2{border:0;margin:0 0 .3rem;padding:0;color:var(--red)}.safety p{margin:.3rem 0}"
    ".big{font-size:1.6rem;font-weight:bold}"
    ".glance{display:flex;gap:.6rem;flex-wrap:wrap;margin:.6rem 0}"
    ".glance div{border:1px solid var(--line);border-radius:6px;padding:.4rem .8rem;"
    "min-width:7.5rem}.glance b{display:block;font-size:1.4rem}"
    "table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}"
    "th,td{border-bottom:1px solid var(--line);padding:.4rem .45rem;text-align:left;"
    "vertical-align:top}th{font-size:.8rem;color:var(--muted);font-weight:bold}"
    "td.num,th.num{text-align:right;white-space:nowrap}"
    ".ref{font-weight:bold}.how{color:var(--muted);font-size:.8rem;"
    "margin-top:.2rem}.value{font-size:1.35rem;font-weight:bold;white-space:nowrap}"
    ".sub{color:var(--muted);font-size:.78rem}td.num .sub{white-space:normal}"
    ".rag{display:inline-block;border-radius:1rem;padding:.1rem .65rem;font-weight:bold;"
    "font-size:.85rem;white-space:nowrap;border:2px solid transparent}"
    ".rag.green{background:var(--green);color:#fff}.rag.amber{background:var(--amber);"
    "color:#000}.rag.red{background:var(--red);color:#fff}.rag.none{border-color:var(--line);"
    "color:var(--muted);font-weight:normal}"
    "table.measures{table-layout:fixed}.measures .w-ref{width:8%}.measures .w-measure{"
    "width:35%}.measures .w-value{width:13%}.measures .w-target{width:10%}.measures .w-rag{"
    "width:10%}.measures .w-trend{width:24%}.measures td{overflow-wrap:anywhere}"
    ".trend{width:100%;max-width:184px;height:auto;display:block}"
    "svg text{font-family:inherit}.trend .bar.green{fill:var(--green)}.trend .bar.amber{"
    "fill:var(--amber)}.trend .bar.red{fill:var(--red)}.trend .bar.past{opacity:.55}"
    ".trend .axis{stroke:#8a939c;stroke-width:1}.trend .target{stroke:var(--ink);"
    "stroke-width:1.2;stroke-dasharray:3 2}.trend .v{font-size:10px;font-weight:bold;"
    "text-anchor:middle}.trend .l{font-size:8.5px;fill:var(--muted);text-anchor:middle}"
    ".hbar rect{fill:var(--accent)}"
    ".cross td,.cross th{text-align:right;white-space:nowrap;font-size:.85rem}"
    ".cross td:first-child,.cross th:first-child{text-align:left;white-space:normal}"
    ".cross tr.total td{font-weight:bold;border-top:2px solid var(--muted)}"
    "footer{margin-top:2.4rem;border-top:2px solid var(--accent);padding-top:.6rem;"
    "font-size:.85rem;color:#333}footer h2{font-size:1rem;border:0;margin:.8rem 0 .2rem}"
    "footer p{margin:.25rem 0}"
    "@page{size:A4;margin:14mm 12mm 16mm}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}"
    "h2{break-after:avoid}h3{break-after:avoid}tr,.safety,.glance,svg{break-inside:avoid}"
    "thead{display:table-header-group}.safety{background:none}}";

/* A RAG pill, in words as well as colour, so it reads in black and white. */
/* A draft's banner: at the top of the screen, and of every printed page. */
static const char css_draft[] =
    ".draft{position:fixed;top:0;left:0;right:0;margin:0;padding:.3rem;background:#fde68a;"
    "color:#000;font-weight:bold;text-align:center;z-index:9}body{padding-top:2.2rem}"
    "@media print{.draft{position:fixed;top:0}}";

static void html_rag(FILE *h, Rag r)
{
    switch (r) {
    case RAG_GREEN:
        fputs("<span class=\"rag green\">Green</span>", h);
        break;
    case RAG_AMBER:
        fputs("<span class=\"rag amber\">Amber</span>", h);
        break;
    case RAG_RED:
        fputs("<span class=\"rag red\">Red</span>", h);
        break;
    case RAG_NONE:
        fputs("<span class=\"rag none\">Not rated</span>", h);
        break;
    }
}

static const char *rag_class(Rag r)
{
    switch (r) {
    case RAG_GREEN:
        return "green";
    case RAG_AMBER:
        return "amber";
    case RAG_RED:
        return "red";
    case RAG_NONE:
        break;
    }
    return "none";
}

static void figure_text(const Measure *m, const Figure *f, char *buf, size_t cap)
{
    if (f->state == FIGURE_NO_DATA)
        snprintf(buf, cap, DASH);
    else if (f->state == FIGURE_SUPPRESSED)
        snprintf(buf, cap, "c");
    else
        snprintf(buf, cap, "%ld%s", f->value, m->kind == MEASURE_PERCENT ? "%" : "");
}

/* Four bars, oldest first, with the target as a dashed line. */
static void html_trend(FILE *h, const Measure *m, const Figure *t)
{
    enum { W = 184, H = 78, SLOT = 46, BAR = 26, TOP = 14, BASE = 52 };
    long max = 100;
    if (m->kind == MEASURE_COUNT) {
        max = t[FIGURE_TREND - 1].target;
        for (int i = 0; i < FIGURE_TREND; i++)
            if (t[i].state == FIGURE_VALUE && t[i].value > max)
                max = t[i].value;
        max = max < 10 ? 10 : max + max / 8;
    }
    fprintf(h,
            "<svg class=\"trend\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            "role=\"img\" aria-label=\"Last four periods:",
            W, H, W, H);
    for (int i = 0; i < FIGURE_TREND; i++) {
        char name[64], value[32];
        period_name(&t[i].window, name, sizeof name);
        figure_text(m, &t[i], value, sizeof value);
        fprintf(h, "%s ", i ? "," : "");
        out_html(h, name);
        fputs(" ", h);
        out_html(h, value);
    }
    fputs("\">", h);
    fprintf(h, "<line class=\"axis\" x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", BASE, W, BASE);
    for (int i = 0; i < FIGURE_TREND; i++) {
        const Figure *f = &t[i];
        int x = i * SLOT + (SLOT - BAR) / 2, cx = i * SLOT + SLOT / 2;
        char name[64], value[32], l1[32], l2[32];
        period_name(&f->window, name, sizeof name);
        figure_text(m, f, value, sizeof value);
        period_short(&f->window, l1, l2, sizeof l1);
        int top = BASE - 2;
        if (f->state == FIGURE_VALUE) {
            long v = f->value > max ? max : f->value;
            int hgt = (int)((BASE - TOP) * v / max);
            if (hgt < 1 && f->value > 0)
                hgt = 1;
            top = BASE - hgt;
            fprintf(h,
                    "<rect class=\"bar %s%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
                    "<title>",
                    rag_class(f->rag), i < FIGURE_TREND - 1 ? " past" : "", x, top, BAR, hgt);
            out_html(h, name);
            fprintf(h, ": %s of %ld (%s)</title></rect>", value, f->n, rag_name(f->rag));
        }
        fprintf(h, "<text class=\"v\" x=\"%d\" y=\"%d\">", cx, top - 3);
        out_html(h, value);
        fprintf(h, "</text><text class=\"l\" x=\"%d\" y=\"%d\"%s>", cx, BASE + 11,
                i == FIGURE_TREND - 1 ? " font-weight=\"bold\"" : "");
        out_html(h, l1);
        fprintf(h, "</text><text class=\"l\" x=\"%d\" y=\"%d\">", cx, BASE + 21);
        out_html(h, l2);
        fputs("</text>", h);
    }
    long target = t[FIGURE_TREND - 1].target;
    if (target <= max) {
        int y = BASE - (int)((BASE - TOP) * target / max);
        fprintf(h,
                "<line class=\"target\" x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"><title>"
                "Target %ld%s</title></line>",
                y, W, y, target, m->kind == MEASURE_PERCENT ? "%" : "");
    }
    fputs("</svg>", h);
}

/* How the measure is worked out, in words: survey, question, the answers that count. */
static void html_how(FILE *h, const Measure *m)
{
    const Survey *s = m->survey;
    fputs("<div class=\"how\">", h);
    out_html(h, survey_text(s, s->title, s->default_lang));
    if (m->question) {
        fputs(" \xe2\x80\x93 \xe2\x80\x9c", h);
        out_html(h, survey_text(s, m->question->label, s->default_lang));
        fputs("\xe2\x80\x9d, counting ", h);
        if (m->range != MEASURE_CHOICES) {
            /* a range of numbers or days, both ends counted */
            fputs("answers from ", h);
            out_html(h, m->lo);
            fputs(" to ", h);
            out_html(h, m->hi);
        }
        for (int i = 0; m->range == MEASURE_CHOICES && i < m->ncounts; i++) {
            int c = survey_choice_index(m->question->list, m->counts[i]);
            fputs(i == 0 ? "" : i == m->ncounts - 1 ? " or " : ", ", h);
            fputs("\xe2\x80\x9c", h);
            out_html(h, survey_text(s, m->question->list->choices[c].label, s->default_lang));
            fputs("\xe2\x80\x9d", h);
        }
    }
    if (m->kind == MEASURE_PERCENT)
        fputs(m->denominator == DENOM_ANSWERED
                  ? ", of those who answered (\xe2\x80\x9cI'd rather not say\xe2\x80\x9d left out)"
                  : ", of everyone who took the survey",
              h);
    else
        fputs(m->question ? ": the number of responses" : " \xe2\x80\x93 the number of responses",
              h);
    if (*m->workstream) {
        fputs(". Workstream: ", h);
        out_html(h, m->workstream);
    }
    fputs(".</div>", h);
}

static void html_measure_row(FILE *h, const Inputs *in, const Measure *m, const Figure *t)
{
    const Figure *f = &t[FIGURE_TREND - 1];
    char value[32], window[64];
    figure_text(m, f, value, sizeof value);
    period_name(&f->window, window, sizeof window);
    fputs("<tr><td class=\"ref\">", h);
    for (int r = 0; r < m->nrefs; r++) {
        if (r)
            fputs(", ", h);
        out_html(h, m->ref[r]);
    }
    fputs("</td><td>", h);
    out_html(h, m->text);
    html_how(h, m);
    fputs("</td><td class=\"num\"><div class=\"value\">", h);
    out_html(h, value);
    fputs("</div><div class=\"sub\">", h);
    if (f->state == FIGURE_NO_DATA)
        fputs("no answers", h);
    else if (f->state == FIGURE_SUPPRESSED && f->n_hidden)
        fputs("hidden: small numbers", h);
    else if (f->state == FIGURE_SUPPRESSED)
        fprintf(h, "hidden: small numbers; of %ld %s", f->n,
                m->denominator == DENOM_ANSWERED ? "who answered" : "responses");
    else if (m->kind == MEASURE_PERCENT)
        fprintf(h, "of %ld %s", f->n,
                m->denominator == DENOM_ANSWERED ? "who answered" : "responses");
    else
        fputs("responses", h);
    fputs("</div>", h);
    if (strcmp(window, in->period_name) != 0) {
        fputs("<div class=\"sub\">", h);
        out_html(h, window);
        fputs("</div>", h);
    }
    fprintf(h, "</td><td class=\"num\">%ld%s<div class=\"sub\">amber from %ld%s</div></td><td>",
            f->target, m->kind == MEASURE_PERCENT ? "%" : "", f->amber,
            m->kind == MEASURE_PERCENT ? "%" : "");
    html_rag(h, f->rag);
    fputs("</td><td>", h);
    html_trend(h, m, t);
    fputs("</td></tr>\n", h);
}

static void html_figure(FILE *h, long v, int hidden)
{
    if (hidden)
        fputs("c", h);
    else
        fprintf(h, "%ld", v);
}

static void html_participation(FILE *h, const Participation *p)
{
    fputs("<h2>Who took part</h2>\n<h3>Responses by survey</h3>\n"
          "<table><thead><tr><th>Survey</th><th class=\"num\">Responses</th><th></th></tr>"
          "</thead><tbody>\n",
          h);
    long max = 1;
    for (int f = 0; f < p->nforms; f++)
        if (!p->hide[participation_form(p, f)] && p->value[participation_form(p, f)] > max)
            max = p->value[participation_form(p, f)];
    for (int f = 0; f < p->nforms; f++) {
        int i = participation_form(p, f);
        fputs("<tr><td>", h);
        out_html(h, participation_title(p, f));
        fputs("</td><td class=\"num\">", h);
        html_figure(h, p->value[i], p->hide[i]);
        fputs("</td><td>", h);
        if (!p->hide[i] && p->value[i] > 0) {
            int w = (int)(300 * p->value[i] / max);
            fprintf(h,
                    "<svg class=\"hbar\" width=\"300\" height=\"14\" role=\"img\" "
                    "aria-label=\"%ld responses\"><rect x=\"0\" y=\"1\" width=\"%d\" "
                    "height=\"12\" rx=\"2\"/></svg>",
                    p->value[i], w < 2 ? 2 : w);
        }
        fputs("</td></tr>\n", h);
    }
    fputs("<tr><td><b>All surveys</b></td><td class=\"num\"><b>", h);
    html_figure(h, p->value[participation_all()], p->hide[participation_all()]);
    fputs("</b></td><td></td></tr>\n</tbody></table>\n", h);

    fputs("<h3>Responses by age band</h3>\n<table class=\"cross\"><thead><tr><th>Survey</th>", h);
    for (int b = 0; b < p->nbands; b++) {
        fputs("<th>", h);
        out_html(h, p->band_label[b]);
        fputs("</th>", h);
    }
    fputs("<th>All</th></tr></thead><tbody>\n", h);
    for (int f = 0; f < p->nforms; f++) {
        fputs("<tr><td>", h);
        out_html(h, participation_title(p, f));
        fputs("</td>", h);
        for (int b = 0; b < p->nbands; b++) {
            int c = participation_cell(p, f, b);
            fputs("<td>", h);
            if (!participation_offered(p, f, b) && p->value[c] == 0)
                fputs(DASH, h);
            else
                html_figure(h, p->value[c], p->hide[c]);
            fputs("</td>", h);
        }
        fputs("<td>", h);
        html_figure(h, p->value[participation_form(p, f)], p->hide[participation_form(p, f)]);
        fputs("</td></tr>\n", h);
    }
    fputs("<tr class=\"total\"><td>All surveys</td>", h);
    for (int b = 0; b < p->nbands; b++) {
        fputs("<td>", h);
        html_figure(h, p->value[participation_band(p, b)], p->hide[participation_band(p, b)]);
        fputs("</td>", h);
    }
    fputs("<td>", h);
    html_figure(h, p->value[participation_all()], p->hide[participation_all()]);
    fputs("</td></tr>\n</tbody></table>\n<p class=\"how\">Each survey asks for an age band of "
          "its own; " DASH " marks a band a survey does not offer. \xe2\x80\x9cNot given\xe2\x80"
          "\x9d is \xe2\x80\x9cI'd rather not say\xe2\x80\x9d or no answer.</p>\n",
          h);

    fputs("<h3>Responses by session</h3>\n<table><thead><tr><th>Session</th>"
          "<th class=\"num\">Responses</th></tr></thead><tbody>\n",
          h);
    if (p->nsessions == 0)
        fputs("<tr><td colspan=\"2\">No responses in this period.</td></tr>\n", h);
    for (int s = 0; s < p->nsessions; s++) {
        fputs("<tr><td>", h);
        if (*p->session[s])
            out_html(h, p->session[s]);
        else
            fputs("Not in a named session", h);
        fputs("</td><td class=\"num\">", h);
        html_figure(h, p->value[participation_session(p, s)], p->hide[participation_session(p, s)]);
        fputs("</td></tr>\n", h);
    }
    fputs("</tbody></table>\n", h);
}

/* The latest import day in the database, for "figures as imported up to". */
static void latest_import(const Inputs *in, char day[11])
{
    SqlStmt *s = NULL;
    snprintf(day, 11, "%s", "");
    if (sql_prepare(council_db(in->council), "SELECT max(imported_on) FROM " COUNCIL_COUNTED, &s) == 0 &&
        sql_step(s) == SQL_ROW && !sql_column_null(s, 0))
        snprintf(day, 11, "%s", sql_column_text(s, 0));
    sql_finalize(s);
}

static void html_safety(FILE *h, long flagged, long talk)
{
    fputs("<section class=\"safety\"><h2>Safety first</h2>\n", h);
    if (flagged == 0) {
        fputs("<p>No young person chose a safety answer (for example \xe2\x80\x9cNo\xe2\x80\x9d "
              "to \xe2\x80\x9c"
              "Do you feel safe where you live?\xe2\x80\x9d) in this period."
              "</p>\n",
              h);
    } else {
        /* A hidden count is always "responses": "response" would say it is 1. */
        int hidden = suppress_small(flagged);
        fputs("<p><span class=\"big\">", h);
        html_figure(h, flagged, hidden);
        fputs("</span> ", h);
        if (hidden)
            fputs("\xe2\x80\x94 fewer than " MIN_TEXT " ", h);
        fputs(flagged == 1 && !hidden ? "response" : "responses", h);
        fputs(" in this period said a young person did not feel safe, and ", h);
        html_figure(h, talk, suppress_small(talk));
        fputs(suppress_small(talk) ? " (fewer than " MIN_TEXT ")" : "", h);
        fputs(" of them asked for someone to talk to them.</p>\n<p>Each young person was shown, on "
              "the kiosk, who can help straight away "
              "(Childline 0800 1111). The answers are anonymous; the participation team has the "
              "day, session and survey of each flagged response and follows each one up with "
              "the hub or group under safeguarding procedures. Those details are kept for "
              "workers only and are never part of this report.</p>\n",
              h);
    }
    fputs("</section>\n", h);
}

void html_report(FILE *h, const Inputs *in, Figure (*trend)[FIGURE_TREND], const Participation *p,
                 long flagged, long talk, long free_text, int draft)
{
    char describe[128], imported[11];
    period_describe(&in->period, describe, sizeof describe);
    latest_import(in, imported);
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          h);
    fputs(draft ? "DRAFT: What children and young people told us: "
                : "What children and young people told us: ",
          h);
    out_html(h, in->period_name);
    fprintf(h, "</title>\n<style>%s%s</style>\n</head>\n<body>\n", css, draft ? css_draft : "");
    /* Fixed, so that a printed draft says so at the top of every page. */
    if (draft)
        fputs("<p class=\"draft\">DRAFT: not for publication. Nothing in it is recorded as "
              "published, and the figures may change before the report is run.</p>\n",
              h);
    fputs("<header>\n", h);
    fputs("<p class=\"kicker\">Corporate Parenting Committee &middot; participation report</p>\n"
          "<h1>What children and young people told us</h1>\n<p class=\"meta\"><b>",
          h);
    out_html(h, in->period_name);
    fputs("</b>: ", h);
    out_html(h, describe);
    fputs(". ", h);
    html_figure(h, p->value[participation_all()], p->hide[participation_all()]);
    fputs(" responses from the Chorus kiosks", h);
    if (*imported) {
        fputs(", as imported up to ", h);
        out_html(h, imported);
    }
    fputs(".</p>\n</header>\n", h);

    html_safety(h, flagged, talk);

    int count[4] = {0};
    for (int i = 0; i < in->measures->n; i++)
        count[trend[i][FIGURE_TREND - 1].rag]++;
    fputs("<h2>Measures</h2>\n<div class=\"glance\">", h);
    fprintf(h, "<div><b>%d</b>measures</div>", in->measures->n);
    fprintf(h, "<div><b>%d</b><span class=\"rag green\">Green</span></div>", count[RAG_GREEN]);
    fprintf(h, "<div><b>%d</b><span class=\"rag amber\">Amber</span></div>", count[RAG_AMBER]);
    fprintf(h, "<div><b>%d</b><span class=\"rag red\">Red</span></div>", count[RAG_RED]);
    fprintf(h, "<div><b>%d</b><span class=\"rag none\">Not rated</span></div>", count[RAG_NONE]);
    fputs("</div>\n<p class=\"how\">Each measure is a ref of an action plan. Green: at or above "
          "target; amber: at or above the amber threshold; red: below it. Not rated: the "
          "figure is hidden under the small-numbers rule (see the end of this report), or "
          "no one answered. The bars show the last four periods, this one last (bold); the "
          "dashed line is the target.</p>\n",
          h);
    for (int i = 0; i < in->measures->n; i++) {
        const char *plan = in->measures->items[i].plan;
        int seen = 0;
        for (int j = 0; j < i && !seen; j++)
            seen = strcmp(in->measures->items[j].plan, plan) == 0;
        if (seen)
            continue;
        fputs("<h3>", h);
        out_html(h, plan);
        fputs("</h3>\n<table class=\"measures\"><colgroup><col class=\"w-ref\">"
              "<col class=\"w-measure\"><col class=\"w-value\"><col class=\"w-target\">"
              "<col class=\"w-rag\"><col class=\"w-trend\"></colgroup>"
              "<thead><tr><th>Ref</th><th>Measure</th>"
              "<th class=\"num\">This period</th><th class=\"num\">Target</th><th>RAG</th>"
              "<th>Last four periods</th></tr></thead><tbody>\n",
              h);
        for (int j = i; j < in->measures->n; j++)
            if (strcmp(in->measures->items[j].plan, plan) == 0)
                html_measure_row(h, in, &in->measures->items[j], trend[j]);
        fputs("</tbody></table>\n", h);
    }

    html_participation(h, p);

    fputs("<footer>\n<h2>Small numbers</h2>\n<p>Any figure from fewer than " MIN_TEXT
          " young people is shown as <b>c</b>, so no young person can be picked out. A "
          "percentage is shown only when at least " MIN_TEXT " young people answered and the "
          "number it counts is 0 or at least " MIN_TEXT "; otherwise it is <b>c</b> (how many "
          "answered may still be shown). A zero is shown: it identifies no one.</p>\n"
          "<p>Where a hidden figure could be worked out from figures that are shown, more "
          "figures are hidden too, until none can be. That takes in every table and measure "
          "of this report and its CSV files together: each table's rows, columns and "
          "totals; the same young people counted in two places (a survey's responses, a "
          "measure that counts them or takes them as its n, a session held for one survey); "
          "those who answered a question and those who did not; and a year and its four "
          "quarters. Every copy of a hidden figure is hidden with it, and the figures hidden "
          "to protect another are chosen so that no copy elsewhere gives them away. So "
          "<b>c</b> does not always mean fewer than " MIN_TEXT ".</p>\n"
          "<p>This holds across reports too. Every figure of every report run for the committee "
          "(a quarter, a year, a financial year, a period run again) is recorded, and each new "
          "report is worked out together with all of them: no figure is shown that, set beside "
          "any earlier report (a year less its quarters, one run of a period less another), "
          "gives away a number of fewer than " MIN_TEXT " young people (other than 0). "
          "A figure published before stands. Responses that arrive late for a period already "
          "reported are counted whenever that period is reported again (and in any year that "
          "takes it in), but a changed figure is shown only when the change, and all it lets "
          "a reader work out, is 0 or at least " MIN_TEXT " young people; otherwise it is "
          "<b>c</b>.</p>\n"
          "<h2>How to read the measures</h2>\n<p>Percentages count the young "
          "people who gave an answer to the question; \xe2\x80\x9cI'd rather not say\xe2\x80\x9d"
          " and questions skipped are left out, unless a measure says it counts everyone who "
          "took the survey. Percentages are rounded to whole numbers and rated as rounded. A "
          "measure judged over a year shows the twelve months to the end of this period.</p>\n"
          "<h2>What is not in this report</h2>\n<p>What young people wrote in their own words (",
          h);
    html_figure(h, free_text, suppress_small(free_text));
    fputs(" written answers this period) and the details of safety flags stay with the "
          "participation team, who read every one; themes from them come to the committee "
          "through the team, never as quotes with details that could identify anyone.</p>\n"
          "<p>Produced by chorus-sync report.</p>\n</footer>\n</body>\n</html>\n",
          h);
}
