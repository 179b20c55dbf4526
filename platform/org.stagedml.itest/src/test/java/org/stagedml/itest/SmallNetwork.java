package org.stagedml.itest;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Fits a two-layer DL4J network to y = sum(x) with ND4J doing the maths. */
final class SmallNetwork {
    private SmallNetwork() {}

    /** The network's score (loss) before the first and after each of {@code steps} fit steps. */
    static List<Double> fit(int steps) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Sgd(0.05))
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(16).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();

        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 4);
        INDArray y = x.sum(true, 1);
        DataSet data = new DataSet(x, y);

        List<Double> scores = new ArrayList<>();
        scores.add(network.score(data));
        for (int step = 0; step < steps; step++) {
            network.fit(data);
            scores.add(network.score(data));
        }
        return scores;
    }
}
