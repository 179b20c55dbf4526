package org.stagedml.web.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns a file path taken from a request into a file of one realization, or refuses it. The path
 * must be one of the realization's output files as the store lists them (so never {@code ..}, an
 * absolute path or the store's own metadata), and once links are followed it must still lie inside
 * the realization's folder.
 */
final class SafePaths {
    private SafePaths() {
    }

    /** Why a requested path is refused, said to the user. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param folder the realization's folder
     * @param outputs its output files relative to the folder (Store.outputFiles)
     * @param requested the path from the request, '/'-separated and already percent-decoded
     */
    static Path resolve(Path folder, List<Path> outputs, String requested) throws Refused, IOException {
        if (requested == null || requested.isEmpty()) {
            throw new Refused("no file named");
        }
        if (requested.indexOf('\0') >= 0 || requested.indexOf('\\') >= 0 || requested.startsWith("/")) {
            throw new Refused("not a relative file path: " + requested);
        }
        for (String seg : requested.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw new Refused("a file path may not contain '" + seg + "' segments: " + requested);
            }
        }
        Path relative = folder.getFileSystem().getPath(requested);
        Optional<Path> listed = outputs.stream().filter(relative::equals).findFirst();
        if (listed.isEmpty()) {
            throw new Refused("no output file " + requested + " in this realization");
        }
        Path base = folder.toRealPath();
        Path file = folder.resolve(listed.get());
        Path real = file.toRealPath();
        if (!real.startsWith(base) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused("the file " + requested + " leads out of the realization");
        }
        return real;
    }
}
