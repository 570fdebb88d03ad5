package dev.jobmesh.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.job.Routing;
import dev.jobmesh.core.metrics.JobMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Model {@code auto}'s decisions by type, model and reason, and each model's consumer group as the router sees it
 * (lag and members). Every decision's counter exists from the start, at zero, so a dashboard shows every model.
 */
public final class RoutingMetrics implements MeterBinder {

    static final String DECISIONS = "jobmesh.gateway.routing.decisions";

    private final List<String> types;
    private final ConsumerGroupProbe probe;
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    public RoutingMetrics(List<String> types, ConsumerGroupProbe probe) {
        this.types = List.copyOf(types);
        this.probe = probe;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (String type : types) {
            for (Model model : Model.values()) {
                for (Routing.Reason reason : Routing.Reason.values()) {
                    counter(type, model, reason);
                }
            }
        }
        for (Model model : Model.values()) {
            Gauge.builder("jobmesh.gateway.routing.consumer.lag", probe, p -> groupFigure(p, model, true))
                    .description("Jobs on the model's topic its consumer group has not committed, as the router read it")
                    .tag(JobMeters.MODEL, model.id()).register(registry);
            Gauge.builder("jobmesh.gateway.routing.consumers", probe, p -> groupFigure(p, model, false))
                    .description("Workers in the model's consumer group, as the router read it (0: never chosen)")
                    .tag(JobMeters.MODEL, model.id()).register(registry);
        }
    }

    void decided(String type, Model model, Routing.Reason reason) {
        if (registry != null) {
            counter(type, model, reason).increment();
        }
    }

    private Counter counter(String type, Model model, Routing.Reason reason) {
        return decisions.computeIfAbsent(type + '/' + model.id() + '/' + reason.id(), key -> Counter.builder(DECISIONS)
                .description("Jobs submitted with model auto, by the model chosen and why")
                .tag(JobMeters.TYPE, type).tag(JobMeters.MODEL, model.id()).tag("reason", reason.id())
                .register(registry));
    }

    private static double groupFigure(ConsumerGroupProbe probe, Model model, boolean lag) {
        ConsumerGroupProbe.Groups groups = probe.current();
        if (groups == null) {
            return Double.NaN;
        }
        ConsumerGroupProbe.Group group = groups.of(model);
        return lag ? group.lag() : group.members();
    }
}
