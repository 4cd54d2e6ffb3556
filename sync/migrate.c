/* migrate.c: `chorus-sync migrate`. See migrate.h.
 *
 * Start reading at cmd_migrate(). The work is db_migrate's (common/db.c): the backup by
 * SQLite's online backup and the upgrade in one write lock and one transaction; this says what
 * it did. */
#include "migrate.h"

#include <stdio.h>

#include "chorus_limits.h"
#include "council.h"
#include "defaults.h"
#include "sql.h"

/* Seconds to wait for another program using the database before saying it is busy. */
#define MIGRATE_WAIT_DEFAULT 10
#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x)

static int cmd_migrate(int argc, char **argv);

typedef struct {
    const char *db;
    unsigned long long wait;
} MigrateArgs;

static const Option migrate_rows[] = {
    OPT_TEXT("--db", "FILE", MigrateArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_NUMBER("--wait", "SECONDS", MigrateArgs, wait, 1, 3600,
               "how long to wait for another program using the database (default "
               TEXT_OF(MIGRATE_WAIT_DEFAULT) ")"),
    OPT_END,
};

const OptionTable migrate_options = {
    .program = "chorus-sync",
    .name = "migrate",
    .options = migrate_rows,
    .run = cmd_migrate,
    .about = "Upgrades the council database to the schema this program knows. First it copies "
             "the file whole\n(SQLite's online backup) to FILE.vN.bak, N its old version, made "
             "0600 and never over another\nfile; then, under the same lock, upgrades it in one "
             "transaction: killed or failed, the\ndatabase is as it was. Already current: "
             "nothing is done. A database newer than this program\nis refused and left "
             "untouched. Every other command refuses an older database and says to\nrun this. "
             "A PostgreSQL database (--db URI) is upgraded in one transaction likewise;\n"
             "its backup is yours to take first (pg_dump). "
             "Exit status: 0, 1 if refused or failed, " TEXT_OF(COUNCIL_EXIT_BUSY)
             " if another program held the\ndatabase (run it again).",
};

static int cmd_migrate(int argc, char **argv)
{
    MigrateArgs o;
    OptionArgs none;
    int done = options_read(&migrate_options, argc, argv, &o, &none);
    if (done >= 0)
        return done;
    char err[ERR_LEN];
    DbMigration m;
    int wait = (int)(o.wait ? o.wait : MIGRATE_WAIT_DEFAULT);
    if (council_migrate(o.db, wait * 1000, &m, err) != 0) {
        if (m.busy) {
            fprintf(stderr, "chorus-sync migrate: %s: the council database is busy (another "
                            "import, report or server is using it); nothing was changed, try "
                            "again\n",
                    o.db);
            return COUNCIL_EXIT_BUSY;
        }
        fprintf(stderr, "chorus-sync migrate: %s\n", err);
        return 1;
    }
    char name[1024];
    sql_redact(o.db, name, sizeof name);
    if (m.from == m.to) {
        printf("%s: the council database is at version %d, this program's: nothing to do\n",
               name, m.to);
        return 0;
    }
    if (!m.backup[0]) {
        printf("%s: upgraded the council database from version %d to %d\n", name, m.from,
               m.to);
        return 0;
    }
    printf("%s: upgraded the council database from version %d to %d; the version %d file is "
           "kept as %s (readable by its owner only; remove it once you are content)\n",
           o.db, m.from, m.to, m.from, m.backup);
    return 0;
}
