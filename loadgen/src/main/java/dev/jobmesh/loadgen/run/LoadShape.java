package dev.jobmesh.loadgen.run;

import dev.jobmesh.loadgen.stats.ThroughputBound;

/** How a cell offers its load: a fixed number of jobs in flight, or a fixed arrival rate. */
public interface LoadShape {

    /** Sends the cell's whole budget and returns when every batch has its outcomes. */
    void drive(CellRun run, int batchSize) throws InterruptedException;

    /**
     * The cell's bound given the workload's own: waiting work is bound by what is in flight, and no cell can beat
     * the rate at which it is offered jobs.
     */
    ThroughputBound bound(LoadWorkload workload, ThroughputBound workloadBound);

    /** For the report, such as {@code closed loop, 1000 in flight}. */
    String describe();
}
