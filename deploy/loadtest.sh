#!/usr/bin/env bash
# Runs the load generator against the local system, reporting every service's CPU and memory.
# If no system is running, starts one first (build, Kafka, target, gateway, workers; no Prometheus, so the
# measurement has the cores to itself) and stops it again at the end.
#
#   deploy/loadtest.sh matrix [options]   the standard matrix: 4 workloads x 4 models, a few minutes
#   deploy/loadtest.sh run [options]      chosen models/workloads: -m async -w sleep,http -n 20000 ...
#   deploy/loadtest.sh run --help         every option
# Results go to results/<timestamp>/ (report.json, report.md, throughput.png).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh
source deploy/lib/services.sh
source deploy/ports.sh

case "${1:-}" in
  matrix | run) ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
loadgen_jar() {  # the load generator's runnable jar, built first if missing
  local found
  found=$(ls loadgen/target/loadgen-*-exec.jar 2>/dev/null | head -n1 || true)
  if [ -z "$found" ]; then
    echo "Building the load generator..." >&2
    ./mvnw -B -q -DskipTests -pl loadgen -am package >&2
    found=$(ls loadgen/target/loadgen-*-exec.jar | head -n1)
  fi
  echo "$found"
}
for arg in "$@"; do
  case "$arg" in -h | --help) exec "$JAVA_HOME/bin/java" -jar "$(loadgen_jar)" "$@" ;; esac
done

gateway_health="http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/health"
started=0
if ! curl -fsS -o /dev/null --max-time 2 "$gateway_health" 2>/dev/null; then
  echo "No jobmesh running: starting one for the load test (stopped again at the end)."
  started=1
  trap 'echo; deploy/stop.sh' EXIT
  deploy/start.sh --no-samples --no-prometheus
fi

loadgen_jar=$(loadgen_jar)

probes=(--metrics "gateway=http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/prometheus")
for worker in threads:$WORKER_THREADS_PORT virtual:$WORKER_VIRTUAL_PORT processes:$WORKER_PROCESSES_PORT \
              async:$WORKER_ASYNC_PORT; do
  probes+=(--metrics "worker-${worker%%:*}=http://127.0.0.1:${worker##*:}/actuator/prometheus")
done
broker_pid=$(cat "$REPO_ROOT/.jobmesh/kafka/kafka.pid" 2>/dev/null || true)
[ -n "$broker_pid" ] && probes+=(--pid "broker=$broker_pid")
target_pid=$(service_pid target)
[ -n "$target_pid" ] && probes+=(--pid "target=$target_pid")

jvm=(-Xmx512m)
# lz4 (Kafka's compression, for the round-trip measurement) still uses sun.misc.Unsafe: allowed, without the
# warning JDK 24+ prints on its first use.
[ "$(jobmesh_java_feature "$JAVA_HOME")" -ge 24 ] && jvm+=(--sun-misc-unsafe-memory-access=allow)

# The key ./jobmesh start gave the gateway, unless one is given (--api-key or JOBMESH_API_KEY).
export JOBMESH_API_KEY=${JOBMESH_API_KEY:-$(deploy/api-key.sh)}

command=$1; shift
status=0
"$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$loadgen_jar" "$command" --gateway "http://127.0.0.1:$GATEWAY_PORT" \
  --kafka "127.0.0.1:$KAFKA_PORT" --results "$REPO_ROOT/results" "${probes[@]}" "$@" || status=$?
[ $started = 1 ] && echo "Stopping the system this load test started."
exit $status
