/**
 * The Slurm executor's tests: a real one-node Slurm cluster (slurmctld + slurmd from Debian's
 * slurm-wlm, started by scripts/slurm-cluster.sh, with two emulated GPUs) and the assembled
 * distribution's bin/stagedml, submitting and building in separate processes.
 */
package org.stagedml.executor.slurm.itest;
