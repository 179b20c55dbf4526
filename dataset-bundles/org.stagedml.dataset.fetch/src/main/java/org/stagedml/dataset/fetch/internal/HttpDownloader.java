package org.stagedml.dataset.fetch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stagedml.api.CancelledException;
import org.stagedml.api.StagedmlException;

/**
 * Downloads a URL into a file, resuming with HTTP {@code Range} after a broken or stalled
 * connection, within {@link FetchSettings}' timeouts and retries. Follows redirects (also from
 * http to https), asks for the bytes as they are ({@code Accept-Encoding: identity}).
 */
public final class HttpDownloader {
    private static final int MAX_REDIRECTS = 10;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private final FetchSettings settings;

    /** What a download reports to, and asks whether to go on. */
    public interface Listener {
        void progress(long done, long total);

        void log(String line);

        boolean cancelled();
    }

    public HttpDownloader(FetchSettings settings) {
        this.settings = settings;
    }

    /** A permanent failure: retrying would not help. */
    static final class PermanentFailure extends StagedmlException {
        private static final long serialVersionUID = 1L;

        PermanentFailure(String message) {
            super(message);
        }
    }

    /**
     * Downloads {@code url} into {@code file}; bytes already in the file are kept and the rest is
     * asked for with a Range request. Returns the file's final size.
     */
    public long download(String url, Path file, Listener listener) throws IOException, InterruptedException {
        int failures = 0;
        while (true) {
            checkCancelled(listener, url);
            long before = Files.exists(file) ? Files.size(file) : 0;
            try {
                Long total = attempt(url, file, listener);
                long size = Files.size(file);
                if (total == null || size == total) {
                    return size;
                }
                throw new IOException("connection closed after " + size + " of " + total + " bytes");
            } catch (PermanentFailure | CancelledException e) {
                throw e;
            } catch (IOException e) {
                long after = Files.exists(file) ? Files.size(file) : 0;
                failures = after > before ? 1 : failures + 1;
                if (failures > settings.retries()) {
                    throw new StagedmlException("download of " + url + " failed after " + settings.retries()
                            + " retries: " + describe(e) + "; check the network, or raise retries/timeouts in "
                            + "the " + FetchConfiguration.PID + " configuration", e);
                }
                long wait = Math.min(30_000L, settings.backoff().toMillis() << Math.min(failures - 1, 16));
                listener.log("download of " + url + " interrupted at " + after + " bytes (" + describe(e)
                        + "); retry " + failures + " of " + settings.retries() + " in " + wait + " ms");
                sleep(wait, listener, url);
            }
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void sleep(long millis, Listener listener, String url) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            checkCancelled(listener, url);
            Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    private static void checkCancelled(Listener listener, String url) {
        if (listener.cancelled() || Thread.currentThread().isInterrupted()) {
            throw new CancelledException("download of " + url + " cancelled");
        }
    }

    /** One request (after redirects); appends to the file. Returns the total size when the server says it. */
    private Long attempt(String url, Path file, Listener listener) throws IOException {
        long have = Files.exists(file) ? Files.size(file) : 0;
        HttpURLConnection c = open(url, have);
        try {
            int code = c.getResponseCode();
            boolean append;
            Long total;
            if (code == HttpURLConnection.HTTP_PARTIAL && have > 0) {
                Matcher m = CONTENT_RANGE.matcher(String.valueOf(c.getHeaderField("Content-Range")));
                if (!m.find() || Long.parseLong(m.group(1)) != have) {
                    // a server that answers another range than asked: start over
                    listener.log("server answered Range " + have + "- with '" + c.getHeaderField("Content-Range")
                            + "'; starting over");
                    Files.deleteIfExists(file);
                    throw new IOException("unexpected Content-Range " + c.getHeaderField("Content-Range"));
                }
                append = true;
                total = m.group(3).equals("*") ? null : Long.parseLong(m.group(3));
            } else if (code == HttpURLConnection.HTTP_OK) {
                if (have > 0) {
                    listener.log("server ignored the Range request; downloading " + url + " from the start");
                }
                append = false;
                long len = c.getContentLengthLong();
                total = len >= 0 ? len : null;
            } else if (code == 416 && have > 0) {
                Matcher m = Pattern.compile("bytes\\s+\\*/(\\d+)").matcher(String.valueOf(c.getHeaderField("Content-Range")));
                if (m.find() && Long.parseLong(m.group(1)) == have) {
                    return have;
                }
                Files.deleteIfExists(file);
                throw new IOException("HTTP 416 for Range " + have + "-; starting over");
            } else if (code >= 500 || code == 429 || code == 408) {
                throw new IOException("HTTP " + code + " " + c.getResponseMessage() + " for " + url);
            } else {
                throw new PermanentFailure("download of " + url + " failed: HTTP " + code + " "
                        + c.getResponseMessage() + "; check the URL");
            }
            copy(c, file, append, total, listener, url);
            return total;
        } finally {
            c.disconnect();
        }
    }

    private void copy(HttpURLConnection c, Path file, boolean append, Long total, Listener listener, String url)
            throws IOException {
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (InputStream in = c.getInputStream();
                OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        mode)) {
            long done = append ? Files.size(file) : 0;
            long reported = System.nanoTime();
            listener.progress(done, total == null ? -1 : total);
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                checkCancelled(listener, url);
                out.write(buf, 0, n);
                done += n;
                if (total != null && done > total) {
                    throw new PermanentFailure("download of " + url + " sent more than the announced " + total
                            + " bytes");
                }
                if (System.nanoTime() - reported > 500_000_000L) {
                    listener.progress(done, total == null ? -1 : total);
                    reported = System.nanoTime();
                }
            }
            listener.progress(done, total == null ? -1 : total);
        }
    }

    /** Opens a GET for the URL, following redirects by hand (HttpURLConnection will not cross http -> https). */
    private HttpURLConnection open(String url, long from) throws IOException {
        URI current;
        try {
            current = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("'" + url + "' is not a valid URL");
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            String scheme = String.valueOf(current.getScheme()).toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new PermanentFailure("fetchurl supports http and https URLs, not '" + current + "'");
            }
            URL u = current.toURL();
            HttpURLConnection c = (HttpURLConnection) u.openConnection();
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
            c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, settings.readTimeout().toMillis()));
            c.setUseCaches(false);
            c.setRequestProperty("User-Agent", "stagedml-fetch/0.1");
            c.setRequestProperty("Accept-Encoding", "identity");
            if (from > 0) {
                c.setRequestProperty("Range", "bytes=" + from + "-");
            }
            int code = c.getResponseCode();
            if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                String location = c.getHeaderField("Location");
                c.disconnect();
                if (location == null) {
                    throw new PermanentFailure("HTTP " + code + " without a Location for " + current);
                }
                current = current.resolve(location.replace(" ", "%20"));
                continue;
            }
            return c;
        }
        throw new PermanentFailure("more than " + MAX_REDIRECTS + " redirects for " + url);
    }
}
