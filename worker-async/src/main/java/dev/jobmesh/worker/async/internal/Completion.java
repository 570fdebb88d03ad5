package dev.jobmesh.worker.async.internal;

import java.util.Map;

/** Where a started workload reports how it ended; the first report wins, later ones are ignored. */
public interface Completion {

    /** Callable from any thread. */
    void succeeded(Map<String, Object> result);

    /** Callable from any thread; the error is mapped to a {@code JobError} code as in every other model. */
    void failed(Throwable error);
}
