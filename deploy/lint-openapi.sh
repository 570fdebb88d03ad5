#!/usr/bin/env bash
# Lints the OpenAPI document the gateway serves - written to gateway/target/openapi.json by OpenApiDocumentIT - with
# Redocly CLI's recommended rules, and fails on any error (warnings are printed). ./jobmesh test runs it after the
# build. Redocly CLI is installed from the npm registry once, into ~/.cache/jobmesh/redocly; where there is no npm
# or no registry, the lint is skipped with a message.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REDOCLY_VERSION=2.77.0
DOCUMENT=${1:-$REPO_ROOT/gateway/target/openapi.json}
TOOL_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/jobmesh/redocly-$REDOCLY_VERSION

if [ ! -f "$DOCUMENT" ]; then  # e.g. ./jobmesh test -DskipITs
  echo "lint-openapi: no $DOCUMENT (the gateway's integration tests write it); the OpenAPI lint is skipped" >&2
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "lint-openapi: no npm here; the OpenAPI lint is skipped" >&2
  exit 0
fi
if [ ! -x "$TOOL_DIR/node_modules/.bin/redocly" ]; then
  mkdir -p "$TOOL_DIR"
  if ! (cd "$TOOL_DIR" && npm install --silent --no-audit --no-fund "@redocly/cli@$REDOCLY_VERSION" >npm.log 2>&1); then
    echo "lint-openapi: could not install Redocly CLI from npm (see $TOOL_DIR/npm.log); the OpenAPI lint is skipped" >&2
    exit 0
  fi
fi
echo "lint-openapi: Redocly CLI $REDOCLY_VERSION, recommended rules, on ${DOCUMENT#"$REPO_ROOT"/}"
# the document declares no license: the one warning left, by choice
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$TOOL_DIR/node_modules/.bin/redocly" lint --extends=recommended --format=stylish "$DOCUMENT" 2>&1 \
  | grep -v -e '^ *[║╔╚]' -e '^$'
