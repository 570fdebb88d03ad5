package dev.jobmesh.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.job.Routing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AutoRouterTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ModelStatistics statistics = new ModelStatistics(List.of("noop", "sleep", "cpu"), Duration.ofSeconds(60), clock);
    private final Map<Model, ConsumerGroupProbe.Group> groups = new EnumMap<>(Model.class);

    AutoRouterTest() {
        for (Model model : Model.values()) {
            groups.put(model, new ConsumerGroupProbe.Group(model, 1, 0));
        }
    }

    private AutoRouter router(double exploreShare) {
        RoutingProperties properties = new RoutingProperties(Duration.ofSeconds(60), exploreShare, 10,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(250));
        RoutingMetrics metrics = new RoutingMetrics(List.of("noop", "sleep", "cpu"),
                new ConsumerGroupProbe(null, "test", properties, clock));
        // a new reading object per call would restart the routed counts every time: one reading, as between probes
        ConsumerGroupProbe.Groups reading = new ConsumerGroupProbe.Groups(NOW, groups);
        return new AutoRouter(statistics, () -> reading, properties, metrics);
    }

    /** {@code count} jobs of the type finished on the model in the last seconds, each run taking {@code runMs}. */
    private void finished(Model model, String type, int count, long runMs) {
        for (int i = 0; i < count; i++) {
            Instant end = NOW.minusMillis(1000 + i);
            Instant start = end.minusMillis(runMs);
            statistics.observed(model.id(), type, JobStatus.QUEUED, JobStatus.SUCCEEDED, start.minusMillis(5).toString(),
                    start.toString(), end.toEpochMilli());
        }
    }

    @Test
    void withNoFiguresTheColdStartRulesChooseAmongReadyModels() {
        AutoRouter router = router(0);
        assertThat(router.route("cpu")).isEqualTo(new Routing(Model.THREADS, Routing.Reason.COLD_START, Map.of()));
        assertThat(router.route("sleep").model()).isEqualTo(Model.ASYNC);
        groups.put(Model.ASYNC, new ConsumerGroupProbe.Group(Model.ASYNC, 0, 0));
        assertThat(router(0).route("sleep").model()).as("async has no worker").isEqualTo(Model.VIRTUAL);
    }

    @Test
    void theModelWithTheLowestBacklogOverRatePlusMedianRunIsChosen() {
        // 600 jobs in the last 1.6 s: 10 a second over the window, 60 over its last 10 s (the current rate)
        finished(Model.THREADS, "cpu", 600, 20); // 20 ms runs
        finished(Model.VIRTUAL, "cpu", 600, 10); // 10 ms runs, but 50 jobs waiting: 833 ms
        groups.put(Model.VIRTUAL, new ConsumerGroupProbe.Group(Model.VIRTUAL, 1, 50));
        Routing routing = router(0).route("cpu");
        assertThat(routing.model()).isEqualTo(Model.THREADS);
        assertThat(routing.reason()).isEqualTo(Routing.Reason.FASTEST);
        assertThat(routing.estimates().get("threads")).isCloseTo(20.0, within(0.5));
        assertThat(routing.estimates().get("virtual")).isCloseTo(843.3, within(0.5));
        assertThat(routing.estimates()).as("models without figures for cpu").doesNotContainKeys("async", "processes");
    }

    @Test
    void runningJobsAreNotBacklogSoAModelKeepingUpWithLittleTrafficIsNotPenalised() {
        finished(Model.ASYNC, "sleep", 30, 50);
        // three running, and the lag counts them: nothing waits to start
        groups.put(Model.ASYNC, new ConsumerGroupProbe.Group(Model.ASYNC, 1, 3));
        for (int i = 0; i < 3; i++) {
            statistics.observed("async", "sleep", JobStatus.QUEUED, JobStatus.RUNNING, NOW.toString(), NOW.toString(),
                    Long.MIN_VALUE);
        }
        assertThat(router(0).route("sleep").estimates().get("async")).isCloseTo(50.0, within(0.5));
    }

    @Test
    void aBatchIsSplitAsEachRoutedJobAddsToItsModelsBacklogThePreferredModelKeepingTheMost() {
        finished(Model.THREADS, "noop", 120, 0); // 12 jobs/s now: each job routed there adds 83 ms
        finished(Model.ASYNC, "noop", 360, 0); // 36 jobs/s now: each adds 28 ms
        AutoRouter router = router(0);
        Map<Model, Integer> split = new HashMap<>();
        Map<Routing.Reason, Integer> reasons = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            Routing routing = router.route("noop");
            split.merge(routing.model(), 1, Integer::sum);
            reasons.merge(routing.reason(), 1, Integer::sum);
        }
        // async, which the rules prefer for noop, keeps a job while it is expected within 2 x the fastest + 250 ms:
        // worked through, 35 of the 40; threads takes one each time async's backlog grows past that
        assertThat(split).containsEntry(Model.ASYNC, 35).containsEntry(Model.THREADS, 5);
        assertThat(reasons).containsOnlyKeys(Routing.Reason.FASTEST, Routing.Reason.PREFERRED);
    }

    @Test
    void thePreferredModelLosesItsJobsOnceClearlySlowerThanAnother() {
        finished(Model.ASYNC, "sleep", 600, 50);
        finished(Model.VIRTUAL, "sleep", 600, 50);
        // async has 500 ms of backlog (30 jobs at 60 a second), virtual none
        groups.put(Model.ASYNC, new ConsumerGroupProbe.Group(Model.ASYNC, 1, 30));
        Routing routing = router(0).route("sleep");
        assertThat(routing.model()).isEqualTo(Model.VIRTUAL);
        assertThat(routing.reason()).isEqualTo(Routing.Reason.FASTEST);
        groups.put(Model.ASYNC, new ConsumerGroupProbe.Group(Model.ASYNC, 1, 1)); // 17 ms more: within the preference
        assertThat(router(0).route("sleep")).extracting(Routing::model, Routing::reason)
                .containsExactly(Model.ASYNC, Routing.Reason.PREFERRED);
    }

    @Test
    void exploringGoesOnlyToOtherReadyModelsWithNothingWaiting() {
        finished(Model.ASYNC, "noop", 100, 0);
        groups.put(Model.PROCESSES, new ConsumerGroupProbe.Group(Model.PROCESSES, 0, 0));
        AutoRouter router = router(0.999999);
        Map<Model, Integer> explored = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Routing routing = router.route("noop");
            if (routing.reason() == Routing.Reason.EXPLORE) {
                explored.merge(routing.model(), 1, Integer::sum);
            } else {
                assertThat(routing.model()).isEqualTo(Model.ASYNC);
            }
        }
        // one job each: after it, the model has a job waiting until Kafka's next reading shows it started
        assertThat(explored).isEqualTo(Map.of(Model.THREADS, 1, Model.VIRTUAL, 1));
    }

    @Test
    void noJobIsExploredOntoAModelsBacklog() {
        finished(Model.ASYNC, "sleep", 600, 50);
        groups.put(Model.PROCESSES, new ConsumerGroupProbe.Group(Model.PROCESSES, 1, 500)); // 500 jobs waiting
        AutoRouter router = router(0.999999);
        for (int i = 0; i < 100; i++) {
            assertThat(router.route("sleep").model()).isNotEqualTo(Model.PROCESSES);
        }
    }

    @Test
    void figuresOlderThanTheWindowDoNotCount() {
        Instant old = NOW.minusSeconds(61);
        for (int i = 0; i < 50; i++) {
            statistics.observed("threads", "cpu", null, JobStatus.SUCCEEDED, old.toString(), old.toString(),
                    old.toEpochMilli());
        }
        assertThat(router(0).route("cpu").reason()).isEqualTo(Routing.Reason.COLD_START);
        assertThat(statistics.figures().completedPerSecond(Model.THREADS)).isZero();
    }

    @Test
    void withNoModelReadyOrNoReadingNothingIsChosen() {
        for (Model model : Model.values()) {
            groups.put(model, new ConsumerGroupProbe.Group(model, 0, 0));
        }
        assertThatThrownBy(() -> router(0).route("noop")).isInstanceOf(NoReadyModelException.class)
                .hasMessageContaining("no model has a worker");
        RoutingProperties properties = new RoutingProperties(Duration.ofSeconds(60), 0, 10, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 2, Duration.ofMillis(250));
        AutoRouter unread = new AutoRouter(statistics, () -> null, properties,
                new RoutingMetrics(List.of("noop"), new ConsumerGroupProbe(null, "test", properties, clock)));
        assertThatThrownBy(() -> unread.route("noop")).isInstanceOf(NoReadyModelException.class)
                .hasMessageContaining("could not be read");
    }
}
