#!/usr/bin/env bash
# Prints which local jobmesh processes are running.
set -uo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh
source deploy/lib/services.sh
for name in target gateway worker-threads worker-virtual; do
  pid=$(service_pid "$name")
  printf '  %-15s %s\n' "$name" "${pid:+running (pid $pid)}${pid:-stopped}"
done
deploy/kafka.sh status | sed 's/^/  /'
