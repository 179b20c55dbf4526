package org.stagedml.api.execute;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeListener;

/**
 * The remote side of an executor: builds exactly one ordered derivation in this process (never
 * through a server), under the store's derivation lock, on the devices and CPUs given (those the
 * cluster granted), and adds the notes to the metadata of what it commits.
 */
@ProviderType
public interface DerivationBuilder {
    /**
     * @param devices the device grant: {@code [cpu]} or {@code [gpu:0, ...]} as this process sees them
     * @param cpus CPU worker slots the build may use
     * @param notes recorded in each committed realization's metadata (e.g. the cluster job and node)
     * @param listener receives the build's events (may be null)
     * @return the realizations built against the ordered dependencies (the new ones and those found)
     */
    List<RRef> build(BuildOrder order, List<String> devices, int cpus, Map<String, String> notes,
            RealizeListener listener);
}
