#!/usr/bin/env bash
# The throughput benchmark (docs/performance.md): a fresh ledger in-process, loaded over HTTP, one table of
# figure / measured / target / met, with the machine and the store's raw durable row rate from the same run.
#   scripts/benchmark.sh            FULL on H2 (about 10 minutes here: it seeds 1,000,000 calls)
#   scripts/benchmark.sh smoke      the tiny run CI does (inside the test suite: BenchmarkSmokeTest)
#   scripts/benchmark.sh jmh        the in-process parts under JMH (settling a call, an event's JSON both ways)
#   LEDGER_TEST_DB=postgres scripts/benchmark.sh    the same on PostgreSQL (LEDGER_TEST_PG_URL, see README)
#   BENCH_ONLY=hot,batch scripts/benchmark.sh        only some phases (hot, batch, holds, history, queries, rebuild, asof;
#                                                    asof needs history)
#   BENCH_RUNS=3 scripts/benchmark.sh     three runs (each a fresh JVM and store), then the table of their medians
#   BENCH_JVM_OPTS=... extra JVM options (e.g. a JFR recording); MVN_OFFLINE=1 builds offline
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${1:-full}"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
mvn -B -q ${MVN_OFFLINE:+-o} install -DskipTests
CP_FILE=$(mktemp)
mvn -B -q ${MVN_OFFLINE:+-o} -pl ledger-app dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="ledger-app/target/test-classes:ledger-app/target/classes:$(cat "$CP_FILE")"
if [ "$SIZE" = "jmh" ]; then   # the in-process parts under JMH (bench.jmh.InProcessBench), about a minute
  exec java -cp "$CP" org.openjdk.jmh.Main "com.faceid.ledger.app.bench.jmh.*" ${JMH_ARGS:-}
fi
RUNS="${BENCH_RUNS:-1}"
OUT="ledger-app/target/bench/$(date -u +%Y%m%dT%H%M%SZ)"
for i in $(seq 1 "$RUNS"); do
  echo "== run $i of $RUNS"
  java ${BENCH_JVM_OPTS:-} -Xmx2g ${BENCH_ONLY:+-Dbench.only=$BENCH_ONLY} -Ddisable-axoniq-console-message=true \
    -Dbench.tsv="$OUT/run-$i.tsv" -cp "$CP" com.faceid.ledger.app.bench.LedgerBenchmark "$SIZE"
done
if [ "$RUNS" -gt 1 ]; then
  java -cp "$CP" com.faceid.ledger.app.bench.Medians "$OUT"/run-*.tsv
fi
echo "figures of each run: $OUT"
