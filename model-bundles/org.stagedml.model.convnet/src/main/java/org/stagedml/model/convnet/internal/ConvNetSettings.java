package org.stagedml.model.convnet.internal;

import java.util.List;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;

/**
 * The training settings of one {@code convnet-mnist} build, read from its config.
 *
 * @param epochs passes over the training set
 * @param batch images per minibatch
 * @param lr Adam learning rate
 * @param seed seeds weight init, dropout and the per-epoch shuffle
 * @param kernel side of the square convolution kernels
 * @param conv1 filters of the first convolution
 * @param conv2 filters of the second convolution
 * @param dense units of the hidden dense layer
 * @param dropout dropout probability before the output layer (0 = none)
 */
public record ConvNetSettings(int epochs, int batch, double lr, long seed, int kernel, int conv1, int conv2, int dense,
        double dropout) {
    public static final List<String> VARIANTS = List.of("digits", "fashion");

    /** The stage's config fields (the dependency field {@code mnist} is added by the realizer). */
    public static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.choice("variant", "fashion", VARIANTS, "which MNIST: handwritten digits or Fashion-MNIST"),
            FieldSpec.integer("epochs", 5, "passes over the 60,000 training images"),
            FieldSpec.integer("batch", 64, "minibatch size"),
            FieldSpec.number("lr", 1e-3, "Adam learning rate"),
            FieldSpec.integer("seed", 42, "seed of weight init, dropout and shuffling (build instance i uses seed+i)"),
            FieldSpec.integer("kernel", 5, "side of the square convolution kernels (3 or 5)"),
            FieldSpec.integer("conv1", 32, "filters of the first convolution"),
            FieldSpec.integer("conv2", 64, "filters of the second convolution"),
            FieldSpec.integer("dense", 256, "units of the hidden dense layer"),
            FieldSpec.number("dropout", 0.25, "dropout probability before the output layer (0 = none)"));

    public ConvNetSettings {
        check(epochs >= 1, "epochs must be at least 1, got " + epochs);
        check(batch >= 1, "batch must be at least 1, got " + batch);
        check(lr > 0 && lr < 10, "lr must be in (0, 10), got " + lr);
        check(kernel >= 1 && kernel <= 7, "kernel must be in [1, 7], got " + kernel);
        check(conv1 >= 1 && conv2 >= 1 && dense >= 1, "conv1, conv2 and dense must be at least 1");
        check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    }

    /** Settings from a validated config; {@code instance} is added to the seed so instances differ. */
    public static ConvNetSettings from(Config c, int instance) {
        return new ConvNetSettings(c.getInt("epochs"), c.getInt("batch"), c.getDouble("lr"),
                c.getLong("seed") + instance, c.getInt("kernel"), c.getInt("conv1"), c.getInt("conv2"), c.getInt("dense"),
                c.getDouble("dropout"));
    }

    /** The defaults with another epoch count, batch and seed: for tests and benchmarks. */
    public static ConvNetSettings defaults() {
        return from(SCHEMA.defaults(), 0);
    }

    public ConvNetSettings withEpochs(int e) {
        return new ConvNetSettings(e, batch, lr, seed, kernel, conv1, conv2, dense, dropout);
    }

    public ConvNetSettings withSeed(long s) {
        return new ConvNetSettings(epochs, batch, lr, s, kernel, conv1, conv2, dense, dropout);
    }

    public ConvNetSettings withArchitecture(int k, int c1, int c2, int d, double drop) {
        return new ConvNetSettings(epochs, batch, lr, seed, k, c1, c2, d, drop);
    }

    public ConvNetSettings withBatch(int b) {
        return new ConvNetSettings(epochs, b, lr, seed, kernel, conv1, conv2, dense, dropout);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException("convnet-mnist: " + message);
        }
    }
}
