package dev.jobmesh.gateway.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.IsoInstants;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobAttempt;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.gateway.status.StatusJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPageWriterTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00.123456Z");

    private final JobCodec codec = new JobCodec();
    private final StatusPageWriter writer = new StatusPageWriter();
    /** The API's own JSON: Spring Boot's defaults (nulls written) with the instants module the gateway adds. */
    private final JsonMapper api = JsonMapper.builder().addModule(IsoInstants.module()).build();

    private static Job job(String id, String type, Model model, Map<String, Object> params) {
        return new Job(id, type, model, params, T0, 1, 3, null);
    }

    private static List<JobState> everyKindOfState() {
        Job cpu = job("j-cpu", "cpu", Model.THREADS, Map.of("limit", 200000));
        Job sleep = job("j-sleep", "sleep", Model.ASYNC, Map.of("ms", 50));
        Job http = job("j-http", "http", Model.VIRTUAL, Map.of("url", "http://127.0.0.1:8090/\"quoted\"?q=ü,x"));
        Job noop = new Job("j-noop", "noop", Model.PROCESSES, Map.of(), null, 1, 3, 500L);
        JobAttempt firstRun = new JobAttempt(1, "w1", T0.plusMillis(1), T0.plusMillis(2),
                new JobError(JobError.TIMEOUT, "ran past 500 ms"));
        Job retried = http.retry(2, T0.plusSeconds(1), List.of(firstRun));
        JobAttempt secondRun = new JobAttempt(2, "w2", T0.plusMillis(1003), T0.plusMillis(1004), null);
        List<JobState> states = new ArrayList<>();
        states.add(JobState.queued(cpu));
        states.add(JobState.running(sleep, 1, "async@h:1", T0.plusMillis(3)));
        states.add(JobState.finished(cpu, 1, "threads@h:2", JobOutcome.success(Map.of("primes", 17984,
                "nested", Map.of("list", List.of(1, 2.5, "three")))), T0.plusMillis(4), T0.plusMillis(9)));
        states.add(JobState.finished(noop, 1, "processes@h:3", JobOutcome.success(null), T0, T0));
        states.add(JobState.retrying(retried, "w1", firstRun.error(), firstRun.startedAt(), firstRun.finishedAt()));
        states.add(JobState.finished(http.retry(3, null, List.of(firstRun, secondRun)), 3, "w3",
                JobOutcome.failure(JobError.HTTP_SERVER_ERROR, "503 from target"), T0.plusSeconds(2),
                T0.plusSeconds(3)));
        states.add(JobState.cancelled(sleep, "async@h:1", T0.plusMillis(7)));
        states.add(JobState.queued(cpu).cancelledWhileQueued(T0.plusMillis(8)));
        return states;
    }

    private JsonNode expected(List<JobState> states, List<String> missing) {
        return api.readTree(api.writeValueAsBytes(
                new StatusPage(states.stream().map(JobResponse::of).toList(), missing)));
    }

    private JsonNode written(List<String> ids, List<StatusJson> found) {
        return api.readTree(writer.write(ids, found));
    }

    @Test
    void aPageIsWhatJacksonWritesForTheDecodedJobs() {
        List<JobState> states = everyKindOfState();
        List<String> ids = states.stream().map(JobState::id).toList();
        List<StatusJson> found = states.stream().map(s -> new StatusJson(codec.encodeState(s), 0)).toList();

        JsonNode page = written(ids, found);

        assertThat(page).isEqualTo(expected(states, List.of()));
        // Absent nullable fields are written as null, as Jackson writes JobResponse.
        assertThat(page.get("jobs").get(0).has("worker")).isTrue();
        assertThat(page.get("jobs").get(0).get("worker").isNull()).isTrue();
        assertThat(page.get("jobs").get(5).get("history").get(1).get("error").isNull()).isTrue();
    }

    @Test
    void internalFieldsOfTheSnapshotAreNotSent() {
        JobState state = JobState.queued(job("j1", "cpu", Model.THREADS, Map.of()).acceptedBy("key-a"));
        JsonNode job = written(List.of("j1"), List.of(new StatusJson(codec.encodeState(state), 0))).get("jobs").get(0);
        assertThat(job.has("v")).isFalse();
        assertThat(job.has("generation")).isFalse();
        assertThat(job.has("submittedBy")).isFalse();
    }

    @Test
    void snapshotsBehindAStoredHeaderAndWithWhiteSpaceOrNewerFieldsAreCopiedAlike() {
        JobState state = everyKindOfState().get(5);
        byte[] compact = codec.encodeState(state);
        byte[] headed = new byte[19 + compact.length];
        Arrays.fill(headed, 0, 19, (byte) 7);
        System.arraycopy(compact, 0, headed, 19, compact.length);
        ObjectNode newer = (ObjectNode) api.readTree(compact);
        newer.putObject("fromANewerVersion").putArray("a").add(1).addObject().putNull("b");
        byte[] spaced = api.writerWithDefaultPrettyPrinter().writeValueAsBytes(newer);

        JsonNode expected = expected(List.of(state), List.of());
        assertThat(written(List.of(state.id()), List.of(new StatusJson(headed, 19)))).isEqualTo(expected);
        assertThat(written(List.of(state.id()),
                List.of(new StatusJson(spaced, 0)))).isEqualTo(expected);
    }

    @Test
    void idsWithoutAJobAreListedAsMissingInRequestOrderAndRepeatedIdsAreAnsweredEachTime() {
        JobState state = everyKindOfState().get(2);
        StatusJson json = new StatusJson(codec.encodeState(state), 0);
        List<String> ids = List.of("no \"such\" job\n", state.id(), "ünknown", state.id());

        JsonNode page = written(ids, Arrays.asList(null, json, null, json));

        assertThat(page).isEqualTo(expected(List.of(state, state), List.of("no \"such\" job\n", "ünknown")));
    }

    @Test
    void anEmptyPageIsStillAPage() {
        assertThat(written(List.of("a"), Arrays.asList((StatusJson) null))).isEqualTo(expected(List.of(), List.of("a")));
    }
}
