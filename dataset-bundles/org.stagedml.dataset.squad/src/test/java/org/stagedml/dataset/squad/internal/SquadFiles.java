package org.stagedml.dataset.squad.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.stagedml.api.Json;

/**
 * Generates files in SQuAD 1.1's published layout: two articles, the second with two paragraphs; a
 * context with a character outside the Basic Multilingual Plane before the answer (Python counts it
 * as one character, Java as two), and dev questions with three answers.
 */
final class SquadFiles {
    static final String EMOJI_CONTEXT = "The \uD83D\uDE00 smile came first. Then Caf\u00e9 Luna opened in 1999.";

    private SquadFiles() {
    }

    static byte[] file(String split) throws IOException {
        boolean dev = split.equals("dev");
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode data = root.putArray("data");
        ObjectNode a1 = data.addObject().put("title", "Super_Bowl_50");
        ObjectNode p1 = a1.putArray("paragraphs").addObject()
                .put("context", "Super Bowl 50 was an American football game. The Denver Broncos won.");
        ArrayNode qas = p1.putArray("qas");
        qa(qas, split + "-1", "Which team won?", dev, "Denver Broncos", 49, "The Denver Broncos", 45);
        qa(qas, split + "-2", "What kind of game?", dev, "American football", 21, "American football game", 21);
        ObjectNode a2 = data.addObject().put("title", "Caf\u00e9");
        ArrayNode ps = a2.putArray("paragraphs");
        ObjectNode p2 = ps.addObject().put("context", EMOJI_CONTEXT);
        // "Caf\u00e9 Luna" starts at character 29 in Python (the emoji is one character)
        qa(p2.putArray("qas"), split + "-3", "What opened in 1999?", dev, "Caf\u00e9 Luna", 29, "Caf\u00e9 Luna", 29);
        ObjectNode p3 = ps.addObject().put("context", "Short paragraph without questions.");
        p3.putArray("qas");
        root.put("version", "1.1");
        return Json.mapper().writeValueAsBytes(root);
    }

    private static void qa(ArrayNode qas, String id, String question, boolean dev, String answer, int start, String other,
            int otherStart) {
        ObjectNode q = qas.addObject().put("id", id).put("question", question);
        ArrayNode answers = q.putArray("answers");
        answers.addObject().put("answer_start", start).put("text", answer);
        if (dev) {
            answers.addObject().put("answer_start", otherStart).put("text", other);
            answers.addObject().put("answer_start", start).put("text", answer);
        }
    }
}
