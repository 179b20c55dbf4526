package org.stagedml.executor.slurm.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.stagedml.api.Resources;
import org.stagedml.api.execute.BuildExecutor;
import org.stagedml.api.execute.BuildMonitor;
import org.stagedml.api.execute.BuildOrder;
import org.stagedml.api.execute.RemoteBuild;
import org.stagedml.api.execute.SubmitterEnvironment;
import org.stagedml.api.store.Store;

/**
 * The {@code slurm} executor: its configuration, and a {@link Submitter} per realize, which writes
 * each build's task file and job script into a folder of the store's (on the shared filesystem),
 * submits it with sbatch in the submitting person's environment, and follows it ({@link SlurmJob}).
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
    private volatile SlurmConfig config;
    private volatile Submitter own; // submits in this process's environment

    @Activate
    public SlurmExecutor(@Reference Store store, Settings settings) {
        this.store = store;
        modified(settings);
    }

    @Modified
    void modified(Settings s) {
        String dist = System.getProperty("stagedml.dist", "");
        config = SlurmConfig.of(s.partition(), s.account(), s.time(), s.sbatchArgs(), s.distribution(), s.memoryMb(),
                s.pollMillis(), dist.isEmpty() ? null : Path.of(dist), s.maxRequeues(), s.requeueSignalSeconds());
        own = new Submitter(store, config, System.getenv());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** One realize's submitter: the Slurm commands in its environment, one squeue poll per tick for its jobs. */
    @Override
    public BuildExecutor forSubmitter(Map<String, String> environment) {
        return environment == null || environment.equals(System.getenv()) ? own
                : new Submitter(store, config, environment);
    }

    @Override
    public RemoteBuild submit(BuildOrder order, Resources resources, BuildMonitor monitor) {
        return own.submit(order, resources, monitor);
    }

    @Override
    public String detach(List<String> commandLine) {
        return new Submitter(store, config, SubmitterEnvironment.current()).detach(commandLine);
    }
}
