package org.stagedml.store.internal;

/**
 * Where the store tells an operator what it did (store opened, gc summary, janitor removals,
 * refused roots, metadata it could not read). The DS component sends it to the OSGi Log Service;
 * a {@link FileStore} used outside a framework logs nowhere unless given one.
 */
public interface StoreLog {
    /** Logs nothing. */
    StoreLog NONE = new StoreLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    void info(String message);

    void warn(String message);
}
