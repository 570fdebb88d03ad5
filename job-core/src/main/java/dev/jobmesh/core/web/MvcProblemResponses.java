package dev.jobmesh.core.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Spring MVC's own refusals (no such path, method not allowed, ...) as problem bodies, for a service with no API. */
@ControllerAdvice
final class MvcProblemResponses extends ResponseEntityExceptionHandler {
}
