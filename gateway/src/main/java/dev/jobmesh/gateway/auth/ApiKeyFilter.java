package dev.jobmesh.gateway.auth;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its key ({@code Authorization: Bearer <key>}, or {@code X-Api-Key: <key>}). A request
 * without one goes on unauthenticated and is refused by the authorization rules; a wrong key is refused here. The
 * key's name, never the key, is put in the log context ({@code apiKey}) for the request's log lines.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";
    private static final String LOG_KEY = "apiKey";
    /** The request attribute with the key's name, for the access log's %{jobmesh.apiKey}r. */
    static final String REQUEST_ATTRIBUTE = "jobmesh.apiKey";

    private final ApiKeys keys;
    private final boolean enabled;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyFilter(ApiKeys keys, boolean enabled, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.enabled = enabled;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiCaller> caller;
        if (!enabled) {
            caller = Optional.of(ApiCaller.unchecked());
        } else {
            String presented = presentedKey(request);
            if (presented == null) {
                chain.doFilter(request, response);
                return;
            }
            caller = keys.find(presented);
            if (caller.isEmpty()) {
                entryPoint.commence(request, response,
                        new ApiKeyRejectedException("the API key is not one this gateway knows", true));
                return;
            }
        }
        SecurityContextHolder.setContext(new SecurityContextImpl(new ApiKeyAuthentication(caller.get())));
        MDC.put(LOG_KEY, caller.get().name());
        request.setAttribute(REQUEST_ATTRIBUTE, caller.get().name());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(LOG_KEY);
            SecurityContextHolder.clearContext();
        }
    }

    /** The key the request carries; an Authorization header of another scheme counts as a wrong key. */
    private static @Nullable String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? authorization.substring(BEARER.length()).strip()
                    : authorization;
        }
        return request.getHeader(API_KEY_HEADER);
    }
}
