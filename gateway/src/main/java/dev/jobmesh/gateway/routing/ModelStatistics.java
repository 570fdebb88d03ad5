package dev.jobmesh.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.jobmesh.core.job.IsoInstants;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import org.jspecify.annotations.Nullable;

/**
 * Per model and workload type, the jobs finished within the window and the jobs running now, from the status
 * snapshots the view reads: the gateway's only source besides Kafka's consumer groups, so every instance sees the
 * same figures without asking a worker.
 */
public final class ModelStatistics {

    /** Slots of a window: the figures move in steps of a twelfth of it. */
    static final int SLOTS = 12;
    /** How long the router reuses one set of figures: computing them merges every slot's histograms. */
    private static final Duration ESTIMATE_REUSE = Duration.ofMillis(250);

    private final Clock clock;
    private final Duration window;
    private final List<String> types;
    private final Map<Model, Map<String, CompletionWindow>> windows = new EnumMap<>(Model.class);
    private final Map<Model, Map<String, AtomicLong>> running = new EnumMap<>(Model.class);
    private final Map<Model, AtomicLong> ended = new EnumMap<>(Model.class);
    private volatile @Nullable Figures latest;

    public ModelStatistics(List<String> types, Duration window, Clock clock) {
        this.types = List.copyOf(types);
        this.window = window;
        this.clock = clock;
        long slotMillis = window.toMillis() / SLOTS;
        for (Model model : Model.values()) {
            Map<String, CompletionWindow> byType = new HashMap<>();
            Map<String, AtomicLong> runningByType = new HashMap<>();
            for (String type : types) {
                byType.put(type, new CompletionWindow(SLOTS, slotMillis));
                runningByType.put(type, new AtomicLong());
            }
            windows.put(model, Map.copyOf(byType));
            running.put(model, Map.copyOf(runningByType));
            ended.put(model, new AtomicLong());
        }
    }

    /**
     * A snapshot the view took for a job: {@code from} is the status it held before (null: none), {@code to} the new
     * one. Times are the snapshot's as written (ISO-8601 text); only a snapshot that ends a job within the window has
     * them parsed.
     */
    public void observed(@Nullable String modelId, @Nullable String type, @Nullable JobStatus from, JobStatus to,
                         @Nullable String submittedAt, @Nullable String startedAt, long finishedAtMillis) {
        Model model = modelId == null ? null : Model.fromId(modelId).orElse(null);
        if (model == null || type == null || !windows.get(model).containsKey(type)) {
            return;
        }
        if (to == JobStatus.RUNNING && from != JobStatus.RUNNING) {
            running.get(model).get(type).incrementAndGet();
        } else if (from == JobStatus.RUNNING && to != JobStatus.RUNNING) {
            // never below zero: a job seen running before this gateway started is not counted
            running.get(model).get(type).getAndUpdate(n -> Math.max(0, n - 1));
        }
        if (!to.isTerminal() || (from != null && from.isTerminal())) {
            return;
        }
        ended.get(model).incrementAndGet();
        long now = clock.millis();
        if (finishedAtMillis < now - window.toMillis()) {
            return;
        }
        long started = millis(startedAt);
        long submitted = millis(submittedAt);
        long queueWait = started >= 0 && submitted >= 0 ? Math.max(0, started - submitted) * 1000 : -1;
        long execution = started >= 0 ? Math.max(0, finishedAtMillis - started) * 1000 : -1;
        windows.get(model).get(type).record(now, finishedAtMillis, to == JobStatus.FAILED, queueWait, execution);
    }

    /** The figures of the window ending now. */
    public Figures figures() {
        long now = clock.millis();
        Map<Model, Map<String, TypeFigures>> all = new EnumMap<>(Model.class);
        for (Model model : Model.values()) {
            Map<String, TypeFigures> byType = new HashMap<>();
            for (String type : types) {
                CompletionWindow.Summary summary = windows.get(model).get(type).summary(now);
                byType.put(type, new TypeFigures(summary, running.get(model).get(type).get()));
            }
            all.put(model, Map.copyOf(byType));
        }
        Figures figures = new Figures(Instant.ofEpochMilli(now), window, all);
        latest = figures;
        return figures;
    }

    /** Figures at most a quarter of a second old: what the router decides on. */
    Figures recentFigures() {
        Figures current = latest;
        if (current == null || clock.millis() - current.at().toEpochMilli() > ESTIMATE_REUSE.toMillis()) {
            return figures();
        }
        return current;
    }

    /** Jobs of a model the view has seen end since it started, whenever they ended: a counter, read live. */
    long endedSoFar(Model model) {
        return ended.get(model).get();
    }

    /** The workload types it keeps figures for. */
    public List<String> types() {
        return types;
    }

    private static long millis(@Nullable String iso) {
        if (iso == null) {
            return -1;
        }
        try {
            return IsoInstants.parse(iso).toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** One model's figures for one type. */
    public record TypeFigures(CompletionWindow.Summary finished, long running) {
    }

    /** Every model's figures for every type, over {@code window} up to {@code at}. */
    public record Figures(Instant at, Duration window, Map<Model, Map<String, TypeFigures>> models) {

        /** Jobs of a model and type finished per second within the window. */
        public double completedPerSecond(Model model, String type) {
            return models.get(model).get(type).finished().completed() * 1000.0 / window.toMillis();
        }

        /** Jobs of a model, of every type, finished per second within the window. */
        public double completedPerSecond(Model model) {
            long done = 0;
            for (TypeFigures figures : models.get(model).values()) {
                done += figures.finished().completed();
            }
            return done * 1000.0 / window.toMillis();
        }

        /**
         * Jobs of a model, of every type, finished per second now: over the window's last slots, or over the whole
         * window if that is higher (a model whose traffic just paused has not lost its capacity).
         */
        public double currentPerSecond(Model model) {
            long recent = 0;
            long millis = 1;
            for (TypeFigures figures : models.get(model).values()) {
                recent += figures.finished().recent();
                millis = figures.finished().recentMillis();
            }
            return Math.max(recent * 1000.0 / millis, completedPerSecond(model));
        }

        /** Jobs of a model, of every type, running now. */
        public long running(Model model) {
            long running = 0;
            for (TypeFigures figures : models.get(model).values()) {
                running += figures.running();
            }
            return running;
        }

        public TypeFigures of(Model model, String type) {
            return models.get(model).get(type);
        }
    }
}
