package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.stagedml.api.Names;
import org.stagedml.api.Ref;
import org.stagedml.api.StagedmlException;

/**
 * The named GC roots: one file per root under {@code roots/}, holding a ref and a newline, written
 * through a fsynced temporary file and a rename (names starting with '.' are such temporaries).
 * A root file that cannot be read is never taken for "no root": gc and remove refuse while there
 * is one (they would delete what it keeps), and verify reports it.
 */
final class RootFiles {
    private final Path dir;
    private final Sync sync;
    private final StoreLog log;

    RootFiles(Path dir, Sync sync, StoreLog log) {
        this.dir = dir;
        this.sync = sync;
        this.log = log;
    }

    /**
     * The roots, for an action that keeps what they reach (gc, remove): a StagedmlException naming
     * every unreadable root file and its fix (also logged) while there is one.
     */
    Map<String, Ref> readableOrRefuse(String action) {
        try {
            return list().requireReadable(action);
        } catch (StagedmlException e) {
            log.warn(e.getMessage());
            throw e;
        }
    }

    /**
     * What {@code roots/} holds now.
     *
     * @param readable root name -> ref, sorted by name
     * @param unreadable root name -> what is wrong with its file and how to fix it, sorted by name
     */
    record Listing(Map<String, Ref> readable, Map<String, String> unreadable) {
        Listing {
            readable = Collections.unmodifiableMap(new TreeMap<>(readable));
            unreadable = Collections.unmodifiableMap(new TreeMap<>(unreadable));
        }

        /** The roots, or a StagedmlException naming every unreadable root file when {@code action} cannot go on. */
        Map<String, Ref> requireReadable(String action) {
            if (!unreadable.isEmpty()) {
                throw new StagedmlException(action + " refused: " + String.join("; ", unreadable.values())
                        + " (what a root reaches is kept, so nothing is deleted while a root cannot be read)");
            }
            return readable;
        }
    }

    Listing list() {
        Map<String, Ref> readable = new TreeMap<>();
        Map<String, String> unreadable = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // a root being written (see Sync.writeAtomically)
                }
                try {
                    String problem = read(e, readable);
                    if (problem != null) {
                        unreadable.put(name, describe(name, e, problem));
                    }
                } catch (NoSuchFileException gone) {
                    // removed while we listed: no root
                }
            }
        } catch (IOException e) {
            throw new StagedmlException("cannot list the roots in " + dir + ": " + e, e);
        }
        return new Listing(readable, unreadable);
    }

    /** Reads one root file into {@code out}; returns what is wrong with it instead, or null. */
    private static String read(Path file, Map<String, Ref> out) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(file.toString());
            }
            return Files.isDirectory(file) ? "it is a folder, not a file" : "it is not a regular file";
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            return e.toString();
        }
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return "it is empty";
        }
        try {
            out.put(file.getFileName().toString(), Ref.parse(text));
            return null;
        } catch (IllegalArgumentException e) {
            return "it holds '" + printable(text) + "', not a dref: or rref: reference";
        }
    }

    private static String describe(String name, Path file, String problem) {
        String fix = Names.STAGE_NAME.matcher(name).matches()
                ? "remove it with store:root-rm " + name + " or rewrite it with store:root-add " + name + " REF"
                : "delete that file";
        return "root '" + name + "' at " + file + " cannot be read (" + problem + "): " + fix;
    }

    /** At most 40 characters, anything not printable ASCII shown as '?' (a root file may hold binary bytes). */
    private static String printable(String text) {
        StringBuilder s = new StringBuilder();
        text.codePoints().limit(40).forEach(c -> s.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return s + (text.codePointCount(0, text.length()) > 40 ? "..." : "");
    }

    void add(String name, Ref ref) throws IOException {
        checkName(name);
        Files.createDirectories(dir);
        sync.writeAtomically(dir.resolve(name), (ref + "\n").getBytes(StandardCharsets.UTF_8), null);
    }

    boolean remove(String name) throws IOException {
        checkName(name);
        Path file = dir.resolve(name);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new StagedmlException("cannot remove root '" + name + "': " + file
                    + " is a folder, not a root file; remove it by hand");
        }
        boolean removed = Files.deleteIfExists(file);
        if (removed) {
            sync.force(dir);
        }
        return removed;
    }

    static void checkName(String name) {
        if (name == null || !Names.STAGE_NAME.matcher(name).matches()) {
            throw new StagedmlException("invalid root name '" + name
                    + "': use letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
    }
}
