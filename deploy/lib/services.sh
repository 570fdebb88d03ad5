# Sourced by jobmesh's local scripts: start, wait for and stop service processes, one pid file each.
# Expects REPO_ROOT, and RUN_DIR / LOG_DIR (created here).

# shellcheck source=deploy/lib/terminate.sh
source "$REPO_ROOT/deploy/lib/terminate.sh"

RUN_DIR=${RUN_DIR:-$REPO_ROOT/.jobmesh/run}
LOG_DIR=${LOG_DIR:-$REPO_ROOT/.jobmesh/logs}
mkdir -p "$RUN_DIR" "$LOG_DIR"

service_pid() {  # prints the pid of a running service, or nothing
  local file="$RUN_DIR/$1.pid" pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_service() {  # name port java-args... (SERVICE_NICE=n: at that CPU niceness)
  local name=$1 port=$2; shift 2
  if [ -n "$(service_pid "$name")" ]; then
    echo "  $name already running (pid $(service_pid "$name"))"
    return 0
  fi
  if port_in_use "$port"; then
    echo "jobmesh: port $port is taken; $name cannot start (stop whatever listens there)" >&2
    return 1
  fi
  nohup setsid nice -n "${SERVICE_NICE:-0}" "$JAVA_HOME/bin/java" "$@" >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
  echo "  $name starting on :$port (pid $!, log $LOG_DIR/$name.log)"
}

wait_healthy() {  # name url [timeout-seconds]: waits for a 2xx from url while the process lives
  local name=$1 url=$2 timeout=${3:-120} start=$SECONDS
  while true; do
    if [ -z "$(service_pid "$name")" ]; then
      echo "jobmesh: $name exited during start-up; last lines of $LOG_DIR/$name.log:" >&2
      tail -n 30 "$LOG_DIR/$name.log" >&2
      return 1
    fi
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      echo "  $name healthy after $((SECONDS - start)) s"
      return 0
    fi
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      echo "jobmesh: $name not healthy after ${timeout} s; last lines of $LOG_DIR/$name.log:" >&2
      tail -n 30 "$LOG_DIR/$name.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

stop_service() {  # name: SIGTERM, then SIGKILL after 40 s (workers drain in-flight jobs first)
  local name=$1 pid
  pid=$(service_pid "$name")
  if [ -n "$pid" ]; then
    terminate_pid "$pid" 40 "  $name" || echo "  $name (pid $pid) survived SIGKILL" >&2
    echo "  $name stopped"
  fi
  rm -f "$RUN_DIR/$name.pid"
}
