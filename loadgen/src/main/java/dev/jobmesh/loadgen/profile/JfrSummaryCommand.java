package dev.jobmesh.loadgen.profile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadgen jfr-summary}: where a service's CPU went, from a JFR recording of it under load. */
@Command(name = "jfr-summary", mixinStandardHelpOptions = true,
        description = "Summarise the CPU samples of a JFR recording (settings=profile): shares by thread, by the "
                + "nearest frame of jobmesh's own code, and by the running frame.")
public final class JfrSummaryCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The .jfr file.")
    Path recording;

    @Option(names = "--thread", description = "Only this thread's samples, named as the thread table shows it.")
    String thread;

    @Option(names = "--top", defaultValue = "15", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CpuSamples samples = CpuSamples.read(recording, "dev.jobmesh.", thread);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %,d CPU samples%s%n", recording.getFileName(), samples.total(),
                thread == null ? "" : " of thread " + thread);
        print(out, "by thread", samples.byThread(top));
        print(out, "by the nearest jobmesh frame", samples.byOwnFrame(top));
        print(out, "by the running frame", samples.byTopFrame(top));
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String title, Map<String, Double> shares) {
        out.println("  " + title + ":");
        shares.forEach((name, share) -> out.printf(Locale.ROOT, "  %5.1f %%  %s%n", share * 100, name));
    }
}
