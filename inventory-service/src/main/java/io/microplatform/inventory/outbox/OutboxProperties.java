package io.microplatform.inventory.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param topic         Kafka topic of product events
 * @param partitions    partitions of the topic (events of one product share a partition: the key is the sku)
 * @param replicas      replication factor (1 on a single local broker)
 * @param batchSize     events published per relay pass
 * @param sendTimeout   how long the relay waits for Kafka's acknowledgement of a batch
 * @param pollInterval  pause between two relay passes (read by the relay's {@code @Scheduled})
 */
@Validated
@ConfigurationProperties("microplatform.inventory.outbox")
public record OutboxProperties(@NotBlank @DefaultValue("inventory.events") String topic,
                               @Min(1) @DefaultValue("6") int partitions,
                               @Min(1) @DefaultValue("1") short replicas,
                               @Min(1) @Max(1000) @DefaultValue("100") int batchSize,
                               @DefaultValue("10s") Duration sendTimeout,
                               @DefaultValue("200ms") Duration pollInterval) {
}
