#!/usr/bin/env bash
# The scale suite (system-tests, Maven profile scale): a million-job backlog drained by the four models, the
# gateway restarted on that view and a second one started empty, kill -9 of every service and a broker restart
# under load, and a soak. Each suite starts its own system (real broker, every service its own process on its
# deploy/jvm options) on free ports, so nothing else may be loading the machine. Figures go to stdout and to
# system-tests/target/system/scale.txt.
#
#   deploy/scale-test.sh                          every suite at full size (about 40 minutes on 2 cores)
#   deploy/scale-test.sh backlog|kill|soak        one suite
#   deploy/scale-test.sh --jobs 100000 --soak 5m  smaller: the backlog's jobs, the soak's length
#   deploy/scale-test.sh --rate 2151              the matrix rate the loads are a share of (jobs/s)
#   deploy/scale-test.sh --no-build               use the jars of the last build
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
source deploy/lib/jdk.sh

suites=() props=() build=1
while [ $# -gt 0 ]; do
  case "$1" in
    backlog) suites+=(BacklogScale) ;;
    kill) suites+=(KillUnderLoadScale) ;;
    soak) suites+=(SoakScale) ;;
    --jobs) props+=("-Djobmesh.scale.jobs=$2"); shift ;;
    --soak) props+=("-Djobmesh.scale.soak=$2"); shift ;;
    --rate) props+=("-Djobmesh.scale.rate=$2"); shift ;;
    --no-build) build=0 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scale-test: unknown argument $1" >&2; sed -n '8,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done
[ ${#suites[@]} -gt 0 ] || suites=(BacklogScale KillUnderLoadScale SoakScale)
selected=$(IFS=,; echo "${suites[*]}")

if [ "$build" = 1 ]; then
  ./mvnw -B -q install -DskipTests -DskipITs
fi
# The scale classes only: no unit tests, no functional integration tests.
./mvnw -B verify -pl system-tests -P scale -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test="$selected" -Dfailsafe.failIfNoSpecifiedTests=false "${props[@]}"
echo "Figures: system-tests/target/system/scale.txt"
