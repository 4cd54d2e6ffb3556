/* help_requests.c: requests for help in the council database (table help_request, council.h),
 * and `chorus-sync help-requests`, which lists them for the people who act on them.
 *
 * A request is every record one young person's visit made (they share a request id): the
 * listing shows one line a request, as its newest record leaves it, newest first. */
#include "help_requests.h"

#include <stdio.h>
#include <string.h>

#include "chorus_limits.h"
#include "council.h"
#include "defaults.h"

int help_requests_store(Sql *db, const char *kiosk, const HelpRecord *h, const char *day,
                        char *err)
{
    SqlStmt *s = NULL;
    int rc = -1;
    char rday[11];
    snprintf(rday, sizeof rday, "%04d-%02d-%02d", h->year, h->month, h->day);
    if (sql_prepare(db, "INSERT INTO help_request(kiosk, id, request, form_id, day, flags,"
                           " contact, imported_on) VALUES (?,?,?,?,?,?,?,?)"
                           " ON CONFLICT(kiosk, id) DO NOTHING", &s) != 0) {
        snprintf(err, ERR_LEN, "store request for help: %s", sql_errmsg(db));
        goto done;
    }
    sql_bind_text(s, 1, kiosk);
    sql_bind_blob(s, 2, h->id, HELP_ID_LEN);
    sql_bind_blob(s, 3, h->request, HELP_ID_LEN);
    sql_bind_text(s, 4, h->form_id);
    sql_bind_text(s, 5, rday);
    sql_bind_int64(s, 6, h->flags);
    sql_bind_text(s, 7, h->contact);
    sql_bind_text(s, 8, day);
    if (sql_step(s) != SQL_DONE) {
        snprintf(err, ERR_LEN, "store request for help: %s", sql_errmsg(db));
        goto done;
    }
    rc = sql_changes(s) > 0 ? 1 : 0;
done:
    sql_finalize(s);
    return rc;
}

typedef struct {
    const char *db;
} HelpArgs;

static const Option help_rows[] = {
    OPT_TEXT("--db", "FILE", HelpArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_END,
};

const OptionTable help_requests_options = {
    .program = "chorus-sync",
    .name = "help-requests",
    .options = help_rows,
    .args = "",
    .args_min = 0,
    .args_max = 0,
    .run = cmd_help_requests,
    .about = "Lists the requests for help imported from kiosks, newest first, one line each:\n"
             "day, kiosk, survey, what was asked (safety answer, asked to talk, changed their\n"
             "mind), whether a worker there was allowed to see the contact, and the first name\n"
             "or where to find them the young person chose to add. Never an answer.",
};

/* What a request asks, as its newest record says. */
static const char *asked(int flags)
{
    if ((flags & HELP_TALK) && (flags & HELP_WITHDRAWN))
        return "asked to talk, then changed their mind";
    if (flags & HELP_TALK)
        return "asked for someone to talk to them";
    return "safety answer";
}

int cmd_help_requests(int argc, char **argv)
{
    HelpArgs o;
    OptionArgs args;
    int done = options_read(&help_requests_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    char err[ERR_LEN];
    Council *c = council_open_existing(o.db, err);
    if (!c) {
        fprintf(stderr, "chorus-sync help-requests: %s\n", err);
        return 1;
    }
    Sql *db = council_db(c);
    SqlStmt *s = NULL;
    int rc = 1;
    /* One row a request: its newest record (by day, then as imported) says where it stands;
     * the contact is the newest one given. */
    const char *sql =
        "SELECT max(day), kiosk, form_id, hex(request),"
        " (SELECT flags FROM help_request l WHERE l.kiosk = h.kiosk AND l.request = h.request"
        "  ORDER BY day DESC, rowid DESC LIMIT 1),"
        " coalesce((SELECT contact FROM help_request l WHERE l.kiosk = h.kiosk"
        "  AND l.request = h.request AND contact != '' ORDER BY day DESC, rowid DESC LIMIT 1), '')"
        " FROM help_request h GROUP BY kiosk, request ORDER BY max(day) DESC, max(rowid) DESC";
    if (sql_prepare(db, sql, &s) != 0) {
        fprintf(stderr, "chorus-sync help-requests: %s: %s\n", sql_name(db), sql_errmsg(db));
        goto done;
    }
    long n = 0;
    int step;
    while ((step = sql_step(s)) == SQL_ROW) {
        int flags = sql_column_int64(s, 4);
        const char *contact = sql_column_text(s, 5);
        if (n++ == 0)
            printf("day\tkiosk\tsurvey\trequest\tasked\tworker there may see\tcontact\n");
        printf("%s\t%s\t%s\t%.8s\t%s\t%s\t%s\n", sql_column_text(s, 0),
               sql_column_text(s, 1), sql_column_text(s, 2), sql_column_text(s, 3),
               asked(flags), (flags & HELP_SAY_SO) ? "yes" : "no", contact ? contact : "");
    }
    if (step != SQL_DONE) {
        fprintf(stderr, "chorus-sync help-requests: %s: %s\n", sql_name(db), sql_errmsg(db));
        goto done;
    }
    if (n == 0)
        printf("no requests for help\n");
    rc = 0;
done:
    sql_finalize(s);
    council_close(c);
    return rc;
}
