package dev.jobmesh.worker.processes.internal.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Copies a child's stderr into the supervisor's log, line by line, and keeps the last lines so a child that
 * dies before its handshake can be reported with what it said (e.g. "Unrecognized VM option").
 */
public final class ChildStderr implements Runnable {

    private static final Logger log = LoggerFactory.getLogger("dev.jobmesh.worker.processes.child");
    private static final int KEPT_LINES = 12;

    private final InputStream stderr;
    private final String prefix;
    private final Level level;
    private final Deque<String> last = new ArrayDeque<>();
    private volatile Thread thread;

    public ChildStderr(InputStream stderr, String prefix, Level level) {
        this.stderr = stderr;
        this.prefix = prefix;
        this.level = level;
    }

    /** Starts copying on a daemon thread of its own. */
    public ChildStderr start(String threadName) {
        thread = Thread.ofPlatform().daemon().name(threadName).start(this);
        return this;
    }

    /** Waits until the child's stderr has ended (it does as the child exits), at most the timeout. */
    public void awaitEnd(java.time.Duration timeout) throws InterruptedException {
        Thread copying = thread;
        if (copying != null) {
            copying.join(timeout);
        }
    }

    @Override
    public void run() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                remember(line);
                log.atLevel(level).log("{}: {}", prefix, line);
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    private synchronized void remember(String line) {
        if (last.size() == KEPT_LINES) {
            last.removeFirst();
        }
        last.addLast(line);
    }

    /** The last lines the child wrote, oldest first. */
    public synchronized List<String> lastLines() {
        return List.copyOf(last);
    }
}
