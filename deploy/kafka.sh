#!/usr/bin/env bash
# Runs a real single-node Apache Kafka broker (KRaft, broker+controller in one JVM) as a plain
# background java process, from the Kafka jars on Maven Central: no Docker, no manual download.
#
#   deploy/kafka.sh start  [--port 9092] [--controller-port 9093] [--data-dir DIR] [--heap 512m]
#   deploy/kafka.sh stop   [--data-dir DIR]
#   deploy/kafka.sh status [--data-dir DIR]        (exit 0 running, 3 stopped)
#   deploy/kafka.sh fetch                          only fetch the jars (deploy/containers.sh builds an image of them)
#
# The data dir (default: .jobmesh/kafka under the repo root) holds server.properties, the topic
# data (data/), the broker logs (logs/server.log, kafka.out) and kafka.pid. It is formatted once
# and keeps its topics and records across restarts; delete it to start from scratch.
# The jars are fetched on first use into deploy/kafka/libs/ by the Maven Wrapper
# (deploy/kafka/pom.xml), at the Kafka version the build uses (kafka.version in the root pom.xml).
# Env: JOBMESH_KAFKA_START_TIMEOUT (seconds, default 60).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/terminate.sh
source "$SCRIPT_DIR/lib/terminate.sh"
KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"
LIBS_DIR="$SCRIPT_DIR/kafka/libs"
KAFKA_VERSION=$(sed -n 's:.*<kafka\.version>\(.*\)</kafka\.version>.*:\1:p' "$REPO_ROOT/pom.xml" | head -n1)
START_TIMEOUT=${JOBMESH_KAFKA_START_TIMEOUT:-60}
STOP_TIMEOUT=30

say() { echo "kafka: $*"; }
die() { echo "kafka: $*" >&2; exit 1; }

usage() {
  cat <<EOF
usage: deploy/kafka.sh start  [--port 9092] [--controller-port 9093] [--data-dir DIR] [--heap 512m]
       deploy/kafka.sh stop   [--data-dir DIR]
       deploy/kafka.sh status [--data-dir DIR]
Single-node KRaft Kafka $KAFKA_VERSION as a background java process.
Default data dir: $REPO_ROOT/.jobmesh/kafka
EOF
}

now() {  # seconds since the epoch, with fractions where bash has them
  local t=${EPOCHREALTIME:-$(date +%s)}
  echo "${t/,/.}"
}
elapsed() {  # seconds since $1, one decimal
  awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'
}

# --- arguments -------------------------------------------------------------------------------
[ $# -ge 1 ] || { usage >&2; exit 2; }
CMD=$1; shift
case "$CMD" in
  start|stop|status|fetch) ;;
  -h|--help|help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

PORT=9092
CONTROLLER_PORT=9093
DATA_DIR="$REPO_ROOT/.jobmesh/kafka"
HEAP=512m
while [ $# -gt 0 ]; do
  opt=$1 val=""
  case "$opt" in
    --*=*) val=${opt#*=}; opt=${opt%%=*} ;;
    -h|--help) usage; exit 0 ;;
    --*) [ $# -ge 2 ] || die "$opt needs a value"; val=$2; shift ;;
    *) die "unexpected argument '$opt' (see --help)" ;;
  esac
  shift
  case "$CMD:$opt" in
    *:--data-dir) DATA_DIR=$val ;;
    start:--port) PORT=$val ;;
    start:--controller-port) CONTROLLER_PORT=$val ;;
    start:--heap) HEAP=$val ;;
    *) die "unknown option '$opt' for $CMD (see --help)" ;;
  esac
done

for p in "$PORT" "$CONTROLLER_PORT"; do
  if ! [[ $p =~ ^[0-9]+$ ]] || [ "$p" -lt 1 ] || [ "$p" -gt 65535 ]; then die "bad port '$p'"; fi
done
[ "$PORT" != "$CONTROLLER_PORT" ] || die "--port and --controller-port must differ"
[[ $HEAP =~ ^[0-9]+[kKmMgG]?$ ]] || die "bad heap size '$HEAP' (e.g. 512m, 1g)"
[ -n "$DATA_DIR" ] || die "empty --data-dir"
case "$DATA_DIR" in /*) ;; *) DATA_DIR="$PWD/$DATA_DIR" ;; esac
# canonical path (no ./, .., symlinks): it is how a running broker is recognised (its command line)
if [ "$CMD" = start ]; then mkdir -p "$DATA_DIR" || die "cannot create data dir $DATA_DIR"; fi
if [ -d "$DATA_DIR" ]; then DATA_DIR=$(cd "$DATA_DIR" && pwd -P); else DATA_DIR=${DATA_DIR%/}; fi
case "$DATA_DIR" in *,*|*\\*) die "data dir may not contain ',' or '\\': $DATA_DIR" ;; esac
[ -n "$KAFKA_VERSION" ] || die "cannot read kafka.version from $REPO_ROOT/pom.xml"

PID_FILE="$DATA_DIR/kafka.pid"
PROPS="$DATA_DIR/server.properties"
LOG4J_CONF="$DATA_DIR/log4j2.xml"
LOG_DIR="$DATA_DIR/logs"          # broker's own logs (server.log, ...)
KAFKA_LOG_DIR="$DATA_DIR/data"    # topic data and KRaft metadata (log.dirs)
OUT_FILE="$DATA_DIR/kafka.out"    # stdout/stderr of the JVM

# --- helpers ---------------------------------------------------------------------------------
running_pid() {  # prints the pid of the broker of this data dir if it is alive
  local pid args
  [ -f "$PID_FILE" ] || return 1
  pid=$(cat "$PID_FILE" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # guard against a recycled pid: it must be kafka.Kafka with this data dir's properties
  args=$(ps -ww -o args= -p "$pid" 2>/dev/null || true)
  [[ $args == *kafka.Kafka*"$PROPS"* ]] || return 1
  echo "$pid"
}

configured_port() {  # the PLAINTEXT port from the data dir's server.properties
  sed -n 's/^listeners=.*PLAINTEXT:\/\/[^:]*:\([0-9]*\).*/\1/p' "$PROPS" 2>/dev/null | head -n1
}

port_open() {  # true if something accepts TCP connections on 127.0.0.1:$1
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

LOG_OFFSET=0  # size of server.log before this start: only what comes after it is shown
show_logs() {  # the end of this start's JVM output and server.log (minus the indented config dump)
  if [ -s "$OUT_FILE" ]; then
    echo "---- tail of $OUT_FILE" >&2
    tail -n 20 "$OUT_FILE" >&2
  fi
  local new_lines=""
  if [ -s "$LOG_DIR/server.log" ]; then
    new_lines=$(tail -c +"$((LOG_OFFSET + 1))" "$LOG_DIR/server.log" | grep -v '^[[:space:]]' | tail -n 25 | cut -c1-400 || true)
  fi
  if [ -n "$new_lines" ]; then
    echo "---- tail of $LOG_DIR/server.log" >&2
    echo "$new_lines" >&2
  fi
}

ensure_libs() {  # fetch the broker jars once per Kafka version
  local marker="$LIBS_DIR/.kafka-version" tmp
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$KAFKA_VERSION" ] \
      && compgen -G "$LIBS_DIR/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null; then
    return 0
  fi
  say "fetching Kafka $KAFKA_VERSION jars from Maven Central into ${LIBS_DIR#"$REPO_ROOT"/} (first use) ..."
  local t0; t0=$(now)
  tmp="$LIBS_DIR.tmp.$$"
  rm -rf "$tmp"
  if ! (cd "$REPO_ROOT" && ./mvnw -q -B -f "$KAFKA_POM" dependency:copy-dependencies \
          -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$tmp"); then
    rm -rf "$tmp"
    die "could not fetch the Kafka jars (see the Maven output above)"
  fi
  compgen -G "$tmp/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null || { rm -rf "$tmp"; die "kafka_2.13-$KAFKA_VERSION.jar missing after fetch"; }
  echo "$KAFKA_VERSION" >"$tmp/.kafka-version"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  say "fetched $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars in $(elapsed "$t0")s"
}

java_opts() {  # JVM flags shared by the broker and the storage tool
  local feature
  feature=$(jobmesh_java_feature "$JAVA_HOME")   # from deploy/lib/jdk.sh
  JAVA_OPTS=(-Djava.awt.headless=true -Dkafka.logs.dir="$LOG_DIR"
             -Dlog4j2.configurationFile="$LOG4J_CONF" --enable-native-access=ALL-UNNAMED)
  # JDK 24+ warns about sun.misc.Unsafe use by dependencies; the flag only exists on 23+
  if [ "${feature:-0}" -ge 23 ]; then JAVA_OPTS+=(--sun-misc-unsafe-memory-access=allow); fi
}

write_config() {
  mkdir -p "$LOG_DIR" "$KAFKA_LOG_DIR"
  cat >"$PROPS" <<EOF
# Written by deploy/kafka.sh on every start: edit the script, not this file.
# Single-node KRaft: this one process is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT

# topic data and the KRaft metadata log
log.dirs=$KAFKA_LOG_DIR

# one node: every internal topic has replication factor 1 and min ISR 1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# after a crash (kill -9) the restarted broker waits until its previous session expires
# (default 9 s); a short session for this single local node makes that wait short
broker.session.timeout.ms=4000
broker.heartbeat.interval.ms=1000

num.partitions=6
auto.create.topics.enable=false
delete.topic.enable=true
group.initial.rebalance.delay.ms=0

# log cleaner on, so cleanup.policy=compact topics are compacted; small dedupe buffer for a
# small heap (the default is 128 MiB)
log.cleaner.enable=true
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=33554432
log.cleaner.backoff.ms=15000

log.retention.hours=168
log.segment.bytes=1073741824
log.retention.check.interval.ms=300000
num.recovery.threads.per.data.dir=1
EOF

  # log4j2: everything to files under logs/ (the path comes from -Dkafka.logs.dir)
  cat >"$LOG4J_CONF" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by deploy/kafka.sh on every start. -->
<Configuration status="warn" name="jobmesh-kafka">
  <Properties>
    <Property name="dir">${sys:kafka.logs.dir}</Property>
    <Property name="pattern">[%d] %p %m (%c)%n</Property>
  </Properties>
  <Appenders>
    <RollingFile name="server" fileName="${dir}/server.log" filePattern="${dir}/server.log.%i">
      <PatternLayout pattern="${pattern}"/>
      <SizeBasedTriggeringPolicy size="50 MB"/>
      <DefaultRolloverStrategy max="5"/>
    </RollingFile>
    <RollingFile name="stateChange" fileName="${dir}/state-change.log" filePattern="${dir}/state-change.log.%i">
      <PatternLayout pattern="${pattern}"/>
      <SizeBasedTriggeringPolicy size="20 MB"/>
      <DefaultRolloverStrategy max="2"/>
    </RollingFile>
    <RollingFile name="cleaner" fileName="${dir}/log-cleaner.log" filePattern="${dir}/log-cleaner.log.%i">
      <PatternLayout pattern="${pattern}"/>
      <SizeBasedTriggeringPolicy size="20 MB"/>
      <DefaultRolloverStrategy max="2"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Root level="info">
      <AppenderRef ref="server"/>
    </Root>
    <Logger name="state.change.logger" level="info" additivity="false">
      <AppenderRef ref="stateChange"/>
    </Logger>
    <Logger name="kafka.log.LogCleaner" level="info" additivity="false">
      <AppenderRef ref="cleaner"/>
    </Logger>
    <Logger name="org.apache.kafka.storage.internals.log.LogCleaner" level="info" additivity="false">
      <AppenderRef ref="cleaner"/>
    </Logger>
    <Logger name="kafka.request.logger" level="warn"/>
    <Logger name="kafka.network.RequestChannel$" level="warn"/>
  </Loggers>
</Configuration>
EOF
}

format_storage() {  # once per data dir: a formatted dir has meta.properties
  [ -f "$KAFKA_LOG_DIR/meta.properties" ] && return 0
  local cp="$LIBS_DIR/*" cluster_id out
  cluster_id=$("$JAVA_HOME/bin/java" "${JAVA_OPTS[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid 2>&1 | tail -n1)
  [[ $cluster_id =~ ^[A-Za-z0-9_-]{22}$ ]] || die "could not generate a cluster id (StorageTool said: $cluster_id)"
  # static quorum (controller.quorum.voters): plain "format -t ID -c FILE"; --standalone is only
  # for a dynamic quorum (controller.quorum.bootstrap.servers) and is refused here
  if ! out=$("$JAVA_HOME/bin/java" "${JAVA_OPTS[@]}" -cp "$cp" kafka.tools.StorageTool \
                format -t "$cluster_id" -c "$PROPS" 2>&1); then
    echo "$out" >&2
    die "formatting $KAFKA_LOG_DIR failed"
  fi
  echo "$out" >"$LOG_DIR/storage-format.log"
  say "formatted new storage in ${KAFKA_LOG_DIR} (cluster id $cluster_id)"
}

stop_pid() {  # SIGTERM, wait up to STOP_TIMEOUT s, then SIGKILL; returns when the process is gone
  terminate_pid "$1" "$STOP_TIMEOUT" "kafka: pid $1" || die "pid $1 did not die after SIGKILL"
}

# --- commands --------------------------------------------------------------------------------
cmd_status() {
  local pid port
  if pid=$(running_pid); then
    port=$(configured_port)
    if port_open "$port"; then
      say "running: pid $pid, KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$port, data dir $DATA_DIR"
    else
      say "running: pid $pid, but nothing accepts connections on 127.0.0.1:$port yet (data dir $DATA_DIR)"
    fi
    return 0
  fi
  say "stopped (data dir $DATA_DIR)"
  return 3
}

cmd_stop() {
  local pid t0
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE"
    say "not running (data dir $DATA_DIR)"
    return 0
  fi
  t0=$(now)
  say "stopping pid $pid ..."
  stop_pid "$pid"
  rm -f "$PID_FILE"
  say "stopped in $(elapsed "$t0")s"
}

cmd_start() {
  local pid t0 t1 deadline
  if pid=$(running_pid); then
    say "already running: pid $pid, KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$(configured_port), data dir $DATA_DIR"
    [ "$(configured_port)" = "$PORT" ] || say "(note: it listens on $(configured_port), not on the requested $PORT)"
    return 0
  fi
  rm -f "$PID_FILE"
  t0=$(now)

  for p in "$PORT" "$CONTROLLER_PORT"; do
    ! port_open "$p" || die "port $p on 127.0.0.1 is already in use (another broker? pick --port/--controller-port)"
  done

  # shellcheck source-path=SCRIPTDIR source=lib/jdk.sh
  source "$SCRIPT_DIR/lib/jdk.sh"
  ensure_libs

  mkdir -p "$DATA_DIR"
  : >"$OUT_FILE"
  write_config
  java_opts
  format_storage

  if [ -f "$LOG_DIR/server.log" ]; then LOG_OFFSET=$(wc -c <"$LOG_DIR/server.log"); fi
  t1=$(now)
  local launcher=(nohup)
  command -v setsid >/dev/null && launcher=(setsid nohup)   # own session: immune to ^C of this shell
  "${launcher[@]}" "$JAVA_HOME/bin/java" -Xms"$HEAP" -Xmx"$HEAP" \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent "${JAVA_OPTS[@]}" \
      -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS" >>"$OUT_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  say "starting Kafka $KAFKA_VERSION (pid $pid, heap $HEAP, data dir $DATA_DIR) ..."

  # ready = the port accepts connections and the server logged that it has started
  deadline=$(( $(date +%s) + START_TIMEOUT ))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      show_logs
      die "the broker exited during startup (logs: $OUT_FILE, $LOG_DIR/server.log)"
    fi
    if port_open "$PORT" && tail -c +"$((LOG_OFFSET + 1))" "$LOG_DIR/server.log" 2>/dev/null \
         | grep 'Kafka Server started' >/dev/null; then   # not -q: SIGPIPE + pipefail
      break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      show_logs
      echo "kafka: not ready after ${START_TIMEOUT}s; stopping pid $pid" >&2
      stop_pid "$pid" >&2 || true
      rm -f "$PID_FILE"
      exit 1
    fi
    sleep 0.2
  done
  say "ready in $(elapsed "$t1")s (total $(elapsed "$t0")s); logs in $LOG_DIR"
  echo "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$PORT"
}

case "$CMD" in
  fetch) ensure_libs ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
esac
