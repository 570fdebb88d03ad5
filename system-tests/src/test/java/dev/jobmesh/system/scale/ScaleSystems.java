package dev.jobmesh.system.scale;

import dev.jobmesh.system.LocalSystem;

/** The system a scale suite runs: as deployed, with the test key's rate limit out of the way of its load. */
final class ScaleSystems {

    private ScaleSystems() {
    }

    /** Not started yet: a suite adds its own settings first. */
    static LocalSystem deployed(String name) throws Exception {
        return new LocalSystem(name).asDeployed()
                .with("jobmesh.gateway.limits.keys.test-admin.rate", "1000000")
                .with("jobmesh.gateway.limits.keys.test-admin.burst", "1000000");
    }
}
