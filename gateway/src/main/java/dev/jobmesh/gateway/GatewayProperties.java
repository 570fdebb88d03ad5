package dev.jobmesh.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who this gateway instance is.
 *
 * @param instanceId Names its Kafka clients and its transactional id; must differ between instances running
 *                   at once and should stay the same across restarts of one instance, so a restart fences the
 *                   transaction a crashed predecessor left open. Defaults to host and HTTP port.
 */
@ConfigurationProperties("jobmesh.gateway")
public record GatewayProperties(String instanceId) {
}
