# Shared by the scenario scripts: sourced, never run alone (run.sh runs only *.sh files that
# are not this one). Sets up council keys and a kiosk data folder with a PIN, and runs scripts.
#   BUILD  the build folder;  WORK  a fresh folder for this scenario
BUILD=$1
WORK=$2
KIOSK="$BUILD/chorus-kiosk"
SYNC="$BUILD/chorus-sync"
DATA="$WORK/kiosk"
PIN=246810

fail() { echo "FAIL: $*" >&2; exit 1; }

# Council keys and a provisioned kiosk with worker PIN $PIN.
setup_kiosk() {
  "$SYNC" keygen --dir "$WORK/council" >/dev/null || fail "keygen"
  echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin >/dev/null || fail "set-pin"
  "$KIOSK" --data "$DATA" --council-key "$WORK/council/council-box.pub" status >/dev/null ||
    fail "provisioning the council key"
}

# kiosk_script FILE [extra options]: runs a script headless, screenshots into $WORK/shots.
kiosk_script() {
  script=$1
  shift
  "$KIOSK" --data "$DATA" --headless --script "$script" --shots "$WORK/shots" "$@"
}

# responses: how many responses the kiosk holds.
responses() {
  sqlite3 "$DATA/kiosk.db" 'SELECT count(*) FROM response'
}
