#!/usr/bin/env bash
# Prometheus for the local system: installs Debian's prometheus package when it is missing, and runs it as a
# background process that scrapes the services started by deploy/start.sh.
#
#   deploy/lib/prometheus.sh ensure-installed   install `prometheus` (apt-get, as root or via sudo) if missing
#   deploy/lib/prometheus.sh start              render the local config, start, wait until /-/ready
#   deploy/lib/prometheus.sh stop               SIGTERM, wait (SIGKILL after 30 s)
#   deploy/lib/prometheus.sh status             exit 0 running, 3 stopped
#   deploy/lib/prometheus.sh pid | url          the running instance's pid (or nothing), its URL
#
# Sourcing it defines the same as functions (prometheus_ensure_installed, prometheus_start, prometheus_stop,
# prometheus_status, prometheus_pid, prometheus_url) without running anything.
#
# The scrape config is deploy/prometheus/prometheus.yml, written for the default ports of deploy/ports.env. start
# renders it into $PROMETHEUS_DIR/prometheus.yml with the ports of the current environment (GATEWAY_PORT,
# WORKER_THREADS_PORT, ... - each 127.0.0.1:<default> becomes 127.0.0.1:<port>), so overridden ports are scraped.
# Env: PROMETHEUS_PORT (default 9090), PROMETHEUS_DIR (default .jobmesh/prometheus: config, data/, pid, log),
#      JOBMESH_PROMETHEUS_START_TIMEOUT (seconds, default 60), PROMETHEUS_RETENTION (default 2d).

PROMETHEUS_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROMETHEUS_REPO_ROOT=$(cd "$PROMETHEUS_LIB_DIR/../.." && pwd)
# shellcheck source=deploy/ports.sh
source "$PROMETHEUS_REPO_ROOT/deploy/ports.sh"
# shellcheck source=deploy/lib/terminate.sh
source "$PROMETHEUS_REPO_ROOT/deploy/lib/terminate.sh"
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
PROMETHEUS_DIR=${PROMETHEUS_DIR:-$PROMETHEUS_REPO_ROOT/.jobmesh/prometheus}
PROMETHEUS_CONFIG_TEMPLATE="$PROMETHEUS_REPO_ROOT/deploy/prometheus/prometheus.yml"

prometheus_url() {
  echo "http://127.0.0.1:$PROMETHEUS_PORT"
}

prometheus_ensure_installed() {  # returns 0 once `prometheus` and `promtool` are on the PATH
  if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "prometheus: not installed, and installing it needs root: run 'sudo apt-get install -y prometheus'" \
        "(Debian/Ubuntu) or put a prometheus binary (2.x) on the PATH" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "prometheus: not installed and no apt-get here; install Prometheus 2.x so 'prometheus' and 'promtool'" \
      "are on the PATH" >&2
    return 1
  fi
  echo "prometheus: not installed; installing Debian's prometheus package (apt-get)..."
  # The package's postinst may try to start a service; nothing starts it here (no systemd in containers),
  # and deploy/start.sh runs its own instance on 127.0.0.1 anyway.
  if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends prometheus >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q >/dev/null 2>&1 || true
    if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends prometheus >/dev/null; then
      echo "prometheus: 'apt-get install prometheus' failed" >&2
      return 1
    fi
  fi
  # Debian's package starts a system instance where systemd runs; that one would take port 9090.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
    "${sudo[@]}" systemctl stop prometheus >/dev/null 2>&1 || true
    "${sudo[@]}" systemctl disable prometheus >/dev/null 2>&1 || true
  fi
  command -v prometheus >/dev/null 2>&1 || { echo "prometheus: installed, but not on the PATH" >&2; return 1; }
  echo "prometheus: installed $(prometheus --version 2>&1 | head -n1)"
}

prometheus_pid() {  # prints the pid of the running instance, or nothing
  local file="$PROMETHEUS_DIR/prometheus.pid" pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

prometheus_render_config() {  # the local config with this environment's ports, into $PROMETHEUS_DIR
  local config="$PROMETHEUS_DIR/prometheus.yml" name default expressions=()
  # The file names the defaults of deploy/ports.env; each becomes the port this environment has.
  while IFS='=' read -r name default; do
    case "$name" in GATEWAY_MANAGEMENT_PORT | WORKER_*_PORT | PROMETHEUS_PORT) ;; *) continue ;; esac
    expressions+=(-e "s/127\.0\.0\.1:$default\b/127.0.0.1:${!name}/g")
  done < "$PROMETHEUS_REPO_ROOT/deploy/ports.env"
  sed "${expressions[@]}" "$PROMETHEUS_CONFIG_TEMPLATE" >"$config.tmp"
  mv "$config.tmp" "$config"
  echo "$config"
}

prometheus_start() {
  local pid config timeout=${JOBMESH_PROMETHEUS_START_TIMEOUT:-60} start=$SECONDS
  pid=$(prometheus_pid)
  if [ -n "$pid" ]; then
    echo "prometheus already running (pid $pid) at $(prometheus_url)"
    return 0
  fi
  prometheus_ensure_installed || return 1
  mkdir -p "$PROMETHEUS_DIR/data"
  if (exec 3<>"/dev/tcp/127.0.0.1/$PROMETHEUS_PORT") 2>/dev/null; then
    echo "prometheus: port $PROMETHEUS_PORT is taken (set PROMETHEUS_PORT to another one)" >&2
    return 1
  fi
  config=$(prometheus_render_config)
  if ! promtool check config "$config" >"$PROMETHEUS_DIR/promtool.log" 2>&1; then
    echo "prometheus: invalid config $config:" >&2
    cat "$PROMETHEUS_DIR/promtool.log" >&2
    return 1
  fi
  nohup setsid prometheus --config.file="$config" --storage.tsdb.path="$PROMETHEUS_DIR/data" \
    --storage.tsdb.retention.time="${PROMETHEUS_RETENTION:-2d}" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --web.enable-lifecycle \
    >"$PROMETHEUS_DIR/prometheus.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PROMETHEUS_DIR/prometheus.pid"
  echo "prometheus starting on 127.0.0.1:$PROMETHEUS_PORT (pid $pid, log $PROMETHEUS_DIR/prometheus.log)"
  while true; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "prometheus: exited during start-up; last lines of $PROMETHEUS_DIR/prometheus.log:" >&2
      tail -n 20 "$PROMETHEUS_DIR/prometheus.log" >&2
      rm -f "$PROMETHEUS_DIR/prometheus.pid"
      return 1
    fi
    if curl -fsS -o /dev/null --max-time 2 "$(prometheus_url)/-/ready" 2>/dev/null; then
      echo "prometheus ready after $((SECONDS - start)) s at $(prometheus_url)"
      return 0
    fi
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      echo "prometheus: not ready after $timeout s; see $PROMETHEUS_DIR/prometheus.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

prometheus_stop() {
  local pid
  pid=$(prometheus_pid)
  if [ -n "$pid" ]; then
    terminate_pid "$pid" 30 prometheus || echo "prometheus (pid $pid) survived SIGKILL" >&2
    echo "prometheus stopped"
  fi
  rm -f "$PROMETHEUS_DIR/prometheus.pid"
}

prometheus_status() {
  local pid
  pid=$(prometheus_pid)
  if [ -n "$pid" ]; then
    echo "prometheus running (pid $pid) at $(prometheus_url)"
    return 0
  fi
  echo "prometheus stopped"
  return 3
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    ensure-installed) prometheus_ensure_installed ;;
    start) prometheus_start ;;
    stop) prometheus_stop ;;
    status) prometheus_status ;;
    pid) prometheus_pid ;;
    url) prometheus_url ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
fi
