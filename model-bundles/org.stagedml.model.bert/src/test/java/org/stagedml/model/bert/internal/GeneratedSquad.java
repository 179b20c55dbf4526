package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Json;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Stage;

/**
 * Stands in for the {@code squad} stage (another bundle): a generated span task in squad's layout.
 * Contexts are 18 to 34 lower-case filler words with one answer inserted: one to three capitalized
 * Greek letter names, the last sometimes followed by a comma; the question is always the same, so
 * the answer is learnable only from the context. Answers keep the capitals and never the comma:
 * predictions must be mapped back to the original text to score.
 */
final class GeneratedSquad implements Stage {
    static final List<String> FILLER = List.of("the", "of", "and", "river", "city", "north", "old", "stone", "green", "house", "road",
            "hill", "lake", "king", "red", "blue", "small", "field", "tower", "bridge");
    static final List<String> ANSWERS = List.of("alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "theta");
    static final String QUESTION = "What is named?";

    private final int train;
    private final int dev;
    private final AtomicInteger builds = new AtomicInteger();

    GeneratedSquad(int train, int dev) {
        this.train = train;
        this.dev = dev;
    }

    /** The vocabulary of a bert-random-init that covers the task. */
    static List<String> vocab() {
        List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ",", ".", "?", "what", "is", "named"));
        v.addAll(FILLER);
        v.addAll(ANSWERS);
        return v;
    }

    int builds() {
        return builds.get();
    }

    @Override
    public String name() {
        return "squad";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "generated SQuAD-like span task";
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.of();
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("train.jsonl", "dev.jsonl");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        builds.incrementAndGet();
        write(b.out().resolve("train.jsonl"), "train", train, new Random(11));
        write(b.out().resolve("dev.jsonl"), "dev", dev, new Random(12));
    }

    /** One question: its context and its answer's text and offset. */
    record Question(String context, String answer, int start) {
    }

    static Question question(Random r) {
        List<String> words = new ArrayList<>();
        int n = 18 + r.nextInt(17);
        for (int i = 0; i < n; i++) {
            words.add(FILLER.get(r.nextInt(FILLER.size())));
        }
        int at = 1 + r.nextInt(n - 1);
        int len = 1 + r.nextInt(3);
        List<String> answer = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            String a = ANSWERS.get(r.nextInt(ANSWERS.size()));
            answer.add(Character.toUpperCase(a.charAt(0)) + a.substring(1));
        }
        String before = String.join(" ", words.subList(0, at)) + " ";
        String text = String.join(" ", answer);
        String context = before + text + (r.nextBoolean() ? ", " : " ") + String.join(" ", words.subList(at, n)) + ".";
        return new Question(context, text, before.length());
    }

    private static void write(Path file, String split, int count, Random r) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Question q = question(r);
            ObjectNode o = Json.mapper().createObjectNode().put("id", split + "-" + i).put("title", "generated")
                    .put("context", q.context()).put("question", QUESTION);
            o.putArray("answers").addObject().put("text", q.answer()).put("answer_start", q.start());
            out.append(o).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }
}
