/**
 * For model bundles of any engine: {@link org.stagedml.api.train.TrainingMonitor}, what a training
 * loop reports to (progress, history.jsonl, log, cancellation) and its adapter to a stage build's
 * {@link org.stagedml.api.stage.BuildContext}; {@link org.stagedml.api.train.MinibatchLoop}, the
 * seeded, shuffled, cancellable minibatch loop that runs a model's own training step, with the
 * positions a resumed training goes on from; {@link org.stagedml.api.train.EpochCheckpoint}, the loop's
 * side of a checkpoint written after an epoch or inside one; {@link org.stagedml.api.train.CheckpointSteps},
 * the component property that sets a model's checkpoint interval (1.1.0);
 * {@link org.stagedml.api.train.TrainingCheckpoints}, a trainer's saving and resuming of those checkpoints (1.2.0). (Moved here
 * from org.stagedml.engine.dl4j.training, where only DL4J's network could be passed.)
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.stagedml.api.train;
