/**
 * The subword-vocab stage: building a subword vocabulary from a parallel corpus.
 */
package org.stagedml.dataset.subword.internal;
