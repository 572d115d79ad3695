package io.microplatform.cache.ring;

import io.lettuce.core.resource.ClientResources;
import io.microplatform.cache.CacheProperties;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import java.util.Set;
import java.util.stream.Collectors;

@Configuration(proxyBeanMethods = false)
class RingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RingConfiguration.class);

    @Bean(destroyMethod = "close")
    CacheRing cacheRing(RingProperties properties, CacheProperties cache, ClientResources resources) {
        return new CacheRing(properties, cache.keyPrefix(), resources);
    }

    /**
     * Membership changes without a restart: Spring Cloud publishes an {@link EnvironmentChangeEvent} when the
     * configuration is refreshed (a Consul KV watch in docker and k8s); the ring's settings are bound
     * again, validated like at start-up, and applied; then {@link RingReconfigured} tells whoever keeps a connection
     * per node (the invalidation channels). An invalid change is refused and the ring stays as it was.
     */
    @Bean
    RingRefresh ringRefresh(CacheRing ring, Environment environment, Validator validator,
                            ApplicationEventPublisher events) {
        return new RingRefresh(ring, environment, validator, events);
    }

    static final class RingRefresh {

        private final CacheRing ring;
        private final Environment environment;
        private final Validator validator;
        private final ApplicationEventPublisher events;

        RingRefresh(CacheRing ring, Environment environment, Validator validator, ApplicationEventPublisher events) {
            this.ring = ring;
            this.environment = environment;
            this.validator = validator;
            this.events = events;
        }

        @EventListener
        void onChange(EnvironmentChangeEvent event) {
            if (event.getKeys().stream().noneMatch(key -> key.startsWith("microplatform.cache.ring"))) {
                return;
            }
            RingProperties next = Binder.get(environment).bindOrCreate("microplatform.cache.ring", RingProperties.class);
            Set<ConstraintViolation<RingProperties>> violations = validator.validate(next);
            if (!violations.isEmpty()) {
                log.error("ring configuration refused, the ring stays as it was: {}", violations.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage()).collect(Collectors.joining("; ")));
                return;
            }
            ring.reconfigure(next);
            events.publishEvent(new RingReconfigured(next));
        }
    }
}
