package dev.jobmesh.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTargetTest {

    private static final Duration DELAY = Duration.ofMillis(50);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private HttpTarget target;

    @AfterEach
    void closeTarget() {
        if (target != null) {
            target.close();
        }
        client.close();
    }

    @Test
    void answersGetAfterDelayWith1024Bytes() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);
        get("/warm-up"); // class loading and JIT must not be what makes the delay

        long started = System.nanoTime();
        HttpResponse<byte[]> response = get("/");
        long elapsedNanos = System.nanoTime() - started;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(1024);
        assertThat(response.headers().firstValue("content-length")).hasValue("1024");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(Duration.ofNanos(elapsedNanos)).isGreaterThanOrEqualTo(DELAY);
    }

    @Test
    void answersEveryPathAlike() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);

        for (String path : List.of("/", "/jobs/42", "/a/b/c?x=1&y=2", "/%E2%9C%93")) {
            HttpResponse<byte[]> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).hasSize(1024);
        }
    }

    @Test
    void waitsForTheConfiguredDelay() throws Exception {
        Duration delay = Duration.ofMillis(300);
        target = HttpTarget.start("127.0.0.1", 0, delay, 1);

        long started = System.nanoTime();
        HttpResponse<byte[]> response = get("/");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(delay);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void answersAtOnceWithZeroDelay() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, Duration.ZERO, 1);

        HttpResponse<byte[]> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(1024);
    }

    @Test
    void everyResponseCarriesTheSameBody() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, Duration.ZERO, 1);

        byte[] first = get("/").body();
        for (int i = 0; i < 20; i++) {
            assertThat(get("/" + i).body()).isEqualTo(first);
        }
    }

    @Test
    void keepsConnectionAliveAcrossRequests() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);

        try (RawHttp connection = new RawHttp(target.port())) {
            for (String path : List.of("/first", "/second", "/third")) {
                connection.send(RawHttp.get(path));
                RawHttp.Response response = connection.read();
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.body()).as(path).hasSize(1024);
                assertThat(response.header("connection")).as(path).isNotEqualToIgnoringCase("close");
            }
            assertThat(connection.closedByServer(200)).isFalse();
        }
    }

    @Test
    void pipelinedRequestsAllAnsweredOnOneConnection() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);

        try (RawHttp connection = new RawHttp(target.port())) {
            connection.send(RawHttp.get("/one"), RawHttp.get("/two"), RawHttp.get("/three"));

            for (int i = 0; i < 3; i++) {
                RawHttp.Response response = connection.read();
                assertThat(response.status()).as("response %d", i + 1).isEqualTo(200);
                assertThat(response.body()).as("response %d", i + 1).hasSize(1024);
            }
            assertThat(connection.closedByServer(200)).isFalse();
        }
    }

    /**
     * The GETs wait 50 ms, the POST is refused at once: if the target answered as soon as each answer was ready, the
     * 405 would overtake the first 200.
     */
    @Test
    void pipelinedRequestsAnsweredInOrder() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);

        try (RawHttp connection = new RawHttp(target.port())) {
            connection.send(
                    RawHttp.get("/slow-1"),
                    RawHttp.request("POST", "/fast", "x=1"),
                    RawHttp.get("/slow-2"),
                    RawHttp.request("DELETE", "/fast-2", ""));

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(connection.read().status());
            }
            assertThat(statuses).containsExactly(200, 405, 200, 405);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
    void rejectsOtherMethods(String method) throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);

        HttpResponse<byte[]> response = client.send(
                HttpRequest.newBuilder(URI.create(target.url() + "jobs"))
                        .method(method, method.equals("HEAD") || method.equals("OPTIONS")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void staysUsableOnAConnectionAfterRefusingAMethod() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);

        try (RawHttp connection = new RawHttp(target.port())) {
            connection.send(RawHttp.request("POST", "/", "some body the target must skip"));
            assertThat(connection.read().status()).isEqualTo(405);

            connection.send(RawHttp.get("/"));
            RawHttp.Response response = connection.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).hasSize(1024);
        }
    }

    @Test
    void servesManyConcurrentRequests() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);
        int requests = 2_000;

        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            responses.add(client.sendAsync(
                    HttpRequest.newBuilder(URI.create(target.url() + "r/" + i)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(responses).allSatisfy(f -> {
            HttpResponse<byte[]> response = f.join();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).hasSize(1024);
        });
    }

    @Test
    void servesWithSeveralLoopThreads() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 3);

        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            responses.add(client.sendAsync(
                    HttpRequest.newBuilder(URI.create(target.url())).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }

        assertThat(responses).allSatisfy(f -> assertThat(f.get(30, TimeUnit.SECONDS).body()).hasSize(1024));
    }

    @Test
    void reportsTheEphemeralPortItGot() {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);

        assertThat(target.port()).isPositive();
        assertThat(target.url()).isEqualTo("http://127.0.0.1:" + target.port() + "/");
    }

    @Test
    void closeReleasesThePortAndStopsItsThreads() throws Exception {
        long threadsBefore = targetThreads();
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 2);
        int port = target.port();
        get("/");
        assertThat(targetThreads()).isGreaterThan(threadsBefore);

        target.close();
        target.close(); // idempotent

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (targetThreads() > threadsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(targetThreads()).isEqualTo(threadsBefore);
    }

    @Test
    void twoTargetsRunSideBySide() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0, DELAY, 1);
        try (HttpTarget other = HttpTarget.start("127.0.0.1", 0, Duration.ofMillis(10), 1)) {
            assertThat(other.port()).isNotEqualTo(target.port());
            assertThat(get("/").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> fromOther = client.send(
                    HttpRequest.newBuilder(URI.create(other.url())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fromOther.statusCode()).isEqualTo(200);
        }
        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesATakenPortAndLeavesNoThreadsBehind() throws Exception {
        long threadsBefore = targetThreads();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));

            assertThatThrownBy(() -> HttpTarget.start("127.0.0.1", taken.getLocalPort(), DELAY, 1))
                    .isInstanceOf(RuntimeException.class);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (targetThreads() > threadsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(targetThreads()).isEqualTo(threadsBefore);
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatThrownBy(() -> HttpTarget.start("127.0.0.1", 0, Duration.ofMillis(-1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpTarget.start("127.0.0.1", 0, DELAY, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpTarget.start("127.0.0.1", 70_000, DELAY, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create(target.url()).resolve(path);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long targetThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("jobmesh-target"))
                .count();
    }
}
