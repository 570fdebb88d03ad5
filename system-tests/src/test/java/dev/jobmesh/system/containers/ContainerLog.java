package dev.jobmesh.system.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

import org.testcontainers.containers.output.OutputFrame;

/** Appends a container's output to target/containers/NAME.log, to read when a test fails. */
final class ContainerLog implements Consumer<OutputFrame> {

    private final Path file;

    ContainerLog(String name) {
        this.file = Path.of("target", "containers", name + ".log");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void accept(OutputFrame frame) {
        try {
            Files.writeString(file, frame.getUtf8String(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
