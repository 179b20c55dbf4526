/**
 * The nl2bash and wmt stages: fetching the published parallel corpora and normalizing them to the parallel-jsonl layout.
 */
package org.stagedml.dataset.translation.internal;
