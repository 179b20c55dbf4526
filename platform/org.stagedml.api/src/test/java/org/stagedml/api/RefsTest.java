package org.stagedml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefsTest {
    static final String H1 = "0123456789abcdef0123456789abcdef";
    static final String H2 = "fedcba9876543210fedcba9876543210";

    @Test
    void drefsParseAndPrint() {
        DRef d = DRef.parse("dref:" + H1 + "-bert-finetune-glue");
        assertEquals(H1, d.hash());
        assertEquals("bert-finetune-glue", d.name());
        assertEquals("dref:" + H1 + "-bert-finetune-glue", d.toString());
        assertEquals(H1 + "-bert-finetune-glue", d.folderName());
        assertEquals(d, d.dref());
        assertTrue(DRef.isDRef(d.toString()));
        assertEquals(d, Ref.parse(d.toString()));
    }

    @Test
    void rrefsParseAndPrint() {
        RRef r = RRef.parse("rref:" + H2 + "-" + H1 + "-convnet-mnist");
        assertEquals(H2, r.outputHash());
        assertEquals(H1, r.derivationHash());
        assertEquals("convnet-mnist", r.name());
        assertEquals(new DRef(H1, "convnet-mnist"), r.dref());
        assertEquals(r, RRef.of(H2, r.dref()));
        assertEquals("rref:" + H2 + "-" + H1 + "-convnet-mnist", r.toString());
        assertInstanceOf(RRef.class, Ref.parse(r.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dref:", "dref:" + H1, "dref:" + H1 + "-", "dref:" + H1 + "-_x", "dref:" + H1 + "-a b",
        "dref:0123456789ABCDEF0123456789abcdef-x", "dref:0123-x", "dref:" + H1 + "0-x", "rref:" + H1 + "-" + H2 + "-x",
        "DREF:" + H1 + "-x", " dref:" + H1 + "-x", "dref:" + H1 + "-x/y"})
    void invalidDRefsAreRefusedWithTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DRef.parse(text));
        assertFalse(e.getMessage().isBlank());
        assertFalse(DRef.isDRef(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rref:", "rref:" + H1, "rref:" + H1 + "-" + H2, "rref:" + H1 + "-" + H2 + "-",
        "rref:" + H1 + "-x-" + H2, "rref:0123456789ABCDEF0123456789ABCDEF-" + H2 + "-x", "dref:" + H1 + "-x",
        "rref:" + H1 + "-" + H2 + "-.x"})
    void invalidRRefsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> RRef.parse(text));
    }

    @Test
    void refParseNamesBothForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ref.parse("glue"));
        assertTrue(e.getMessage().contains("dref:") && e.getMessage().contains("rref:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ref.parse(null));
    }

    @Test
    void stageNames() {
        for (String ok : new String[] {"a", "glue", "bert-finetune-glue", "x.y_z-1", "9lives"}) {
            assertEquals(ok, Names.checkStageName(ok));
        }
        for (String bad : new String[] {"", "-a", ".a", "_a", "a b", "a/b", "ä", null}) {
            assertThrows(IllegalArgumentException.class, () -> Names.checkStageName(bad), String.valueOf(bad));
        }
    }

    @Test
    void refsOrderByText() {
        DRef a = new DRef(H1, "a");
        DRef b = new DRef(H2, "a");
        assertTrue(a.compareTo(b) < 0);
        assertEquals(0, a.compareTo(DRef.parse(a.toString())));
    }

    @Test
    void aDerivationsRefIsTheHashOfItsCanonicalDocument() {
        Derivation d = new Derivation("glue", 2, Config.parse("{\"task\":\"MRPC\",\"epochs\":3.0}"));
        String canonical = "{\"config\":{\"epochs\":3,\"task\":\"MRPC\"},\"stage\":\"glue\",\"version\":2}";
        assertEquals(CanonicalJson.sha256(d.toJson()), d.hash());
        assertEquals(canonical, CanonicalJson.write(d.toJson()));
        assertEquals(new DRef(d.hash().substring(0, 32), "glue"), d.dref());
        assertEquals(d.dref(), Derivation.parse("{\"version\":2,\"config\":{\"epochs\":3,\"task\":\"MRPC\"},\"stage\":\"glue\"}").dref());
        assertTrue(!d.dref().equals(new Derivation("glue", 3, d.config()).dref()), "the stage version counts");
        assertThrows(StagedmlException.class, () -> Derivation.parse("{\"stage\":\"glue\"}"));
        assertThrows(StagedmlException.class, () -> Derivation.parse("{nope"));
    }
}
