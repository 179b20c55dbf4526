/**
 * For model bundles that train with DL4J: {@link org.stagedml.engine.dl4j.training.Nd4jCompute},
 * the resources and device of an ND4J build. (2.0.0: TrainingMonitor and MinibatchLoop moved to
 * org.stagedml.api.train, engine-neutral, for the models of every engine; peak memory moved to the
 * API in 1.0.0.)
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.stagedml.engine.dl4j.training;
