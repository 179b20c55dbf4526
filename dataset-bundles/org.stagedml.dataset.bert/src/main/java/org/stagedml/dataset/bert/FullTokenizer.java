package org.stagedml.dataset.bert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT's end-to-end tokenizer ({@code tokenization.FullTokenizer} of google-research/bert):
 * {@link BasicTokenizer} then {@link WordpieceTokenizer}, with {@code [UNK]} and at most 200
 * characters per word. Use {@code doLowerCase=true} with uncased models, false with cased ones.
 * Thread-safe.
 *
 * <pre>{@code
 * FullTokenizer t = new FullTokenizer(Path.of("vocab.txt"), true);
 * List<String> pieces = t.tokenize("UNwant\u00E9d,running"); // [un, ##want, ##ed, ",", runn, ##ing]
 * int[] ids = t.convertTokensToIds(pieces);
 * }</pre>
 */
public final class FullTokenizer {
    private final Vocabulary vocab;
    private final BasicTokenizer basic;
    private final WordpieceTokenizer wordpiece;

    public FullTokenizer(Path vocabFile, boolean doLowerCase) throws IOException {
        this(Vocabulary.load(vocabFile), doLowerCase);
    }

    public FullTokenizer(Vocabulary vocab, boolean doLowerCase) {
        this.vocab = vocab;
        this.basic = new BasicTokenizer(doLowerCase);
        this.wordpiece = new WordpieceTokenizer(vocab);
    }

    public Vocabulary vocabulary() {
        return vocab;
    }

    public boolean doLowerCase() {
        return basic.doLowerCase();
    }

    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String token : basic.tokenize(text)) {
            out.addAll(wordpiece.tokenize(token));
        }
        return out;
    }

    /** The ids of tokens; IllegalArgumentException naming the first token not in the vocabulary. */
    public int[] convertTokensToIds(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocab.id(tokens.get(i));
        }
        return ids;
    }

    public List<String> convertIdsToTokens(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(vocab.token(id));
        }
        return out;
    }
}
