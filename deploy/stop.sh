#!/usr/bin/env bash
# Stops everything deploy/start.sh started: Prometheus, the services (they drain), then the Kafka broker.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh
source deploy/lib/services.sh

echo "Stopping jobmesh"
deploy/lib/prometheus.sh stop | sed 's/^/  /'
for name in gateway worker-threads worker-virtual worker-processes worker-async target; do
  stop_service "$name"
done
deploy/kafka.sh stop | sed 's/^/  /'
