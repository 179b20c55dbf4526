package org.stagedml.dataset.squad.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.stagedml.api.CancelledException;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;

/**
 * One SQuAD file ({@code {"data": [{"title", "paragraphs": [{"context", "qas": [{"id", "question",
 * "answers": [{"text", "answer_start"}]}]}]}], "version"}}) to JSON lines, one per question:
 * {@code {"id", "title", "context", "question", "answers": [{"text", "answer_start"}]}}, in file order.
 * {@code answer_start} stays as published: an offset in characters as Python counts them (code
 * points). An answer whose text is not at its offset is kept and counted as misaligned.
 */
final class SquadNormalizer {
    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    /** What a file held. */
    record Result(String version, long articles, long questions, long answers, long misaligned) {
    }

    private SquadNormalizer() {
    }

    static Result convert(Path source, Path target, BooleanSupplier cancelled) throws IOException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(source.toFile());
        } catch (IOException e) {
            throw new StagedmlException(source.getFileName() + " is not JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); it is not a published SQuAD file");
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw new StagedmlException(source.getFileName() + " has no \"data\" array; it is not a published SQuAD file");
        }
        long articles = 0;
        long questions = 0;
        long answers = 0;
        long misaligned = 0;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(target), StandardCharsets.UTF_8), 1 << 16)) {
            for (JsonNode article : data) {
                if (cancelled.getAsBoolean()) {
                    throw new CancelledException("squad cancelled");
                }
                articles++;
                String title = article.path("title").asText("");
                for (JsonNode paragraph : article.path("paragraphs")) {
                    String context = text(paragraph, "context", source);
                    for (JsonNode qa : paragraph.path("qas")) {
                        ObjectNode o = Json.mapper().createObjectNode();
                        o.put("id", text(qa, "id", source));
                        o.put("title", title);
                        o.put("context", context);
                        o.put("question", text(qa, "question", source));
                        ArrayNode list = o.putArray("answers");
                        for (JsonNode a : qa.path("answers")) {
                            String answer = text(a, "text", source);
                            int start = a.path("answer_start").asInt(-1);
                            if (!alignedAt(context, answer, start)) {
                                misaligned++;
                            }
                            list.addObject().put("text", answer).put("answer_start", start);
                            answers++;
                        }
                        out.write(LINE.writeValueAsString(o));
                        out.write('\n');
                        questions++;
                    }
                }
            }
        }
        return new Result(root.path("version").asText(""), articles, questions, answers, misaligned);
    }

    /** Whether the answer text is at code point offset {@code start} of the context. */
    static boolean alignedAt(String context, String answer, int start) {
        if (start < 0 || start > context.codePointCount(0, context.length())) {
            return false;
        }
        int from = context.offsetByCodePoints(0, start);
        return context.startsWith(answer, from);
    }

    private static String text(JsonNode node, String field, Path source) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new StagedmlException(source.getFileName() + ": an entry has no text field \"" + field + "\" (" + abbreviate(node)
                    + "); it is not a published SQuAD file");
        }
        return v.textValue();
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
