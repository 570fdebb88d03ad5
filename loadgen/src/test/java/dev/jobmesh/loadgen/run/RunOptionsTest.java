package dev.jobmesh.loadgen.run;

import java.io.PrintWriter;
import java.io.StringWriter;

import dev.jobmesh.loadgen.LoadgenCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad options are refused before any load is sent: usage exit code 2 and a message naming the option. */
class RunOptionsTest {

    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = LoadgenCommand.commandLine();

    RunOptionsTest() {
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "run -m fibers                     | unknown model 'fibers'",
            "run -w gpu                        | unknown workload 'gpu'",
            "run -n 10 -d 5s                   | give --jobs or --duration, not both",
            "run -c 10 -r 100                  | give --concurrency (closed loop) or --rate (open loop), not both",
            "run -b 0                          | --batch must be 1..10000",
            "run -r 0                          | rate must be above 0",
            "run -d soon                       | 'soon' is not a duration",
            "matrix -b 20000                   | --batch must be 1..10000"})
    void refusesBadOptions(String arguments, String message) {
        // The gateway URL points nowhere: a refused command line must not get as far as sending anything.
        String[] args = (arguments.trim() + " --gateway http://127.0.0.1:1").split("\\s+");
        assertThat(commandLine.execute(args)).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void unreachableGatewayIsOneLineAndExitCodeOneBeforeAnyLoad() {
        assertThat(commandLine.execute("run", "-w", "sleep", "--gateway", "http://127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("loadgen run: the gateway at http://127.0.0.1:1/ does not answer")
                .contains("is jobmesh running?").doesNotContain("\tat ");
    }

    @Test
    void helpListsTheLoadOptionsWithDefaults() {
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("run", "--help")).isZero();
        assertThat(out.toString()).contains("--concurrency").contains("--rate").contains("--batch")
                .contains("--single").contains("default: 200").contains("--warmup").contains("--models").contains("coordinated omission");
    }
}
