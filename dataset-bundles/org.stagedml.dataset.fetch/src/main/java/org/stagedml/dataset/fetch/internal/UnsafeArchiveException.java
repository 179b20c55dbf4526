package org.stagedml.dataset.fetch.internal;

import org.stagedml.api.StagedmlException;

/** An archive entry that would land outside the output folder (or is of a kind that cannot be unpacked safely). */
public final class UnsafeArchiveException extends StagedmlException {
    private static final long serialVersionUID = 1L;

    public UnsafeArchiveException(String archive, String entry, String why) {
        super("refusing to unpack " + archive + ": entry '" + entry + "' " + why
                + "; nothing of the archive is kept");
    }
}
