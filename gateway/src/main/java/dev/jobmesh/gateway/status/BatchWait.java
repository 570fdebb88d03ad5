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
 * One client's wait for many jobs to finish: a single timeout and one registration per job it waits for, answered
 * once with each job's JSON as the view holds it. Ids may repeat; each place is answered.
 * <p>
 * A job is registered before it is looked up, and the view stores a snapshot before it tells the waiters: so a job
 * the lookup saw running is announced to this wait when it finishes, and one read of the store per id suffices.
 */
final class BatchWait implements TerminalWaiters.Waiter {

    private final List<String> ids;
    private final StatusStore store;
    private final TerminalWaiters waiters;
    /** Whether the view knew each id when it was looked up; written before waiting, read once answered. */
    private final boolean[] known;
    /** Whether each place is among those waited for; only the looking-up thread reads and writes it. */
    private final boolean[] watched;
    private final AtomicReferenceArray<StatusJson> answers;
    /** Jobs waited for, each with its places in {@link #ids}; an id leaves once, when it finishes or is given up. */
    private final Map<String, List<Integer>> running = new ConcurrentHashMap<>();
    private final AtomicInteger left = new AtomicInteger();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Set once every lookup is done: until then no count of zero means the wait is over. */
    private volatile boolean armed;

    BatchWait(List<String> ids, StatusStore store, TerminalWaiters waiters) {
        this.ids = ids;
        this.store = store;
        this.waiters = waiters;
        this.known = new boolean[ids.size()];
        this.watched = new boolean[ids.size()];
        this.answers = new AtomicReferenceArray<>(ids.size());
    }

    /**
     * Looks up every id not found yet. With {@code untilTerminal}, a job not finished is waited for; without, it is
     * answered as it stands.
     *
     * @return whether some id is still unknown to the view
     */
    boolean lookUp(boolean untilTerminal) {
        boolean unknown = false;
        for (int i = 0; i < known.length; i++) {
            if (known[i]) {
                continue;
            }
            String id = ids.get(i);
            if (untilTerminal && !watched[i]) {
                watch(id, i);
            }
            var stored = store.stored(id);
            if (stored.isEmpty()) {
                unknown = true;
                continue;
            }
            known[i] = true;
            if (!untilTerminal) {
                answers.set(i, stored.get().json());
            } else if (stored.get().header().terminal()) {
                finished(id, stored.get().json());
            }
        }
        return unknown;
    }

    /** Stops waiting for the ids the view still does not know: they are answered as missing. */
    void forgetUnknown() {
        for (int i = 0; i < known.length; i++) {
            if (!known[i] && watched[i]) {
                int place = i;
                boolean[] last = new boolean[1];
                running.computeIfPresent(ids.get(i), (id, places) -> {
                    places.remove(Integer.valueOf(place));
                    last[0] = places.isEmpty();
                    return last[0] ? null : places;
                });
                if (last[0]) {
                    waiters.remove(ids.get(i), this);
                    countDown();
                }
            }
        }
    }

    /** Completes when every job waited for has finished or the wait has run out. */
    CompletableFuture<Void> await(Duration wait) {
        armed = true;
        if (left.get() == 0) {
            done.complete(null);
            return done;
        }
        done.whenComplete((ignored, error) -> running.keySet().forEach(id -> waiters.remove(id, this)));
        return done.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void watch(String id, int place) {
        watched[place] = true;
        boolean[] first = new boolean[1];
        running.compute(id, (k, places) -> {
            first[0] = places == null;
            List<Integer> waitedAt = first[0] ? new ArrayList<>(1) : places;
            waitedAt.add(place);
            return waitedAt;
        });
        if (first[0]) {
            left.incrementAndGet();
            waiters.add(id, this);
        }
    }

    @Override
    public void finished(String id, StatusJson snapshot) {
        List<Integer> places = running.remove(id);
        if (places == null) {
            return;
        }
        waiters.remove(id, this);
        places.forEach(i -> answers.set(i, snapshot));
        countDown();
    }

    private void countDown() {
        if (left.decrementAndGet() == 0 && armed) {
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
