package dev.jobmesh.worker.processes.internal.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec();

    private byte[] encode(Frame... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Frame frame : frames) {
            codec.write(out, frame);
        }
        return bytes.toByteArray();
    }

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    @Test
    void framesAreALengthPrefixThenTypeThenPayload() throws IOException {
        byte[] bytes = encode(Frame.text(FrameType.CANCEL, "job-1"));

        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        assertThat(buffer.getInt()).isEqualTo(1 + 5);
        assertThat(buffer.get()).isEqualTo(FrameType.CANCEL.code());
        assertThat(bytes).hasSize(4 + 1 + 5);
    }

    @Test
    void framesReadBackInOrderAndEndCleanlyBetweenFrames() throws IOException {
        DataInputStream in = in(encode(Frame.of(FrameType.HEARTBEAT), Frame.text(FrameType.JOB, "{\"id\":\"x\"}"),
                new Frame(FrameType.READY, new byte[]{1, 2, 3})));

        assertThat(codec.read(in).type()).isEqualTo(FrameType.HEARTBEAT);
        Frame job = codec.read(in);
        assertThat(job.type()).isEqualTo(FrameType.JOB);
        assertThat(job.text()).isEqualTo("{\"id\":\"x\"}");
        assertThat(codec.read(in).payload()).containsExactly(1, 2, 3);
        assertThat(codec.read(in)).isNull();
    }

    @Test
    void streamEndingInsideAFrameIsAnError() throws IOException {
        byte[] whole = encode(Frame.text(FrameType.RESULT, "0123456789"));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> codec.read(in(cut))).isInstanceOf(FrameException.class).hasMessageContaining("RESULT");
        assertThatThrownBy(() -> codec.read(in(new byte[]{0, 0}))).isInstanceOf(EOFException.class);
    }

    @Test
    void garbageIsRejectedInsteadOfAllocatedOrMisread() {
        // What a JVM warning printed to stdout would look like to the reader: "Open" as a length.
        byte[] text = "OpenJDK 64-Bit Server VM warning".getBytes();
        assertThatThrownBy(() -> codec.read(in(text))).isInstanceOf(FrameException.class).hasMessageContaining("length");

        byte[] unknownType = {0, 0, 0, 1, 99};
        assertThatThrownBy(() -> codec.read(in(unknownType))).isInstanceOf(FrameException.class)
                .hasMessageContaining("unknown frame type 99");
    }
}
