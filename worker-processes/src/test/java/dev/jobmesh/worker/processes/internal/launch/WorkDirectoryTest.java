package dev.jobmesh.worker.processes.internal.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        assertThat(entries(work)).containsExactly(first);
    }

    @Test
    void failedBuildLeavesNothingBehind() throws IOException {
        WorkDirectory work = new WorkDirectory(temp.resolve("work"));

        assertThatThrownBy(() -> work.entry("child-2.aot", into -> {
            Files.writeString(into, "half");
            throw new IOException("training failed");
        })).hasMessage("training failed");

        assertThat(entries(work)).isEmpty();
    }

    /** The entries, without the directory's own bookkeeping (its lock file and use marks). */
    private static List<Path> entries(WorkDirectory work) throws IOException {
        try (var files = Files.list(work.root())) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static long endedProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }

    private static Path usedAt(WorkDirectory work, String name, Instant when) throws IOException {
        Path entry = work.entry(name, Files::createDirectory);
        Files.setLastModifiedTime(entry, FileTime.from(when));
        return entry;
    }

    @Test
    void pruneKeepsWhatRunningSupervisorsUseAndTheLastUsedOthersOfEachKind() throws Exception {
        Path root = temp.resolve("work");
        WorkDirectory work = new WorkDirectory(root);
        Instant now = Instant.now();
        Path oldestButInUse = usedAt(work, "exec-a", now.minus(Duration.ofDays(3)));
        Path unusedOld = usedAt(work, "exec-b", now.minus(Duration.ofDays(2)));
        Path unusedNewer = usedAt(work, "exec-c", now.minus(Duration.ofDays(1)));
        Path unusedNewest = usedAt(work, "exec-d", now.minus(Duration.ofHours(1)));
        Path archive = usedAt(work, "child-a.aot", now.minus(Duration.ofDays(5)));
        // the marks as other supervisors leave them: one still running, one that has ended
        Path marks = root.resolve(".in-use");
        try (var mine = Files.list(marks)) {
            for (Path mark : mine.toList()) {
                Files.delete(mark);
            }
        }
        Process running = new ProcessBuilder("sleep", "60").start();
        try {
            Files.createFile(marks.resolve(running.pid() + "-exec-a"));
            Path endedMark = Files.createFile(marks.resolve(endedProcess() + "-exec-c"));
            Path halfBuilt = Files.createDirectory(root.resolve(".tmp-" + endedProcess() + "-1-exec-e"));

            assertThat(work.prune(2)).containsExactly("exec-b");

            assertThat(entries(work)).containsExactlyInAnyOrder(oldestButInUse, unusedNewer, unusedNewest, archive);
            assertThat(unusedOld).doesNotExist();
            assertThat(endedMark).as("the mark of a supervisor that has ended").doesNotExist();
            assertThat(halfBuilt).as("an entry half built by a supervisor that has ended").doesNotExist();

            assertThat(work.prune(0)).as("with none kept, only the one in use stays").hasSize(3);
            assertThat(entries(work)).containsExactly(oldestButInUse);
        } finally {
            running.destroyForcibly();
        }
    }

    @Test
    void anEntryThisSupervisorUsesIsNeverPruned() throws Exception {
        WorkDirectory work = new WorkDirectory(temp.resolve("work"));
        Path used = usedAt(work, "child-1.aot", Instant.now().minus(Duration.ofDays(30)));

        assertThat(work.prune(0)).isEmpty();
        assertThat(used).exists();
    }

    @Test
    void directoryOthersMayWriteToIsRefusedBecauseChildrenLoadCodeFromIt() throws IOException {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> new WorkDirectory(shared).entry("exec-1", Files::createDirectory))
                .isInstanceOf(IOException.class).hasMessageContaining("writable by others");
    }
}
