package dev.jobmesh.gateway;

/** This gateway instance's name, resolved once at start-up. */
public record GatewayIdentity(String id) {
}
