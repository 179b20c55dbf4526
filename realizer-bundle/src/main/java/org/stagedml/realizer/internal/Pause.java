package org.stagedml.realizer.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.realize.PausedBuild;

/**
 * A build held at a break point: the build thread waits in {@link #await} (holding the derivation's
 * lock, the job's temporary roots and its output folder) until someone resolves it; the first
 * resolution counts.
 */
final class Pause implements PausedBuild {
    enum Decision { PROCEED, SKIP, ABORT }

    private final long job;
    private final DRef dref;
    private final Point point;
    private final Path out;
    private final Derivation derivation;
    private final Map<String, List<Path>> dependencies;
    private final CompletableFuture<Decision> decision = new CompletableFuture<>();

    Pause(long job, DRef dref, Point point, Path out, Derivation derivation, Map<String, List<Path>> dependencies) {
        this.job = job;
        this.dref = dref;
        this.point = point;
        this.out = out;
        this.derivation = derivation;
        this.dependencies = Map.copyOf(dependencies);
    }

    /**
     * Waits for the decision; a cancel of the realize (seen through {@code cancelled}, or an
     * interrupt) ends the wait as an abort.
     */
    Decision await(BooleanSupplier cancelled) {
        while (true) {
            if (cancelled.getAsBoolean()) {
                decision.complete(Decision.ABORT);
            }
            try {
                return decision.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look at the cancel again
            } catch (InterruptedException e) {
                decision.complete(Decision.ABORT);
            } catch (ExecutionException e) {
                return Decision.ABORT; // never completed exceptionally
            }
        }
    }

    @Override
    public long job() {
        return job;
    }

    @Override
    public DRef dref() {
        return dref;
    }

    @Override
    public Point point() {
        return point;
    }

    @Override
    public Path out() {
        return out;
    }

    @Override
    public Derivation derivation() {
        return derivation;
    }

    @Override
    public Map<String, List<Path>> dependencies() {
        return dependencies;
    }

    @Override
    public void proceed() {
        decision.complete(Decision.PROCEED);
    }

    @Override
    public void skip() {
        decision.complete(point == Point.BEFORE_BUILD ? Decision.SKIP : Decision.PROCEED);
    }

    @Override
    public void abort() {
        decision.complete(Decision.ABORT);
    }

    @Override
    public boolean isResolved() {
        return decision.isDone();
    }

    @Override
    public String toString() {
        return "build of " + dref + " paused " + (point == Point.BEFORE_BUILD ? "before build()" : "before its commit")
                + " in " + out;
    }
}
