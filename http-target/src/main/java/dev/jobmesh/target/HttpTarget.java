package dev.jobmesh.target;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * The HTTP endpoint that jobmesh's {@code http} workload calls: every GET, on any path, is answered after a fixed
 * delay (50 ms by default) with {@code 200} and a 1024-byte body; any other method gets {@code 405} at once.
 *
 * <p>Built on Reactor Netty's {@link HttpServer} because it is non-blocking: the delay is a timer scheduled on the
 * connection's own event loop, not a sleeping thread, and there is no thread per request or per connection, so a
 * single event-loop thread holds thousands of waiting requests. Connections are kept alive, and pipelined requests on
 * one connection are answered in the order they arrived (Reactor Netty queues a connection's next request until the
 * previous response is written).
 *
 * <p>Each instance owns its event loops and shares nothing mutable with other instances, so tests of other modules can
 * start it in-process on an ephemeral port; {@link #close()} releases the port and stops its threads. It installs no
 * JVM-wide hooks and never exits the JVM.
 */
public final class HttpTarget implements AutoCloseable {

    /** Size of every 200 response body, in bytes. */
    public static final int BODY_SIZE = 1024;

    /** Delay before a GET is answered when none is given. */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(50);

    private static final int ACCEPT_BACKLOG = 4096;
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final AsciiString CONTENT_LENGTH_1024 = AsciiString.cached(Integer.toString(BODY_SIZE));
    private static final AsciiString CONTENT_LENGTH_0 = AsciiString.cached("0");
    private static final AsciiString ALLOW_GET = AsciiString.cached("GET");

    private final String host;
    private final int port;
    private final DisposableServer server;
    private final LoopResources loops;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpTarget(String host, DisposableServer server, LoopResources loops) {
        this.host = host;
        this.port = server.port();
        this.server = server;
        this.loops = loops;
    }

    /**
     * Starts a target and returns once it accepts connections.
     *
     * @param host        address to bind, e.g. {@code 127.0.0.1}
     * @param port        port to bind; {@code 0} picks a free ephemeral port (see {@link #port()})
     * @param delay       how long each GET waits before it is answered; zero or more
     * @param loopThreads number of event-loop threads; one or more
     */
    public static HttpTarget start(String host, int port, Duration delay, int loopThreads) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        if (loopThreads < 1) {
            throw new IllegalArgumentException("loopThreads must be at least 1: " + loopThreads);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }

        // Daemon threads: a caller that forgets close() must not keep its JVM alive.
        // With no separate select count, the same threads accept connections and serve them.
        LoopResources loops = LoopResources.create("jobmesh-target", loopThreads, true);
        ByteBuf body = sharedBody();
        long delayNanos = delay.toNanos();
        try {
            DisposableServer server = HttpServer.create()
                    .host(host)
                    .port(port)
                    .runOn(loops)
                    // Load tests open their connections in a burst; Netty's default backlog follows somaxconn,
                    // which is 128 on older kernels and would make late connects wait for a SYN retry.
                    .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                    .compress(false)
                    .accessLog(false)
                    .handle((request, response) -> handle(request, response, body, delayNanos))
                    .bindNow(BIND_TIMEOUT);
            return new HttpTarget(host, server, loops);
        } catch (RuntimeException e) {
            loops.disposeLater(Duration.ZERO, CLOSE_TIMEOUT).block(CLOSE_TIMEOUT);
            throw e;
        }
    }

    /** Starts a target with the default delay and a single event-loop thread. */
    public static HttpTarget start(String host, int port) {
        return start(host, port, DEFAULT_DELAY, 1);
    }

    /** The port the target listens on (the chosen one when started with port 0). */
    public int port() {
        return port;
    }

    /** Base URL of the target, e.g. {@code http://127.0.0.1:8090/}. */
    public String url() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** Stops accepting and serving, closes open connections and stops this target's event-loop threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.disposeNow(CLOSE_TIMEOUT);
        } finally {
            loops.disposeLater(Duration.ZERO, CLOSE_TIMEOUT).block(CLOSE_TIMEOUT);
        }
    }

    /**
     * The 1024 bytes every 200 response carries, made once per target in direct memory so that no body is built,
     * allocated or copied per request: each response writes a {@link ByteBuf#duplicate() duplicate} (own indexes, same
     * memory). The unreleasable wrapper keeps Netty's release after each write from touching it; the memory is a JDK
     * direct buffer, freed by the garbage collector once the target is gone, so close() never frees what a write
     * still in flight might read.
     */
    private static ByteBuf sharedBody() {
        byte[] bytes = new byte[BODY_SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        bytes[bytes.length - 1] = '\n';
        ByteBuffer memory = ByteBuffer.allocateDirect(BODY_SIZE).put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(memory).asReadOnly());
    }

    private static Publisher<Void> handle(
            HttpServerRequest request, HttpServerResponse response, ByteBuf body, long delayNanos) {
        if (!HttpMethod.GET.equals(request.method())) {
            return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED)
                    .header(HttpHeaderNames.ALLOW, ALLOW_GET)
                    .header(HttpHeaderNames.CONTENT_LENGTH, CONTENT_LENGTH_0)
                    .send();
        }
        response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                .header(HttpHeaderNames.CONTENT_LENGTH, CONTENT_LENGTH_1024);
        Mono<Void> answer = Mono.from(response.send(Mono.fromSupplier(body::duplicate)));
        return delayNanos == 0 ? answer : onEventLoopAfter(request, delayNanos).then(answer);
    }

    /** Completes after the delay, on a timer of the event loop that serves the request's connection. */
    private static Mono<Void> onEventLoopAfter(HttpServerRequest request, long delayNanos) {
        return Mono.create(sink -> request.withConnection(connection -> {
            ScheduledFuture<?> timer = connection.channel().eventLoop()
                    .schedule((Runnable) sink::success, delayNanos, TimeUnit.NANOSECONDS);
            // Client gone before the timer fired: drop the timer rather than answer nobody.
            sink.onCancel(() -> timer.cancel(false));
        }));
    }

    @Override
    public String toString() {
        return "HttpTarget[" + url() + "]";
    }
}
