package org.stagedml.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleTimeoutTest {
    @Test
    void secondsMinutesHoursOrTheDefault() {
        assertEquals(Duration.ofSeconds(90), ServerMain.idle("90"));
        assertEquals(Duration.ofSeconds(90), ServerMain.idle("90s"));
        assertEquals(Duration.ofMinutes(30), ServerMain.idle("30m"));
        assertEquals(Duration.ofHours(3), ServerMain.idle("3H"));
        assertEquals(ServerMain.DEFAULT_IDLE, ServerMain.idle(""));
        assertEquals(ServerMain.DEFAULT_IDLE, ServerMain.idle("soon"));
    }
}
