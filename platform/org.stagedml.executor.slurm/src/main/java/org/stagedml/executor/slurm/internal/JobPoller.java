package org.stagedml.executor.slurm.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stagedml.api.StagedmlException;

/**
 * The states of every job one submitter follows, with one {@code squeue} call per tick for all of
 * them (not one per job: a realize of a wide DAG follows dozens, and slurmctld serves the whole
 * cluster). No thread of its own: the first follower that finds the last answer older than a tick
 * asks squeue, the others wait for its answer.
 */
final class JobPoller {
    private final SlurmCommands slurm;
    private final long pollMillis;
    private final Set<String> watched = new LinkedHashSet<>();
    private Map<String, JobInfo> last = Map.of();
    private Set<String> lastAsked = Set.of(); // a job watched after the last call began is not in its answer
    private StagedmlException lastError;
    private long tick;
    private long askedAt;
    private boolean asking;
    private int calls;

    JobPoller(SlurmCommands slurm, long pollMillis) {
        this.slurm = slurm;
        this.pollMillis = Math.max(50, pollMillis);
    }

    synchronized void watch(String id) {
        watched.add(id);
    }

    synchronized void unwatch(String id) {
        watched.remove(id);
    }

    /** How many squeue calls were made (for tests). */
    synchronized int calls() {
        return calls;
    }

    /** One answer of squeue: its tick, the job's state (empty: unknown to Slurm), or the error it gave. */
    record Answer(long tick, Optional<JobInfo> job, StagedmlException error) {
    }

    /**
     * The job's state from an answer newer than {@code afterTick}: waits for the next tick, and asks
     * squeue (for all watched jobs) when no other follower is asking.
     */
    Answer next(String id, long afterTick) throws InterruptedException {
        List<String> ids;
        synchronized (this) {
            while (true) {
                if (tick > afterTick && lastAsked.contains(id)) {
                    return answer(id);
                }
                long wait = askedAt + pollMillis - System.currentTimeMillis();
                if (!asking && (wait <= 0 || tick == 0)) {
                    asking = true;
                    ids = List.copyOf(watched);
                    break;
                }
                wait(asking ? pollMillis : Math.max(1, wait));
            }
        }
        Map<String, JobInfo> states = null;
        StagedmlException error = null;
        try {
            states = slurm.states(ids);
        } catch (StagedmlException e) {
            error = e;
        } finally {
            synchronized (this) {
                calls++;
                if (states != null) {
                    last = states;
                }
                lastAsked = Set.copyOf(ids);
                lastError = error;
                askedAt = System.currentTimeMillis();
                tick++;
                asking = false;
                notifyAll();
            }
        }
        long now;
        synchronized (this) {
            if (lastAsked.contains(id)) {
                return answer(id);
            }
            now = tick;
        }
        return next(id, now);
    }

    private Answer answer(String id) {
        return new Answer(tick, lastError != null ? Optional.empty() : Optional.ofNullable(last.get(id)), lastError);
    }
}
