#!/usr/bin/env bash
# Stops everything deploy/start.sh started: services first (they drain), then the Kafka broker.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh
source deploy/lib/services.sh

echo "Stopping jobmesh"
for name in gateway worker-threads worker-virtual target; do
  stop_service "$name"
done
deploy/kafka.sh stop | sed 's/^/  /'
