package dev.jobmesh.gateway.api;

import dev.jobmesh.core.job.JobState;

/** The job reached its outcome already; there is nothing left to cancel. */
class JobFinishedException extends RuntimeException {

    JobFinishedException(JobState state) {
        super("job " + state.id() + " has already finished: " + state.status());
    }
}
