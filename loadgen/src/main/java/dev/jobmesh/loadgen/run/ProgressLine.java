package dev.jobmesh.loadgen.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import dev.jobmesh.loadgen.internal.PeriodicTask;

/**
 * The live line while a cell runs: jobs done of the total, jobs per second over the last second, errors and the
 * time left. Rewritten in place on a terminal; one line every few seconds into a log.
 */
public final class ProgressLine implements AutoCloseable {

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final CellRun run;
    private final PeriodicTask task;
    private long lastDone;
    private long lastNanos = System.nanoTime();
    private int tick;

    private ProgressLine(PrintStream out, boolean terminal, String label, CellRun run) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.run = run;
        this.task = PeriodicTask.start("loadgen-progress", Duration.ofSeconds(1), this::update);
    }

    /** Starts printing the progress of {@code run}. */
    public static ProgressLine start(PrintStream out, boolean terminal, String label, CellRun run) {
        return new ProgressLine(out, terminal, label, run);
    }

    private void update() {
        long now = System.nanoTime();
        long done = run.recorder().done();
        double rate = (done - lastDone) / ((now - lastNanos) / 1e9);
        lastDone = done;
        lastNanos = now;
        tick++;
        if (terminal || tick % 5 == 0) {
            String line = line(done, rate, now);
            out.print(terminal ? "\r" + line + "\033[K" : line + System.lineSeparator());
            out.flush();
        }
    }

    String line(long done, double rate, long now) {
        CellRecorder recorder = run.recorder();
        Duration elapsed = Duration.ofNanos(now - run.startNanos());
        String total;
        Duration left;
        if (run.maxJobs() > 0) {
            total = String.format(Locale.ROOT, "%,d", run.maxJobs());
            long remaining = run.maxJobs() - done;
            left = rate > 0 ? Duration.ofSeconds((long) Math.ceil(remaining / rate)) : null;
        } else {
            total = "~" + run.duration().toSeconds() + " s";
            left = run.duration().minus(elapsed).isNegative() ? Duration.ZERO : run.duration().minus(elapsed);
        }
        return String.format(Locale.ROOT, "  %-18s %,9d / %s done  %,9.0f jobs/s  %,d errors  ETA %s",
                label, done, total, rate, recorder.errorCount(), left == null ? "?" : left.toSeconds() + " s");
    }

    @Override
    public void close() {
        task.close();
        if (terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
