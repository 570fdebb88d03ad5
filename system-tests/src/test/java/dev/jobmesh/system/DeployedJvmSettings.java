package dev.jobmesh.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The settings deploy/start.sh gives the services' JVMs, from deploy/jvm, read as it reads them. */
public final class DeployedJvmSettings {

    private final Path directory;

    public DeployedJvmSettings(Path repo) {
        this.directory = repo.resolve("deploy/jvm");
    }

    /** A module's JVM options (deploy/jvm/MODULE.options). */
    public List<String> options(String module) {
        return lines(module + ".options");
    }

    /** The CPU niceness every worker runs at (deploy/jvm/workers.nice). */
    public int workersNiceness() {
        return Integer.parseInt(lines("workers.nice").getFirst());
    }

    /** The lines of a file, without comments and blank lines. */
    private List<String> lines(String file) {
        try {
            return Files.readAllLines(directory.resolve(file)).stream()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
