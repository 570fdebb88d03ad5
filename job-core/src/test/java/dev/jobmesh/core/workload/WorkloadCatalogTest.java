package dev.jobmesh.core.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkloadCatalogTest {

    private static final int BURST = 4;

    @Test
    void keepAliveConnectionsLeftIdleAfterABurstAreClosed() throws Exception {
        try (KeepAliveTarget target = KeepAliveTarget.start(BURST);
             ExecutorService jobs = Executors.newVirtualThreadPerTaskExecutor()) {
            WorkloadProperties.Http settings = new WorkloadProperties.Http(target.url(), List.of(),
                    Duration.ofSeconds(10), 100, Duration.ofSeconds(1));
            try (CloseableHttpClient client = WorkloadCatalog.httpClient(settings)) {
                HttpWorkload http = (HttpWorkload) WorkloadCatalog.standard(client, settings).find("http").orElseThrow();
                List<CompletableFuture<Map<String, Object>>> burst = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    burst.add(CompletableFuture.supplyAsync(() -> run(http), jobs));
                }
                for (CompletableFuture<Map<String, Object>> job : burst) {
                    assertThat(job.get(30, TimeUnit.SECONDS)).containsEntry("status", 200);
                }
                assertThat(target.open()).as("one keep-alive connection per job of the burst").isEqualTo(BURST);

                await().atMost(Duration.ofSeconds(10)).until(() -> target.open() == 0);
                // the client still works: it opens a new connection
                assertThat(run(http)).containsEntry("bytes", HttpWorkload.EXPECTED_BYTES);
            }
        }
    }

    private static Map<String, Object> run(HttpWorkload http) {
        try {
            return http.run(http.parse(Map.of()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An HTTP/1.1 target that keeps connections alive and counts the open ones. Its first answers wait until a
     * burst's requests have all arrived, so each comes on a connection of its own.
     */
    private static final class KeepAliveTarget implements AutoCloseable {

        private final ServerSocket server;
        private final CyclicBarrier burst;
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();
        private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();

        private KeepAliveTarget(ServerSocket server, int burst) {
            this.server = server;
            this.burst = new CyclicBarrier(burst);
        }

        static KeepAliveTarget start(int burst) throws IOException {
            KeepAliveTarget target = new KeepAliveTarget(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), burst);
            target.connections.submit(target::accept);
            return target;
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
        }

        int open() {
            return open.get();
        }

        private Void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    open.incrementAndGet();
                    connections.submit(() -> serve(socket));
                } catch (IOException closed) {
                    return null;
                }
            }
            return null;
        }

        private Void serve(Socket socket) throws Exception {
            try (socket) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isEmpty()) {
                        continue;
                    }
                    if (answered.incrementAndGet() <= burst.getParties()) {
                        burst.await(30, TimeUnit.SECONDS);
                    }
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + HttpWorkload.EXPECTED_BYTES + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[HttpWorkload.EXPECTED_BYTES]);
                    out.flush();
                }
            } finally {
                open.decrementAndGet();
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
            connections.shutdownNow();
        }
    }
}
