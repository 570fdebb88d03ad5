#!/usr/bin/env bash
# Compares the concurrency models on one running local system: for each workload and model it submits N jobs
# through the gateway (POST /api/jobs/batch, 10,000 per batch), waits until every one is terminal, and prints
# jobs/s plus the peak RSS and peak thread count of the worker process that ran them.
#
#   ./jobmesh start                                   # broker, target, gateway, worker-threads (threads + virtual)
#   worker-async/bench/compare-models.sh [N] [WORKLOADS] [MODELS]
#   ./jobmesh stop
#
# N defaults to 20000, WORKLOADS to "sleep http", MODELS to "threads virtual async". worker-async is started here
# from its exec jar on $WORKER_ASYNC_PORT (default 8184) with the arguments deploy/start.sh gives the other workers,
# and stopped again at the end, unless it was already running; WORKER_ASYNC_ARGS adds arguments to it (e.g.
# --jobmesh.async.loop-threads=2).
#
# How it measures:
#   jobs/s       N / (latest finishedAt of the N jobs - the time just before the first batch was posted);
#                the jobs' own timestamps, so the time spent collecting results does not count. It includes the
#                submission path (gateway, Kafka transactions), which is the same for every model.
#   run jobs/s   N / (latest finishedAt - earliest startedAt): the rate once the worker has the first job.
#   peak RSS     VmHWM of /proc/<pid>/status, reset before each run through /proc/<pid>/clear_refs (when
#                writable; otherwise it is the peak since the worker started, and the header says so).
#   peak threads the highest Threads: of /proc/<pid>/status, sampled every 50 ms during the run.
# Each measured run follows an unmeasured warm-up of WARMUP (default 5000) jobs of the same kind, so every model
# is measured with its code compiled and its connections open. sleep jobs wait SLEEP_MS (default 50) ms; http
# jobs GET the bundled target (50 ms, 1024 bytes). Only 127.0.0.1 is contacted.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh
source deploy/lib/services.sh
source deploy/ports.sh

n=${1:-20000}
workloads=${2:-sleep http}
models=${3:-threads virtual async}
warmup=${WARMUP:-5000}
sleep_ms=${SLEEP_MS:-50}
async_port=${WORKER_ASYNC_PORT:-8184}
api="http://127.0.0.1:$GATEWAY_PORT/api/jobs"
batch_max=10000
work=$(mktemp -d)
started_async=0
sampler_pid=

cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ $started_async = 1 ]; then
    stop_service worker-async
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The gateway serves its actuator on a management port of its own.
curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${GATEWAY_MANAGEMENT_PORT:-$GATEWAY_PORT}/actuator/health" \
  || { echo "compare-models: no healthy gateway; run ./jobmesh start first" >&2; exit 1; }

if [[ " $models " == *" async "* ]] && [ -z "$(service_pid worker-async)" ]; then
  jar=$(ls "$REPO_ROOT"/worker-async/target/worker-async-*-exec.jar 2>/dev/null | sed -n 1p)
  [ -n "$jar" ] || { echo "compare-models: build worker-async first (./mvnw -DskipTests package)" >&2; exit 1; }
  start_service worker-async "$async_port" -Xmx512m -jar "$jar" --server.port="$async_port" \
    --jobmesh.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
    --jobmesh.workloads.http.default-url="http://127.0.0.1:$TARGET_PORT/" ${WORKER_ASYNC_ARGS:-}
  started_async=1
  wait_healthy worker-async "http://127.0.0.1:$async_port/actuator/health"
fi

worker_pid() {  # the process serving a model
  case "$1" in
    threads) service_pid worker-threads ;;
    virtual) service_pid worker-virtual ;;
    async) service_pid worker-async ;;
  esac
}

status_field() {  # field-name pid
  awk -v f="$1:" '$1 == f { print $2 }' "/proc/$2/status"
}

submit() {  # count type model params: posts the jobs in batches, appends their ids to $work/ids
  local left=$1 size
  : >"$work/ids"
  while [ "$left" -gt 0 ]; do
    size=$((left < batch_max ? left : batch_max))
    awk -v n="$size" -v job="{\"type\":\"$2\",\"model\":\"$3\",\"params\":$4}" \
      'BEGIN { printf "{\"jobs\":["; for (i = 0; i < n; i++) printf "%s%s", (i ? "," : ""), job; printf "]}" }' \
      >"$work/body"
    curl -fsS -X POST "$api/batch" -H 'Content-Type: application/json' --data-binary @"$work/body" \
      | grep -o '"[0-9a-f]\{8\}-[0-9a-f-]\{27\}"' | tr -d '"' >>"$work/ids"
    left=$((left - size))
  done
}

collect() {  # waits for every job in $work/ids to be terminal; their JSON goes to $work/jobs, one per line
  sed "s|.*|url = \"$api/&?waitMs=60000\"|" "$work/ids" >"$work/urls"
  # One curl for all ids: one keep-alive connection, and jobs that are done answer at once.
  curl -sS -K "$work/urls" -w '\n' >"$work/jobs"
}

run() {  # count type model params [measure]
  local count=$1 type=$2 model=$3 params=$4 measure=${5:-}
  local pid start_ms first_iso first_ms end_iso end_ms succeeded finished peak_threads rss
  pid=$(worker_pid "$model")
  [ -n "$pid" ] || { echo "compare-models: no worker for model $model" >&2; return 1; }
  if [ -n "$measure" ]; then
    echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true
    (peak=0; while kill -0 "$pid" 2>/dev/null; do
       t=$(status_field Threads "$pid"); [ "${t:-0}" -gt "$peak" ] && peak=$t && echo "$peak" >"$work/threads"
       sleep 0.05
     done) &
    sampler_pid=$!
  fi
  echo 0 >"$work/threads"
  start_ms=$(date +%s%3N)
  submit "$count" "$type" "$model" "$params"
  collect
  [ -n "$measure" ] || return 0
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=
  finished=$(grep -c '"status":"\(SUCCEEDED\|FAILED\)"' "$work/jobs" || true)
  succeeded=$(grep -c '"status":"SUCCEEDED"' "$work/jobs" || true)
  end_iso=$(grep -o '"finishedAt":"[^"]*"' "$work/jobs" | cut -d'"' -f4 | sort | tail -n1)
  end_ms=$(date -d "$end_iso" +%s%3N)
  first_iso=$(grep -o '"startedAt":"[^"]*"' "$work/jobs" | cut -d'"' -f4 | sort | sed -n 1p)
  first_ms=$(date -d "$first_iso" +%s%3N)
  peak_threads=$(cat "$work/threads")
  rss=$(status_field VmHWM "$pid")
  awk -v m="$model" -v t="$type" -v n="$count" -v ok="$succeeded" -v f="$finished" -v ms=$((end_ms - start_ms)) \
      -v run=$((end_ms - first_ms)) -v rss="$rss" -v th="$peak_threads" \
    'BEGIN { printf "  %-8s %-6s %7d %10d %10d %8.1f %8.0f %12.0f %12.0f %13d\n", m, t, n, ok, n - f, ms / 1000,
             n * 1000 / ms, n * 1000 / run, rss / 1024, th }'
}

echo "compare-models: N=$n per run, warm-up $warmup, sleep ${sleep_ms} ms, $(nproc) cores, $(date -u +%FT%TZ)"
[ -w "/proc/$$/clear_refs" ] || echo "  (peak RSS cannot be reset here: it is each worker's peak since it started)"
printf '  %-8s %-6s %7s %10s %10s %8s %8s %12s %12s %13s\n' MODEL TYPE JOBS SUCCEEDED UNFINISHED SECONDS JOBS/S \
  'RUN JOBS/S' 'PEAK RSS MB' 'PEAK THREADS'
for type in $workloads; do
  case "$type" in
    sleep) params="{\"ms\":$sleep_ms}" ;;
    http | noop) params='{}' ;;
    cpu) params='{"limit":100000}' ;;
    *) echo "compare-models: unknown workload $type" >&2; exit 2 ;;
  esac
  for model in $models; do
    if [ "$warmup" -gt 0 ]; then
      run "$warmup" "$type" "$model" "$params"
    fi
    run "$n" "$type" "$model" "$params" measure
  done
done
