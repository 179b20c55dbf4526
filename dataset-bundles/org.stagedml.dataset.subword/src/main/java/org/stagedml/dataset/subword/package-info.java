/**
 * The subword tokenizer of the translation models: {@link org.stagedml.dataset.subword.SubwordTokenizer},
 * tensor2tensor's invertible SubwordTextEncoder for Java (built from text to a target vocabulary size,
 * saved and loaded as vocab.subwords), which the {@code subword-vocab} stage builds and the
 * {@code transformer} stage reads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stagedml.dataset.subword;
