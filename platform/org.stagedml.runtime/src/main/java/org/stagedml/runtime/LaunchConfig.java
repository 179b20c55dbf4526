package org.stagedml.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to start.
 *
 * @param bundleDir the platform's bundles (every *.jar there is installed and started)
 * @param home the StagedML home: the store root; {@code home/bundles} is watched for extra bundles
 * @param cacheBase where bundle-cache slots live (kept between launches: the engines' embedded
 *        jars are unpacked there once, not at every start)
 * @param properties extra framework properties (override the defaults)
 * @param extraBundles more bundle jars to install and start (a host's chosen model and dataset bundles)
 * @param skipped symbolic names of bundles in bundleDir not to install (provided by the host instead)
 */
public record LaunchConfig(Path bundleDir, Path home, Path cacheBase, Map<String, String> properties,
        List<Path> extraBundles, Set<String> skipped) {
    public LaunchConfig {
        properties = Map.copyOf(properties == null ? Map.of() : properties);
        extraBundles = List.copyOf(extraBundles == null ? List.of() : extraBundles);
        skipped = Set.copyOf(skipped == null ? Set.of() : skipped);
    }

    public LaunchConfig(Path bundleDir, Path home, Path cacheBase, Map<String, String> properties) {
        this(bundleDir, home, cacheBase, properties, List.of(), Set.of());
    }

    /** The folder of {@code <pid>.cfg} files: applied before the bundles start, then watched. */
    public Path configDir() {
        return home.resolve("config");
    }

    /** The folder whose bundles are installed and started while the framework runs. */
    public Path hotBundleDir() {
        return home.resolve("bundles");
    }
}
