package org.stagedml.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.execute.DerivationBuilder;
import org.stagedml.api.execute.ProgressLine;
import org.stagedml.api.execute.RemoteTask;
import org.stagedml.api.realize.RealizeEvent;

/**
 * {@code stage:build-derivation <task.json>}: the remote side of a cluster executor (a Slurm job
 * runs it on a node). Builds exactly the ordered derivation in this process against the shared
 * store, on the GPUs {@code CUDA_VISIBLE_DEVICES} names (numbered from 0, as CUDA numbers them in
 * this process), printing the build's events as lines for the submitter to follow. A SIGTERM (the
 * cluster cancelling the job) cancels the build and waits for its cleanup before the JVM ends.
 */
@Component(service = Object.class, property = {"osgi.command.scope=stage",
        "osgi.command.function=build-derivation"})
public class BuildDerivationCommand {
    /** How long the JVM's end waits for a cancelled build to clean up (Slurm's KillWait is 30 s). */
    private static final long CLEANUP_MS = 25_000;
    private final DerivationBuilder builder;

    @Activate
    public BuildDerivationCommand(@Reference DerivationBuilder builder) {
        this.builder = builder;
    }

    @Descriptor("(used by cluster executors on their nodes) build exactly one derivation as a task file orders")
    public void buildDerivation(@Descriptor("the task file an executor wrote") String file) throws IOException {
        PrintStream out = System.out;
        RemoteTask task = RemoteTask.fromJson(Json.mapper().readTree(Files.readString(Path.of(file))));
        Map<String, String> notes = new LinkedHashMap<>();
        task.notesFromEnvironment().forEach((note, variable) -> {
            String v = System.getenv(variable);
            if (v != null && !v.isBlank()) {
                notes.put(note, v);
            }
        });
        List<String> devices = devices(System.getenv("CUDA_VISIBLE_DEVICES"));
        out.println("building " + task.order().dref() + " on " + devices + " with " + task.cpus() + " cpu(s) " + notes);
        Thread building = Thread.currentThread();
        Thread onExit = new Thread(() -> {
            building.interrupt();
            try {
                building.join(CLEANUP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stagedml-build-derivation-cancel");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            List<RRef> built = builder.build(task.order(), devices, task.cpus(), notes, e -> print(out, e));
            built.forEach(out::println);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // the JVM is ending: the hook is running (it waits for this thread)
            }
        }
    }

    /** {@code CUDA_VISIBLE_DEVICES=3,5} -> [gpu:0, gpu:1] (CUDA renumbers what it shows); none -> [cpu]. */
    static List<String> devices(String visible) {
        List<String> gpus = new ArrayList<>();
        if (visible != null && !visible.isBlank() && !visible.trim().equals("NoDevFiles")) {
            for (String id : visible.split(",")) {
                if (!id.isBlank()) {
                    gpus.add("gpu:" + gpus.size());
                }
            }
        }
        return gpus.isEmpty() ? List.of("cpu") : gpus;
    }

    private static void print(PrintStream out, RealizeEvent e) {
        switch (e.type()) {
            case PROGRESS -> out.println(new ProgressLine(e.fraction(), e.message()).format());
            case LOG -> out.println(e.message());
            default -> out.println(e.type().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.message());
        }
        out.flush();
    }

    /** Gogo calls this, with the function's name first, for a function without a method of its name. */
    public void _main(String function, String... args) {
        Hyphenated.call(this, function, args);
    }
}
