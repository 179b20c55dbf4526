package org.stagedml.model.transformer.internal;

import java.util.List;
import java.util.Locale;
import org.stagedml.api.ConfigException;

/**
 * The architecture of a Transformer size, as official/transformer's model_params: {@code base} and
 * {@code big} are the paper's (Vaswani et al. 2017, table 3); {@code tiny} is smaller than the
 * reference's TINY_PARAMS (which keeps 6 layers of width 32): 2 layers of width 64, for tests and
 * quick runs on a CPU.
 *
 * @param layers encoder and decoder layers (each)
 * @param hidden model width d (embedding, attention, layer outputs)
 * @param heads attention heads (hidden must be a multiple)
 * @param filter width of the ReLU feed-forward layer
 */
public record TransformerSize(String name, int layers, int hidden, int heads, int filter) {
    public static final TransformerSize TINY = new TransformerSize("tiny", 2, 64, 4, 128);
    public static final TransformerSize BASE = new TransformerSize("base", 6, 512, 8, 2048);
    public static final TransformerSize BIG = new TransformerSize("big", 6, 1024, 16, 4096);
    public static final List<TransformerSize> ALL = List.of(TINY, BASE, BIG);

    public TransformerSize {
        if (layers < 1 || heads < 1 || hidden % heads != 0 || hidden % 2 != 0 || filter < 1) {
            throw new IllegalArgumentException("bad transformer size " + name + ": layers and heads >= 1,"
                    + " hidden even and a multiple of heads");
        }
    }

    public static List<String> names() {
        return ALL.stream().map(TransformerSize::name).toList();
    }

    public static TransformerSize of(String name) {
        return ALL.stream().filter(s -> s.name.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new ConfigException("transformer: unknown size '" + name + "', expected one of " + names()));
    }

    public int headSize() {
        return hidden / heads;
    }
}
