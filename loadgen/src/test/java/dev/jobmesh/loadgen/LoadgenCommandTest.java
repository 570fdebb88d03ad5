package dev.jobmesh.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmesh.loadgen.target.TargetCommand;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadgenCommandTest {

    private static final Pattern LISTENING =
            Pattern.compile("jobmesh http target listening on (http://127\\.0\\.0\\.1:(\\d+)/)");

    @Test
    void targetSubcommandAnnouncesItsUrlServesAndExitsZeroWhenStopped() throws Exception {
        CommandLine commandLine = LoadgenCommand.commandLine();
        PipedWriter out = new PipedWriter();
        BufferedReader printed = new BufferedReader(new PipedReader(out));
        commandLine.setOut(new PrintWriter(out, true));
        TargetCommand target = commandLine.getSubcommands().get("target").getCommand();

        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(
                () -> commandLine.execute("target", "--port", "0", "--delay-ms", "20", "--loop-threads", "1"));
        String line = printed.readLine();
        Matcher listening = LISTENING.matcher(line);
        assertThat(listening.matches()).as(line).isTrue();

        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(URI.create(listening.group(1) + "any/path")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).hasSize(1024);
        }

        target.stop();
        assertThat(exitCode.get(15, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void refusesBadTargetOptionsWithUsageExitCode() {
        for (String[] args : new String[][] {
            {"target", "--delay-ms", "-1"},
            {"target", "--loop-threads", "0"},
            {"target", "--port", "65536"},
            {"target", "--port", "eighty"},
            {"target", "--no-such-option"},
        }) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = LoadgenCommand.commandLine();
            commandLine.setErr(new PrintWriter(err));

            assertThat(commandLine.execute(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", args)).contains("Usage:");
        }
    }

    @Test
    void requiresASubcommand() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadgenCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));

        assertThat(commandLine.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand").contains("target");
    }

    @Test
    void targetHelpListsItsOptionsAndDefaults() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = LoadgenCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));

        assertThat(commandLine.execute("target", "--help")).isZero();
        assertThat(out.toString())
                .contains("--host", "127.0.0.1", "--port", "8090", "--delay-ms", "50", "--loop-threads");
    }

    @Test
    void reportsATakenPortOnOneLineWithExitCodeOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = LoadgenCommand.commandLine();
            commandLine.setErr(new PrintWriter(err));

            assertThat(commandLine.execute("target", "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(1);
            assertThat(err.toString().strip()).startsWith("loadgen target:").doesNotContain("\tat ");
        }
    }
}
