package org.stagedml.api.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds shared libraries the way the dynamic linker would look for them (LD_LIBRARY_PATH, the CUDA
 * install folders and the system folders), so that an engine can name the CUDA library a host lacks
 * ({@code libcudart.so.12}) instead of failing deep inside its natives.
 */
public final class NativeLibraries {
    private NativeLibraries() {
    }

    /** The folders searched, in order. */
    public static List<Path> searchPath() {
        Set<Path> dirs = new LinkedHashSet<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        String cuda = System.getenv("CUDA_HOME");
        if (cuda != null && !cuda.isBlank()) {
            dirs.add(Path.of(cuda, "lib64"));
        }
        for (String d : List.of("/usr/local/cuda/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/lib/x86_64-linux-gnu", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib")) {
            dirs.add(Path.of(d));
        }
        return List.copyOf(dirs);
    }

    /** Those of the given file names (e.g. {@code libcudart.so.12}) found in no folder of {@link #searchPath()}. */
    public static List<String> missing(String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (searchPath().stream().noneMatch(d -> Files.exists(d.resolve(name)))) {
                missing.add(name);
            }
        }
        return missing;
    }
}
