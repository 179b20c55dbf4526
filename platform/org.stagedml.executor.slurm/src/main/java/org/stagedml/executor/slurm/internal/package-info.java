/**
 * The Slurm executor: one {@code sbatch} job per derivation that needs a build, submitted when its
 * dependencies are done, running {@code stage:build-derivation} of the distribution on the node
 * against the shared store; followed with {@code scontrol}, cancelled with {@code scancel}.
 * Private to the bundle; what it offers is the {@code BuildExecutor} service named {@code slurm}.
 */
package org.stagedml.executor.slurm.internal;
