package dev.jobmesh.gateway.routing;

/** Examples of the routing feature's answers, for the OpenAPI document. */
final class RoutingExamples {

    static final String MODELS = """
            {"windowSeconds":60,"at":"2026-12-03T12:00:00Z","models":[
              {"model":"async","ready":true,"consumers":1,"consumerLag":12,"completedPerSecond":8210.5,"types":[
                {"type":"noop","completedPerSecond":4100.2,"failureRate":0.0,"inFlight":0,
                 "queueWaitMs":{"p50":21.0,"p99":88.0},"executionMs":{"p50":0.0,"p99":0.2}},
                {"type":"sleep","completedPerSecond":4110.3,"failureRate":0.0,"inFlight":205,
                 "queueWaitMs":{"p50":9.0,"p99":41.0},"executionMs":{"p50":51.0,"p99":60.0}}]},
              {"model":"processes","ready":false,"consumers":0,"consumerLag":0,"completedPerSecond":0.0,"types":[
                {"type":"noop","completedPerSecond":0.0,"failureRate":null,"inFlight":0,
                 "queueWaitMs":{"p50":null,"p99":null},"executionMs":{"p50":null,"p99":null}}]}]}
            """;

    private RoutingExamples() {
    }
}
