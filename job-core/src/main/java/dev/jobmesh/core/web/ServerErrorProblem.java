package dev.jobmesh.core.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem body of an error no handler described: its status and reason phrase only, naming nothing of the
 * server (no class, message, version or stack trace).
 */
final class ServerErrorProblem {

    static final String MEDIA_TYPE = "application/problem+json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServerErrorProblem() {
    }

    static String json(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", status < 500
                ? "the request was refused: check the method, the path and its encoding, and the header sizes"
                : "the server failed to answer the request");
        return JSON.writeValueAsString(body);
    }
}
