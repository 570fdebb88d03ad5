package dev.jobmesh.core.outcome;

/**
 * Decides what follows a run - done, another run, or a dead letter - for every concurrency model alike. The
 * dispatch loop asks it once per run and writes what it decides; no model decides for itself.
 */
public interface OutcomePolicy {

    OutcomeDecision decide(FinishedRun run);
}
