package org.stagedml.api.sweep;

/**
 * A range to draw random values of one config key from, {@code key=lo..hi}, optionally on a log
 * scale. When lo and hi are both written as integers (and the scale is linear) the draws are integers.
 *
 * @param key the config key (a field, or a dotted path into dependencies)
 * @param lo the lowest value (included)
 * @param hi the highest value (included for integers)
 * @param log draw uniformly in log(lo)..log(hi) (lo must then be above 0)
 * @param integers draw integers
 */
public record SweepRange(String key, double lo, double hi, boolean log, boolean integers) {
    public SweepRange {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a sweep range needs a key: key=lo..hi");
        }
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("range of '" + key + "': lo must be at most hi, got " + lo + ".." + hi);
        }
        if (log && lo <= 0) {
            throw new IllegalArgumentException("range of '" + key + "': a log scale needs lo above 0, got " + lo);
        }
    }

    /**
     * Parses {@code lo..hi} for a key; {@code log} chooses the scale.
     *
     * @throws IllegalArgumentException naming the key and the expected form
     */
    public static SweepRange parse(String key, String text, boolean log) {
        int dots = text == null ? -1 : text.indexOf("..");
        if (dots <= 0 || dots + 2 >= text.length()) {
            throw new IllegalArgumentException("'" + key + "=" + text + "' is not a range; write " + key + "=lo..hi, e.g. "
                    + key + "=0.001..0.1");
        }
        String a = text.substring(0, dots).trim();
        String b = text.substring(dots + 2).trim();
        try {
            boolean ints = !log && a.matches("-?\\d+") && b.matches("-?\\d+");
            return new SweepRange(key, Double.parseDouble(a), Double.parseDouble(b), log, ints);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "=" + text + "': lo and hi must be numbers");
        }
    }
}
