package org.stagedml.plot;

import java.io.IOException;

/** A PNG could not be drawn or written; the message names the file and what to do. */
public class PlotException extends IOException {
    private static final long serialVersionUID = 1L;

    public PlotException(String message, Throwable cause) {
        super(message, cause);
    }
}
