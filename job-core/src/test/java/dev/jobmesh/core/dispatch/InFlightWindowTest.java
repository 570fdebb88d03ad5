package dev.jobmesh.core.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightWindowTest {

    @Test
    void commitsOnlyBelowTheFirstUnfinishedJob() {
        InFlightWindow window = new InFlightWindow(8);
        assertThat(window.committableOffset()).isEqualTo(-1);
        long a = window.add(10);
        long b = window.add(11);
        long c = window.add(14); // gaps, e.g. transaction markers
        window.complete(b);
        window.complete(c);
        assertThat(window.committableOffset()).isEqualTo(10);
        window.complete(a);
        assertThat(window.committableOffset()).isEqualTo(15);
        assertThat(window.size()).isZero();
    }

    @Test
    void isFullOnlyWhileUnfinishedJobsFillIt() {
        InFlightWindow window = new InFlightWindow(2);
        long a = window.add(0);
        window.add(1);
        assertThat(window.isFull()).isTrue();
        window.complete(a);
        assertThat(window.isFull()).isFalse();
        window.add(2);
        assertThat(window.committableOffset()).isEqualTo(1);
    }

    @Test
    void wrapsAroundItsRing() {
        InFlightWindow window = new InFlightWindow(3);
        for (long offset = 0; offset < 100; offset++) {
            window.complete(window.add(offset));
        }
        assertThat(window.committableOffset()).isEqualTo(100);
    }
}
