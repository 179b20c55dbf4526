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
 * the Predictors service: the test split predicted from PNG files reproduces the recorded accuracy.
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

    @Test
    void learnsStripesAndPredictsTheTestSplitAsRecorded() throws Exception {
        Path root = tmp.resolve("imgs");
        Random r = new Random(9);
        for (String k : List.of("horizontal", "vertical")) {
            Path d = Files.createDirectories(root.resolve(k));
            for (int i = 0; i < 150; i++) {
                ImageIO.write(stripes(k.equals("vertical"), r), "png", d.resolve(i + ".png").toFile());
            }
        }
        try (RealizeFixture fx = new RealizeFixture(tmp.resolve("store")).add(new ImageFolderStage(),
                new ConvNetStage(ConvNetMnistStageTest.tensorFlow()))) {
            RRef rref = fx.realize("convnet", Map.of("data", "image-folder", "data.path", root.toString(), "data.size", 24,
                    "epochs", 4, "batch", 16, "conv1", 8, "conv2", 16, "dense", 32, "lr", 0.003));
            double accuracy = fx.metrics(rref).get("accuracy");
            assertTrue(accuracy >= 0.9, "accuracy " + accuracy);

            // the test split, written back as PNG files, predicted through the service
            Path data = fx.path(fx.dependency(rref, "data"));
            IdxImages test = IdxImages.read(data, "t10k");
            List<PredictionInput> inputs = new ArrayList<>();
            for (int i = 0; i < test.count(); i++) {
                BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setDataElements(0, 0, 24, 24,
                        java.util.Arrays.copyOfRange(test.pixels(), i * 576, (i + 1) * 576));
                Path f = tmp.resolve("test-" + i + ".png");
                ImageIO.write(img, "png", f.toFile());
                inputs.add(PredictionInput.image(f));
            }
            PredictorsComponent predictors = new PredictorsComponent(fx.store());
            predictors.addProvider(new ConvNetPredictors());
            try (Predictor p = predictors.open(rref)) {
                assertEquals(List.of("horizontal", "vertical"), p.labels());
                assertEquals(Predictor.InputKind.IMAGE, p.inputKind());
                List<Prediction> predicted = p.predict(inputs);
                int correct = 0;
                for (int i = 0; i < predicted.size(); i++) {
                    correct += predicted.get(i).label().equals(p.labels().get(test.labels()[i])) ? 1 : 0;
                    assertEquals(1.0, predicted.get(i).probabilities()[0] + predicted.get(i).probabilities()[1], 1e-5);
                }
                assertEquals(accuracy, (double) correct / test.count(), 1e-9, "predictions reproduce the recorded accuracy");
                // a fresh 32x32 image is scaled like the training images
                Path probe = tmp.resolve("probe.png");
                ImageIO.write(stripes(true, new Random(77)), "png", probe.toFile());
                assertEquals("vertical", p.predict(PredictionInput.image(probe)).label());
            }
        }
    }
}
