/**
 * The {@code convnet-mnist} stage: IDX data loading, a LeNet-style TensorFlow network (on the CPU or the granted GPU), the training loop
 * with per-epoch test evaluation, and the outputs it writes (metrics, history, model zip, plots).
 * Private to the bundle; everything but the DS component runs without OSGi.
 */
package org.stagedml.model.convnet.internal;
