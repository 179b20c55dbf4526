package org.stagedml.dataset.bert.internal;

import java.util.Map;
import java.util.TreeMap;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.Vocabulary;

/**
 * What masking needs of a vocabulary, as ids: [CLS], [SEP], [MASK], the words a random replacement is
 * drawn from (every distinct token, in vocab.txt order, as the reference's
 * {@code list(tokenizer.vocab.keys())}) and which ids are {@code ##} continuation pieces.
 */
record PretrainVocab(int cls, int sep, int mask, int[] words, boolean[] continuation) {
    static PretrainVocab of(Vocabulary v) {
        for (String t : new String[] {"[CLS]", "[SEP]", "[MASK]"}) {
            if (!v.contains(t)) {
                throw new StagedmlException("the vocabulary has no " + t + ": pre-training data needs [CLS], [SEP] and [MASK];"
                        + " choose a BERT vocabulary that has them");
            }
        }
        Map<Integer, String> byId = new TreeMap<>();
        v.asMap().forEach((token, id) -> byId.put(id, token));
        int[] words = new int[byId.size()];
        boolean[] continuation = new boolean[v.size()];
        int k = 0;
        for (Map.Entry<Integer, String> e : byId.entrySet()) {
            words[k++] = e.getKey();
            continuation[e.getKey()] = e.getValue().startsWith("##");
        }
        return new PretrainVocab(v.id("[CLS]"), v.id("[SEP]"), v.id("[MASK]"), words, continuation);
    }
}
