package dev.jobmesh.gateway;

import dev.jobmesh.core.service.ServiceRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** The REST gateway: accepts jobs into Kafka and answers for them from a view rebuilt from Kafka. */
// Callers authenticate by API key alone (gateway.auth): no user store, and no generated password in the log.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class GatewayApplication {

    public static void main(String[] args) {
        ServiceRunner.run(GatewayApplication.class, "gateway", args);
    }
}
