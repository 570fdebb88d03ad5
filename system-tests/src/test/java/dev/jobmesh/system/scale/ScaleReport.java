package dev.jobmesh.system.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The figures a scale run measured: printed, and appended to target/system/scale.txt. */
final class ScaleReport {

    private final String suite;

    ScaleReport(String suite) {
        this.suite = suite;
    }

    void line(String format, Object... args) {
        String line = Instant.now() + " [" + suite + "] " + String.format(format, args);
        System.out.println(line);
        try {
            Path file = Path.of(System.getProperty("jobmesh.work")).resolve("scale.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
