package dev.jobmesh.gateway.status;

/**
 * A job's latest snapshot as the JSON the view holds, not decoded: {@code bytes} from {@code offset} to their end.
 * Readers that only pass the snapshot on (a batch of statuses) copy it instead of decoding and encoding it again.
 */
public record StatusJson(byte[] bytes, int offset) {

    /** The length of the JSON. */
    public int length() {
        return bytes.length - offset;
    }
}
