package dev.jobmesh.core.dispatch;

/**
 * The jobs of one partition that were handed out but are not finished, in offset order.
 * Jobs finish in any order, but the committable offset only moves past a contiguous prefix of
 * finished jobs, so a crash can redeliver finished work but never skip unfinished work.
 * Used by the poll thread alone.
 */
final class InFlightWindow {

    private final long[] offsets;
    private final boolean[] done;
    private long head;
    private long tail;
    private long nextOffset = -1;

    InFlightWindow(int capacity) {
        this.offsets = new long[capacity];
        this.done = new boolean[capacity];
    }

    /** Adds the next polled offset (offsets only grow, with gaps) and returns its sequence number. */
    long add(long offset) {
        if (isFull()) {
            throw new IllegalStateException("window full at " + size() + " jobs");
        }
        if (offset < nextOffset) {
            throw new IllegalArgumentException("offset " + offset + " is below " + nextOffset);
        }
        long seq = tail++;
        int slot = slot(seq);
        offsets[slot] = offset;
        done[slot] = false;
        nextOffset = offset + 1;
        return seq;
    }

    /** Marks a job finished; sequences from before a reset are ignored. */
    void complete(long seq) {
        if (seq >= head && seq < tail) {
            done[slot(seq)] = true;
        }
    }

    /** The offset to commit: every job below it is finished; -1 while nothing was added. */
    long committableOffset() {
        while (head < tail && done[slot(head)]) {
            head++;
        }
        return head < tail ? offsets[slot(head)] : nextOffset;
    }

    int size() {
        return (int) (tail - head);
    }

    boolean isFull() {
        if (tail - head < offsets.length) {
            return false;
        }
        committableOffset();
        return tail - head >= offsets.length;
    }

    private int slot(long seq) {
        return (int) (seq % offsets.length);
    }
}
