#!/usr/bin/env bash
# Two ledger nodes on one PostgreSQL share the usage topic in one consumer group; one is killed with kill -9
# mid-stream (docs/kafka.md, "Several nodes"). Checks afterwards: every good record charged exactly once (the
# store's calls, and the statements' call counts, equal the records sent), and the dead letters are exactly
# the bad records.
#   scripts/kafka-two-nodes.sh                  100,000 good records over 1,000 accounts, and 150 bad ones
#   TN_RECORDS=20000 scripts/kafka-two-nodes.sh
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and the ledger's jar (built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS="${TN_RECORDS:-100000}"
ACCOUNTS="${TN_ACCOUNTS:-1000}"
KEY="two-nodes-secret"
HASH=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
export KAFKA_PORT="${TN_KAFKA_PORT:-19192}"
WORK="$(mktemp -d)"
export KAFKA_DIR="$WORK/kafka"
PG_DB="two_nodes_$(date -u +%Y%m%d%H%M%S)"
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $PG_DB" postgres
sql() { psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc "$1"; }
ls ledger-app/target/ledger-app-*.jar >/dev/null 2>&1 || mvn -B -q -DskipTests package
JAR=$(ls ledger-app/target/ledger-app-*.jar | head -1)
scripts/kafka-local.sh start
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
            scripts/kafka-local.sh stop >/dev/null; }
trap cleanup EXIT
node() { # node NAME PORT
  AXONIQ_UPDATE_CHECKER_DISABLED=true java -Xmx1g -Ddisable-axoniq-console-message=true -jar "$JAR" \
    --server.port="$2" --ledger.node-id="$1" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$PG_DB" --spring.datasource.username=postgres \
    --ledger.clock=simulated --ledger.clock.start=2026-03-12T12:00:00+08:00 \
    --ledger.security.api-keys="bench:OPERATOR:$HASH" \
    --ledger.kafka.bootstrap-servers="localhost:$KAFKA_PORT" --ledger.kafka.consumers=2 \
    > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
}
node a 18401
for _ in $(seq 1 120); do curl -sf localhost:18401/actuator/health >/dev/null && break; sleep 1; done
node b 18402
B=${PIDS[1]}
for _ in $(seq 1 120); do curl -sf localhost:18402/actuator/health >/dev/null && break; sleep 1; done
open() {
  curl -sf -o /dev/null -XPOST "localhost:18401/api/v1/accounts" -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -d "{\"accountId\":\"$1\",\"openedAt\":\"2026-03-10T15:00:00+08:00\"}"
}
export -f open; export KEY
seq 1 "$ACCOUNTS" | xargs -P 8 -I{} bash -c 'open tn-{}'
sleep 5
LINES="$WORK/usage.txt"
awk -v n="$RECORDS" -v a="$ACCOUNTS" 'BEGIN { for (i = 0; i < n; i++) { acct = "tn-" (i % a + 1);
  printf "%s|{\"specversion\":\"1.0\",\"type\":\"com.faceid.usage.call\",\"source\":\"tn\",\"id\":\"t-%d\",", acct, i;
  printf "\"subject\":\"%s\",\"time\":\"2026-03-12T10:00:00+08:00\",\"data\":{\"service\":\"BANK_CARD_VERIFICATION\"}}\n", acct;
  if (i % 1000 == 0) { printf "%s|not json %d\n", acct, i;
    printf "nobody-%d|{\"specversion\":\"1.0\",\"type\":\"com.faceid.usage.call\",\"source\":\"tn\",\"id\":\"g-%d\",\"subject\":\"nobody-%d\",\"data\":{\"service\":\"BANK_CARD_VERIFICATION\"}}\n", i, i, i;
    printf "%s|{\"specversion\":\"1.0\",\"type\":\"com.faceid.usage.refund\",\"source\":\"tn\",\"id\":\"u-%d\",\"subject\":\"%s\"}\n", acct, i, acct } } }' > "$LINES"
BAD=$(( 3 * ( (RECORDS + 999) / 1000 ) ))
calls() { sql "SELECT COUNT(*) FROM domainevententry WHERE payloadtype LIKE '%CallMetered'"; }
echo "publishing $RECORDS good and $BAD bad records; node b (pid $B) is killed with -9 a third of the way"
scripts/kafka-local.sh produce < "$LINES" &
PRODUCER=$!
until [ "$(calls)" -ge $(( RECORDS / 3 )) ]; do sleep 0.2; done
kill -9 "$B"
echo "killed node b at $(calls) calls stored"
wait "$PRODUCER"
for _ in $(seq 1 600); do [ "$(calls)" -ge "$RECORDS" ] && break; sleep 1; done
sleep 15 # anything charged twice would arrive now
STORED=$(calls)
DISTINCT=$(sql "SELECT COUNT(*) FROM metered_request") # one row per (account, requestId)
STATEMENTS=0
for i in $(seq 1 "$ACCOUNTS"); do
  n=$(curl -sf "localhost:18401/api/v1/accounts/tn-$i/statements/2026-03" -H "Authorization: Bearer $KEY" \
    | python3 -c 'import json,sys; print(sum(l["calls"] for l in json.load(sys.stdin)["lines"]))')
  STATEMENTS=$((STATEMENTS + n))
done
# every dead letter once per bad record (a record read again after the kill may be sent twice: same origin)
java -cp "$(cat "$KAFKA_DIR/classpath.txt")" org.apache.kafka.tools.consumer.ConsoleConsumer \
  --bootstrap-server "localhost:$KAFKA_PORT" --topic ledger.usage.dlq --from-beginning --timeout-ms 15000 \
  --property print.headers=true --property print.value=false 2>/dev/null > "$WORK/dlq.txt" || true
DEAD_TOTAL=$(grep -o 'ledger-dlq-origin:[^,]*' "$WORK/dlq.txt" | sort -u | wc -l)
DEAD_SENT=$(wc -l < "$WORK/dlq.txt")
DEAD=$(grep -o 'ledger-dlq-reason:[A-Z_]*' "$WORK/dlq.txt" | sort | uniq -c | tr '\n' ' ' || true)
echo "records sent: $RECORDS good, $BAD bad; calls stored: $STORED ($DISTINCT distinct); statements' calls: $STATEMENTS"
echo "dead letters: $DEAD_TOTAL records ($DEAD_SENT sent: $DEAD)"
[ "$STORED" = "$RECORDS" ] && [ "$DISTINCT" = "$RECORDS" ] && [ "$STATEMENTS" = "$RECORDS" ] && [ "$DEAD_TOTAL" = "$BAD" ] \
  && echo "OK: every good record charged once, the dead letters are the bad ones" || { echo "MISMATCH" >&2; exit 1; }
