package org.stagedml.engine.tensorflow.internal;

import static org.tensorflow.internal.c_api.global.tensorflow.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.stagedml.api.StagedmlException;
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
                    return names(devices, status);
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

    private static List<String> names(TF_DeviceList devices, TF_Status status) {
        int count = TF_DeviceListCount(devices);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = TF_DeviceListName(devices, i, status).getString();
            check(status, "read a device name");
            names.add(name.startsWith(LOCAL_TASK) ? name.substring(LOCAL_TASK.length()) : name);
        }
        return List.copyOf(names);
    }

    private static void check(TF_Status status, String what) {
        if (TF_GetCode(status) != TF_OK) {
            throw new StagedmlException("TensorFlow could not " + what + ": "
                    + TF_Message(status).getString());
        }
    }
}
