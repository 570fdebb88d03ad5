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
    void tooManyParamsIsOneViolationNotOnePerKey() {
        Map<String, Object> many = new java.util.HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            many.put("k" + i, i);
        }
        assertThatThrownBy(() -> new SleepWorkload().parse(many))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> {
                    assertThat(e.violations()).containsExactly(
                            new FieldViolation("params", "has 100000 entries; at most " + Params.MAX_PARAMS));
                    assertThat(e.getMessage()).hasSizeLessThan(200);
                });
    }

    @Test
    void messageNamesTheFirstTwentyViolationsAndCountsTheRest() {
        java.util.List<FieldViolation> violations = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> new FieldViolation("params.k" + i, "unknown parameter")).toList();
        String message = new InvalidParamsException(violations).getMessage();
        assertThat(message).contains("params.k19: unknown parameter").doesNotContain("params.k20")
                .endsWith("; and 5 more");
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
