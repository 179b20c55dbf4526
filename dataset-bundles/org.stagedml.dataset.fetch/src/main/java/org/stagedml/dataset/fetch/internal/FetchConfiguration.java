package org.stagedml.dataset.fetch.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin settings of the fetch stages (PID {@code org.stagedml.dataset.fetch}). */
@ObjectClassDefinition(name = "StagedML fetch", description = "Timeouts and retries of fetchurl downloads")
public @interface FetchConfiguration {
    String PID = "org.stagedml.dataset.fetch";

    @AttributeDefinition(description = "seconds to wait for a connection")
    int connectTimeoutSeconds() default 30;

    @AttributeDefinition(description = "seconds one read may stall before the attempt is retried")
    int readTimeoutSeconds() default 60;

    @AttributeDefinition(description = "failed attempts in a row that are retried (resuming with HTTP Range)")
    int retries() default 5;

    @AttributeDefinition(description = "milliseconds before the first retry; doubles each retry")
    long backoffMillis() default 1000;
}
