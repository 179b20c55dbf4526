/**
 * Browser tests of the dashboard: {@link org.stagedml.web.itest.Dashboard} boots the distribution's
 * bundles in a real Felix with a real store, {@link org.stagedml.web.itest.Browser} drives Debian's
 * headless Chromium through Selenium; skipped, saying so, where Chromium is not installed.
 */
package org.stagedml.web.itest;
