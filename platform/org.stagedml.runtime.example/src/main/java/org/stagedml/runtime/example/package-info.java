/** An example host application: plain Java, embedding StagedML through {@code org.stagedml.runtime.StagedML}. */
package org.stagedml.runtime.example;
