package dev.jobmesh.worker.async;

import java.util.Map;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.JobRoundTrip;

/** Jobs for model async that run once: a failure is final, so a test sees the error of the run it caused. */
public final class TestJobs {

    private TestJobs() {
    }

    public static Job once(String type, Map<String, Object> params) {
        return JobRoundTrip.once(Model.ASYNC, type, params, null);
    }

    public static Job once(String type, Map<String, Object> params, long timeoutMs) {
        return JobRoundTrip.once(Model.ASYNC, type, params, timeoutMs);
    }
}
