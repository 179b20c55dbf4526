package org.stagedml.model.bert.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The GLUE dev metrics: accuracy for classification, F1 of class 1 for MRPC and QQP, Matthews
 * correlation for CoLA, Pearson and Spearman correlation for STS-B (regression).
 */
final class GlueMetrics {
    private GlueMetrics() {
    }

    static Map<String, Double> classification(String task, int[] predicted, int[] gold) {
        Map<String, Double> m = new LinkedHashMap<>();
        int correct = 0;
        long tp = 0, tn = 0, fp = 0, fn = 0;
        for (int i = 0; i < gold.length; i++) {
            if (predicted[i] == gold[i]) {
                correct++;
            }
            boolean p = predicted[i] == 1;
            boolean g = gold[i] == 1;
            if (p && g) {
                tp++;
            } else if (p) {
                fp++;
            } else if (g) {
                fn++;
            } else {
                tn++;
            }
        }
        m.put("accuracy", gold.length == 0 ? 0 : (double) correct / gold.length);
        String t = task.toUpperCase(Locale.ROOT);
        if (t.equals("MRPC") || t.equals("QQP")) {
            m.put("f1", f1(tp, fp, fn));
        }
        if (t.equals("COLA")) {
            m.put("mcc", mcc(tp, tn, fp, fn));
        }
        return m;
    }

    static Map<String, Double> regression(float[] predicted, float[] gold) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("pearson", pearson(toDouble(predicted), toDouble(gold)));
        m.put("spearman", pearson(ranks(predicted), ranks(gold)));
        return m;
    }

    static double f1(long tp, long fp, long fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    static double mcc(long tp, long tn, long fp, long fn) {
        double d = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        return d == 0 ? 0 : ((double) tp * tn - (double) fp * fn) / d;
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n == 0) {
            return 0;
        }
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks from 1, ties sharing their average rank (as scipy's spearmanr). */
    static double[] ranks(float[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
