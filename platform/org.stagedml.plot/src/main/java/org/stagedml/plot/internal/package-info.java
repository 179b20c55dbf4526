/** Drawing the charts with XChart (embedded in this bundle). Private. */
package org.stagedml.plot.internal;
