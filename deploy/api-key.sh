#!/usr/bin/env bash
# The local API key that ./jobmesh start, ./jobmesh loadtest, deploy/containers.sh up and the README's curl examples
# use: 256 random bits made once and kept in .jobmesh/api-key, readable by its owner only. Gateways are given only
# its SHA-256 (jobmesh.gateway.auth.keys[].sha256), as a key named "local" with the admin role.
#
#   deploy/api-key.sh          prints the key (made first if there is none)
#   deploy/api-key.sh sha256   prints its SHA-256 in hex
#   deploy/api-key.sh env      export lines: JOBMESH_API_KEY (loadgen reads it) and JOBMESH_API_KEY_SHA256
#                              (docker-compose.yml gives it to the gateway):  eval "$(deploy/api-key.sh env)"
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KEY_FILE=${JOBMESH_API_KEY_FILE:-$REPO_ROOT/.jobmesh/api-key}

ensure_key() {
  [ -s "$KEY_FILE" ] && return 0
  mkdir -p "$(dirname "$KEY_FILE")"
  (umask 077 && printf 'jm_%s\n' "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" >"$KEY_FILE.tmp")
  mv "$KEY_FILE.tmp" "$KEY_FILE"
  echo "api-key: made a new local API key in ${KEY_FILE#"$REPO_ROOT"/}" >&2
}

key() { tr -d '\n' <"$KEY_FILE"; }
sha256() { printf '%s' "$(key)" | sha256sum | cut -d' ' -f1; }

ensure_key
case "${1:-key}" in
  key) key; echo ;;
  sha256) sha256 ;;
  env)
    echo "export JOBMESH_API_KEY=$(key)"
    echo "export JOBMESH_API_KEY_SHA256=$(sha256)" ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
