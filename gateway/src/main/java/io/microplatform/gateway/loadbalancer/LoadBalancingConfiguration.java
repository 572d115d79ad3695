package io.microplatform.gateway.loadbalancer;

import io.microplatform.gateway.config.LiveProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Every service behind the gateway is balanced by a {@link PolicyLoadBalancer}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoadBalancingProperties.class)
@LoadBalancerClients(defaultConfiguration = PolicyLoadBalancerClientConfiguration.class)
class LoadBalancingConfiguration {

    @Bean
    LiveProperties<LoadBalancingProperties> loadBalancingSettings(LoadBalancingProperties properties,
            Environment environment, Validator validator) {
        return new LiveProperties<>(properties, environment, validator);
    }

    @Bean
    InstanceTracker instanceTracker(MeterRegistry meters) {
        return new InstanceTracker(meters);
    }

    @Bean
    InstanceFeedbackFilter instanceFeedbackFilter(InstanceTracker tracker,
            LiveProperties<LoadBalancingProperties> settings) {
        return new InstanceFeedbackFilter(tracker, settings);
    }
}
