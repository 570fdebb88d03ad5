package dev.jobmesh.worker.async.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/**
 * The worker's few event-loop threads: each runs the timers, HTTP connections and completions of the jobs handed
 * to it, like one asyncio loop. Netty's loops rather than a {@code ScheduledExecutorService}, so the HTTP client's
 * sockets are served by the same threads as the timers and no further I/O thread is needed.
 */
public final class EventLoops implements AutoCloseable {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final MultiThreadIoEventLoopGroup group;
    private final List<EventLoop> loops = new ArrayList<>();

    public EventLoops(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("an event-loop group needs at least one thread, not " + threads);
        }
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("jobmesh-loop"),
                NioIoHandler.newFactory());
        for (EventExecutor executor : group) {
            loops.add((EventLoop) executor);
        }
    }

    /** The loop for the next job, round robin. */
    public EventLoop next() {
        return group.next();
    }

    /** Every loop, in a stable order: the index is the loop's metric tag. */
    public List<EventLoop> all() {
        return List.copyOf(loops);
    }

    /** The group, for a client whose connections should live on these loops. */
    public EventLoopGroup group() {
        return group;
    }

    /** Stops the loops; jobs still waiting on them are abandoned (the dispatch loop has drained by now). */
    @Override
    public void close() {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() + 1000);
    }
}
