package dev.jobmesh.worker.async;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.Model;

/** Jobs for model async that run once: a failure is final, so a test sees the error of the run it caused. */
public final class TestJobs {

    private TestJobs() {
    }

    public static Job once(String type, Map<String, Object> params) {
        return new Job(UUID.randomUUID().toString(), type, Model.ASYNC, params, Instant.now(), 1, 1, null);
    }

    public static Job once(String type, Map<String, Object> params, long timeoutMs) {
        return new Job(UUID.randomUUID().toString(), type, Model.ASYNC, params, Instant.now(), 1, 1, timeoutMs);
    }
}
