package io.microplatform.scheduler.job;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The work queue: its topic, declared rather than auto-created (a consumer that subscribes before a producer
 * has auto-created its topic only notices it at its next metadata refresh, minutes later), and how a failed
 * work item is retried.
 */
@Configuration(proxyBeanMethods = false)
class WorkQueueTopology {

    @Bean
    NewTopic workTopic(SchedulerProperties properties) {
        return TopicBuilder.name(properties.workTopic())
                .partitions(properties.workTopicPartitions())
                .replicas(properties.topicReplicas())
                .build();
    }

    /** Retries a work item with a fixed back-off, then logs and skips it (dead letters come with the scheduler work). */
    @Bean
    DefaultErrorHandler workErrorHandler(SchedulerProperties properties) {
        return new DefaultErrorHandler(new FixedBackOff(properties.retryBackoff().toMillis(), properties.maxRetries()));
    }
}
