package dev.jobmesh.worker.async;

/** Where {@code cpu} jobs run. */
public enum CpuPlacement {
    /** On the bounded CPU pool, off the loops (asyncio's {@code run_in_executor}). */
    POOL,
    /** On the event loop itself, blocking it: to see what that costs in loop lag. */
    LOOP
}
