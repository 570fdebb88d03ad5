#!/usr/bin/env bash
# Where the CPU goes: records the gateway and one worker with JDK Flight Recorder (settings=profile) while one
# load-test cell runs, then summarises each recording by thread, by the nearest frame of jobmesh's own code and by
# the running frame (loadgen jfr-summary). Uses the running system, or starts one as deploy/loadtest.sh does.
#
#   deploy/profile.sh [model] [workload] [seconds] [loadgen options]     default: async noop 30
#   deploy/profile.sh async noop 30 --single -c 64      one job per request from 64 clients
#   PROFILER=async deploy/profile.sh async noop 30      async-profiler instead, the broker too: native frames
#                                                      (RocksDB, the kernel, the JIT) that JFR cannot see
# Recordings and summaries go to results/profile-<timestamp>/.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh
source deploy/lib/services.sh
source deploy/ports.sh

model=${1:-async}; workload=${2:-noop}; seconds=${3:-30}
shift $(( $# < 3 ? $# : 3 ))
case "$model" in threads | virtual | processes | async) ;; *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;; esac
out="$REPO_ROOT/results/profile-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

gateway_health="http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/health"
if ! curl -fsS -o /dev/null --max-time 2 "$gateway_health" 2>/dev/null; then
  echo "No jobmesh running: starting one for the profile (stopped again at the end)."
  trap 'echo; deploy/stop.sh' EXIT
  deploy/start.sh --no-samples --no-prometheus
fi
gateway=$(service_pid gateway); worker=$(service_pid "worker-$model")
[ -n "$gateway" ] && [ -n "$worker" ] || { echo "profile: gateway or worker-$model not running" >&2; exit 1; }

if [ "${PROFILER:-jfr}" = async ]; then
  # async-profiler's agent, from its jar on Maven Central, loaded into each running JVM by jcmd: CPU samples every
  # 2 ms per thread, kernel and native frames included. Per process: a flame graph (.html), the collapsed stacks
  # (.collapsed, one line per stack and thread) and the hottest methods (.txt).
  agent=$(deploy/lib/async-profiler.sh)
  declare -A pids=([gateway]=$gateway ["worker-$model"]=$worker)
  broker=$(cat "$REPO_ROOT/.jobmesh/kafka/kafka.pid" 2>/dev/null || true)
  [ -n "$broker" ] && pids[broker]=$broker
  agent_command() {  # pid command: jcmd's option parser splits on '=', so the agent's options go in quotes
    "$JAVA_HOME/bin/jcmd" "$1" JVMTI.agent_load "$agent" "\"$2\"" >/dev/null
  }
  for name in "${!pids[@]}"; do agent_command "${pids[$name]}" "start,event=cpu,interval=2ms,threads"; done
  status=0
  deploy/loadtest.sh run -m "$model" -w "$workload" -d "${seconds}s" --warmup 5s "$@" | tee "$out/loadtest.txt" || status=$?
  for name in "${!pids[@]}"; do
    agent_command "${pids[$name]}" "dump,file=$out/$name.collapsed,collapsed"
    agent_command "${pids[$name]}" "dump,file=$out/$name.txt,flat=30,traces=0"
    agent_command "${pids[$name]}" "stop,file=$out/$name.html"
  done
  echo "Flame graphs, collapsed stacks and hottest methods: $out"
  exit $status
fi

"$JAVA_HOME/bin/jcmd" "$gateway" JFR.start name=profile settings=profile filename="$out/gateway.jfr" >/dev/null
"$JAVA_HOME/bin/jcmd" "$worker" JFR.start name=profile settings=profile filename="$out/worker-$model.jfr" >/dev/null
status=0
deploy/loadtest.sh run -m "$model" -w "$workload" -d "${seconds}s" --warmup 5s "$@" | tee "$out/loadtest.txt" || status=$?
"$JAVA_HOME/bin/jcmd" "$gateway" JFR.stop name=profile >/dev/null
"$JAVA_HOME/bin/jcmd" "$worker" JFR.stop name=profile >/dev/null

loadgen_jar=$(ls loadgen/target/loadgen-*-exec.jar | head -n1)
for recording in "$out"/*.jfr; do
  "$JAVA_HOME/bin/java" -jar "$loadgen_jar" jfr-summary "$recording" | tee "${recording%.jfr}.txt"
done
echo "Recordings and summaries: $out"
exit $status
