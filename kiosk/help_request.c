/* help_request.c: requests for help committed as they are made, and worker mode's alert. See
 * help_request.h. */
#include "help_request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void log_line(App *a)
{
    if (a->log)
        a->log(a->error);
}

/* How many requests have news since the worker last looked, into a->help_waiting. */
static int count_waiting(App *a)
{
    char buf[32];
    long long seen = 0, last = 0;
    int n = 0;
    long total = 0;
    int got = store_get(a->store, STORE_HELP_SEEN, buf, sizeof buf);
    if (got < 0)
        return -1;
    if (got == 1)
        seen = strtoll(buf, NULL, 10);
    if (store_help_since(a->store, seen, NULL, 0, &n, &total, &last) != 0)
        return -1;
    a->help_waiting = total;
    return 0;
}

int help_start(App *a)
{
    a->help = sodium_malloc(sizeof *a->help);
    if (!a->help) {
        snprintf(a->error, sizeof a->error, "out of memory for requests for help");
        return -1;
    }
    sodium_memzero(a->help, sizeof *a->help);
    a->help->say_so = -1;
    if (count_waiting(a) != 0) {
        snprintf(a->error, sizeof a->error, "cannot read requests for help: %s",
                 store_errmsg(a->store));
        return -1;
    }
    return 0;
}

void help_stop(App *a)
{
    sodium_free(a->help); /* wipes it */
    a->help = NULL;
}

/* Seals one record of the request as it now stands, with contact, and commits it. */
static int commit(App *a, uint32_t flags, const char *contact)
{
    HelpState *h = a->help;
    h->failed = 1; /* until it is committed */
    HelpRecord r;
    memset(&r, 0, sizeof r);
    randombytes_buf(r.id, sizeof r.id);
    memcpy(r.request, h->request, sizeof r.request);
    const Survey *s = app_survey(a);
    r.form_id = s ? s->form_id : "";
    time_t t = (time_t)a->wall;
    struct tm tm;
    localtime_r(&t, &tm);
    r.year = tm.tm_year + 1900;
    r.month = tm.tm_mon + 1;
    r.day = tm.tm_mday;
    r.flags = flags;
    r.contact = contact;
    uint8_t *sealed = NULL;
    size_t len = 0;
    char err[ERR_LEN];
    if (help_seal(&r, a->council_pk, &sealed, &len, err) != 0) {
        snprintf(a->error, sizeof a->error, "could not seal a request for help: %s", err);
        log_line(a);
        return -1;
    }
    int rc = store_put_help(a->store, r.id, r.request, flags, a->wall, sealed, len);
    free(sealed);
    if (rc != 0) {
        snprintf(a->error, sizeof a->error, "could not store a request for help: %s",
                 store_errmsg(a->store));
        log_line(a);
        return -1;
    }
    h->flags = flags;
    h->failed = 0;
    /* Counted for the line logged as the kiosk stops, never a line now: the journal's time stamp
     * would say when a young person asked for help (the worker is told by the alert). */
    a->help_stored++;
    if (count_waiting(a) != 0)
        a->help_waiting++; /* at least this one: the sign shows either way */
    return 0;
}

int help_change(App *a, uint32_t add, uint32_t remove)
{
    HelpState *h = a->help;
    if (!h->open) {
        randombytes_buf(h->request, sizeof h->request);
        h->open = 1;
        h->flags = 0;
    }
    uint32_t flags = (h->flags | add) & ~remove;
    if (flags == h->flags)
        return 0;
    return commit(a, flags, "");
}

int help_send_contact(App *a)
{
    HelpState *h = a->help;
    if (!h->open || !h->contact[0])
        return 0;
    uint32_t flags = h->say_so == 1 ? h->flags | HELP_SAY_SO : h->flags & ~HELP_SAY_SO;
    if (commit(a, flags, h->contact) != 0)
        return -1;
    h->name_sent = h->say_so == 1 ? 2 : 1;
    if (h->say_so == 1) {
        /* Kept for a worker here, in locked memory only; the oldest goes when it is full. */
        if (h->nkept == HELP_ALERT_MAX) {
            memmove(&h->kept[0], &h->kept[1], sizeof h->kept[0] * (HELP_ALERT_MAX - 1));
            h->nkept--;
        }
        memcpy(h->kept[h->nkept].request, h->request, HELP_ID_LEN);
        memcpy(h->kept[h->nkept].contact, h->contact, sizeof h->contact);
        h->nkept++;
    }
    sodium_memzero(h->contact, sizeof h->contact);
    return 0;
}

void help_forget_person(App *a)
{
    HelpState *h = a->help;
    if (!h)
        return;
    h->open = 0;
    h->flags = 0;
    h->say_so = -1;
    h->failed = 0;
    h->name_sent = 0;
    sodium_memzero(h->request, sizeof h->request);
    sodium_memzero(h->contact, sizeof h->contact);
}

int help_read_alert(App *a)
{
    HelpState *h = a->help;
    char buf[32];
    long long seen = 0;
    int got = store_get(a->store, STORE_HELP_SEEN, buf, sizeof buf);
    if (got == 1)
        seen = strtoll(buf, NULL, 10);
    h->nshown = 0;
    h->total = 0;
    if (got < 0 || store_help_since(a->store, seen, h->shown, HELP_ALERT_MAX, &h->nshown,
                                    &h->total, &h->last) != 0) {
        snprintf(a->error, sizeof a->error, "cannot read requests for help: %s",
                 store_errmsg(a->store));
        log_line(a);
        return -1;
    }
    a->help_waiting = h->total;
    return 0;
}

int help_alert_seen(App *a)
{
    HelpState *h = a->help;
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", h->last);
    if (store_set(a->store, STORE_HELP_SEEN, buf) != 0) {
        snprintf(a->error, sizeof a->error, "cannot remember the alert was seen: %s",
                 store_errmsg(a->store));
        log_line(a);
        return -1;
    }
    /* The words were for this worker to see: once seen, they are gone from the kiosk. */
    for (int i = 0; i < h->nkept; i++)
        for (int k = 0; k < h->nshown; k++)
            if (memcmp(h->kept[i].request, h->shown[k].request, HELP_ID_LEN) == 0)
                sodium_memzero(h->kept[i].contact, sizeof h->kept[i].contact);
    int keep = 0;
    for (int i = 0; i < h->nkept; i++)
        if (h->kept[i].contact[0])
            memmove(&h->kept[keep++], &h->kept[i], sizeof h->kept[i]);
    sodium_memzero(&h->kept[keep], sizeof h->kept[0] * (size_t)(HELP_ALERT_MAX - keep));
    h->nkept = keep;
    h->nshown = 0;
    h->total = 0;
    a->help_waiting = 0;
    return 0;
}

const char *help_kept_contact(const App *a, const uint8_t request[HELP_ID_LEN])
{
    const HelpState *h = a->help;
    for (int i = 0; h && i < h->nkept; i++)
        if (memcmp(h->kept[i].request, request, HELP_ID_LEN) == 0 && h->kept[i].contact[0])
            return h->kept[i].contact;
    return NULL;
}
