package org.stagedml.model.bert.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.stagedml.engine.tensorflow.training.CpuSessions;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * TensorBoard event files ({@code events.out.tfevents.*}) written by TensorFlow's own summary file
 * writer, in a small graph of its own: one scalar per call.
 */
final class EventLog implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TInt64> step;
    private final Placeholder<TString> tag;
    private final Placeholder<TFloat32> value;
    private final Op write;
    private final Op flush;
    private final Op close;

    EventLog(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        Ops tf = Ops.create(graph);
        var writer = tf.summary.summaryWriter();
        Op create = tf.summary.createSummaryFileWriter(writer, tf.constant(dir.toString()), tf.constant(10),
                tf.constant(60_000), tf.constant(".v2"));
        step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
        tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
        value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        write = tf.summary.writeScalarSummary(writer, step, tag, value);
        flush = tf.summary.flushSummaryWriter(writer);
        close = tf.summary.closeSummaryWriter(writer);
        // the summary ops have CPU kernels only; without GPUs this session creates no GPU device
        session = new Session(graph, CpuSessions.config(1));
        session.run(create);
    }

    void scalar(String name, long atStep, double v) {
        try (TInt64 s = TInt64.scalarOf(atStep); TString t = TString.scalarOf(name); TFloat32 x = TFloat32.scalarOf((float) v)) {
            session.runner().feed(step, s).feed(tag, t).feed(value, x).addTarget(write).run().close();
        }
    }

    void flush() {
        session.run(flush);
    }

    @Override
    public void close() {
        try {
            session.run(flush);
            session.run(close);
        } finally {
            session.close();
            graph.close();
        }
    }
}
