#!/usr/bin/env bash
# Prints which local jobmesh processes are running.
set -uo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh
source deploy/lib/services.sh
for name in target gateway worker-threads worker-virtual worker-processes worker-async; do
  pid=$(service_pid "$name")
  if [ -n "$pid" ]; then state="running (pid $pid)"; else state=stopped; fi
  printf "  %-15s %s\n" "$name" "$state"
done
if pid=$(deploy/lib/prometheus.sh pid) && [ -n "$pid" ]; then
  printf '  %-15s %s\n' prometheus "running (pid $pid) at $(deploy/lib/prometheus.sh url)"
else
  printf '  %-15s %s\n' prometheus stopped
fi
deploy/kafka.sh status | sed 's/^/  /'
