#!/usr/bin/env bash
# A container runtime for jobmesh where Docker may be missing, and the images the Compose stack and the
# Testcontainers tests run.
#
#   deploy/containers.sh setup    a Docker API: the Docker engine there is, else Podman's (installs podman and runc
#                                 from Debian when missing, writes its containers.conf, starts its API socket); on
#                                 Podman also builds the base images no registry can give here: a JRE, a Kafka broker
#                                 (KRaft, the jars from Maven Central) and Prometheus (Debian's package)
#   deploy/containers.sh images   setup, then the services' images from the modules' exec jars (./mvnw package first);
#                                 with --if-running only where a Docker API already answers (the build's step)
#   deploy/containers.sh env      prints, as export lines, what a Docker client, Compose and Testcontainers need to
#                                 use that runtime and those images:  eval "$(deploy/containers.sh env)"
#   deploy/containers.sh up       images, then the Compose stack without Grafana (on Podman: host networking,
#   deploy/containers.sh down     deploy/compose/host-network.yml), waits until every service is healthy; down stops it
#   deploy/containers.sh stop     stops the Podman API service that setup started
#
# Idempotent: what exists is reused (images by name, the Debian root filesystems in the state directory).
# Exit status 3 from setup/env: no container runtime can be had here (no Docker, and Podman cannot be installed).
# Env: JOBMESH_CONTAINERS_DIR (state: containers.conf, the socket, root filesystems; default
#      ~/.cache/jobmesh/containers), DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/jdk.sh
source "$SCRIPT_DIR/lib/jdk.sh"   # JAVA_HOME: a JDK 21+, jlinked into the JRE image
STATE_DIR=${JOBMESH_CONTAINERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/jobmesh/containers}
SOCKET="$STATE_DIR/podman.sock"
CONF="$STATE_DIR/containers.conf"
SUITE=bookworm
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
KAFKA_VERSION=$(sed -n 's:.*<kafka\.version>\(.*\)</kafka\.version>.*:\1:p' "$REPO_ROOT/pom.xml" | head -n1)
COMPOSE_PROJECT=${COMPOSE_PROJECT_NAME:-jobmesh}
# module, the port its health check asks, the health path
SERVICES=("gateway GATEWAY_MANAGEMENT_PORT /actuator/health" "worker-threads WORKER_THREADS_PORT /actuator/health"
          "worker-processes WORKER_PROCESSES_PORT /actuator/health" "worker-async WORKER_ASYNC_PORT /actuator/health"
          "loadgen TARGET_PORT /")

say() { echo "containers: $*" >&2; }
die() { echo "containers: $*" >&2; exit 1; }
unavailable() { echo "containers: no container runtime here: $*" >&2; exit 3; }

usage() { sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }

as_root() {  # runs a command as root: directly, or through password-less sudo
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}

ping_socket() {  # true when a Docker API answers on the unix socket $1
  [ -S "$1" ] && curl -fsS --max-time 3 --unix-socket "$1" http://d/_ping >/dev/null 2>&1
}

engine_of() {  # "podman" or "docker": which engine answers on the unix socket $1
  if curl -fsS --max-time 3 --unix-socket "$1" http://d/version 2>/dev/null | grep -q '"Podman Engine"'; then
    echo podman
  else
    echo docker
  fi
}

# --- the runtime -------------------------------------------------------------------------------------------------
RUNTIME="" DOCKER_SOCKET=""
find_runtime() {  # sets RUNTIME and DOCKER_SOCKET from what already answers; false when nothing does
  local sock
  local host=${DOCKER_HOST:-}
  for sock in "${host#unix://}" /var/run/docker.sock "$SOCKET"; do
    [ -n "$sock" ] || continue
    [[ $sock == /* ]] || continue
    if ping_socket "$sock"; then
      DOCKER_SOCKET=$sock RUNTIME=$(engine_of "$sock")
      return 0
    fi
  done
  return 1
}

install_podman() {
  local packages=(podman runc uidmap slirp4netns fuse-overlayfs debootstrap)
  local missing=() p
  for p in podman runc debootstrap; do command -v "$p" >/dev/null 2>&1 || [ -x "/usr/sbin/$p" ] || missing+=("$p"); done
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || unavailable "no Docker API, no podman, and no apt-get to install it"
  say "installing ${missing[*]} from Debian (apt-get) ..."
  local t0=$SECONDS
  mkdir -p "$STATE_DIR"
  local log="$STATE_DIR/apt.log"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 \
    || unavailable "no Docker API, and installing podman needs root (or password-less sudo); see $log"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >>"$log" 2>&1 \
    || unavailable "apt-get install ${packages[*]} failed; see $log"
  if ! command -v docker-compose >/dev/null 2>&1; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >>"$log" 2>&1 \
      || say "docker-compose could not be installed (see $log); the Compose smoke test will be skipped"
  fi
  say "installed in $((SECONDS - t0)) s"
}

write_conf() {
  mkdir -p "$STATE_DIR"
  # runc fails to set RLIMIT_NOFILE without default_ulimits ("error setting rlimit type 7"); there is no systemd
  # and cgroups are v1 on these machines, so runc with cgroupfs is what works.
  cat >"$CONF.tmp" <<'EOF'
# Written by deploy/containers.sh.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
  mv "$CONF.tmp" "$CONF"
}

start_podman_service() {
  install_podman
  write_conf
  export CONTAINERS_CONF=$CONF
  [ "$(id -u)" = 0 ] || unavailable "the Podman API service is started as root here; run as root or with Docker"
  rm -f "$SOCKET"
  say "starting Podman's Docker API on unix://$SOCKET"
  # From / : the service outlives this script, and its containers' conmon inherit its working directory - one in a
  # checkout deleted later failed every container start with "Failed to get working directory".
  (cd / && exec setsid nohup podman system service --time=0 "unix://$SOCKET" >"$STATE_DIR/podman-service.log" 2>&1 </dev/null) &
  echo $! >"$STATE_DIR/podman-service.pid"
  local i
  for i in $(seq 1 100); do
    ping_socket "$SOCKET" && { DOCKER_SOCKET=$SOCKET RUNTIME=podman; return 0; }
    kill -0 "$(cat "$STATE_DIR/podman-service.pid")" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 20 "$STATE_DIR/podman-service.log" >&2 || true
  unavailable "Podman's API service did not start"
}

ensure_runtime() {
  find_runtime || start_podman_service
  export DOCKER_HOST="unix://$DOCKER_SOCKET"
  if [ "$RUNTIME" = podman ]; then export CONTAINERS_CONF=$CONF; fi
}

cli() {  # podman's own CLI on Podman (same storage as its API), else the Docker CLI
  if [ "$RUNTIME" = podman ]; then podman "$@"
  else docker "$@"
  fi
}

build() {  # docker build; on Podman in Docker's image format, as OCI images have no place for the HEALTHCHECK
  if [ "$RUNTIME" = podman ]; then podman build --format docker "$@"
  else docker build "$@"
  fi
}

image_exists() { cli image inspect "$1" >/dev/null 2>&1; }

# --- image names: official by default, local ones on Podman ------------------------------------------------------
jdk_feature() { jobmesh_java_feature "$JAVA_HOME"; }

image_names() {  # sets the variables docker-compose.yml and the tests read
  if [ "$RUNTIME" = podman ]; then
    JRE_IMAGE=localhost/jobmesh/jre:$(jdk_feature)
    KAFKA_IMAGE=localhost/jobmesh/kafka:$KAFKA_VERSION
    PROMETHEUS_IMAGE=localhost/jobmesh/prometheus:$SUITE
    JOBMESH_IMAGES=localhost/jobmesh
  else
    JRE_IMAGE=${JRE_IMAGE:-eclipse-temurin:25-jre}
    KAFKA_IMAGE=${KAFKA_IMAGE:-apache/kafka:4.1.1}
    PROMETHEUS_IMAGE=${PROMETHEUS_IMAGE:-prom/prometheus:v2.55.1}
    JOBMESH_IMAGES=${JOBMESH_IMAGES:-jobmesh}
  fi
}

# --- base images, built without a registry -----------------------------------------------------------------------
rootfs() {  # NAME [extra packages]: a Debian minbase root filesystem in the state directory, made once
  local dir="$STATE_DIR/rootfs-$1" include=${2:-}
  if [ ! -f "$dir/.complete" ]; then
    say "debootstrap $SUITE ($1${include:+, with $include}) ..."
    local t0=$SECONDS
    rm -rf "$dir.tmp"
    as_root debootstrap --variant=minbase ${include:+--include="$include"} "$SUITE" "$dir.tmp" "$MIRROR" \
      >"$STATE_DIR/debootstrap-$1.log" 2>&1 || { tail -n 20 "$STATE_DIR/debootstrap-$1.log" >&2; die "debootstrap failed"; }
    rm -rf "$dir.tmp/var/cache/apt/archives"/*.deb "$dir.tmp/var/lib/apt/lists"/*_Packages 2>/dev/null || true
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
    touch "$dir/.complete"
    say "root filesystem $1 made in $((SECONDS - t0)) s"
  fi
  echo "$dir"
}

build_jre_image() {
  image_exists "$JRE_IMAGE" && return 0
  local base jre t0=$SECONDS
  base=$(rootfs debian)
  jre="$STATE_DIR/jre-$(jdk_feature)"
  # jlink: every module of the JDK but the linker itself (a JDK without jmods cannot link one), no debug symbols,
  # man pages or headers; jcmd and jfr stay, for diagnostics
  rm -rf "$jre"
  "$JAVA_HOME/bin/jlink" --add-modules "$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -vxE 'jdk.jlink|jdk.jpackage' | paste -sd, -)" \
    --strip-debug --no-man-pages --no-header-files --output "$jre" 2>&1 | grep -v 'incubator modules' >&2 || true
  [ -x "$jre/bin/java" ] || die "jlink made no JRE"
  say "importing $JRE_IMAGE (Debian $SUITE minbase + a JRE jlinked from $JAVA_HOME) ..."
  as_root tar -C "$base" --exclude=./.complete -cf "$STATE_DIR/jre-image.tar" .
  tar -C "$jre/.." -rf "$STATE_DIR/jre-image.tar" --owner=0 --group=0 \
    --transform "s:^$(basename "$jre"):./opt/java/openjdk:" "$(basename "$jre")"
  podman import -q \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["jshell"]' \
    "$STATE_DIR/jre-image.tar" "$JRE_IMAGE" >/dev/null
  rm -f "$STATE_DIR/jre-image.tar"
  rm -rf "$jre"
  say "$JRE_IMAGE built in $((SECONDS - t0)) s"
}

build_kafka_image() {
  image_exists "$KAFKA_IMAGE" && return 0
  local context="$STATE_DIR/kafka-context" t0=$SECONDS
  "$SCRIPT_DIR/kafka.sh" fetch >&2
  rm -rf "$context"
  cp -r "$SCRIPT_DIR/containers/kafka" "$context"
  cp -r "$SCRIPT_DIR/kafka/libs" "$context/libs"
  say "building $KAFKA_IMAGE ..."
  build -q --build-arg BASE_IMAGE="$JRE_IMAGE" -t "$KAFKA_IMAGE" "$context" >/dev/null
  rm -rf "$context"
  say "$KAFKA_IMAGE built in $((SECONDS - t0)) s"
}

build_prometheus_image() {
  image_exists "$PROMETHEUS_IMAGE" && return 0
  local root uid gid t0=$SECONDS
  root=$(rootfs prometheus prometheus)
  # The package's user owns the data directory, as in the official image (which uses /prometheus).
  uid=$(awk -F: '$1 == "prometheus" { print $3 }' "$root/etc/passwd")
  gid=$(awk -F: '$1 == "prometheus" { print $4 }' "$root/etc/passwd")
  [ -n "$uid" ] || die "Debian's prometheus package made no prometheus user"
  as_root mkdir -p "$root/prometheus"
  as_root chown "$uid:$gid" "$root/prometheus"
  say "importing $PROMETHEUS_IMAGE (Debian $SUITE's prometheus package) ..."
  as_root tar -C "$root" --exclude=./.complete -c . | podman import -q \
    --change 'ENTRYPOINT ["/usr/bin/prometheus"]' \
    --change 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]' \
    --change "USER $uid:$gid" \
    --change 'WORKDIR /prometheus' \
    --change 'EXPOSE 9090' \
    - "$PROMETHEUS_IMAGE" >/dev/null
  say "$PROMETHEUS_IMAGE built in $((SECONDS - t0)) s"
}

build_base_images() {
  [ "$RUNTIME" = podman ] || return 0   # a Docker engine pulls the official images
  build_jre_image
  build_kafka_image
  build_prometheus_image
}

# --- the services' images ----------------------------------------------------------------------------------------
build_service_images() {
  # shellcheck source=deploy/ports.sh
  source "$SCRIPT_DIR/ports.sh"
  local entry module port_var path jar t0=$SECONDS
  for entry in "${SERVICES[@]}"; do
    read -r module port_var path <<<"$entry"
    jar=$(ls "$REPO_ROOT/$module"/target/"$module"-*-exec.jar 2>/dev/null | head -n1 || true)
    [ -n "$jar" ] || die "no runnable jar for $module: build first (./mvnw -B -DskipTests package)"
    build -q -f "$SCRIPT_DIR/containers/service/Dockerfile" \
      --build-arg BASE_IMAGE="$JRE_IMAGE" --build-arg MODULE="$module" \
      --build-arg PORT="${!port_var}" --build-arg HEALTH_PATH="$path" \
      -t "$JOBMESH_IMAGES/$module:local" "$REPO_ROOT" >/dev/null
  done
  # a rebuild leaves the previous images untagged: drop those of jobmesh's services only
  cli image prune -f --filter label=dev.jobmesh.image=service >/dev/null 2>&1 || true
  say "services' images built in $((SECONDS - t0)) s: $JOBMESH_IMAGES/{gateway,worker-threads,worker-processes,worker-async,loadgen}:local"
}

print_env() {
  echo "export DOCKER_HOST=unix://$DOCKER_SOCKET"
  echo "export JOBMESH_CONTAINER_RUNTIME=$RUNTIME"
  if [ "$RUNTIME" = podman ]; then
    echo "export CONTAINERS_CONF=$CONF"
    # No registry: Testcontainers' Ryuk image cannot be pulled (containers are removed by the tests themselves).
    # /.dockerenv exists on these machines, which makes Testcontainers look for the host at the bridge gateway.
    echo "export TESTCONTAINERS_RYUK_DISABLED=true"
    echo "export TESTCONTAINERS_HOST_OVERRIDE=localhost"
  fi
  echo "export JRE_IMAGE=$JRE_IMAGE"
  echo "export KAFKA_IMAGE=$KAFKA_IMAGE"
  echo "export PROMETHEUS_IMAGE=$PROMETHEUS_IMAGE"
  echo "export JOBMESH_IMAGES=$JOBMESH_IMAGES"
}

compose_files() {
  local files=(-f "$REPO_ROOT/docker-compose.yml")
  # Podman runs no health checks without systemd, and its bridge network is not loopback: host networking.
  [ "$RUNTIME" = podman ] && files+=(-f "$REPO_ROOT/deploy/compose/host-network.yml")
  echo "${files[@]}"
}

cmd_up() {
  command -v docker-compose >/dev/null 2>&1 || die "needs docker-compose"
  eval "$(print_env)"
  eval "$("$SCRIPT_DIR/api-key.sh" env)"   # the gateway's admin key "local", as ./jobmesh start gives it
  # shellcheck source=deploy/ports.sh
  source "$SCRIPT_DIR/ports.sh"
  export KAFKA_PORT TARGET_PORT GATEWAY_PORT GATEWAY_MANAGEMENT_PORT WORKER_THREADS_PORT WORKER_VIRTUAL_PORT \
    WORKER_PROCESSES_PORT WORKER_ASYNC_PORT PROMETHEUS_PORT KAFKA_CONTROLLER_PORT
  local services=(kafka target gateway worker-threads worker-virtual worker-processes worker-async prometheus)
  # shellcheck disable=SC2046
  docker-compose -p "$COMPOSE_PROJECT" $(compose_files) up -d --no-build "${services[@]}"
  local url t0=$SECONDS
  for url in "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/health" \
             "http://127.0.0.1:$WORKER_THREADS_PORT/actuator/health" "http://127.0.0.1:$WORKER_VIRTUAL_PORT/actuator/health" \
             "http://127.0.0.1:$WORKER_PROCESSES_PORT/actuator/health" "http://127.0.0.1:$WORKER_ASYNC_PORT/actuator/health" \
             "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"; do
    until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
      [ $((SECONDS - t0)) -lt 240 ] || die "not healthy after 240 s: $url (docker-compose -p $COMPOSE_PROJECT logs)"
      sleep 1
    done
  done
  say "up and healthy in $((SECONDS - t0)) s: the API on http://127.0.0.1:$GATEWAY_PORT/api/jobs" \
    "(API key: deploy/api-key.sh), Prometheus on http://127.0.0.1:$PROMETHEUS_PORT"
}

cmd_down() {
  command -v docker-compose >/dev/null 2>&1 || die "needs docker-compose"
  eval "$(print_env)"
  eval "$("$SCRIPT_DIR/api-key.sh" env)"
  # shellcheck disable=SC2046
  docker-compose -p "$COMPOSE_PROJECT" $(compose_files) down --volumes --remove-orphans
}

cmd_stop() {
  local pid_file="$STATE_DIR/podman-service.pid" pid
  [ -f "$pid_file" ] || { say "no Podman API service started here"; return 0; }
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    say "stopped Podman's API service (pid $pid)"
  fi
  rm -f "$pid_file" "$SOCKET"
}

cmd=${1:-help}
[ $# -gt 0 ] && shift
case "$cmd" in
  setup) ensure_runtime; image_names; build_base_images; say "ready: $RUNTIME on unix://$DOCKER_SOCKET" ;;
  images)
    if [ "${1:-}" = --if-running ] && ! find_runtime; then
      say "no Docker API answers: no images built, and the container tests will be skipped (./jobmesh test starts one)"
      exit 0
    fi
    ensure_runtime; image_names; build_base_images; build_service_images ;;
  env) ensure_runtime; image_names; print_env ;;
  up) ensure_runtime; image_names; build_base_images; build_service_images; cmd_up ;;
  down) find_runtime || unavailable "nothing answers"; image_names; cmd_down ;;
  stop) cmd_stop ;;
  help | -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
