#!/usr/bin/env bash
# A single-node Kafka broker (KRaft: broker and controller in one process) to try usage from Kafka with
# (docs/kafka.md). Its jars come from Maven Central, at the Kafka version Spring Boot manages for the ledger
# (scripts/kafka/pom.xml): nothing is downloaded from anywhere else.
#   scripts/kafka-local.sh start    starts it and returns once it accepts connections
#   scripts/kafka-local.sh stop     stops it (its data stays in KAFKA_DIR)
#   scripts/kafka-local.sh status   says whether it runs
#   scripts/kafka-local.sh produce [topic]
#                                   publishes the lines of standard input to the topic (default ledger.usage),
#                                   each `key|value`: an account id, a bar, a CloudEvent on one line
# KAFKA_PORT (default 9092) is where clients connect, KAFKA_CONTROLLER_PORT (default KAFKA_PORT + 1000) the
# controller's own port; KAFKA_DIR (default ./target/kafka-local) holds its configuration, data, log and pid.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1000))}"
DIR="$(mkdir -p "${KAFKA_DIR:-target/kafka-local}" && cd "${KAFKA_DIR:-target/kafka-local}" && pwd)"
PID_FILE="$DIR/broker.pid"

accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

classpath() {
  local cp_file="$DIR/classpath.txt"
  if [ ! -s "$cp_file" ]; then
    mvn -B -q -f scripts/kafka/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
  fi
  cat "$cp_file"
}

start() {
  if running; then echo "Kafka already runs (pid $(cat "$PID_FILE")) on localhost:$PORT"; return; fi
  if accepts; then echo "something else listens on port $PORT: set KAFKA_PORT" >&2; exit 1; fi
  local cp; cp="$(classpath)"
  cat > "$DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$CONTROLLER_PORT
listeners=PLAINTEXT://localhost:$PORT,CONTROLLER://localhost:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://localhost:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DIR/data
num.partitions=12
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  if [ ! -f "$DIR/data/meta.properties" ]; then
    java -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
      -c "$DIR/server.properties" > "$DIR/format.log" 2>&1 || { cat "$DIR/format.log" >&2; exit 1; }
  fi
  nohup java -Xmx512m -cp "$cp" kafka.Kafka "$DIR/server.properties" > "$DIR/broker.log" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 120); do
    if accepts; then echo "Kafka runs on localhost:$PORT (pid $(cat "$PID_FILE"), data in $DIR)"; return; fi
    if ! running; then echo "Kafka did not start; its log:" >&2; tail -30 "$DIR/broker.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "Kafka did not accept connections within 60 s; see $DIR/broker.log" >&2
  exit 1
}

stop() {
  if ! running; then echo "Kafka does not run"; rm -f "$PID_FILE"; return; fi
  local pid; pid="$(cat "$PID_FILE")"
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; echo "Kafka stopped"; return; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  echo "Kafka killed after 30 s"
}

produce() {
  running || { echo "Kafka does not run: scripts/kafka-local.sh start" >&2; exit 1; }
  java -cp "$(classpath)" kafka.tools.ConsoleProducer --bootstrap-server "localhost:$PORT" \
    --topic "${1:-ledger.usage}" --property parse.key=true --property "key.separator=|" \
    --producer-property acks=all --producer-property linger.ms=5 --producer-property batch.size=262144 2>"$DIR/producer.log" \
    || { echo "the producer failed; its log:" >&2; tail -20 "$DIR/producer.log" >&2; exit 1; }
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  produce) shift; produce "$@" ;;
  status) if running; then echo "Kafka runs (pid $(cat "$PID_FILE")) on localhost:$PORT"; else echo "Kafka does not run"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status|produce [topic]" >&2; exit 2 ;;
esac
