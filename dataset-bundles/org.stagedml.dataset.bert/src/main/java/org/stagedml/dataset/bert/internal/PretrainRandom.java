package org.stagedml.dataset.bert.internal;

import java.util.Random;

/**
 * The random choices of create_pretraining_data.py, named as Python's {@code random.Random} names
 * them, over {@link java.util.Random} seeded with the stage's seed: {@code random()} is
 * {@code nextDouble()}, {@code randint(a, b)} (both ends included) is {@code a + nextInt(b - a + 1)},
 * {@code shuffle} is the same Fisher-Yates walk from the end (on an array of indexes where the reference
 * shuffles a list). The draws are made in the reference's
 * order, but the numbers are Java's, so the output is not byte-equal to the Python script's for the
 * same seed: equal in distribution, and byte-equal to itself for a seed.
 */
final class PretrainRandom {
    private final Random random;

    PretrainRandom(long seed) {
        this.random = new Random(seed);
    }

    /** A double in [0, 1). */
    double random() {
        return random.nextDouble();
    }

    /** An int in [a, b], both included. */
    int randint(int a, int b) {
        return a + random.nextInt(b - a + 1);
    }

    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
