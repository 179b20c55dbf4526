package org.stagedml.executor.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stagedml.api.Resources;

class SbatchTest {
    private static final Path FOLDER = Path.of("/shared/home/slurm/x");
    private static final Path SCRIPT = FOLDER.resolve("job.sh");

    private static SlurmConfig config(String partition, String account, String time, String more) {
        return SlurmConfig.of(partition, account, time, more, "", 2048, 1000, Path.of("/opt/stagedml"));
    }

    @Test
    void theStagesResourcesBecomeCpusMemoryAndGres() {
        List<String> cmd = Sbatch.command(config("", "", "", ""), new Resources(4, 2, 16000, true), true, "sml-x",
                FOLDER, SCRIPT);
        assertTrue(cmd.containsAll(List.of("sbatch", "--parsable", "--requeue", "--cpus-per-task=4", "--mem=16000M",
                "--gres=gpu:2", "--job-name=sml-x", "--output=" + FOLDER.resolve("slurm-%j.out"))), cmd::toString);
        assertEquals(SCRIPT.toString(), cmd.get(cmd.size() - 1));
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("--partition")), cmd::toString);
    }

    @Test
    void aStageSayingNothingOfMemoryGetsTheConfiguredDefaultAndNoGres() {
        List<String> cmd = Sbatch.command(config("", "", "", ""), Resources.DEFAULT, true, "j", FOLDER, SCRIPT);
        assertTrue(cmd.contains("--mem=2048M") && cmd.contains("--cpus-per-task=1"), cmd::toString);
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("--gres")), cmd::toString);
    }

    @Test
    void preferredGpusCanBeLeftOutAndTheConfigurationIsPassedOn() {
        List<String> cmd = Sbatch.command(config(" gpu ", "ml", "04:00:00", " --qos=long  --constraint=a100 "),
                Resources.gpus(1).preferred(), false, "j", FOLDER, SCRIPT);
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("--gres")), cmd::toString);
        assertTrue(cmd.containsAll(List.of("--partition=gpu", "--account=ml", "--time=04:00:00", "--qos=long",
                "--constraint=a100")), cmd::toString);
    }

    @Test
    void theJobIdIsReadFromParsableOutput() {
        assertEquals("123", Sbatch.jobId("123\n"));
        assertEquals("77", Sbatch.jobId("77;cluster\n"));
        assertThrows(IllegalArgumentException.class, () -> Sbatch.jobId("sbatch: error: nope"));
    }

    @Test
    void aRefusalForGpusIsRecognised() {
        assertTrue(Sbatch.refusedForGpus("sbatch: error: Batch job submission failed: Requested node configuration is not available"));
        assertTrue(Sbatch.refusedForGpus("sbatch: error: Invalid generic resource (gres) specification"));
        assertFalse(Sbatch.refusedForGpus("sbatch: error: invalid partition specified: x"));
    }

    @Test
    void badConfigurationIsRefusedNamingThePid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlurmConfig.of("", "", "", "", "", 0, 1000, null));
        assertTrue(e.getMessage().contains(SlurmConfig.PID) && e.getMessage().contains("memoryMb"), e.getMessage());
    }

    @Test
    void aBuildJobIsToldOfItsTimeLimitSoThatItCanRequeueItself() {
        SlurmConfig c = SlurmConfig.of("", "", "1", "", "", 500, 300, Path.of("/opt/stagedml"), 2, 25);
        List<String> cmd = Sbatch.command(c, Resources.DEFAULT, true, "j", FOLDER, SCRIPT);
        assertTrue(cmd.containsAll(List.of("--requeue", "--signal=B:USR1@25", "--open-mode=append", "--time=1")),
                cmd::toString);
        List<String> never = Sbatch.command(SlurmConfig.of("", "", "1", "", "", 500, 300, null, 0, 25),
                Resources.DEFAULT, true, "j", FOLDER, SCRIPT);
        assertFalse(never.stream().anyMatch(a -> a.startsWith("--signal")), never::toString);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlurmConfig.of("", "", "", "", "", 500, 300, null, -1, 25));
        assertTrue(e.getMessage().contains("maxRequeues"), e.getMessage());
    }
}
