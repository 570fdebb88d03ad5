package dev.jobmesh.worker.async.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.jobmesh.core.workload.HttpAllowlist;
import dev.jobmesh.core.workload.HttpWorkload;
import dev.jobmesh.worker.async.internal.Completion;
import dev.jobmesh.worker.async.internal.EventLoops;
import dev.jobmesh.worker.async.internal.NonBlockingHttp;
import io.netty.channel.ChannelOption;
import reactor.netty.resources.ConnectionProvider;

/**
 * Measures the candidate non-blocking HTTP clients for the {@code http} workload against a running target, the
 * way the worker uses them: a fixed number of GETs kept in flight, each checked for 200 and 1024 bytes.
 * Run by {@code worker-async/bench/http-clients.sh}; not a test.
 *
 * <pre>HttpClientBenchmark URL CLIENT REQUESTS IN_FLIGHT MAX_CONNECTIONS ROUNDS</pre>
 * CLIENT is {@code reactor} (Reactor Netty on one worker event loop, as the worker runs it), {@code jdk} (the JDK's
 * HttpClient.sendAsync with its default executor) or {@code jdk-loop} (the same with the event loop as executor).
 * The JDK client cannot cap its HTTP/1.1 connections, so for it MAX_CONNECTIONS caps requests in flight instead.
 */
public final class HttpClientBenchmark {

    private final URI url;
    private final int inFlight;
    private final EventLoops loops = new EventLoops(1);
    private final Client client;
    private final AtomicInteger peakSockets = new AtomicInteger();
    private final AtomicInteger peakThreads = new AtomicInteger();

    private HttpClientBenchmark(URI url, String kind, int inFlight, int maxConnections) {
        this.url = url;
        this.inFlight = kind.startsWith("jdk") ? Math.min(inFlight, maxConnections) : inFlight;
        this.client = switch (kind) {
            case "reactor" -> reactor(maxConnections);
            case "jdk" -> jdk(null);
            case "jdk-loop" -> jdk(loops.group());
            default -> throw new IllegalArgumentException("unknown client " + kind);
        };
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String kind = args[1];
        int requests = Integer.parseInt(args[2]);
        int inFlight = Integer.parseInt(args[3]);
        int maxConnections = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        HttpClientBenchmark bench = new HttpClientBenchmark(url, kind, inFlight, maxConnections);
        bench.round(Math.min(requests, 5_000)); // warm-up: JIT, connections
        for (int i = 1; i <= rounds; i++) {
            Result r = bench.round(requests);
            System.out.printf("%-9s in-flight %5d  max-conn %5d  round %d: %7.0f req/s  p50 %4d ms  p99 %4d ms  "
                            + "cpu %5.0f ms/1000 req  peak threads %3d  peak sockets %4d  failed %d%n",
                    kind, bench.inFlight, maxConnections, i, r.perSecond(), r.p50Ms(), r.p99Ms(), r.cpuMsPer1000(),
                    bench.peakThreads.get(), bench.peakSockets.get(), r.failed());
        }
        System.exit(0);
    }

    private Result round(int requests) throws InterruptedException {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(requests);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < Math.min(inFlight, requests); i++) {
            fire(next, requests, latencies, failed, done);
        }
        done.await();
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuBefore;
        sampler.shutdownNow();
        Arrays.sort(latencies);
        return new Result(requests, elapsed, cpu, latencies[requests / 2], latencies[requests * 99 / 100], failed.get());
    }

    /** Sends request number {@code next}; its completion sends the one after, so {@code inFlight} stay in flight. */
    private void fire(AtomicInteger next, int requests, long[] latencies, AtomicInteger failed, CountDownLatch done) {
        int i = next.getAndIncrement();
        if (i >= requests) {
            return;
        }
        long began = System.nanoTime();
        client.get(ok -> {
            latencies[i] = System.nanoTime() - began;
            if (!ok) {
                failed.incrementAndGet();
            }
            done.countDown();
            fire(next, requests, latencies, failed, done);
        });
    }

    private void sample() {
        peakThreads.accumulateAndGet(ManagementFactory.getThreadMXBean().getThreadCount(), Math::max);
        peakSockets.accumulateAndGet(openSockets(), Math::max);
    }

    private static int openSockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private Client reactor(int maxConnections) {
        ConnectionProvider connections = ConnectionProvider.builder("bench")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .build();
        reactor.netty.http.client.HttpClient http = reactor.netty.http.client.HttpClient.create(connections)
                .runOn(loops.group())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .responseTimeout(Duration.ofSeconds(10))
                .compress(false);
        // The workload only checks params and answers here; its blocking client is never used.
        NonBlockingHttp workload = new NonBlockingHttp(new HttpWorkload(null,
                new HttpAllowlist(java.util.List.of(url.getHost() + ":" + url.getPort())), url), http);
        return callback -> loops.next().execute(() -> workload.start(Map.of(), loops.next(), new Completion() {
            @Override
            public void succeeded(Map<String, Object> result) {
                callback.done(true);
            }

            @Override
            public void failed(Throwable error) {
                callback.done(false);
            }
        }));
    }

    private Client jdk(java.util.concurrent.Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (executor != null) {
            builder.executor(executor);
        }
        HttpClient http = builder.build();
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofSeconds(10)).build();
        return callback -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, error) -> {
                    boolean ok = error == null;
                    if (ok) {
                        try {
                            HttpWorkload.check(response.statusCode(), response.body().length);
                        } catch (RuntimeException e) {
                            ok = false;
                        }
                    }
                    callback.done(ok);
                });
    }

    private interface Client {
        void get(Callback callback);
    }

    private interface Callback {
        void done(boolean ok);
    }

    private record Result(int requests, long elapsedNanos, long cpuNanos, long p50Nanos, long p99Nanos, int failed) {

        double perSecond() {
            return requests * 1e9 / elapsedNanos;
        }

        long p50Ms() {
            return p50Nanos / 1_000_000;
        }

        long p99Ms() {
            return p99Nanos / 1_000_000;
        }

        double cpuMsPer1000() {
            return cpuNanos / 1e6 / requests * 1000;
        }
    }
}
