/**
 * The {@code glue} stage and the plain classes behind it: the nine tasks' file layouts, reading
 * GLUE's TSV files, assembling MRPC, and writing the normalized JSON lines.
 */
package org.stagedml.dataset.glue.internal;
