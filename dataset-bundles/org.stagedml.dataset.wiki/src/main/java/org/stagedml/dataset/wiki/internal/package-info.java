/**
 * The wikidump, wikitext and text-corpus stages.
 */
package org.stagedml.dataset.wiki.internal;
