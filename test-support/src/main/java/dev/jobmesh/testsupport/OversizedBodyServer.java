package dev.jobmesh.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on loopback whose every answer is a 256 MB body, written until the client goes away: for proving
 * that the http workload reads a longer body than the target's no further. Says how much it wrote.
 */
public final class OversizedBodyServer implements AutoCloseable {

    public static final long BODY_BYTES = 256L * 1024 * 1024;

    private final HttpServer server;
    private final CompletableFuture<Long> written = new CompletableFuture<>();

    private OversizedBodyServer(HttpServer server) {
        this.server = server;
    }

    public static OversizedBodyServer start() throws IOException {
        OversizedBodyServer body = new OversizedBodyServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        body.server.createContext("/", exchange -> {
            long total = 0;
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, BODY_BYTES);
                while (total < BODY_BYTES) {
                    out.write(chunk);
                    total += chunk.length;
                }
            } catch (IOException gone) {
                // the client closed the connection: what this test server is for
            } finally {
                body.written.complete(total);
            }
        });
        body.server.start();
        return body;
    }

    /** host:port, as an allowlist takes it. */
    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String url() {
        return "http://" + hostPort() + "/";
    }

    /** Bytes written before the client went away (or all of them). */
    public long awaitWritten() throws Exception {
        return written.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
