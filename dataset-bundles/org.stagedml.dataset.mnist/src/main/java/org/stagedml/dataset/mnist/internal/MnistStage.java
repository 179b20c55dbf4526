package org.stagedml.dataset.mnist.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code mnist variant=<digits|fashion> source=<auto|url|debian>}: the dataset as four uncompressed
 * IDX files at the realization's root ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}) plus {@code dataset.json}
 * ({@code variant}, {@code train}, {@code test}, {@code classes}, {@code rows}, {@code cols}).
 * The published files are {@code fetchurl} / {@code fetchlocal} dependencies with the catalog's
 * checksums: Fashion-MNIST's four .gz files (official URLs, md5; or the Debian package
 * dataset-fashion-mnist, sha256), MNIST digits' mnist.npz (sha256). {@code source=auto} takes the
 * Debian package when it is installed (fashion only), else the URLs.
 */
@Component(service = Stage.class)
@StageProperties(name = MnistStage.NAME, version = 1,
        description = "MNIST digits or Fashion-MNIST as uncompressed IDX files and dataset.json")
public class MnistStage implements Stage {
    public static final String NAME = "mnist";
    static final String NPZ = "npz";
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.choice("variant", "fashion", List.of("digits", "fashion"),
                    "digits: MNIST handwritten digits; fashion: Fashion-MNIST (Zalando)"),
            FieldSpec.choice("source", "auto", List.of("auto", "url", "debian"),
                    "url: the official URLs; debian: the package dataset-fashion-mnist; auto: debian where installed (fashion)"));
    private static final List<String> OUTPUTS = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "dataset.json");

    private final MnistSources sources;

    public MnistStage() {
        this(MnistSources.official());
    }

    public MnistStage(MnistSources sources) {
        this.sources = sources;
    }

    @Override
    public List<String> provides() {
        return List.of(org.stagedml.api.stage.DataLayouts.IDX_IMAGES);
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        String variant = config.getString("variant");
        String source = config.getString("source");
        Map<String, Dependency> deps = new LinkedHashMap<>();
        if (variant.equals("digits")) {
            if (source.equals("debian")) {
                throw new ConfigException("stage 'mnist': Debian packages only Fashion-MNIST; use source=url (or auto)"
                        + " for variant=digits");
            }
            deps.put(NPZ, sources.digitsNpz().dependency());
            return deps;
        }
        boolean installed = Files.isDirectory(sources.debianDir());
        if (source.equals("debian") && !installed) {
            throw new ConfigException("stage 'mnist': source=debian but " + sources.debianDir() + " does not exist;"
                    + " install the package dataset-fashion-mnist or use source=url");
        }
        Map<String, SourceFile> files = source.equals("url") || !installed ? sources.fashionUrls()
                : sources.fashionDebian();
        new TreeMap<>(files).forEach((field, file) -> deps.put(field, file.dependency()));
        return deps;
    }

    @Override
    public List<String> promises(Config config) {
        return OUTPUTS;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        String variant = b.config().getString("variant");
        Map<String, Idx.Info> parts = new LinkedHashMap<>();
        if (variant.equals("digits")) {
            fromNpz(b, parts);
        } else {
            int i = 0;
            for (String field : List.of("train_images", "train_labels", "t10k_images", "t10k_labels")) {
                b.checkCancelled();
                b.progress(i++ / 4.0, "checking " + MnistSources.PARTS.get(field));
                Path src = fetchedFile(b, field);
                String name = MnistSources.PARTS.get(field);
                try (InputStream in = open(src)) {
                    parts.put(name, Idx.copyChecked(in, b.out().resolve(name), field.endsWith("images"),
                            src.getFileName().toString()));
                }
            }
        }
        List<String> classes = variant.equals("digits") ? DIGIT_CLASSES : FASHION_CLASSES;
        writeDatasetJson(b, variant, classes, parts);
        b.progress(1, "done");
    }

    /** Checks that the four parts fit together, then writes dataset.json. */
    private static void writeDatasetJson(BuildContext b, String variant, List<String> classes,
            Map<String, Idx.Info> parts) throws IOException {
        Idx.Info trainX = parts.get("train-images-idx3-ubyte");
        Idx.Info trainY = parts.get("train-labels-idx1-ubyte");
        Idx.Info testX = parts.get("t10k-images-idx3-ubyte");
        Idx.Info testY = parts.get("t10k-labels-idx1-ubyte");
        if (trainX.count() != trainY.count() || testX.count() != testY.count()) {
            throw new StagedmlException("mnist: images and labels do not match: train " + trainX.count() + " images, "
                    + trainY.count() + " labels; test " + testX.count() + " images, " + testY.count() + " labels");
        }
        if (trainX.rows() != testX.rows() || trainX.cols() != testX.cols()) {
            throw new StagedmlException("mnist: train images are " + trainX.rows() + "x" + trainX.cols()
                    + " but test images are " + testX.rows() + "x" + testX.cols());
        }
        int maxLabel = Math.max(trainY.maxLabel(), testY.maxLabel());
        if (maxLabel >= classes.size()) {
            throw new StagedmlException("mnist: label " + maxLabel + " is out of range for " + classes.size()
                    + " classes");
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("variant", variant);
        o.put("train", trainX.count());
        o.put("test", testX.count());
        classes.forEach(o.putArray("classes")::add);
        o.put("rows", trainX.rows());
        o.put("cols", trainX.cols());
        Json.mapper().writeValue(b.out().resolve("dataset.json").toFile(), o);
        b.log("mnist " + variant + ": " + trainX.count() + " training and " + testX.count() + " test images of "
                + trainX.rows() + "x" + trainX.cols());
    }

    /** Keras' mnist.npz: x_train, y_train, x_test, y_test as .npy arrays in a zip. */
    private static void fromNpz(BuildContext b, Map<String, Idx.Info> parts) throws IOException {
        Path npz = fetchedFile(b, NPZ);
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            for (String split : List.of("train", "test")) {
                b.checkCancelled();
                String prefix = split.equals("train") ? "train" : "t10k";
                Npy x;
                Npy y;
                String xName = "x_" + split + ".npy";
                String yName = "y_" + split + ".npy";
                try (InputStream in = entry(zip, xName, npz)) {
                    x = Npy.readHeader(in, xName);
                    if (!x.isUnsignedByte() || x.shape().length != 3) {
                        throw new StagedmlException(npz.getFileName() + ": " + xName + " must be uint8 of 3 dimensions,"
                                + " got " + x.descr() + " " + java.util.Arrays.toString(x.shape()));
                    }
                    Path out = b.out().resolve(prefix + "-images-idx3-ubyte");
                    // the entry ends with the data: writeImages checks it is exactly count*rows*cols bytes
                    Idx.writeImages(out, (int) x.shape()[0], (int) x.shape()[1], (int) x.shape()[2], in);
                    parts.put(prefix + "-images-idx3-ubyte", new Idx.Info((int) x.shape()[0], (int) x.shape()[1],
                            (int) x.shape()[2], -1));
                }
                try (InputStream in = entry(zip, yName, npz)) {
                    y = Npy.readHeader(in, yName);
                    if (y.shape().length != 1) {
                        throw new StagedmlException(npz.getFileName() + ": " + yName + " must have 1 dimension, got "
                                + java.util.Arrays.toString(y.shape()));
                    }
                    byte[] labels = y.readAsUnsignedBytes(in, yName);
                    Idx.writeLabels(b.out().resolve(prefix + "-labels-idx1-ubyte"), labels);
                    int max = -1;
                    for (byte l : labels) {
                        max = Math.max(max, l & 0xff);
                    }
                    parts.put(prefix + "-labels-idx1-ubyte", new Idx.Info(labels.length, 1, 1, max));
                }
                b.progress(split.equals("train") ? 0.5 : 1.0, "converted " + split);
            }
        }
    }

    private static InputStream entry(ZipFile zip, String name, Path npz) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new StagedmlException(npz.getFileName() + " has no " + name + "; it is not Keras' mnist.npz");
        }
        return new BufferedInputStream(zip.getInputStream(e));
    }

    /** A gzip file decompressed, any other file as it is. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** The one file of a fetch dependency's realization. */
    static Path fetchedFile(BuildContext b, String field) throws IOException {
        List<Path> files = b.dependencyFiles(field);
        if (files.size() != 1) {
            throw new StagedmlException("mnist: expected one fetched file in " + b.dependencyPath(field) + " (" + field
                    + "), found " + files.size());
        }
        return b.dependencyPath(field).resolve(files.get(0));
    }
}
