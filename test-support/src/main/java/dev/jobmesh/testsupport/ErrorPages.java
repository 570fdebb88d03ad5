package dev.jobmesh.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import org.assertj.core.api.SoftAssertions;

/**
 * Requests any jobmesh HTTP port must refuse, from Spring MVC (no such path, wrong method) and from Tomcat
 * before Spring sees them (an encoded '/', a 10 KB header), each answered with a problem body that names
 * nothing of the server.
 */
public final class ErrorPages {

    private ErrorPages() {
    }

    /** One refusal: what it is, the request, and the status it must get. */
    private record Refusal(String what, HttpRequest.Builder request, int status) {
    }

    /** Sends each request to {@code baseUrl} and checks every answer. */
    public static void assertEveryRefusalIsAProblem(String baseUrl) {
        ApiClient client = new ApiClient(baseUrl, null);
        List<Refusal> refusals = List.of(
                new Refusal("no such path", HttpRequest.newBuilder(URI.create(baseUrl + "/no-such-page")).GET(), 404),
                new Refusal("a method the path does not take", HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")), 405),
                new Refusal("an encoded slash", HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/a%2Fb")).GET(), 400),
                new Refusal("a 10 KB header", HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                        .header("X-Padding", "x".repeat(10_000)).GET(), 400));
        SoftAssertions softly = new SoftAssertions();
        for (Refusal refusal : refusals) {
            ApiClient.Response response = client.send(refusal.request());
            softly.assertThat(response.status()).as(refusal.what()).isEqualTo(refusal.status());
            assertIsPlainProblem(softly, refusal.what(), response);
        }
        softly.assertAll();
    }

    /** A problem body of the response's status that shows no server name, class, HTML or stack trace. */
    public static void assertIsPlainProblem(SoftAssertions softly, String what, ApiClient.Response response) {
        softly.assertThat(response.contentType()).as(what + ": content type").startsWith("application/problem+json");
        softly.assertThat(response.body()).as(what + ": body").isNotNull();
        if (response.body() != null) {
            softly.assertThat(response.body().path("status").asInt()).as(what + ": status in the body")
                    .isEqualTo(response.status());
            softly.assertThat(response.body().path("title").asString("")).as(what + ": title").isNotBlank();
        }
        softly.assertThat(response.raw().body()).as(what + ": nothing of the server")
                .doesNotContainIgnoringCase("tomcat").doesNotContain("<html").doesNotContain("Exception")
                .doesNotContain("org.").doesNotContain("java.").doesNotContain("\tat ");
    }
}
