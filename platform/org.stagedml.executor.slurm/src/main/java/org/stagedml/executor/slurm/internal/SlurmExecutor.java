package org.stagedml.executor.slurm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
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
 * The {@code slurm} executor: writes the build's task file and job script into a folder of the
 * store's (on the shared filesystem), submits it with sbatch, and follows it ({@link SlurmJob}).
 * The job runs the distribution in-process on the node ({@code STAGEDML_NO_SERVER=1}: never through
 * a StagedML server) with the submitter's {@code STAGEDML_HOME}, so the store is the same.
 */
@Component(service = BuildExecutor.class, configurationPid = SlurmConfig.PID,
        property = BuildExecutor.NAME_PROPERTY + "=" + SlurmExecutor.NAME)
@Designate(ocd = SlurmExecutor.Settings.class)
public class SlurmExecutor implements BuildExecutor {
    static final String NAME = "slurm";
    /** Environment variables of the job that name it; recorded as notes in the realization's metadata. */
    static final Map<String, String> NOTES = Map.of("slurm.job", "SLURM_JOB_ID", "slurm.node", "SLURMD_NODENAME",
            "slurm.gpus", "CUDA_VISIBLE_DEVICES");

    @ObjectClassDefinition(name = "StagedML Slurm executor", description = "Runs each build as a Slurm job")
    public @interface Settings {
        @AttributeDefinition(description = "sbatch --partition (empty: the cluster's default)")
        String partition() default "";

        @AttributeDefinition(description = "sbatch --account (empty: the user's default)")
        String account() default "";

        @AttributeDefinition(description = "sbatch --time for each job, e.g. 04:00:00 (empty: the partition's default)")
        String time() default "";

        @AttributeDefinition(description = "more sbatch options, separated by spaces, e.g. --qos=long --constraint=a100")
        String sbatchArgs() default "";

        @AttributeDefinition(description = "the distribution's folder on the nodes (holding bin/stagedml); empty: this one's")
        String distribution() default "";

        @AttributeDefinition(description = "sbatch --mem in MB for a stage that does not say its memory")
        long memoryMb() default 2048;

        @AttributeDefinition(description = "how often (ms) a job's state and log are read")
        long pollMillis() default 1000;

        @AttributeDefinition(description = "how often a build job that nears its time limit stops, keeping its"
                + " checkpoint, and requeues itself to resume (0: never; a preempted job is requeued by Slurm anyway)")
        int maxRequeues() default SlurmConfig.DEFAULT_MAX_REQUEUES;

        @AttributeDefinition(description = "how many seconds before the time limit a job is told to stop and requeue"
                + " (sbatch --signal=B:USR1@N; Slurm may tell it up to a minute earlier)")
        int requeueSignalSeconds() default SlurmConfig.DEFAULT_REQUEUE_SIGNAL_SECONDS;
    }

    private final Store store;
    private final SlurmCommands slurm = new SlurmCommands();
    private volatile SlurmConfig config;

    @Activate
    public SlurmExecutor(@Reference Store store, Settings settings) {
        this.store = store;
        modified(settings);
    }

    @Modified
    void modified(Settings s) {
        String own = System.getProperty("stagedml.dist", "");
        config = SlurmConfig.of(s.partition(), s.account(), s.time(), s.sbatchArgs(), s.distribution(), s.memoryMb(),
                s.pollMillis(), own.isEmpty() ? null : Path.of(own), s.maxRequeues(), s.requeueSignalSeconds());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RemoteBuild submit(BuildOrder order, Resources resources, BuildMonitor monitor) {
        SlurmConfig c = config;
        requireDistribution(c);
        try {
            Path folder = Files.createDirectories(store.userFolder(NAME).resolve(
                    order.dref().toString().substring("dref:".length()) + "-" + UUID.randomUUID().toString().substring(0, 8)));
            Path task = folder.resolve("task.json");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(task.toFile(),
                    new RemoteTask(order, Math.max(1, resources.cpus()), NOTES).toJson());
            Path script = JobScript.write(folder, List.of("stage:build-derivation", task.toString()), c, true);
            String name = "sml-" + order.dref().name();
            String id = sbatch(c, resources, name, folder, script, monitor);
            return new SlurmJob(id, order.dref(), folder, slurm, store, monitor, c.pollMillis(), c.maxRequeues());
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
            Path folder = Files.createDirectories(store.userFolder(NAME).resolve("realize-"
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
