package dev.jobmesh.worker.processes.internal.protocol;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeTest {

    @Test
    void helloCarriesTheWorkloadSettingsToTheChild() {
        Handshake sent = new Handshake(Handshake.PROTOCOL_VERSION, URI.create("http://127.0.0.1:8090/"),
                List.of("127.0.0.1:8090", "example.org"), Duration.ofSeconds(7), Duration.ofSeconds(30),
                Duration.ofMillis(250));

        assertThat(Handshake.decode(sent.encode())).isEqualTo(sent);
    }

    @Test
    void childRefusesAnotherProtocolVersionBeforeReadingFurther() {
        byte[] payload = new Handshake(Handshake.PROTOCOL_VERSION, URI.create("http://h/"), List.of(), Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(1)).encode();
        ByteBuffer.wrap(payload).putInt(Handshake.PROTOCOL_VERSION + 1);

        assertThatThrownBy(() -> Handshake.decode(payload)).isInstanceOf(FrameException.class)
                .hasMessageContaining("protocol " + (Handshake.PROTOCOL_VERSION + 1));
    }

    @Test
    void readyCarriesVersionAndPid() {
        Ready ready = new Ready(Handshake.PROTOCOL_VERSION, 4242);

        assertThat(Ready.decode(ready.encode())).isEqualTo(ready);
        assertThatThrownBy(() -> Ready.decode(new byte[3])).isInstanceOf(FrameException.class);
    }
}
