package dev.jobmesh.loadgen.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU went, from the execution samples of a JFR recording: shares by thread, by the nearest
 * frame of the product's own code, and by the frame on top of the stack.
 */
public final class CpuSamples {

    /** Numbers in thread names (pools, pids, ids) folded, so a pool's threads count as one. */
    private static final Pattern NUMBERS = Pattern.compile("\\d+");

    private final int total;
    private final Map<String, Integer> threads;
    private final Map<String, Integer> ownFrames;
    private final Map<String, Integer> topFrames;

    private CpuSamples(int total, Map<String, Integer> threads, Map<String, Integer> ownFrames,
                       Map<String, Integer> topFrames) {
        this.total = total;
        this.threads = threads;
        this.ownFrames = ownFrames;
        this.topFrames = topFrames;
    }

    /**
     * Reads a recording's {@code jdk.ExecutionSample} events.
     *
     * @param ownPackage the prefix of the code whose nearest frame each sample is charged to, e.g. {@code dev.jobmesh.}
     * @param thread     only the samples of this thread (numbers folded, as shown), or null for all
     */
    public static CpuSamples read(Path recording, String ownPackage, String thread) throws IOException {
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> own = new HashMap<>();
        Map<String, Integer> top = new HashMap<>();
        int total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                String threadName = threadName(event.getThread("sampledThread"));
                if (thread != null && !thread.equals(threadName)) {
                    continue;
                }
                total++;
                threads.merge(threadName, 1, Integer::sum);
                RecordedStackTrace stack = event.getStackTrace();
                List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
                top.merge(frames.isEmpty() ? "(no stack)" : method(frames.getFirst()), 1, Integer::sum);
                own.merge(frames.stream().filter(f -> f.isJavaFrame()
                                && f.getMethod().getType().getName().startsWith(ownPackage)).findFirst()
                        .map(CpuSamples::method).orElse("(none of " + ownPackage + ")"), 1, Integer::sum);
            }
        }
        return new CpuSamples(total, threads, own, top);
    }

    private static String threadName(RecordedThread thread) {
        if (thread == null) {
            return "(unknown)";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return NUMBERS.matcher(name == null ? "(unnamed)" : name).replaceAll("N");
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    public int total() {
        return total;
    }

    /** Shares of the samples by thread, largest first. */
    public Map<String, Double> byThread(int most) {
        return shares(threads, most);
    }

    /** Shares by the nearest frame of the product's own code, largest first. */
    public Map<String, Double> byOwnFrame(int most) {
        return shares(ownFrames, most);
    }

    /** Shares by the frame that was running, largest first. */
    public Map<String, Double> byTopFrame(int most) {
        return shares(topFrames, most);
    }

    private Map<String, Double> shares(Map<String, Integer> counts, int most) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        Map<String, Double> shares = new LinkedHashMap<>();
        sorted.stream().limit(most).forEach(e -> shares.put(e.getKey(), total == 0 ? 0 : (double) e.getValue() / total));
        return shares;
    }
}
