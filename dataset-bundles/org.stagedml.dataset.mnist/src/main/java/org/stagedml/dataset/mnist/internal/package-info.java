/**
 * The {@code mnist} stage (MNIST digits and Fashion-MNIST as IDX files) and the plain classes
 * behind it: where the files come from, IDX checking and writing, and reading numpy's .npy arrays.
 */
package org.stagedml.dataset.mnist.internal;
