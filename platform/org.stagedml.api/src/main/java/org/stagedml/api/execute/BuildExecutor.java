package org.stagedml.api.execute;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs builds somewhere else than the realizer's own threads: one {@link BuildOrder} at a time,
 * each as its own unit of work (a Slurm job, a Kubernetes pod ...). The store must be shared with
 * wherever the build runs; the remote side builds with {@link DerivationBuilder}, which takes the
 * store's derivation lock, so that two submitters of the same derivation build it once.
 */
@ConsumerType
public interface BuildExecutor {
    /** The service property naming the executor ({@code stage:realize --executor <name>}). */
    String NAME_PROPERTY = "stagedml.executor";

    /** The name the executor is chosen by; the same as its {@link #NAME_PROPERTY} property. */
    String name();

    /**
     * Submits the build and returns at once; the handle follows it.
     *
     * @param resources what the stage's build needs (CPUs, memory, GPUs preferred or required)
     * @param monitor receives the build's state changes and its log lines while it runs
     * @throws org.stagedml.api.StagedmlException when the build cannot be submitted (the message says why)
     */
    RemoteBuild submit(BuildOrder order, org.stagedml.api.Resources resources, BuildMonitor monitor);

    /**
     * This executor for one realize, whose builds it submits in the environment of the person who
     * asked for it ({@link SubmitterEnvironment}: a StagedML server's client's, not the server's).
     * The realizer calls it once per realize, on the submitting thread.
     *
     * @return an executor submitting with that environment (the default: this one, which ignores it)
     * @since 1.1
     */
    default BuildExecutor forSubmitter(java.util.Map<String, String> environment) {
        return this;
    }

    /**
     * Runs a StagedML command line ({@code bin/stagedml} and these words) as a unit of work of its
     * own on the cluster and returns at once ({@code stage:realize --detach}: the realize itself
     * then runs on the cluster and submits its builds from there), in the environment
     * {@link SubmitterEnvironment#current()} gives on the calling thread.
     *
     * @return the executor's id of that unit and where its output goes, for a person
     * @throws org.stagedml.api.StagedmlException when this executor cannot (the default)
     */
    default String detach(java.util.List<String> commandLine) {
        throw new org.stagedml.api.StagedmlException("the executor '" + name() + "' cannot run a realize detached");
    }
}
