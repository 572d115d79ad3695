package io.microplatform.cache.coherence;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;

/**
 * The durable path: every instance reads every invalidation from Kafka, in a consumer group of its own (so each
 * gets all of them), from the end of the topic (an instance that starts has an empty L1). A partition assigned
 * anew (start, rebalance, a consumer that lost its session) may have skipped records: the L1 is cleared.
 */
@Component
class InvalidationConsumer implements ConsumerSeekAware {

    private final NearCache near;

    InvalidationConsumer(NearCache near) {
        this.near = near;
    }

    @KafkaListener(topics = "${microplatform.cache.near.topic:cache.invalidations}",
            groupId = "cache-service-l1-${microplatform.instance-id:${random.uuid}}-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void onInvalidation(String key) {
        near.invalidate(key);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (!assignments.isEmpty()) {
            near.clear("invalidation partitions assigned " + assignments.keySet());
        }
    }
}
