package dev.jobmesh.gateway.status;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** The job view's size and the native memory its RocksDB store holds, which the JVM's own meters do not see. */
public final class StatusViewMetrics implements MeterBinder {

    static final String MEMTABLES = "memtables";
    static final String CACHE = "cache";
    static final String INDEXES_AND_FILTERS = "indexes-and-filters";

    private final StatusView view;

    public StatusViewMetrics(StatusView view) {
        this.view = view;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("jobmesh.gateway.view.jobs", view, v -> v.isRunning() ? v.estimatedSize() : Double.NaN)
                .description("Jobs the view holds (RocksDB's estimate)").register(registry);
        Gauge.builder("jobmesh.gateway.view.replay.remaining", view, StatusView::replayRemaining)
                .description("Records of jobs.status and jobs.dlt the view has still to read after its start before "
                        + "the gateway is ready (0 once it is)").register(registry);
        for (String kind : List.of(MEMTABLES, CACHE, INDEXES_AND_FILTERS)) {
            Gauge.builder("jobmesh.gateway.view.memory", view, v -> v.memory(kind)).baseUnit("bytes")
                    .description("Native memory of the view's store: memtables; the block cache, memtables charged "
                            + "to it included; indexes and filters of open files")
                    .tag("kind", kind).register(registry);
        }
    }
}
