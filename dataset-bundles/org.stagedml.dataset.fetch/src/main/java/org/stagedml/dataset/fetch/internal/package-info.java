/**
 * The fetch stages ({@code fetchurl}, {@code fetchlocal}, {@code unpack}) and the plain classes
 * behind them: checksums, the resumable HTTP downloader and the safe archive unpacker. Private:
 * other bundles depend on the stages by name, never on these classes.
 */
package org.stagedml.dataset.fetch.internal;
