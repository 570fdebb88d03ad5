package dev.jobmesh.system.scale;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.jobmesh.testsupport.TestApiKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open-loop load of every workload on every model at once, in batches, at a fixed rate, spread over one or more
 * gateways: each (workload, model) pair is offered its share of the rate in proportion to its matrix jobs/s, so
 * every pair gets the same share of the machine. A batch goes to the next gateway in turn; one that cannot be
 * reached, or whose connection breaks, is skipped for the next (a client failing over). Every batch carries an
 * Idempotency-Key; a 503 may be offered again with it, after its Retry-After, for as long as the load is told to keep
 * trying, as the API asks clients to (a replayed batch's 200 counts as its acceptance). Every answer is counted by
 * status; accepted ids go to the ledger; any answer but 200, 202 and 503, a 503 still answered when the retries run
 * out, and any request that outlives its timeout, is an error.
 */
final class MixedLoad implements AutoCloseable {

    /** The matrix's measured jobs/s per workload and model (README, Results), the weights of the mix. */
    private static final Map<String, Integer> MATRIX = Map.ofEntries(
            Map.entry("noop/threads", 7_390), Map.entry("noop/virtual", 11_917), Map.entry("noop/processes", 8_295),
            Map.entry("noop/async", 15_679), Map.entry("sleep/threads", 1_265), Map.entry("sleep/virtual", 11_491),
            Map.entry("sleep/processes", 39), Map.entry("sleep/async", 12_352), Map.entry("http/threads", 1_256),
            Map.entry("http/virtual", 7_814), Map.entry("http/processes", 39), Map.entry("http/async", 8_298),
            Map.entry("cpu/threads", 309), Map.entry("cpu/virtual", 290), Map.entry("cpu/processes", 270),
            Map.entry("cpu/async", 292));
    private static final Map<String, String> PARAMS = Map.of("noop", "{}", "sleep", "{\"ms\":50}", "http", "{}",
            "cpu", "{\"limit\":200000}");
    private static final int BATCH = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<String> gateways;
    private final JobLedger ledger;
    private final double rate;
    private final Duration retryBusyFor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong next = new AtomicLong();
    private Thread pacer;

    /**
     * @param retryBusyFor how long a batch answered 503 is offered again; zero takes the 503 as its answer (the kill
     *                     suite counts them while the broker is away)
     */
    MixedLoad(List<String> gateways, JobLedger ledger, double jobsPerSecond, Duration retryBusyFor) {
        this.gateways = List.copyOf(gateways);
        this.ledger = ledger;
        this.rate = jobsPerSecond;
        this.retryBusyFor = retryBusyFor;
    }

    /** The batch bodies of one round: each pair's jobs in proportion to its weight, rounded, at least one each. */
    private static List<String> round(int jobs) {
        long total = MATRIX.values().stream().mapToLong(Integer::longValue).sum();
        List<String> mixed = new ArrayList<>();
        MATRIX.forEach((pair, weight) -> {
            long count = Math.max(1, Math.round((double) jobs * weight / total));
            String[] parts = pair.split("/");
            for (long i = 0; i < count; i++) {
                mixed.add("{\"type\":\"" + parts[0] + "\",\"model\":\"" + parts[1] + "\",\"params\":" + PARAMS.get(parts[0]) + "}");
            }
        });
        Collections.shuffle(mixed);
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < mixed.size(); from += BATCH) {
            batches.add("{\"jobs\":[" + String.join(",", mixed.subList(from, Math.min(mixed.size(), from + BATCH))) + "]}");
        }
        return batches;
    }

    MixedLoad start() {
        running.set(true);
        // one round is a second's worth of jobs; a batch is sent every (1 s / batches in the round)
        List<String> batches = round((int) Math.round(rate));
        long interval = 1_000_000_000L / batches.size();
        pacer = Thread.ofPlatform().name("mixed-load").start(() -> {
            long due = System.nanoTime();
            int i = 0;
            while (running.get()) {
                String body = batches.get(i++ % batches.size());
                senders.submit(() -> send(body));
                due += interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        });
        return this;
    }

    private void send(String body) {
        String key = UUID.randomUUID().toString();
        long turn = next.getAndIncrement();
        long giveUp = System.nanoTime() + retryBusyFor.toNanos();
        HttpResponse<String> busy = offer(body, key, turn);
        while (busy != null) {
            long left = giveUp - System.nanoTime();
            if (left <= 0) {
                if (retryBusyFor.isPositive()) {
                    errors.add("503 for " + retryBusyFor + " from " + busy.uri() + ": " + busy.body());
                }
                return;
            }
            long wait = busy.headers().firstValueAsLong("Retry-After").orElse(1) * 1_000_000_000L;
            LockSupport.parkNanos(Math.min(wait, left));
            count("503 offered again");
            busy = offer(body, key, turn);
        }
    }

    /** Offers a batch to the gateways from its turn on; returns the answer if it was a 503, else null. */
    private HttpResponse<String> offer(String body, String key, long turn) {
        for (int tries = 0; tries < gateways.size(); tries++) {
            String gateway = gateways.get((int) ((turn + tries) % gateways.size()));
            long began = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/jobs/batch"))
                        .timeout(TIMEOUT).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestApiKeys.ADMIN).header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                count(String.valueOf(response.statusCode()));
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    JsonNode accepted = JsonMapper.shared().readTree(response.body());
                    List<String> ids = new ArrayList<>();
                    accepted.get("ids").forEach(id -> ids.add(id.asString()));
                    ledger.accepted(ids);
                } else if (response.statusCode() == 503) {
                    return response;
                } else {
                    errors.add(response.statusCode() + " from " + gateway + ": " + response.body());
                }
                return null;
            } catch (ConnectException e) {
                count("unreachable"); // a gateway that is down: the next one takes the batch
            } catch (HttpTimeoutException e) {
                count("timeout");
                errors.add("no answer from " + gateway + " in " + TIMEOUT + " (" + (System.nanoTime() - began) / 1_000_000 + " ms)");
                return null;
            } catch (IOException e) {
                // the connection broke under the request (a gateway killed with it open): no answer, so nothing was
                // promised; the next gateway takes the batch
                count("connection lost");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        errors.add("no gateway reachable");
        return null;
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, a -> new AtomicLong()).incrementAndGet();
    }

    /** Answers so far, by HTTP status (or unreachable, timeout, io). */
    Map<String, Long> answers() {
        Map<String, Long> copy = new TreeMap<>();
        answers.forEach((answer, count) -> copy.put(answer, count.get()));
        return copy;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Stops offering load and waits for the requests under way. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (pacer != null) {
            pacer.join();
        }
        senders.shutdown();
        senders.awaitTermination(TIMEOUT.plus(retryBusyFor).toSeconds() + 10, TimeUnit.SECONDS);
    }
}
