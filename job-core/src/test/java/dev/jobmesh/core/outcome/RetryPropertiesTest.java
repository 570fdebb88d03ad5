package dev.jobmesh.core.outcome;

import java.time.Duration;
import java.util.Map;

import dev.jobmesh.core.job.JobError;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPropertiesTest {

    private static RetryProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("jobmesh.retry", RetryProperties.class);
    }

    @Test
    void defaultsWhenNothingIsSet() {
        RetryProperties defaults = bind(Map.of());
        assertThat(defaults.initialDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.multiplier()).isEqualTo(2.0);
        assertThat(defaults.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.jitter()).isEqualTo(0.2);
        assertThat(defaults.retryable()).contains(JobError.CHILD_DIED, JobError.TIMEOUT)
                .doesNotContain(JobError.INVALID_PARAMS, JobError.CANCELLED);
    }

    @Test
    void invalidSettingsFailNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("jobmesh.retry.multiplier", "0.5")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("jobmesh.retry.multiplier");
        assertThatThrownBy(() -> bind(Map.of("jobmesh.retry.jitter", "1.5")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("jobmesh.retry.jitter");
        assertThatThrownBy(() -> bind(Map.of("jobmesh.retry.max-delay", "100ms")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("jobmesh.retry.max-delay");
        assertThatThrownBy(() -> bind(Map.of("jobmesh.retry.retryable", "TIMEOUT,TYPO")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("TYPO");
    }
}
