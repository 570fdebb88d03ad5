package dev.jobmesh.gateway.submit;

import dev.jobmesh.core.job.Routing;

/** Chooses the model of a job submitted with model {@code auto}, from its type. */
@FunctionalInterface
public interface ModelRouter {

    Routing route(String type);
}
