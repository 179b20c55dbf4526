package org.stagedml.engine.tensorflow.internal;

import org.osgi.framework.Bundle;

/** Reads what the build wrote into the bundle manifest about the embedded engine. */
final class EngineHeaders {
    static final String VERSION = "StagedML-Engine-Version";
    static final String BACKEND = "StagedML-Engine-Backend";

    private EngineHeaders() {}

    static String version(Bundle bundle) {
        return header(bundle, VERSION);
    }

    static String backend(Bundle bundle) {
        return header(bundle, BACKEND);
    }

    private static String header(Bundle bundle, String name) {
        String value = bundle.getHeaders("").get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("bundle " + bundle.getSymbolicName()
                    + " lacks its " + name + " header: rebuild it with Maven");
        }
        return value.trim();
    }
}
