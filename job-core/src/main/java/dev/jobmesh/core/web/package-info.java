/**
 * Every error a service's HTTP ports give as an RFC 9457 problem body, whoever raises it: Tomcat before Spring
 * sees the request, Spring MVC, or an exception no handler took.
 */
@NullMarked
package dev.jobmesh.core.web;

import org.jspecify.annotations.NullMarked;
