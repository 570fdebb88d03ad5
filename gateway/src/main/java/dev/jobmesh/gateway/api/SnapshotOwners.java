package dev.jobmesh.gateway.api;

import dev.jobmesh.gateway.auth.ApiCaller;
import dev.jobmesh.gateway.status.StatusJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Whether a caller may see a stored snapshot: an admin any, a submit key only its own. The owner is read from the
 * snapshot's JSON with a streaming parser that stops at it (the envelopes write it third), so pages stay copies.
 */
final class SnapshotOwners {

    private final JsonFactory json = JsonFactory.builder().build();

    boolean visible(ApiCaller caller, StatusJson snapshot) {
        // an admin's answer needs no parse
        return caller.admin() || caller.mayAccess(owner(snapshot));
    }

    @Nullable String owner(StatusJson snapshot) {
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), snapshot.bytes(), snapshot.offset(),
                snapshot.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("owner".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            return null;
        }
    }
}
