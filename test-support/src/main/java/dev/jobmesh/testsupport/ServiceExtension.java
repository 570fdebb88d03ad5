package dev.jobmesh.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.jobmesh.target.HttpTarget;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives a test class a real broker, the HTTP target, a {@link JobRoundTrip} on
 * {@code jobs.*} and {@code jobs.status}, and the service under test started in this JVM:
 * <pre>{@code
 * @RegisterExtension
 * static final ServiceExtension worker = ServiceExtension.of(WorkerAsyncApplication.class, "worker-async");
 * }</pre>
 * The broker and the target are shared by every test class of the JVM; the service lives for the class.
 */
public final class ServiceExtension implements BeforeAllCallback, AfterAllCallback {

    private final Class<?> application;
    private final String configName;
    private final Map<String, String> extra = new LinkedHashMap<>();
    private boolean startService = true;
    private TestKafka kafka;
    private HttpTarget target;
    private JobRoundTrip jobs;
    private TestService service;

    private ServiceExtension(Class<?> application, String configName) {
        this.application = application;
        this.configName = configName;
    }

    /** Starts {@code application} with its {@code configName}.yml before the class's tests. */
    public static ServiceExtension of(Class<?> application, String configName) {
        return new ServiceExtension(application, configName);
    }

    /** A setting for the service, over the common ones. */
    public ServiceExtension with(String key, String value) {
        extra.put(key, value);
        return this;
    }

    /** Only the broker, target and round trip; the tests start services themselves with {@link #start}. */
    public ServiceExtension withoutStarting() {
        startService = false;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = TestKafka.shared(context);
        target = TestTarget.shared(context);
        jobs = new JobRoundTrip(kafka.bootstrapServers());
        if (startService) {
            service = start(Map.of());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (service != null) {
            service.close();
        }
        if (jobs != null) {
            jobs.close();
        }
    }

    /** Another instance of the application with these settings on top of the class's; the caller closes it. */
    public TestService start(Map<String, String> more) {
        Map<String, String> all = settings();
        all.putAll(more);
        return TestService.start(application, configName, all);
    }

    /** The settings the service starts with: the common ones and the class's own. */
    public Map<String, String> settings() {
        Map<String, String> all = ServiceSettings.common(kafka.bootstrapServers(), target.url());
        all.putAll(extra);
        return all;
    }

    public TestKafka kafka() {
        return kafka;
    }

    public HttpTarget target() {
        return target;
    }

    public JobRoundTrip jobs() {
        return jobs;
    }

    /** The service started for the class. */
    public TestService service() {
        if (service == null) {
            throw new IllegalStateException("no service started for this class");
        }
        return service;
    }
}
