package dev.jobmesh.gateway.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Spring Security for {@code /api/**} only: stateless, no sessions, cookies or CSRF tokens (callers send a key with
 * every request); dead letters for admins, everything else for any known key. Refusals are thrown to the API's
 * exception handler, so they are problem bodies like every other error. Actuator, the OpenAPI document and the
 * problem pages stay outside (actuator listens on its own port).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class ApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    @Bean
    ApiKeys apiKeys(AuthProperties properties) {
        ApiKeys keys = new ApiKeys(properties.keys());
        if (!properties.enabled()) {
            log.warn("""

                    ************************************************************************************************
                    jobmesh.gateway.auth.enabled=false: API KEYS ARE NOT CHECKED. Anyone who reaches this gateway
                    may submit, read and cancel any job and replay dead letters. For local development only.
                    ************************************************************************************************""");
        } else if (keys.isEmpty()) {
            log.warn("No API keys are configured (jobmesh.gateway.auth.keys): every request to /api/** is refused "
                    + "with 401. ./jobmesh start makes a local key; see the README, \"API keys\".");
        } else {
            log.info("API keys: {} configured", keys.size());
        }
        return keys;
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthProperties properties, ApiKeys keys,
                                    @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, e) -> resolver.resolveException(request, response,
                null, e instanceof ApiKeyRejectedException rejected ? rejected
                        : new ApiKeyRejectedException("an API key is required: send Authorization: Bearer <key> "
                                + "or X-Api-Key: <key>", false));
        AccessDeniedHandler denied = (request, response, e) -> resolver.resolveException(request, response, null,
                new ApiRoleMissingException("this needs an admin key"));
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyFilter(keys, properties.enabled(), entryPoint),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/dead-letters", "/api/dead-letters/**").hasRole(ApiRole.ADMIN.name())
                        .anyRequest().hasAnyRole(ApiRole.SUBMIT.name(), ApiRole.ADMIN.name()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied));
        return http.build();
    }
}
