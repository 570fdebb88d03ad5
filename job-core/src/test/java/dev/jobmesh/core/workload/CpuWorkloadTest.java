package dev.jobmesh.core.workload;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuWorkloadTest {

    private final CpuWorkload cpu = new CpuWorkload();

    @Test
    void countsPrimesByTrialDivision() throws Exception {
        assertThat(CpuWorkload.countPrimes(200_000)).isEqualTo(17_984);
        assertThat(CpuWorkload.countPrimes(100_000)).isEqualTo(9_592);
        assertThat(CpuWorkload.countPrimes(10)).isEqualTo(4);
        assertThat(CpuWorkload.countPrimes(2)).isEqualTo(1);
        assertThat(CpuWorkload.countPrimes(1)).isZero();
        assertThat(CpuWorkload.countPrimes(0)).isZero();
    }

    @Test
    void defaultsToTwoHundredThousand() throws Exception {
        assertThat(cpu.parseAndRun(Map.of())).containsEntry("primes", 17_984);
    }

    @Test
    void rejectsLimitsOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> cpu.parse(Map.of("limit", 5_000_001)))
                .isInstanceOf(InvalidParamsException.class)
                .satisfies(e -> assertThat(((InvalidParamsException) e).violations())
                        .extracting(FieldViolation::field).containsExactly("params.limit"));
        assertThatThrownBy(() -> cpu.parse(Map.of("limit", "many"))).isInstanceOf(InvalidParamsException.class);
        assertThatThrownBy(() -> cpu.parse(Map.of("limit", 1.5))).isInstanceOf(InvalidParamsException.class);
    }

    @Test
    void stopsWhenInterrupted() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> CpuWorkload.countPrimes(5_000_000)).isInstanceOf(InterruptedException.class);
    }
}
