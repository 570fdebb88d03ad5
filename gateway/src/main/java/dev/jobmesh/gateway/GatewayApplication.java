package dev.jobmesh.gateway;

import dev.jobmesh.core.service.ServiceRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The REST gateway: accepts jobs into Kafka and answers for them from a view rebuilt from Kafka. */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        ServiceRunner.run(GatewayApplication.class, "gateway", args);
    }
}
