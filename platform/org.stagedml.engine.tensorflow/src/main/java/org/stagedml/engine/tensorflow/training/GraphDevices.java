package org.stagedml.engine.tensorflow.training;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetRequestedDevice;

import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.stagedml.api.StagedmlException;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.internal.c_api.TF_Graph;

/**
 * Pins a whole graph to one device, so that a build granted {@code gpu:<k>} computes on GPU k only
 * while other builds in the same process compute on other GPUs.
 *
 * <p>Why per graph and not per session: TensorFlow maps one set of visible GPUs per process, so a
 * session's {@code gpu_options.visible_device_list} cannot differ between two sessions of one JVM
 * ("GPU:0 is being mapped to multiple devices"). Every session therefore sees every GPU (see
 * {@link DeviceSessions#config}) and each operation of a build's graph requests its device
 * ({@code /device:GPU:k}), the field {@code Ops.withDevice} sets. The requested device is set on
 * the finished graph, not through a device scope, because TensorFlow Java adds gradients through the
 * C API ({@code TF_AddGradientsWithPrefix}), which takes no device: a scope would leave the backward
 * pass to TensorFlow's placer, which puts an operation without a device on GPU 0. With soft placement
 * (on in every session options here) an operation with no kernel for the GPU (checkpoint I/O, string
 * ops) runs on the CPU, and on a host without that GPU the whole graph runs on the CPU.
 *
 * <p>A CPU build requests no device: its graph and session are exactly what they were before GPUs.
 */
public final class GraphDevices {
    private GraphDevices() {
    }

    /**
     * TensorFlow's name of a build's device: {@code /device:GPU:k} for {@code gpu:<k>}; null for
     * {@code cpu} (no device requested).
     */
    public static String deviceName(String device) {
        if (DeviceSessions.CPU.equals(device)) {
            return null;
        }
        return "/device:GPU:" + DeviceSessions.index(device);
    }

    /**
     * Pins every operation of a finished graph (with its gradients and optimizer) to the build's
     * device ({@code cpu} or {@code gpu:<k>}); on {@code cpu} leaves the graph as it is. Call before
     * the graph's session is created. Returns how many operations it pinned.
     */
    public static int pin(Graph graph, String device) {
        String name = deviceName(device);
        return name == null ? 0 : request(graph, name);
    }

    /**
     * Requests a TensorFlow device (e.g. {@code /device:GPU:1}, or {@code /device:CPU:1} in a session
     * with two CPU devices, which tests use to emulate two GPUs) for every operation of the graph that
     * requests none yet; returns how many.
     */
    public static int request(Graph graph, String deviceName) {
        int n = 0;
        try (AutoCloseable ref = (AutoCloseable) NativeGraph.REF.invoke(graph)) {
            TF_Graph handle = (TF_Graph) NativeGraph.NATIVE_HANDLE.invoke(ref);
            for (Iterator<GraphOperation> it = graph.operations(); it.hasNext();) {
                GraphOperation op = it.next();
                if (op.device().isEmpty()) {
                    TF_SetRequestedDevice(handle, op.getUnsafeNativeHandle(), deviceName);
                    n++;
                }
            }
        } catch (Exception e) {
            throw new StagedmlException("cannot pin the TensorFlow graph to " + deviceName + ": " + e, e);
        }
        return n;
    }

    /** The distinct devices the graph's operations request ({@code ""} for an operation that requests none). */
    public static Set<String> requested(Graph graph) {
        Set<String> devices = new TreeSet<>();
        graph.operations().forEachRemaining(op -> devices.add(op.device()));
        return devices;
    }

    /**
     * TensorFlow Java 1.1 has no public setter for the device of an existing operation, nor a public
     * accessor of the native graph {@code TF_SetRequestedDevice} needs; {@code Graph.ref()} is what TF
     * Java itself uses (and keeps the graph open meanwhile). Loaded only when a graph is pinned, so a
     * CPU build never depends on it.
     */
    private static final class NativeGraph {
        private static final Method REF;
        private static final Method NATIVE_HANDLE;

        static {
            try {
                REF = Graph.class.getDeclaredMethod("ref");
                REF.setAccessible(true);
                NATIVE_HANDLE = REF.getReturnType().getDeclaredMethod("nativeHandle");
                NATIVE_HANDLE.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ExceptionInInitializerError("this TensorFlow Java has no Graph.ref().nativeHandle(), which "
                        + "GraphDevices needs to pin a graph to a GPU (written for TensorFlow Java 1.1): " + e);
            }
        }
    }
}
