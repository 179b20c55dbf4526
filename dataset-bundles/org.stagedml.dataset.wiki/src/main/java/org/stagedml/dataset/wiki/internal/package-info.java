/**
 * The wikidump, wikitext and text-corpus stages: a Wikipedia XML dump fetched with its checksum
 * ({@link org.stagedml.dataset.wiki.internal.WikiDumpStage}), its articles as plain text one sentence per
 * line ({@link org.stagedml.dataset.wiki.internal.WikiTextStage}: streamed by
 * {@link org.stagedml.dataset.wiki.internal.DumpReader}, cleaned by
 * {@link org.stagedml.dataset.wiki.internal.WikiMarkup}, split by
 * {@link org.stagedml.dataset.wiki.internal.SentenceSplitter}), and the user's own text files
 * ({@link org.stagedml.dataset.wiki.internal.TextCorpusStage}), both written by
 * {@link org.stagedml.dataset.wiki.internal.TextParts} in the text-lines layout.
 */
package org.stagedml.dataset.wiki.internal;
