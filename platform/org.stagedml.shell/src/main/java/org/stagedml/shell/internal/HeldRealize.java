package org.stagedml.shell.internal;

import org.stagedml.api.realize.Closure;
import org.stagedml.api.realize.RealizeJob;

/** A realize that stage:realize left paused at a break point, for stage:continue to follow to its end. */
record HeldRealize(RealizeJob job, Closure closure, StageShell.RealizeRequest request, ProgressPrinter progress) {
}
