package io.microplatform.scheduler.job;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param workTopic   Kafka topic of the work queue
 * @param sendTimeout how long a submission waits for Kafka's acknowledgement before it is refused with 503
 */
@Validated
@ConfigurationProperties("scheduler")
public record SchedulerProperties(@NotBlank @DefaultValue("scheduler.work") String workTopic,
                                  @DefaultValue("5s") Duration sendTimeout) {
}
