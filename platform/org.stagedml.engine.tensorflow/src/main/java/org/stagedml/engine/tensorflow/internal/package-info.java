/**
 * The TensorFlow engine service: says what TensorFlow Java this bundle embeds and lists the devices
 * its sessions compute on. Private; model bundles import {@code org.tensorflow.*} from this bundle
 * and depend on the {@code Engine} service with {@code (engine=tensorflow)}.
 */
package org.stagedml.engine.tensorflow.internal;
