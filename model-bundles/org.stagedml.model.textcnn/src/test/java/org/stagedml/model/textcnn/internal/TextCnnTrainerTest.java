package org.stagedml.model.textcnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.engine.Gpu;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.train.TrainingMonitor;
import org.stagedml.engine.tensorflow.training.DeviceSessions;
import org.stagedml.store.internal.FileStore;
import org.stagedml.testing.RecordingMonitor;
import org.stagedml.testing.Rendezvous;
import org.stagedml.testing.TestEngine;

class TextCnnTrainerTest {
    @TempDir
    static Path shared;
    static TextCnnTrainer.Data data;
    static TextCnnSettings settings;

    @BeforeAll
    static void data() throws Exception {
        SyntheticGlue.single(shared.resolve("sst"), 400, 100, 1);
        GlueTask task = GlueTask.read(shared.resolve("sst"));
        Map<String, Object> o = new HashMap<>(TextCnnGlueStageTest.TINY);
        o.put("task", "SST-2");
        settings = TextCnnSettings.from(new TextCnnGlueStage(TextCnnGlueStageTest.tensorFlow()).schema().apply("textcnn-glue", o), 0);
        Vocabulary vocab = Vocabulary.build(task.trainingTexts(), settings.vocab());
        data = TextCnnTrainer.Data.of(task.train(), task.dev(), vocab, settings.maxLen(), task.labels().size(), task.binary01());
    }

    private static TextCnnTrainer trainer(TrainingMonitor m) {
        return new TextCnnTrainer(settings, m, data, 1, DeviceSessions.CPU);
    }

    @Test
    void aResumedTrainingEndsWithTheSameFiguresAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        RecordingMonitor whole = new RecordingMonitor(Integer.MAX_VALUE);
        TextCnnTrainer.Result expected = trainer(whole).train();
        expected.net().close();
        assertEquals(3, expected.epochs().size());
        long perEpoch = expected.epochs().get(0).step();

        FileStore store = new FileStore(tmp.resolve("store"));
        Checkpoint area = store.checkpoint(new DRef("0123456789abcdef0123456789abcdef", "textcnn-glue"), 0, null);
        RecordingMonitor killed = new RecordingMonitor((int) perEpoch + 5); // in the middle of the second epoch
        TextCnnTrainer first = trainer(killed).withCheckpoint(area);
        assertThrows(CancelledException.class, first::train);
        assertTrue(area.last().isPresent(), "the first epoch's checkpoint is kept");

        RecordingMonitor resumed = new RecordingMonitor(Integer.MAX_VALUE);
        TextCnnTrainer again = trainer(resumed).withCheckpoint(area);
        TextCnnTrainer.Result actual = again.train();
        actual.net().close();
        assertEquals("epoch 1 (step " + perEpoch + ")", again.resumedFrom());
        assertEquals(2 * perEpoch, resumed.batches.get(), "only the last two epochs ran again");
        assertSameFigures(expected, whole, actual, resumed);
    }

    @Test
    void aTrainingResumedInsideAnEpochEndsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        RecordingMonitor whole = new RecordingMonitor(Integer.MAX_VALUE);
        TextCnnTrainer.Result expected = trainer(whole).train();
        expected.net().close();
        int perEpoch = (int) expected.epochs().get(0).step();
        int total = 3 * perEpoch;

        FileStore store = new FileStore(tmp.resolve("store"));
        Checkpoint area = store.checkpoint(new DRef("0123456789abcdef0123456789abcdef", "textcnn-glue"), 0, null);
        // a checkpoint every 3 steps; cancelled 2 steps after the first one inside the third epoch
        int at = 2 * perEpoch + 3 - (2 * perEpoch) % 3;
        assertThrows(CancelledException.class, trainer(new RecordingMonitor(at + 2)).withCheckpoint(area, 3)::train);

        RecordingMonitor resumed = new RecordingMonitor(Integer.MAX_VALUE);
        TextCnnTrainer again = trainer(resumed).withCheckpoint(area, 3);
        TextCnnTrainer.Result actual = again.train();
        actual.net().close();
        assertEquals("step " + at + " (epoch 3, batch " + (at - 2 * perEpoch) + ")", again.resumedFrom());
        assertEquals(total - at, resumed.batches.get(), "only the batches after the checkpoint ran again");
        assertSameFigures(expected, whole, actual, resumed);
    }

    private static void assertSameFigures(TextCnnTrainer.Result expected, RecordingMonitor whole, TextCnnTrainer.Result actual,
            RecordingMonitor resumed) throws Exception {
        assertEquals(3, actual.epochs().size());
        for (int i = 0; i < 3; i++) {
            TextCnnTrainer.Epoch a = expected.epochs().get(i);
            TextCnnTrainer.Epoch b = actual.epochs().get(i);
            assertEquals(a.step(), b.step(), "step of epoch " + (i + 1));
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "train loss of epoch " + (i + 1));
            assertEquals(a.loss(), b.loss(), 0.0, "dev loss of epoch " + (i + 1));
            assertEquals(a.accuracy(), b.accuracy(), 0.0, "accuracy of epoch " + (i + 1));
            assertEquals(a.f1(), b.f1(), 0.0, "f1 of epoch " + (i + 1));
        }
        assertEquals(withoutSeconds(whole.history), withoutSeconds(resumed.history), "history.jsonl as uninterrupted");
    }

    /**
     * Two trainings granted gpu:0 and gpu:1 by an engine with two (fake) GPUs run at the same time in
     * one process, each graph pinned to its own GPU; soft placement runs both on this host's CPU, where
     * they compute exactly what a CPU training does.
     */
    @Test
    void twoTrainingsGrantedDifferentGpusRunAtOnceEachOnItsOwn() throws Exception {
        TextCnnTrainer.Result cpu = trainer(new RecordingMonitor(Integer.MAX_VALUE)).train();
        cpu.net().close();
        List<Gpu> gpus = TestEngine.withGpus(2).gpus();
        Rendezvous bothTraining = new Rendezvous(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<TextCnnTrainer.Epoch>> runs = new ArrayList<>();
            for (String grant : List.of("gpu:0", "gpu:1")) {
                String device = DeviceSessions.choose(List.of(grant), gpus);
                assertEquals(grant, device);
                RecordingMonitor monitor = new RecordingMonitor(Integer.MAX_VALUE);
                monitor.onCheck = bothTraining.party();
                runs.add(pool.submit(() -> {
                    TextCnnTrainer.Result r = new TextCnnTrainer(settings, monitor, data, 1, device).train();
                    try (TextCnnModel net = r.net()) {
                        assertEquals(Set.of("/device:GPU:" + device.substring(4)), net.session.requestedDevices());
                    }
                    return r.last();
                }));
            }
            for (Future<TextCnnTrainer.Epoch> run : runs) {
                TextCnnTrainer.Epoch last = run.get();
                assertEquals(cpu.last().loss(), last.loss(), 0.0);
                assertEquals(cpu.last().accuracy(), last.accuracy(), 0.0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** History records as history.jsonl holds them, without the times. */
    private static List<String> withoutSeconds(List<Map<String, ?>> history) throws Exception {
        List<String> out = new ArrayList<>();
        for (Map<String, ?> h : history) {
            Map<String, Object> m = new TreeMap<>(h);
            m.remove("seconds");
            out.add(Json.mapper().writeValueAsString(m));
        }
        return out;
    }
}
