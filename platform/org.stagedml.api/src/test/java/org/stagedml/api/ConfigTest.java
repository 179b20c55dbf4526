package org.stagedml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Config#dependencies()}: the one definition of a config's dependencies. */
class ConfigTest {
    static final String GLUE = "dref:0123456789abcdef0123456789abcdef-glue";
    static final String BERT = "dref:fedcba9876543210fedcba9876543210-bert";

    @Test
    void dependenciesAreTheTopLevelFieldsHoldingADrefInDocumentOrder() {
        Config c = Config.parse("{\"model\":\"" + BERT + "\",\"lr\":0.1,\"data\":\"" + GLUE + "\",\"name\":\"x\"}");
        assertEquals(List.of("model", "data"), List.copyOf(c.dependencies().keySet()));
        assertEquals(Map.of("model", DRef.parse(BERT), "data", DRef.parse(GLUE)), c.dependencies());
        assertEquals(DRef.parse(GLUE), c.getDRef("data"));
    }

    @Test
    void aNestedDrefLookingStringIsAPlainValueNotADependency() {
        Config c = Config.parse("{\"data\":\"" + GLUE + "\",\"notes\":{\"seen\":\"" + BERT + "\"},\"list\":[\"" + BERT + "\"]}");
        assertEquals(Map.of("data", DRef.parse(GLUE)), c.dependencies());
        assertThrows(ConfigException.class, () -> c.getDRef("notes"));
    }

    @Test
    void stringsThatOnlyLookLikeADrefDoNotCount() {
        Config c = Config.parse("{\"a\":\"dref:xyz\",\"b\":\"dref:\",\"c\":\"rref:0123\",\"d\":\"dref:0123456789abcdef0123456789abcdef\"}");
        assertEquals(Map.of(), c.dependencies());
    }
}
