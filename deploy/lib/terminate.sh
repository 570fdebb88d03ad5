# Sourced by jobmesh's local scripts: the one way they stop a process they started.

# terminate_pid PID SECONDS LABEL: SIGTERM, wait up to SECONDS for a graceful exit (workers drain, brokers
# flush), then SIGKILL. Returns when the process is gone; 1 if it survived SIGKILL for 5 s.
terminate_pid() {
  local pid=$1 seconds=$2 label=$3 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < seconds * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "$label did not stop in $seconds s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}
