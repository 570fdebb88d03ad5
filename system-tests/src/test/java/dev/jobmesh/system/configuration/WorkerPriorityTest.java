package dev.jobmesh.system.configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jobmesh.system.DeployedJvmSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers yield the CPU to the gateway by one measure, deploy/jvm/workers.nice: deploy/start.sh and the scale suite
 * read it, and docker-compose.yml, which cannot, gives the workers the scheduling weight of that niceness.
 */
class WorkerPriorityTest {

    private static final Path REPO = Path.of(System.getProperty("jobmesh.repo", "..")).toAbsolutePath().normalize();
    /** The kernel's CFS weight of niceness 0 to 19 (kernel/sched/core.c, sched_prio_to_weight), what cpu_shares sets. */
    private static final int[] WEIGHT = {1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87, 70, 56, 45, 36,
            29, 23, 18, 15};
    private static final List<String> WORKERS = List.of("worker-threads", "worker-virtual", "worker-processes",
            "worker-async");

    @Test
    void composeGivesEveryWorkerTheWeightOfTheLocalNiceness() throws IOException {
        int nice = new DeployedJvmSettings(REPO).workersNiceness();
        String compose = Files.readString(REPO.resolve("docker-compose.yml"));

        Matcher anchor = Pattern.compile("(?m)^x-worker-service: &worker-service\\n  <<: \\*jobmesh-service\\n"
                + "  cpu_shares: (\\d+)$").matcher(compose);
        assertThat(anchor.find()).as("docker-compose.yml's x-worker-service with its cpu_shares").isTrue();
        assertThat(Integer.parseInt(anchor.group(1))).as("cpu_shares for niceness %d", nice).isEqualTo(WEIGHT[nice]);

        for (String worker : WORKERS) {
            assertThat(compose).as(worker).containsPattern("(?m)^  " + worker + ":\\n(    #.*\\n)*    <<: \\*worker-service$");
        }
        assertThat(compose).as("the gateway keeps the default weight")
                .containsPattern("(?m)^  gateway:\\n(    #.*\\n)*    <<: \\*jobmesh-service$");
    }
}
