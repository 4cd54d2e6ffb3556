/* defaults.h: every default path and size of chorus-kiosk and chorus-sync, in one place.
 *
 * The option tables (common/options.h) name these, and --help shows them from there, so a
 * default is written once and the help can't say another one. Paths are relative to the folder
 * the program is started in (the repository in development). */
#ifndef CHORUS_DEFAULTS_H
#define CHORUS_DEFAULTS_H

/* Both programs. */
#define DEFAULT_SURVEYS "assets/surveys" /* --surveys: every *.csv in it is a survey */

/* chorus-sync. */
#define DEFAULT_COUNCIL_DB "var/council.db"          /* --db: the council database */
#define DEFAULT_COUNCIL_KEYS "var/council"           /* --keys: what keygen wrote */
#define DEFAULT_MEASURES "assets/plan/measures.csv"  /* --measures: the action plan's measures */
#define DEFAULT_KDF_COST "moderate" /* --kdf-cost: Argon2id's cost for new locked keys (keyfile.h) */

/* chorus-kiosk. */
#define DEFAULT_KIOSK_DATA "var/kiosk"  /* --data: the kiosk's data folder */
#define DEFAULT_FONTS "assets/fonts"    /* --fonts: the bundled fonts */
#define DEFAULT_WINDOW_SIZE "1280x800"  /* --size WxH: the window */

#endif
