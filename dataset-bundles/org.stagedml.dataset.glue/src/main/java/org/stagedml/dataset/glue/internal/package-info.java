/**
 * The {@code glue} stage and the plain classes behind it: the nine tasks' and SNLI's file layouts,
 * reading GLUE's TSV files and SNLI's JSON lines, assembling MRPC, and writing the normalized JSON
 * lines; and the {@code rusentiment} stage (RuSentiment's CSVs into the same layout).
 */
package org.stagedml.dataset.glue.internal;
