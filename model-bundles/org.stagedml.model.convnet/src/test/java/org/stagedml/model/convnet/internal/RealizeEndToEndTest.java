package org.stagedml.model.convnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.realize.Realizer;

/** convnet-mnist through the real FileStore and DefaultRealizer, on a tiny test-only mnist stage. */
class RealizeEndToEndTest {
    /** Stands in for the dataset bundle's mnist stage: the same layout, a few hundred synthetic images. */
    static final class TinyMnistStage implements Stage {
        @Override
        public String name() {
            return "mnist";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String description() {
            return "test-only synthetic MNIST layout";
        }

        @Override
        public ConfigSchema schema() {
            return ConfigSchema.of(FieldSpec.choice("variant", "fashion", List.of("digits", "fashion"), "variant"));
        }

        @Override
        public List<String> promises(org.stagedml.api.Config config) {
            return List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                    "t10k-labels-idx1-ubyte", "dataset.json");
        }

        @Override
        public void build(BuildContext b) throws Exception {
            SyntheticImages.generate(480, 10, 21).write(b.out(), "train");
            SyntheticImages.generate(200, 10, 22).write(b.out(), "t10k");
            Files.writeString(b.out().resolve("dataset.json"), "{\"variant\":\"" + b.config().getString("variant")
                    + "\",\"train\":480,\"test\":200,\"classes\":[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]}");
        }
    }

    @Test
    void realizesThenAnswersFromTheStore(@TempDir Path root) throws Exception {
        try (RealizeFixture fixture = new RealizeFixture(root).add(new TinyMnistStage(),
                new ConvNetMnistStage(ConvNetMnistStageTest.tensorFlow()))) {
            Realizer realizer = fixture.realizer();
            Map<String, String> overrides = Map.of("epochs", "1", "batch", "32", "conv1", "8", "conv2", "16",
                    "dense", "32", "lr", "0.003");
            List<RRef> first = realizer.realize(realizer.instantiate("convnet-mnist", overrides), RealizeOptions.defaults());
            assertEquals(1, first.size());
            RRef rref = first.get(0);
            double accuracy = realizer.metrics(rref).get("accuracy");
            assertTrue(accuracy > 0.5, "accuracy " + accuracy);
            assertEquals("fashion", realizer.configValue(rref, "mnist.variant").asText());
            Path out = fixture.path(rref);
            for (String f : ConvNetBuild.OUTPUTS) {
                assertTrue(Files.isRegularFile(out.resolve(f)), f);
            }
            long t0 = System.nanoTime();
            List<RRef> second = realizer.realize(realizer.instantiate("convnet-mnist", overrides), RealizeOptions.defaults());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(first, second, "the second realize is served from the store");
            assertTrue(seconds < 5, "served from the store in " + seconds + " s");
        }
    }
}
