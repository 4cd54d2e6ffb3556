# A throwaway PostgreSQL server for the scenarios and benchmarks (sourced, never run alone):
# Debian's own binaries (the postgresql package), a new cluster in a temporary folder, listening
# on a Unix socket there only (no TCP port), stopped and removed at the end. Never assumes a
# server is running, never touches one that is. initdb refuses to run as root, so as root the
# cluster is made and run by the postgres user the package creates (runuser); as anyone else,
# by that user.
#
#   pg_start            starts it; sets PG_DIR, PG_SOCKET, PG_BIN, PG_ADMIN_URI (superuser,
#                       password in it) and PG_URI_BASE ("postgresql://chorus:PASSWORD@/");
#                       the role chorus (password PG_PASSWORD) may create databases
#   pg_createdb NAME    a new database owned by chorus; prints its URI
#   pg_psql SQL         runs SQL as the superuser on database postgres
#   pg_stop             stops the server (immediately) and removes the folder; run on EXIT too
#   pg_restart          stops it at once (as a crash would) and starts it again on the same data
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PG_PASSWORD=chorus-test-pw
PG_DIR=
PG_SOCKET=

# pg_as CMD...: runs CMD as the cluster's owner.
pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_ctl_start() {
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-k $PG_SOCKET -c listen_addresses= -p 5432 -c fsync=off -c max_connections=120" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
}

pg_start() {
  [ -x "$PG_BIN/initdb" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql)" >&2; return 1; }
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/chorus-pg.XXXXXX") || return 1
  PG_SOCKET=$PG_DIR
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  chmod 0755 "$PG_DIR"
  printf '%s\n' "$PG_PASSWORD" >"$PG_DIR/pw"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR/pw"
  pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pw" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  pg_ctl_start || return 1
  PG_ADMIN_URI="postgresql://postgres:$PG_PASSWORD@/postgres?host=$PG_SOCKET"
  PG_URI_BASE="postgresql://chorus:$PG_PASSWORD@"
  pg_psql "CREATE ROLE chorus LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" || return 1
}

pg_psql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -At "$PG_ADMIN_URI" -c "$1"
}

# pg_uri NAME: the URI of database NAME as the role chorus.
pg_uri() {
  echo "${PG_URI_BASE}/$1?host=$PG_SOCKET"
}

pg_createdb() {
  pg_psql "CREATE DATABASE \"$1\" OWNER chorus" || return 1
  pg_uri "$1"
}

# pg_query URI SQL: one query's rows, tab-separated.
pg_query() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -At -F "$(printf '\t')" "$1" -c "$2"
}

pg_restart() {
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  pg_ctl_start
}

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  [ -f "$PG_DIR/data/postmaster.pid" ] &&
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=
}
