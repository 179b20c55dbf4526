package org.stagedml.model.textcnn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.stagedml.engine.dl4j.training.MinibatchLoop;
import org.stagedml.engine.dl4j.training.TrainingMonitor;

/**
 * Embeddings + width-3 1-D convolution + max over time + softmax, trained with Adam; evaluated on
 * the dev split after each epoch. Deterministic on CPU for the same settings and data.
 */
public final class TextCnnTrainer {
    /** Dev-set figures after one epoch; f1 of label index 1 for tasks labelled 0/1, else NaN. */
    public record Epoch(int epoch, long step, double trainLoss, double seconds, double accuracy, double loss, double f1) {
    }

    public record Result(MultiLayerNetwork net, List<Epoch> epochs) {
        public Epoch last() {
            return epochs.get(epochs.size() - 1);
        }
    }

    private final TextCnnSettings s;
    private final TrainingMonitor monitor;

    public TextCnnTrainer(TextCnnSettings s, TrainingMonitor monitor) {
        this.s = s;
        this.monitor = monitor;
    }

    public static MultiLayerNetwork network(TextCnnSettings s, int vocab, int classes) {
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .nIn(s.filters()).nOut(classes).activation(Activation.SOFTMAX);
        if (s.dropout() > 0) {
            out.dropOut(1 - s.dropout()); // DL4J: probability of keeping the layer's input
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(s.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(s.lr()))
                .list()
                // no setInputType: it would reset the embedding's nIn to the input width (1)
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(s.embed()).inputLength(s.maxLen()).build())
                .layer(new Convolution1DLayer.Builder().kernelSize(3).nIn(s.embed()).nOut(s.filters())
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(out.build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Token ids [n, maxLen] of a split. */
    public static int[][] encode(GlueSplit split, Vocabulary vocab, int maxLen) {
        int[][] ids = new int[split.size()][];
        for (int i = 0; i < split.size(); i++) {
            ids[i] = vocab.encode(split.first().get(i), split.second().get(i), maxLen);
        }
        return ids;
    }

    public Result train(int[][] trainX, int[] trainY, int[][] devX, int[] devY, int vocab, int classes,
            boolean binary01) {
        MultiLayerNetwork net = network(s, vocab, classes);
        MinibatchLoop loop = new MinibatchLoop("textcnn-glue", trainX.length, s.batch(), s.epochs(), s.seed(), s.lr(),
                monitor);
        MinibatchLoop.Batches batches = new MinibatchLoop.Batches() {
            @Override
            public INDArray features(int[] order, int from, int to) {
                return TextCnnTrainer.features(trainX, order, from, to);
            }

            @Override
            public INDArray labels(int[] order, int from, int to) {
                return TextCnnTrainer.labels(trainY, order, from, to, classes);
            }
        };
        List<Epoch> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            long started = System.nanoTime();
            double trainLoss = loop.epoch(net, epoch, batches);
            double seconds = (System.nanoTime() - started) / 1e9;
            Epoch e = evaluate(net, devX, devY, classes, binary01, epoch, loop.step(), trainLoss, seconds);
            epochs.add(e);
            Map<String, Object> rec = MinibatchLoop.record("step", loop.step(), "epoch", epoch, "train_loss", e.trainLoss(),
                    "dev_loss", e.loss(), "accuracy", e.accuracy(), "seconds", seconds);
            if (!Double.isNaN(e.f1())) {
                rec.put("f1", e.f1());
            }
            monitor.history(rec);
            monitor.log(String.format("epoch %d/%d: train loss %.4f, dev loss %.4f, dev accuracy %.4f, %.1f s",
                    epoch, s.epochs(), e.trainLoss(), e.loss(), e.accuracy(), seconds));
        }
        return new Result(net, List.copyOf(epochs));
    }

    /** Predicted class per example. */
    public static int[] predict(MultiLayerNetwork net, int[][] x) {
        int[] out = new int[x.length];
        for (int from = 0; from < x.length; from += 256) {
            int to = Math.min(x.length, from + 256);
            float[][] p = net.output(features(x, null, from, to), false).toFloatMatrix();
            for (int i = 0; i < p.length; i++) {
                out[from + i] = argmax(p[i]);
            }
        }
        return out;
    }

    private static Epoch evaluate(MultiLayerNetwork net, int[][] x, int[] y, int classes, boolean binary01, int epoch,
            long step, double trainLoss, double seconds) {
        int correct = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        double loss = 0;
        for (int from = 0; from < x.length; from += 256) {
            int to = Math.min(x.length, from + 256);
            float[][] p = net.output(features(x, null, from, to), false).toFloatMatrix();
            for (int i = 0; i < p.length; i++) {
                int actual = y[from + i];
                int predicted = argmax(p[i]);
                correct += predicted == actual ? 1 : 0;
                tp += predicted == 1 && actual == 1 ? 1 : 0;
                fp += predicted == 1 && actual != 1 ? 1 : 0;
                fn += predicted != 1 && actual == 1 ? 1 : 0;
                loss -= Math.log(Math.max(p[i][actual], 1e-12));
            }
        }
        double f1 = binary01 ? (tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn)) : Double.NaN;
        return new Epoch(epoch, step, trainLoss, seconds, (double) correct / x.length, loss / x.length, f1);
    }

    static INDArray features(int[][] x, int[] order, int from, int to) {
        int len = x[0].length;
        float[] f = new float[(to - from) * len];
        for (int i = from; i < to; i++) {
            int[] row = x[order == null ? i : order[i]];
            for (int t = 0; t < len; t++) {
                f[(i - from) * len + t] = row[t];
            }
        }
        return Nd4j.create(f, new long[] {to - from, len}, 'c');
    }

    static INDArray labels(int[] y, int[] order, int from, int to, int classes) {
        float[] f = new float[(to - from) * classes];
        for (int i = from; i < to; i++) {
            f[(i - from) * classes + y[order == null ? i : order[i]]] = 1f;
        }
        return Nd4j.create(f, new long[] {to - from, classes}, 'c');
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
