/**
 * For model bundles that train with TensorFlow: {@link org.stagedml.engine.tensorflow.training.CpuSessions},
 * the session options that give a build exactly the CPU threads it was granted, and
 * {@link org.stagedml.engine.tensorflow.training.VariableCheckpoint}, the save and restore of a graph's
 * variables that resumable training writes into its checkpoint area.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stagedml.engine.tensorflow.training;
