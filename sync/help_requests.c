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

int help_requests_store(sqlite3 *db, const char *kiosk, const HelpRecord *h, const char *day,
                        char *err)
{
    sqlite3_stmt *s = NULL;
    int rc = -1;
    char rday[11];
    snprintf(rday, sizeof rday, "%04d-%02d-%02d", h->year, h->month, h->day);
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO help_request(kiosk, id, request, form_id, day, flags,"
                           " contact, imported_on) VALUES (?,?,?,?,?,?,?,?)"
                           " ON CONFLICT(kiosk, id) DO NOTHING",
                           -1, &s, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "store request for help: %s", sqlite3_errmsg(db));
        goto done;
    }
    sqlite3_bind_text(s, 1, kiosk, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, h->id, HELP_ID_LEN, SQLITE_STATIC);
    sqlite3_bind_blob(s, 3, h->request, HELP_ID_LEN, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, h->form_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, rday, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, h->flags);
    sqlite3_bind_text(s, 7, h->contact, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, day, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
        snprintf(err, ERR_LEN, "store request for help: %s", sqlite3_errmsg(db));
        goto done;
    }
    rc = sqlite3_changes(db) > 0 ? 1 : 0;
done:
    sqlite3_finalize(s);
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
    sqlite3 *db = council_db(c);
    sqlite3_stmt *s = NULL;
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
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        fprintf(stderr, "chorus-sync help-requests: %s: %s\n", o.db, sqlite3_errmsg(db));
        goto done;
    }
    long n = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        int flags = sqlite3_column_int(s, 4);
        const char *contact = (const char *)sqlite3_column_text(s, 5);
        if (n++ == 0)
            printf("day\tkiosk\tsurvey\trequest\tasked\tworker there may see\tcontact\n");
        printf("%s\t%s\t%s\t%.8s\t%s\t%s\t%s\n", sqlite3_column_text(s, 0),
               sqlite3_column_text(s, 1), sqlite3_column_text(s, 2), sqlite3_column_text(s, 3),
               asked(flags), (flags & HELP_SAY_SO) ? "yes" : "no", contact ? contact : "");
    }
    if (step != SQLITE_DONE) {
        fprintf(stderr, "chorus-sync help-requests: %s: %s\n", o.db, sqlite3_errmsg(db));
        goto done;
    }
    if (n == 0)
        printf("no requests for help\n");
    rc = 0;
done:
    sqlite3_finalize(s);
    council_close(c);
    return rc;
}
