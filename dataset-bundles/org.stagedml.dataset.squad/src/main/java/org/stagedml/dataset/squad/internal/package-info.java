/**
 * The {@code squad} stage: SQuAD 1.1's published train and dev files (fetched by {@code fetchurl}
 * with the catalog's sha256) normalized to one JSON line per question.
 */
package org.stagedml.dataset.squad.internal;
