package org.stagedml.dataset.fetch.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.stagedml.api.ConfigException;

/** File names of fetched files: the default taken from a URL, and the check that a name is safe. */
public final class FileNames {
    private FileNames() {
    }

    /**
     * The last path segment of a URL, percent-decoded; when that holds a slash (Firebase's
     * {@code data%2FCoLA.zip}) its last part. {@code download} when the URL has no usable segment.
     */
    public static String fromUrl(String url) {
        String path;
        try {
            path = URI.create(url).getRawPath();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'" + url + "' is not a valid URL: " + e.getMessage());
        }
        if (path == null) {
            return "download";
        }
        int slash = path.lastIndexOf('/');
        String segment = path.substring(slash + 1);
        String decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        decoded = decoded.substring(Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\')) + 1);
        return sanitize(decoded);
    }

    /** Replaces characters that are awkward in a file name; {@code download} when nothing is left. */
    public static String sanitize(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '+' ? c : '_');
        }
        String s = b.toString();
        if (s.isEmpty() || s.chars().allMatch(c -> c == '.')) {
            return "download";
        }
        return s;
    }

    /**
     * Checks a name given by the user: one plain path segment. Whether the store reserves it is
     * asked at build time ({@link Delivery}), of the build context.
     */
    public static String check(String stage, String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || name.indexOf('\0') >= 0) {
            throw new ConfigException("stage '" + stage + "': name '" + name + "' is not a plain file name"
                    + " (no slashes, not . or ..)");
        }
        return name;
    }
}
