package dev.jobmesh.core.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Tomcat's own errors as problem bodies on a management port of its own too: the child context that serves it
 * applies only its own customizers, not the service's.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementProblemErrors {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> managementProblemErrorReports() {
        return ProblemErrorsAutoConfiguration::reportErrorsAsProblems;
    }
}
