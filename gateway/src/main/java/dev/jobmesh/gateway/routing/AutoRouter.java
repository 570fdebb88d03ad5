package dev.jobmesh.gateway.routing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.job.Routing;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the model for a job submitted with model {@code auto}: among the models with a worker in their consumer
 * group, the one with the lowest expected completion time for the job's type - its predicted queue wait (its backlog
 * over its current completion rate: the last 15 s of the window's 60 by default) plus its recent median execution time for the type - or the one the rules prefer for the
 * type while its estimate is within the preference of that. A share of decisions explores another ready model; with
 * no recent figures for the type, the cold-start rules decide.
 * <p>
 * The backlog is what waits to start: the jobs its consumer group has not committed (Kafka's lag, read every few
 * seconds) plus those this gateway routed there since, less those running now. Counting running jobs too made a model
 * that keeps up with little traffic look slow: its low completion rate measures its traffic, not its capacity.
 */
public final class AutoRouter {

    private final ModelStatistics statistics;
    private final Supplier<ConsumerGroupProbe.@Nullable Groups> groupsRead;
    private final RoutingProperties properties;
    private final RoutingMetrics metrics;
    private final ColdStartRules rules = new ColdStartRules();
    /** Jobs this gateway routed to each model since the groups were last read: backlog Kafka did not show yet. */
    private final Map<Model, AtomicLong> routedSinceProbe = new EnumMap<>(Model.class);
    /** Each model's count of ended jobs when the groups were last read: what ended since no longer waits. */
    private final Map<Model, AtomicLong> endedAtProbe = new EnumMap<>(Model.class);
    private volatile ConsumerGroupProbe.@Nullable Groups countedFrom;

    /** @param groupsRead the models' consumer groups as last read (the probe's), null when Kafka cannot tell */
    public AutoRouter(ModelStatistics statistics, Supplier<ConsumerGroupProbe.@Nullable Groups> groupsRead,
                      RoutingProperties properties, RoutingMetrics metrics) {
        this.statistics = statistics;
        this.groupsRead = groupsRead;
        this.properties = properties;
        this.metrics = metrics;
        for (Model model : Model.values()) {
            routedSinceProbe.put(model, new AtomicLong());
            endedAtProbe.put(model, new AtomicLong());
        }
    }

    /**
     * The model for one job of {@code type}, and why.
     *
     * @throws NoReadyModelException when no model has a worker, or Kafka cannot tell
     */
    public Routing route(String type) {
        ConsumerGroupProbe.Groups groups = groupsRead.get();
        if (groups == null) {
            throw new NoReadyModelException("the models' consumer groups could not be read from Kafka");
        }
        startCountingFrom(groups);
        List<Model> ready = new ArrayList<>();
        for (Model model : rules.order(type)) {
            if (groups.of(model).ready()) {
                ready.add(model);
            }
        }
        if (ready.isEmpty()) {
            throw new NoReadyModelException("no model has a worker consuming its jobs");
        }
        ModelStatistics.Figures figures = statistics.recentFigures();
        Map<Model, Double> expected = new LinkedHashMap<>(); // in the order the rules prefer
        double fastest = Double.POSITIVE_INFINITY;
        Model best = null;
        for (Model model : ready) {
            CompletionWindow.Percentiles execution = figures.of(model, type).finished().execution();
            if (execution.samples() < properties.minSamples()) {
                continue;
            }
            // at least minSamples finished within the window, so the rate is above zero
            double rate = figures.currentPerSecond(model);
            double millis = backlog(model, groups, figures) * 1000.0 / rate + execution.p50();
            expected.put(model, millis);
            if (millis < fastest) { // strictly less: a tie goes to the model the rules prefer
                fastest = millis;
                best = model;
            }
        }
        Model chosen;
        Routing.Reason reason;
        if (best == null) {
            chosen = ready.getFirst();
            reason = Routing.Reason.COLD_START;
        } else {
            double bound = fastest * properties.preferenceFactor() + properties.preferenceMargin().toMillis();
            chosen = preferred(expected, bound);
            reason = chosen == best ? Routing.Reason.FASTEST : Routing.Reason.PREFERRED;
            // the draw first: the candidates' backlogs are worked out only for the few jobs that explore
            if (ThreadLocalRandom.current().nextDouble() < properties.exploreShare()) {
                List<Model> others = explorable(ready, chosen, groups, figures);
                if (!others.isEmpty()) {
                    chosen = others.get(ThreadLocalRandom.current().nextInt(others.size()));
                    reason = Routing.Reason.EXPLORE;
                }
            }
        }
        Map<String, Double> estimates = new LinkedHashMap<>();
        expected.forEach((model, millis) -> estimates.put(model.id(), Math.round(millis * 10) / 10.0));
        routedSinceProbe.get(chosen).incrementAndGet();
        metrics.decided(type, chosen, reason);
        return new Routing(chosen, reason, estimates);
    }

    /**
     * The first model in the rules' order whose estimate is within the preference of the fastest one. Estimates are
     * latencies, blind to what a job costs the machine: on two cores a noop job sent to an idle model looks faster,
     * yet moving noop jobs off the event loop cost 35 % of their throughput (every model's JVM shares the cores). So
     * the model the rules measured best for the type keeps its jobs until it is clearly slower - overloaded or slowed.
     */
    private static Model preferred(Map<Model, Double> expected, double bound) {
        for (var estimate : expected.entrySet()) {
            if (estimate.getValue() <= bound) {
                return estimate.getKey();
            }
        }
        throw new IllegalStateException("the fastest model is within any bound of itself");
    }

    /**
     * The other ready models a job can explore: those with nothing waiting to start, so the job runs at once and
     * tells what the model does now. Not one with a backlog: its lag is read from Kafka anyway, and a job explored
     * onto a queue waits it out - on sleep jobs, 2 % explored onto processes (40 jobs/s) grew its queue without end
     * and cut a closed loop's throughput by two thirds, each batch waiting for its slowest job.
     */
    private List<Model> explorable(List<Model> ready, Model chosen, ConsumerGroupProbe.Groups groups,
                                   ModelStatistics.Figures figures) {
        List<Model> others = new ArrayList<>();
        for (Model model : ready) {
            if (model != chosen && backlog(model, groups, figures) == 0) {
                others.add(model);
            }
        }
        return others;
    }

    /**
     * Jobs waiting to start on a model: not committed by its group when Kafka was read, or routed there since, less
     * those that ended since and those running. (Without the ended ones, a model taking 10,000 jobs a second
     * looked 2 s behind just before each reading.)
     */
    private long backlog(Model model, ConsumerGroupProbe.Groups groups, ModelStatistics.Figures figures) {
        long endedSince = statistics.endedSoFar(model) - endedAtProbe.get(model).get();
        return Math.max(0, groups.of(model).lag() + routedSinceProbe.get(model).get() - endedSince
                - figures.running(model));
    }

    /** A new reading of the groups includes what was routed before it: the count of routed jobs starts again. */
    private void startCountingFrom(ConsumerGroupProbe.Groups groups) {
        if (countedFrom != groups) {
            synchronized (this) {
                if (countedFrom != groups) {
                    routedSinceProbe.values().forEach(count -> count.set(0));
                    endedAtProbe.forEach((model, count) -> count.set(statistics.endedSoFar(model)));
                    countedFrom = groups;
                }
            }
        }
    }
}
