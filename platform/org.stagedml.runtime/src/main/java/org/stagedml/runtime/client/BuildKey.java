package org.stagedml.runtime.client;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server must match to serve a client: the distribution (its folder, and the name, size and
 * time of every jar in {@code lib/} and {@code bundle/}: a rebuilt distribution has new times) and
 * the JVM options the server runs with. A listing, not a hash of the jars' bytes: it costs a
 * millisecond at every command.
 */
public final class BuildKey {
    private BuildKey() {
    }

    public static String of(Path dist, List<String> serverJvmOptions) throws IOException {
        StringBuilder sb = new StringBuilder(dist.toString()).append('\n');
        for (String folder : List.of("lib", "bundle")) {
            List<Path> jars = new ArrayList<>();
            Path d = dist.resolve(folder);
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.jar")) {
                    ds.forEach(jars::add);
                }
            }
            jars.sort(null);
            for (Path jar : jars) {
                BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
                sb.append(folder).append('/').append(jar.getFileName()).append(' ').append(a.size()).append(' ')
                        .append(a.lastModifiedTime().toMillis()).append('\n');
            }
        }
        sb.append(String.join(" ", serverJvmOptions));
        return ServerFolder.hash(sb.toString());
    }
}
