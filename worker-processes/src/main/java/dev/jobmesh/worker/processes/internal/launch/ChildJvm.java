package dev.jobmesh.worker.processes.internal.launch;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command children start with, worked out once: the classpath from the launch strategy, then the
 * start-up archive's changes. Until it succeeds, every call tries again.
 */
public final class ChildJvm {

    private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);

    private final String java;
    private final List<String> options;
    private final ChildLauncher launcher;
    private final StartupArchive archive;
    private ChildCommand command;

    public ChildJvm(String java, List<String> options, ChildLauncher launcher, StartupArchive archive) {
        this.java = java;
        this.options = List.copyOf(options);
        this.launcher = launcher;
        this.archive = archive;
    }

    public synchronized ChildCommand command() throws IOException {
        if (command == null) {
            command = archive.prepare(new ChildCommand(java, options, launcher.classpath()));
            log.debug("Children start with: {}", String.join(" ", command.toList()));
        }
        return command;
    }

    public ChildLauncher launcher() {
        return launcher;
    }
}
