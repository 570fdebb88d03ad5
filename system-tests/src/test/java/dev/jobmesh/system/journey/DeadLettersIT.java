package dev.jobmesh.system.journey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.JobRoundTrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs that keep failing are retried, then dead-lettered with their history, listed, and replayable once. */
class DeadLettersIT {

    @RegisterExtension
    static final UsesInProcessSystem system = new UsesInProcessSystem();

    private ApiClient api() {
        return system.get().api();
    }

    private JsonNode findDeadLetter(String id) {
        String after = null;
        while (true) {
            ApiClient.Response page = api().get("/api/dead-letters?limit=500" + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode letter : page.body().get("deadLetters")) {
                if (letter.get("id").asString().equals(id)) {
                    return letter;
                }
            }
            JsonNode next = page.body().get("next");
            if (next == null || next.isNull()) {
                return null;
            }
            after = next.asString();
        }
    }

    @Test
    void failingJobIsRetriedThenDeadLetteredWithItsHistoryAndReplayedOnce() {
        ApiClient.Response accepted = api().post("/api/jobs",
                "{\"type\":\"http\",\"model\":\"threads\",\"params\":{\"url\":\"http://127.0.0.1:9/\"},\"maxAttempts\":2}");
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().get("id").asString();

        JsonNode failed = api().awaitJob(id, 30_000);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("attempts").asInt()).isEqualTo(2);
        assertThat(failed.get("history")).hasSize(2);
        assertThat(failed.get("history").get(1).get("error").get("code").asString()).isEqualTo("CONNECTION_ERROR");

        await().atMost(Duration.ofSeconds(10)).until(() -> findDeadLetter(id) != null);
        JsonNode letter = findDeadLetter(id);
        assertThat(letter.get("error").get("code").asString()).isEqualTo("CONNECTION_ERROR");
        assertThat(letter.get("history")).hasSize(2);
        assertThat(letter.get("replayable").asBoolean()).isTrue();
        assertThat(letter.get("job").get("type").asString()).isEqualTo("http");

        ApiClient.Response replayed = api().post("/api/dead-letters/" + id + "/replay", "");
        assertThat(replayed.status()).as(replayed.raw().body()).isEqualTo(202);
        assertThat(replayed.body().get("id").asString()).isEqualTo(id);
        ApiClient.Response again = api().post("/api/dead-letters/" + id + "/replay", "");
        assertThat(again.status()).as(again.raw().body()).isEqualTo(404);
        assertThat(again.body().get("type").asString()).isEqualTo("/problems/dead-letter-not-found");

        // The replay starts over: attempts reset, and it fails again after its own two runs.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode job = api().awaitJob(id, 1_000);
            return job.get("status").asString().equals("FAILED") && job.get("history").size() == 2
                    && !job.get("finishedAt").asString().equals(failed.get("finishedAt").asString());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> findDeadLetter(id) != null);
    }

    @Test
    void unreadableRecordIsDeadLetteredAndCannotBeReplayed() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        try (JobRoundTrip kafka = new JobRoundTrip(system.get().kafka().bootstrapServers())) {
            kafka.sendRaw(Model.VIRTUAL, key, "{not a job".getBytes(StandardCharsets.UTF_8));
            String after = kafka.send(JobRoundTrip.job(Model.VIRTUAL, "noop", java.util.Map.of())).id();
            assertThat(api().awaitJob(after, 30_000).get("status").asString()).isEqualTo("SUCCEEDED");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> findDeadLetter(key) != null);
        JsonNode letter = findDeadLetter(key);
        assertThat(letter.get("replayable").asBoolean()).isFalse();
        assertThat(letter.get("raw").get("topic").asString()).isEqualTo("jobs.virtual");
        ApiClient.Response replay = api().post("/api/dead-letters/" + key + "/replay", "");
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.body().get("errors").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void badPageLimitIsRejected() {
        assertThat(api().get("/api/dead-letters?limit=0").status()).isEqualTo(422);
        assertThat(api().get("/api/dead-letters?limit=many").status()).isEqualTo(400);
        assertThat(api().post("/api/dead-letters/" + UUID.randomUUID() + "/replay", "").status()).isEqualTo(404);
    }
}
