#!/usr/bin/env bash
# A long run under mixed load (docs/performance.md, "Soak"): a fresh ledger (its jar, H2 durable, simulated clock)
# gets paced load from `wrk` in another process (scripts/wrk/soak.lua: single calls, batches, holds and captures,
# quota and package reads), its clock moved on
# SOAK_DAYS_PER_MINUTE days a minute (through month ends: closes, statements), and a what-if every 5 minutes.
# After each minute: a full collection (jcmd GC.run) and the heap used after it, open files, threads, the minute's
# requests/s, p99 and non-2xx answers, calls stored, the store's bytes a call. Nothing but the data may grow.
# First the mix's capacity is measured (30 s warm-up, then 30 s unpaced on as many connections); the soak's pacing
# should give about half of it (the table says what it got).
#   scripts/soak.sh                          30 minutes, 4 connections, 20 ms between a connection's requests
#   SOAK_MINUTES=5 scripts/soak.sh           shorter
#   SOAK_CONNECTIONS=8 WRK_DELAY_MS=40 ...   other pacing
# The table is printed as it goes and kept in $DIR/soak.md (the script says where).
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${SOAK_MINUTES:-30}"
CONNECTIONS="${SOAK_CONNECTIONS:-4}"
DAYS="${SOAK_DAYS_PER_MINUTE:-3}"
PORT="${SOAK_PORT:-18282}"
export WRK_KEY="soak-secret" WRK_DELAY_MS="${WRK_DELAY_MS:-20}"
source scripts/lib/ledger.sh
start_ledger "$PORT" "$WRK_KEY"
auth=(-H "Authorization: Bearer $WRK_KEY" -H 'Content-Type: application/json')
post() { curl -sf -o /dev/null -XPOST "$BASE$1" "${auth[@]}" -d "$2"; }
open() { post /api/v1/accounts "{\"accountId\":\"$1\",\"openedAt\":\"2026-03-10T15:00:00+08:00\"}"; }
open hot
for i in $(seq 1 100); do open "acct-$i"; done
post /api/v1/accounts/hot/packages '{"purchaseId":"po-1","service":"PHOTO_VERIFICATION","size":1000000}'

now() { curl -sf "$BASE/api/v1/admin/clock" "${auth[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["now"])'; }
days_later() { python3 -c 'import datetime,sys; print((datetime.datetime.fromisoformat(sys.argv[1]) + datetime.timedelta(days=int(sys.argv[2]))).isoformat())' "$1" "$2"; }
heap_after_full_gc_mb() {
  jcmd "$LEDGER" GC.run >/dev/null
  jcmd "$LEDGER" GC.heap_info | awk '/garbage-first heap|ZHeap|Z Heap/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); printf "%.0f", v / 1024; exit}}'
}
calls_total() {
  curl -sf "$BASE/actuator/prometheus" "${auth[@]}" | awk '/^ledger_calls_total/ {n += $2} END {printf "%.0f", n}'
}
store_bytes() { du -sb "$DIR"/ledger*.db 2>/dev/null | awk '{n += $1} END {print n + 0}'; }

# each connection its own wrk thread: a hold's capture must follow the hold on the same connection
mix() { wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$1" --latency -s scripts/wrk/soak.lua "$BASE"; }
WRK_DELAY_MS=0 mix 30s > /dev/null
capacity=$(WRK_DELAY_MS=0 mix 30s | awk '/Requests\/sec/ {print $2}')
echo "capacity of the mix, unpaced on $CONNECTIONS connections: $capacity requests/s; the soak paces each at $WRK_DELAY_MS ms"

OUT="$DIR/soak.md"
{
  echo "| minute | clock | requests/s | p99 | non-2xx | heap after full GC (MB) | open files | threads | calls stored | store bytes/call |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} | tee "$OUT"
for minute in $(seq 1 "$MINUTES"); do
  # the clock moves on half-way through the minute, under load; a what-if every 5 minutes
  (
    sleep 30
    post /api/v1/admin/clock "{\"now\":\"$(days_later "$(now)" "$DAYS")\"}" || echo "clock move failed" >&2
    if [ $((minute % 5)) -eq 0 ]; then
      post /api/v1/accounts/acct-1/what-if '{"scenario":{"tierBounds":"LOWER_INCLUSIVE"}}' || echo "what-if failed" >&2
    fi
  ) &
  mover=$!
  out=$(mix 60s)
  wait "$mover" || true
  echo "$out" >> "$DIR/wrk.log"
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  heap=$(heap_after_full_gc_mb)
  fds=$(ls "/proc/$LEDGER/fd" | wc -l)
  threads=$(ls "/proc/$LEDGER/task" | wc -l)
  calls=$(calls_total)
  bytes=$(store_bytes)
  per_call=$(awk -v b="$bytes" -v c="$calls" 'BEGIN {printf "%.0f", (c > 0 ? b / c : 0)}')
  clock=$(now | cut -c1-10)
  echo "| $minute | $clock | $rps | $p99 | ${errors:-0} | $heap | $fds | $threads | $calls | $per_call |" | tee -a "$OUT"
done
echo "soak table: $OUT; ledger log: $DIR/ledger.log; wrk output: $DIR/wrk.log"
grep -c " ERROR " "$DIR/ledger.log" | xargs echo "ERROR lines in the ledger log:"
