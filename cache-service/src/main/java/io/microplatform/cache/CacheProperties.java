package io.microplatform.cache;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the whole cache, shared by its features.
 *
 * @param keyPrefix  namespace of the cache's keys in Redis, so that other data on the same node (the
 *                   gateway's rate limits) never collides with entries
 * @param defaultTtl time to live of an entry written without one
 * @param maxTtl     longest time to live a client may ask for
 */
@Validated
@ConfigurationProperties("microplatform.cache")
public record CacheProperties(@NotBlank @DefaultValue("cache:") String keyPrefix,
                              @DefaultValue("10m") Duration defaultTtl,
                              @DefaultValue("7d") Duration maxTtl) {
}
