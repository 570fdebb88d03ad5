package dev.jobmesh.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How model {@code auto} decides, and what {@code GET /api/models} reports over. Invalid values stop the gateway.
 *
 * @param window        The sliding window of the per-model statistics: completion rates and times of jobs that
 *                      finished within it.
 * @param exploreShare  Share of auto jobs sent to another ready model with nothing waiting to start, so every model's
 *                      estimates stay fresh. At the rates the matrix measures (thousands of jobs/s) 2 % gives each other model tens
 *                      of jobs a second.
 * @param minSamples    Jobs of a type a model must have finished within the window before its estimate for that type
 *                      counts; until one model has that many, the cold-start rules decide.
 * @param probeInterval How often each model's consumer group is read from Kafka: its members (a model with none is
 *                      never chosen) and its lag.
 * @param probeTimeout  How long one reading of the consumer groups may take.
 * @param preferenceFactor With {@code preferenceMargin}: the model the rules prefer for a type keeps its jobs while
 *                      its expected completion is at most this times the fastest model's plus the margin.
 * @param preferenceMargin See {@code preferenceFactor}. A model kept busy by a closed loop of 1,000 jobs has about
 *                      1,000 uncommitted jobs over its rate (100-150 ms for async on noop) of estimated wait that an
 *                      idle model has not: the margin keeps such a model its jobs.
 */
@ConfigurationProperties("jobmesh.gateway.routing")
public record RoutingProperties(@DefaultValue("60s") Duration window, @DefaultValue("0.02") double exploreShare,
                                @DefaultValue("20") int minSamples, @DefaultValue("2s") Duration probeInterval,
                                @DefaultValue("5s") Duration probeTimeout,
                                @DefaultValue("2") double preferenceFactor,
                                @DefaultValue("250ms") Duration preferenceMargin) {

    public RoutingProperties {
        Assert.isTrue(window.toMillis() >= ModelStatistics.SLOTS,
                () -> "jobmesh.gateway.routing.window must be at least " + ModelStatistics.SLOTS + " ms, was " + window);
        Assert.isTrue(exploreShare >= 0 && exploreShare < 1,
                () -> "jobmesh.gateway.routing.explore-share must be in [0, 1), was " + exploreShare);
        Assert.isTrue(minSamples >= 1, () -> "jobmesh.gateway.routing.min-samples must be at least 1, was " + minSamples);
        Assert.isTrue(probeInterval.isPositive(),
                () -> "jobmesh.gateway.routing.probe-interval must be positive, was " + probeInterval);
        Assert.isTrue(preferenceFactor >= 1,
                () -> "jobmesh.gateway.routing.preference-factor must be at least 1, was " + preferenceFactor);
        Assert.isTrue(!preferenceMargin.isNegative(),
                () -> "jobmesh.gateway.routing.preference-margin must not be negative, was " + preferenceMargin);
        Assert.isTrue(probeTimeout.isPositive(),
                () -> "jobmesh.gateway.routing.probe-timeout must be positive, was " + probeTimeout);
    }
}
