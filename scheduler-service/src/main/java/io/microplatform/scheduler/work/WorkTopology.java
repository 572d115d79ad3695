package io.microplatform.scheduler.work;

import io.microplatform.scheduler.SchedulerProperties;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work queue's topics, declared rather than auto-created (a consumer that subscribes before its topic
 * exists only notices it at a metadata refresh minutes later), and what happens when a worker cannot reach
 * PostgreSQL or Redis at all: the message is retried in place with a capped exponential back-off, never
 * skipped. Failures of the task itself are not handled here but by {@link Worker} (see the package docs).
 */
@Configuration(proxyBeanMethods = false)
class WorkTopology {

    @Bean
    NewTopic workTopic(SchedulerProperties properties) {
        return TopicBuilder.name(properties.workTopic()).partitions(properties.workTopicPartitions())
                .replicas(properties.topicReplicas()).build();
    }

    @Bean
    NewTopic deadLetterTopic(SchedulerProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(properties.workTopicPartitions())
                .replicas(properties.topicReplicas()).build();
    }

    @Bean
    DefaultErrorHandler infrastructureErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        return new DefaultErrorHandler(backOff);
    }

    /**
     * Threads that execute task attempts, so that a worker can give up on an attempt at its timeout. A task runs
     * in the worker's observation (its span, its log correlation), handed over with the submission.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService taskExecutor() {
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "task-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return ContextExecutorService.wrap(threads, ContextSnapshotFactory.builder().build());
    }
}
