package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Ref;
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
 * The store as a DS service: a thin wrapper around {@link FileStore}. The root is the configured
 * {@code root}, else the framework (or system) property {@code stagedml.home}, else
 * {@code $STAGEDML_HOME}, else {@code ~/.stagedml}. The entries the home keeps beside the store are
 * the configured {@code homeEntries} plus the framework property {@code stagedml.home.entries} (a
 * comma list; the launcher sets it), which defaults to {@value #DEFAULT_HOME_ENTRIES} while
 * launchers that do not set it are around. Logs through the OSGi Log Service when there is one. A
 * configuration change re-activates the component on the new root.
 */
@Component(service = Store.class, configurationPid = StoreComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreComponent.Config.class)
public class StoreComponent implements Store {
    public static final String PID = "org.stagedml.store";
    /** The framework property naming the entries of the home beside the store. */
    public static final String HOME_ENTRIES_PROPERTY = "stagedml.home.entries";
    /** What {@value #HOME_ENTRIES_PROPERTY} means when it is not set: the home folders of StagedML's own launcher. */
    static final String DEFAULT_HOME_ENTRIES = "bundles,config,cache";

    @ObjectClassDefinition(id = PID, name = "StagedML store", description = "The content-addressed store of derivations and realizations.")
    public @interface Config {
        @AttributeDefinition(name = "Root folder", description = "The store root; empty: the framework or system property stagedml.home, else $STAGEDML_HOME, else ~/.stagedml.", required = false)
        String root() default "";

        @AttributeDefinition(name = "fsync", description = "Make commits, derivations and roots durable on power loss"
                + " (fsync before and after each publishing rename). Off only for scratch stores: a commit then survives"
                + " a killed process but not a power cut.", required = false)
        boolean fsync() default true;

        @AttributeDefinition(name = "Home entries", description = "Folders that the home keeps beside the store, accepted"
                + " when the store is created in a root that holds them (besides those of the framework property"
                + " stagedml.home.entries).", required = false)
        String[] homeEntries() default {};

        @AttributeDefinition(name = "Checkpoint age", description = "store:gc removes the checkpoints of unfinished builds"
                + " not saved for longer than this many hours (besides those of derivations it removes); 0: never by age.",
                required = false)
        double checkpointMaxAgeHours() default 168;
    }

    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Logger logger; // null outside a framework, and while no Log Service runs

    private final StoreLog log = new StoreLog() {
        @Override
        public void info(String message) {
            Logger l = logger;
            if (l != null) {
                l.info(message);
            }
        }

        @Override
        public void warn(String message) {
            Logger l = logger;
            if (l != null) {
                l.warn(message);
            }
        }
    };

    private Path root;
    private StoreOptions options;
    private FileStore store; // guarded by this; null until the root could be opened

    @Activate
    void activate(Config config, org.osgi.framework.BundleContext context) {
        // the framework's properties (which fall back to the JVM's): an embedding host may run
        // several frameworks with different homes
        open(config, context.getProperty("stagedml.home"), context.getProperty(HOME_ENTRIES_PROPERTY));
    }

    void open(Config config, String homeProperty) {
        open(config, homeProperty, null);
    }

    /**
     * Chooses the root and the options and tries to open the store. A root that cannot be opened
     * (not a store, wrong format, no permission) does not fail the activation: it is logged, every
     * call then says why, so that {@code bin/stagedml} prints the reason instead of a missing
     * service, and a fixed folder is picked up on the next call.
     */
    void open(Config config, String homeProperty, String homeEntriesProperty) {
        root = resolveRoot(config.root(), homeProperty, System.getenv("STAGEDML_HOME"), System.getProperty("user.home"))
                .toAbsolutePath().normalize();
        options = new StoreOptions(config.fsync(), homeEntries(config.homeEntries(), homeEntriesProperty), log,
                Duration.ofMillis((long) (config.checkpointMaxAgeHours() * 3_600_000)));
        try {
            store();
        } catch (RuntimeException e) {
            log.warn("cannot open the store at " + root + " (every store call will say so until it is fixed): "
                    + e.getMessage());
        }
    }

    /** The configured entries plus those of the framework property (its default when it is not set). */
    static Set<String> homeEntries(String[] configured, String property) {
        Set<String> entries = new TreeSet<>(Arrays.asList(configured == null ? new String[0] : configured));
        for (String e : (property == null ? DEFAULT_HOME_ENTRIES : property).split(",")) {
            if (!e.isBlank()) {
                entries.add(e.trim());
            }
        }
        return entries;
    }

    /** The opened store; a StagedmlException naming the root and the problem when it cannot be opened. */
    private synchronized FileStore store() {
        if (store == null) {
            store = new FileStore(root, options);
        }
        return store;
    }

    /** The root precedence: configured, system property, environment, home folder. */
    static Path resolveRoot(String configured, String property, String env, String home) {
        for (String candidate : new String[] {configured, property, env}) {
            if (candidate != null && !candidate.isBlank()) {
                return Paths.get(expandHome(candidate.trim(), home));
            }
        }
        return Paths.get(home, ".stagedml");
    }

    private static String expandHome(String path, String home) {
        return path.equals("~") ? home : path.startsWith("~/") ? home + path.substring(1) : path;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public DRef addDerivation(Derivation derivation) {
        return store().addDerivation(derivation);
    }

    @Override
    public Optional<Derivation> derivation(DRef dref) {
        return store().derivation(dref);
    }

    @Override
    public List<DRef> derivations() {
        return store().derivations();
    }

    @Override
    public List<DRef> derivations(String stage) {
        return store().derivations(stage);
    }

    @Override
    public List<RealizationInfo> realizations(DRef dref) {
        return store().realizations(dref);
    }

    @Override
    public List<RealizationInfo> realizationsOf(String stage) {
        return store().realizationsOf(stage);
    }

    @Override
    public Optional<RealizationInfo> realization(RRef rref) {
        return store().realization(rref);
    }

    @Override
    public Path path(RRef rref) {
        return store().path(rref);
    }

    @Override
    public PendingRealization begin(DRef dref) throws IOException {
        return store().begin(dref);
    }

    @Override
    public Optional<StoreLock> lock(DRef dref, Duration timeout) throws IOException, InterruptedException {
        return store().lock(dref, timeout);
    }

    @Override
    public TempRoot addTempRoot(DRef dref) throws IOException, InterruptedException {
        return store().addTempRoot(dref);
    }

    @Override
    public Set<DRef> dependencies(DRef dref) {
        return store().dependencies(dref);
    }

    @Override
    public Set<DRef> dependents(DRef dref) {
        return store().dependents(dref);
    }

    @Override
    public Set<RRef> referrers(RRef rref) {
        return store().referrers(rref);
    }

    @Override
    public void addRoot(String name, Ref ref) throws IOException {
        store().addRoot(name, ref);
    }

    @Override
    public boolean removeRoot(String name) throws IOException {
        return store().removeRoot(name);
    }

    @Override
    public Map<String, Ref> roots() {
        return store().roots();
    }

    @Override
    public Map<String, String> unreadableRoots() {
        return store().unreadableRoots();
    }

    @Override
    public GcReport gc(boolean dryRun) throws IOException {
        return store().gc(dryRun);
    }

    @Override
    public void remove(Ref ref, boolean force) throws IOException {
        store().remove(ref, force);
    }

    @Override
    public VerifyReport verify(Collection<RRef> rrefs) throws IOException {
        return store().verify(rrefs);
    }

    @Override
    public void exportClosure(Ref ref, Path archive) throws IOException {
        store().exportClosure(ref, archive);
    }

    @Override
    public List<Ref> importArchive(Path archive) throws IOException {
        return store().importArchive(archive);
    }

    @Override
    @Deprecated
    public Path failedLogs() {
        return store().failedLogs();
    }

    @Override
    public Path path(DRef dref) {
        return store().path(dref);
    }

    @Override
    public List<Path> outputFiles(RRef rref) throws IOException {
        return store().outputFiles(rref);
    }

    @Override
    public boolean reserved(Path relative) {
        return RealizationFiles.isStoreOwn(relative);
    }

    @Override
    public List<Path> buildLogs(RRef rref) throws IOException {
        return store().buildLogs(rref);
    }

    @Override
    public Path keepFailedLog(DRef dref, Path log) throws IOException {
        return store().keepFailedLog(dref, log);
    }

    @Override
    public Optional<Path> failedLog(DRef dref) throws IOException {
        return store().failedLog(dref);
    }

    @Override
    public Path userFolder(String kind) throws IOException {
        return store().userFolder(kind);
    }

    @Override
    public FailedBuild keepFailedBuild(PendingRealization pending,
            Map<DRef, List<RRef>> context, Path log) throws IOException {
        return store().keepFailedBuild(pending, context, log);
    }

    @Override
    public List<FailedBuild> failedBuilds() throws IOException {
        return store().failedBuilds();
    }

    @Override
    public boolean removeFailedBuild(FailedBuild failed) throws IOException {
        return store().removeFailedBuild(failed);
    }

    @Override
    public Map<String, String> notes(RRef rref) throws IOException {
        return store().notes(rref);
    }

    @Override
    public String toString() {
        return "StoreComponent[" + store + "]";
    }

    @Override
    public Checkpoint checkpoint(DRef dref, int instance, Consumer<String> warnings) {
        return store().checkpoint(dref, instance, warnings);
    }

    @Override
    public int removeCheckpoints(DRef dref) throws IOException {
        return store().removeCheckpoints(dref);
    }

    @Override
    public List<CheckpointInfo> checkpoints() throws IOException {
        return store().checkpoints();
    }
}
