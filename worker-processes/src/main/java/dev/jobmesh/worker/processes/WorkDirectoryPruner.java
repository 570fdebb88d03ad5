package dev.jobmesh.worker.processes;

import java.io.IOException;
import java.util.List;

import dev.jobmesh.worker.processes.internal.launch.WorkDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Prunes the children's cache once the pool is up, so the entries this supervisor uses are marked: without it,
 * every new build of the service left another extracted jar and start-up archive (~80 MB a build) behind.
 */
final class WorkDirectoryPruner implements ApplicationListener<ApplicationReadyEvent> {

    /** Unused entries kept of each kind: a restart of the last build or two starts without re-extracting. */
    static final int KEEP_UNUSED = 2;

    private static final Logger log = LoggerFactory.getLogger(WorkDirectoryPruner.class);

    private final WorkDirectory directory;

    WorkDirectoryPruner(WorkDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        try {
            List<String> deleted = directory.prune(KEEP_UNUSED);
            if (!deleted.isEmpty()) {
                log.info("Deleted {} entries of {} no running supervisor uses: {}", deleted.size(), directory.root(), deleted);
            }
        } catch (IOException e) {
            log.warn("Could not prune {}: {}", directory.root(), e.toString());
        }
    }
}
