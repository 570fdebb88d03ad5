package dev.jobmesh.worker.async;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncModelPropertiesTest {

    private static AsyncModelProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("jobmesh.async",
                AsyncModelProperties.class);
    }

    @Test
    void defaultsToOneLoopAndCpuOnAPoolOfTheCores() {
        AsyncModelProperties properties = bind(Map.of());

        assertThat(properties.loopThreads()).isEqualTo(1);
        assertThat(properties.cpu().runOn()).isEqualTo(CpuPlacement.POOL);
        assertThat(properties.cpu().poolThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(properties.http().maxConnections()).isEqualTo(1000);
        assertThat(properties.lagSampleInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void threadAndConnectionCountsBelowOneStopTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("jobmesh.async.loop-threads", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("jobmesh.async.loop-threads");
        assertThatThrownBy(() -> bind(Map.of("jobmesh.async.cpu.pool-threads", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("jobmesh.async.cpu.pool-threads");
        assertThatThrownBy(() -> bind(Map.of("jobmesh.async.http.max-connections", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("jobmesh.async.http.max-connections");
    }
}
