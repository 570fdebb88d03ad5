package dev.jobmesh.gateway.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Registers the shared {@link JobmeshSystem} for a test class: {@code @RegisterExtension static UsesJobmeshSystem system}. */
public final class UsesJobmeshSystem implements BeforeAllCallback {

    private JobmeshSystem system;

    @Override
    public void beforeAll(ExtensionContext context) {
        system = JobmeshSystem.shared(context);
    }

    public JobmeshSystem get() {
        return system;
    }
}
