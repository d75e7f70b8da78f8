# Sourced by the benchmark scripts (wrk-bench.sh, console-bench.sh): starts a fresh ledger from its jar in the
# background (`wrk` and the jar are installed or built when missing) and waits until it answers.
#   start_ledger PORT KEY [ARG...]
# The ledger runs on a simulated clock standing at 2026-03-12 12:00 (+08:00), with KEY as an OPERATOR key, on a
# fresh durable H2 file in DIR unless an ARG names another --spring.datasource.url; LEDGER_JVM_OPTS adds JVM options,
# LEDGER_JAVA names another java (default: the one on the PATH).
# After it: JAR, DIR (the store and ledger.log), LEDGER (the process, stopped when the script exits) and BASE.
start_ledger() {
  local port=$1 key=$2
  shift 2
  export AXONIQ_UPDATE_CHECKER_DISABLED=true
  command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
  ls ledger-app/target/ledger-app-*.jar >/dev/null 2>&1 || mvn -B -q ${MVN_OFFLINE:+-o} -DskipTests package
  JAR=$(ls ledger-app/target/ledger-app-*.jar | head -1)
  DIR=$(mktemp -d)
  local store=(--spring.datasource.url="jdbc:h2:file:$DIR/ledger;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE${LEDGER_H2_OPTIONS:-}")
  [[ " $* " == *" --spring.datasource.url="* ]] && store=()
  local hash
  hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
  # shellcheck disable=SC2086
  "${LEDGER_JAVA:-java}" -Xmx2g ${LEDGER_JVM_OPTS:-} -Ddisable-axoniq-console-message=true -jar "$JAR" --server.port="$port" \
    "${store[@]}" --ledger.clock=simulated --ledger.clock.start=2026-03-12T12:00:00+08:00 \
    --ledger.security.api-keys="bench:OPERATOR:$hash" "$@" > "$DIR/ledger.log" 2>&1 &
  LEDGER=$!
  trap 'kill $LEDGER 2>/dev/null; wait $LEDGER 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -sf "localhost:$port/actuator/health" >/dev/null && break; sleep 1; done
  BASE="http://127.0.0.1:$port"
}
