# Sourced by jobmesh's local scripts (and read by the scale suite): the AOT cache a service's JVM starts from.
# JDK 25's AOT cache holds the classes a run loaded and linked and the profiles of its methods: a gateway started
# from one was ready 3 s sooner (5.2 s instead of 8.1 s to Spring's "Started"; joining on a million jobs, 19.3-20.7 s
# instead of 23.5-24.3 s). A service without a cache for its current jar runs as the training run and writes one
# when it exits; the next start uses it. Older JDKs get no option: they would refuse to start on it.
# Expects REPO_ROOT and JAVA_HOME; JOBMESH_AOT_DIR overrides where caches live.

aot_options() {  # module jar: prints the JVM option of the module's AOT cache, or nothing
  local module=$1 jar=$2 dir=${JOBMESH_AOT_DIR:-$REPO_ROOT/.jobmesh/aot} cache
  [ "$(jobmesh_java_feature "$JAVA_HOME")" -ge 25 ] || return 0
  cache="$dir/$module.aot"
  mkdir -p "$dir"
  if [ -f "$cache" ] && [ "$cache" -nt "$jar" ]; then
    echo "-XX:AOTCache=$cache"
  else
    rm -f "$cache"
    echo "-XX:AOTCacheOutput=$cache"
  fi
}
