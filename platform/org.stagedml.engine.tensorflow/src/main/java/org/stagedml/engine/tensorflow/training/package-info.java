/**
 * For model bundles that train with TensorFlow: {@link org.stagedml.engine.tensorflow.training.CpuSessions},
 * the session options that give a build exactly the CPU threads it was granted.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stagedml.engine.tensorflow.training;
