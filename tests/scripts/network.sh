#!/bin/sh
# Answers over the network, on loopback only: a real `chorus-sync serve` on 127.0.0.1 (a free
# port it picks itself and logs), real `chorus-kiosk sync` processes, and tests/tools/netpoke
# for the clients no kiosk would be (one that only sends headers, a slow one, a silent one, a
# proxy that cuts the answer off). Every wait is a loop bounded in count and time.
#
#   upload + receipt (HTTPS, the server's key pinned), a pack fetched and installed; the same
#   bundle twice (same receipt, nothing stored twice); an unenrolled and a revoked kiosk
#   refused from the headers alone; an oversized body 413 from the headers alone; the server
#   SIGKILLed mid-upload, then the kiosk's retry; the connection cut after the council stored
#   a bundle and before the kiosk read its receipt; the kiosk's sync SIGKILLed at random
#   points (NET_KILLS, default 8); slow and silent clients, and clients trickling their headers
#   a byte a second, dropped at the deadline without holding a slot while a kiosk uploads;
#   SIGTERM finishing an import under way; a wrong certificate refused with nothing sent; the
#   server's key rotated by a signed pack (the new pin fetched over the old key, then the new
#   key trusted and the old one refused), and its URL set by a pack.
# slow: about 25 s (slow clients timed out, a 6,000-response import stopped by SIGTERM);
. tests/scripts/lib.sh
. tests/net_lib.sh

# --- a certificate of the council's server, and its pin
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
  -subj /CN=council -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null ||
  fail "openssl could not make a certificate"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
  -subj /CN=council -keyout "$WORK/other-key.pem" -out "$WORK/other-cert.pem" 2>/dev/null ||
  fail "openssl could not make a second certificate"
pin_of() {
  echo "sha256//$(openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der |
    openssl dgst -sha256 -binary | base64)"
}
PIN=$(pin_of "$WORK/cert.pem")

# --- 1. upload and receipt over HTTPS, with a pack to fetch
kiosk "$WORK/k1" 30 1
enrol hub "$WORK/k1"
mkdir -p "$WORK/packs"
"$SYNC" pack --out "$WORK/packs/a.pack" --keys "$COUNCIL" --surveys assets/surveys --sequence 5 \
  >/dev/null 2>&1 || fail "pack"
"$SYNC" serve --listen 0.0.0.0:0 --db "$DB" --keys "$COUNCIL" 2>"$WORK/plain.err" &&
  fail "plain HTTP on a non-loopback address was accepted"
grep -q "plain HTTP only on a loopback address" "$WORK/plain.err" || fail "plain HTTP refusal: $(cat "$WORK/plain.err")"
serve tls --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --packs "$WORK/packs"
URL="https://127.0.0.1:$PORT"
sync_once "$WORK/k1" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" && fail "https without a pin was accepted"
grep -q "no pin" "$WORK/s.err" || fail "no pin: $(cat "$WORK/s.err")"
sync_once "$WORK/k1" "$URL" --pin "$PIN" --verbose >"$WORK/s.out" 2>"$WORK/s.err" ||
  fail "sync: $(cat "$WORK/s.err" "$WORK/s.out")"
grep -q "sent 30 records, 30 receipted" "$WORK/s.out" || fail "sync said: $(cat "$WORK/s.out")"
grep -q "pack 5 installed" "$WORK/s.out" || fail "the pack was not installed: $(cat "$WORK/s.out")"
[ "$(held)" = 30 ] || fail "the council holds $(held), not 30"
[ "$(on_kiosk "$WORK/k1")" = 0 ] || fail "the kiosk still holds $(on_kiosk "$WORK/k1")"
[ "$(cat "$WORK/k1/server.pin")" = "$PIN" ] || fail "the pin was not kept"
[ -z "$(ls "$WORK/k1/outbox")" ] || fail "files left in the outbox: $(ls "$WORK/k1/outbox")"
"$KIOSK" --data "$WORK/k1" status >"$WORK/status.out" 2>&1 || fail "status"
grep -qx "last receipt over the network: $(date +%Y-%m-%d)" "$WORK/status.out" ||
  fail "status does not say when answers last went (the day only): $(cat "$WORK/status.out")"
# the pin is kept: a second go needs no --pin; nothing waits, nothing newer
sync_once "$WORK/k1" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" || fail "second sync: $(cat "$WORK/s.err")"
grep -q "nothing waits" "$WORK/s.out" || fail "second sync said: $(cat "$WORK/s.out")"
grep -q "GET /v1/pack kiosk hub (key [0-9a-f]*): 204" "$WORK/tls.log" || fail "no 204 for the pack"

# --- 2. the same bundle twice: the same receipt, nothing stored twice
kiosk "$WORK/k1" 12 2
"$KIOSK" --data "$WORK/k1" export --out "$WORK/twice.bundle" >/dev/null || fail "export"
K1=$(key_of "$WORK/twice.bundle")
for n in 1 2; do
  curl -sS --pinnedpubkey "$PIN" -k -o "$WORK/r$n" -w "%{http_code}" -H "X-Chorus-Kiosk: $K1" \
    --data-binary @"$WORK/twice.bundle" "$URL/v1/bundle" >"$WORK/code$n" || fail "curl $n"
  [ "$(cat "$WORK/code$n")" = 200 ] || fail "upload $n: $(cat "$WORK/code$n")"
done
cmp -s "$WORK/r1" "$WORK/r2" || fail "a repeat of a bundle got another receipt"
[ "$(held)" = 42 ] && [ "$(distinct)" = 42 ] || fail "after the same bundle twice the council holds $(held)"
# the receipt is the one `import` writes for the same file
cp "$DB" "$WORK/copy.db"
"$SYNC" import --db "$WORK/copy.db" --keys "$COUNCIL" --receipts "$WORK" "$WORK/twice.bundle" \
  >/dev/null 2>&1 || fail "import of the same bundle"
cmp -s "$WORK/twice.bundle.receipt" "$WORK/r1" || fail "serve's receipt is not import's"
"$KIOSK" --data "$WORK/k1" import-receipt "$WORK/r1" >/dev/null || fail "the kiosk refused serve's receipt"
stop
grep -q "stopped:" "$WORK/tls.log" || fail "no stop line"

# --- 3. unenrolled, revoked, oversized: refused from the headers alone
serve plain --max-body 4096
URL="http://127.0.0.1:$PORT"
kiosk "$WORK/stranger" 5 3
sync_once "$WORK/stranger" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" && fail "an unenrolled kiosk was accepted"
grep -q "403: kiosk key [0-9a-f]* is not enrolled" "$WORK/s.err" || fail "unenrolled: $(cat "$WORK/s.err")"
[ "$(on_kiosk "$WORK/stranger")" = 5 ] || fail "the unenrolled kiosk lost responses"
"$KIOSK" --data "$WORK/stranger" export --out "$WORK/stranger.bundle" >/dev/null || fail "export"
KS=$(key_of "$WORK/stranger.bundle")
"$NETPOKE" headers "$PORT" "$KS" 500000000 >"$WORK/h.out" || fail "no answer to the headers of a 500 MB upload"
grep -q " 403 " "$WORK/h.out" || fail "unenrolled 500 MB upload: $(cat "$WORK/h.out")"
"$NETPOKE" headers "$PORT" "$K1" 500000000 >"$WORK/h.out" || fail "no answer to an oversized upload"
grep -q " 413 " "$WORK/h.out" || fail "oversized: $(cat "$WORK/h.out")"
kiosk "$WORK/big" 200 4
enrol big "$WORK/big"
sync_once "$WORK/big" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" && fail "an oversized bundle was accepted"
grep -q "answered 413" "$WORK/s.err" || fail "oversized sync: $(cat "$WORK/s.err")"
[ "$(on_kiosk "$WORK/big")" = 200 ] || fail "the kiosk lost responses to a 413"
kiosk "$WORK/lost" 3 5
enrol lost "$WORK/lost"
"$SYNC" revoke --db "$DB" lost >/dev/null 2>&1 || fail "revoke"
before=$(held)
sync_once "$WORK/lost" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" && fail "a revoked kiosk was accepted"
grep -q "403: kiosk 'lost' is revoked" "$WORK/s.err" || fail "revoked: $(cat "$WORK/s.err")"
[ "$(held)" = "$before" ] || fail "a revoked kiosk's bundle was stored"
grep -q "POST /v1/bundle kiosk lost (key [0-9a-f]*): 403" "$WORK/plain.log" || fail "no log line names the revoked kiosk"
stop

# --- 4. the server SIGKILLed mid-upload; the kiosk's retry
serve kill
URL="http://127.0.0.1:$PORT"
"$KIOSK" --data "$WORK/big" export --out "$WORK/big.bundle" >/dev/null || fail "export big"
kiosk "$WORK/huge" 4000 6
enrol huge "$WORK/huge"
"$KIOSK" --data "$WORK/huge" export --out "$WORK/huge.bundle" >/dev/null || fail "export huge"
KH=$(key_of "$WORK/huge.bundle")
curl -sS --limit-rate 100k -o /dev/null -H "X-Chorus-Kiosk: $KH" --data-binary @"$WORK/huge.bundle" \
  "$URL/v1/bundle" 2>/dev/null &
CURL=$!
sleep 1
kill -9 "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null
SERVE_PID=
wait "$CURL" && fail "the upload went through a killed server"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity after the kill"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM response WHERE kiosk = 'huge'")" = 0 ] || fail "part of a bundle stored"
serve kill2
URL="http://127.0.0.1:$PORT"
sync_once "$WORK/huge" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" || fail "retry after the kill: $(cat "$WORK/s.err")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM response WHERE kiosk = 'huge'")" = 4000 ] || fail "after the retry"
[ "$(on_kiosk "$WORK/huge")" = 0 ] || fail "the kiosk kept what the council holds"

# --- 5. the connection cut after the council stored, before the kiosk read its receipt
kiosk "$WORK/cut" 25 7
enrol cut "$WORK/cut"
"$NETPOKE" cut "$WORK/proxy.port" "$PORT" 1 >"$WORK/proxy.out" &
PROXY=$!
i=0
while [ ! -s "$WORK/proxy.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sync_once "$WORK/cut" "http://127.0.0.1:$(cat "$WORK/proxy.port")" >"$WORK/s.out" 2>"$WORK/s.err" &&
  fail "a cut connection counted as receipted"
wait "$PROXY" || fail "the proxy failed"
grep -q 'dropped the answer "HTTP/1.1 200' "$WORK/proxy.out" || fail "proxy: $(cat "$WORK/proxy.out")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM response WHERE kiosk = 'cut'")" = 25 ] || fail "not stored before the cut"
[ "$(on_kiosk "$WORK/cut")" = 25 ] || fail "the kiosk deleted without a receipt"
[ -e "$WORK/cut/outbox/pending.bundle" ] || fail "the bundle was not kept for the retry"
cp "$WORK/cut/outbox/pending.bundle" "$WORK/cut-first.bundle"
sync_once "$WORK/cut" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" || fail "retry after the cut: $(cat "$WORK/s.err")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM response WHERE kiosk = 'cut'")" = 25 ] || fail "stored twice after the cut"
[ "$(on_kiosk "$WORK/cut")" = 0 ] || fail "the retry's receipt was not applied"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM bundle WHERE kiosk = 'cut'")" = 1 ] || fail "the retry was a new bundle, not the same one"

# --- 6. the kiosk's sync SIGKILLed at random points, then one go that completes
kiosk "$WORK/kk" 600 8
enrol kk "$WORK/kk"
made=600
kills=${NET_KILLS:-8}
k=0
while [ $k -lt "$kills" ]; do
  sync_once "$WORK/kk" "$URL" >/dev/null 2>&1 &
  p=$!
  sleep "0.$(od -An -tu2 -N2 /dev/urandom | tr -d ' ' | cut -c1-2)"
  kill -9 $p 2>/dev/null
  wait $p 2>/dev/null
  kiosk "$WORK/kk" 50 $((100 + k))
  made=$((made + 50))
  k=$((k + 1))
done
sync_once "$WORK/kk" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" || fail "after the kills: $(cat "$WORK/s.err")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM response WHERE kiosk = 'kk'")" = "$made" ] ||
  fail "after $kills kills the council holds $(sqlite3 "$DB" "SELECT count(*) FROM response WHERE kiosk = 'kk'") of $made"
[ "$(sqlite3 "$DB" "SELECT count(DISTINCT id) FROM response WHERE kiosk = 'kk'")" = "$made" ] || fail "duplicates"
[ "$(on_kiosk "$WORK/kk")" = 0 ] || fail "the kiosk kept $(on_kiosk "$WORK/kk") after the kills"
[ "$(sqlite3 "$WORK/kk/kiosk.db" 'PRAGMA integrity_check')" = ok ] || fail "kiosk integrity"
stop

# --- 7. slow and silent clients are dropped and hold no slot: a body a byte a second, headers a
# byte a second (never silent for --timeout, cut by the --request-seconds deadline), silence
serve slow --connections 5 --timeout 2 --request-seconds 3
URL="http://127.0.0.1:$PORT"
"$NETPOKE" trickle "$PORT" "$K1" 12 >"$WORK/t1.out" &
T1=$!
"$NETPOKE" crawl "$PORT" "$K1" 12 >"$WORK/t2.out" &
T2=$!
"$NETPOKE" silent "$PORT" 12 >"$WORK/t3.out" &
T3=$!
"$NETPOKE" crawl "$PORT" "$K1" 12 >"$WORK/t4.out" &
T4=$!
sleep 0.5
kiosk "$WORK/k1" 4 9
sync_once "$WORK/k1" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" || fail "sync beside slow clients: $(cat "$WORK/s.err")"
wait $T1 || fail "a trickling client was not dropped: $(cat "$WORK/t1.out")"
wait $T2 || fail "a client trickling its headers was not dropped: $(cat "$WORK/t2.out")"
wait $T3 || fail "a silent client was not dropped: $(cat "$WORK/t3.out")"
wait $T4 || fail "a client trickling its headers was not dropped: $(cat "$WORK/t4.out")"
for t in t1 t2 t3 t4; do
  s=$(sed -n 's/closed after \([0-9]*\) s/\1/p' "$WORK/$t.out")
  [ -n "$s" ] && [ "$s" -le 7 ] || fail "$t held its slot: $(cat "$WORK/$t.out")"
done
grep -q "dropped: the body took more than 3 s" "$WORK/slow.log" || fail "no log of a dropped slow body"
grep -q "dropped: no whole request within 3 s (headers still arriving)" "$WORK/slow.log" ||
  fail "no log of dropped slow headers"
# every slot taken by clients trickling their headers, then free again: a kiosk gets through
pokes=
for n in 1 2 3 4 5; do
  "$NETPOKE" crawl "$PORT" "$K1" 12 >/dev/null &
  pokes="$pokes $!"
done
sleep 5
kiosk "$WORK/k1" 2 10
sync_once "$WORK/k1" "$URL" >"$WORK/s.out" 2>"$WORK/s.err" || fail "sync after the slots were freed: $(cat "$WORK/s.err")"
for p in $pokes; do wait "$p" || fail "a client trickling its headers kept its slot"; done
stop
# the seven clients trickling their headers were cut by the deadline (and the body too)
cuts=$(sed -n 's/.*stopped: .* \([0-9]*\) connections cut at the deadline/\1/p' "$WORK/slow.log")
[ -n "$cuts" ] && [ "$cuts" -ge 7 ] || fail "the deadline cut: $(grep stopped "$WORK/slow.log")"

# --- 8. SIGTERM while a large bundle is imported: it finishes (or rolls back) whole
kiosk "$WORK/term" 6000 11
enrol term "$WORK/term"
"$KIOSK" --data "$WORK/term" export --out "$WORK/term.bundle" >/dev/null || fail "export term"
serve term
KT=$(key_of "$WORK/term.bundle")
curl -sS -o "$WORK/term.receipt" -w "%{http_code}" -H "X-Chorus-Kiosk: $KT" --data-binary @"$WORK/term.bundle" \
  "http://127.0.0.1:$PORT/v1/bundle" >"$WORK/term.code" 2>/dev/null &
CURL=$!
i=0
while ! grep -q "POST" "$WORK/term.log" && [ $i -lt 3 ] && sleep 0.1; do i=$((i + 1)); done
stop
wait "$CURL"
n=$(sqlite3 "$DB" "SELECT count(*) FROM response WHERE kiosk = 'term'")
[ "$n" = 0 ] || [ "$n" = 6000 ] || fail "SIGTERM left $n of 6000 responses of a bundle"
[ "$n" = 0 ] || [ "$(cat "$WORK/term.code")" = 200 ] || fail "stored, but the answer was $(cat "$WORK/term.code")"
[ "$n" = 0 ] || "$KIOSK" --data "$WORK/term" import-receipt "$WORK/term.receipt" >/dev/null ||
  fail "the receipt sent while stopping was refused"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity after SIGTERM"

# --- 9. a wrong certificate: refused, nothing sent
serve other --tls-cert "$WORK/other-cert.pem" --tls-key "$WORK/other-key.pem"
kiosk "$WORK/k1" 3 12
before=$(held)
sync_once "$WORK/k1" "https://127.0.0.1:$PORT" >"$WORK/s.out" 2>"$WORK/s.err" && fail "a wrong certificate was trusted"
grep -q "not the one this kiosk trusts" "$WORK/s.err" || fail "wrong certificate: $(cat "$WORK/s.err")"
[ "$(held)" = "$before" ] || fail "something was stored through a wrong certificate"
grep -q "POST" "$WORK/other.log" && fail "a request reached the server with the wrong certificate"
stop

# --- 10. the server's key changes, and a signed pack tells the kiosk (fetched over the old key)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
  -subj /CN=council -keyout "$WORK/next-key.pem" -out "$WORK/next-cert.pem" 2>/dev/null ||
  fail "openssl could not make the next certificate"
NEXT=$(pin_of "$WORK/next-cert.pem")
mkdir -p "$WORK/packs2"
"$SYNC" pack --out "$WORK/packs2/bad.pack" --keys "$COUNCIL" --surveys assets/surveys --sequence 6 \
  --server-pin "sha256//not-a-key" >/dev/null 2>"$WORK/bad.err" && fail "a malformed pin was packed"
grep -q "server-pin sha256//not-a-key: pin 1 is not sha256//BASE64" "$WORK/bad.err" ||
  fail "malformed pin: $(cat "$WORK/bad.err")"
[ -e "$WORK/packs2/bad.pack" ] && fail "a pack was written with a malformed pin"
# the change as a council makes it: a pack trusting both keys, the server switched, then a pack
# trusting only the new key
"$SYNC" pack --out "$WORK/packs2/b.pack" --keys "$COUNCIL" --surveys assets/surveys --sequence 6 \
  --server-pin "$PIN;$NEXT" >/dev/null 2>&1 || fail "pack with two pins"
serve rot1 --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --packs "$WORK/packs2"
kiosk "$WORK/k1" 2 13
sync_once "$WORK/k1" "https://127.0.0.1:$PORT" >"$WORK/s.out" 2>"$WORK/s.err" ||
  fail "sync before the rotation: $(cat "$WORK/s.err")"
grep -q "pack 6 installed" "$WORK/s.out" || fail "the pack with the pin: $(cat "$WORK/s.out")"
[ "$(cat "$WORK/k1/server.pin")" = "$PIN;$NEXT" ] || fail "the pack did not replace the pin: $(cat "$WORK/k1/server.pin")"
[ "$(on_kiosk "$WORK/k1")" = 0 ] || fail "the kiosk kept what the server holds"
stop
serve rot2 --tls-cert "$WORK/next-cert.pem" --tls-key "$WORK/next-key.pem" --packs "$WORK/packs2"
NEW_URL="https://127.0.0.1:$PORT"
kiosk "$WORK/k1" 3 14
sync_once "$WORK/k1" "$NEW_URL" >"$WORK/s.out" 2>"$WORK/s.err" ||
  fail "sync with the new server key: $(cat "$WORK/s.err")"
[ "$(on_kiosk "$WORK/k1")" = 0 ] || fail "the kiosk kept what the new server holds"
# the old key dropped, and the server's address from a pack too: then sync needs no --server
"$SYNC" pack --out "$WORK/packs2/c.pack" --keys "$COUNCIL" --surveys assets/surveys --sequence 7 \
  --server-pin "$NEXT" --server-url "$NEW_URL" >/dev/null 2>&1 || fail "pack with a URL"
sync_once "$WORK/k1" "$NEW_URL" >"$WORK/s.out" 2>"$WORK/s.err" || fail "sync for pack 7: $(cat "$WORK/s.err")"
[ "$(cat "$WORK/k1/server.url")" = "$NEW_URL" ] || fail "the pack did not set the URL"
[ "$(cat "$WORK/k1/server.pin")" = "$NEXT" ] || fail "pack 7 did not drop the old pin"
kiosk "$WORK/k1" 2 15
"$KIOSK" --data "$WORK/k1" sync --once >"$WORK/s.out" 2>"$WORK/s.err" ||
  fail "sync to the pack's URL: $(cat "$WORK/s.err")"
[ "$(on_kiosk "$WORK/k1")" = 0 ] || fail "sync to the pack's URL left records"
stop
serve rot3 --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem"
kiosk "$WORK/k1" 2 16
before=$(held)
sync_once "$WORK/k1" "https://127.0.0.1:$PORT" >"$WORK/s.out" 2>"$WORK/s.err" &&
  fail "the old server key was trusted after the rotation"
grep -q "not the one this kiosk trusts" "$WORK/s.err" || fail "old key: $(cat "$WORK/s.err")"
[ "$(held)" = "$before" ] || fail "something was stored through the old key"
stop

# --- the log never holds an answer: the text answers of how_was_today are not in any log
for log in "$WORK"/*.log; do
  grep -v "^chorus-sync serve: \(listening\|SIGTERM\|stopped\|POST\|GET\|- -\|libmicrohttpd: Application reported\)" "$log" |
    grep -v "warning: council keys" | grep -q . && fail "$log has lines of another kind: $(cat "$log")"
done
echo "network: ok"
