package org.stagedml.itest;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.file.Path;
import org.ops4j.pax.exam.Option;

/** The framework every in-framework test boots: the distribution's bundles, set up as bin/stagedml sets them up. */
final class FrameworkOptions {
    private static final String PAX_LOG_LEVEL = "org.ops4j.pax.logging.DefaultServiceLog.level";

    private FrameworkOptions() {
    }

    static Option[] forHome(Path home) {
        Path h = home.toAbsolutePath();
        return options(
                composite(DistributionBundles.asOptions()),
                // Pax Exam brings pax-logging-api (its slf4j): warnings only
                frameworkProperty(PAX_LOG_LEVEL).value("WARN"),
                systemProperty(PAX_LOG_LEVEL).value("WARN"),
                junitBundles(),
                // the same settings bin/stagedml gives the framework: no interactive shell, a private home
                frameworkProperty("gosh.args").value("--nointeractive --noshutdown"),
                // Felix HTTP starts no default Jetty on 0.0.0.0:8080 (the dashboard configures its own)
                frameworkProperty("org.apache.felix.http.require.config").value("true"),
                // the distribution's profile for runs without a console (Gogo's own one sets up a line editor)
                frameworkProperty("gosh.home").value(DistributionBundles.dir().resolveSibling("conf").resolve("batch").toString()),
                frameworkProperty("felix.log.level").value("1"),
                frameworkProperty("stagedml.home").value(h.toString()),
                frameworkProperty("stagedml.home.entries").value("bundles,config,cache,server,input"),
                frameworkProperty("org.osgi.service.log.admin.loglevel").value("INFO"),
                frameworkProperty("felix.cm.dir").value(h.resolve("config").toString()),
                frameworkProperty("felix.fileinstall.dir").value(h.resolve("bundles").toString()),
                systemProperty("stagedml.home").value(h.toString()));
    }
}
