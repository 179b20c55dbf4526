package org.stagedml.dataset.fetch.internal;

import java.time.Duration;

/**
 * How downloads behave; not part of any derivation (it never changes what is fetched).
 *
 * @param connectTimeout limit for opening a connection
 * @param readTimeout limit for one read to deliver data; a stalled transfer is retried after it
 * @param retries how many failed attempts in a row are retried (an attempt that received data resets the count)
 * @param backoff the wait before the first retry; it doubles each retry, up to 30 s
 */
public record FetchSettings(Duration connectTimeout, Duration readTimeout, int retries, Duration backoff) {
    public FetchSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero() || retries < 0 || backoff.isNegative()) {
            throw new IllegalArgumentException("invalid fetch settings: connectTimeout=" + connectTimeout
                    + " readTimeout=" + readTimeout + " retries=" + retries + " backoff=" + backoff);
        }
    }

    public static FetchSettings defaults() {
        return new FetchSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), 5, Duration.ofSeconds(1));
    }

    static FetchSettings of(FetchConfiguration c) {
        return new FetchSettings(Duration.ofSeconds(c.connectTimeoutSeconds()),
                Duration.ofSeconds(c.readTimeoutSeconds()), c.retries(), Duration.ofMillis(c.backoffMillis()));
    }
}
