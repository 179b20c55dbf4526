/**
 * The ND4J engine service: points ND4J's class loading at this bundle, quiets ND4J's logging by
 * default, says what DL4J/ND4J build this bundle embeds and lists the devices ND4J computes on.
 * Private; model bundles import {@code org.deeplearning4j.*}, {@code org.nd4j.*} and
 * {@code org.stagedml.engine.dl4j.training} from this bundle and depend on the {@code Engine}
 * service with {@code (engine=nd4j)}.
 */
package org.stagedml.engine.dl4j.internal;
