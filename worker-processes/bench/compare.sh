#!/usr/bin/env bash
# Compares the process model (worker-processes) with the thread model (worker-threads) on one running local
# system: jobs/s for noop and cpu jobs per model, then the process model's child start-up time and resident
# set per child, next to each worker's own resident set.
#
#   worker-processes/bench/compare.sh [--noop N] [--cpu N] [--cpu-limit L] [--repeat R] [--models "..."]
#                                     [--start-worker [--children N]] [--replace-child]
#
#   --noop N          noop jobs per model in the measured batch (default 5000; at most 10000)
#   --cpu N           cpu jobs per model in the measured batch (default 1000; at most 10000)
#   --cpu-limit L     params.limit of the cpu jobs (default 200000: 17984 primes, a few ms each)
#   --repeat R        measured batches per model and type, taking turns between models (default 3); the
#                     median is printed, with the lowest and highest
#   --models "..."    models to compare, in order (default "processes threads"; "virtual" works too)
#   --start-worker    start worker-processes' exec jar on :8183 first, as deploy/start.sh starts the other
#                     workers, and stop it (SIGTERM) when done
#   --children N      with --start-worker: that many children instead of one per core
#   --replace-child   at the end, kill -9 one child and report how long its replacement took to start on the
#                     running system (the start-up figure otherwise covers children started with the service)
#
# Needs the local system started by ./jobmesh start (Kafka, the target, the gateway on :8080, worker-threads on
# :8181 and :8182) and worker-processes on :8183 - started with it where deploy/start.sh lists it, by
# --start-worker, or by hand with the arguments deploy/start.sh gives the other workers:
#   java -Xmx512m -jar worker-processes/target/worker-processes-*-exec.jar --server.port=8183 \
#        --jobmesh.kafka.bootstrap-servers=127.0.0.1:9092 --jobmesh.workloads.http.default-url=http://127.0.0.1:8090/
#
# How it measures: for each type, a warm-up batch per model (a fifth of N, not counted), then R rounds in which
# each model gets one batch of N jobs, sent in one POST /api/jobs/batch. jobs/s = N / (the latest finishedAt
# among them - the time just before the POST), so the rate covers submission, Kafka, the worker and the status
# write-back. Afterwards every job is read with GET /api/jobs/{id}?waitMs=60000 and must have SUCCEEDED.
# Everything shares this machine's cores (and whatever else runs on it: the load average is printed), so
# compare models within one run; the absolute numbers belong to this machine.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"
source deploy/ports.sh
WORKER_PROCESSES_PORT=${WORKER_PROCESSES_PORT:-8183}
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
PROCESSES="http://127.0.0.1:$WORKER_PROCESSES_PORT"

noop_jobs=5000 cpu_jobs=1000 cpu_limit=200000 repeat=3 models="processes threads" start_worker=0 replace=0 children=""
while [ $# -gt 0 ]; do
  case "$1" in
    --noop) noop_jobs=$2; shift 2 ;;
    --cpu) cpu_jobs=$2; shift 2 ;;
    --cpu-limit) cpu_limit=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --models) models=$2; shift 2 ;;
    --start-worker) start_worker=1; shift ;;
    --replace-child) replace=1; shift ;;
    --children) children=$2; shift 2 ;;
    *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
for n in "$noop_jobs" "$cpu_jobs"; do
  [ "$n" -ge 1 ] && [ "$n" -le 10000 ] || { echo "compare.sh: batch sizes must be 1..10000" >&2; exit 2; }
done

work=$(mktemp -d)
worker_pid=""
cleanup() {
  if [ -n "$worker_pid" ] && kill -0 "$worker_pid" 2>/dev/null; then
    echo "Stopping worker-processes (pid $worker_pid)"
    kill -TERM "$worker_pid"
    for _ in $(seq 400); do kill -0 "$worker_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$worker_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

up() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

up "http://127.0.0.1:${GATEWAY_MANAGEMENT_PORT:-8081}/actuator/health" || up "$GATEWAY/actuator/health" \
  || { echo "compare.sh: no gateway on :$GATEWAY_PORT; run ./jobmesh start first" >&2; exit 1; }

if [ $start_worker = 1 ]; then
  source deploy/lib/jdk.sh
  jar=$(ls worker-processes/target/worker-processes-*-exec.jar 2>/dev/null | head -n1)
  [ -n "$jar" ] || { echo "compare.sh: build worker-processes first (./mvnw -pl worker-processes -am package)" >&2; exit 1; }
  up "$PROCESSES/actuator/health" && { echo "compare.sh: something already listens on :$WORKER_PROCESSES_PORT" >&2; exit 1; }
  mkdir -p .jobmesh/logs
  "$JAVA_HOME/bin/java" -Xmx512m -jar "$jar" --server.port="$WORKER_PROCESSES_PORT" \
    --jobmesh.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
    --jobmesh.workloads.http.default-url="http://127.0.0.1:$TARGET_PORT/" \
    ${children:+--jobmesh.processes.children="$children"} \
    >.jobmesh/logs/worker-processes.log 2>&1 </dev/null &
  worker_pid=$!
  echo "Started worker-processes (pid $worker_pid, log .jobmesh/logs/worker-processes.log)"
fi
for _ in $(seq 240); do up "$PROCESSES/actuator/health/readiness" && break; sleep 0.5; done
up "$PROCESSES/actuator/health/readiness" \
  || { echo "compare.sh: worker-processes on :$WORKER_PROCESSES_PORT is not ready" >&2; exit 1; }

# run MODEL TYPE COUNT PARAMS -> prints "seconds jobs/s", fails unless every job SUCCEEDED
run() {
  local model=$1 type=$2 count=$3 params=$4 body="$work/body.json" ids="$work/ids" views="$work/views"
  awk -v n="$count" -v t="$type" -v m="$model" -v p="$params" 'BEGIN {
    printf "{\"jobs\":["
    for (i = 0; i < n; i++) printf "%s{\"type\":\"%s\",\"model\":\"%s\",\"params\":%s}", (i ? "," : ""), t, m, p
    print "]}" }' >"$body"
  local started
  started=$(date +%s.%N)
  curl -fsS -X POST "$GATEWAY/api/jobs/batch" -H 'Content-Type: application/json' --data-binary @"$body" \
    | grep -o '"[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}"' | tr -d '"' >"$ids"
  [ "$(wc -l <"$ids")" -eq "$count" ] || { echo "compare.sh: the batch was not accepted" >&2; return 1; }
  # One curl for all reads: one keep-alive connection; each read waits until its job is finished.
  sed "s|.*|url = \"$GATEWAY/api/jobs/&?waitMs=60000\"|" "$ids" >"$work/reads"
  curl -sS -K "$work/reads" -w '\n' >"$views"
  local succeeded
  succeeded=$(grep -c '"status":"SUCCEEDED"' "$views" || true)
  if [ "$succeeded" -ne "$count" ]; then
    echo "compare.sh: only $succeeded of $count $type jobs on $model SUCCEEDED:" >&2
    grep -o '"status":"[A-Z]*"' "$views" | sort | uniq -c >&2
    return 1
  fi
  local finished
  finished=$(grep -o '"finishedAt":"[^"]*"' "$views" | cut -d'"' -f4 | date -f - +%s.%N | sort -n | tail -n1)
  awk -v s="$started" -v f="$finished" -v n="$count" 'BEGIN { printf "%.2f %.0f\n", f - s, n / (f - s) }'
}

rss_kb() {  # resident set of a pid, kB
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo "?"
}

pid_of() {  # the java process whose command line has every word given
  local dir cmdline word ok
  for dir in /proc/[0-9]*; do
    cmdline=$(tr '\0' ' ' <"$dir/cmdline" 2>/dev/null) || continue
    ok=1
    for word in "$@"; do [[ $cmdline == *"$word"* ]] || { ok=0; break; }; done
    [ $ok = 1 ] && { echo "${dir#/proc/}"; return; }
  done
}

echo
echo "Throughput ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); jobs/s = jobs / (last finishedAt - submission))"
printf '  %-10s %-5s %6s %9s   %s\n' MODEL TYPE JOBS 'JOBS/S' "(lowest..highest of $repeat)"
for spec in "noop $noop_jobs {}" "cpu $cpu_jobs {\"limit\":$cpu_limit}"; do
  read -r type count params <<<"$spec"
  declare -A rates=()
  for model in $models; do
    run "$model" "$type" $(( count / 5 > 0 ? count / 5 : 1 )) "$params" >/dev/null
  done
  for _ in $(seq "$repeat"); do
    for model in $models; do
      result=$(run "$model" "$type" "$count" "$params")
      rates[$model]="${rates[$model]:-} ${result#* }"
    done
  done
  for model in $models; do
    read -r median low high < <(printf '%s\n' ${rates[$model]} | sort -n \
      | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[1], v[NR] }')
    printf '  %-10s %-5s %6d %9s   (%s..%s)\n' "$model" "$type" "$count" "$median" "$low" "$high"
  done
  unset rates
done

metrics=$(curl -fsS "$PROCESSES/actuator/prometheus")
metric() {  # the first sample of a metric whose line matches the pattern
  printf '%s\n' "$metrics" | grep -E "^$1" | head -n1 | awk '{ print $NF }'
}
supervisor=$(pid_of -jar worker-processes "--server.port=$WORKER_PROCESSES_PORT")
echo
echo "worker-processes children"
count=$(metric 'jobmesh_processes_child_startup_seconds_count')
sum=$(metric 'jobmesh_processes_child_startup_seconds_sum')
awk -v c="$count" -v s="$sum" \
  'BEGIN { printf "  start-up (spawn to handshake): %d children so far, mean %.0f ms\n", c, (c > 0 ? 1000 * s / c : 0) }'
if [ $replace = 1 ] && [ -n "$supervisor" ]; then
  child=$(pid_of "-Djobmesh.child.supervisor=$supervisor" ChildMain)
  died=$(metric 'jobmesh_processes_child_restarts_total\{.*reason="died"')
  kill -KILL "$child"
  for _ in $(seq 100); do
    metrics=$(curl -fsS "$PROCESSES/actuator/prometheus")
    [ "$(metric 'jobmesh_processes_children_ready')" = "$(metric 'jobmesh_processes_children\{')" ] \
      && [ "$(metric 'jobmesh_processes_child_restarts_total\{.*reason="died"')" != "$died" ] && break
    sleep 0.1
  done
  awk -v l="$(metric 'jobmesh_processes_child_startup_last_seconds')" -v p="$child" \
    'BEGIN { printf "  replacement of child pid %s (killed with SIGKILL) started in %.0f ms\n", p, 1000 * l }'
  sleep 1  # the new child's resident set is still growing right after its handshake
  metrics=$(curl -fsS "$PROCESSES/actuator/prometheus")
fi
printf '%s\n' "$metrics" | grep -E '^jobmesh_processes_child_rss_bytes' | sed -E 's/.*slot="([0-9]+)".* (.*)$/\1 \2/' \
  | sort -n | while read -r slot bytes; do
      awk -v s="$slot" -v b="$bytes" 'BEGIN { printf "  child %s resident set: %.1f MB\n", s, b / 1048576 }'
    done
printf '%s\n' "$metrics" | grep -E '^jobmesh_processes_child_restarts_total' | grep -v ' 0.0$' \
  | sed -E 's/.*reason="([a-z_]+)".* (.*)$/  restarts (\1): \2/' || true

echo
echo "Resident set of each worker process"
[ -n "$supervisor" ] && printf '  %-34s %s MB\n' "worker-processes supervisor (pid $supervisor)" $(( $(rss_kb "$supervisor") / 1024 ))
for name in worker-threads worker-virtual; do
  pid=$(cat ".jobmesh/run/$name.pid" 2>/dev/null || true)
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && printf '  %-34s %s MB\n' "$name (pid $pid)" $(( $(rss_kb "$pid") / 1024 ))
done
