package org.stagedml.model.bert.internal;

import java.util.Map;

/**
 * An independent forward pass of BERT's encoder in plain Java (double precision, loops), written
 * from Google's modeling.py, to check the TensorFlow graph against.
 */
final class ReferenceBert {
    private final BertHyper h;
    private final Map<String, float[]> w;

    ReferenceBert(BertHyper h, Map<String, float[]> weights) {
        this.h = h;
        this.w = weights;
    }

    /** Result of one example: the last layer [seq][hidden] and the pooled output [hidden]. */
    record Output(double[][] sequence, double[] pooled) {
    }

    Output forward(int[] ids, int[] mask, int[] segments) {
        int s = ids.length;
        int hid = h.hiddenSize();
        double[][] x = new double[s][hid];
        float[] word = w.get("bert/embeddings/word_embeddings");
        float[] type = w.get("bert/embeddings/token_type_embeddings");
        float[] pos = w.get("bert/embeddings/position_embeddings");
        for (int t = 0; t < s; t++) {
            for (int j = 0; j < hid; j++) {
                x[t][j] = word[ids[t] * hid + j] + type[segments[t] * hid + j] + pos[t * hid + j];
            }
        }
        x = layerNorm(x, "bert/embeddings/LayerNorm");
        for (int l = 0; l < h.numLayers(); l++) {
            String p = "bert/encoder/layer_" + l;
            double[][] q = dense(x, p + "/attention/self/query");
            double[][] k = dense(x, p + "/attention/self/key");
            double[][] v = dense(x, p + "/attention/self/value");
            int heads = h.numHeads();
            int d = h.headSize();
            double[][] ctx = new double[s][hid];
            for (int n = 0; n < heads; n++) {
                for (int i = 0; i < s; i++) {
                    double[] scores = new double[s];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < s; j++) {
                        double dot = 0;
                        for (int c = 0; c < d; c++) {
                            dot += q[i][n * d + c] * k[j][n * d + c];
                        }
                        scores[j] = dot / Math.sqrt(d) + (1 - mask[j]) * -10000.0;
                        max = Math.max(max, scores[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < s; j++) {
                        scores[j] = Math.exp(scores[j] - max);
                        sum += scores[j];
                    }
                    for (int j = 0; j < s; j++) {
                        double pr = scores[j] / sum;
                        for (int c = 0; c < d; c++) {
                            ctx[i][n * d + c] += pr * v[j][n * d + c];
                        }
                    }
                }
            }
            double[][] att = add(dense(ctx, p + "/attention/output/dense"), x);
            att = layerNorm(att, p + "/attention/output/LayerNorm");
            double[][] inter = dense(att, p + "/intermediate/dense");
            for (double[] row : inter) {
                for (int j = 0; j < row.length; j++) {
                    double u = row[j];
                    row[j] = 0.5 * u * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
                }
            }
            x = layerNorm(add(dense(inter, p + "/output/dense"), att), p + "/output/LayerNorm");
        }
        double[][] first = {x[0]};
        double[] pooled = dense(first, "bert/pooler/dense")[0];
        for (int j = 0; j < pooled.length; j++) {
            pooled[j] = Math.tanh(pooled[j]);
        }
        return new Output(x, pooled);
    }

    private double[][] dense(double[][] x, String scope) {
        float[] kernel = w.get(scope + "/kernel");
        float[] bias = w.get(scope + "/bias");
        int in = x[0].length;
        int out = bias.length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double acc = bias[o];
                for (int i = 0; i < in; i++) {
                    acc += x[t][i] * kernel[i * out + o];
                }
                y[t][o] = acc;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String scope) {
        float[] gamma = w.get(scope + "/gamma");
        float[] beta = w.get(scope + "/beta");
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            int n = x[t].length;
            double mean = 0;
            for (double v : x[t]) {
                mean += v;
            }
            mean /= n;
            double var = 0;
            for (double v : x[t]) {
                var += (v - mean) * (v - mean);
            }
            var /= n;
            y[t] = new double[n];
            for (int j = 0; j < n; j++) {
                y[t][j] = (x[t][j] - mean) / Math.sqrt(var + 1e-12) * gamma[j] + beta[j];
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                y[i][j] = a[i][j] + b[i][j];
            }
        }
        return y;
    }
}
