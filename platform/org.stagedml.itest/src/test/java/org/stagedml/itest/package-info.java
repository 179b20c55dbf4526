/**
 * Integration tests in a real Felix framework booted by Pax Exam with the distribution's bundles:
 * bundles active, components satisfied, TensorFlow and DL4J training inside the framework.
 */
package org.stagedml.itest;
