package org.stagedml.executor.slurm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.stagedml.api.Json;
import org.stagedml.api.Resources;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.execute.BuildExecutor;
import org.stagedml.api.execute.BuildMonitor;
import org.stagedml.api.execute.BuildOrder;
import org.stagedml.api.execute.RemoteBuild;
import org.stagedml.api.execute.RemoteTask;
import org.stagedml.api.store.Store;

/**
 * The Slurm executor for one submitter (a realize, in its person's environment): writes each
 * build's task file and job script into a folder of the store's, submits it with sbatch, and
 * follows its jobs with one {@link JobPoller}.
 */
final class Submitter implements BuildExecutor {
    private final Store store;
    private final SlurmConfig config;
    private final SlurmCommands slurm;
    private final JobPoller poller;

    Submitter(Store store, SlurmConfig config, Map<String, String> environment) {
        this.store = store;
        this.config = config;
        this.slurm = new SlurmCommands(environment);
        this.poller = new JobPoller(slurm, config.pollMillis());
    }

    @Override
    public String name() {
        return SlurmExecutor.NAME;
    }

    @Override
    public RemoteBuild submit(BuildOrder order, Resources resources, BuildMonitor monitor) {
        SlurmConfig c = config;
        requireDistribution(c);
        try {
            Path folder = Files.createDirectories(store.userFolder(SlurmExecutor.NAME).resolve(
                    order.dref().toString().substring("dref:".length()) + "-" + UUID.randomUUID().toString().substring(0, 8)));
            Path task = folder.resolve("task.json");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(task.toFile(),
                    new RemoteTask(order, Math.max(1, resources.cpus()), SlurmExecutor.NOTES).toJson());
            Path script = JobScript.write(folder, List.of("stage:build-derivation", task.toString()), c, true);
            String name = "sml-" + order.dref().name();
            String id = sbatch(c, resources, name, folder, script, monitor);
            return new SlurmJob(id, order.dref(), folder, slurm, poller, store, monitor, c.maxRequeues());
        } catch (IOException e) {
            throw new StagedmlException("cannot prepare the Slurm job of " + order.dref() + ": " + e.getMessage(), e);
        }
    }

    /** Submits; a stage that only prefers GPUs is submitted again without them when no node has any. */
    private String sbatch(SlurmConfig c, Resources r, String name, Path folder, Path script, BuildMonitor monitor) {
        SlurmCommands.Result res = slurm.run(Sbatch.command(c, r, true, name, folder, script));
        if (res.exit() != 0 && r.gpus() > 0 && !r.gpusRequired() && Sbatch.refusedForGpus(res.err())) {
            monitor.state("no node offers gpu:" + r.gpus() + " (" + res.err().strip() + "); the stage only prefers"
                    + " GPUs, so it is submitted to run on CPU");
            res = slurm.run(Sbatch.command(c, r, false, name, folder, script));
        }
        if (res.exit() != 0) {
            throw new StagedmlException("sbatch refused the job " + name + ": " + res.err().strip()
                    + (r.gpusRequired() ? " (the stage requires " + r.gpuText() + ")" : "")
                    + "; see the configuration " + SlurmConfig.PID + " (partition, account, time, sbatchArgs)");
        }
        try {
            return Sbatch.jobId(res.out());
        } catch (IllegalArgumentException e) {
            throw new StagedmlException(e.getMessage());
        }
    }

    /**
     * {@code stage:realize --detach}: the realize runs as a job of its own (1 CPU), which submits
     * the builds as jobs in turn; its output is the realize's, in the folder named.
     */
    @Override
    public String detach(List<String> commandLine) {
        SlurmConfig c = config;
        requireDistribution(c);
        try {
            Path folder = Files.createDirectories(store.userFolder(SlurmExecutor.NAME).resolve("realize-"
                    + UUID.randomUUID().toString().substring(0, 8)));
            Path script = JobScript.write(folder, commandLine, c, false);
            String id = sbatch(c, Resources.DEFAULT, "sml-realize", folder, script, new BuildMonitor() {
                @Override
                public void state(String line) {
                }

                @Override
                public void log(String line) {
                }
            });
            return "slurm job " + id + " (its output: " + folder.resolve("slurm-" + id + ".out") + ")";
        } catch (IOException e) {
            throw new StagedmlException("cannot prepare the detached realize's job: " + e.getMessage(), e);
        }
    }

    private static void requireDistribution(SlurmConfig c) {
        if (c.distribution() == null) {
            throw new StagedmlException("the Slurm executor does not know where the distribution is on the nodes:"
                    + " set distribution=<folder holding bin/stagedml> in " + SlurmConfig.PID + ".cfg");
        }
    }

}
