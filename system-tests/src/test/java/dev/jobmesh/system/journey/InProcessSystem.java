package dev.jobmesh.system.journey;

import java.util.HashMap;
import java.util.Map;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.testsupport.TestKafka;
import dev.jobmesh.testsupport.TestService;
import dev.jobmesh.testsupport.TestTarget;
import dev.jobmesh.worker.async.WorkerAsyncApplication;
import dev.jobmesh.worker.threads.WorkerThreadsApplication;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole system in this JVM for journeys through the REST API: a real Kafka broker, the HTTP target, a gateway,
 * worker-threads in both thread kinds and worker-async. Started once per test JVM and shared by the test classes.
 */
public final class InProcessSystem implements ExtensionContext.Store.CloseableResource {

    private static final String WORKERS_WITHOUT_SECURITY = String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration");

    private final TestKafka kafka;
    private final Map<String, String> settings;
    private final TestService gateway;
    private final TestService threads;
    private final TestService virtual;
    private final TestService async;

    private InProcessSystem(TestKafka kafka, String targetUrl) {
        this.kafka = kafka;
        this.settings = ServiceSettings.common(kafka.bootstrapServers(), targetUrl);
        this.gateway = gateway(settings);
        this.threads = worker(settings, Model.THREADS);
        this.virtual = worker(settings, Model.VIRTUAL);
        this.async = worker(settings, Model.ASYNC);
    }

    /** The JVM-wide system, started on first use. */
    public static InProcessSystem shared(ExtensionContext context) {
        TestKafka kafka = TestKafka.shared(context);
        String target = TestTarget.shared(context).url();
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(InProcessSystem.class, k -> new InProcessSystem(kafka, target), InProcessSystem.class);
    }

    /** A gateway with these settings, its management endpoints on an ephemeral port; the caller closes it. */
    public static TestService gateway(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("management.server.port", "0");
        return TestService.start(GatewayApplication.class, "gateway", all);
    }

    /** A worker of the model (threads, virtual or async) with these settings; the caller closes it. */
    public static TestService worker(Map<String, String> settings, Model model) {
        Map<String, String> all = new HashMap<>(settings);
        // Workers ship without Spring Security; here the gateway brings it onto the classpath, where Boot would lock
        // a worker's actuator behind a generated password.
        all.put("spring.autoconfigure.exclude", WORKERS_WITHOUT_SECURITY);
        return switch (model) {
            case THREADS, VIRTUAL -> {
                all.put("jobmesh.worker.model", model.id());
                all.put("spring.application.name", "worker-" + model.id());
                yield TestService.start(WorkerThreadsApplication.class, "worker-threads", all);
            }
            case ASYNC -> TestService.start(WorkerAsyncApplication.class, "worker-async", all);
            case PROCESSES -> throw new IllegalArgumentException("no processes worker in this test system");
        };
    }

    public TestKafka kafka() {
        return kafka;
    }

    /** What every service of this system was started with. */
    public Map<String, String> settings() {
        return new HashMap<>(settings);
    }

    public ApiClient api() {
        return gateway.api();
    }

    public TestService gateway() {
        return gateway;
    }

    /** The worker serving the given model. */
    public TestService worker(Model model) {
        return switch (model) {
            case THREADS -> threads;
            case VIRTUAL -> virtual;
            case ASYNC -> async;
            case PROCESSES -> throw new IllegalArgumentException("no processes worker in this test system");
        };
    }

    @Override
    public void close() {
        async.close();
        virtual.close();
        threads.close();
        gateway.close();
    }
}
