package org.stagedml.realizer.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.Matchers;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.execute.BuildOrder;
import org.stagedml.api.execute.DerivationBuilder;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeListener;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.store.Store;

/**
 * The remote side of an executor: builds one ordered derivation in this process with a
 * {@link NodeBuild} (the derivation's lock, the re-check, the commit, a failed build's log kept),
 * in a job whose dependencies are pinned to the ordered realizations and a realizer of its own whose
 * slots are the CPUs and GPUs the cluster granted. Interrupting the caller cancels the build and
 * waits until it has cleaned up.
 */
final class OneDerivation implements DerivationBuilder {
    private final Store store;
    private final StageRegistry registry;
    private final RealizerLog log;

    OneDerivation(Store store, StageRegistry registry, RealizerLog log) {
        this.store = store;
        this.registry = registry;
        this.log = log;
    }

    @Override
    public List<RRef> build(BuildOrder order, List<String> devices, int cpus, Map<String, String> notes,
            RealizeListener listener) {
        DRef dref = order.dref();
        Derivation derivation = store.derivation(dref).orElseThrow(() -> new StagedmlException("cannot build " + dref
                + ": its derivation is not in the store at " + store.root() + "; is the store on a filesystem"
                + " this node shares with the submitter?"));
        for (Map.Entry<DRef, List<RRef>> dep : order.dependencies().entrySet()) {
            for (RRef r : dep.getValue()) {
                if (store.realization(r).isEmpty()) {
                    throw new StagedmlException("cannot build " + dref + ": its dependency " + r
                            + " is not in the store at " + store.root());
                }
            }
        }
        Closure.Node node = new Closure.Node(dref, derivation, derivation.config().dependencies(), 0);
        int gpus = (int) devices.stream().filter(d -> d.startsWith("gpu:")).count();
        DefaultRealizer own = new DefaultRealizer(store, registry, new RealizerSettings(Math.max(1, cpus), gpus),
                GpuDiscovery.none(), log);
        try {
            RealizeOptions options = RealizeOptions.defaults().withInstances(order.instances()).withListener(listener);
            if (order.matcher() != null) {
                options = options.withMatcher(Matchers.parse(order.matcher()));
            }
            if (order.force()) {
                options = options.withForce(dref.toString());
            }
            Job job = new Job(new Closure(dref, List.of(node)), options, own);
            job.notes(notes);
            order.dependencies().forEach(job::selected);
            NodeBuild build = new NodeBuild(job, own, node, job.newTask(registry.get(dref.name())));
            CompletableFuture<ClosureWalk.Outcome> end = CompletableFuture.supplyAsync(build::run, own.executor());
            ClosureWalk.Outcome o = awaitOrCancel(job, end);
            if (o.error() != null) {
                throw o.error();
            }
            return o.selection();
        } finally {
            own.close();
        }
    }

    private static ClosureWalk.Outcome awaitOrCancel(Job job, CompletableFuture<ClosureWalk.Outcome> end) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return end.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    job.cancel(); // the build stops and cleans up; wait for that
                } catch (ExecutionException e) {
                    throw new StagedmlException("build failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
