package io.microplatform.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.microplatform.gateway.config.LiveProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
class ResilienceConfiguration {

    @Bean
    LiveProperties<ResilienceProperties> resilienceSettings(ResilienceProperties properties, Environment environment,
            Validator validator) {
        return new LiveProperties<>(properties, environment, validator);
    }

    @Bean
    LastGoodResponses lastGoodResponses(ReactiveRedisConnectionFactory connections) {
        return new LastGoodResponses(connections);
    }

    @Bean
    DegradedResponses degradedResponses(LastGoodResponses lastGood, MeterRegistry meters) {
        return new DegradedResponses(lastGood, meters);
    }

    @Bean
    RequestDeadlineFilter requestDeadlineFilter(LiveProperties<ResilienceProperties> settings) {
        return new RequestDeadlineFilter(settings);
    }

    @Bean
    CircuitBreakerFilter circuitBreakerFilter(LiveProperties<ResilienceProperties> settings,
            CircuitBreakerRegistry registry, DegradedResponses degraded) {
        return new CircuitBreakerFilter(settings, new RouteCircuitBreakers(registry), degraded);
    }

    @Bean
    RetryFilter retryFilter(LiveProperties<ResilienceProperties> settings, MeterRegistry meters) {
        return new RetryFilter(settings, meters);
    }

    @Bean
    LastGoodResponseFilter lastGoodResponseFilter(LiveProperties<ResilienceProperties> settings,
            DegradedResponses degraded, LastGoodResponses lastGood) {
        return new LastGoodResponseFilter(settings, degraded, lastGood);
    }
}
