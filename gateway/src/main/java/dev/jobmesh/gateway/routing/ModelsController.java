package dev.jobmesh.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import dev.jobmesh.core.job.Model;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The figures model {@code auto} decides on, for everyone to see. */
@RestController
@Tag(name = "models", description = "The concurrency models as model auto sees them")
class ModelsController {

    private final ModelStatistics statistics;
    private final ConsumerGroupProbe probe;

    ModelsController(ModelStatistics statistics, ConsumerGroupProbe probe) {
        this.statistics = statistics;
        this.probe = probe;
    }

    @Operation(summary = "Each model's figures over the last window",
            description = "Per model and workload type, over a sliding window (jobmesh.gateway.routing.window, default "
                    + "60 s): jobs finished per second, failure rate, median and p99 queue wait and execution time, "
                    + "jobs running; per model, its consumer group's members and lag. Computed from the job status "
                    + "events every gateway reads and from Kafka's consumer groups - no worker is asked.")
    @ApiResponse(responseCode = "200", description = "The figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ModelsReport.class),
                    examples = @ExampleObject(value = RoutingExamples.MODELS)))
    @GetMapping(path = "/api/models", produces = MediaType.APPLICATION_JSON_VALUE)
    ModelsReport models() {
        ModelStatistics.Figures figures = statistics.figures();
        ConsumerGroupProbe.Groups groups = probe.latest();
        List<ModelsReport.ModelFigures> models = new ArrayList<>();
        for (Model model : Model.values()) {
            List<ModelsReport.TypeFigures> types = new ArrayList<>();
            for (String type : statistics.types()) {
                ModelStatistics.TypeFigures of = figures.of(model, type);
                CompletionWindow.Summary finished = of.finished();
                types.add(new ModelsReport.TypeFigures(type, round(figures.completedPerSecond(model, type)),
                        finished.completed() == 0 ? null : round((double) finished.failed() / finished.completed()),
                        of.running(), times(finished.queueWait()), times(finished.execution())));
            }
            ConsumerGroupProbe.Group group = groups == null ? null : groups.of(model);
            models.add(new ModelsReport.ModelFigures(model.id(), group != null && group.ready(),
                    group == null ? null : group.members(), group == null ? null : group.lag(),
                    round(figures.completedPerSecond(model)), types));
        }
        return new ModelsReport(figures.window().toSeconds(), figures.at(), models);
    }

    private static ModelsReport.Times times(CompletionWindow.Percentiles percentiles) {
        return new ModelsReport.Times(percentiles.p50(), percentiles.p99());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
