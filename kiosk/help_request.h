/* help_request.h: a young person's request for help on the kiosk, committed the moment it is
 * made, and the alert worker mode opens with. Knows no SDL.
 *
 * One young person's visit makes at most one request (a random id, never the response's): a
 * safety-concern answer opens it, "I'd like someone to talk to me" and "I've changed my mind"
 * change it, and the words they may add travel with it. Each change is one more sealed record
 * (help.h) committed at once (store_put_help), so the idle wipe, walking away or a crash never
 * loses it; the newest record says where it stands.
 *
 * The contact words are sealed to the council. When the young person says a worker here may see
 * them, they are also kept, until a worker has seen them, in locked memory only (never on this
 * kiosk's disk, where nothing can be read back without the council's key): a restart before a
 * worker looks loses that copy, and the alert then says the council has the words. */
#ifndef CHORUS_HELP_REQUEST_H
#define CHORUS_HELP_REQUEST_H

#include "app.h"
#include "help.h"

#define HELP_ALERT_MAX 8 /* requests the worker's alert lists (the count covers all) */

/* What worker mode's alert shows, and the words a worker here may see: locked memory. */
struct HelpState {
    /* The young person at the screen. */
    int open;                            /* a request was made this visit */
    uint8_t request[HELP_ID_LEN];
    uint32_t flags;                      /* HELP_* as committed */
    char contact[HELP_CONTACT_MAX + 1];  /* being typed on the name screen, then sent */
    int say_so;                          /* -1 not answered, 0 no, 1 yes */
    int failed;                          /* the last record could not be committed */
    int name_sent;                       /* 0 no words sent, 1 for the council, 2 here too */
    /* Words a worker here may see, until they have: by request. */
    int nkept;
    struct {
        uint8_t request[HELP_ID_LEN];
        char contact[HELP_CONTACT_MAX + 1];
    } kept[HELP_ALERT_MAX];
    /* The alert, read when worker mode opens. */
    long total;     /* requests with news since the worker last looked */
    long long last; /* the newest record among them (kept as seen when the worker says so) */
    int nshown;
    StoredHelp shown[HELP_ALERT_MAX];
};

/* Allocates a->help in locked memory and counts what is waiting (a->help_waiting). Returns 0,
 * or -1 with a->error. */
int help_start(App *a) __attribute__((warn_unused_result));

/* Wipes and frees a->help. Accepts a->help NULL. */
void help_stop(App *a);

/* Changes the young person's request: opens it when this visit has none, then sets the flags
 * add and clears remove; when that changes what is committed, seals one more record and
 * commits it. Returns 0 (committed, or nothing to commit), or -1 with a->error (logged) and
 * a->help->failed set, which the safety screen shows. */
int help_change(App *a, uint32_t add, uint32_t remove);

/* Sends the words typed into a->help->contact with the say-so given (1: a worker here may see
 * them, kept in memory until one has). Returns 0, or -1 with a->error. */
int help_send_contact(App *a);

/* The next young person: forgets this visit's request (its records are committed) and wipes the
 * words being typed; the words a worker may see are kept. */
void help_forget_person(App *a);

/* Reads the alert for worker mode (requests since the worker last looked). Returns 0 or -1. */
int help_read_alert(App *a);

/* The worker has seen the alert: remembers that in the store and wipes the words shown. Returns
 * 0 or -1 with a->error. */
int help_alert_seen(App *a);

/* The words a worker here may see for request, or NULL. */
const char *help_kept_contact(const App *a, const uint8_t request[HELP_ID_LEN]);

#endif
