package io.microplatform.scheduler.job;

import io.microplatform.test.TestHttp;
import io.microplatform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class JobApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void aSubmittedJobTravelsThroughKafkaAndIsRunByAWorker() {
        ResponseEntity<Job> created = TestHttp.client(port).post().uri("/api/scheduler/jobs")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "report.daily", "payload", "{}"))
                .retrieve().toEntity(Job.class);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        Job job = created.getBody();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/scheduler/jobs/" + job.id());
        assertThat(job.status()).isEqualTo(Job.JobStatus.QUEUED);

        Job ran = await().atMost(Duration.ofSeconds(60)).until(
                () -> TestHttp.client(port).get().uri("/api/scheduler/jobs/{id}", job.id()).retrieve().body(Job.class),
                j -> j.status() == Job.JobStatus.SUCCEEDED);
        assertThat(ran.attempts()).isEqualTo(1);
        assertThat(ran.worker()).endsWith(":" + ProcessHandle.current().pid());
        assertThat(ran.finishedAt()).isNotNull();
    }

    @Test
    void aWorkItemWithoutItsJobIsSkippedAndTheQueueKeepsFlowing() throws Exception {
        UUID orphan = UUID.randomUUID();
        kafka.send("scheduler.work", orphan.toString(), orphan.toString()).get(10, TimeUnit.SECONDS);
        kafka.send("scheduler.work", orphan.toString(), "not-a-uuid").get(10, TimeUnit.SECONDS);

        // same key, so same partition, behind the two bad items: it still runs
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into job (id, name, status) values (?, 'after.orphans', 'QUEUED')").param(id).update();
        kafka.send("scheduler.work", orphan.toString(), id.toString()).get(10, TimeUnit.SECONDS);

        await("job " + id + " ran").atMost(Duration.ofSeconds(30)).until(
                () -> jdbc.sql("select status from job where id = ?").param(id).query(String.class).single(),
                "SUCCEEDED"::equals);
        assertThat(jdbc.sql("select count(*) from job where id = ?").param(orphan).query(Integer.class).single()).isZero();
    }

    @Test
    void invalidJobIsRejectedAndNothingIsRecorded() {
        int before = jdbc.sql("select count(*) from job").query(Integer.class).single();

        ResponseEntity<Map<String, Object>> response = TestHttp.client(port).post().uri("/api/scheduler/jobs")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "Not A Valid Name!"))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").toString()).startsWith("name: must be 1-100 characters");
        assertThat(jdbc.sql("select count(*) from job").query(Integer.class).single()).isEqualTo(before);
    }
}
