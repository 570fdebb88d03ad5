package dev.jobmesh.gateway.submit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.gateway.status.StatusView;

/**
 * Submissions under an {@code Idempotency-Key}. The key determines the job ids, so every gateway instance maps
 * a repeated key to the same jobs with nothing shared but Kafka: a repeat within the window finds the jobs in
 * the view and gets them back instead of new ones; a repeat with a different body is refused.
 */
public final class IdempotentSubmitter {

    /** What became of a keyed submission. */
    public sealed interface Outcome {
    }

    /** The jobs were new and are now in Kafka. */
    public record Accepted(List<Job> jobs) implements Outcome {
    }

    /** The key was used before, for the same jobs: here they are as they stand now. */
    public record Repeated(List<JobState> jobs) implements Outcome {
    }

    /** The key was used before, for different jobs. */
    public record Conflict(String reason) implements Outcome {
    }

    private final JobSubmitter submitter;
    private final StatusView view;
    private final Duration window;
    private final Clock clock;

    public IdempotentSubmitter(JobSubmitter submitter, StatusView view, Duration window, Clock clock) {
        this.submitter = submitter;
        this.view = view;
        this.window = window;
        this.clock = clock;
    }

    public CompletableFuture<Outcome> submit(String key, List<Job> requested) {
        List<Job> keyed = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            Job job = requested.get(i);
            keyed.add(new Job(idFor(key, i, requested.size()), job.type(), job.model(), job.params(),
                    job.submittedAt(), 1, job.maxAttempts(), job.timeoutMs(), null, 0, List.of(), job.submittedBy(),
                    job.owner(), job.routing()));
        }
        return view.findCaughtUp(keyed.getFirst().id()).thenCompose(first -> {
            if (first.isEmpty() || first.get().submittedAt() == null
                    || first.get().submittedAt().isBefore(clock.instant().minus(window))) {
                List<Job> fresh = first.map(old -> nextGeneration(keyed, old.generation())).orElse(keyed);
                return submitter.submit(fresh).thenApply(written -> (Outcome) new Accepted(fresh));
            }
            List<JobState> existing = new ArrayList<>(keyed.size());
            for (Job job : keyed) {
                Optional<JobState> state = view.find(job.id());
                if (state.isEmpty() || !sameRequest(job, state.get())) {
                    return CompletableFuture.completedFuture(
                            (Outcome) new Conflict("was used within the last " + window + " for a different request"));
                }
                existing.add(state.get());
            }
            return CompletableFuture.completedFuture((Outcome) new Repeated(existing));
        });
    }

    private static boolean sameRequest(Job job, JobState state) {
        // a job sent to auto may be routed elsewhere on the repeat: auto is the same request as auto
        boolean sameModel = job.routing() != null ? state.routing() != null
                : state.routing() == null && job.model() == state.model();
        return job.type().equals(state.type()) && sameModel && Objects.equals(job.params(), state.params());
    }

    /** Past the window the key is free again: the new jobs replace the old ones under the same ids. */
    private static List<Job> nextGeneration(List<Job> jobs, int oldGeneration) {
        return jobs.stream().map(j -> new Job(j.id(), j.type(), j.model(), j.params(), j.submittedAt(), 1,
                j.maxAttempts(), j.timeoutMs(), null, oldGeneration + 1, List.of(), j.submittedBy(), j.owner(),
                j.routing())).toList();
    }

    private static String idFor(String key, int index, int count) {
        String name = count == 1 ? "jobmesh:" + key : "jobmesh:" + key + "#" + index + "/" + count;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
