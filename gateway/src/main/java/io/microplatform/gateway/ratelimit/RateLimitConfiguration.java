package io.microplatform.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.microplatform.gateway.config.LiveProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    LiveProperties<RateLimitProperties> rateLimitSettings(RateLimitProperties properties, Environment environment,
            Validator validator) {
        return new LiveProperties<>(properties, environment, validator);
    }

    @Bean
    RateLimitFilter rateLimitFilter(LiveProperties<RateLimitProperties> settings,
            ReactiveStringRedisTemplate redis, MeterRegistry meters) {
        return new RateLimitFilter(settings, new RateLimitKeyResolver(), new TokenBucket(redis),
                new RedisAvailability(meters), meters);
    }

    /**
     * While Lettuce reconnects, it would queue commands until the command timeout; rejecting them at once
     * lets the limiter decide without Redis immediately instead of holding requests.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
