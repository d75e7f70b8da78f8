#!/usr/bin/env bash
# Usage from Kafka, end to end (docs/kafka.md, docs/performance.md): a local broker (scripts/kafka-local.sh, on
# its own port and a fresh directory) and a fresh ledger from its jar (scripts/lib/ledger.sh) consuming it; N
# usage records for ACCOUNTS accounts are published by the console producer, and the clock runs from the first
# record sent until the ledger has finished the last one (its outcome acknowledged; the offsets commit right
# after). It checks that every record was charged once: metered = N, nothing in the dead letters.
#   scripts/kafka-bench.sh                       100,000 records over 1,000 accounts, on H2
#   KB_RECORDS=30000 KB_ACCOUNTS=100 scripts/kafka-bench.sh
#   KB_DB=postgres scripts/kafka-bench.sh        on PostgreSQL (a fresh database on 127.0.0.1:5432, user postgres)
#   KB_LEDGER_ARGS="--ledger.kafka.max-poll-records=2000" scripts/kafka-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS="${KB_RECORDS:-100000}"
ACCOUNTS="${KB_ACCOUNTS:-1000}"
PORT="${KB_PORT:-18383}"
export KAFKA_PORT="${KB_KAFKA_PORT:-19092}"
export KAFKA_DIR; KAFKA_DIR="$(mktemp -d)/kafka"
KEY="kafka-bench-secret"
STORE=()
if [ "${KB_DB:-h2}" = "postgres" ]; then
  PG_DB="kafka_bench_$(date -u +%Y%m%d%H%M%S)"
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $PG_DB" postgres
  STORE=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$PG_DB" --spring.datasource.username=postgres)
fi
scripts/kafka-local.sh start
source scripts/lib/ledger.sh
# shellcheck disable=SC2086
start_ledger "$PORT" "$KEY" "${STORE[@]}" --ledger.kafka.bootstrap-servers="localhost:$KAFKA_PORT" ${KB_LEDGER_ARGS:-}
trap 'kill $LEDGER 2>/dev/null; wait $LEDGER 2>/dev/null || true; scripts/kafka-local.sh stop >/dev/null' EXIT
open() {
  curl -sf -o /dev/null -XPOST "$BASE/api/v1/accounts" -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -d "{\"accountId\":\"$1\",\"openedAt\":\"2026-03-10T15:00:00+08:00\"}"
}
export -f open; export BASE KEY
seq 1 "$ACCOUNTS" | xargs -P 8 -I{} bash -c 'open kb-{}'
# the accounts' first time-driven steps (free grants becoming usable) run now, not during the measurement:
# wait until the ledger's process has used under 0.1 s of CPU in each of two seconds in a row
cpu_ticks() { awk '{print $14 + $15}' "/proc/$LEDGER/stat"; }
quiet=0
for _ in $(seq 1 180); do
  before=$(cpu_ticks); sleep 1; after=$(cpu_ticks)
  if [ $(( (after - before) * 100 / $(getconf CLK_TCK) )) -lt 10 ]; then quiet=$((quiet + 1)); else quiet=0; fi
  [ "$quiet" -ge 2 ] && break
done
RUN="$(date +%s%N)"
LINES="$DIR/usage.txt"
awk -v n="$RECORDS" -v a="$ACCOUNTS" -v run="$RUN" 'BEGIN { for (i = 0; i < n; i++) { acct = "kb-" (i % a + 1);
  printf "%s|{\"specversion\":\"1.0\",\"type\":\"com.faceid.usage.call\",\"source\":\"bench\",\"id\":\"%s-%d\",", acct, run, i;
  printf "\"subject\":\"%s\",\"time\":\"2026-03-12T10:00:00+08:00\",\"data\":{\"service\":\"PHOTO_VERIFICATION\",", acct;
  printf "\"resultCode\":\"Success\"}}\n" } }' > "$LINES"
finished() {
  curl -sf "$BASE/actuator/prometheus?includedNames=ledger_kafka_records" -H "Authorization: Bearer $KEY" \
    | awk -v r="$1" '$0 ~ "^ledger_kafka_records_total\\{result=\"" r "\"" {n += $2} END {printf "%.0f", n}'
}
echo "publishing $RECORDS records for $ACCOUNTS accounts to localhost:$KAFKA_PORT ..."
START=$(date +%s%N)
scripts/kafka-local.sh produce < "$LINES"
SENT=$(date +%s%N)
until [ "$(finished metered)" -ge "$RECORDS" ]; do
  sleep 0.1
  if [ $(( ($(date +%s%N) - START) / 1000000000 )) -gt 900 ]; then echo "not finished after 15 min" >&2; exit 1; fi
done
END=$(date +%s%N)
ms=$(( (END - START) / 1000000 ))
echo "published in $(( (SENT - START) / 1000000 )) ms; all $RECORDS charged $ms ms after the first was sent:" \
  "$(( RECORDS * 1000 / ms )) records/s end to end"
echo "metered $(finished metered), repeated $(finished repeated), dead letters $(finished dead_letter)"
[ "$(finished dead_letter)" = "0" ] && [ "$(finished metered)" = "$RECORDS" ] || { echo "MISMATCH" >&2; exit 1; }
