package org.stagedml.model.textcnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.RRef;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.dataset.owndata.internal.TextClassificationStage;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.testing.TextSplit;

/**
 * textcnn-glue data=text-classification on a CSV the test writes (a known signal word per label), then
 * predictions through the Predictors service: the dev split predicted reproduces the recorded accuracy.
 */
class TextCnnOwnTextsTest {
    @TempDir
    Path tmp;

    static void reviews(Path csv, int n) throws Exception {
        Random r = new Random(7);
        String[] pos = {"wonderful", "lovely", "superb"};
        String[] neg = {"awful", "dreadful", "boring"};
        String[] filler = "the a film plot actor scene music story camera light night city".split(" ");
        StringBuilder s = new StringBuilder("id,review,sentiment\n");
        for (int i = 0; i < n; i++) {
            boolean p = r.nextBoolean();
            List<String> words = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                words.add(filler[r.nextInt(filler.length)]);
            }
            for (int k = 0; k < 2; k++) {
                words.add(r.nextInt(words.size()), (p ? pos : neg)[r.nextInt(3)]);
            }
            s.append(i).append(',').append(String.join(" ", words)).append(',').append(p ? "pos" : "neg").append('\n');
        }
        Files.writeString(csv, s);
    }

    @Test
    void learnsACsvAndPredictsItsDevSplitAsRecorded() throws Exception {
        Path csv = tmp.resolve("reviews.csv");
        reviews(csv, 1000);
        try (RealizeFixture fx = new RealizeFixture(tmp.resolve("store")).add(new TextClassificationStage(),
                new TextCnnGlueStage(TextCnnGlueStageTest.tensorFlow()))) {
            Map<String, Object> o = Map.of("data", "text-classification", "data.train", csv.toString(), "data.text", "review",
                    "data.label", "sentiment", "epochs", 5, "max_len", 16, "batch", 32);
            RRef rref = fx.realize("textcnn-glue", o);
            double accuracy = fx.metrics(rref).get("accuracy");
            assertTrue(accuracy >= 0.9, "accuracy " + accuracy);

            TextSplit dev = TextSplit.read(fx.path(fx.dependency(rref, "data")).resolve("dev.jsonl"));
            try (Predictor p = TextSplit.predictors(fx, new TextCnnPredictors()).open(rref)) {
                assertEquals(List.of("neg", "pos"), p.labels());
                assertEquals(Predictor.InputKind.TEXT, p.inputKind());
                assertEquals(accuracy, dev.accuracy(p.predict(dev.inputs())), 1e-9, "predictions reproduce the recorded accuracy");
                assertEquals("pos", p.predict(PredictionInput.text("a wonderful superb story")).label());
                assertEquals("neg", p.predict(PredictionInput.text("a dreadful boring film")).label());
            }

            // editing the CSV makes a new derivation of the dataset and so of the model
            Files.writeString(csv, Files.readString(csv) + "999,a plain story,neg\n");
            assertNotEquals(rref.dref(), fx.realizer().instantiate("textcnn-glue", o).target());
            ConfigException wrong = assertThrows(ConfigException.class,
                    () -> fx.realizer().instantiate("textcnn-glue", Map.of("data", "example-nothing")));
            assertTrue(wrong.getMessage().contains("data=example-nothing"), wrong.getMessage());
        }
    }
}
