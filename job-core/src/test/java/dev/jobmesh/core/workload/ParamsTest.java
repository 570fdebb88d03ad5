package dev.jobmesh.core.workload;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamsTest {

    @Test
    void reportsEveryBadFieldAtOnce() {
        Params params = new Params(Map.of("ms", -1, "colour", "red"), java.util.Set.of("ms"));
        params.integer("ms", 50, 0, 60_000);
        assertThatThrownBy(params::requireValid)
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactlyInAnyOrder("params.ms", "params.colour"));
    }

    @Test
    void sleepDefaultsToFiftyMillisAndCapsAtOneMinute() {
        SleepWorkload sleep = new SleepWorkload();
        assertThat(sleep.parse(null).duration().toMillis()).isEqualTo(50);
        assertThat(sleep.parse(Map.of("ms", 60_000)).duration().toMillis()).isEqualTo(60_000);
        assertThatThrownBy(() -> sleep.parse(Map.of("ms", 60_001))).isInstanceOf(InvalidParamsException.class);
    }

    @Test
    void noopTakesNoParams() {
        assertThatThrownBy(() -> new NoopWorkload().parse(Map.of("x", 1))).isInstanceOf(InvalidParamsException.class);
        assertThat(new NoopWorkload().parse(Map.of())).isNotNull();
    }
}
