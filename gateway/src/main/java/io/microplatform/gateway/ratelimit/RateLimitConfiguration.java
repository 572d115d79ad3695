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
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.TimeUnit;

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
            ReactiveStringRedisTemplate redis, TokenLeases leases, MeterRegistry meters) {
        return new RateLimitFilter(settings, new RateLimitKeyResolver(), new TokenBucket(redis), leases,
                new RedisAvailability(meters), new RequestEventLoop(), meters);
    }

    @Bean
    TokenLeases tokenLeases() {
        return new TokenLeases();
    }

    /** Sweeps idle leases once a second on a thread of its own: never on an event loop, whatever their number. */
    @Bean(destroyMethod = "dispose")
    Disposable tokenLeaseSweeper(TokenLeases leases) {
        Scheduler sweeper = Schedulers.newSingle("token-lease-sweeper", true);
        sweeper.schedulePeriodically(() -> leases.sweep(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
        return sweeper;
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
