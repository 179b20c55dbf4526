package org.stagedml.api.execute;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a remote build prints its progress in its log ({@code progress  42% epoch 3/7}), so that the
 * submitter can show it as progress again: one format, written on the node, read by the submitter.
 *
 * @param fraction from 0 to 1
 */
public record ProgressLine(double fraction, String message) {
    private static final Pattern LINE = Pattern.compile("^progress\\s+(\\d{1,3})% ?(.*)$");

    public String format() {
        return String.format(Locale.ROOT, "progress %3d%% %s", Math.round(100 * fraction), message == null ? "" : message);
    }

    /** The progress a log line carries; empty for any other line. */
    public static Optional<ProgressLine> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProgressLine(Math.min(100, Integer.parseInt(m.group(1))) / 100.0, m.group(2)));
    }
}
