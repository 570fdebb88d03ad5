package dev.jobmesh.loadgen.profile;

import java.nio.file.Path;
import java.time.Duration;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CpuSamplesTest {

    @Test
    void chargesSamplesToTheirThreadAndTheNearestFrameOfTheOwnCode(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            Thread busy = Thread.ofPlatform().name("busy-7").start(CpuSamplesTest::spin);
            busy.join();
            recording.stop();
            recording.dump(file);
        }

        CpuSamples all = CpuSamples.read(file, "dev.jobmesh.loadgen.profile.", null);
        assertThat(all.total()).isPositive();
        assertThat(all.byThread(5)).containsKey("busy-N");
        CpuSamples busy = CpuSamples.read(file, "dev.jobmesh.loadgen.profile.", "busy-N");
        assertThat(busy.total()).isPositive();
        assertThat(busy.byOwnFrame(3).keySet().iterator().next()).startsWith(CpuSamplesTest.class.getName() + ".");
        assertThat(busy.byThread(5).values().iterator().next()).isEqualTo(1.0);
    }

    /** About half a second of CPU in code of the package under test. */
    private static void spin() {
        long end = System.nanoTime() + 500_000_000L;
        double sink = 0;
        while (System.nanoTime() < end) {
            for (int i = 1; i < 10_000; i++) {
                sink += Math.sqrt(i);
            }
        }
        if (sink < 0) {
            throw new AssertionError();
        }
    }
}
