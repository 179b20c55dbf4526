package org.stagedml.realizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.stagedml.api.DRef;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.RealizeOptions;

/** The selection rules alone: no store, no threads, realizations made up in memory. */
class SelectionTest {
    private static final DRef TARGET = dref('a', "model");
    private static final DRef DEP = dref('b', "data");
    private static final Map<String, Matcher> DEFAULTS = Map.of("model", Matchers.latest(1), "data", Matchers.only());

    private static DRef dref(char c, String name) {
        return new DRef(String.valueOf(c).repeat(32), name);
    }

    private static RRef rref(DRef d, char c) {
        return RRef.of(String.valueOf(c).repeat(32), d);
    }

    /** A realization of d finished at second {@code at}, built against that context. */
    private static RealizationInfo realization(DRef d, char c, long at, Map<DRef, List<RRef>> context,
            Map<String, Double> metrics) {
        return new RealizationInfo(rref(d, c), Path.of("/nowhere"), 1, "", "", Instant.ofEpochSecond(at - 1),
                Instant.ofEpochSecond(at), 0, metrics, context);
    }

    private static RealizationInfo realization(DRef d, char c, long at) {
        return realization(d, c, at, Map.of(), Map.of());
    }

    private static Selection selection(RealizeOptions options) {
        return new Selection(TARGET, options, DEFAULTS::get);
    }

    private static Supplier<List<RealizationInfo>> listed(List<RealizationInfo> l, AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            return l;
        };
    }

    @Test
    void servesWhatTheMatcherSelectsAndBuildsWhenItWantsMore() {
        Selection s = selection(RealizeOptions.defaults());
        RealizationInfo old = realization(TARGET, '1', 10);
        RealizationInfo newer = realization(TARGET, '2', 20);
        Selection.Decision d = s.decide(TARGET, false, () -> List.of(old, newer));
        assertEquals(new Selection.Serve(List.of(newer.rref())), d);
        assertInstanceOf(Selection.Build.class, s.decide(TARGET, false, List::of));
        assertEquals(1, s.needed(TARGET, List.of()));
        assertEquals(0, s.needed(TARGET, List.of(old)));
    }

    @Test
    void theOptionsMatcherAndInstancesApplyToTheTargetOnly() {
        Selection s = selection(RealizeOptions.defaults().withMatcher(Matchers.latest(3)).withInstances(2));
        List<RealizationInfo> two = List.of(realization(TARGET, '1', 1), realization(TARGET, '2', 2));
        assertEquals("latest:3", s.matcher(TARGET).spec());
        assertEquals(1, s.needed(TARGET, two), "latest:3 wants one more than the two there are");
        assertEquals("only", s.matcher(DEP).spec());
        assertEquals(0, s.needed(DEP, List.of(realization(DEP, '3', 3))), "instances do not apply to a dependency");

        Selection instances = selection(RealizeOptions.defaults().withInstances(4));
        assertEquals(2, instances.needed(TARGET, two), "four instances asked, two there");
    }

    @Test
    void aForcedDerivationBuildsWithoutListingAndUnderTheLockAsOftenAsAsked() {
        AtomicInteger listings = new AtomicInteger();
        List<RealizationInfo> one = List.of(realization(TARGET, '1', 1));
        Selection s = selection(RealizeOptions.defaults().withForce("model").withInstances(3));
        assertInstanceOf(Selection.Build.class, s.decide(TARGET, false, listed(one, listings)));
        assertEquals(0, listings.get(), "a forced node needs no listing");
        assertEquals(3, s.builds(TARGET, one), "the target forced: as many as instances");
        assertEquals(0, s.builds(DEP, List.of(realization(DEP, '2', 2))), "not forced, already there");

        Selection all = selection(RealizeOptions.defaults().withForceAll(true).withInstances(3));
        assertEquals(1, all.builds(DEP, List.of(realization(DEP, '2', 2))), "a forced dependency builds once");
    }

    @Test
    void underTheLockABuildMeanwhileMeansNothingToBuild() {
        Selection s = selection(RealizeOptions.defaults());
        assertEquals(1, s.builds(TARGET, List.of()));
        assertEquals(0, s.builds(TARGET, List.of(realization(TARGET, '1', 1))));
    }

    @Test
    void aDryRunBuildsWhatDependsOnABuildWithoutListingIt() {
        AtomicInteger listings = new AtomicInteger();
        List<RealizationInfo> there = List.of(realization(TARGET, '1', 1));
        Selection dry = selection(RealizeOptions.defaults().withDryRun(true));
        assertInstanceOf(Selection.Build.class, dry.decide(TARGET, true, listed(there, listings)));
        assertEquals(0, listings.get());
        assertInstanceOf(Selection.Serve.class, dry.decide(TARGET, false, listed(there, listings)));
        // a real run decides by what is built against its dependencies' selection, not by this flag
        Selection real = selection(RealizeOptions.defaults());
        assertInstanceOf(Selection.Serve.class, real.decide(TARGET, true, () -> there));
    }

    @Test
    void aMatcherThatChoosesNothingIsAnErrorNamingTheDerivationAndMatcher() {
        Matcher none = new Matcher() {
            @Override
            public int missing(List<RealizationInfo> existing) {
                return 0;
            }

            @Override
            public List<RRef> select(List<RealizationInfo> existing) {
                return List.of();
            }

            @Override
            public String spec() {
                return "choosy";
            }
        };
        Selection s = selection(RealizeOptions.defaults().withMatcher(none));
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> s.decide(TARGET, false, () -> List.of(realization(TARGET, '1', 1))));
        assertTrue(e.getMessage().contains(TARGET.toString()) && e.getMessage().contains("'choosy'")
                && e.getMessage().contains("1 built"), e.getMessage());
    }

    @Test
    void bestRanksByMetric() {
        Selection s = selection(RealizeOptions.defaults().withMatcher(Matchers.best("accuracy", 1, true)));
        RealizationInfo worse = realization(TARGET, '1', 1, Map.of(), Map.of("accuracy", 0.5));
        RealizationInfo better = realization(TARGET, '2', 2, Map.of(), Map.of("accuracy", 0.9));
        assertEquals(List.of(better.rref()), s.select(TARGET, List.of(worse, better)));
    }

    @Test
    void onlyRealizationsBuiltAgainstExactlyTheSelectedDependenciesCount() {
        RRef d1 = rref(DEP, '1');
        RRef d2 = rref(DEP, '2');
        RealizationInfo onD1 = realization(TARGET, '3', 3, Map.of(DEP, List.of(d1)), Map.of());
        RealizationInfo onD2 = realization(TARGET, '4', 4, Map.of(DEP, List.of(d2)), Map.of());
        RealizationInfo onBoth = realization(TARGET, '5', 5, Map.of(DEP, List.of(d2, d1)), Map.of());
        RealizationInfo onNothing = realization(TARGET, '6', 6);
        List<RealizationInfo> all = List.of(onD1, onD2, onBoth, onNothing);

        assertEquals(List.of(onD1), Selection.builtAgainst(List.of(DEP), Map.of(DEP, List.of(d1)), all));
        assertEquals(List.of(onBoth), Selection.builtAgainst(List.of(DEP), Map.of(DEP, List.of(d1, d2)), all),
                "the same set, in any order");
        assertEquals(List.of(onNothing), Selection.builtAgainst(List.of(), Map.of(), all));
        assertEquals(List.of(), Selection.builtAgainst(List.of(DEP), Map.of(), all), "nothing selected yet");
    }
}
