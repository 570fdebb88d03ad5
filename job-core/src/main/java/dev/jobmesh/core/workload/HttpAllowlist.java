package dev.jobmesh.core.workload;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts the {@code http} workload may fetch, as {@code host:port} or bare {@code host} (any port),
 * so a submitted job cannot make workers call arbitrary addresses.
 */
public final class HttpAllowlist {

    private final List<String> entries;

    public HttpAllowlist(List<String> entries) {
        this.entries = entries.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public boolean allows(URI uri) {
        if (uri.getHost() == null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return entries.contains(host) || entries.contains(host + ":" + port);
    }

    public List<String> entries() {
        return entries;
    }
}
