package dev.jobmesh.loadgen.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jobmesh.loadgen.gateway.JobSpec;
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
    void mixedInterleavesTheFourTypesAcrossBatchesAndChecksEachAsItsOwn() {
        LoadWorkload mixed = LoadWorkload.named("mixed", 1000, 20);
        List<String> first = mixed.jobs("auto", 3, 0).stream().map(JobSpec::type).toList();
        List<String> next = mixed.jobs("auto", 3, 3).stream().map(JobSpec::type).toList();
        assertThat(first).containsExactly("noop", "sleep", "http");
        assertThat(next).containsExactly("cpu", "noop", "sleep");
        assertThat(mixed.jobs("auto", 4, 0)).allMatch(job -> job.model().equals("auto"));
        assertThat(mixed.jobs("auto", 4, 0).get(3).params()).isEqualTo(Map.of("limit", 1000));
        assertThat(mixed.check().problem("sleep", Map.of("sleptMs", 20))).isEmpty();
        assertThat(mixed.check().problem("cpu", Map.of("primes", 168))).isEmpty();
        assertThat(mixed.check().problem("cpu", Map.of("sleptMs", 20))).isPresent();
        assertThat(mixed.check().problem("gpu", Map.of())).contains("a job of type gpu is not in the mix");
        assertThat(mixed.waitPerJob()).isNull();
    }

    @Test
    void unknownWorkloadIsNamedInTheError() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadWorkload.named("gpu", 1, 1))
                .withMessageContaining("unknown workload 'gpu'");
    }
}
