package org.stagedml.model.transformer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stagedml.dataset.subword.SubwordTokenizer;

/** Texts to the model's ids and back through a subword vocabulary: every sentence ends with EOS. */
final class SubwordCodec {
    static final String VOCAB_FILE = "vocab.subwords";

    final SubwordTokenizer tokenizer;

    SubwordCodec(SubwordTokenizer tokenizer) {
        if (SubwordTokenizer.PAD_ID != TransformerVocab.PAD_ID || SubwordTokenizer.EOS_ID != TransformerVocab.EOS_ID) {
            throw new IllegalStateException("the subword vocabulary's pad/EOS ids differ from the model's");
        }
        this.tokenizer = tokenizer;
    }

    /** The vocab.subwords of a subword-vocab realization (or of a transformer's, which copies it). */
    static SubwordCodec load(Path folder) throws IOException {
        return new SubwordCodec(SubwordTokenizer.load(folder.resolve(VOCAB_FILE)));
    }

    int[] encode(String text) {
        int[] ids = tokenizer.encode(text);
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = TransformerVocab.EOS_ID;
        return out;
    }

    /** Ids without EOS to text. */
    String decode(int[] ids) {
        return tokenizer.decode(ids);
    }

    /** Pairs {source ids + EOS, target ids + EOS}. */
    List<int[][]> pairs(ParallelCorpus c) {
        List<int[][]> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.add(new int[][] {encode(c.sources().get(i)), encode(c.targets().get(i))});
        }
        return out;
    }

    int size() {
        return tokenizer.size();
    }
}
