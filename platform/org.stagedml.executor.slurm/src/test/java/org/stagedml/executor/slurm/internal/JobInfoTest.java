package org.stagedml.executor.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobInfoTest {
    @Test
    void aPendingJobSaysWhy() {
        JobInfo j = JobInfo.parse("JobId=12 JobName=sml-x UserId=root(0) JobState=PENDING Reason=Resources"
                + " Dependency=(null) NodeList=(null) BatchHost=(null) ExitCode=0:0");
        assertEquals("12", j.id());
        assertFalse(j.ended());
        assertEquals("pending (Resources)", j.describe());
    }

    @Test
    void aRunningJobNamesItsNode() {
        JobInfo j = JobInfo.parse("JobId=12 JobName=sml x JobState=RUNNING Reason=None NodeList=node7 BatchHost=node7 ExitCode=0:0");
        assertEquals("running on node7", j.describe());
        assertFalse(j.ended());
    }

    @Test
    void endsAreTold() {
        assertTrue(JobInfo.parse("JobId=1 JobState=COMPLETED NodeList=n1 ExitCode=0:0").succeeded());
        JobInfo failed = JobInfo.parse("JobId=1 JobState=FAILED Reason=NonZeroExitCode NodeList=n1 BatchHost=n1 ExitCode=1:0");
        assertTrue(failed.ended() && !failed.succeeded());
        assertEquals("failed (exit code 1:0) on n1", failed.describe());
        assertTrue(JobInfo.parse("JobId=1 JobState=CANCELLED NodeList=n1 ExitCode=0:15").cancelled());
        assertEquals("failed: timeout (exit code 0:0) on n1",
                JobInfo.parse("JobId=1 JobState=TIMEOUT BatchHost=n1 ExitCode=0:0").describe());
        assertFalse(JobInfo.parse("JobId=1 JobState=REQUEUED NodeList=n1").ended(), "a requeued job runs again");
        JobInfo again = JobInfo.parse("JobId=1 JobState=RUNNING Restarts=2 BatchHost=n1 ExitCode=0:0");
        assertEquals(2, again.restarts());
        assertEquals("running on n1 (run 3)", again.describe());
    }

    @Test
    void theCauseOfAFailedBuildIsTakenFromItsMessage() {
        assertEquals("boom", SlurmJob.cause("build of stage 'x' (dref:ab-x) failed: boom; log: /h/logs/failed/x.log"));
        assertEquals("plain", SlurmJob.cause("plain"));
    }
}
