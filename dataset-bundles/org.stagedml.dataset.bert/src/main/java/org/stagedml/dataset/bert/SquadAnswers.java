package org.stagedml.dataset.bert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The answer of a question from the start and end logits of its windows, as {@code
 * run_squad.write_predictions} (SQuAD 1.1): the {@code nBestSize} best starts and ends of every
 * window, kept where both are context pieces, the start has its most context in that window, end
 * &ge; start and the span is at most {@code maxAnswerLength} pieces; ranked by start + end logit
 * over all windows; each mapped back to the original text ({@link #finalText}), duplicates dropped;
 * probabilities a softmax over the n best. Thread-safe.
 */
public final class SquadAnswers {
    private final int nBestSize;
    private final int maxAnswerLength;
    private final boolean doLowerCase;

    public SquadAnswers(int nBestSize, int maxAnswerLength, boolean doLowerCase) {
        if (nBestSize < 1 || maxAnswerLength < 1) {
            throw new IllegalArgumentException("n_best_size and max_answer_length must be at least 1, got " + nBestSize + " and "
                    + maxAnswerLength);
        }
        this.nBestSize = nBestSize;
        this.maxAnswerLength = maxAnswerLength;
        this.doLowerCase = doLowerCase;
    }

    /** One candidate answer. */
    public record Candidate(String text, double probability, double startLogit, double endLogit) {
    }

    /** The logits the model gave one window, over its max_seq_length positions. */
    public record WindowLogits(SquadFeature feature, float[] startLogits, float[] endLogits) {
    }

    private record Prelim(int window, int start, int end, double startLogit, double endLogit) {
        double score() {
            return startLogit + endLogit;
        }
    }

    /** The n best answers of a question, best first; never empty ("empty" with probability 1 when nothing qualifies). */
    public List<Candidate> nBest(SquadExample example, List<WindowLogits> windows) {
        List<Prelim> prelim = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            WindowLogits r = windows.get(w);
            SquadFeature f = r.feature();
            for (int start : bestIndexes(r.startLogits(), nBestSize)) {
                for (int end : bestIndexes(r.endLogits(), nBestSize)) {
                    if (start >= f.tokens().size() || end >= f.tokens().size() || f.tokenToOrig()[start] < 0
                            || f.tokenToOrig()[end] < 0 || !f.maxContext()[start] || end < start
                            || end - start + 1 > maxAnswerLength) {
                        continue;
                    }
                    prelim.add(new Prelim(w, start, end, r.startLogits()[start], r.endLogits()[end]));
                }
            }
        }
        prelim.sort(Comparator.comparingDouble(Prelim::score).reversed()); // stable, as Python's sorted
        Set<String> seen = new HashSet<>();
        List<Prelim> kept = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Prelim p : prelim) {
            if (kept.size() >= nBestSize) {
                break;
            }
            SquadFeature f = windows.get(p.window()).feature();
            String text = "";
            if (p.start() > 0) {
                String tokText = String.join(" ", f.tokens().subList(p.start(), p.end() + 1)).replace(" ##", "").replace("##", "");
                tokText = String.join(" ", PythonText.split(PythonText.strip(tokText)));
                String origText = String.join(" ", example.docTokens().subList(f.tokenToOrig()[p.start()], f.tokenToOrig()[p.end()] + 1));
                text = finalText(tokText, origText, doLowerCase);
            }
            if (!seen.add(text)) {
                continue;
            }
            kept.add(p);
            texts.add(text);
        }
        if (kept.isEmpty()) {
            return List.of(new Candidate("empty", 1.0, 0, 0));
        }
        double[] scores = kept.stream().mapToDouble(Prelim::score).toArray();
        double[] probs = softmax(scores);
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            out.add(new Candidate(texts.get(i), probs[i], kept.get(i).startLogit(), kept.get(i).endLogit()));
        }
        return out;
    }

    /** {@code _get_best_indexes}: the indexes of the n largest logits, largest first, lower index first on ties. */
    static List<Integer> bestIndexes(float[] logits, int n) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < logits.length; i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> Float.compare(logits[b], logits[a]));
        return idx.subList(0, Math.min(n, idx.size()));
    }

    /** {@code _compute_softmax}. */
    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] e = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.exp(scores[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < e.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    /**
     * {@code get_final_text}: the predicted text (detokenized word pieces, lower-cased and without
     * accents when uncased) projected onto the original words, so the answer keeps the context's
     * case and punctuation: the original text is tokenized again with {@link BasicTokenizer}, the
     * prediction found in it and the positions mapped back through the two texts without spaces.
     * The whole original text when that fails (as the reference does).
     */
    public static String finalText(String predText, String origText, boolean doLowerCase) {
        int[] orig = origText.codePoints().toArray();
        int[] tok = String.join(" ", new BasicTokenizer(doLowerCase).tokenize(origText)).codePoints().toArray();
        int[] pred = predText.codePoints().toArray();
        int start = indexOf(tok, pred);
        if (start < 0) {
            return origText;
        }
        int end = start + pred.length - 1;
        List<Integer> origNsToS = nonSpaceMap(orig);
        List<Integer> tokNsToS = nonSpaceMap(tok);
        if (origNsToS.size() != tokNsToS.size()) {
            return origText;
        }
        int nsStart = tokNsToS.indexOf(start);
        int nsEnd = tokNsToS.indexOf(end);
        if (nsStart < 0 || nsEnd < 0) {
            return origText;
        }
        int from = origNsToS.get(nsStart);
        int to = origNsToS.get(nsEnd);
        return new String(orig, from, to - from + 1);
    }

    /** {@code _strip_spaces}: for each non-space character, its position in the text. */
    private static List<Integer> nonSpaceMap(int[] text) {
        List<Integer> map = new ArrayList<>();
        for (int i = 0; i < text.length; i++) {
            if (text[i] != ' ') {
                map.add(i);
            }
        }
        return map;
    }

    private static int indexOf(int[] text, int[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= text.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (text[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
