package io.microplatform.inventory.outbox;

import io.microplatform.starter.tracing.SeataXidSpanAttribute;
import io.microplatform.starter.tracing.TraceParents;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka and marks them published, in one local transaction per batch. Rows are
 * claimed with {@code for update skip locked}, so several instances relay side by side without publishing a
 * row twice in the normal case; a crash after the send and before the commit republishes the batch, which
 * consumers drop by event id.
 *
 * <p>Each row is sent in a span that continues the trace of the request (or TCC phase two) that wrote it (its
 * stored {@code traceparent}), with the row's Seata XID, if any, as baggage: the producer's and the consumers'
 * spans belong to that request's trace.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Row(long id, UUID eventId, String aggregateId, String type, String payload, String xid,
                       String traceparent) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final TraceParents traceParents;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<String, String> kafka, OutboxProperties properties,
                TraceParents traceParents) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
        this.traceParents = traceParents;
    }

    @Scheduled(fixedDelayString = "${microplatform.inventory.outbox.poll-interval:200ms}")
    void relay() {
        try {
            Integer published;
            do {
                published = tx.execute(status -> relayBatch());
            }
            while (published != null && published == properties.batchSize());
        }
        catch (RuntimeException e) {
            log.warn("outbox relay pass failed, retrying on the next pass: {}", e.getMessage());
        }
    }

    /** One batch: claim, send, wait for every acknowledgement, mark published. */
    private int relayBatch() {
        List<Row> rows = jdbc.sql("""
                        select o.id, o.event_id, o.aggregate_id, o.type, o.payload, o.xid, o.traceparent from outbox o
                        where o.published_at is null
                          and (o.xid is null or not exists (select 1 from undo_log u where u.xid = o.xid))
                        order by o.id limit :limit for update of o skip locked""")
                .param("limit", properties.batchSize())
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                        rs.getString("aggregate_id"), rs.getString("type"), rs.getString("payload"), rs.getString("xid"),
                        rs.getString("traceparent")))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(properties.topic(), row.aggregateId(),
                    row.payload());
            record.headers().add("eventId", row.eventId().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("eventType", row.type().getBytes(StandardCharsets.UTF_8));
            Map<String, String> baggage = new HashMap<>();
            baggage.put(SeataXidSpanAttribute.KEY, row.xid());
            traceParents.runInSpan(row.traceparent(), "outbox publish", baggage, () -> sends.add(kafka.send(record)));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge " + rows.size() + " events", e);
        }
        jdbc.sql("update outbox set published_at = now() where id in (:ids)")
                .param("ids", rows.stream().map(Row::id).toList()).update();
        return rows.size();
    }

    @Configuration(proxyBeanMethods = false)
    static class Topology {

        @Bean
        NewTopic productEventsTopic(OutboxProperties properties) {
            return TopicBuilder.name(properties.topic()).partitions(properties.partitions())
                    .replicas(properties.replicas()).build();
        }
    }
}
