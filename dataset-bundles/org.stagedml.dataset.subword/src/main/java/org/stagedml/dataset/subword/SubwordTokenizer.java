package org.stagedml.dataset.subword;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.stagedml.dataset.subword.internal.SubtokenVocab;
import org.stagedml.dataset.subword.internal.SubwordsFile;
import org.stagedml.dataset.subword.internal.TokenCounts;
import org.stagedml.dataset.subword.internal.VocabBuilder;

/**
 * An invertible subword tokenizer, tensor2tensor's SubwordTextEncoder: the text is cut into runs of
 * letters and digits and runs of other characters, each run is escaped (underscores, backslashes
 * and characters outside the vocabulary's alphabet become escapes, and a {@code _} ends it) and
 * covered greedily by the longest subtokens of the vocabulary. {@code decode(encode(s)).equals(s)}
 * for every string, including characters never seen when the vocabulary was built and lone
 * surrogates. Ids 0 and 1 are {@code <pad>} and {@code <EOS>}, which {@link #encode} never yields.
 * Instances are immutable and safe to share between threads.
 */
public final class SubwordTokenizer {
    public static final int PAD_ID = 0;
    public static final int EOS_ID = 1;

    private final SubtokenVocab vocab;

    private SubwordTokenizer(SubtokenVocab vocab) {
        this.vocab = vocab;
    }

    /**
     * Reads a vocab.subwords file (one subtoken per line in single quotes, line k is id k).
     *
     * @throws IOException when the file cannot be read or is not a usable vocabulary, saying why
     */
    public static SubwordTokenizer load(Path vocabSubwordsFile) throws IOException {
        List<String> subtokens = SubwordsFile.read(vocabSubwordsFile);
        try {
            return new SubwordTokenizer(new SubtokenVocab(subtokens));
        } catch (IllegalArgumentException e) {
            throw new IOException(vocabSubwordsFile + " is not a subword vocabulary: " + e.getMessage(), e);
        }
    }

    /**
     * Builds a vocabulary of about {@code targetSize} ids (tensor2tensor's build_from_generator: a
     * binary search over min_count in [1, 1000], four iterations each; within 1% of the target when the
     * text allows) from texts.
     *
     * @param reservedTokens tokens that get ids 2, 3, ... in this order, each one id wherever the
     *        tokenizer yields it as a token; each must be one run of letters and digits or one run of
     *        other characters
     * @throws IllegalArgumentException for a target below 1 or a bad reserved token, naming it
     */
    public static SubwordTokenizer build(Iterable<String> texts, int targetSize, List<String> reservedTokens) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(reservedTokens, "reservedTokens");
        TokenCounts counts = new TokenCounts().addAll(texts);
        VocabBuilder builder = new VocabBuilder(counts.asMap(), reservedTokens, VocabBuilder.ITERATIONS, 0);
        return new SubwordTokenizer(builder.buildToTargetSize(targetSize, VocabBuilder.MIN_COUNT_LOW,
                VocabBuilder.MIN_COUNT_HIGH).vocab());
    }

    /** Writes vocab.subwords, which {@link #load} reads back to the same tokenizer. */
    public void save(Path vocabSubwordsFile) throws IOException {
        SubwordsFile.write(vocabSubwordsFile, vocab.subtokens());
    }

    /** The subtoken ids of a text: never {@link #PAD_ID} or {@link #EOS_ID}, no EOS appended. */
    public int[] encode(String text) {
        return vocab.encode(Objects.requireNonNull(text, "text"));
    }

    /**
     * The text of subtoken ids; {@link #PAD_ID} and {@link #EOS_ID} are skipped.
     *
     * @throws IllegalArgumentException for an id outside 0..size()-1
     */
    public String decode(int[] ids) {
        return vocab.decode(ids);
    }

    /** The number of ids: they are 0..size()-1. */
    public int size() {
        return vocab.size();
    }

    /** The subtoken string of an id, as vocab.subwords holds it (escaped, a token's last ends in {@code _}). */
    public String subtoken(int id) {
        return vocab.subtokens().get(id);
    }

    @Override
    public String toString() {
        return "SubwordTokenizer(" + size() + " subtokens)";
    }
}
