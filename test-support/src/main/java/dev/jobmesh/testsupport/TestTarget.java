package dev.jobmesh.testsupport;

import java.time.Duration;

import dev.jobmesh.target.HttpTarget;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The HTTP target the {@code http} workload calls, started once per test JVM on an ephemeral port. */
public final class TestTarget implements ExtensionContext.Store.CloseableResource {

    private final HttpTarget target;

    private TestTarget(HttpTarget target) {
        this.target = target;
    }

    /** The JVM-wide target (50 ms per GET, one loop thread), started on first use. */
    public static HttpTarget shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestTarget.class,
                        k -> new TestTarget(HttpTarget.start("127.0.0.1", 0, Duration.ofMillis(50), 1)), TestTarget.class)
                .target;
    }

    @Override
    public void close() {
        target.close();
    }
}
