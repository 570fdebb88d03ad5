package dev.jobmesh.worker.processes.internal.launch;

/**
 * What makes children start faster than a cold JVM: a strategy, because which archive a JDK supports (or
 * none) varies, while the pool only needs the command to run.
 */
public interface StartupArchive {

    /**
     * The command children start with: the base command with whatever this archive needs, the archive built
     * first if it does not exist. Never fails: without an archive, children start without one.
     */
    ChildCommand prepare(ChildCommand base);

    /** Children start cold. */
    StartupArchive NONE = base -> base;
}
