package dev.jobmesh.worker.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the process model.
 *
 * @param children          child processes, each running one job at a time; default the number of cores
 * @param java              the java binary children run on; default the supervisor's own (not the first on PATH)
 * @param jvmOptions        the children's JVM options; default {@link #DEFAULT_JVM_OPTIONS}
 * @param startupArchive    what speeds up child start-up; default the best the JDK offers
 * @param workDirectory     where extracted jars and start-up archives are cached; private to the user
 * @param maxJobsPerChild   a child is replaced after this many jobs (Celery's max_tasks_per_child); 0: never
 * @param maxMemoryPerChild a child is replaced after a job that leaves its resident set above this
 *                          (Celery's max_memory_per_child); 0: never
 * @param heartbeatInterval how often a child sends a heartbeat
 * @param heartbeatTimeout  a child silent this long is hung: it is killed and replaced, its job retried
 * @param startTimeout      a child that has not shaken hands after this long failed to start
 * @param stopTimeout       how long children get to exit after their stdin closes before they are killed
 */
@ConfigurationProperties("jobmesh.processes")
public record ProcessPoolProperties(Integer children, String java, List<String> jvmOptions, Archive startupArchive,
                                    Path workDirectory, Integer maxJobsPerChild, DataSize maxMemoryPerChild,
                                    Duration heartbeatInterval, Duration heartbeatTimeout, Duration startTimeout,
                                    Duration stopTimeout) {

    /**
     * Small and quick to start, for a process that runs one small job at a time. Child start (spawn to
     * handshake) and resident set after ~1400 jobs, medians of 8 interleaved runs on this project's 2-core VM,
     * JDK 25, children from the extracted exec jar (worker-processes/README.md has the whole table):
     * <ul>
     *   <li>JDK defaults: 340 ms, 126 MB (from the exec jar through PropertiesLauncher: 472 ms, 144 MB)</li>
     *   <li>{@code -Xmx64m -XX:+UseSerialGC}: 343 ms, 102 MB - no GC threads or regions to set up, less heap</li>
     *   <li>+ {@code -XX:TieredStopAtLevel=1} (C1 only): 279 ms, 90 MB - no C2 threads competing for the cores
     *       while the child starts; the cpu workload runs as fast (5.9 ms per 200000-limit job either way)</li>
     *   <li>+ start-up archive: dynamic CDS 168 ms, AOT cache 146 ms, 87 MB</li>
     *   <li>+ {@code -Xms8m}: 74 MB (49 MB of it private), start-up unchanged within noise</li>
     * </ul>
     * {@code -Xss256k} and {@code -XX:ReservedCodeCacheSize=16m} made no difference and are left out.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xmx64m", "-Xms8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** What makes children start faster. */
    public enum Archive {
        /** An AOT cache on JDK 25+, a dynamic CDS archive on JDK 19+, else none. */
        AUTO,
        /** A JDK 25+ AOT cache recorded by a training child. */
        AOT_CACHE,
        /** A JDK 19+ dynamic AppCDS archive recorded by a training child. */
        CDS,
        /** Children start cold. */
        NONE
    }

    public ProcessPoolProperties {
        children = children == null ? Runtime.getRuntime().availableProcessors() : children;
        if (children < 1) {
            throw new IllegalArgumentException("jobmesh.processes.children must be at least 1");
        }
        java = java == null || java.isBlank() ? ownJava() : java;
        jvmOptions = jvmOptions == null ? DEFAULT_JVM_OPTIONS : List.copyOf(jvmOptions);
        startupArchive = startupArchive == null ? Archive.AUTO : startupArchive;
        workDirectory = workDirectory == null
                ? Path.of(System.getProperty("java.io.tmpdir"), "jobmesh-" + System.getProperty("user.name", "user"))
                : workDirectory;
        maxJobsPerChild = maxJobsPerChild == null ? 0 : maxJobsPerChild;
        maxMemoryPerChild = maxMemoryPerChild == null ? DataSize.ofBytes(0) : maxMemoryPerChild;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(1) : heartbeatInterval;
        heartbeatTimeout = heartbeatTimeout == null ? Duration.ofSeconds(10) : heartbeatTimeout;
        if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("jobmesh.processes.heartbeat-timeout must be at least twice the interval");
        }
        startTimeout = startTimeout == null ? Duration.ofSeconds(30) : startTimeout;
        stopTimeout = stopTimeout == null ? Duration.ofSeconds(5) : stopTimeout;
    }

    /** The java binary of this very JVM, so children run the same JDK as the supervisor. */
    private static String ownJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
