package org.stagedml.model.convnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.RRef;
import org.stagedml.api.predict.Prediction;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.dataset.owndata.internal.ImageFolderStage;
import org.stagedml.realizer.internal.PredictorsComponent;
import org.stagedml.testing.RealizeFixture;

/**
 * convnet data=image-folder on stripes the test draws (horizontal vs vertical), then predictions through
 * the Predictors service: the test split predicted from PNG files reproduces the recorded accuracy. The
 * same with colour images (channels=3) whose classes differ only in where the red and the green are, two
 * colours of about the same brightness.
 */
class ConvNetOwnImagesTest {
    @TempDir
    Path tmp;

    static BufferedImage stripes(boolean vertical, Random r) {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        int phase = r.nextInt(8);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int v = ((vertical ? x : y) + phase) % 8 < 4 ? 220 : 30;
                v = Math.max(0, Math.min(255, v + r.nextInt(81) - 40));
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        return img;
    }

    /** Red on one half and green on the other ({@code redLeft} says which), noisy, of about equal grey. */
    static BufferedImage halves(boolean redLeft, Random r) {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        int split = 13 + r.nextInt(7);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean red = (x < split) == redLeft;
                int[] c = red ? new int[] {200, 40, 40} : new int[] {40, 120, 40}; // grey 88 and 87
                int rgb = 0;
                for (int k = 0; k < 3; k++) {
                    rgb = rgb << 8 | Math.max(0, Math.min(255, c[k] + r.nextInt(61) - 30));
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /** A folder {@code name} of class subfolders holding {@code perClass} PNG images each, drawn by {@code draw(class, random)}. */
    private Path folder(String name, List<String> classes, int perClass, long seed,
            java.util.function.BiFunction<String, Random, BufferedImage> draw) throws Exception {
        Path root = tmp.resolve(name);
        Random r = new Random(seed);
        for (String k : classes) {
            Path d = Files.createDirectories(root.resolve(k));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(draw.apply(k, r), "png", d.resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    /** Realizes convnet on an image folder with the test's small network; asserts it learned (test accuracy >= 0.9). */
    private static RRef train(RealizeFixture fx, Path root, int size, int channels) throws Exception {
        RRef rref = fx.realize("convnet", Map.of("data", "image-folder", "data.path", root.toString(), "data.size", size,
                "data.channels", channels, "epochs", 4, "batch", 16, "conv1", 8, "conv2", 16, "dense", 32, "lr", 0.003));
        double accuracy = fx.metrics(rref).get("accuracy");
        assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
        return rref;
    }

    /**
     * The dataset's test split written back as PNG files (as a user gives images), predicted through the
     * Predictors service: asserts the labels, that probabilities sum to 1 and that the recorded accuracy
     * is reproduced. Returns the open predictor for more probes; the caller closes it.
     */
    private Predictor predictsTheTestSplitAsRecorded(RealizeFixture fx, RRef rref, List<String> labels) throws Exception {
        IdxImages test = IdxImages.read(fx.path(fx.dependency(rref, "data")), "t10k");
        List<PredictionInput> inputs = new ArrayList<>();
        for (int i = 0; i < test.count(); i++) {
            BufferedImage img = new BufferedImage(test.cols(), test.rows(),
                    test.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            byte[] p = test.pixels();
            int at = i * test.pixelsPerImage();
            for (int y = 0; y < test.rows(); y++) {
                for (int x = 0; x < test.cols(); x++, at += test.channels()) {
                    if (test.channels() == 1) {
                        img.getRaster().setSample(x, y, 0, p[at] & 0xff);
                    } else {
                        img.setRGB(x, y, (p[at] & 0xff) << 16 | (p[at + 1] & 0xff) << 8 | (p[at + 2] & 0xff));
                    }
                }
            }
            Path f = tmp.resolve("test-" + i + ".png");
            ImageIO.write(img, "png", f.toFile());
            inputs.add(PredictionInput.image(f));
        }
        PredictorsComponent predictors = new PredictorsComponent(fx.store());
        predictors.addProvider(new ConvNetPredictors());
        Predictor p = predictors.open(rref);
        assertEquals(labels, p.labels());
        assertEquals(Predictor.InputKind.IMAGE, p.inputKind());
        List<Prediction> predicted = p.predict(inputs);
        int correct = 0;
        for (int i = 0; i < predicted.size(); i++) {
            correct += predicted.get(i).label().equals(labels.get(test.labels()[i])) ? 1 : 0;
            assertEquals(1.0, predicted.get(i).probabilities()[0] + predicted.get(i).probabilities()[1], 1e-5);
        }
        assertEquals(fx.metrics(rref).get("accuracy"), (double) correct / test.count(), 1e-9,
                "predictions reproduce the recorded accuracy");
        return p;
    }

    @Test
    void learnsColourImagesWithThreeChannelsAndPredictsTheTestSplitAsRecorded() throws Exception {
        Path root = folder("colour", List.of("green-left", "red-left"), 120, 5, (k, r) -> halves(k.equals("red-left"), r));
        try (RealizeFixture fx = new RealizeFixture(tmp.resolve("store")).add(new ImageFolderStage(),
                new ConvNetStage(ConvNetMnistStageTest.tensorFlow()))) {
            RRef rref = train(fx, root, 20, 3);
            assertEquals(3, IdxImages.read(fx.path(fx.dependency(rref, "data")), "t10k").channels(),
                    "image-folder wrote colour IDX files");
            try (LeNetModel net = LeNetModel.load(fx.path(rref).resolve("model.zip"), 1)) {
                assertEquals(3, net.channels(), "the saved model takes three channels");
            }
            try (Predictor p = predictsTheTestSplitAsRecorded(fx, rref, List.of("green-left", "red-left"))) {
                // fresh 32x32 images are scaled like the training images, in colour
                for (boolean redLeft : List.of(true, false)) {
                    Path probe = tmp.resolve("probe-" + redLeft + ".png");
                    ImageIO.write(halves(redLeft, new Random(redLeft ? 71 : 72)), "png", probe.toFile());
                    assertEquals(redLeft ? "red-left" : "green-left", p.predict(PredictionInput.image(probe)).label());
                }
            }
        }
    }

    @Test
    void learnsStripesAndPredictsTheTestSplitAsRecorded() throws Exception {
        Path root = folder("imgs", List.of("horizontal", "vertical"), 150, 9, (k, r) -> stripes(k.equals("vertical"), r));
        try (RealizeFixture fx = new RealizeFixture(tmp.resolve("store")).add(new ImageFolderStage(),
                new ConvNetStage(ConvNetMnistStageTest.tensorFlow()))) {
            RRef rref = train(fx, root, 24, 1);
            try (Predictor p = predictsTheTestSplitAsRecorded(fx, rref, List.of("horizontal", "vertical"))) {
                // a fresh 32x32 image is scaled like the training images
                Path probe = tmp.resolve("probe.png");
                ImageIO.write(stripes(true, new Random(77)), "png", probe.toFile());
                assertEquals("vertical", p.predict(PredictionInput.image(probe)).label());
            }
        }
    }
}
