package dev.jobmesh.gateway.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * One client's wait for many jobs to finish: a single timeout and one registration per job still running, answered
 * once with each job's JSON as the view holds it. Ids may repeat; each place is answered.
 */
final class BatchWait implements TerminalWaiters.Waiter {

    private final List<String> ids;
    private final StatusStore store;
    private final TerminalWaiters waiters;
    /** Whether the view knew each id when it was looked up; written before waiting, read once answered. */
    private final boolean[] known;
    private final AtomicReferenceArray<StatusJson> answers;
    /** Jobs still running, each with its places in {@link #ids}; an id leaves once, when it finishes. */
    private final Map<String, List<Integer>> running = new ConcurrentHashMap<>();
    private final AtomicInteger left = new AtomicInteger();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    BatchWait(List<String> ids, StatusStore store, TerminalWaiters waiters) {
        this.ids = ids;
        this.store = store;
        this.waiters = waiters;
        this.known = new boolean[ids.size()];
        this.answers = new AtomicReferenceArray<>(ids.size());
    }

    /**
     * Looks up every id not found yet. With {@code untilTerminal}, a job still running is kept to wait for; without,
     * it is answered as it stands.
     *
     * @return whether some id is still unknown to the view
     */
    boolean lookUp(boolean untilTerminal) {
        boolean unknown = false;
        for (int i = 0; i < known.length; i++) {
            if (known[i]) {
                continue;
            }
            var stored = store.stored(ids.get(i));
            if (stored.isEmpty()) {
                unknown = true;
                continue;
            }
            known[i] = true;
            if (untilTerminal && !stored.get().header().terminal()) {
                running.computeIfAbsent(ids.get(i), id -> new ArrayList<>(1)).add(i);
            } else {
                answers.set(i, stored.get().json());
            }
        }
        return unknown;
    }

    /** Completes when every job looked up has finished or the wait has run out. */
    CompletableFuture<Void> await(Duration wait) {
        if (running.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        left.set(running.size());
        List<String> waitingFor = List.copyOf(running.keySet());
        waitingFor.forEach(id -> waiters.add(id, this));
        // A job may have finished between the lookup and the registration.
        for (String id : waitingFor) {
            store.stored(id).filter(s -> s.header().terminal()).ifPresent(s -> finished(id, s.json()));
        }
        done.whenComplete((ignored, error) -> running.keySet().forEach(id -> waiters.remove(id, this)));
        return done.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void finished(String id, StatusJson snapshot) {
        List<Integer> places = running.remove(id);
        if (places == null) {
            return;
        }
        waiters.remove(id, this);
        places.forEach(i -> answers.set(i, snapshot));
        if (left.decrementAndGet() == 0) {
            done.complete(null);
        }
    }

    /**
     * Each id's JSON, null for an id the view does not know: the terminal snapshot, or for a job still running when
     * the wait ran out, its latest (none if it left the view meanwhile, past its retention).
     */
    List<@Nullable StatusJson> answers() {
        StatusJson[] page = new StatusJson[known.length];
        for (int i = 0; i < page.length; i++) {
            StatusJson answer = answers.get(i);
            if (answer == null && known[i]) {
                answer = store.stored(ids.get(i)).map(StatusStore.StoredValue::json).orElse(null);
            }
            page[i] = answer;
        }
        return Arrays.asList(page);
    }
}
