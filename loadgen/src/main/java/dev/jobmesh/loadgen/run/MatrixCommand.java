package dev.jobmesh.loadgen.run;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loadgen matrix}: the standard comparison - every workload on every model, each cell for a fixed time
 * after a warm-up, so the whole matrix takes a few minutes whatever each model's speed.
 */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"Run the standard matrix: noop, sleep, http and cpu on threads, virtual, processes and async, "
                + "each cell for --duration after --warmup, closed loop; writes the report like run.",
                "Exit code 0: every job right; 3: finished, but some jobs failed, were wrong or were lost."})
public final class MatrixCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LoadOptions options = new LoadOptions();

    @Option(names = {"-d", "--duration"}, defaultValue = "10s", converter = DurationConverter.class,
            description = "Sending time of each cell (default: ${DEFAULT-VALUE}).")
    Duration duration;

    // Long enough for each service's JIT to compile its hot paths: with 2 s, a model's first cell measured the
    // compiler as much as the model (compiler threads took 20-50 % of a service's CPU in the first 20 s).
    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Unmeasured load before each cell (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Override
    public Integer call() throws Exception {
        LoadPlan plan;
        try {
            plan = options.plan(ReportedRun.allModels(), LoadWorkload.NAMES, 0, duration, warmUp);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return ReportedRun.execute(options, plan, duration.toMillis() / 1000.0, System.out);
    }
}
