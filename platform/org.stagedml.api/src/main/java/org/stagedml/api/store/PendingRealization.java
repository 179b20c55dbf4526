package org.stagedml.api.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;

/**
 * A build in progress: a temporary folder in the store's filesystem. {@link #commit} hashes it,
 * makes it read-only and renames it into place atomically; {@link #close} without a commit removes it.
 */
@ProviderType
public interface PendingRealization extends AutoCloseable {
    DRef dref();

    /** The output folder the build writes into. */
    Path out();

    /** The {@code _meta/} folder inside {@link #out()} (not hashed): logs, metadata. */
    Path meta();

    /**
     * Commits: checks the promised relative paths exist, writes context.json, records the metadata
     * (stage version, bundle, bundle version, started, and any extra notes) in {@code _meta/},
     * hashes, makes read-only, renames into place. A realization identical to an existing one is
     * deduplicated (the existing RRef is returned and the temporary folder removed).
     */
    RRef commit(Map<DRef, List<RRef>> context, List<String> promises, BuildMetadata metadata) throws IOException;

    /** Removes the temporary folder unless committed. */
    @Override
    void close() throws IOException;
}
