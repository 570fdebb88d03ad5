package dev.jobmesh.loadgen.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrimeSieveTest {

    @Test
    void countsThePublishedPrimeCounts() {
        assertThat(PrimeSieve.count(0)).isZero();
        assertThat(PrimeSieve.count(1)).isZero();
        assertThat(PrimeSieve.count(2)).isEqualTo(1);
        assertThat(PrimeSieve.count(10)).isEqualTo(4);
        assertThat(PrimeSieve.count(100)).isEqualTo(25);
        assertThat(PrimeSieve.count(100_000)).isEqualTo(9592);
        assertThat(PrimeSieve.count(200_000)).isEqualTo(17984);
        assertThat(PrimeSieve.count(1_000_000)).isEqualTo(78498);
    }
}
