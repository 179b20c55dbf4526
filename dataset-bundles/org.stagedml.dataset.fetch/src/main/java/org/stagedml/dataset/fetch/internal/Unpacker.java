package org.stagedml.dataset.fetch.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;

/**
 * Unpacks zip, tar, tar.gz (tgz) and gz files into a folder, refusing entries that would end up
 * outside it: absolute paths, {@code ..} escapes, writes through links, symbolic links pointing out,
 * hard links to anything but a file unpacked before. Links inside the folder are kept (symbolic) or
 * copied (hard). Paths the store reserves for its own files (asked of a predicate, the build
 * context's {@code reserved}) are refused too. A refused archive throws {@link UnsafeArchiveException}; the caller discards
 * the folder.
 */
public final class Unpacker {
    private final BooleanSupplier cancelled;
    private final Predicate<Path> reserved;
    private final List<Path> links = new ArrayList<>();
    private Path root;
    private Path realRoot;
    private String archiveName;
    private long files;

    /**
     * @param cancelled polled between entries; true stops with a CancelledException
     * @param reserved whether a path relative to the destination is the store's own (see BuildContext.reserved)
     */
    public Unpacker(BooleanSupplier cancelled, Predicate<Path> reserved) {
        this.cancelled = cancelled;
        this.reserved = reserved;
    }

    /** Never cancelled, nothing reserved: for unpacking outside a build. */
    public Unpacker() {
        this(() -> false, p -> false);
    }

    /**
     * Unpacks {@code archive} (its format detected from its bytes, else from {@code name}) into
     * {@code dest}, which must exist. Returns the number of files written.
     */
    public synchronized long unpack(Path archive, String name, Path dest) throws IOException {
        ArchiveFormat format = ArchiveFormat.detect(archive, name);
        if (format == null) {
            throw new StagedmlException("cannot unpack " + name + ": not a zip, tar, tar.gz or gz file");
        }
        return unpack(archive, name, format, dest);
    }

    public synchronized long unpack(Path archive, String name, ArchiveFormat format, Path dest) throws IOException {
        this.root = dest.toAbsolutePath().normalize();
        this.realRoot = dest.toRealPath();
        this.archiveName = name;
        this.files = 0;
        this.links.clear();
        switch (format) {
            case ZIP -> unzip(archive);
            case TAR -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                    untar(in);
                }
            }
            case TAR_GZ -> {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
                    untar(in);
                }
            }
            case GZ -> gunzip(archive);
        }
        checkLinks();
        return files;
    }

    private void gunzip(Path archive) throws IOException {
        String lower = archiveName.toLowerCase(java.util.Locale.ROOT);
        String out = lower.endsWith(".gz") ? archiveName.substring(0, archiveName.length() - 3) : archiveName + ".out";
        out = FileNames.sanitize(out);
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
            writeFile(out, in, false);
        }
    }

    private void unzip(Path archive) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                checkCancelled();
                ZipArchiveEntry e = entries.nextElement();
                if (e.isUnixSymlink()) {
                    symlink(e.getName(), zip.getUnixSymlink(e));
                } else if (e.isDirectory()) {
                    directory(e.getName());
                } else {
                    try (InputStream in = zip.getInputStream(e)) {
                        writeFile(e.getName(), in, (e.getUnixMode() & 0100) != 0);
                    }
                }
            }
        }
    }

    private void untar(InputStream raw) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                checkCancelled();
                if (e.isSymbolicLink()) {
                    symlink(e.getName(), e.getLinkName());
                } else if (e.isLink()) {
                    hardlink(e.getName(), e.getLinkName());
                } else if (e.isDirectory()) {
                    directory(e.getName());
                } else if (e.isFile()) {
                    writeFile(e.getName(), tar, (e.getMode() & 0100) != 0);
                } else if (e.isGlobalPaxHeader() || e.isPaxHeader()) {
                    continue;
                } else {
                    throw new UnsafeArchiveException(archiveName, e.getName(),
                            "is a device, fifo or other special file, which is not unpacked");
                }
            }
        }
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancelledException("unpacking " + archiveName + " cancelled");
        }
    }

    /** The target of an entry name: inside the root, not absolute, not reserved. */
    private Path target(String entry) {
        if (entry == null || entry.isEmpty() || entry.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException(archiveName, String.valueOf(entry), "has an empty or invalid name");
        }
        if (entry.startsWith("/") || entry.startsWith("\\") || entry.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException(archiveName, entry, "has an absolute path");
        }
        Path p = root.resolve(entry).normalize();
        if (!p.startsWith(root)) {
            throw new UnsafeArchiveException(archiveName, entry, "would be written outside the output folder");
        }
        if (p.equals(root)) {
            return p;
        }
        Path relative = root.relativize(p);
        if (reserved.test(relative)) {
            throw new UnsafeArchiveException(archiveName, entry, "uses a name the store reserves (" + relative + ")");
        }
        return p;
    }

    /** Creates the parent folders of a target and checks that, links followed, they are inside the root. */
    private void parents(String entry, Path target) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(realRoot)) {
            throw new UnsafeArchiveException(archiveName, entry, "would be written through a link out of the output folder");
        }
    }

    private void directory(String entry) throws IOException {
        Path p = target(entry);
        if (p.equals(root)) {
            return;
        }
        parents(entry, p);
        if (Files.isSymbolicLink(p)) {
            throw new UnsafeArchiveException(archiveName, entry, "replaces a link with a folder");
        }
        Files.createDirectories(p);
    }

    private void writeFile(String entry, InputStream in, boolean executable) throws IOException {
        Path p = target(entry);
        if (p.equals(root)) {
            throw new UnsafeArchiveException(archiveName, entry, "names the output folder itself");
        }
        parents(entry, p);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeArchiveException(archiveName, entry, "replaces a folder with a file");
        }
        // REPLACE_EXISTING removes an existing link rather than writing through it
        Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        if (executable) {
            makeExecutable(p);
        }
        files++;
    }

    private static void makeExecutable(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX filesystem: the bit is lost, the content is not
        }
    }

    private void symlink(String entry, String linkTarget) throws IOException {
        Path p = target(entry);
        if (linkTarget == null || linkTarget.isEmpty() || linkTarget.startsWith("/") || linkTarget.startsWith("\\")
                || linkTarget.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException(archiveName, entry, "is a link to an absolute path ('" + linkTarget + "')");
        }
        Path resolved = p.getParent().resolve(linkTarget).normalize();
        if (!resolved.startsWith(root)) {
            throw new UnsafeArchiveException(archiveName, entry, "is a link pointing out of the output folder ('"
                    + linkTarget + "')");
        }
        parents(entry, p);
        Files.deleteIfExists(p);
        Files.createSymbolicLink(p, p.getFileSystem().getPath(linkTarget));
        links.add(p);
    }

    private void hardlink(String entry, String linkTarget) throws IOException {
        Path p = target(entry);
        if (linkTarget == null || linkTarget.startsWith("/") || linkTarget.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException(archiveName, entry, "is a hard link to an absolute path ('" + linkTarget + "')");
        }
        Path source = root.resolve(linkTarget).normalize();
        if (!source.startsWith(root)) {
            throw new UnsafeArchiveException(archiveName, entry, "is a hard link pointing out of the output folder ('"
                    + linkTarget + "')");
        }
        if (!Files.isRegularFile(source) || !source.toRealPath().startsWith(realRoot)) {
            throw new UnsafeArchiveException(archiveName, entry, "is a hard link to '" + linkTarget
                    + "', which is not a file unpacked before it");
        }
        parents(entry, p);
        Files.copy(source, p, StandardCopyOption.REPLACE_EXISTING);
        files++;
    }

    /** A chain of links can leave the folder although each one alone stays inside: check where they end. */
    private void checkLinks() throws IOException {
        for (Path link : links) {
            Path real;
            try {
                real = link.toRealPath();
            } catch (IOException dangling) {
                continue; // points at nothing: harmless, and kept as the archive has it
            }
            if (!real.startsWith(realRoot)) {
                throw new UnsafeArchiveException(archiveName, root.relativize(link).toString(),
                        "is a link that resolves out of the output folder (to " + real + ")");
            }
        }
    }
}
