/**
 * For model bundles that train with TensorFlow: {@link org.stagedml.engine.tensorflow.training.CpuSessions},
 * the session options that give a build exactly the CPU threads it was granted;
 * {@link org.stagedml.engine.tensorflow.training.DeviceSessions}, the device of a build and its session
 * options; {@link org.stagedml.engine.tensorflow.training.GraphDevices}, which pins a build's whole graph
 * to its GPU (1.2.0); {@link org.stagedml.engine.tensorflow.training.GraphParameters}, a
 * graph's trainable variables with their seeded initialisation, Adam step and checkpoint ops, and
 * {@link org.stagedml.engine.tensorflow.training.AdamSteps}, which runs those steps;
 * {@link org.stagedml.engine.tensorflow.training.ModelZip}, a trained model as model.json plus a
 * checkpoint in one zip; {@link org.stagedml.engine.tensorflow.training.VariableCheckpoint}, the save
 * and restore of a graph's variables that resumable training writes into its checkpoint area, and
 * {@link org.stagedml.engine.tensorflow.training.AdamCheckpoint}, those of an Adam-trained model with its
 * step; {@link org.stagedml.engine.tensorflow.training.SoftmaxClassifier}, the labels, dropout, softmax
 * loss and training ops a classifier's graph shares, and
 * {@link org.stagedml.engine.tensorflow.training.ClassifierSession}, which initialises, trains, saves
 * and loads such a graph in a session (all but CpuSessions: 1.1.0);
 * {@link org.stagedml.engine.tensorflow.training.MaxPooling}, max pooling that runs on oneDNN (1.2.0);
 * GraphParameters.adam with a learning-rate operand and Adam's own betas and epsilon (1.3.0).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.stagedml.engine.tensorflow.training;
