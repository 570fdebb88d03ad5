#!/usr/bin/env bash
# Starts the whole system locally without Docker - a real Kafka broker, the HTTP target, the gateway,
# worker-threads in platform and virtual mode, worker-processes and worker-async, and Prometheus - waits until
# each is healthy, runs sample jobs of every workload on every model, prints their results, and leaves the
# system running. Then starts Prometheus
# scraping every service (deploy/lib/prometheus.sh; installs Debian's prometheus package if missing).
#   deploy/start.sh [--no-build] [--no-samples] [--no-prometheus]
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh
source deploy/lib/services.sh
source deploy/lib/aot.sh
source deploy/ports.sh

build=1 samples=1 prometheus=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --no-samples) samples=0 ;;
    --no-prometheus) prometheus=0 ;;
    *) echo "usage: deploy/start.sh [--no-build] [--no-samples] [--no-prometheus]" >&2; exit 2 ;;
  esac
done

command -v curl >/dev/null || { echo "jobmesh: needs curl" >&2; exit 1; }

jar() {  # the runnable jar of a module
  local found
  found=$(ls "$REPO_ROOT/$1"/target/"$1"-*-exec.jar 2>/dev/null | head -n1)
  [ -n "$found" ] || { echo "jobmesh: no runnable jar for $1; run without --no-build" >&2; exit 1; }
  echo "$found"
}

if [ $build = 1 ]; then
  echo "Building (./mvnw package, tests skipped; ./jobmesh test runs them)..."
  ./mvnw -B -q -DskipTests package
fi

echo "Starting jobmesh (JDK $JAVA_HOME)"
deploy/kafka.sh start --port "$KAFKA_PORT" --controller-port "$KAFKA_CONTROLLER_PORT" | sed 's/^/  /'
bootstrap="127.0.0.1:$KAFKA_PORT"
target_url="http://127.0.0.1:$TARGET_PORT/"
common=(--jobmesh.kafka.bootstrap-servers="$bootstrap"
        --jobmesh.workloads.http.default-url="$target_url")

# Each JVM's options are in deploy/jvm/<module>.options, which the containers' images read too (java @file).
jvm() { echo "@$REPO_ROOT/deploy/jvm/$1.options"; }
# Two malloc arenas keep native memory (the gateway's RocksDB view, Netty) from spreading over one arena per thread.
export MALLOC_ARENA_MAX=2

# The local API key (made once in .jobmesh/api-key): the gateway gets only its SHA-256, as the admin key "local".
api_key=$(deploy/api-key.sh)
auth=(--jobmesh.gateway.auth.keys[0].name=local --jobmesh.gateway.auth.keys[0].role=admin
      --jobmesh.gateway.auth.keys[0].sha256="$(deploy/api-key.sh sha256)")

start_service target "$TARGET_PORT" "$(jvm loadgen)" -jar "$(jar loadgen)" target --port "$TARGET_PORT"
# The job view lives beside the broker's data so a restart resumes it instead of replaying all of jobs.status.
# The gateway starts from its AOT cache (deploy/lib/aot.sh; the first start of a new build writes it on exit): a
# gateway joining must be ready within 20 s, and JVM and Spring start-up are a third of that.
read -r -a gateway_aot <<<"$(aot_options gateway "$(jar gateway)")"
start_service gateway "$GATEWAY_PORT" "$(jvm gateway)" "${gateway_aot[@]}" -jar "$(jar gateway)" --server.port="$GATEWAY_PORT" \
  --management.server.port="$GATEWAY_MANAGEMENT_PORT" --jobmesh.gateway.view.directory="$REPO_ROOT/.jobmesh/gateway-view" \
  "${auth[@]}" "${common[@]}"
# Workers yield the CPU to the gateway where they share it (deploy/jvm/workers.nice says why and by how much).
export SERVICE_NICE
SERVICE_NICE=$(grep -v '^#' deploy/jvm/workers.nice | tr -d '[:space:]')
start_service worker-threads "$WORKER_THREADS_PORT" "$(jvm worker-threads)" -jar "$(jar worker-threads)" \
  --server.port="$WORKER_THREADS_PORT" --jobmesh.worker.model=threads "${common[@]}"
start_service worker-virtual "$WORKER_VIRTUAL_PORT" "$(jvm worker-threads)" -jar "$(jar worker-threads)" \
  --server.port="$WORKER_VIRTUAL_PORT" --jobmesh.worker.model=virtual "${common[@]}"
start_service worker-processes "$WORKER_PROCESSES_PORT" "$(jvm worker-processes)" -jar "$(jar worker-processes)" \
  --server.port="$WORKER_PROCESSES_PORT" "${common[@]}"
start_service worker-async "$WORKER_ASYNC_PORT" "$(jvm worker-async)" -jar "$(jar worker-async)" \
  --server.port="$WORKER_ASYNC_PORT" "${common[@]}"
unset SERVICE_NICE

wait_healthy target "$target_url"
wait_healthy gateway "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/health" 300  # ready once its view is rebuilt
wait_healthy worker-threads "http://127.0.0.1:$WORKER_THREADS_PORT/actuator/health"
wait_healthy worker-virtual "http://127.0.0.1:$WORKER_VIRTUAL_PORT/actuator/health"
wait_healthy worker-processes "http://127.0.0.1:$WORKER_PROCESSES_PORT/actuator/health"
wait_healthy worker-async "http://127.0.0.1:$WORKER_ASYNC_PORT/actuator/health"

api="http://127.0.0.1:$GATEWAY_PORT/api/jobs"
field() {  # the value of a flat JSON field: field NAME JSON
  printf '%s' "$2" | grep -o "\"$1\":\(\"[^\"]*\"\|{[^}]*}\|[0-9]*\)" | head -n1 | cut -d: -f2- | tr -d '"'
}

if [ $samples = 1 ]; then
  echo
  echo "Sample jobs, one of each workload on each model:"
  printf '  %-10s %-6s %-10s %-28s %s\n' MODEL TYPE STATUS RESULT WORKER
  failed=0
  for model in threads virtual processes async; do
    for spec in 'noop {}' 'sleep {"ms":50}' 'http {}' 'cpu {"limit":200000}'; do
      type=${spec%% *} params=${spec#* }
      accepted=$(curl -sS -X POST "$api" -H "Authorization: Bearer $api_key" -H 'Content-Type: application/json' \
        -d "{\"type\":\"$type\",\"model\":\"$model\",\"params\":$params}")
      id=$(field id "$accepted")
      if [ -z "$id" ]; then
        echo "  $model $type rejected: $accepted"; failed=1; continue
      fi
      job=$(curl -sS -H "Authorization: Bearer $api_key" "$api/$id?waitMs=20000")
      status=$(field status "$job")
      [ "$status" = SUCCEEDED ] || failed=1
      result=$(printf '%s' "$job" | grep -o '"\(result\|error\)":{[^}]*}' | head -n1 | cut -d: -f2-)
      printf '  %-10s %-6s %-10s %-28s %s\n' "$model" "$type" "$status" "$result" "$(field worker "$job")"
    done
  done
  [ $failed = 0 ] || echo "Some sample jobs did not succeed; see $LOG_DIR/" >&2
fi

# Prometheus last: it scrapes whatever runs, so it is optional - the system works without it.
prometheus_line="  Prometheus      not started (run without --no-prometheus, or: deploy/lib/prometheus.sh start)"
if [ $prometheus = 1 ]; then
  echo
  if deploy/lib/prometheus.sh start | sed 's/^/  /'; then
    prometheus_line="  Prometheus      $(deploy/lib/prometheus.sh url)   (scrapes every service every 2 s; Grafana dashboards: deploy/grafana)"
  else
    echo "jobmesh: Prometheus did not start (see above); the system runs without it" >&2
    prometheus_line="  Prometheus      not running (see above)"
  fi
fi

cat <<EOT

jobmesh is running:
  REST API        http://127.0.0.1:$GATEWAY_PORT/api/jobs
  API key         $api_key   (admin, "local"; kept in .jobmesh/api-key: deploy/api-key.sh prints it)
  OpenAPI / UI    http://127.0.0.1:$GATEWAY_PORT/v3/api-docs   http://127.0.0.1:$GATEWAY_PORT/swagger-ui.html
  metrics         http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/prometheus (workers: their port/actuator/prometheus)
$prometheus_line
  Kafka           $bootstrap
  logs            $LOG_DIR/
Try:
  curl -s -X POST $api -H "Authorization: Bearer \$(deploy/api-key.sh)" -H 'Content-Type: application/json' \\
       -d '{"type":"cpu","model":"virtual","params":{"limit":100000}}'
  curl -s -H "Authorization: Bearer \$(deploy/api-key.sh)" "$api/<id>?waitMs=5000"
Stop everything with: ./jobmesh stop
EOT
