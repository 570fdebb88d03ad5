package dev.jobmesh.core.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Boot service on Tomcat with a management port of its own: errors no handler describes - an exception,
 * a sendError, what Tomcat refuses itself - are problem bodies on both ports, naming nothing of the server.
 */
class ProblemErrorsIT {

    private static final String SECRET = "do-not-show-this";

    private static ConfigurableApplicationContext service;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {"dev.jobmesh.core.kafka.KafkaAutoConfiguration",
            "dev.jobmesh.core.workload.WorkloadAutoConfiguration", "dev.jobmesh.core.dispatch.DispatchAutoConfiguration"})
    @RestController
    static class FailingService {

        @GetMapping("/fails")
        String fails() {
            throw new IllegalStateException(SECRET);
        }

        @GetMapping("/refuses")
        void refuses(HttpServletResponse response) throws IOException {
            response.sendError(409, SECRET);
        }
    }

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(FailingService.class).run("--server.port=0", "--server.address=127.0.0.1",
                "--management.server.port=0", "--management.server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--spring.config.name=no-such-file");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static String url(String portProperty, String path) {
        return "http://127.0.0.1:" + service.getEnvironment().getProperty(portProperty) + path;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertPlainProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains("\"title\":")
                .doesNotContain(SECRET).doesNotContain("Exception").doesNotContainIgnoringCase("tomcat")
                .doesNotContain("<html").doesNotContain("\tat ");
    }

    @Test
    void anExceptionNoHandlerTookIsA500ProblemWithoutItsMessage() throws Exception {
        assertPlainProblem(send(HttpRequest.newBuilder(URI.create(url("local.server.port", "/fails")))), 500);
    }

    @Test
    void aSendErrorIsAProblemOfItsStatusWithoutItsMessage() throws Exception {
        assertPlainProblem(send(HttpRequest.newBuilder(URI.create(url("local.server.port", "/refuses")))), 409);
    }

    @Test
    void springMvcRefusalsAreProblemsOnBothPorts() throws Exception {
        for (String port : new String[]{"local.server.port", "local.management.port"}) {
            assertPlainProblem(send(HttpRequest.newBuilder(URI.create(url(port, "/no-such-page")))), 404);
        }
        assertPlainProblem(send(HttpRequest.newBuilder(URI.create(url("local.management.port", "/actuator/health")))
                .POST(HttpRequest.BodyPublishers.noBody())), 405);
    }

    @Test
    void whatTomcatRefusesBeforeSpringIsAProblemOnBothPorts() throws Exception {
        for (String port : new String[]{"local.server.port", "local.management.port"}) {
            assertPlainProblem(send(HttpRequest.newBuilder(URI.create(url(port, "/a%2Fb")))), 400);
            assertPlainProblem(send(HttpRequest.newBuilder(URI.create(url(port, "/actuator/health")))
                    .header("X-Padding", "x".repeat(10_000))), 400);
        }
    }
}
