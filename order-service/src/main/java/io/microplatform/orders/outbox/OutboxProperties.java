package io.microplatform.orders.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param topic         Kafka topic of order events
 * @param partitions    partitions of the topic (events of one order share a partition: the key is the order id)
 * @param replicas      replication factor (1 on a single local broker)
 * @param batchSize     events published per relay pass
 * @param sendTimeout   how long the relay waits for Kafka's acknowledgement of a batch
 * @param pollInterval  pause between two relay passes (read by the relay's {@code @Scheduled})
 */
@Validated
@ConfigurationProperties("microplatform.orders.outbox")
public record OutboxProperties(@NotBlank @DefaultValue("orders.events") String topic,
                               @Min(1) @DefaultValue("6") int partitions,
                               @Min(1) @DefaultValue("1") short replicas,
                               @Min(1) @Max(1000) @DefaultValue("100") int batchSize,
                               @DefaultValue("10s") Duration sendTimeout,
                               @DefaultValue("200ms") Duration pollInterval) {
}
