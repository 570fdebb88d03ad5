package dev.jobmesh.worker.processes.internal.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The HELLO payload: the protocol version first, so a child of another build refuses before misreading
 * anything else, then what the child needs to build its workloads (they must match the supervisor's, which
 * the gateway's checks assume) and how often to send heartbeats.
 */
public record Handshake(int protocolVersion, URI httpDefaultUrl, List<String> httpAllowedHosts,
                        Duration httpRequestTimeout, Duration httpMaxIdleTime, Duration heartbeatInterval) {

    /** The frame protocol this build speaks; bump it on any change to frames or payloads. */
    public static final int PROTOCOL_VERSION = 2;

    public Handshake {
        httpAllowedHosts = List.copyOf(httpAllowedHosts);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(protocolVersion);
            out.writeUTF(httpDefaultUrl.toString());
            out.writeInt(httpAllowedHosts.size());
            for (String host : httpAllowedHosts) {
                out.writeUTF(host);
            }
            out.writeLong(httpRequestTimeout.toMillis());
            out.writeLong(httpMaxIdleTime.toMillis());
            out.writeLong(heartbeatInterval.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a HELLO payload; throws {@link FrameException} for another protocol version or a short payload. */
    public static Handshake decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readInt();
            if (version != PROTOCOL_VERSION) {
                throw new FrameException("supervisor speaks protocol " + version + ", this child " + PROTOCOL_VERSION);
            }
            URI url = URI.create(in.readUTF());
            int count = in.readInt();
            List<String> hosts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                hosts.add(in.readUTF());
            }
            return new Handshake(version, url, hosts, Duration.ofMillis(in.readLong()), Duration.ofMillis(in.readLong()),
                    Duration.ofMillis(in.readLong()));
        } catch (IOException e) {
            throw new FrameException("malformed HELLO: " + e);
        }
    }
}
