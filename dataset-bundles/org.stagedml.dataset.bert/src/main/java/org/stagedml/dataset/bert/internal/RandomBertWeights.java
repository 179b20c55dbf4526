package org.stagedml.dataset.bert.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The variables of a BERT encoder under Google's names and shapes, with BERT's initial values:
 * embeddings and dense kernels from a normal distribution with stddev 0.02 truncated at two
 * standard deviations, biases and LayerNorm betas zero, LayerNorm gammas one. Each variable draws
 * from its own generator seeded by (seed, name), so values do not depend on the order of writing.
 */
final class RandomBertWeights implements CheckpointWriter.Source {
    static final double INITIALIZER_RANGE = 0.02;

    private enum Init { TRUNCATED_NORMAL, ZEROS, ONES }

    private record Spec(long[] shape, Init init) {
    }

    private final long seed;
    private final Map<String, Spec> specs = new LinkedHashMap<>();

    RandomBertWeights(BertConfig c, long seed) {
        this.seed = seed;
        int h = c.hiddenSize();
        put("bert/embeddings/word_embeddings", Init.TRUNCATED_NORMAL, c.vocabSize(), h);
        put("bert/embeddings/token_type_embeddings", Init.TRUNCATED_NORMAL, c.typeVocabSize(), h);
        put("bert/embeddings/position_embeddings", Init.TRUNCATED_NORMAL, c.maxPositionEmbeddings(), h);
        layerNorm("bert/embeddings/LayerNorm", h);
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String layer = "bert/encoder/layer_" + l;
            dense(layer + "/attention/self/query", h, h);
            dense(layer + "/attention/self/key", h, h);
            dense(layer + "/attention/self/value", h, h);
            dense(layer + "/attention/output/dense", h, h);
            layerNorm(layer + "/attention/output/LayerNorm", h);
            dense(layer + "/intermediate/dense", h, c.intermediateSize());
            dense(layer + "/output/dense", c.intermediateSize(), h);
            layerNorm(layer + "/output/LayerNorm", h);
        }
        dense("bert/pooler/dense", h, h);
    }

    private void put(String name, Init init, long... shape) {
        specs.put(name, new Spec(shape, init));
    }

    private void dense(String scope, int in, int out) {
        put(scope + "/kernel", Init.TRUNCATED_NORMAL, in, out);
        put(scope + "/bias", Init.ZEROS, out);
    }

    private void layerNorm(String scope, int h) {
        put(scope + "/beta", Init.ZEROS, h);
        put(scope + "/gamma", Init.ONES, h);
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(specs.keySet());
    }

    long[] shape(String name) {
        return specs.get(name).shape().clone();
    }

    /** The number of parameters. */
    long parameters() {
        return specs.values().stream().mapToLong(s -> Arrays.stream(s.shape()).reduce(1, (a, b) -> a * b)).sum();
    }

    @Override
    public CheckpointWriter.Entry entry(String name) {
        Spec s = specs.get(name);
        long n = Arrays.stream(s.shape()).reduce(1, (a, b) -> a * b);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("variable " + name + " has " + n + " values, more than one array holds");
        }
        float[] v = new float[(int) n];
        switch (s.init()) {
            case ONES -> Arrays.fill(v, 1f);
            case ZEROS -> { }
            case TRUNCATED_NORMAL -> {
                // java.util.Random's algorithm is specified, so the values are the same on every JVM
                Random r = new Random(seed * 0x9E3779B97F4A7C15L + name.hashCode());
                for (int i = 0; i < v.length; i++) {
                    double x;
                    do {
                        x = r.nextGaussian();
                    } while (x < -2 || x > 2);
                    v[i] = (float) (x * INITIALIZER_RANGE);
                }
            }
        }
        return new CheckpointWriter.Entry(name, s.shape().clone(), v);
    }
}
