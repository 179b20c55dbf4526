package org.stagedml.realizer.internal;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * Turns a Stage service registration into a registry entry: from its {@link StageProperties}
 * service properties without touching the service, or, for a stage registered without them (a
 * third-party stage that implements the getters), from the service object's getters.
 */
final class StageServiceProperties {
    private StageServiceProperties() {
    }

    /**
     * The entry for a registration.
     *
     * @param key identifies the registration (its ServiceReference)
     * @param properties the registration's service properties ({@code ServiceReference::getProperty})
     * @param service obtains the service object (activating a delayed component)
     * @return empty when the registration has no {@value StageProperties#NAME} property
     * @throws StagedmlException naming the property when one is malformed
     */
    static Optional<RegisteredStage> read(Object key, Function<String, Object> properties, String bundle,
            String bundleVersion, Supplier<Stage> service) {
        Object name = properties.apply(StageProperties.NAME);
        if (name == null) {
            return Optional.empty();
        }
        if (!(name instanceof String s) || s.isBlank()) {
            throw new StagedmlException("service property " + StageProperties.NAME + " must be a stage name, not '"
                    + name + "'");
        }
        Object description = properties.apply(StageProperties.DESCRIPTION);
        return Optional.of(RegisteredStage.lazy(key, s, version(s, properties.apply(StageProperties.VERSION)),
                description == null ? "" : description.toString(), bundle, bundleVersion, service));
    }

    /** An Integer as {@link StageProperties} registers it, another whole number, or one in a String (from a configuration). */
    private static int version(String stage, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            long n = ((Number) v).longValue();
            if (n == (int) n) {
                return (int) n;
            }
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new StagedmlException("stage '" + stage + "' has " + (v == null ? "no service property "
                + StageProperties.VERSION : "service property " + StageProperties.VERSION + "='" + v
                + "', not a whole number") + "; give it in @StageProperties(version = ...)");
    }
}
