package dev.jobmesh.gateway.submit;

import org.springframework.context.SmartLifecycle;

/**
 * Closes job intake first when the gateway shuts down: new submissions get 503 while the web server still
 * finishes the requests it has, and the submitter still writes what they queued.
 */
public final class AcceptanceGate implements SmartLifecycle {

    private final JobSubmitter submitter;
    private volatile boolean running;

    public AcceptanceGate(JobSubmitter submitter) {
        this.submitter = submitter;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        submitter.stopAccepting();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE; // the highest: stopped before the web server's graceful shutdown begins
    }
}
