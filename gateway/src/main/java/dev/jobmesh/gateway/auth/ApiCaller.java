package dev.jobmesh.gateway.auth;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who made a request: the name and role of its key, or, where the gateway checks no keys, an unchecked caller with
 * admin rights whose jobs have no owner.
 */
public record ApiCaller(String name, ApiRole role, boolean checked) {

    private static final ApiCaller UNCHECKED = new ApiCaller("unchecked", ApiRole.ADMIN, false);

    /** The caller of every request when keys are not checked (jobmesh.gateway.auth.enabled=false). */
    public static ApiCaller unchecked() {
        return UNCHECKED;
    }

    /** The owner recorded on the jobs this caller submits: its key's name, or null when keys are not checked. */
    public @Nullable String owner() {
        return checked ? name : null;
    }

    /** Whether this caller may read and cancel every job, whoever owns it. */
    public boolean admin() {
        return role == ApiRole.ADMIN;
    }

    /** Whether this caller may read and cancel a job with the given owner: its own jobs, or any as admin. */
    public boolean mayAccess(@Nullable String owner) {
        return admin() || Objects.equals(owner, name);
    }
}
