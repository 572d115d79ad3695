package io.microplatform.scheduler.work;

import io.microplatform.scheduler.support.SchedulerApi;
import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.SharedDevStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker stopped for real while fires happen: the fires are recorded (runs QUEUED, their messages in
 * the outbox), and once the broker is back every one of them is delivered and run exactly once.
 */
@ServiceIntegrationTest
class KafkaOutageIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void firesRecordedWhileKafkaIsDownAreDeliveredOnceWhenItIsBack() {
        SchedulerApi api = new SchedulerApi(port);
        SharedDevStack.get().stop("kafka");
        List<UUID> jobs = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Map<String, Object> job = api.post("/api/scheduler/jobs",
                        Map.of("name", "during.outage", "task", "ledger")).getBody();
                jobs.add(UUID.fromString(job.get("id").toString()));
            }
            // the leader fires them: recorded, waiting in the outbox for the broker
            await().atMost(Duration.ofSeconds(60)).until(() -> runs(jobs, "QUEUED") == jobs.size());
            assertThat(jdbc.sql("select count(*) from work_outbox where topic = 'scheduler.work'")
                    .query(Integer.class).single()).isGreaterThanOrEqualTo(jobs.size());
        }
        finally {
            SharedDevStack.get().start("kafka");
        }
        await().atMost(Duration.ofSeconds(180)).until(() -> runs(jobs, "SUCCEEDED") == jobs.size());
        assertThat(jdbc.sql("select count(*) from run where schedule_id in (:ids) and attempts = 1")
                .param("ids", jobs).query(Integer.class).single()).as("each run once").isEqualTo(jobs.size());
        assertThat(jdbc.sql("""
                        select count(*) from ledger l join run r on r.id = l.run_id where r.schedule_id in (:ids)""")
                .param("ids", jobs).query(Integer.class).single()).as("one effect per run").isEqualTo(jobs.size());
    }

    private int runs(List<UUID> scheduleIds, String status) {
        return jdbc.sql("select count(*) from run where schedule_id in (:ids) and status = :status")
                .param("ids", scheduleIds).param("status", status).query(Integer.class).single();
    }
}
