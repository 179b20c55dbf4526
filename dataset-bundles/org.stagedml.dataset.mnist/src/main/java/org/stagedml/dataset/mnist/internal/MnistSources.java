package org.stagedml.dataset.mnist.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the MNIST files come from, with their checksums (shared/reference/catalog.tsv).
 *
 * @param digitsNpz Keras' mnist.npz (a zip of x_train, y_train, x_test, y_test .npy arrays)
 * @param fashionUrls the four official Fashion-MNIST .gz files by part name (md5 only is published)
 * @param debianDir where the Debian package dataset-fashion-mnist installs its files
 * @param fashionDebian the package's four .gz files by part name (they are recompressed: own sha256)
 */
public record MnistSources(SourceFile digitsNpz, Map<String, SourceFile> fashionUrls, Path debianDir,
        Map<String, SourceFile> fashionDebian) {
    /** The IDX parts, by the dependency field that holds each; values are the IDX file names. */
    public static final Map<String, String> PARTS = Map.of(
            "train_images", "train-images-idx3-ubyte",
            "train_labels", "train-labels-idx1-ubyte",
            "t10k_images", "t10k-images-idx3-ubyte",
            "t10k_labels", "t10k-labels-idx1-ubyte");

    private static final String FASHION = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    /** The public sources of the catalog. */
    public static MnistSources official() {
        return new MnistSources(
                new SourceFile("https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz", "sha256",
                        "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"),
                Map.of("train_images", new SourceFile(FASHION + "train-images-idx3-ubyte.gz", "md5",
                                "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                        "train_labels", new SourceFile(FASHION + "train-labels-idx1-ubyte.gz", "md5",
                                "25c81989df183df01b3e8a0aad5dffbe"),
                        "t10k_images", new SourceFile(FASHION + "t10k-images-idx3-ubyte.gz", "md5",
                                "bef4ecab320f06d8554ea6380940ec79"),
                        "t10k_labels", new SourceFile(FASHION + "t10k-labels-idx1-ubyte.gz", "md5",
                                "bb300cfdad3c16e7a12a480ee83cd310")),
                DEBIAN,
                Map.of("train_images", new SourceFile(DEBIAN + "/train-images-idx3-ubyte.gz", "sha256",
                                "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                        "train_labels", new SourceFile(DEBIAN + "/train-labels-idx1-ubyte.gz", "sha256",
                                "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                        "t10k_images", new SourceFile(DEBIAN + "/t10k-images-idx3-ubyte.gz", "sha256",
                                "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                        "t10k_labels", new SourceFile(DEBIAN + "/t10k-labels-idx1-ubyte.gz", "sha256",
                                "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05")));
    }
}
