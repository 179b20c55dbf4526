/**
 * For model bundles that train with TensorFlow: {@link org.stagedml.engine.tensorflow.training.CpuSessions},
 * the session options that give a build exactly the CPU threads it was granted;
 * {@link org.stagedml.engine.tensorflow.training.DeviceSessions}, the device of a build and the options
 * that pin its session there (1.1.0).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stagedml.engine.tensorflow.training;
