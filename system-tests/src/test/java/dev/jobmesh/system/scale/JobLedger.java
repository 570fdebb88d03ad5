package dev.jobmesh.system.scale;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import dev.jobmesh.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Every job a gateway accepted (answered 202 for), and what the gateways say became of each: read back in pages
 * of 10,000 ids through {@code POST /api/jobs/statuses}, the API's own bulk read.
 */
final class JobLedger {

    private static final int PAGE = 10_000;

    private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private final boolean keepIds;

    private JobLedger(boolean keepIds) {
        this.keepIds = keepIds;
    }

    /** A ledger of every accepted id. */
    static JobLedger ofIds() {
        return new JobLedger(true);
    }

    /** A ledger that only counts: for a soak's millions of jobs, which the view forgets after their retention. */
    static JobLedger counting() {
        return new JobLedger(false);
    }

    void accepted(List<String> ids) {
        count.addAndGet(ids.size());
        if (keepIds) {
            accepted.addAll(ids);
        }
    }

    List<String> ids() {
        return List.copyOf(accepted);
    }

    long count() {
        return count.get();
    }

    /**
     * Every id's outcome as one gateway has it (status, result, error, finish time and worker in one string: a
     * million parsed jobs would not fit the test's heap), waiting up to {@code wait} per page for jobs still running.
     */
    static Map<String, String> read(ApiClient gateway, List<String> ids, Duration wait) {
        Map<String, String> jobs = new HashMap<>(ids.size() * 2);
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            StringBuilder body = new StringBuilder("{\"ids\":[");
            for (int i = 0; i < page.size(); i++) {
                body.append(i == 0 ? "\"" : ",\"").append(page.get(i)).append('"');
            }
            body.append("]}");
            ApiClient.Response response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.base()
                            + "/api/jobs/statuses?waitMs=" + wait.toMillis()))
                    .timeout(wait.plusSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            if (response.status() != 200) {
                throw new IllegalStateException("statuses answered " + response.status() + ": " + response.raw().body());
            }
            response.body().get("jobs").forEach(job -> jobs.put(job.get("id").asString(), outcomeOf(job)));
        }
        return jobs;
    }

    /** How many jobs are in each status, "MISSING" for an id the gateway does not know. */
    static Map<String, Long> statusCounts(List<String> ids, Map<String, String> jobs) {
        Map<String, Long> counts = new TreeMap<>();
        for (String id : ids) {
            String outcome = jobs.get(id);
            counts.merge(outcome == null ? "MISSING" : outcome.substring(0, outcome.indexOf('|')), 1L, Long::sum);
        }
        return counts;
    }

    /** The ids whose job differs between two gateways' answers (status, result, error, finish time, worker). */
    static List<String> disagreements(List<String> ids, Map<String, String> one, Map<String, String> other) {
        List<String> differing = new ArrayList<>();
        for (String id : ids) {
            String a = one.get(id);
            if (a == null || !a.equals(other.get(id))) {
                differing.add(id);
            }
        }
        return differing;
    }

    private static String outcomeOf(JsonNode job) {
        return job.path("status").asString("") + "|" + job.path("result") + "|" + job.path("error") + "|"
                + job.path("finishedAt").asString("") + "|" + job.path("worker").asString("");
    }
}
