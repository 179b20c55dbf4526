package org.stagedml.executor.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobInfoTest {
    @Test
    void aPendingJobSaysWhy() {
        JobInfo j = JobInfo.parse("12|PENDING|Resources|n/a|0|0|");
        assertEquals("12", j.id());
        assertFalse(j.ended());
        assertEquals("pending (Resources)", j.describe());
        assertEquals("", j.node(), "squeue's n/a is no node");
    }

    @Test
    void aRunningJobNamesItsNode() {
        JobInfo j = JobInfo.parse("12|RUNNING|None|node7|0|0|");
        assertEquals("running on node7", j.describe());
        assertFalse(j.ended());
    }

    @Test
    void endsAreTold() {
        assertTrue(JobInfo.parse("1|COMPLETED|None|n1|0|0|").succeeded());
        JobInfo failed = JobInfo.parse("1|FAILED|NonZeroExitCode|n1|256|0|");
        assertTrue(failed.ended() && !failed.succeeded());
        assertEquals("failed (exit code 1:0) on n1", failed.describe());
        JobInfo cancelled = JobInfo.parse("1|CANCELLED|None|n1|15|0|");
        assertTrue(cancelled.cancelled());
        assertEquals("0:15", cancelled.exitCode(), "squeue's raw wait status, as code:signal");
        assertEquals("failed: timeout (exit code 0:0) on n1",
                JobInfo.parse("1|TIMEOUT|TimeLimit|n1|0|0|").describe());
        assertFalse(JobInfo.parse("1|REQUEUED|BeginTime|n1|0|1|").ended(), "a requeued job runs again");
        JobInfo again = JobInfo.parse("1|RUNNING|None|n1|0|2|");
        assertEquals(2, again.restarts());
        assertEquals("running on n1 (run 3)", again.describe());
    }

    @Test
    void aJobHeldAfterAFailedLaunchIsToldApart() {
        JobInfo held = JobInfo.parse("7|PENDING|launch failed requeued held|n/a|0|1|");
        assertTrue(held.launchFailedAndHeld());
        assertFalse(held.ended(), "squeue still counts it as pending");
        assertTrue(JobInfo.parse("7|REQUEUE_HOLD|launch_failed_requeued_held|n1|0|1|").launchFailedAndHeld());
        assertFalse(JobInfo.parse("7|PENDING|Resources|n/a|0|0|").launchFailedAndHeld());
        assertFalse(JobInfo.parse("7|PENDING|JobHeldUser|n/a|0|0|").launchFailedAndHeld(), "a user's hold is released by the user");
        assertFalse(JobInfo.parse("7|FAILED|launch failed requeued held|n1|0|0|").launchFailedAndHeld(), "an ended job is told as failed anyway");
    }

    @Test
    void theCauseOfAFailedBuildIsTakenFromItsMessage() {
        assertEquals("boom", SlurmJob.cause("build of stage 'x' (dref:ab-x) failed: boom; log: /h/logs/failed/x.log"));
        assertEquals("plain", SlurmJob.cause("plain"));
    }
}
