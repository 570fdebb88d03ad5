#!/usr/bin/env bash
# Prints the path of async-profiler's agent library for this machine, fetching its jar from Maven Central into
# .jobmesh/tools once (through the Maven Wrapper, so nothing else needs installing).
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$REPO_ROOT/deploy/lib/jdk.sh"

VERSION=4.2
case "$(uname -m)" in
  x86_64 | amd64) platform=linux-x64 ;;
  aarch64 | arm64) platform=linux-arm64 ;;
  *) echo "async-profiler: no build for $(uname -m)" >&2; exit 1 ;;
esac
tools="$REPO_ROOT/.jobmesh/tools/async-profiler-$VERSION"
library="$tools/$platform/libasyncProfiler.so"
if [ ! -f "$library" ]; then
  mkdir -p "$tools"
  "$REPO_ROOT/mvnw" -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$VERSION:jar:$platform" \
    -DoutputDirectory="$tools" >&2
  (cd "$tools" && "$JAVA_HOME/bin/jar" xf "async-profiler-$VERSION-$platform.jar" "$platform/libasyncProfiler.so")
fi
echo "$library"
