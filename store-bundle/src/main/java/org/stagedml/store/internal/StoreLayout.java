package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stagedml.api.DRef;
import org.stagedml.api.Names;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;

/**
 * The folders of a store root, and the checks made when opening one: a missing or empty folder
 * becomes a new store; a folder holding {@code store-v1/VERSION} with "1" is opened; anything else
 * is refused. Besides its own folders the store recognises its user folders (each marked by a
 * {@value #USER_FOLDER_MARK} file, so that they are known after a restart without a registry) and
 * accepts the entries its owner names ({@link StoreOptions#homeEntries}): the store does not know
 * what a StagedML home keeps beside it.
 */
final class StoreLayout {
    static final String FORMAT = "1";
    static final String STORE_DIR = "store-v1";
    /** The file inside a folder made by {@link #userFolder} that marks it as the store's. */
    static final String USER_FOLDER_MARK = ".stagedml-user-folder";
    /** The store's own folders. */
    /** The store's folder of logs meant for people; also the user folder of kind {@code logs}. */
    static final String LOGS = "logs";
    static final Set<String> OWN_FOLDERS = Set.of(STORE_DIR, "tmp", "locks", "roots", LOGS, "failed",
            "checkpoints");

    final Path root;
    final Path store;
    final Path tmp;
    final Path locks;
    final Path roots;
    final Path logs;
    /** Failed builds kept aside (--keep-failed), see FailedBuilds; made when first needed. */
    final Path failed;
    final Path failedLogs;
    /** Checkpoints of builds that have not committed (see Checkpoints); made when first needed. */
    final Path checkpoints;
    private final Set<String> homeEntries;
    private final Sync sync;

    private StoreLayout(Path root, Set<String> homeEntries, Sync sync) {
        this.root = root;
        this.store = root.resolve(STORE_DIR);
        this.tmp = root.resolve("tmp");
        this.locks = root.resolve("locks");
        this.roots = root.resolve("roots");
        this.logs = root.resolve(LOGS);
        this.failed = root.resolve("failed");
        this.failedLogs = logs.resolve("failed");
        this.checkpoints = root.resolve("checkpoints");
        this.homeEntries = homeEntries;
        this.sync = sync;
    }

    /** Opens (or creates) the store at root; a StagedmlException when root is not a usable store. */
    static StoreLayout open(Path root, Set<String> homeEntries, Sync sync) {
        Path abs = root.toAbsolutePath().normalize();
        StoreLayout layout = new StoreLayout(abs, homeEntries, sync);
        try {
            Path version = layout.store.resolve("VERSION");
            if (Files.isRegularFile(version)) {
                layout.checkVersion(version);
            } else if (Files.exists(abs) && !Files.isDirectory(abs)) {
                throw new StagedmlException(abs + " is not a StagedML store: it is a file; choose a folder");
            } else {
                List<String> foreign = layout.foreignEntries();
                if (!foreign.isEmpty() && Files.isRegularFile(version)) {
                    // another process created the store meanwhile (its VERSION, then its content)
                    layout.checkVersion(version);
                } else if (!foreign.isEmpty()) {
                    throw new StagedmlException(abs + " is not a StagedML store: it has no " + STORE_DIR
                            + "/VERSION and holds other files (" + String.join(", ", foreign)
                            + "); choose an empty or new folder as the store root");
                } else {
                    layout.initialize(version);
                }
            }
            for (Path p : List.of(layout.tmp, layout.locks, layout.roots, layout.failedLogs)) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new StagedmlException("cannot open the store at " + abs + ": " + e, e);
        }
        return layout;
    }

    private void checkVersion(Path version) throws IOException {
        String v = Files.readString(version, StandardCharsets.UTF_8).trim();
        if (!v.equals(FORMAT)) {
            throw new StagedmlException("the store at " + root + " has format version '" + v
                    + "' but this StagedML reads version " + FORMAT
                    + ": use the StagedML release that wrote it, or another store root");
        }
    }

    /** Entries of root that a store in the middle of its creation would not have. */
    private List<String> foreignEntries() throws IOException {
        List<String> foreign = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return foreign;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!Files.isDirectory(e) || !(OWN_FOLDERS.contains(name) || homeEntries.contains(name)
                        || Files.isRegularFile(e.resolve(USER_FOLDER_MARK)))) {
                    foreign.add(name);
                } else if (name.equals(STORE_DIR)) {
                    try (DirectoryStream<Path> inner = Files.newDirectoryStream(e)) {
                        for (Path i : inner) {
                            String n = i.getFileName().toString();
                            if (!n.startsWith(".VERSION.") && !n.startsWith("VERSION.")) { // VERSION being written
                                foreign.add(STORE_DIR + "/" + i.getFileName());
                            }
                        }
                    }
                }
            }
        }
        foreign.sort(null);
        return foreign.size() > 5 ? new ArrayList<>(foreign.subList(0, 5)) : foreign;
    }

    /**
     * Writes VERSION through a rename, so that a concurrent opener sees all or nothing; always
     * fsynced (the file, store-v1/ and the root), even in a store without fsync: it is written
     * once, and a power cut that left it empty would make the whole store unreadable (seen in
     * PowerCutTest).
     */
    private void initialize(Path version) throws IOException {
        Files.createDirectories(store);
        Sync.ON.writeAtomically(version, (FORMAT + "\n").getBytes(StandardCharsets.UTF_8), null);
        Sync.ON.force(root);
        checkVersion(version);
    }

    /**
     * A folder beside the store for user-facing outputs of one kind, marked as the store's so that
     * opening the root recognises it; never one of the store's own folders or a home entry.
     */
    Path userFolder(String kind) throws IOException {
        if (kind == null || !Names.STAGE_NAME.matcher(kind).matches()) {
            throw new StagedmlException("invalid user folder kind '" + kind
                    + "': use letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        if (kind.equals(LOGS)) {
            return Files.createDirectories(logs); // the store's folder of logs for people: failed builds' and the platform's
        }
        if (OWN_FOLDERS.contains(kind) || homeEntries.contains(kind)) {
            throw new StagedmlException("cannot use '" + kind + "' as a user folder of the store at " + root
                    + ": that folder is " + (OWN_FOLDERS.contains(kind) ? "the store's own" : "kept by the StagedML home")
                    + "; choose another kind");
        }
        Path dir = Files.createDirectories(root.resolve(kind));
        Path mark = dir.resolve(USER_FOLDER_MARK);
        if (!Files.isRegularFile(mark)) {
            sync.writeAtomically(mark, ("user folder '" + kind + "' of the StagedML store in " + root
                    + "; gc never looks into it\n").getBytes(StandardCharsets.UTF_8), null);
        }
        return dir;
    }

    /** The DRef of a folder name {@code <32 hex>-<name>}, or null when it is not one. */
    static DRef parseFolder(String folder) {
        int dash = folder.indexOf('-');
        if (dash != 32 || !Names.HASH32.matcher(folder.substring(0, 32)).matches()
                || !Names.STAGE_NAME.matcher(folder.substring(33)).matches()) {
            return null;
        }
        return new DRef(folder.substring(0, 32), folder.substring(33));
    }

    Path derivationDir(DRef dref) {
        return store.resolve(dref.folderName());
    }

    Path derivationFile(DRef dref) {
        return derivationDir(dref).resolve("derivation.json");
    }

    Path realizationDir(RRef rref) {
        return derivationDir(rref.dref()).resolve(rref.outputHash());
    }

    Path lockFile(DRef dref) {
        return locks.resolve(dref.folderName() + ".lock");
    }

    /** The folder whose files' byte ranges are the temporary roots (see TempRootLocks). */
    Path tempRoots() {
        return locks.resolve("temp-roots");
    }
}
