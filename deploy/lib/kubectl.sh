#!/usr/bin/env bash
# kubectl for KubernetesManifestsIT, which renders deploy/k8s with `kubectl kustomize` (no cluster needed):
# installs Debian's kubernetes-client package when kubectl is missing.
#
#   deploy/lib/kubectl.sh ensure-installed
set -euo pipefail

[ "${1:-}" = ensure-installed ] || { echo "usage: deploy/lib/kubectl.sh ensure-installed" >&2; exit 2; }
command -v kubectl >/dev/null 2>&1 && exit 0
sudo=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "kubectl: not installed, and installing it needs root: run 'sudo apt-get install -y kubernetes-client'" >&2
    exit 1
  fi
fi
command -v apt-get >/dev/null 2>&1 || { echo "kubectl: not installed and no apt-get here; put kubectl on the PATH" >&2; exit 1; }
echo "kubectl: installing Debian's kubernetes-client ..."
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null 2>&1 \
  || { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 \
       && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null 2>&1; } \
  || { echo "kubectl: apt-get install kubernetes-client failed" >&2; exit 1; }
