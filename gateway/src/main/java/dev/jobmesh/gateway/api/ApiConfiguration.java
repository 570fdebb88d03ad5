package dev.jobmesh.gateway.api;

import java.util.List;

import dev.jobmesh.core.job.IsoInstants;
import dev.jobmesh.gateway.routing.ModelsReport;
import dev.jobmesh.gateway.submit.SubmitProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;

/** The API's servlet filter and the head of its OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(SubmitProperties properties) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    ApiMetrics apiMetrics() {
        return new ApiMetrics();
    }

    /** The API's JSON writes job times as the envelopes do, without DateTimeFormatter (same text). */
    @Bean
    JacksonModule isoInstants() {
        return IsoInstants.module();
    }

    @Bean
    ApiSecurityDocument apiSecurityDocument() {
        return new ApiSecurityDocument();
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    NullableFields nullableFields() {
        return new NullableFields(List.of(JobAccepted.class, BatchAccepted.class, JobResponse.class, StatusPage.class,
                DeadLetterPage.class, ModelsReport.class));
    }

    @Bean
    OpenAPI jobmeshOpenApi() {
        return new OpenAPI().info(new Info()
                .title("jobmesh gateway API")
                .version("1")
                .description("""
                        Submit jobs to one of four concurrency models, or to `auto` for the one expected to finish \
                        them first, and follow them to their outcome.

                        Every `/api/**` request needs an API key, sent as `Authorization: Bearer <key>` or \
                        `X-Api-Key: <key>`. A `submit` key submits jobs and reads and cancels its own (another key's \
                        job is not found for it); an `admin` key may do everything, dead letters included.

                        Every rejection is an RFC 9457 `application/problem+json` body whose `errors` list names \
                        each offending field (at most 20; `errorCount` says how many there were when more). \
                        A job takes at most 32 params. Problem types:

                        | type | status | when |
                        |---|---|---|
                        | `/problems/malformed-request` | 400 | body is not JSON, a field has the wrong JSON type, a query parameter is not a number |
                        | `/problems/unauthorized` | 401 | no API key, or one the gateway does not know (with `WWW-Authenticate`) |
                        | `/problems/forbidden` | 403 | the key's role does not allow this: dead letters need an admin key |
                        | `/problems/rate-limited` | 429 | the key is over its rate of jobs (a batch counts its size; `Retry-After` says when to retry); nothing was written |
                        | `/problems/too-many-unfinished` | 429 | the key has as many jobs queued or running as it may (`Retry-After`); nothing was written |
                        | `/problems/job-not-found` | 404 | no job has that id |
                        | `/problems/job-finished` | 409 | a cancelled job had already finished |
                        | `/problems/dead-letter-not-found` | 404 | no dead letter has that id (never dead, already replayed, or expired) |
                        | `/problems/body-too-large` | 413 | body over `jobmesh.gateway.submit.max-body-size` (default 4 MB) |
                        | `/problems/unsupported-media-type` | 415 | Content-Type is not `application/json` |
                        | `/problems/invalid-request` | 422 | unknown type or model, missing or out-of-range params, URL not on the allowlist, too many jobs in a batch, negative waitMs, dead-letter limit out of range, replay of an unreadable record |
                        | `/problems/kafka-unavailable` | 503 | Kafka did not take the jobs in time; nothing was written |
                        | `/problems/no-ready-model` | 503 | a job sent to model `auto` found no model with a worker in its consumer group; nothing was written |
                        """));
    }
}
