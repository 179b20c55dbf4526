package org.stagedml.dataset.bert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Exact match and F1 exactly as the official SQuAD 1.1 evaluation script ({@code evaluate-v1.1.py}):
 * answers normalized (lower case, ASCII punctuation removed, the articles a/an/the removed as whole
 * words, whitespace collapsed), F1 over the bag of normalized words, each question scored against
 * its best ground truth, totals in percent over all questions (an unanswered question scores 0).
 */
public final class SquadEvaluation {
    /** Python's {@code string.punctuation}. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** Python 3's {@code \b(a|an|the)\b} on str: word boundaries by Unicode word characters. */
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);

    private SquadEvaluation() {
    }

    /** Exact match and F1 in percent. */
    public record Scores(double exactMatch, double f1, int total, int unanswered) {
        /** {@code exact_match} and {@code f1}, as the official script prints them. */
        public Map<String, Double> asMap() {
            return Map.of("exact_match", exactMatch, "f1", f1);
        }
    }

    /** {@code normalize_answer}. */
    public static String normalizeAnswer(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder noPunc = new StringBuilder(lower.length());
        lower.codePoints().filter(c -> c >= 128 || PUNCTUATION.indexOf(c) < 0).forEach(noPunc::appendCodePoint);
        String noArticles = ARTICLES.matcher(noPunc).replaceAll(" ");
        return String.join(" ", PythonText.split(noArticles));
    }

    /** {@code exact_match_score}. */
    public static boolean exactMatch(String prediction, String groundTruth) {
        return normalizeAnswer(prediction).equals(normalizeAnswer(groundTruth));
    }

    /** {@code f1_score}. */
    public static double f1(String prediction, String groundTruth) {
        List<String> p = PythonText.split(normalizeAnswer(prediction));
        List<String> g = PythonText.split(normalizeAnswer(groundTruth));
        Map<String, Integer> counts = new HashMap<>();
        g.forEach(t -> counts.merge(t, 1, Integer::sum));
        int same = 0;
        for (String t : p) {
            Integer c = counts.get(t);
            if (c != null && c > 0) {
                counts.put(t, c - 1);
                same++;
            }
        }
        if (same == 0) {
            return 0;
        }
        double precision = (double) same / p.size();
        double recall = (double) same / g.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** {@code metric_max_over_ground_truths} of exact match (1 or 0). */
    public static double maxExactMatch(String prediction, List<String> groundTruths) {
        return groundTruths.stream().anyMatch(g -> exactMatch(prediction, g)) ? 1 : 0;
    }

    /** {@code metric_max_over_ground_truths} of F1. */
    public static double maxF1(String prediction, List<String> groundTruths) {
        double best = 0;
        for (String g : groundTruths) {
            best = Math.max(best, f1(prediction, g));
        }
        return best;
    }

    /**
     * {@code evaluate}: over every question (id -> its ground truths, in order), the prediction of
     * its id (id -> text); a question without a prediction scores 0.
     */
    public static Scores evaluate(Map<String, List<String>> groundTruths, Map<String, String> predictions) {
        double em = 0;
        double f1 = 0;
        int unanswered = 0;
        for (Map.Entry<String, List<String>> q : groundTruths.entrySet()) {
            String prediction = predictions.get(q.getKey());
            if (prediction == null) {
                unanswered++;
                continue;
            }
            List<String> truths = new ArrayList<>(q.getValue());
            em += maxExactMatch(prediction, truths);
            f1 += maxF1(prediction, truths);
        }
        int total = groundTruths.size();
        return new Scores(total == 0 ? 0 : 100.0 * em / total, total == 0 ? 0 : 100.0 * f1 / total, total, unanswered);
    }
}
