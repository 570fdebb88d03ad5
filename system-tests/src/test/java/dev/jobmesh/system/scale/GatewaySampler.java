package dev.jobmesh.system.scale;

import java.util.concurrent.atomic.AtomicLong;

/** Samples a gateway's resident memory and heap in use once a second, keeping the highest of each. */
final class GatewaySampler implements AutoCloseable {

    private final AtomicLong maxRss = new AtomicLong();
    private final AtomicLong maxHeap = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    GatewaySampler(long pid, Metrics metrics) {
        thread = Thread.ofPlatform().daemon().name("gateway-sampler").start(() -> {
            while (running) {
                try {
                    maxRss.accumulateAndGet(ProcessSample.of(pid).rssBytes(), Math::max);
                    maxHeap.accumulateAndGet((long) metrics.heapUsed(), Math::max);
                } catch (Exception e) {
                    // a sample missed (the gateway busy or restarting): the next one counts
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    long maxRssBytes() {
        return maxRss.get();
    }

    long maxHeapBytes() {
        return maxHeap.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
