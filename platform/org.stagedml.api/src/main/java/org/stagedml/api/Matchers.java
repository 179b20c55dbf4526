package org.stagedml.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The standard matchers, and their textual specs (as used on the command line):
 * {@code only}, {@code latest[:n]}, {@code best:metric[:n[:max|min]]}, {@code some[:n]},
 * {@code all}, {@code exact:rref[,rref...]}.
 */
public final class Matchers {
    private Matchers() {
    }

    /** Exactly one realization: builds one if there is none; an error if there are several. */
    public static Matcher only() {
        return new Matcher() {
            @Override
            public int missing(List<RealizationInfo> existing) {
                return existing.isEmpty() ? 1 : 0;
            }

            @Override
            public List<RRef> select(List<RealizationInfo> existing) {
                if (existing.size() > 1) {
                    throw new StagedmlException("matcher 'only' found " + existing.size()
                            + " realizations of " + existing.get(0).dref()
                            + "; choose one with --match latest, best:<metric> or exact:<rref>");
                }
                return existing.stream().map(RealizationInfo::rref).toList();
            }

            @Override
            public String spec() {
                return "only";
            }
        };
    }

    /** The n most recently finished; builds until there are n. */
    public static Matcher latest(int n) {
        checkN(n);
        return new CountingMatcher(n, "latest" + (n == 1 ? "" : ":" + n)) {
            @Override
            List<RealizationInfo> order(List<RealizationInfo> existing) {
                List<RealizationInfo> l = new ArrayList<>(existing);
                l.sort(Comparator.comparing(RealizationInfo::finished).reversed()
                        .thenComparing(RealizationInfo::rref));
                return l;
            }
        };
    }

    /** Any n (in a stable order); builds until there are n. */
    public static Matcher some(int n) {
        checkN(n);
        return new CountingMatcher(n, "some" + (n == 1 ? "" : ":" + n)) {
            @Override
            List<RealizationInfo> order(List<RealizationInfo> existing) {
                List<RealizationInfo> l = new ArrayList<>(existing);
                l.sort(Comparator.comparing(RealizationInfo::finished).thenComparing(RealizationInfo::rref));
                return l;
            }
        };
    }

    /**
     * The n best by a metric of metrics.json: builds one if there is none, then ranks what exists.
     * Realizations without the metric rank last.
     */
    public static Matcher best(String metric, int n, boolean maximize) {
        checkN(n);
        String spec = "best:" + metric + (n == 1 && maximize ? "" : ":" + n + ":" + (maximize ? "max" : "min"));
        return new Matcher() {
            @Override
            public int missing(List<RealizationInfo> existing) {
                return existing.isEmpty() ? 1 : 0;
            }

            @Override
            public List<RRef> select(List<RealizationInfo> existing) {
                Comparator<Double> byValue = maximize ? Comparator.reverseOrder() : Comparator.naturalOrder();
                Comparator<RealizationInfo> c = Comparator.comparing(
                        (RealizationInfo r) -> r.metrics().get(metric), Comparator.nullsLast(byValue))
                        .thenComparing(RealizationInfo::rref);
                return existing.stream().sorted(c).limit(n).map(RealizationInfo::rref).toList();
            }

            @Override
            public String spec() {
                return spec;
            }
        };
    }

    /** Every realization; builds one if there is none. */
    public static Matcher all() {
        return new Matcher() {
            @Override
            public int missing(List<RealizationInfo> existing) {
                return existing.isEmpty() ? 1 : 0;
            }

            @Override
            public List<RRef> select(List<RealizationInfo> existing) {
                return existing.stream().sorted(Comparator.comparing(RealizationInfo::finished)
                        .thenComparing(RealizationInfo::rref)).map(RealizationInfo::rref).toList();
            }

            @Override
            public String spec() {
                return "all";
            }
        };
    }

    /** Exactly these realizations; never builds; an error naming any that do not exist. */
    public static Matcher exact(Set<RRef> rrefs) {
        if (rrefs.isEmpty()) {
            throw new IllegalArgumentException("matcher 'exact' needs at least one rref");
        }
        Set<RRef> wanted = Set.copyOf(rrefs);
        String spec = "exact:" + wanted.stream().map(RRef::toString).sorted().collect(Collectors.joining(","));
        return new Matcher() {
            @Override
            public int missing(List<RealizationInfo> existing) {
                return 0;
            }

            @Override
            public List<RRef> select(List<RealizationInfo> existing) {
                Set<RRef> present = existing.stream().map(RealizationInfo::rref).collect(Collectors.toSet());
                List<RRef> absent = wanted.stream().filter(r -> !present.contains(r)).sorted().toList();
                if (!absent.isEmpty()) {
                    throw new StagedmlException("matcher 'exact': not in the store: " + absent);
                }
                return wanted.stream().sorted().toList();
            }

            @Override
            public String spec() {
                return spec;
            }
        };
    }

    /** Parses a matcher spec; IllegalArgumentException naming what is wrong and the accepted forms. */
    public static Matcher parse(String spec) {
        String usage = "; matchers are only, latest[:n], best:metric[:n[:max|min]], some[:n], all, exact:rref[,rref]";
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty matcher" + usage);
        }
        String[] p = spec.trim().split(":", -1);
        try {
            switch (p[0]) {
                case "only":
                    if (p.length == 1) {
                        return only();
                    }
                    break;
                case "latest":
                    if (p.length <= 2) {
                        return latest(p.length == 2 ? Integer.parseInt(p[1]) : 1);
                    }
                    break;
                case "some":
                    if (p.length <= 2) {
                        return some(p.length == 2 ? Integer.parseInt(p[1]) : 1);
                    }
                    break;
                case "all":
                    if (p.length == 1) {
                        return all();
                    }
                    break;
                case "best":
                    if (p.length >= 2 && p.length <= 4 && !p[1].isEmpty()) {
                        int n = p.length >= 3 ? Integer.parseInt(p[2]) : 1;
                        boolean max = p.length < 4 || p[3].equals("max");
                        if (p.length == 4 && !p[3].equals("max") && !p[3].equals("min")) {
                            break;
                        }
                        return best(p[1], n, max);
                    }
                    break;
                case "exact":
                    String rest = spec.trim().substring("exact:".length());
                    Set<RRef> refs = java.util.Arrays.stream(rest.split(","))
                            .map(String::trim).map(RRef::parse).collect(Collectors.toSet());
                    return exact(refs);
                default:
                    break;
            }
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("invalid matcher '" + spec + "': " + e.getMessage() + usage);
        }
        throw new IllegalArgumentException("invalid matcher '" + spec + "'" + usage);
    }

    private static void checkN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a matcher count must be at least 1, got " + n);
        }
    }

    /** Matchers that want n realizations and return the first n of an order. */
    private abstract static class CountingMatcher implements Matcher {
        private final int n;
        private final String spec;

        CountingMatcher(int n, String spec) {
            this.n = n;
            this.spec = spec;
        }

        abstract List<RealizationInfo> order(List<RealizationInfo> existing);

        @Override
        public int missing(List<RealizationInfo> existing) {
            return Math.max(0, n - existing.size());
        }

        @Override
        public List<RRef> select(List<RealizationInfo> existing) {
            return order(existing).stream().limit(n).map(RealizationInfo::rref).toList();
        }

        @Override
        public String spec() {
            return spec;
        }
    }
}
