package dev.jobmesh.loadgen.resources;

/** What one process used during a cell: average CPU cores and the highest resident memory seen. */
public record ResourceUsage(double cores, long peakRssBytes) {

    public double peakRssMb() {
        return peakRssBytes / (1024.0 * 1024.0);
    }
}
