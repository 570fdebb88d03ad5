package dev.jobmesh.system.journey;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Registers the shared {@link InProcessSystem} for a test class: {@code @RegisterExtension static UsesInProcessSystem system}. */
public final class UsesInProcessSystem implements BeforeAllCallback {

    private InProcessSystem system;

    @Override
    public void beforeAll(ExtensionContext context) {
        system = InProcessSystem.shared(context);
    }

    public InProcessSystem get() {
        return system;
    }
}
