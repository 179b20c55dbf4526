package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.BuildFailedException;
import org.stagedml.api.RRef;
import org.stagedml.api.Resources;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.execute.BuildExecutor;
import org.stagedml.api.execute.BuildMonitor;
import org.stagedml.api.execute.BuildOrder;
import org.stagedml.api.execute.RemoteBuild;
import org.stagedml.api.execute.RemoteTask;
import org.stagedml.api.realize.RealizeOptions;

/**
 * The executor SPI with an executor of the test's own that hands each order, through its JSON
 * task form, to the remote side ({@link OneDerivation}) of a second realizer over the same store
 * folder, on a thread of its own: what a cluster executor does, without the cluster.
 */
class ExecutorTest {

    /** The "remote" side: its own store object and registry over the same folder, like a node's process. */
    private static final class ThreadExecutor implements BuildExecutor {
        final Fixture node;
        final AtomicInteger jobs = new AtomicInteger();

        ThreadExecutor(Path root) {
            node = new Fixture(root);
        }

        @Override
        public String name() {
            return "threads";
        }

        @Override
        public RemoteBuild submit(BuildOrder order, Resources resources, BuildMonitor monitor) {
            String id = Integer.toString(jobs.incrementAndGet());
            RemoteTask task = RemoteTask.fromJson(new RemoteTask(order, resources.cpus(), Map.of()).toJson());
            monitor.state("job " + id + " running");
            CompletableFuture<List<RRef>> run = CompletableFuture.supplyAsync(() -> new OneDerivation(node.store,
                    node.registry, RealizerLog.system("test")).build(task.order(), List.of("cpu"), task.cpus(),
                    Map.of("test.job", id), e -> monitor.log(e.message())));
            return new RemoteBuild() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public void await() throws InterruptedException {
                    try {
                        run.get();
                    } catch (ExecutionException e) {
                        throw (RuntimeException) e.getCause();
                    }
                }

                @Override
                public void cancel() {
                    run.cancel(true);
                }
            };
        }
    }

    @Test
    void buildsHandedToAnExecutorGiveTheSameRealizationsAsLocalBuilds(@TempDir Path local, @TempDir Path shared)
            throws Exception {
        List<RRef> here;
        try (Fixture f = new Fixture(local)) {
            here = f.realize("example-chain", Map.of("depth", 4));
        }
        ThreadExecutor threads = new ThreadExecutor(shared);
        try (Fixture f = new Fixture(shared)) {
            f.realizer.executors(new ExecutorChoice(() -> List.of(threads), "local"));
            List<RRef> there = f.realizer.realize(f.instantiate("example-chain", Map.of("depth", 4)),
                    RealizeOptions.defaults().withExecutor("threads"));
            assertEquals(here, there);
            assertEquals(5, threads.jobs.get(), "one job per derivation");
            assertEquals(threads.jobs.toString(), f.store.notes(there.get(0)).get("test.job"));
            // served from the store the second time: no job
            f.realizer.realize(f.instantiate("example-chain", Map.of("depth", 4)), RealizeOptions.defaults().withExecutor("threads"));
            assertEquals(5, threads.jobs.get());
        } finally {
            threads.node.close();
        }
    }

    @Test
    void theConfiguredExecutorIsUsedWhenARealizeNamesNone(@TempDir Path shared) throws Exception {
        ThreadExecutor threads = new ThreadExecutor(shared);
        try (Fixture f = new Fixture(shared)) {
            f.realizer.executors(new ExecutorChoice(() -> List.of(threads), "threads"));
            f.realize("example-hello", Map.of());
            assertEquals(1, threads.jobs.get());
        } finally {
            threads.node.close();
        }
    }

    @Test
    void anExecutorThatIsNotRunningIsRefusedByName(@TempDir Path root) {
        try (Fixture f = new Fixture(root)) {
            StagedmlException e = assertThrows(StagedmlException.class, () -> f.realizer.submit(
                    f.instantiate("example-hello", Map.of()), RealizeOptions.defaults().withExecutor("slurm")));
            assertTrue(e.getMessage().contains("no executor named 'slurm'") && e.getMessage().contains("[local]")
                    && e.getMessage().contains("org.stagedml.executor.slurm"), e.getMessage());
        }
    }

    @Test
    void aRemoteFailureKeepsTheLogAndLeavesNothing(@TempDir Path shared) throws Exception {
        ThreadExecutor threads = new ThreadExecutor(shared);
        try (Fixture f = new Fixture(shared)) {
            f.realizer.executors(new ExecutorChoice(() -> List.of(threads), "threads"));
            BuildFailedException e = assertThrows(BuildFailedException.class, () -> f.realize("example-fail", Map.of()));
            assertTrue(Files.readString(e.log()).contains("failed on purpose"), e.getMessage());
            assertTrue(f.tmpEntries().isEmpty());
            assertTrue(f.store.realizationsOf("example-fail").isEmpty());
        } finally {
            threads.node.close();
        }
    }
}
