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
 * over its completion rate) plus its recent median execution time for the type. A share of decisions explores
 * another ready model; with no recent figures for the type, the cold-start rules decide.
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
        Map<String, Double> estimates = new LinkedHashMap<>();
        Model best = null;
        double bestMillis = Double.POSITIVE_INFINITY;
        for (Model model : ready) {
            CompletionWindow.Percentiles execution = figures.of(model, type).finished().execution();
            if (execution.samples() < properties.minSamples()) {
                continue;
            }
            // at least minSamples finished within the window, so the rate is above zero
            double rate = figures.completedPerSecond(model);
            long backlog = Math.max(0, groups.of(model).lag() + routedSinceProbe.get(model).get() - figures.running(model));
            double expected = backlog * 1000.0 / rate + execution.p50();
            estimates.put(model.id(), Math.round(expected * 10) / 10.0);
            if (expected < bestMillis) { // strictly less: a tie goes to the model the rules prefer
                best = model;
                bestMillis = expected;
            }
        }
        Model chosen;
        Routing.Reason reason;
        if (best == null) {
            chosen = ready.getFirst();
            reason = Routing.Reason.COLD_START;
        } else if (ready.size() > 1 && ThreadLocalRandom.current().nextDouble() < properties.exploreShare()) {
            List<Model> others = new ArrayList<>(ready);
            others.remove(best);
            chosen = others.get(ThreadLocalRandom.current().nextInt(others.size()));
            reason = Routing.Reason.EXPLORE;
        } else {
            chosen = best;
            reason = Routing.Reason.FASTEST;
        }
        routedSinceProbe.get(chosen).incrementAndGet();
        metrics.decided(type, chosen, reason);
        return new Routing(chosen, reason, estimates);
    }

    /** A new reading of the groups includes what was routed before it: the count of routed jobs starts again. */
    private void startCountingFrom(ConsumerGroupProbe.Groups groups) {
        if (countedFrom != groups) {
            synchronized (this) {
                if (countedFrom != groups) {
                    routedSinceProbe.values().forEach(count -> count.set(0));
                    countedFrom = groups;
                }
            }
        }
    }
}
