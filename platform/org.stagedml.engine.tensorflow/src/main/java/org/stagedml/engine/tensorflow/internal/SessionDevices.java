package org.stagedml.engine.tensorflow.internal;

import static org.tensorflow.internal.c_api.global.tensorflow.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.engine.Gpu;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * Lists the devices a TensorFlow session in this process computes on, by opening a throw-away
 * session through the C API (TF Java has no public call for it). Loads the natives.
 */
public final class SessionDevices {
    /** Prefix of every local device name; dropped so names read {@code /device:CPU:0}. */
    private static final String LOCAL_TASK = "/job:localhost/replica:0/task:0";

    private SessionDevices() {}

    /** The native TensorFlow version, e.g. {@code 2.18.0}; loads the natives. */
    public static String nativeVersion() {
        return TensorFlow.version();
    }

    /** Device names such as {@code /device:CPU:0} and {@code /device:GPU:0}. */
    public static List<String> list() {
        List<String> names = new ArrayList<>();
        withDevices((devices, status) -> {
            for (int i = 0; i < TF_DeviceListCount(devices); i++) {
                names.add(name(devices, i, status));
            }
        });
        return List.copyOf(names);
    }

    /** The GPUs a session sees, with their memory (TensorFlow names them, it does not say the model). */
    public static List<Gpu> gpus() {
        List<Gpu> gpus = new ArrayList<>();
        withDevices((devices, status) -> {
            for (int i = 0; i < TF_DeviceListCount(devices); i++) {
                String name = name(devices, i, status);
                String type = TF_DeviceListType(devices, i, status).getString();
                check(status, "read a device type");
                if (type.equals("GPU")) {
                    long memory = TF_DeviceListMemoryBytes(devices, i, status);
                    check(status, "read a device's memory");
                    int index = Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
                    gpus.add(new Gpu(index, "TensorFlow " + name, memory));
                }
            }
        });
        return List.copyOf(gpus);
    }

    private interface DeviceReader {
        void read(TF_DeviceList devices, TF_Status status);
    }

    private static void withDevices(DeviceReader reader) {
        TensorFlow.version(); // lets TF Java load and initialise its natives before the raw C API is used
        TF_Status status = TF_NewStatus();
        TF_SessionOptions options = TF_NewSessionOptions();
        TF_Graph graph = TF_NewGraph();
        try {
            byte[] config = listingConfig();
            try (BytePointer bytes = new BytePointer(config)) {
                TF_SetConfig(options, bytes, config.length, status);
            }
            check(status, "configure the session");
            TF_Session session = TF_NewSession(graph, options, status);
            check(status, "open a session");
            try {
                TF_DeviceList devices = TF_SessionListDevices(session, status);
                check(status, "list the session's devices");
                try {
                    reader.read(devices, status);
                } finally {
                    TF_DeleteDeviceList(devices);
                }
            } finally {
                TF_CloseSession(session, status);
                TF_DeleteSession(session, status);
            }
        } finally {
            TF_DeleteGraph(graph);
            TF_DeleteSessionOptions(options);
            TF_DeleteStatus(status);
        }
    }

    /**
     * GPU settings are process-wide and fixed by the first session, which may be this one: allow
     * growth so that listing devices does not reserve all GPU memory for this process. Threads are
     * per session so that this session does not fix the process-wide thread pools either.
     */
    private static byte[] listingConfig() {
        return ConfigProto.newBuilder()
                .setUsePerSessionThreads(true)
                .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
                .build()
                .toByteArray();
    }

    private static String name(TF_DeviceList devices, int i, TF_Status status) {
        String name = TF_DeviceListName(devices, i, status).getString();
        check(status, "read a device name");
        return name.startsWith(LOCAL_TASK) ? name.substring(LOCAL_TASK.length()) : name;
    }

    private static void check(TF_Status status, String what) {
        if (TF_GetCode(status) != TF_OK) {
            throw new StagedmlException("TensorFlow could not " + what + ": "
                    + TF_Message(status).getString());
        }
    }
}
