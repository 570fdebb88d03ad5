package dev.jobmesh.core.workload;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpWorkloadTest {

    private final HttpWorkload http = new HttpWorkload(HttpClients.createDefault(),
            new HttpAllowlist(List.of("127.0.0.1:8090", "localhost")), URI.create("http://127.0.0.1:8090/"));

    @Test
    void defaultsToTheBundledTarget() {
        assertThat(http.parse(Map.of()).url()).isEqualTo(URI.create("http://127.0.0.1:8090/"));
    }

    @Test
    void acceptsAllowlistedHostsOnly() {
        assertThat(http.parse(Map.of("url", "http://localhost:9999/x")).url().getPort()).isEqualTo(9999);
        assertThat(http.parse(Map.of("url", "http://127.0.0.1:8090/a")).url().getPath()).isEqualTo("/a");
        assertThatThrownBy(() -> http.parse(Map.of("url", "http://127.0.0.1:8091/")))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("params.url"));
        assertThatThrownBy(() -> http.parse(Map.of("url", "http://example.org/")))
                .isInstanceOf(InvalidParamsException.class);
        assertThatThrownBy(() -> http.parse(Map.of("url", "ftp://localhost/")))
                .isInstanceOf(InvalidParamsException.class);
        assertThatThrownBy(() -> http.parse(Map.of("url", "http://[bad")))
                .isInstanceOf(InvalidParamsException.class);
    }

    @Test
    void checksStatusAndBodySize() {
        assertThat(HttpWorkload.check(200, 1024)).containsEntry("status", 200).containsEntry("bytes", 1024);
        assertThatThrownBy(() -> HttpWorkload.check(500, 1024)).isInstanceOf(WorkloadFailedException.class);
        assertThatThrownBy(() -> HttpWorkload.check(200, 1023)).isInstanceOf(WorkloadFailedException.class);
    }
}
