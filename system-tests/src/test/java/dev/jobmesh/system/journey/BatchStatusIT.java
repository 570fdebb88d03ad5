package dev.jobmesh.system.journey;

import java.util.ArrayList;
import java.util.List;

import dev.jobmesh.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** One request learns the outcome of many jobs, waiting for them on the server without a thread each. */
class BatchStatusIT {

    @RegisterExtension
    static final UsesInProcessSystem system = new UsesInProcessSystem();

    @Test
    void answersForManyJobsInRequestOrderAndNamesTheMissing() {
        ApiClient api = system.get().api();
        StringBuilder body = new StringBuilder("{\"jobs\":[");
        String[] models = {"threads", "virtual", "async"};
        for (int i = 0; i < 30; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"sleep\",\"model\":\"").append(models[i % 3])
                    .append("\",\"params\":{\"ms\":200}}");
        }
        ApiClient.Response accepted = api.post("/api/jobs/batch", body.append("]}").toString());
        assertThat(accepted.status()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        accepted.body().get("ids").forEach(id -> ids.add(id.asString()));
        String unknown = "00000000-0000-0000-0000-00000000abcd";

        StringBuilder query = new StringBuilder("{\"ids\":[");
        for (String id : ids) {
            query.append('"').append(id).append("\",");
        }
        query.append('"').append(unknown).append("\"]}");
        ApiClient.Response page = api.post("/api/jobs/statuses?waitMs=30000", query.toString());
        assertThat(page.status()).isEqualTo(200);
        List<String> answered = new ArrayList<>();
        for (JsonNode job : page.body().get("jobs")) {
            answered.add(job.get("id").asString());
            assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        }
        assertThat(answered).isEqualTo(ids);
        assertThat(page.body().get("missing")).hasSize(1);
        assertThat(page.body().get("missing").get(0).asString()).isEqualTo(unknown);
    }

    @Test
    void aWaitThatRunsOutAnswersEachJobAsItStandsAndRepeatedIdsEachTime() {
        ApiClient api = system.get().api();
        String done = api.submit("noop", "async", "{}");
        String slow = api.submit("sleep", "virtual", "{\"ms\":30000}");
        assertThat(api.get("/api/jobs/" + done + "?waitMs=30000").body().get("status").asString()).isEqualTo("SUCCEEDED");

        long began = System.nanoTime();
        ApiClient.Response page = api.post("/api/jobs/statuses?waitMs=500",
                "{\"ids\":[\"" + slow + "\",\"" + done + "\",\"" + slow + "\"]}");
        long tookMs = (System.nanoTime() - began) / 1_000_000;

        assertThat(page.status()).isEqualTo(200);
        JsonNode jobs = page.body().get("jobs");
        assertThat(jobs).hasSize(3);
        assertThat(jobs.get(0).get("id").asString()).isEqualTo(slow);
        assertThat(jobs.get(0).get("status").asString()).isIn("QUEUED", "RUNNING");
        assertThat(jobs.get(1).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(jobs.get(2)).isEqualTo(jobs.get(0));
        assertThat(page.body().get("missing")).isEmpty();
        assertThat(tookMs).as("answered once the wait ran out").isGreaterThanOrEqualTo(450);
        assertThat(api.delete("/api/jobs/" + slow).status()).isEqualTo(202);
    }

    @Test
    void rejectsEmptyAndOversizedQueries() {
        ApiClient api = system.get().api();
        assertThat(api.post("/api/jobs/statuses", "{\"ids\":[]}").status()).isEqualTo(422);
        StringBuilder many = new StringBuilder("{\"ids\":[");
        for (int i = 0; i < 10_001; i++) {
            many.append(i == 0 ? "" : ",").append("\"x").append(i).append('"');
        }
        ApiClient.Response tooMany = api.post("/api/jobs/statuses", many.append("]}").toString());
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body().get("errors").get(0).get("field").asString()).isEqualTo("ids");
        assertThat(api.post("/api/jobs/statuses?waitMs=-1", "{\"ids\":[\"a\"]}").status()).isEqualTo(422);
    }
}
