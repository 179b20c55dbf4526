/**
 * The light {@code bin/stagedml} client and its protocol: talks to the home's StagedML server over
 * a Unix domain socket and starts one when none runs. Nothing here may touch OSGi or Felix: the
 * client's class path holds this jar alone, so that it starts in a fraction of the framework's time.
 */
package org.stagedml.runtime.client;
