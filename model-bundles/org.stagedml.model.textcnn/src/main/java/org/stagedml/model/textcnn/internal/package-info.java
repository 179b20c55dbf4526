/**
 * The {@code textcnn-glue} stage: reads a GLUE task in the normalized layout ({@code GlueTask}),
 * tokenizes it with a vocabulary built from its training split, and trains a TensorFlow embeddings +
 * 1-D CNN classifier on the CPU or the granted GPU, evaluating on the dev split after each epoch.
 * Private to the bundle; runs without OSGi except for the DS component.
 */
package org.stagedml.model.textcnn.internal;
