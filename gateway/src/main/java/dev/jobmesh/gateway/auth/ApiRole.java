package dev.jobmesh.gateway.auth;

import java.util.Locale;

/** What a key may do: {@code submit} its own jobs (submit, read, cancel), or everything as {@code admin}. */
public enum ApiRole {
    SUBMIT,
    ADMIN;

    /** The Spring Security authority of the role. */
    String authority() {
        return "ROLE_" + name();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
