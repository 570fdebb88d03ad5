package dev.jobmesh.gateway.system;

import java.time.Duration;
import java.util.Map;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.testing.TestKafka;
import dev.jobmesh.loadgen.target.HttpTarget;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole running system for end-to-end tests: a real Kafka broker, the HTTP target, a gateway,
 * worker-threads in both thread kinds and worker-async. Started once per test JVM and shared by the test classes.
 */
public final class JobmeshSystem implements ExtensionContext.Store.CloseableResource {

    private final TestKafka kafka;
    private final HttpTarget target;
    private final Map<String, Object> common;
    private final ConfigurableApplicationContext gateway;
    private final ConfigurableApplicationContext threads;
    private final ConfigurableApplicationContext virtual;
    private final ConfigurableApplicationContext async;

    private JobmeshSystem(TestKafka kafka) {
        this.kafka = kafka;
        this.target = HttpTarget.start("127.0.0.1", 0, Duration.ofMillis(50), 1);
        this.common = Services.common(kafka.bootstrapServers(), target.url());
        this.gateway = Services.gateway(common, Map.of());
        this.threads = Services.threadsWorker(common, Model.THREADS);
        this.virtual = Services.threadsWorker(common, Model.VIRTUAL);
        this.async = Services.asyncWorker(common);
    }

    /** The JVM-wide system, started on first use. */
    public static JobmeshSystem shared(ExtensionContext context) {
        TestKafka kafka = TestKafka.shared(context);
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(JobmeshSystem.class, k -> new JobmeshSystem(kafka), JobmeshSystem.class);
    }

    public TestKafka kafka() {
        return kafka;
    }

    public Map<String, Object> commonProperties() {
        return common;
    }

    public ApiClient api() {
        return new ApiClient(Services.baseUrl(gateway));
    }

    public ConfigurableApplicationContext gateway() {
        return gateway;
    }

    /** The worker serving the given model. */
    public ConfigurableApplicationContext worker(Model model) {
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
        target.close();
    }
}
