package dev.jobmesh.core.workload;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpWorkloadTest {

    private final HttpWorkload http = new HttpWorkload(HttpClients.createDefault(),
            new HttpAllowlist(List.of("127.0.0.1:8090", "localhost")), URI.create("http://127.0.0.1:8090/"));

    @Test
    void defaultsToTheBundledTarget() {
        assertThat(http.parse(Map.of()).url()).isEqualTo(URI.create("http://127.0.0.1:8090/"));
    }

    @Test
    void acceptsAllowlistedHostsOnly() {
        assertThat(http.parse(Map.of("url", "http://localhost:9999/x")).url().getPort()).isEqualTo(9999);
        assertThat(http.parse(Map.of("url", "http://127.0.0.1:8090/a")).url().getPath()).isEqualTo("/a");
        assertThatThrownBy(() -> http.parse(Map.of("url", "http://127.0.0.1:8091/")))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("params.url"));
        assertThatThrownBy(() -> http.parse(Map.of("url", "http://example.org/")))
                .isInstanceOf(InvalidParamsException.class);
        assertThatThrownBy(() -> http.parse(Map.of("url", "ftp://localhost/")))
                .isInstanceOf(InvalidParamsException.class);
        assertThatThrownBy(() -> http.parse(Map.of("url", "http://[bad")))
                .isInstanceOf(InvalidParamsException.class);
    }

    @Test
    void checksStatusAndBodySize() {
        assertThat(HttpWorkload.check(200, 1024)).containsEntry("status", 200).containsEntry("bytes", 1024);
        assertThatThrownBy(() -> HttpWorkload.check(500, 1024)).isInstanceOf(WorkloadFailedException.class);
        assertThatThrownBy(() -> HttpWorkload.check(200, 1023)).isInstanceOf(WorkloadFailedException.class);
    }

    @Test
    void aBodyLongerThanTheTargetsFailsTheJobAndIsReadNoFurther() throws Exception {
        long sent;
        try (EndlessBody server = EndlessBody.start()) {
            HttpWorkload local = new HttpWorkload(HttpClients.createDefault(),
                    new HttpAllowlist(List.of("127.0.0.1:" + server.port())), server.url());
            assertThatThrownBy(() -> local.run(local.parse(Map.of())))
                    .isInstanceOf(WorkloadFailedException.class).hasMessageContaining("longer");
            sent = server.awaitClientGone();
        }
        // the server offered 256 MB; the client dropped the connection after the first bytes (what was sent beyond
        // them sat in socket buffers)
        assertThat(sent).isLessThan(32L * 1024 * 1024);
    }

    /**
     * An HTTP server whose one answer is a 256 MB body, written until the client goes away (test-support has the same
     * for the workers' tests; it depends on this module, so this module's tests cannot use it).
     */
    private static final class EndlessBody implements AutoCloseable {

        private final HttpServer server;
        private final CompletableFuture<Long> written = new CompletableFuture<>();

        private EndlessBody(HttpServer server) {
            this.server = server;
        }

        static EndlessBody start() throws IOException {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            EndlessBody body = new EndlessBody(server);
            server.createContext("/", exchange -> {
                long total = 0;
                byte[] chunk = new byte[64 * 1024];
                try {
                    exchange.sendResponseHeaders(200, 256L * 1024 * 1024);
                    try (var out = exchange.getResponseBody()) {
                        while (total < 256L * 1024 * 1024) {
                            out.write(chunk);
                            total += chunk.length;
                        }
                    }
                } catch (IOException gone) {
                    // the client closed the connection
                } finally {
                    body.written.complete(total);
                }
            });
            server.start();
            return body;
        }

        int port() {
            return server.getAddress().getPort();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + port() + "/");
        }

        long awaitClientGone() throws Exception {
            return written.get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
