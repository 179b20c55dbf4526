/**
 * Datasets from the user's own files: the {@code text-classification} stage (labelled texts in CSV,
 * TSV or JSON lines, written in GLUE's normalized layout) and the {@code image-folder} stage (class
 * subfolders of images, written as IDX files), with the readers, the seeded split and the writers
 * behind them.
 */
package org.stagedml.dataset.owndata.internal;
