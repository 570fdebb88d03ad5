package dev.jobmesh.loadgen.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.loadgen.gateway.JobSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadgen run}: a load test of chosen models and workloads through the gateway's REST API. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Load-test chosen models and workloads through the gateway's REST API and report jobs/s "
                + "against each cell's bound, latencies, CPU and memory, and errors.",
                "Exit code 0: every job right; 3: finished, but some jobs failed, were wrong or were lost."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LoadOptions options = new LoadOptions();

    @Option(names = {"-m", "--models"}, split = ",", defaultValue = "all",
            description = "threads, virtual, processes, async, auto (the gateway chooses per job), or all - the four "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = {"-w", "--workloads"}, split = ",", defaultValue = "noop,sleep,http,cpu",
            description = "noop, sleep, http, cpu, mixed (the four interleaved) (default: ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(names = {"-n", "--jobs"}, description = "Jobs per cell (default: 2000 unless --duration is given).")
    Long jobs;

    @Option(names = {"-d", "--duration"}, converter = DurationConverter.class,
            description = "Send for this long per cell instead of a number of jobs: 500ms, 6s, 2m.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class,
            description = "Unmeasured load before each cell, to warm the JIT (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Override
    public Integer call() throws Exception {
        for (String model : models) {
            if (!model.equals("all") && !model.equals(JobSpec.AUTO) && Model.fromId(model).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown model '" + model
                        + "' (expected one of " + String.join(", ", ReportedRun.allModels()) + ", " + JobSpec.AUTO
                        + ", all)");
            }
        }
        if (jobs != null && duration != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --jobs or --duration, not both");
        }
        LoadPlan plan;
        try {
            plan = options.plan(ReportedRun.expandModels(models), workloads,
                    duration == null ? (jobs == null ? 2000 : jobs) : 0, duration, warmUp);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return ReportedRun.execute(options, plan, duration == null ? null : duration.toMillis() / 1000.0, System.out);
    }
}
