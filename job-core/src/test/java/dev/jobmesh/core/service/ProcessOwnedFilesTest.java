package dev.jobmesh.core.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessOwnedFilesTest {

    @TempDir
    Path temp;

    private static long endedProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }

    private Path entry(String name) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.writeString(dir.resolve("data"), "x");
        return dir;
    }

    @Test
    void entriesOfEndedProcessesAreDeletedAndThoseOfRunningOnesKept() throws Exception {
        Process running = new ProcessBuilder("sleep", "60").start();
        try {
            ProcessOwnedFiles files = new ProcessOwnedFiles(temp, "jobmesh-view-");
            Path ended = entry("jobmesh-view-" + endedProcess() + "-123");
            Path ofAChild = entry("jobmesh-view-" + running.pid() + "-456");
            Path mine = files.createDirectory();

            assertThat(files.pruneEnded()).isEqualTo(1);
            assertThat(ended).doesNotExist();
            assertThat(ofAChild).exists();
            assertThat(mine).exists().satisfies(p -> assertThat(p.getFileName().toString())
                    .startsWith("jobmesh-view-" + ProcessHandle.current().pid() + "-"));
            assertThat(files.ofRunningProcesses()).containsExactlyInAnyOrder(ofAChild, mine);

            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(files.pruneEnded()).isEqualTo(1);
            assertThat(ofAChild).doesNotExist();
            assertThat(mine).exists();
        } finally {
            running.destroyForcibly();
        }
    }

    @Test
    void anEntryOlderThanTheProcessNowHoldingItsPidIsDeleted() throws Exception {
        ProcessOwnedFiles files = new ProcessOwnedFiles(temp, "jobmesh-view-");
        Path reused = entry("jobmesh-view-" + ProcessHandle.current().pid() + "-789");
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(reused, FileTime.from(started.minus(Duration.ofHours(1))));

        assertThat(files.pruneEnded()).isEqualTo(1);
        assertThat(reused).doesNotExist();
    }

    @Test
    void entriesNotNamedForAProcessAreLeftAlone() throws Exception {
        ProcessOwnedFiles files = new ProcessOwnedFiles(temp, "jobmesh-view-");
        Path unnamed = entry("jobmesh-view-8362910472");
        Path otherPrefix = entry("jobmesh-other-" + endedProcess() + "-1");
        Path notAPid = entry("jobmesh-view-abc-1");

        assertThat(files.pruneEnded()).isZero();
        assertThat(unnamed).exists();
        assertThat(otherPrefix).exists();
        assertThat(notAPid).exists();
    }
}
