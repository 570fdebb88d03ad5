#!/usr/bin/env bash
# The official image's health probe, at the same path: exits 0 when the broker answers an ApiVersions request.
exec java ${KAFKA_HEAP_OPTS:--Xmx128m} -Dlog4j2.configurationFile=/opt/kafka/log4j2.xml -cp "/opt/kafka/libs/*" \
  org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
