package dev.jobmesh.worker.async;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncModelPropertiesTest {

    @Test
    void defaultsToOneLoopAndCpuOnAPoolOfTheCores() {
        AsyncModelProperties properties = new AsyncModelProperties(null, null, null, null);

        assertThat(properties.loopThreads()).isEqualTo(1);
        assertThat(properties.cpu().runOn()).isEqualTo(CpuPlacement.POOL);
        assertThat(properties.cpu().poolThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(properties.http().maxConnections()).isPositive();
        assertThat(properties.lagSampleInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void rejectsThreadAndConnectionCountsBelowOne() {
        assertThatThrownBy(() -> new AsyncModelProperties(0, null, null, null))
                .hasMessageContaining("jobmesh.async.loop-threads");
        assertThatThrownBy(() -> new AsyncModelProperties.Cpu(null, 0))
                .hasMessageContaining("jobmesh.async.cpu.pool-threads");
        assertThatThrownBy(() -> new AsyncModelProperties.Http(0, null))
                .hasMessageContaining("jobmesh.async.http.max-connections");
    }
}
