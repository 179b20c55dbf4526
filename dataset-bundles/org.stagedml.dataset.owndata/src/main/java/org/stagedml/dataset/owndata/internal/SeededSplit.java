package org.stagedml.dataset.owndata.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;

/**
 * Assigns examples to train, dev and test by a seeded hash of their content, so the split of an
 * example never depends on the order of the file or on the other examples (and duplicates land in
 * the same split).
 */
final class SeededSplit {
    private final double[] fractions;
    private final long seed;

    private SeededSplit(double[] fractions, long seed) {
        this.fractions = fractions;
        this.seed = seed;
    }

    /**
     * The schema of a stage that splits with this class: its own fields, then {@code split} (described
     * by {@code splitHelp}) and {@code seed}, the two that {@link #parse} reads.
     */
    static ConfigSchema schema(String splitHelp, FieldSpec... own) {
        List<FieldSpec> fields = new ArrayList<>(List.of(own));
        fields.add(FieldSpec.string("split", "0.8,0.1,0.1", splitHelp));
        fields.add(FieldSpec.integer("seed", 1, "seed of the split's hash"));
        return ConfigSchema.of(fields);
    }

    /** Parses {@code split} ("0.8,0.1,0.1": train, dev, test fractions summing to 1). */
    static SeededSplit parse(String stage, String split, long seed) {
        String[] parts = split.split(",");
        double[] f = new double[3];
        try {
            if (parts.length < 2 || parts.length > 3) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < parts.length; i++) {
                f[i] = Double.parseDouble(parts[i].strip());
                if (!(f[i] >= 0 && f[i] <= 1)) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("stage '" + stage + "': split must be two or three fractions in [0, 1] for train,dev[,test],"
                    + " e.g. 0.8,0.1,0.1; got '" + split + "'");
        }
        double sum = f[0] + f[1] + f[2];
        if (Math.abs(sum - 1) > 1e-6 || f[0] == 0) {
            throw new ConfigException("stage '" + stage + "': the split fractions must sum to 1 with train above 0, got '"
                    + split + "'");
        }
        return new SeededSplit(f, seed);
    }

    double fraction(int split) {
        return fractions[split];
    }

    /** 0 train, 1 dev, 2 test for an example identified by its content. */
    int of(String... content) {
        double u = unit(content);
        return u < fractions[0] ? 0 : u < fractions[0] + fractions[1] ? 1 : fractions[2] > 0 ? 2 : 1;
    }

    private double unit(String... content) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ByteBuffer.allocate(8).putLong(seed).array());
            for (String s : content) {
                md.update((byte) 0);
                if (s != null) {
                    md.update(s.getBytes(StandardCharsets.UTF_8));
                }
            }
            long bits = ByteBuffer.wrap(md.digest()).getLong() >>> 11; // 53 bits
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
