package dev.jobmesh.gateway.system;

import java.time.Duration;
import java.util.Map;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.testing.TestKafka;
import dev.jobmesh.loadgen.target.HttpTarget;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole running system for end-to-end tests: a real Kafka broker, the HTTP target, a gateway and
 * worker-threads in both thread kinds. Started once per test JVM and shared by the test classes.
 */
public final class JobmeshSystem implements ExtensionContext.Store.CloseableResource {

    private final TestKafka kafka;
    private final HttpTarget target;
    private final Map<String, Object> common;
    private final ConfigurableApplicationContext gateway;
    private final ConfigurableApplicationContext threads;
    private final ConfigurableApplicationContext virtual;

    private JobmeshSystem(TestKafka kafka) {
        this.kafka = kafka;
        this.target = HttpTarget.start("127.0.0.1", 0, Duration.ofMillis(50), 1);
        this.common = Services.common(kafka.bootstrapServers(), target.url());
        this.gateway = Services.gateway(common, Map.of());
        this.threads = Services.threadsWorker(common, Model.THREADS);
        this.virtual = Services.threadsWorker(common, Model.VIRTUAL);
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

    /** The worker-threads instance serving the given model (threads or virtual). */
    public ConfigurableApplicationContext worker(Model model) {
        return model == Model.VIRTUAL ? virtual : threads;
    }

    @Override
    public void close() {
        virtual.close();
        threads.close();
        gateway.close();
        target.close();
    }
}
