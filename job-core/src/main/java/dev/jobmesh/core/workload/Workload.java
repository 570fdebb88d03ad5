package dev.jobmesh.core.workload;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One kind of job. Parsing is shared by every concurrency model; {@link #run} is the blocking
 * form that the thread and process models call, while the event-loop model brings its own.
 */
public interface Workload<P> {

    /** The job type this workload serves, as named in the API. */
    String type();

    /** Reads and checks the params; throws {@link InvalidParamsException} naming each bad field. */
    P parse(@Nullable Map<String, Object> params);

    /** Runs the job on the calling thread, blocking it for as long as the work takes. */
    Map<String, Object> run(P params) throws Exception;

    /** The time limit of a job that sets none; long enough for the largest params the workload accepts. */
    default Duration defaultTimeout() {
        return Duration.ofMinutes(2);
    }

    /** Parses, then runs. */
    default Map<String, Object> parseAndRun(Map<String, Object> params) throws Exception {
        return run(parse(params));
    }
}
