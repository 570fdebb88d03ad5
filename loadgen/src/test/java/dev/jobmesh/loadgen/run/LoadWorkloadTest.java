package dev.jobmesh.loadgen.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LoadWorkloadTest {

    @Test
    void cpuResultIsCheckedAgainstTheSieve() {
        ResultCheck check = LoadWorkload.named("cpu", 200_000, 50).check();
        assertThat(check.problem(Map.of("primes", 17984))).isEmpty();
        assertThat(check.problem(Map.of("primes", 17983))).contains("primes was 17983, expected 17984");
        assertThat(check.problem(Map.of())).isPresent();
        assertThat(check.problem(null)).isPresent();
    }

    @Test
    void sleepAndHttpChecksTheirResultsAndCarryTheWaitThatBoundsThem() {
        LoadWorkload sleep = LoadWorkload.named("sleep", 200_000, 20);
        assertThat(sleep.params()).isEqualTo(Map.of("ms", 20));
        assertThat(sleep.waitPerJob()).isEqualTo(Duration.ofMillis(20));
        assertThat(sleep.check().problem(Map.of("sleptMs", 20))).isEmpty();
        assertThat(sleep.check().problem(Map.of("sleptMs", 0))).isPresent();

        LoadWorkload http = LoadWorkload.named("http", 200_000, 50);
        assertThat(http.check().problem(Map.of("status", 200, "bytes", 1024))).isEmpty();
        assertThat(http.check().problem(Map.of("status", 500, "bytes", 1024))).contains("status was 500, expected 200");
        assertThat(LoadWorkload.named("cpu", 1000, 50).waitPerJob()).isNull();
    }

    @Test
    void unknownWorkloadIsNamedInTheError() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadWorkload.named("gpu", 1, 1))
                .withMessageContaining("unknown workload 'gpu'");
    }
}
