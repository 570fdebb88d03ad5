package dev.jobmesh.gateway.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** References to the problem responses {@link ProblemResponses} declares once, grouped as operations share them. */
final class ProblemRefs {

    static final String PREFIX = "#/components/responses/";

    private ProblemRefs() {
    }

    /** Every operation that reads a JSON body: 400, 413, 415 and 422. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "400", ref = PREFIX + ProblemResponses.MALFORMED_REQUEST)
    @ApiResponse(responseCode = "413", ref = PREFIX + ProblemResponses.BODY_TOO_LARGE)
    @ApiResponse(responseCode = "415", ref = PREFIX + ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
    @ApiResponse(responseCode = "422", ref = PREFIX + ProblemResponses.INVALID_REQUEST)
    @interface JsonBody {
    }

    /** Every operation with number query parameters: 400 when one is not a number, 422 when out of range. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "400", ref = PREFIX + ProblemResponses.MALFORMED_REQUEST)
    @ApiResponse(responseCode = "422", ref = PREFIX + ProblemResponses.INVALID_REQUEST)
    @interface NumberParameters {
    }

    /** Every operation that writes to Kafka: 503 when Kafka does not take the write in time. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "503", ref = PREFIX + ProblemResponses.KAFKA_UNAVAILABLE)
    @interface KafkaWrite {
    }

    /** Every operation that submits jobs: 429 when the key is over its rate. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "429", ref = PREFIX + ProblemResponses.RATE_LIMITED)
    @interface Limited {
    }
}
