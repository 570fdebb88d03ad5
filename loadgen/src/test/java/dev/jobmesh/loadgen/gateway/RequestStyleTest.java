package dev.jobmesh.loadgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RequestStyleTest {

    private final GatewayClient unreachable = new GatewayClient(URI.create("http://127.0.0.1:1"));
    private final JobSpec noop = new JobSpec("noop", "async", Map.of());

    @Test
    void batchSizeIsBoundedLikeTheGatewaysBatchEndpoint() {
        assertThat(RequestStyle.batches(200).jobsPerRequest()).isEqualTo(200);
        assertThat(RequestStyle.batches(200).describe()).isEqualTo("batches of 200");
        assertThatThrownBy(() -> RequestStyle.batches(0)).hasMessageContaining("--batch must be 1..10000");
        assertThatThrownBy(() -> RequestStyle.batches(10_001)).hasMessageContaining("--batch must be 1..10000");
    }

    @Test
    void singleJobsSendExactlyOneJobPerRequest() {
        RequestStyle single = RequestStyle.singleJobs();
        assertThat(single.jobsPerRequest()).isOne();
        assertThatThrownBy(() -> single.submit(unreachable, List.of(noop, noop)))
                .hasMessageContaining("one job per request, not 2");
    }

    @Test
    void batchesAreWaitedForWholeWhileSingleJobsAreHandedOverOneByOne() throws InterruptedException {
        List<String> calls = new ArrayList<>();
        RequestStyle.Outcomes outcomes = new RequestStyle.Outcomes() {
            @Override
            public void await(Map<String, Instant> pending) {
                calls.add("await " + pending.keySet());
            }

            @Override
            public void handOff(String id, Instant intended) {
                calls.add("hand off " + id);
            }
        };
        Map<String, Instant> accepted = new LinkedHashMap<>();
        accepted.put("a", Instant.EPOCH);
        accepted.put("b", Instant.EPOCH);

        RequestStyle.batches(2).follow(outcomes, accepted);
        RequestStyle.singleJobs().follow(outcomes, accepted);

        assertThat(calls).containsExactly("await [a, b]", "hand off a", "hand off b");
    }
}
