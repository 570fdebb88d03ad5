package dev.jobmesh.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the repackaged exec jar as a process, as it is deployed, and stops it with a signal. */
class LoadgenJarIT {

    private static final Pattern LISTENING =
            Pattern.compile("jobmesh http target listening on (http://127\\.0\\.0\\.1:\\d+/)");

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void execJarServesTargetUntilSignalledThenExitsZero(String signal) throws Exception {
        Path jar = Path.of(System.getProperty("loadgen.execJar", "target/loadgen-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(jar).isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "target", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).isNotNull();
            Matcher listening = LISTENING.matcher(line);
            assertThat(listening.matches()).as(line).isTrue();

            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<byte[]> response = client.send(
                        HttpRequest.newBuilder(URI.create(listening.group(1))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).hasSize(1024);
            }

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited after SIG%s", signal).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(out.lines().toList()).as("nothing more printed").isEqualTo(List.of());
        } finally {
            process.destroyForcibly();
        }
    }
}
