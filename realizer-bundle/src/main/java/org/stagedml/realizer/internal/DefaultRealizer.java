package org.stagedml.realizer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeJob;
import org.stagedml.api.realize.RealizeListener;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.realize.StageSummary;
import org.stagedml.api.store.Store;

/**
 * The realizer, usable without OSGi: {@code new DefaultRealizer(store, registry, settings)}. Builds
 * run on daemon threads and share the configured CPU and GPU slots across all jobs. When a stage
 * leaves the registry, its builds in flight are cancelled.
 */
public final class DefaultRealizer implements Realizer, AutoCloseable {
    private static final java.time.Duration UNPLUG_WAIT = java.time.Duration.ofSeconds(10);
    private final Store store;
    private final StageRegistry registry;
    private final ResourceSlots slots;
    private final EventBus events = new EventBus();
    private final Navigator navigator;
    private final Instantiator instantiator;
    private final ExecutorService executor;
    private final Set<Job> jobs = ConcurrentHashMap.newKeySet();
    private final Runnable unsubscribe;
    private final int maxBuildsInFlight;
    private final RealizerLog log;
    private volatile ExecutorChoice executors = ExecutorChoice.localOnly();

    public DefaultRealizer(Store store, StageRegistry registry, RealizerSettings settings) {
        this(store, registry, settings, RealizerLog.system(DefaultRealizer.class.getName()));
    }

    /** With the engines to ask for GPUs when the settings say {@link RealizerSettings#DISCOVER}. */
    public DefaultRealizer(Store store, StageRegistry registry, RealizerSettings settings, GpuDiscovery gpus) {
        this(store, registry, settings, gpus, RealizerLog.system(DefaultRealizer.class.getName()));
    }

    DefaultRealizer(Store store, StageRegistry registry, RealizerSettings settings, RealizerLog log) {
        this(store, registry, settings, GpuDiscovery.none(), log);
    }

    DefaultRealizer(Store store, StageRegistry registry, RealizerSettings settings, GpuDiscovery gpus,
            RealizerLog log) {
        this.log = log;
        this.store = store;
        this.registry = registry;
        this.slots = new ResourceSlots(settings, gpus);
        // GPU builds hold a CPU slot too; a few more in flight than slots keeps them all busy
        this.maxBuildsInFlight = 2 * (settings.cpuWorkers() + Math.max(0, settings.gpus())) + 2;
        this.navigator = new Navigator(store);
        this.instantiator = new Instantiator(registry, store);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        this.unsubscribe = registry.onRemoval(this::stageRemoved);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "stagedml-realize-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- listeners ---------------------------------------------------------------------------

    /** Adds a listener that sees every job's events (the whiteboard RealizeListener services). */
    public void addListener(RealizeListener l) {
        events.add(l);
    }

    public void removeListener(RealizeListener l) {
        events.remove(l);
    }

    // ---- stages ------------------------------------------------------------------------------

    @Override
    public List<StageInfo> stages() {
        return registry.stages().stream().map(StageDetails::of).toList();
    }

    @Override
    public Optional<StageInfo> stage(String name) {
        return registry.find(name).map(StageDetails::of);
    }

    @Override
    public List<StageSummary> stageSummaries() {
        return registry.stages().stream().map(StageDetails::summary).toList();
    }

    @Override
    public Map<String, List<String>> clashes() {
        return registry.clashes();
    }

    // ---- instantiate and realize --------------------------------------------------------------

    @Override
    public Closure instantiate(String stage, Map<String, ?> overrides) {
        return instantiator.instantiate(stage, overrides);
    }

    @Override
    public RealizeJob submit(Closure closure, RealizeOptions options) {
        if (closure == null || closure.nodes().isEmpty()) {
            throw new StagedmlException("nothing to realize: the closure is empty");
        }
        Job job = new Job(closure, options == null ? RealizeOptions.defaults() : options, this);
        job.remote(executors.choose(job.options().executor()));
        jobs.add(job);
        job.start();
        return job;
    }

    // ---- navigation --------------------------------------------------------------------------

    @Override
    public JsonNode configValue(RRef rref, String path) {
        return navigator.configValue(rref, path);
    }

    @Override
    public RRef dependency(RRef rref, String path) {
        return navigator.dependency(rref, path);
    }

    @Override
    public Path path(RRef rref, String dependencyPath, String file) {
        return navigator.path(rref, dependencyPath, file);
    }

    @Override
    public Map<String, Double> metrics(RRef rref) {
        return navigator.metrics(rref);
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /**
     * Cancels the builds of a stage that went away and waits (a bounded time) for them to end, so
     * that when a bundle has stopped, none of its code is still building.
     */
    private void stageRemoved(RegisteredStage gone) {
        List<BuildTask> cancelled = new java.util.ArrayList<>();
        for (Job job : jobs) {
            for (BuildTask task : job.tasks()) {
                if (task.stage() == gone) {
                    task.cancel("stage '" + gone.name() + "' went away (" + gone.describeBundle() + " stopped)");
                    cancelled.add(task);
                }
            }
        }
        try {
            for (BuildTask task : cancelled) {
                if (!task.awaitFinished(UNPLUG_WAIT)) {
                    log.warn("a cancelled build of stage '" + gone.name() + "' did not stop within "
                            + UNPLUG_WAIT.toSeconds() + " s; it ignores cancellation", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Cancels every job, waits (a bounded time) until their builds have cleaned up, and stops the
     * threads; called when the component deactivates, e.g. before its store goes away.
     */
    @Override
    public void close() {
        unsubscribe.run();
        List<Job> running = List.copyOf(jobs);
        running.forEach(Job::cancel);
        long deadline = System.nanoTime() + UNPLUG_WAIT.toNanos();
        for (Job job : running) {
            if (!job.awaitEnd(deadline - System.nanoTime())) {
                log.warn("realize job " + job.id() + " did not stop within " + UNPLUG_WAIT.toSeconds()
                        + " s of being cancelled", null);
            }
        }
        executor.shutdown();
    }

    void jobDone(Job job) {
        jobs.remove(job);
    }

    /** How many build tasks one job keeps started at once (running or waiting for a slot or a lock). */
    int maxBuildsInFlight() {
        return maxBuildsInFlight;
    }

    RealizerLog log() {
        return log;
    }

    Store store() {
        return store;
    }

    StageRegistry registry() {
        return registry;
    }

    /**
     * Applies new slot settings live: running builds keep what they hold and are never cancelled;
     * builds waiting for a slot see the new totals.
     */
    public void reconfigure(RealizerSettings settings) {
        slots.resize(settings);
    }

    /** The executors realizes may name, and the one used when they name none. */
    public void executors(ExecutorChoice choice) {
        executors = choice;
    }

    ResourceSlots slots() {
        return slots;
    }

    EventBus events() {
        return events;
    }

    Navigator navigator() {
        return navigator;
    }

    ExecutorService executor() {
        return executor;
    }
}
