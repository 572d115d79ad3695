package io.microplatform.scheduler.work;

import io.microplatform.scheduler.SchedulerProperties;
import io.microplatform.starter.tracing.TraceParents;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes due outbox rows and deletes them, one transaction per batch, on every instance side by side: rows
 * are claimed with {@code for update skip locked}. A crash after the send and before the commit publishes a
 * batch again; the workers are idempotent. While Kafka is down the rows stay, and leave when it is back. Each
 * row is sent in a span that continues its stored trace context.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Row(long id, String topic, String key, String payload, String traceparent) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final SchedulerProperties properties;
    private final TraceParents traceParents;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean failing;
    private Thread thread;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<String, String> kafka,
                SchedulerProperties properties, TraceParents traceParents) {
        this.traceParents = traceParents;
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
    }

    void wake() {
        wakeUps.release();
    }

    private void loop() {
        while (running) {
            try {
                wakeUps.tryAcquire(properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                relayDue();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void relayDue() {
        try {
            Integer published;
            do {
                published = tx.execute(status -> relayBatch());
            }
            while (running && published != null && published == properties.relayBatch());
            if (failing) {
                failing = false;
                log.info("work outbox: publishing again");
            }
        }
        catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("work outbox: cannot publish ({}); messages stay in the outbox until Kafka answers",
                        e.getMessage());
            }
        }
    }

    private int relayBatch() {
        List<Row> rows = jdbc.sql("""
                        select id, topic, message_key, payload, traceparent from work_outbox where due_at <= now()
                        order by due_at, id limit :limit for update skip locked""")
                .param("limit", properties.relayBatch())
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"),
                        rs.getString("payload"), rs.getString("traceparent")))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
        for (Row row : rows) {
            traceParents.runInSpan(row.traceparent(), "outbox publish", Map.of(),
                    () -> sends.add(kafka.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()))));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka did not acknowledge " + rows.size() + " message(s): " + e, e);
        }
        jdbc.sql("delete from work_outbox where id in (:ids)").param("ids", rows.stream().map(Row::id).toList()).update();
        return rows.size();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "work-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
