package org.stagedml.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.Json;
import org.stagedml.api.MetricSummary;
import org.stagedml.api.Names;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Ref;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.store.GcReport;
import org.stagedml.api.store.Store;
import org.stagedml.api.store.VerifyReport;
import org.stagedml.plot.PlotException;

/**
 * The behaviour of the {@code store:} commands, over a Store; writes to the given stream. Where a
 * command takes a REF it accepts an rref, a dref (its latest realization where one is needed) or a
 * stage name (its latest realization), except for removal, which wants an exact ref.
 */
public final class StoreShell {
    private static final Comparator<RealizationInfo> BY_FINISHED = Comparator
            .comparing(RealizationInfo::finished, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RealizationInfo::rref);
    private final Store store;

    public StoreShell(Store store) {
        this.store = store;
    }

    // ---- resolving what the user typed ----------------------------------------------------------

    /** An rref or dref as typed; a stage name is not accepted here. */
    static Ref exactRef(String text) {
        if (text == null || text.isBlank()) {
            throw new StagedmlException("give a reference (rref:... or dref:...)");
        }
        try {
            return Ref.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new StagedmlException(Text.oneLine(e));
        }
    }

    private static boolean isRefText(String text) {
        return text.startsWith(RRef.PREFIX) || text.startsWith(DRef.PREFIX);
    }

    private static boolean isStageName(String text) {
        return Names.STAGE_NAME.matcher(text).matches();
    }

    /** The realizations a word names: an rref (itself), a dref (all of it), a stage name (all of it). */
    List<RealizationInfo> realizations(String text) {
        List<RealizationInfo> list;
        if (text == null || text.isBlank()) {
            list = new ArrayList<>();
            for (DRef d : store.derivations()) {
                list.addAll(store.realizations(d));
            }
        } else if (isRefText(text)) {
            Ref ref = exactRef(text);
            if (ref instanceof RRef r) {
                list = List.of(store.realization(r).orElseThrow(() -> notInStore(r)));
            } else {
                list = new ArrayList<>(store.realizations((DRef) ref));
            }
        } else if (isStageName(text)) {
            list = new ArrayList<>(store.realizationsOf(text));
        } else {
            throw new StagedmlException("'" + text + "' is neither a reference (rref:..., dref:...) nor a stage name");
        }
        list = new ArrayList<>(list);
        list.sort(BY_FINISHED);
        return list;
    }

    /** One realization: the rref itself, else the latest realization of a dref or stage. */
    RealizationInfo realization(String text) {
        if (text != null && text.trim().startsWith(RRef.PREFIX)) {
            RRef r = (RRef) exactRef(text);
            return store.realization(r).orElseThrow(() -> notInStore(r));
        }
        List<RealizationInfo> all = realizations(text);
        if (all.isEmpty()) {
            throw new StagedmlException("no realizations of '" + text + "' in the store (see store:list)");
        }
        return all.get(all.size() - 1);
    }

    private static StagedmlException notInStore(Ref r) {
        return new StagedmlException("not in the store: " + r + " (see store:list)");
    }

    private static StagedmlException io(String what, IOException e) {
        return new StagedmlException(what + ": " + Text.oneLine(e), e);
    }

    // ---- commands -------------------------------------------------------------------------------

    public void list(PrintStream out, String what) {
        List<RealizationInfo> rs = realizations(what);
        if (rs.isEmpty()) {
            out.println("no realizations" + (what == null || what.isBlank() ? " in the store" : " of " + what));
            return;
        }
        Table t = new Table("REALIZATION", "FINISHED", "SIZE", "METRICS");
        long total = 0;
        for (RealizationInfo r : rs) {
            t.row(r.rref(), Text.time(r.finished()), Text.size(r.sizeBytes()), Text.metrics(r.metrics(), 4));
            total += r.sizeBytes();
        }
        t.print(out);
        out.println(rs.size() + " realization(s), " + Text.size(total));
    }

    public void show(PrintStream out, String text) {
        if (text != null && text.trim().startsWith(DRef.PREFIX)) {
            showDerivation(out, (DRef) exactRef(text));
            return;
        }
        RealizationInfo r = realization(text);
        out.println("realization: " + r.rref());
        out.println("derivation:  " + r.dref());
        out.println("stage:       " + r.rref().name() + " (version " + r.stageVersion() + ")");
        out.println("bundle:      " + (r.bundle().isEmpty() ? "-" : r.bundle() + " " + r.bundleVersion()).trim());
        out.println("started:     " + Text.time(r.started()));
        out.println("finished:    " + Text.time(r.finished()));
        out.println("size:        " + Text.size(r.sizeBytes()));
        out.println("config:");
        store.derivation(r.dref()).ifPresentOrElse(d -> indent(out, pretty(d.config().toJson())),
                () -> out.println("  (derivation.json missing)"));
        out.println("context:");
        if (r.context().isEmpty()) {
            out.println("  (no dependencies)");
        } else {
            r.context().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                out.println("  " + e.getKey());
                e.getValue().forEach(x -> out.println("    " + x));
            });
        }
        out.println("metrics:");
        if (r.metrics().isEmpty()) {
            out.println("  (no metrics.json)");
        } else {
            new java.util.TreeMap<>(r.metrics()).forEach((k, v) -> out.println("  " + k + " = " + Text.number(v)));
        }
        notes(out, r.rref());
        out.println("path:        " + r.path());
    }

    /** The build's notes (devices, instance, touched-by-hand at a break point ...), when it has any. */
    private void notes(PrintStream out, RRef rref) {
        Map<String, String> notes;
        try {
            notes = store.notes(rref);
        } catch (IOException e) {
            return; // the notes are not hashed: without them the realization is still shown
        }
        String resumed = notes.get(Checkpoint.RESUMED_FROM);
        if (resumed != null) {
            out.println("resumed from " + resumed + " (its last attempt went on from a checkpoint)");
        }
        if (!notes.isEmpty()) {
            out.println("notes:");
            new java.util.TreeMap<>(notes).forEach((k, v) -> out.println("  " + k + " = " + v));
        }
    }

    private void showDerivation(PrintStream out, DRef d) {
        Derivation der = store.derivation(d).orElseThrow(() -> notInStore(d));
        out.println("derivation:  " + d);
        out.println("stage:       " + der.stage() + " (version " + der.version() + ")");
        out.println("config:");
        indent(out, pretty(der.config().toJson()));
        List<RealizationInfo> rs = new ArrayList<>(store.realizations(d));
        rs.sort(BY_FINISHED);
        out.println("realizations: " + rs.size());
        rs.forEach(r -> out.println("  " + r.rref() + "  " + Text.time(r.finished()) + "  " + Text.metrics(r.metrics(), 4)));
        out.println("path:        " + store.path(d));
    }

    private static String pretty(JsonNode n) {
        try {
            return Json.mapper().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            return n.toString();
        }
    }

    private static void indent(PrintStream out, String text) {
        text.lines().forEach(l -> out.println("  " + l));
    }

    public Path path(PrintStream out, String text) {
        Path p;
        if (text != null && text.trim().startsWith(DRef.PREFIX)) {
            DRef d = (DRef) exactRef(text);
            store.derivation(d).orElseThrow(() -> notInStore(d));
            p = store.path(d);
        } else if (text != null && text.trim().startsWith(RRef.PREFIX)) {
            p = store.path((RRef) exactRef(text));
        } else {
            p = realization(text).path();
        }
        out.println(p);
        return p;
    }

    public void log(PrintStream out, String text) {
        Ref asked = text != null && isRefText(text.trim()) ? exactRef(text) : null;
        try {
            if (asked instanceof DRef d && store.realizations(d).isEmpty()) {
                Path failed = store.failedLog(d).orElseThrow(() -> new StagedmlException(
                        "no realizations of " + d + " and no failed build log for it"));
                out.println("# failed build log " + failed);
                print(out, failed);
                return;
            }
            if (asked == null && text != null && isStageName(text.trim()) && store.realizationsOf(text.trim()).isEmpty()) {
                throw new StagedmlException("no realizations of '" + text + "' in the store (see store:list)");
            }
            RealizationInfo r = realization(text);
            List<Path> logs = store.buildLogs(r.rref());
            if (logs.isEmpty()) {
                throw new StagedmlException("no build log kept for " + r.rref());
            }
            for (Path l : logs) {
                if (logs.size() > 1) {
                    out.println("# " + r.path().relativize(l));
                }
                print(out, l);
            }
        } catch (IOException e) {
            throw io("cannot read the build logs of " + text, e);
        }
    }

    private static void print(PrintStream out, Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(out::println);
        } catch (IOException | UncheckedIOException e) {
            throw new StagedmlException("cannot read " + file + ": " + Text.oneLine(e));
        }
    }

    public GcReport gc(PrintStream out, boolean dryRun) {
        GcReport r;
        try {
            r = store.gc(dryRun);
        } catch (IOException e) {
            throw io("gc failed", e);
        }
        String verb = r.dryRun() ? "would remove" : "removed";
        r.removed().forEach(ref -> out.println(verb + " " + ref));
        r.skipped().forEach(ref -> out.println("kept (in use or new) " + ref));
        r.checkpoints().forEach(c -> out.println(verb + " checkpoint of " + c.dref() + " instance " + c.instance()
                + " (" + Text.size(c.bytes()) + ", saved " + Text.time(c.saved()) + ")"));
        out.println((r.dryRun() ? "dry run: " : "") + verb + " " + r.removed().size() + " item(s), "
                + Text.size(r.bytes()) + "; kept " + r.kept());
        return r;
    }

    public void roots(PrintStream out) {
        Map<String, Ref> roots = store.roots();
        Map<String, String> unreadable = store.unreadableRoots();
        if (roots.isEmpty() && unreadable.isEmpty()) {
            out.println("no roots (store:root-add NAME REF keeps a realization from gc)");
            return;
        }
        Table t = new Table("ROOT", "REF");
        roots.forEach((n, r) -> t.row(n, r));
        unreadable.forEach((n, why) -> t.row(n, "UNREADABLE: " + why));
        t.print(out);
        if (!unreadable.isEmpty()) {
            out.println("gc refuses to run while a root cannot be read: fix it with store:root-add NAME REF or remove it with store:root-rm NAME");
        }
    }

    public Ref rootAdd(PrintStream out, String name, String text) {
        if (name == null || name.isBlank()) {
            throw new StagedmlException("give the root a name: store:root-add NAME REF");
        }
        Ref ref = text != null && isRefText(text.trim()) ? exactRef(text) : realization(text).rref();
        if (ref instanceof RRef r && store.realization(r).isEmpty()) {
            throw notInStore(r);
        }
        if (ref instanceof DRef d && store.derivation(d).isEmpty()) {
            throw notInStore(d);
        }
        try {
            store.addRoot(name, ref);
        } catch (IOException e) {
            throw io("cannot add root '" + name + "'", e);
        } catch (IllegalArgumentException e) {
            throw new StagedmlException(Text.oneLine(e));
        }
        out.println("root " + name + " -> " + ref);
        return ref;
    }

    public void rootRm(PrintStream out, String name) {
        boolean removed;
        try {
            removed = store.removeRoot(name);
        } catch (IOException e) {
            throw io("cannot remove root '" + name + "'", e);
        } catch (IllegalArgumentException e) {
            throw new StagedmlException(Text.oneLine(e));
        }
        if (!removed) {
            throw new StagedmlException("no root named '" + name + "' (see store:roots)");
        }
        out.println("removed root " + name);
    }

    public void rm(PrintStream out, String text, boolean force) {
        Ref ref = exactRef(text);
        boolean exists = ref instanceof RRef r ? store.realization(r).isPresent()
                : store.derivation((DRef) ref).isPresent();
        if (!exists) {
            throw notInStore(ref);
        }
        try {
            store.remove(ref, force);
        } catch (IOException e) {
            throw io("cannot remove " + ref, e);
        }
        out.println("removed " + ref);
    }

    /** Verifies; prints every problem; throws when there is one. */
    public VerifyReport verify(PrintStream out, List<String> texts) {
        Set<RRef> rrefs = new LinkedHashSet<>();
        for (String t : texts) {
            List<RealizationInfo> rs = realizations(t);
            if (rs.isEmpty()) {
                throw new StagedmlException("no realizations of '" + t + "' in the store to verify");
            }
            rs.forEach(r -> rrefs.add(r.rref()));
        }
        VerifyReport report;
        try {
            report = store.verify(rrefs);
        } catch (IOException e) {
            throw io("verify failed", e);
        }
        report.problems().forEach(p -> out.println("problem: " + p));
        if (!report.ok()) {
            long bad = report.realizationProblems().stream().map(VerifyReport.Problem::rref).distinct().count();
            int others = report.storeProblems().size();
            throw new StagedmlException("verify found " + report.problems().size() + " problem(s): " + bad
                    + " of " + report.checked() + " realization(s) damaged"
                    + (others == 0 ? "" : ", " + others + " in the store's own files (roots, derivations)"));
        }
        out.println("verified " + report.checked() + " realization(s): ok");
        return report;
    }

    public Path export(PrintStream out, String text, Path file) {
        Ref ref = text != null && isRefText(text.trim()) ? exactRef(text) : realization(text).rref();
        try {
            store.exportClosure(ref, file);
        } catch (IOException e) {
            throw io("cannot export " + ref + " to " + file, e);
        }
        long size = file.toFile().length();
        out.println("exported " + ref + " (" + Text.size(size) + ") to " + file);
        return file;
    }

    public List<Ref> importArchive(PrintStream out, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StagedmlException("no such archive: " + file);
        }
        List<Ref> added;
        try {
            added = store.importArchive(file);
        } catch (IOException e) {
            throw io("cannot import " + file, e);
        }
        added.forEach(r -> out.println("imported " + r));
        out.println(added.isEmpty() ? "nothing new in " + file : "imported " + added.size() + " item(s) from " + file);
        return added;
    }

    /**
     * Compares the realizations of a stage or of one derivation: a table with the config fields
     * that differ and the metrics, then a PNG of training curves and metrics; returns its path
     * (printed last). {@code png} null: a new file under {@code <store root>/plots/}.
     */
    public Path compare(PrintStream out, String text, Path png) {
        if (text == null || text.isBlank()) {
            throw new StagedmlException("give a stage name or a dref to compare: store:compare NAME");
        }
        if (text.trim().startsWith(RRef.PREFIX)) {
            text = exactRef(text).dref().toString(); // an rref stands for its derivation
        }
        List<RealizationInfo> rs = realizations(text.trim());
        if (rs.isEmpty()) {
            throw new StagedmlException("no realizations of '" + text + "' to compare (realize it first)");
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            labels.add("#" + (i + 1));
        }
        // config fields whose values differ between the realizations' derivations
        Map<DRef, Config> configs = new LinkedHashMap<>();
        for (RealizationInfo r : rs) {
            configs.computeIfAbsent(r.dref(), d -> store.derivation(d).map(Derivation::config).orElse(Config.empty()));
        }
        Set<String> fields = new TreeSet<>();
        configs.values().forEach(c -> fields.addAll(c.fields()));
        List<String> differing = new ArrayList<>();
        for (String f : fields) {
            if (configs.values().stream().map(c -> c.get(f).map(JsonNode::toString).orElse("")).distinct().count() > 1) {
                differing.add(f);
            }
        }
        Set<String> metricNames = new TreeSet<>();
        rs.forEach(r -> metricNames.addAll(r.metrics().keySet()));

        List<String> header = new ArrayList<>(List.of("#", "REALIZATION", "FINISHED"));
        differing.forEach(f -> header.add(f));
        metricNames.forEach(m -> header.add(m));
        Table t = new Table(header);
        for (int i = 0; i < rs.size(); i++) {
            RealizationInfo r = rs.get(i);
            List<String> row = new ArrayList<>(List.of(labels.get(i), r.rref().toString(), Text.time(r.finished())));
            Config c = configs.get(r.dref());
            for (String f : differing) {
                row.add(c.get(f).map(StoreShell::cell).orElse("-"));
            }
            for (String m : metricNames) {
                Double v = r.metrics().get(m);
                row.add(v == null ? "-" : Text.number(v));
            }
            t.row(row);
        }
        out.println(rs.size() + " realization(s) of " + text + " in " + configs.size() + " derivation(s)"
                + (differing.isEmpty() ? "" : "; config differences: " + String.join(", ", differing)));
        t.print(out);
        MetricSummary.byMetric(rs.stream().map(RealizationInfo::metrics).toList()).forEach((m, st) -> {
            if (st.n() > 1) {
                out.println(m + ": mean " + Text.number(st.mean()) + ", sd " + Text.number(st.sd()) + ", min "
                        + Text.number(st.min()) + ", max " + Text.number(st.max()));
            }
        });
        Path file = png != null ? png.toAbsolutePath() : plotFile(rs.get(0).rref().name());
        ComparePlot.Drawn drawn;
        try {
            drawn = ComparePlot.write(file, text.startsWith(DRef.PREFIX) ? rs.get(0).rref().name() : text, rs, labels);
        } catch (PlotException e) {
            throw new StagedmlException(e.getMessage(), e); // the table stands; the message says what to install
        } catch (IOException e) {
            throw io("cannot read the training curves for " + file, e);
        }
        if (drawn.curves() == 0) {
            out.println("no history.jsonl in these realizations: the plot shows the metrics only");
        }
        out.println("plot: " + file);
        return file;
    }

    /** A new file in the store's folder for plots. */
    private Path plotFile(String stage) {
        try {
            return store.userFolder("plots").toAbsolutePath().resolve("compare-" + stage + "-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC).format(Instant.now())
                    + ".png");
        } catch (IOException e) {
            throw io("cannot create the folder for plots", e);
        }
    }

    private static String cell(JsonNode v) {
        String s = v.isTextual() ? v.textValue() : v.toString();
        if (DRef.isDRef(s)) {
            DRef d = DRef.parse(s);
            return d.name() + "@" + d.hash().substring(0, 8);
        }
        return s.length() > 30 ? s.substring(0, 29) + "…" : s;
    }
}
