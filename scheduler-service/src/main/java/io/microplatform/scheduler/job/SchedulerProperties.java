package io.microplatform.scheduler.job;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param workTopic           Kafka topic of the work queue
 * @param workTopicPartitions partitions of the work queue: the most workers that can run jobs in parallel
 * @param topicReplicas       replication factor of the scheduler's topics (1 on a single local broker)
 * @param sendTimeout         how long a submission waits for Kafka's acknowledgement before it is refused with 503
 * @param retryBackoff        pause between two attempts at a failed work item
 * @param maxRetries          attempts after the first before a work item is skipped
 */
@Validated
@ConfigurationProperties("scheduler")
public record SchedulerProperties(@NotBlank @DefaultValue("scheduler.work") String workTopic,
                                  @Min(1) @DefaultValue("6") int workTopicPartitions,
                                  @Min(1) @DefaultValue("1") short topicReplicas,
                                  @DefaultValue("5s") Duration sendTimeout,
                                  @DefaultValue("500ms") Duration retryBackoff,
                                  @Min(0) @DefaultValue("20") long maxRetries) {
}
