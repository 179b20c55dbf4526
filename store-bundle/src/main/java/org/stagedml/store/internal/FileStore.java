package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.Json;
import org.stagedml.api.Names;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Ref;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.store.CheckpointInfo;
import org.stagedml.api.store.FailedBuild;
import org.stagedml.api.store.GcReport;
import org.stagedml.api.store.PendingRealization;
import org.stagedml.api.store.Store;
import org.stagedml.api.store.StoreLock;
import org.stagedml.api.store.TempRoot;
import org.stagedml.api.store.VerifyReport;

/**
 * The store on a local filesystem, usable without OSGi. Opening it creates the layout in a
 * missing or empty folder, refuses anything that is not a version-1 store, and runs the
 * {@link Janitor} on {@code tmp/}. Thread-safe; several processes may share one root.
 */
public class FileStore implements Store {
    final StoreLayout layout;
    final Sync sync;
    final StoreLog log;
    final RootFiles rootFiles;
    final Checkpoints checkpoints;
    /** gc removes checkpoints older than this; null: never by age. */
    final Duration checkpointMaxAge;
    private final Map<DRef, Derivation> derivationCache = new ConcurrentHashMap<>();
    private final Map<RRef, RealizationInfo> infoCache = new ConcurrentHashMap<>();
    private final DrefMemo drefs = new DrefMemo();
    private final RealizationListings listings = new RealizationListings();
    private volatile TempRootLocks tempRoots; // the JVM-wide instance for this root, once looked up

    /** A store with the {@link StoreOptions#DEFAULTS}: fsync on, nothing but the store in the root, no log. */
    public FileStore(Path root) {
        this(root, StoreOptions.DEFAULTS);
    }

    public FileStore(Path root, StoreOptions options) {
        this.sync = Sync.of(options.fsync());
        this.log = options.log();
        this.layout = StoreLayout.open(root, options.homeEntries(), sync);
        this.rootFiles = new RootFiles(layout.roots, sync, log);
        this.checkpoints = new Checkpoints(layout.checkpoints, sync);
        this.checkpointMaxAge = options.checkpointMaxAge();
        log.info("store opened at " + layout.root + " (format " + StoreLayout.FORMAT + ", fsync "
                + (sync.enabled() ? "on" : "off: commits survive a killed process but not a power cut") + ")");
        try {
            cleanTmp();
        } catch (IOException e) {
            throw new StagedmlException("cannot clean " + layout.tmp + ": " + e, e);
        }
    }

    @Override
    public Path root() {
        return layout.root;
    }

    /** Removes what dead processes left in tmp/; returns how many entries were removed. */
    public int cleanTmp() throws IOException {
        int removed = Janitor.clean(layout.tmp);
        if (removed > 0) {
            log.info("removed " + removed + " entr" + (removed == 1 ? "y" : "ies")
                    + " that ended processes left in " + layout.tmp + " (unfinished builds, imports, deletions)");
        }
        return removed;
    }

    // ---- derivations -------------------------------------------------------------------------

    @Override
    public DRef addDerivation(Derivation derivation) {
        DRef dref;
        try {
            dref = drefs.of(derivation);
        } catch (IllegalArgumentException e) {
            throw new StagedmlException("derivation of " + derivation.stage() + " cannot be hashed: " + e.getMessage(), e);
        }
        Path file = layout.derivationFile(dref);
        for (int attempt = 0; !Files.isRegularFile(file); attempt++) {
            try {
                Path dir = file.getParent();
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    sync.force(layout.store); // the new folder's entry
                }
                sync.writeAtomically(file, Json.mapper().writeValueAsBytes(derivation.toJson()), FileTrees.READ_ONLY_FILE);
            } catch (NoSuchFileException e) {
                if (attempt >= 3) {
                    throw new StagedmlException("cannot write " + file + ": " + e, e); // a GC kept removing its folder
                }
            } catch (IOException e) {
                throw new StagedmlException("cannot write " + file + ": " + e, e);
            }
        }
        derivationCache.putIfAbsent(dref, derivation);
        return dref;
    }

    @Override
    public Optional<Derivation> derivation(DRef dref) {
        Derivation cached = derivationCache.get(dref);
        Path file = layout.derivationFile(dref);
        if (cached != null && Files.isRegularFile(file)) {
            return Optional.of(cached);
        }
        try {
            Derivation d;
            try {
                d = Derivation.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (StagedmlException | IllegalArgumentException e) { // not JSON, not a derivation, bad name
                throw new StagedmlException("the store is corrupted: " + file + " cannot be read (" + e.getMessage()
                        + "); remove that folder", e);
            }
            if (!d.dref().equals(dref)) {
                throw new StagedmlException("the store is corrupted: " + file + " hashes to " + d.dref()
                        + ", not " + dref + "; remove that folder");
            }
            derivationCache.put(dref, d);
            return Optional.of(d);
        } catch (NoSuchFileException e) {
            derivationCache.remove(dref);
            return Optional.empty();
        } catch (IOException e) {
            throw new StagedmlException("cannot read " + file + ": " + e, e);
        }
    }

    Derivation requireDerivation(DRef dref) {
        return derivation(dref).orElseThrow(() -> new StagedmlException(
                "derivation " + dref + " is not in the store at " + layout.root + "; add it first"));
    }

    @Override
    public List<DRef> derivations() {
        List<DRef> all = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.store)) {
            for (Path e : entries) {
                DRef dref = StoreLayout.parseFolder(e.getFileName().toString());
                if (dref != null && Files.isRegularFile(e.resolve("derivation.json"))) {
                    all.add(dref);
                }
            }
        } catch (IOException e) {
            throw new StagedmlException("cannot list " + layout.store + ": " + e, e);
        }
        all.sort(null);
        return all;
    }

    @Override
    public List<DRef> derivations(String stage) {
        return derivations().stream().filter(d -> d.name().equals(stage)).toList();
    }

    // ---- realizations ------------------------------------------------------------------------

    /**
     * The RRefs of a derivation's realization folders, unsorted: one directory read, no further
     * stat (only a commit's rename creates an entry named by a hash there, always a folder).
     */
    List<RRef> realizationRefs(DRef dref) {
        return listRealizationRefs(dref, layout.derivationDir(dref));
    }

    private static List<RRef> listRealizationRefs(DRef dref, Path dir) {
        List<RRef> refs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (Names.HASH32.matcher(name).matches()) {
                    refs.add(RRef.of(name, dref));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return refs;
        } catch (IOException e) {
            throw new StagedmlException("cannot list " + dir + ": " + e, e);
        }
        return refs;
    }

    @Override
    public List<RealizationInfo> realizations(DRef dref) {
        List<RealizationInfo> infos = new ArrayList<>();
        // what realizes and queries read: the folder's listing is kept while the folder is unchanged
        // (gc, remove, verify and export list afresh)
        for (RRef r : listings.refs(dref, layout::derivationDir, dir -> listRealizationRefs(dref, dir))) {
            RealizationInfo info = infoCache.get(r); // just listed: no need to check that it exists
            if (info != null) {
                infos.add(info);
            } else {
                realization(r).ifPresent(infos::add);
            }
        }
        infos.sort(OLDEST_FIRST);
        return infos;
    }

    static final Comparator<RealizationInfo> OLDEST_FIRST = Comparator.comparing(RealizationInfo::finished)
            .thenComparing(RealizationInfo::started).thenComparing(RealizationInfo::rref);

    @Override
    public List<RealizationInfo> realizationsOf(String stage) {
        List<RealizationInfo> infos = new ArrayList<>();
        for (DRef d : derivations(stage)) {
            infos.addAll(realizations(d));
        }
        infos.sort(OLDEST_FIRST);
        return infos;
    }

    @Override
    public Optional<RealizationInfo> realization(RRef rref) {
        Path dir = layout.realizationDir(rref);
        if (!Files.isDirectory(dir)) {
            infoCache.remove(rref);
            return Optional.empty();
        }
        RealizationInfo info = infoCache.get(rref);
        if (info == null) {
            info = RealizationFiles.info(rref, dir, log);
            infoCache.put(rref, info);
        }
        return Optional.of(info);
    }

    @Override
    public Path path(RRef rref) {
        Path dir = layout.realizationDir(rref);
        if (!Files.isDirectory(dir)) {
            throw new StagedmlException("realization " + rref + " is not in the store at " + layout.root);
        }
        return dir;
    }

    boolean exists(Ref ref) {
        return ref instanceof RRef r ? Files.isDirectory(layout.realizationDir(r))
                : Files.isRegularFile(layout.derivationFile((DRef) ref));
    }

    @Override
    public PendingRealization begin(DRef dref) throws IOException {
        requireDerivation(dref);
        return FilePendingRealization.start(this, dref);
    }

    void forget(RRef rref) {
        infoCache.remove(rref);
        listings.forget(rref.dref());
    }

    void forget(DRef dref) {
        listings.forget(dref);
        derivationCache.remove(dref);
        infoCache.keySet().removeIf(r -> r.dref().equals(dref));
    }

    // ---- locks -------------------------------------------------------------------------------

    @Override
    public Optional<StoreLock> lock(DRef dref, Duration timeout) throws IOException, InterruptedException {
        long nanos = timeout == null ? -1 : Math.max(0, timeout.toNanos());
        Files.createDirectories(layout.locks);
        return ProcessLocks.acquire(layout.lockFile(dref), nanos).map(held -> new DerivationLock(dref, held));
    }

    @Override
    public TempRoot addTempRoot(DRef dref) throws IOException, InterruptedException {
        return new FileTempRoot(dref, tempRootLocks().share(dref));
    }

    /** The temporary roots of this store; gc and remove check them before they delete. */
    TempRootLocks tempRootLocks() throws IOException {
        TempRootLocks locks = tempRoots;
        if (locks == null) { // looked up once, not on every hold: a realize takes one per derivation
            locks = TempRootLocks.of(layout.tempRoots());
            tempRoots = locks;
        }
        return locks;
    }

    /** A held temporary root: a share of the derivation's byte under {@code locks/temp-roots/}. */
    private record FileTempRoot(DRef dref, TempRootFile.Hold hold) implements TempRoot {
        @Override
        public void close() {
            hold.close();
        }
    }

    /** A held per-derivation lock. */
    private record DerivationLock(DRef dref, ProcessLocks.Held held) implements StoreLock {
        @Override
        public void close() {
            held.close();
        }
    }

    // ---- references --------------------------------------------------------------------------

    @Override
    public Set<DRef> dependencies(DRef dref) {
        return dependenciesOf(requireDerivation(dref));
    }

    /**
     * A derivation's dependencies as {@link org.stagedml.api.Config#dependencies()} defines them
     * (top-level fields holding a {@code dref:} string), the one definition the realizer uses too:
     * gc, remove, export and the reference queries all go through here.
     */
    static Set<DRef> dependenciesOf(Derivation d) {
        return new TreeSet<>(d.config().dependencies().values());
    }

    @Override
    public Set<DRef> dependents(DRef dref) {
        Set<DRef> result = new TreeSet<>();
        for (DRef d : derivations()) {
            derivation(d).ifPresent(der -> {
                if (dependenciesOf(der).contains(dref)) {
                    result.add(d);
                }
            });
        }
        return result;
    }

    @Override
    public Set<RRef> referrers(RRef rref) {
        Set<RRef> result = new TreeSet<>();
        for (DRef d : derivations()) {
            for (RRef r : realizationRefs(d)) {
                realization(r).ifPresent(info -> {
                    if (info.context().values().stream().anyMatch(l -> l.contains(rref))) {
                        result.add(r);
                    }
                });
            }
        }
        return result;
    }

    // ---- roots and GC ------------------------------------------------------------------------

    @Override
    public void addRoot(String name, Ref ref) throws IOException {
        RootFiles.checkName(name);
        if (!exists(ref)) {
            throw new StagedmlException("cannot add root '" + name + "': " + ref + " is not in the store at " + layout.root);
        }
        rootFiles.add(name, ref);
    }

    @Override
    public boolean removeRoot(String name) throws IOException {
        return rootFiles.remove(name);
    }

    /** The readable roots; {@link #unreadableRoots()} lists the others (gc and remove refuse while there are any). */
    @Override
    public Map<String, Ref> roots() {
        return rootFiles.list().readable();
    }

    @Override
    public Map<String, String> unreadableRoots() {
        return rootFiles.list().unreadable();
    }

    @Override
    public GcReport gc(boolean dryRun) throws IOException {
        return new GarbageCollector(this).run(dryRun);
    }

    @Override
    public void remove(Ref ref, boolean force) throws IOException {
        new Remover(this).remove(ref, force);
    }

    // ---- integrity and transport -------------------------------------------------------------

    @Override
    public VerifyReport verify(Collection<RRef> rrefs) throws IOException {
        return Verifier.verify(this, rrefs);
    }

    @Override
    public void exportClosure(Ref ref, Path archive) throws IOException {
        new Archives(this).export(ref, archive);
    }

    @Override
    public List<Ref> importArchive(Path archive) throws IOException {
        return new Archives(this).importArchive(archive);
    }

    @Override
    @Deprecated
    public Path failedLogs() {
        return layout.failedLogs;
    }

    @Override
    public Path path(DRef dref) {
        if (!Files.isRegularFile(layout.derivationFile(dref))) {
            throw new StagedmlException("derivation " + dref + " is not in the store at " + layout.root);
        }
        return layout.derivationDir(dref);
    }

    @Override
    public List<Path> outputFiles(RRef rref) throws IOException {
        Path dir = path(rref);
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(dir::relativize)
                    .filter(p -> !RealizationFiles.isStoreOwn(p)).sorted().toList();
        }
    }

    @Override
    public boolean reserved(Path relative) {
        return RealizationFiles.isStoreOwn(relative);
    }

    @Override
    public List<Path> buildLogs(RRef rref) throws IOException {
        Path meta = path(rref).resolve(RealizationFiles.META);
        if (!Files.isDirectory(meta)) {
            return List.of();
        }
        try (var files = Files.walk(meta)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".log") || p.getFileName().toString().startsWith("log"))
                    .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().startsWith("build"))
                            .thenComparing(Path::toString))
                    .toList();
        }
    }

    @Override
    public Path keepFailedLog(DRef dref, Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            throw new StagedmlException("cannot keep the log of the failed build of " + dref + ": " + log + " is not a file");
        }
        Files.createDirectories(layout.failedLogs);
        // <folder>-<UTC time to the microsecond>.log: names sort by time (see failedLog)
        java.time.Instant at = java.time.Instant.now();
        while (true) {
            Path kept = layout.failedLogs.resolve(dref.folderName() + "-" + FAILED_LOG_TIME.format(at) + ".log");
            try {
                Files.copy(log, kept);
                return kept;
            } catch (FileAlreadyExistsException e) {
                at = at.plusNanos(1000); // another failure of the same derivation in the same microsecond
            }
        }
    }

    private static final java.time.format.DateTimeFormatter FAILED_LOG_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd-HHmmss-SSSSSS").withZone(java.time.ZoneOffset.UTC);

    @Override
    public Optional<Path> failedLog(DRef dref) throws IOException {
        if (!Files.isDirectory(layout.failedLogs)) {
            return Optional.empty();
        }
        String prefix = dref.folderName() + "-";
        try (var files = Files.list(layout.failedLogs)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".log") && n.length() == prefix.length() + 26;
            }).max(Comparator.comparing(p -> p.getFileName().toString()));
        }
    }

    @Override
    public Path userFolder(String kind) throws IOException {
        return layout.userFolder(kind);
    }

    @Override
    public FailedBuild keepFailedBuild(PendingRealization pending, Map<DRef, List<RRef>> context,
            Path log) throws IOException {
        return new FailedBuilds(this, layout).keep(pending, context, log);
    }

    @Override
    public List<FailedBuild> failedBuilds() throws IOException {
        return new FailedBuilds(this, layout).list();
    }

    @Override
    public boolean removeFailedBuild(FailedBuild failed) throws IOException {
        return new FailedBuilds(this, layout).remove(failed);
    }

    @Override
    public Map<String, String> notes(RRef rref) {
        return RealizationFiles.readNotes(path(rref));
    }

    /**
     * Publishes a finished tree as a realization: makes it read-only, fsyncs it (contents and
     * folders), renames it into {@code store-v1/} under the derivation lock (see CommitGuard),
     * then fsyncs the folder it arrived in. False when an identical realization was there
     * already (the tree is left where it was, for its owner to remove).
     */
    boolean publish(Path tree, RRef rref) throws IOException {
        FileTrees.makeReadOnly(tree, true);
        sync.forceTree(tree);
        Path target = layout.realizationDir(rref);
        try (CommitGuard guard = CommitGuard.take(layout.lockFile(rref.dref()))) {
            requireDerivation(rref.dref()); // a GC may have removed it meanwhile (when nobody held its lock)
            if (Files.isDirectory(target)) {
                return false;
            }
            try {
                Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                return false; // an identical realization arrived meanwhile
            }
            Files.setPosixFilePermissions(target, FileTrees.READ_ONLY_DIR);
            listings.forget(rref.dref());
            sync.force(target);
            sync.force(target.getParent());
            return true;
        }
    }

    // ---- checkpoints ------------------------------------------------------------------------

    @Override
    public Checkpoint checkpoint(DRef dref, int instance, Consumer<String> warnings) {
        Consumer<String> both = w -> {
            log.warn(w);
            if (warnings != null) {
                warnings.accept(w);
            }
        };
        return checkpoints.area(dref, instance, both);
    }

    @Override
    public int removeCheckpoints(DRef dref) throws IOException {
        int n = checkpoints.removeAll(dref);
        if (n > 0) {
            log.info("removed the checkpoints of " + n + " instance(s) of " + dref);
        }
        return n;
    }

    @Override
    public List<CheckpointInfo> checkpoints() throws IOException {
        return checkpoints.list();
    }

    /** Moves a folder out of store-v1 into tmp/ (atomically) and deletes it there. */
    void discard(Path dir) throws IOException {
        Path trash = layout.tmp.resolve("trash~" + UUID.randomUUID());
        try {
            Files.setPosixFilePermissions(dir, FileTrees.WRITABLE_DIR); // needed to move a folder to another parent
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        FileTrees.deleteTree(trash);
    }

    @Override
    public String toString() {
        return "FileStore[" + layout.root + (sync.enabled() ? "" : ", fsync off") + "]";
    }
}
