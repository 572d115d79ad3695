package io.microplatform.cache.coherence;

import io.lettuce.core.resource.ClientResources;
import io.microplatform.cache.ring.RingProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class CoherenceConfiguration {

    @Bean
    NearCache nearCache(NearCacheProperties properties) {
        return new NearCache(properties);
    }

    @Bean(destroyMethod = "close")
    Invalidations invalidations(NearCache near, NearCacheProperties properties, KafkaTemplate<String, String> kafka,
                                RingProperties ring, ClientResources resources) {
        return new Invalidations(near, properties, kafka, ring, resources);
    }

    @Bean
    NewTopic invalidationsTopic(NearCacheProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(1).replicas(properties.replicas()).build();
    }
}
