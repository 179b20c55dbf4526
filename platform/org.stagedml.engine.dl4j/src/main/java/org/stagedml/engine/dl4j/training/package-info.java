/**
 * For model bundles that train with DL4J: {@link org.stagedml.engine.dl4j.training.TrainingMonitor},
 * what a training loop reports to, and its adapter to a stage build's
 * {@link org.stagedml.api.stage.BuildContext}; {@link org.stagedml.engine.dl4j.training.MinibatchLoop},
 * the shuffled, cancellable minibatch loop; {@link org.stagedml.engine.dl4j.training.Nd4jCompute},
 * the resources and device of an ND4J build. (Peak memory moved to the API: 1.0.0; the loop resumes from a position: 1.1.0.)
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stagedml.engine.dl4j.training;
