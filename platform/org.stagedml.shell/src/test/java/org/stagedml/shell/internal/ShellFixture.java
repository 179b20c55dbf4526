package org.stagedml.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stagedml.api.RRef;
import org.stagedml.model.examples.internal.ChainStage;
import org.stagedml.model.examples.internal.FailStage;
import org.stagedml.model.examples.internal.HelloStage;
import org.stagedml.model.examples.internal.RandomStage;
import org.stagedml.model.examples.internal.SleepStage;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.realizer.internal.StageRegistry;
import org.stagedml.store.internal.FileStore;
import org.stagedml.testing.RealizeFixture;

/** Test support's store and realizer in a temporary folder with the example stages, and both shells over them. */
final class ShellFixture implements AutoCloseable {
    static final Pattern RREF = Pattern.compile("rref:[0-9a-f]{32}-[0-9a-f]{32}-[A-Za-z0-9_.-]+");
    private final RealizeFixture fixture;
    final Path root;
    final FileStore store;
    final StageRegistry registry;
    final DefaultRealizer realizer;
    final StageShell stages;
    final StoreShell storeShell;

    ShellFixture(Path root) {
        this.fixture = new RealizeFixture(root).add("org.stagedml.model.examples", new HelloStage(), new ChainStage(),
                new RandomStage(), new FailStage(), new SleepStage());
        this.root = root;
        this.store = fixture.store();
        this.registry = fixture.registry();
        this.realizer = fixture.realizer();
        this.stages = new StageShell(realizer, store, List::of);
        this.storeShell = new StoreShell(store);
    }

    /** Captured output of a command body. */
    interface Body {
        void run(PrintStream out) throws Exception;
    }

    static String capture(Body body) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            body.run(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Realizes through the shell, plain output; returns the output. */
    String realize(String stage, boolean force, String... overrides) throws Exception {
        return capture(out -> stages.realize(out, new StageShell.RealizeRequest(stage,
                Args.overrides(overrides, ""), force, false, 1, "", false), false));
    }

    static RRef lastRref(String output) {
        Matcher m = RREF.matcher(output);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        if (last == null) {
            throw new AssertionError("no rref in:\n" + output);
        }
        return RRef.parse(last);
    }

    static String lastLine(String output) {
        List<String> lines = output.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public void close() {
        fixture.close();
    }
}
