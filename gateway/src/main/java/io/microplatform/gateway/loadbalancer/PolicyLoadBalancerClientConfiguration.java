package io.microplatform.gateway.loadbalancer;

import io.microplatform.gateway.config.LiveProperties;
import io.netty.channel.ChannelOption;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The beans of each service's own load-balancer context (Spring Cloud LoadBalancer creates one per service id).
 * Deliberately not a {@code @Configuration}: component scanning must not put these beans in the main context.
 *
 * <p>Instances: discovery (simple discovery locally, Consul in docker and k8s), then an HTTP health check of
 * each instance's readiness endpoint every {@code spring.cloud.loadbalancer.health-check.interval}, with the
 * instance list fetched again every {@code refetch-instances-interval}, so that instances that join are used
 * and those that fail their check get no traffic.
 */
class PolicyLoadBalancerClientConfiguration {

    /**
     * Health checks must not hang on an instance that is gone: connect in 1 s or count it down. Not shared with
     * anything else, and visible in this service's load-balancer context only.
     */
    @Bean
    WebClient instanceHealthChecks() {
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(
                        HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)))
                .build();
    }

    @Bean
    ServiceInstanceListSupplier healthyInstances(ConfigurableApplicationContext context, WebClient instanceHealthChecks) {
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withHealthChecks(instanceHealthChecks)
                .build(context);
    }

    @Bean
    ReactorLoadBalancer<ServiceInstance> policyLoadBalancer(Environment environment,
            LoadBalancerClientFactory clients, LiveProperties<LoadBalancingProperties> settings,
            InstanceTracker tracker) {
        String serviceId = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        return new PolicyLoadBalancer(serviceId, clients.getLazyProvider(serviceId, ServiceInstanceListSupplier.class),
                settings, tracker);
    }
}
