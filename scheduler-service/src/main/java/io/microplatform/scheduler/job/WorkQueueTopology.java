package io.microplatform.scheduler.job;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The work queue's topic, declared rather than auto-created: a consumer that subscribes before a producer has
 * auto-created its topic only notices the topic at its next metadata refresh (minutes), so jobs would wait.
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
}
