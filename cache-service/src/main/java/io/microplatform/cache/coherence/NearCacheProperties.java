package io.microplatform.cache.coherence;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Each instance's L1 and how invalidations reach it. Read at start-up.
 *
 * @param maximumSize entries an instance keeps in its L1 at most (least recently and frequently used go first)
 * @param ttl         the hard cap on an L1 entry's life, counted from when it was written: the staleness bound of
 *                    an L1 even when every invalidation message is lost (see the package documentation)
 * @param channel     the Redis pub/sub channel of invalidations, on every node of the ring
 * @param topic       the Kafka topic of invalidations: the durable path
 * @param replicas    the replication factor of that topic (1 on a single local broker)
 */
@Validated
@ConfigurationProperties("microplatform.cache.near")
public record NearCacheProperties(@Min(1) @Max(10_000_000) @DefaultValue("10000") long maximumSize,
                                  @NotNull @DefaultValue("5s") Duration ttl,
                                  @NotBlank @DefaultValue("cache:invalidations") String channel,
                                  @NotBlank @DefaultValue("cache.invalidations") String topic,
                                  @Min(1) @DefaultValue("1") short replicas) {
}
