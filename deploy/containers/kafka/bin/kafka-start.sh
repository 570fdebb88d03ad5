#!/usr/bin/env bash
# Writes server.properties from the KAFKA_* environment, as the official apache/kafka image reads it, formats the
# data directory once (CLUSTER_ID) and runs the broker in the foreground, logging to stdout.
set -euo pipefail

conf=/opt/kafka/config/server.properties
: >"$conf"
while IFS= read -r -d '' entry; do
  name=${entry%%=*} value=${entry#*=}
  case $name in
    KAFKA_HEAP_OPTS | KAFKA_OPTS | KAFKA_JVM_PERFORMANCE_OPTS | KAFKA_LOG4J_OPTS | KAFKA_JMX_OPTS | KAFKA_GC_LOG_OPTS) continue ;;
    KAFKA_*) ;;
    *) continue ;;
  esac
  key=${name#KAFKA_}
  key=${key,,}
  key=${key//___/-}
  key=${key//__/$'\x01'}
  key=${key//_/.}
  key=${key//$'\x01'/_}
  printf '%s=%s\n' "$key" "$value" >>"$conf"
done < <(env -0)

grep -q '^log.dirs=' "$conf" || echo "log.dirs=/var/lib/kafka/data" >>"$conf"
log_dirs=$(sed -n 's/^log\.dirs=//p' "$conf" | head -n1)

cp=(-cp "/opt/kafka/libs/*")
logging=(-Dlog4j2.configurationFile=/opt/kafka/log4j2.xml)
# JDK 24+ warns about sun.misc.Unsafe use by dependencies; the flag only exists on 23+
java -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 \
  && unsafe=(--sun-misc-unsafe-memory-access=allow) || unsafe=()

if [ ! -f "${log_dirs%%,*}/meta.properties" ]; then
  : "${CLUSTER_ID:?CLUSTER_ID must be set to format a new data directory (22 characters, base64url)}"
  # a static quorum (controller.quorum.voters): plain format, no --standalone
  java "${logging[@]}" "${unsafe[@]}" "${cp[@]}" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$conf"
fi

# shellcheck disable=SC2086 # the *_OPTS variables are word lists, as in Kafka's own scripts
exec java ${KAFKA_HEAP_OPTS:--Xms512m -Xmx512m} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent} \
  -Djava.awt.headless=true ${KAFKA_OPTS:-} "${logging[@]}" "${unsafe[@]}" --enable-native-access=ALL-UNNAMED \
  "${cp[@]}" kafka.Kafka "$conf"
