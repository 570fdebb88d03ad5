package dev.jobmesh.worker.processes.internal.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void entryIsBuiltOnceAndMovedIntoPlaceWhole() throws IOException {
        WorkDirectory work = new WorkDirectory(temp.resolve("work"));
        AtomicInteger builds = new AtomicInteger();

        Path first = work.entry("child-1.aot", into -> {
            builds.incrementAndGet();
            Files.writeString(into, "archive");
        });
        Path again = work.entry("child-1.aot", into -> builds.incrementAndGet());

        assertThat(again).isEqualTo(first).hasContent("archive");
        assertThat(builds).hasValue(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.root()))).isEqualTo("rwx------");
        try (var files = Files.list(work.root())) {
            assertThat(files).containsExactly(first);
        }
    }

    @Test
    void failedBuildLeavesNothingBehind() throws IOException {
        WorkDirectory work = new WorkDirectory(temp.resolve("work"));

        assertThatThrownBy(() -> work.entry("child-2.aot", into -> {
            Files.writeString(into, "half");
            throw new IOException("training failed");
        })).hasMessage("training failed");

        try (var files = Files.list(work.root())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void directoryOthersMayWriteToIsRefusedBecauseChildrenLoadCodeFromIt() throws IOException {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> new WorkDirectory(shared).entry("exec-1", Files::createDirectory))
                .isInstanceOf(IOException.class).hasMessageContaining("writable by others");
    }
}
