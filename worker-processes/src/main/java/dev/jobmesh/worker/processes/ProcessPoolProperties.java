package dev.jobmesh.worker.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.jobmesh.core.outcome.BackOff;
import dev.jobmesh.core.outcome.ExponentialBackOff;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the process model. Invalid values stop the service at start-up.
 *
 * @param children          Child processes, each running one job at a time. Defaults to the number of cores.
 * @param java              The java binary children run on. Defaults to the supervisor's own (not the first on PATH).
 * @param jvmOptions        The children's JVM options: small and quick to start (see worker-processes/README.md).
 * @param startupArchive    What speeds up child start-up: auto (the best the JDK offers), aot-cache, cds or none.
 * @param workDirectory     Where extracted jars and start-up archives are cached, private to the user. Defaults to
 *                          jobmesh-USER in the temporary directory.
 * @param maxJobsPerChild   A child is replaced after this many jobs (Celery's max_tasks_per_child); 0: never.
 * @param maxMemoryPerChild A child is replaced after a job that leaves its resident set above this
 *                          (Celery's max_memory_per_child); 0: never.
 * @param heartbeatInterval How often a child sends a heartbeat.
 * @param heartbeatTimeout  A child silent this long is hung: it is killed and replaced, its run fails with
 *                          CHILD_DIED. At least twice the heartbeat interval.
 * @param startTimeout      A child that has not shaken hands after this long failed to start.
 * @param stopTimeout       How long children get to exit after their stdin closes before they are killed.
 * @param restartDelay      Wait before starting again a child that failed to start; doubles per failure in a row.
 * @param maxRestartDelay   Longest wait between start attempts of a child that keeps failing to start.
 */
@ConfigurationProperties("jobmesh.processes")
public record ProcessPoolProperties(Integer children, String java,
                                    // Small and quick to start, for a process that runs one small job at a time.
                                    // Child start (spawn to handshake) and resident set after ~1400 jobs, medians of
                                    // 8 interleaved runs on a 2-core VM, JDK 25, from the extracted exec jar:
                                    // JDK defaults 340 ms, 126 MB; -Xmx64m -XX:+UseSerialGC 343 ms, 102 MB (no GC
                                    // threads or regions to set up); + C1 only 279 ms, 90 MB (no C2 threads competing
                                    // while the child starts; cpu jobs as fast, 5.9 ms per 200000-limit job); + a
                                    // start-up archive 146-168 ms, 87 MB; + -Xms8m 74 MB. -Xss256k and
                                    // -XX:ReservedCodeCacheSize=16m made no difference.
                                    @DefaultValue({"-Xmx64m", "-Xms8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"})
                                    List<String> jvmOptions,
                                    @DefaultValue("auto") Archive startupArchive, Path workDirectory,
                                    @DefaultValue("0") int maxJobsPerChild, @DefaultValue("0B") DataSize maxMemoryPerChild,
                                    @DefaultValue("1s") Duration heartbeatInterval,
                                    @DefaultValue("10s") Duration heartbeatTimeout,
                                    @DefaultValue("30s") Duration startTimeout, @DefaultValue("5s") Duration stopTimeout,
                                    @DefaultValue("500ms") Duration restartDelay,
                                    @DefaultValue("30s") Duration maxRestartDelay) {

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
        int slots = children;
        Assert.isTrue(slots >= 1, () -> "jobmesh.processes.children must be at least 1, was " + slots);
        java = java == null || java.isBlank() ? ownJava() : java;
        jvmOptions = List.copyOf(jvmOptions);
        workDirectory = workDirectory == null
                ? Path.of(System.getProperty("java.io.tmpdir"), "jobmesh-" + System.getProperty("user.name", "user"))
                : workDirectory;
        Assert.isTrue(maxJobsPerChild >= 0,
                () -> "jobmesh.processes.max-jobs-per-child must not be negative, was " + maxJobsPerChild);
        Assert.isTrue(maxMemoryPerChild.toBytes() >= 0,
                () -> "jobmesh.processes.max-memory-per-child must not be negative, was " + maxMemoryPerChild);
        Assert.isTrue(heartbeatInterval.isPositive(),
                () -> "jobmesh.processes.heartbeat-interval must be positive, was " + heartbeatInterval);
        Assert.isTrue(heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) >= 0,
                () -> "jobmesh.processes.heartbeat-timeout must be at least twice jobmesh.processes.heartbeat-interval ("
                        + heartbeatInterval + "), was " + heartbeatTimeout);
        Assert.isTrue(startTimeout.isPositive(),
                () -> "jobmesh.processes.start-timeout must be positive, was " + startTimeout);
        Assert.isTrue(!stopTimeout.isNegative(),
                () -> "jobmesh.processes.stop-timeout must not be negative, was " + stopTimeout);
        Assert.isTrue(restartDelay.isPositive(),
                () -> "jobmesh.processes.restart-delay must be positive, was " + restartDelay);
        Assert.isTrue(maxRestartDelay.compareTo(restartDelay) >= 0,
                () -> "jobmesh.processes.max-restart-delay must be at least jobmesh.processes.restart-delay ("
                        + restartDelay + "), was " + maxRestartDelay);
    }

    /** The wait before each further start of a child that failed to start. */
    public BackOff restartBackOff() {
        return new ExponentialBackOff(restartDelay, 2.0, maxRestartDelay, 0);
    }

    /** The java binary of this very JVM, so children run the same JDK as the supervisor. */
    private static String ownJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
