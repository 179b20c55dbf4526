/**
 * The executor SPI: where a build runs. The realizer keeps the coordination (the closure walk,
 * matching, selection) and hands each derivation that needs a build to a {@link BuildExecutor}
 * chosen by name (per realize, or the realizer's configuration). Local threads ({@code local}) are
 * built in; a cluster executor (Slurm, Kubernetes ...) is a bundle that registers a BuildExecutor
 * service with the property {@value BuildExecutor#NAME_PROPERTY}. Such an executor runs the
 * distribution on a node, where {@link DerivationBuilder} builds exactly the ordered derivation
 * against the shared store. {@link SubmitterEnvironment} carries the submitting person's environment
 * (PATH, the cluster's configuration) to the executor when a StagedML server runs the realize.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stagedml.api.execute;
