#!/usr/bin/env bash
# The HTTP figures measured from outside the ledger's process (docs/performance.md): `wrk` (Debian package,
# installed when missing) loads a fresh ledger (its jar, H2 durable, simulated clock standing in March 2026)
# from another process, and the table gives each figure beside the trivial-request ceiling of the same run.
#   scripts/wrk-bench.sh                  20 s a phase, 16 connections, on H2
#   WRK_SECONDS=60 scripts/wrk-bench.sh   longer phases
#   WRK_DB=postgres scripts/wrk-bench.sh  on PostgreSQL (a fresh database on 127.0.0.1:5432, user postgres;
#                                         WRK_PG_HOST, WRK_PG_USER to change them)
#   WRK_ONLY=holds scripts/wrk-bench.sh   some phases only (calls, batch, holds, reads), after the ceiling
#   WRK_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/wrk.jfr,settings=profile" scripts/wrk-bench.sh
#                                         the ledger under a JFR profile (jfr print --events jdk.ExecutionSample)
#   LEDGER_JAVA=/path/to/java scripts/wrk-bench.sh  the ledger on another JVM (e.g. Temurin 25)
# Besides each phase's rate and latency it prints the ledger process's CPU time per single call (all its threads,
# from /proc) and, on H2, the store's bytes per stored call while it runs and after a clean stop.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PHASE="${WRK_SECONDS:-20}"
PORT="${WRK_PORT:-18181}"
export WRK_KEY="wrk-bench-secret"
STORE=()
if [ "${WRK_DB:-h2}" = "postgres" ]; then
  PG_DB="wrk_bench_$(date -u +%Y%m%d%H%M%S)"
  psql -q -h "${WRK_PG_HOST:-127.0.0.1}" -U "${WRK_PG_USER:-postgres}" -c "CREATE DATABASE $PG_DB" postgres
  STORE=(--spring.datasource.url="jdbc:postgresql://${WRK_PG_HOST:-127.0.0.1}:5432/$PG_DB"
         --spring.datasource.username="${WRK_PG_USER:-postgres}")
fi
source scripts/lib/ledger.sh
LEDGER_JVM_OPTS="${WRK_JVM_OPTS:-}" start_ledger "$PORT" "$WRK_KEY" "${STORE[@]}"
open() {
  curl -sf -o /dev/null -XPOST "$BASE/api/v1/accounts" -H "Authorization: Bearer $WRK_KEY" \
    -H 'Content-Type: application/json' -d "{\"accountId\":\"$1\",\"openedAt\":\"2026-03-10T15:00:00+08:00\"}"
}
open hot
export -f open; export BASE
seq 1 1000 | xargs -P 8 -I{} bash -c 'open acct-{}'
curl -sf -o /dev/null -XPOST "$BASE/api/v1/accounts/hot/packages" -H "Authorization: Bearer $WRK_KEY" \
  -H 'Content-Type: application/json' -d '{"purchaseId":"po-1","service":"PHOTO_VERIFICATION","size":1000000}'

# CPU time the ledger's process has used so far, in microseconds (all threads, user and system)
cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000000 / hz}' "/proc/$LEDGER/stat"; }
# calls metered by the ledger so far (ledger_calls_total, every service and payer)
calls_total() {
  curl -sf "$BASE/actuator/prometheus" -H "Authorization: Bearer $WRK_KEY" \
    | awk '/^ledger_calls_total/ {n += $2} END {printf "%.0f", n}'
}
# the steps the openings made due (3,003 grant activations, due at the next midnight, which the simulated clock has
# passed) run in the background; measuring while they run would charge their CPU to the calls (JFR: a fifth of the
# samples of a batch phase), so wait for them
steps_left() {
  curl -sf "$BASE/actuator/prometheus" -H "Authorization: Bearer $WRK_KEY" \
    | awk '/^ledger_scheduled_steps\{status="(DUE|RUNNING)"/ {n += $2} END {printf "%.0f", n}'
}
STEPS_T0=$SECONDS
for _ in $(seq 1 600); do [ "$(steps_left)" = "0" ] && break; sleep 1; done
echo "time-driven steps made due by the 1,001 openings: done in $((SECONDS - STEPS_T0)) s ($(steps_left) left)"
# one phase: wrk with a script; prints "requests/s p50 p99 errors"
phase() { # $1 threads, $2 connections, $3 script, rest: env
  local out
  out=$(env "${@:4}" wrk -t"$1" -c"$2" -d"${SECONDS_PER_PHASE}s" --latency -s "scripts/wrk/$3" "$BASE")
  echo "$out" >> "$DIR/wrk.log"
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$rps $p50 $p99 ${errors:-0}"
}
# is phase $1 wanted? (WRK_ONLY: a comma-separated list; unset: every phase)
wanted() { [ -z "${WRK_ONLY:-}" ] || [[ ",$WRK_ONLY," == *",$1,"* ]]; }
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
# warm-up, not reported: the JIT compiles the request path (15 s of load was not enough: the figures after it were
# 2–5× below a warm run; docs/performance.md) and the hot account's group-commit lanes are exercised
WRK_SECONDS_SAVED=$SECONDS_PER_PHASE; SECONDS_PER_PHASE="${WRK_WARMUP:-40}"
phase 2 16 get.lua WRK_PATH=/api/v1/admin/clock > /dev/null
if wanted calls || wanted reads; then phase 2 16 calls.lua WRK_ACCOUNT=acct-999 > /dev/null; fi
if wanted holds; then phase 16 16 holds.lua WRK_ACCOUNT=acct-998 > /dev/null; fi
SECONDS_PER_PHASE=$WRK_SECONDS_SAVED
echo "| phase | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
read -r rps p50 p99 err < <(phase 2 16 get.lua WRK_PATH=/api/v1/admin/clock); CEIL=$rps
row "ceiling: GET /api/v1/admin/clock, 16 connections" "$rps" "$p50" "$p99" "$err"
if wanted calls; then
CPU0=$(cpu_us); CALLS0=$(calls_total)
read -r rps p50 p99 err < <(phase 2 16 calls.lua)
CPU1=$(cpu_us); CALLS1=$(calls_total)
row "single calls, 1 hot account, 16 connections (calls/s)" "$rps ($(awk "BEGIN {printf \"%.0f\", 100 * $rps / $CEIL}") % of the ceiling)" "$p50" "$p99" "$err"
CPU_PER_CALL=$(awk "BEGIN {printf \"%.0f\", ($CPU1 - $CPU0) / ($CALLS1 - $CALLS0)}")
fi
if wanted batch; then
CPU0=$(cpu_us); CALLS0=$(calls_total); T0=$(date +%s%N)
read -r rps p50 p99 err < <(phase 2 4 batch.lua WRK_BATCH=1000 WRK_ACCOUNTS=1000)
CPU1=$(cpu_us); CALLS1=$(calls_total); T1=$(date +%s%N)
row "calls:batch 1000 over 1000 accounts, 4 connections (calls/s = 1000 × requests/s)" "$(awk "BEGIN {printf \"%.0f\", 1000 * $rps}")" "$p50" "$p99" "$err"
BATCH_CPU=$(awk "BEGIN {printf \"%.0f µs a call, %.2f cores busy\", ($CPU1 - $CPU0) / ($CALLS1 - $CALLS0), ($CPU1 - $CPU0) * 1000 / ($T1 - $T0)}")
fi
if wanted holds; then
read -r rps p50 p99 err < <(phase 16 16 holds.lua)
row "hold + capture, 1 hot account, 16 connections (pairs/s = requests/s ÷ 2)" "$(awk "BEGIN {printf \"%.0f\", $rps / 2}")" "$p50" "$p99" "$err"
fi
if wanted reads; then
WRK_ACCOUNT=acct-7 env WRK_ACCOUNT=acct-7 wrk -t1 -c8 -d"$((2 * SECONDS_PER_PHASE + 6))s" -s scripts/wrk/calls.lua "$BASE" > "$DIR/background.log" &
BG=$!
sleep 2
read -r rps p50 p99 err < <(phase 1 4 get.lua WRK_PATH=/api/v1/accounts/acct-7/quota)
row "quota reads, 4 connections, while 8 connections meter the same account" "$rps" "$p50" "$p99" "$err"
read -r rps p50 p99 err < <(phase 1 4 get.lua WRK_PATH=/api/v1/accounts/acct-7/statements/2026-03)
row "statement reads, 4 connections, while 8 connections meter the same account" "$rps" "$p50" "$p99" "$err"
wait $BG
fi
[ -n "${BATCH_CPU:-}" ] && echo "JVM CPU in the batch phase: $BATCH_CPU"
[ -n "${CPU_PER_CALL:-}" ] && echo "JVM CPU per single call (process CPU time ÷ calls metered in the phase): $CPU_PER_CALL µs"
echo "group commit (items per unit of work, over the whole run): $(curl -sf "$BASE/actuator/prometheus" \
  -H "Authorization: Bearer $WRK_KEY" | awk '/^ledger_group_commit_size_(count|sum)/ {
    split($1, k, "kind=\""); split(k[2], kind, "\""); n[kind[1]] += ($1 ~ /_count/) ? $2 : 0;
    s[kind[1]] += ($1 ~ /_sum/) ? $2 : 0 } END { for (x in n) if (n[x] > 0) printf "%s %.1f (%d groups) ", x, s[x] / n[x], n[x] }')"
if [ "${WRK_DB:-h2}" = "postgres" ]; then
  echo "store: PostgreSQL database $PG_DB, $(psql -tA -h "${WRK_PG_HOST:-127.0.0.1}" -U "${WRK_PG_USER:-postgres}" \
    -c "SELECT pg_size_pretty(pg_database_size('$PG_DB'))" postgres) after the run; wrk output: $DIR/wrk.log"
else
  STORED=$(calls_total)
  RUNNING=$(stat -c %s "$DIR/ledger.mv.db")
  kill "$LEDGER"; wait "$LEDGER" 2>/dev/null || true # a clean stop (compacts the file: ledger.h2-compact-on-stop)
  STOPPED=$(stat -c %s "$DIR/ledger.mv.db")
  echo "store: $RUNNING B while running, $STOPPED B after a clean stop, for $STORED calls:" \
    "$(awk "BEGIN {printf \"%.0f / %.0f\", $RUNNING / $STORED, $STOPPED / $STORED}") B per stored call; wrk output: $DIR/wrk.log"
fi
