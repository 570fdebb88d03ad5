package dev.jobmesh.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/** The settings every jobmesh service of a test system shares. */
public final class ServiceSettings {

    /** Allowlisted but closed, so a test can make an http job fail for real. */
    public static final String CLOSED_URL = "http://127.0.0.1:9/";

    private ServiceSettings() {
    }

    /**
     * The broker, the HTTP target as the http workload's default (and allowlisted with {@link #CLOSED_URL}), ephemeral
     * ports, and for gateways the keys of {@link TestApiKeys}.
     */
    public static Map<String, String> common(String bootstrapServers, String targetUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("jobmesh.kafka.bootstrap-servers", bootstrapServers);
        settings.put("jobmesh.workloads.http.default-url", targetUrl);
        String hostPort = targetUrl.replaceFirst("^http://", "").replaceFirst("/.*$", "");
        settings.put("jobmesh.workloads.http.allowed-hosts", hostPort + ",127.0.0.1:9");
        settings.put("server.port", "0");
        settings.put("spring.main.banner-mode", "off");
        settings.putAll(TestApiKeys.settings()); // read by gateways only
        return settings;
    }

    /** {@link #common} for a gateway, whose management endpoints have a port of their own. */
    public static Map<String, String> gateway(String bootstrapServers, String targetUrl) {
        Map<String, String> settings = common(bootstrapServers, targetUrl);
        settings.put("management.server.port", "0");

        return settings;
    }
}
