#!/usr/bin/env bash
# Measures the candidate HTTP clients of the http workload (see bench/README.md for the results):
# Reactor Netty on the worker's event loop, the JDK's HttpClient.sendAsync, and the JDK client with the event
# loop as its executor - each in a JVM of its own, against the bundled target (50 ms, 1024 bytes) on 127.0.0.1.
#
#   worker-async/bench/http-clients.sh [REQUESTS] [ROUNDS]      (defaults: 20000 requests, 3 rounds)
#
# Env: TARGET_PORT (default 18095, a port of its own so a running system is not disturbed).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh

requests=${1:-20000}
rounds=${2:-3}
port=${TARGET_PORT:-18095}
work=$(mktemp -d)
target_pid=

cleanup() {
  [ -n "$target_pid" ] && kill "$target_pid" 2>/dev/null && wait "$target_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

./mvnw -B -q -pl worker-async -am install -DskipTests
./mvnw -B -q -pl worker-async dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp"
classpath="worker-async/target/test-classes:worker-async/target/classes:$(cat "$work/cp")"

"$JAVA_HOME/bin/java" -Xmx128m -jar loadgen/target/loadgen-*-exec.jar target --port "$port" >"$work/target.log" 2>&1 &
target_pid=$!
for _ in $(seq 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.1
done

run() {  # client in-flight max-connections
  "$JAVA_HOME/bin/java" -Xmx512m -cp "$classpath" dev.jobmesh.worker.async.bench.HttpClientBenchmark \
    "http://127.0.0.1:$port/" "$1" "$requests" "$2" "$3" "$rounds" 2>/dev/null | grep -E "^(reactor|jdk)"
}

echo "$requests GETs per round, target http://127.0.0.1:$port/ (50 ms, 1024 bytes), $(nproc) cores"
# 1000 requests in flight (the worker's default window) over 256 connections: Reactor Netty queues the rest in its
# bounded pool; the JDK client has no connection cap, so it gets 256 in flight (the same 256 connections).
run reactor 1000 256
run jdk 1000 256
run jdk-loop 1000 256
# 1000 connections each, for the client's own limit.
run reactor 1000 1000
run jdk 1000 1000
run jdk-loop 1000 1000
