package dev.jobmesh.worker.processes.internal.supervisor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitStatusTest {

    @Test
    void signalsAndOutOfMemoryAreNamedInTheJobError() {
        assertThat(new ExitStatus(137).describe()).isEqualTo("was killed by signal 9 (SIGKILL)");
        assertThat(new ExitStatus(134).describe()).isEqualTo("was killed by signal 6 (SIGABRT, a JVM crash)");
        assertThat(new ExitStatus(ExitStatus.OUT_OF_MEMORY).describe()).isEqualTo("exited with code 3 (out of memory)");
        assertThat(new ExitStatus(1).describe()).isEqualTo("exited with code 1");
    }
}
