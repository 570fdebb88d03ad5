package dev.jobmesh.gateway.routing;

import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.Model;

/**
 * The models to prefer, best first, for a type no ready model has recent figures for: the order the standard
 * matrix measured (README, Results) - cpu on platform threads, sleep, http and noop on the event loop, then virtual
 * threads. Also the order that breaks ties between equal estimates.
 */
final class ColdStartRules {

    private static final List<Model> WAITING = List.of(Model.ASYNC, Model.VIRTUAL, Model.THREADS, Model.PROCESSES);
    private static final Map<String, List<Model>> ORDER = Map.of(
            "cpu", List.of(Model.THREADS, Model.VIRTUAL, Model.ASYNC, Model.PROCESSES),
            "sleep", WAITING,
            "http", WAITING,
            "noop", WAITING);

    /** Every model, the preferred first. */
    List<Model> order(String type) {
        return ORDER.getOrDefault(type, WAITING);
    }
}
