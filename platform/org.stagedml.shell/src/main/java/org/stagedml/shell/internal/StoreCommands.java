package org.stagedml.shell.internal;

import java.nio.file.Path;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.Store;

/**
 * Gogo commands of scope {@code store}; a thin wrapper around {@link StoreShell}. Registered as a
 * plain {@code Object} with the {@code osgi.command.*} properties (Gogo's whiteboard). The
 * hyphenated {@code root-add} and {@code root-rm} are {@link StoreRootCommands}.
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=store",
        "osgi.command.function=list",
        "osgi.command.function=show",
        "osgi.command.function=path",
        "osgi.command.function=log",
        "osgi.command.function=gc",
        "osgi.command.function=roots",
        "osgi.command.function=rm",
        "osgi.command.function=verify",
        "osgi.command.function=export",
        "osgi.command.function=import",
        "osgi.command.function=compare"})
public class StoreCommands {
    private final StoreShell shell;
    private final FailedBuildsShell failedBuilds;

    @Activate
    public StoreCommands(@Reference Store store) {
        this.shell = new StoreShell(store);
        this.failedBuilds = new FailedBuildsShell(store);
    }

    @Descriptor("list realizations (all, or of a stage, dref or rref) with finish time, size and key metrics")
    public void list(@Descriptor("a stage name, dref or rref (all when omitted)") String... what) {
        shell.list(System.out, single(what, "store:list [NAME|REF]"));
    }

    @Descriptor("show a realization (or a derivation): config, context, metrics, path")
    public void show(@Descriptor("rref, dref or stage name (its latest realization)") String ref) {
        shell.show(System.out, ref);
    }

    @Descriptor("print the filesystem path of a realization (or of a derivation's folder)")
    public void path(@Descriptor("rref, dref or stage name (its latest realization)") String ref) {
        shell.path(System.out, ref);
    }

    @Descriptor("print the build log of a realization (or of a derivation's last failed build)")
    public void log(@Descriptor("rref, dref or stage name (its latest realization)") String ref) {
        shell.log(System.out, ref);
    }

    @Descriptor("remove everything no root reaches; --dry-run only says what and how much; --failed also deletes the failed builds kept aside")
    public void gc(@Descriptor("only report what would be removed")
            @Parameter(names = {"--dry-run"}, presentValue = "true", absentValue = "false") boolean dryRun,
            @Descriptor("also delete the failed builds kept by --keep-failed (store:failed)")
            @Parameter(names = {"--failed"}, presentValue = "true", absentValue = "false") boolean failed,
            @Descriptor("(nothing more: a stray word is reported)") String... extra) {
        Args.noExtra(List.of(extra), "--dry-run, --failed");
        shell.gc(System.out, dryRun);
        if (failed) {
            if (dryRun) {
                failedBuilds.list(System.out);
            } else {
                failedBuilds.removeAll(System.out);
            }
        }
    }

    @Descriptor("list the named GC roots")
    public void roots() {
        shell.roots(System.out);
    }

    @Descriptor("remove a realization, or a derivation with its realizations; refuses what others depend on unless --force")
    public void rm(@Descriptor("remove even when other derivations or realizations depend on it")
            @Parameter(names = {"-f", "--force"}, presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("the exact rref or dref") String ref,
            @Descriptor("(nothing more: a stray word is reported)") String... extra) {
        if (ref.startsWith("-")) {
            Args.noExtra(List.of(ref), "--force");
        }
        Args.noExtra(List.of(extra), "--force");
        shell.rm(System.out, ref, force);
    }

    @Descriptor("recompute the hashes of realizations (all when none given); fails if any is corrupted")
    public void verify(@Descriptor("rrefs, drefs or stage names (all realizations when omitted)") String... refs) {
        shell.verify(System.out, List.of(refs));
    }

    @Descriptor("write the closure of a ref (derivations, realizations, dependencies) to one archive file")
    public void export(CommandSession session, @Descriptor("rref, dref or stage name (its latest realization)") String ref,
            @Descriptor("the archive file to write") String file) {
        shell.export(System.out, ref, resolve(session, file));
    }

    @Descriptor("import an archive written by store:export; hashes are checked")
    public void _import(CommandSession session, @Descriptor("the archive file") String file) {
        shell.importArchive(System.out, resolve(session, file));
    }

    @Descriptor("compare the realizations of a stage or derivation: config differences and metrics; writes a PNG plot")
    public void compare(CommandSession session,
            @Descriptor("where to write the PNG (default: a new file under <store>/plots/)")
            @Parameter(names = {"-o", "--out"}, absentValue = "") String out,
            @Descriptor("a stage name, dref or rref (its derivation)") String name,
            @Descriptor("(nothing more: a stray word is reported)") String... extra) {
        if (name.startsWith("-")) {
            Args.noExtra(List.of(name), "--out FILE");
        }
        Args.noExtra(List.of(extra), "--out FILE");
        shell.compare(System.out, name, out.isEmpty() ? null : resolve(session, out));
    }

    static String single(String[] words, String usage) {
        if (words == null || words.length == 0) {
            return null;
        }
        if (words[0].startsWith("-")) {
            throw new StagedmlException("unknown option '" + words[0] + "'; usage: " + usage);
        }
        if (words.length > 1) {
            throw new StagedmlException("too many arguments; usage: " + usage);
        }
        return words[0];
    }

    /** A file named on the command line, relative to the session's current directory. */
    static Path resolve(CommandSession session, String file) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return p;
        }
        Path cwd = null;
        try {
            cwd = session == null ? null : session.currentDir();
        } catch (RuntimeException e) {
            // older sessions: the process directory
        }
        return (cwd == null ? Path.of("").toAbsolutePath() : cwd).resolve(p).normalize();
    }
}
