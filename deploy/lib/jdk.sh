# Sourced by jobmesh's scripts: exports JAVA_HOME (and PATH) for a JDK 21 or newer.
# Keeps a JAVA_HOME that is already 21+, else takes the newest 21+ JDK under /usr/lib/jvm,
# /usr/java or ~/.sdkman; the machine's default java may be older.

jobmesh_java_feature() {  # prints the feature release of the JDK at $1, or 0
  local release="$1/release" v
  [ -x "$1/bin/java" ] || { echo 0; return; }
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  fi
  [ "$v" = 1 ] && v=8
  echo "${v:-0}"
}

jobmesh_pick_jdk() {
  local best="" best_v=0 dir v
  if [ -n "${JAVA_HOME:-}" ] && [ "$(jobmesh_java_feature "$JAVA_HOME")" -ge 21 ]; then
    best=$JAVA_HOME
  else
    for dir in /usr/lib/jvm/* /usr/java/* "$HOME"/.sdkman/candidates/java/*; do
      [ -d "$dir" ] || continue
      v=$(jobmesh_java_feature "$dir")
      if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$dir; best_v=$v; fi
    done
  fi
  if [ -z "$best" ]; then
    echo "jobmesh: needs a JDK 21 or newer; set JAVA_HOME to one (none found under /usr/lib/jvm)" >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

jobmesh_pick_jdk
