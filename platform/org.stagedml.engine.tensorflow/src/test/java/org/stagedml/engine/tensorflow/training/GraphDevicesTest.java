package org.stagedml.engine.tensorflow.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Pinning a build's graph to its GPU, proven without one: the requested devices of every operation,
 * two GPU builds training at once in one process (soft placement puts them on this host's CPU), and,
 * with two CPU devices standing in for two GPUs, where each operation really ran.
 */
class GraphDevicesTest {
    private static final int STEPS = 40;

    @Test
    void namesTheGrantedGpuAndNothingForTheCpu() {
        assertEquals("/device:GPU:1", GraphDevices.deviceName("gpu:1"));
        assertNull(GraphDevices.deviceName("cpu"));
    }

    @Test
    void aGpuBuildPinsEveryOperationIncludingTheGradients() {
        try (ClassifierSession<TinyClassifier> s = new ClassifierSession<>(TinyClassifier::new, t -> t.out, 1, "gpu:1")) {
            assertEquals(Set.of("/device:GPU:1"), s.requestedDevices());
        }
    }

    @Test
    void aCpuBuildRequestsNoDevice() {
        try (ClassifierSession<TinyClassifier> s = new ClassifierSession<>(TinyClassifier::new, t -> t.out, 1, "cpu")) {
            assertEquals(Set.of(""), s.requestedDevices());
        }
    }

    /** Why the graph is pinned after it is built: TensorFlow Java adds the gradients without the scope's device. */
    @Test
    void aDeviceScopeAloneLeavesTheGradientsUnplaced() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(1).build());
            new TinyClassifier(tf);
            Set<String> requested = GraphDevices.requested(g);
            assertTrue(requested.contains("/device:GPU:1"), requested.toString());
            assertTrue(requested.contains(""), "gradient operations come without a device: " + requested);
            assertTrue(GraphDevices.request(g, "/device:GPU:1") > 0);
            assertEquals(Set.of("/device:GPU:1"), GraphDevices.requested(g));
        }
    }

    @Test
    void twoGpuBuildsTrainAtOnceInOneProcessEachOnItsOwnDevice() throws Exception {
        float[] cpu = train("cpu", null);
        CyclicBarrier bothBuilt = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<float[]> gpu0 = pool.submit(() -> train("gpu:0", bothBuilt));
            Future<float[]> gpu1 = pool.submit(() -> train("gpu:1", bothBuilt));
            float[] l0 = gpu0.get();
            float[] l1 = gpu1.get();
            assertTrue(l0[STEPS - 1] < l0[0] / 2, "loss " + l0[0] + " -> " + l0[STEPS - 1]);
            // on this host the pinned graphs fall back to the CPU, where they compute what a CPU build does
            assertEquals(cpu[STEPS - 1], l0[STEPS - 1], 1e-5);
            assertEquals(cpu[STEPS - 1], l1[STEPS - 1], 1e-5);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Trains the tiny classifier on {@code device}; with a barrier, both sessions exist before either trains. */
    private static float[] train(String device, CyclicBarrier barrier) throws Exception {
        try (ClassifierSession<TinyClassifier> s = new ClassifierSession<>(TinyClassifier::new, t -> t.out, 1, device);
                TFloat32 x = TinyClassifier.features(); TInt32 y = TinyClassifier.labels()) {
            String expected = device.equals("cpu") ? "" : "/device:GPU:" + device.substring(4);
            assertEquals(Set.of(expected), s.requestedDevices());
            s.initialize(7);
            if (barrier != null) {
                barrier.await();
            }
            float[] losses = new float[STEPS];
            for (int i = 0; i < STEPS; i++) {
                losses[i] = s.step(s.runner().feed(s.ops.x, x).feed(s.ops.out.inputs().labels, y), 0.1, 3);
            }
            return losses;
        }
    }

    /**
     * Two CPU devices stand in for two GPUs: a graph pinned to the second computes every one of its
     * operations there, forward, backward and Adam; only the feeds and fetches of the call (operations
     * TensorFlow adds, not the graph's) touch the first. A scope alone would not do.
     */
    @Test
    void aPinnedGraphComputesOnItsDeviceOnly() {
        Set<String> onFirst = graphOpsOnFirstDevice(true);
        assertTrue(onFirst.isEmpty(), "graph operations computed outside the pinned device: " + onFirst);
        assertFalse(graphOpsOnFirstDevice(false).isEmpty(), "without pinning the backward pass leaves the device");
    }

    private static Set<String> graphOpsOnFirstDevice(boolean pin) {
        ConfigProto twoDevices = CpuSessions.builder(1).putDeviceCount("CPU", 2).putDeviceCount("GPU", 0).build();
        DeviceSpec second = DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(1).build();
        try (Graph g = new Graph(); TFloat32 x = TinyClassifier.features(); TInt32 y = TinyClassifier.labels()) {
            TinyClassifier t = new TinyClassifier(Ops.create(g).withDevice(second));
            if (pin) {
                GraphDevices.request(g, "/device:CPU:1");
            }
            try (Session s = new Session(g, twoDevices); TFloat32 p1 = TFloat32.scalarOf(0.9f);
                    TFloat32 p2 = TFloat32.scalarOf(0.999f)) {
                t.out.inputs().parameters.initialize(s, 7, t.out.adam());
                RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
                try (Result r = s.runner().setOptions(trace).feed(t.x, x).feed(t.out.inputs().labels, y)
                        .feed(t.out.adam().beta1Power(), p1).feed(t.out.adam().beta2Power(), p2)
                        .fetch(t.out.loss()).addTarget(t.out.adam().step()).runAndFetchMetadata()) {
                    RunMetadata m = r.getMetadata().orElseThrow();
                    Set<String> onFirst = new TreeSet<>();
                    List<String> devices = new ArrayList<>();
                    for (DeviceStepStats d : m.getStepStats().getDevStatsList()) {
                        devices.add(d.getDevice());
                        if (!d.getDevice().endsWith("/device:CPU:1")) {
                            for (NodeExecStats n : d.getNodeStatsList()) {
                                if (g.operation(n.getNodeName()) != null) {
                                    onFirst.add(n.getNodeName());
                                }
                            }
                        }
                    }
                    assertTrue(devices.stream().anyMatch(d -> d.endsWith("/device:CPU:1")), devices.toString());
                    return onFirst;
                }
            }
        }
    }
}
