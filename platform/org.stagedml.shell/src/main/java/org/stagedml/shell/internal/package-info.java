/**
 * The Gogo commands of the {@code stage} and {@code store} scopes. The plain classes
 * ({@link org.stagedml.shell.internal.StageShell}, {@link org.stagedml.shell.internal.StoreShell},
 * the progress printer, table and plot helpers) hold the behaviour and run without OSGi; the
 * {@code *Commands} DS components are thin Gogo wrappers around them. Private to the bundle.
 */
package org.stagedml.shell.internal;
