package dev.jobmesh.core.kafka;

import java.util.ArrayList;
import java.util.List;

import dev.jobmesh.core.job.Model;

/** The names of jobmesh's topics and consumer groups, defined once for every service. */
public final class JobTopics {

    /** Compacted: the latest full snapshot of every job, keyed by job id. */
    public static final String STATUS = "jobs.status";

    /** Compacted: cancellations (and later other instructions) keyed by job id, read in full by every worker. */
    public static final String CONTROL = "jobs.control";

    /** Jobs that failed for good and records that could not be read, keyed by job id. */
    public static final String DEAD_LETTERS = "jobs.dlt";

    private JobTopics() {
    }

    /** The topic a model's workers consume. */
    public static String jobs(Model model) {
        return "jobs." + model.id();
    }

    /** The consumer group of a model's workers. */
    public static String consumerGroup(Model model) {
        return "jobmesh-" + model.id();
    }

    /** Every jobs topic, then the status, dead-letter and control topics. */
    public static List<String> all() {
        List<String> names = new ArrayList<>();
        for (Model model : Model.values()) {
            names.add(jobs(model));
        }
        names.add(STATUS);
        names.add(DEAD_LETTERS);
        names.add(CONTROL);
        return names;
    }
}
