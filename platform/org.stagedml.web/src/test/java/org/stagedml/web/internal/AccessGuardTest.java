package org.stagedml.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccessGuardTest {
    @Test
    void theTokenMustMatchExactly() {
        String t = DashboardServer.newToken();
        assertTrue(t.length() >= 32, t);
        assertNotEquals(t, DashboardServer.newToken());
        assertTrue(AccessGuard.matches(t, t));
        assertFalse(AccessGuard.matches(t, t.substring(1)));
        assertFalse(AccessGuard.matches(t, null));
        assertFalse(AccessGuard.matches(t, ""));
    }

    @Test
    void theHostHeaderIsReadWithoutItsPort() {
        assertEquals("127.0.0.1", AccessGuard.hostName("127.0.0.1:8765"));
        assertEquals("localhost", AccessGuard.hostName("LOCALHOST:1"));
        assertEquals("[::1]", AccessGuard.hostName("[::1]:8765"));
        assertEquals("evil.example", AccessGuard.hostName("evil.example:8765"));
        assertEquals("", AccessGuard.hostName(null));
    }

    @Test
    void htmlIsEscaped() {
        assertEquals("&lt;script&gt;&amp;&quot;&#39;", Html.esc("<script>&\"'"));
        assertEquals("<\\/script>", Html.scriptJson("</script>"));
        assertEquals("a%20b/c%3F", Html.urlPath("a b/c?"));
    }
}
