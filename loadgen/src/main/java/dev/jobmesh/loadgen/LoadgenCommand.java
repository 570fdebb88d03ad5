package dev.jobmesh.loadgen;

import dev.jobmesh.loadgen.profile.JfrSummaryCommand;
import dev.jobmesh.loadgen.run.MatrixCommand;
import dev.jobmesh.loadgen.run.RunCommand;
import dev.jobmesh.loadgen.target.TargetCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code loadgen}: jobmesh's load tools. Subcommands: {@code run} (a load test of chosen models and workloads),
 * {@code matrix} (the standard comparison of all of them), {@code target} (the HTTP endpoint the {@code http}
 * workload calls) and {@code jfr-summary} (where a service's CPU went, from a JFR recording).
 */
@Command(
        name = "loadgen",
        description = "jobmesh load tools.",
        mixinStandardHelpOptions = true,
        versionProvider = LoadgenCommand.Version.class,
        subcommands = {RunCommand.class, MatrixCommand.class, TargetCommand.class, JfrSummaryCommand.class,
                CommandLine.HelpCommand.class})
public final class LoadgenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, without exiting: for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LoadgenCommand());
        // A failure while running (say, the port is taken) is one line on stderr and exit code 1, not a stack trace.
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            PrintWriter err = cl.getErr();
            err.println(cl.getColorScheme().errorText("loadgen " + cl.getCommandName() + ": " + describe(e)));
            err.flush();
            return cl.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LoadgenCommand.class.getPackage().getImplementationVersion();
            return new String[] {"loadgen " + (version == null ? "(development build)" : version)};
        }
    }
}
