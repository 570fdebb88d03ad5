package dev.jobmesh.loadgen.target;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.jobmesh.core.Ports;
import dev.jobmesh.target.HttpTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code loadgen target}: runs an {@link HttpTarget} until SIGTERM or SIGINT, then closes it and exits with 0.
 *
 * <p>The two signals are caught (rather than left to the JVM's shutdown, whose exit status after SIGTERM is 143) so that
 * a supervisor stopping the target sees a clean exit. The previous handlers are put back when the command returns.
 */
@Command(
        name = "target",
        description = "Serve the HTTP target of the http workload: every GET is answered after --delay-ms with 200 and "
                + HttpTarget.BODY_SIZE + " bytes; other methods get 405. Runs until SIGTERM or SIGINT.",
        mixinStandardHelpOptions = true,
        versionProvider = TargetCommand.NoVersion.class)
public final class TargetCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "" + Ports.TARGET, description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--delay-ms", defaultValue = "50", description = "Delay before each GET is answered, in ms (default: ${DEFAULT-VALUE}).")
    long delayMs;

    @Option(names = "--loop-threads", defaultValue = "1", description = "Event-loop threads (default: ${DEFAULT-VALUE}).")
    int loopThreads;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        validate();
        try (HttpTarget target = HttpTarget.start(host, port, Duration.ofMillis(delayMs), loopThreads)) {
            Map<Signal, SignalHandler> previous = stopOn("TERM", "INT");
            try {
                PrintWriter out = spec.commandLine().getOut();
                out.println("jobmesh http target listening on " + target.url());
                out.flush();
                stop.await();
            } finally {
                previous.forEach(Signal::handle);
            }
        }
        return 0;
    }

    /** Makes a running {@link #call()} close the target and return 0, as SIGTERM does. */
    public void stop() {
        stop.countDown();
    }

    private void validate() {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535: " + port);
        }
        if (delayMs < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--delay-ms must not be negative: " + delayMs);
        }
        if (loopThreads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--loop-threads must be at least 1: " + loopThreads);
        }
    }

    private Map<Signal, SignalHandler> stopOn(String... names) {
        Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        for (String name : names) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, s -> stop()));
            } catch (IllegalArgumentException unsupported) {
                // Signal unknown here or reserved by the JVM (e.g. under -Xrs): the JVM's default handling stays.
            }
        }
        return previous;
    }

    static final class NoVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"loadgen target"};
        }
    }
}
