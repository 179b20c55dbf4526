package org.stagedml.model.convnet.internal;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The LeNet-style network: conv k x k (conv1) - max pool 2 - conv k x k (conv2) - max pool 2 -
 * dense (dense, ReLU, dropout) - softmax, trained with Adam on the negative log-likelihood.
 */
public final class LeNet {
    private LeNet() {
    }

    /** A fresh, initialised network for images of rows x cols with one channel. */
    public static MultiLayerNetwork create(ConvNetSettings s, int rows, int cols, int classes) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(s.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(s.lr()))
                // workspaces only reuse memory; ENABLED is DL4J's default and keeps results identical
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new ConvolutionLayer.Builder(s.kernel(), s.kernel()).nOut(s.conv1()).stride(1, 1)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(s.kernel(), s.kernel()).nOut(s.conv2()).stride(1, 1)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build());
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .nOut(classes).activation(Activation.SOFTMAX);
        if (s.dropout() > 0) {
            // DL4J applies a layer's dropout to its input and takes the probability of keeping
            output.dropOut(1 - s.dropout());
        }
        MultiLayerConfiguration conf = layers
                .layer(new DenseLayer.Builder().nOut(s.dense()).activation(Activation.RELU).build())
                .layer(output.build())
                .setInputType(InputType.convolutional(rows, cols, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
