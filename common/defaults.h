/* defaults.h: every default path and size of chorus-kiosk and chorus-sync, in one place.
 *
 * The option tables (common/options.h) name these, and --help shows them from there, so a
 * default is written once and the help can't say another one.
 *
 * Where they point is chosen when the programs are compiled. A plain build (make, make run)
 * keeps the source tree's folders, relative to where the program is started: assets/ and var/
 * of the repository. `make install` and the Debian package compile in the installed places
 * instead (the Makefile's SHARE_DIR, KIOSK_DIR and COUNCIL_DIR), so an installed program runs
 * from any folder and never reads a source tree:
 *   CHORUS_SHARE_DIR    fonts, pictures, recordings, starter surveys, measures (PREFIX/share/chorus)
 *   CHORUS_KIOSK_DIR    the kiosk's data folder (/var/lib/chorus)
 *   CHORUS_COUNCIL_DIR  the council's database and keys (/var/lib/chorus-council) */
#ifndef CHORUS_DEFAULTS_H
#define CHORUS_DEFAULTS_H

#ifndef CHORUS_SHARE_DIR
#define CHORUS_SHARE_DIR "assets"
#endif
#ifndef CHORUS_KIOSK_DIR
#define CHORUS_KIOSK_DIR "var/kiosk"
#endif
#ifndef CHORUS_COUNCIL_DIR
#define CHORUS_COUNCIL_DIR "var"
#endif

/* Both programs. */
#define DEFAULT_SURVEYS CHORUS_SHARE_DIR "/surveys" /* --surveys: every *.csv in it is a survey */

/* chorus-sync. */
#define DEFAULT_COUNCIL_DB CHORUS_COUNCIL_DIR "/council.db" /* --db: the council database */
#define DEFAULT_COUNCIL_KEYS CHORUS_COUNCIL_DIR "/council"  /* --keys: what keygen wrote */
/* --measures: the action plan's measures */
#define DEFAULT_MEASURES CHORUS_SHARE_DIR "/plan/measures.csv"
#define DEFAULT_KDF_COST "moderate" /* --kdf-cost: Argon2id's cost for new locked keys (keyfile.h) */

/* chorus-kiosk. */
#define DEFAULT_KIOSK_DATA CHORUS_KIOSK_DIR        /* --data: the kiosk's data folder */
#define DEFAULT_FONTS CHORUS_SHARE_DIR "/fonts"   /* --fonts: the bundled fonts */
#define DEFAULT_WINDOW_SIZE "1280x800"  /* --size WxH: the window */

#endif
