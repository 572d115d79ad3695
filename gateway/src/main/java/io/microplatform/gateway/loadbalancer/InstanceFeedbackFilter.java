package io.microplatform.gateway.loadbalancer;

import io.microplatform.gateway.config.LiveProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.Set;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;

/**
 * Wraps each attempt at an instance (runs right outside the load-balancer filter, so a retry passes here
 * again): when the attempt ends, however it ends, the instance has one request fewer in flight and is noted as
 * tried for this request; a refused connection ejects it for a while.
 */
class InstanceFeedbackFilter implements GlobalFilter, Ordered {

    static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;

    private final InstanceTracker tracker;
    private final LiveProperties<LoadBalancingProperties> settings;

    InstanceFeedbackFilter(InstanceTracker tracker, LiveProperties<LoadBalancingProperties> settings) {
        this.tracker = tracker;
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Object before = exchange.getAttribute(GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        return chain.filter(exchange)
                .doOnError(error -> {
                    ServiceInstance instance = chosenThisAttempt(exchange, before);
                    if (instance != null && ConnectionFailures.isConnectFailure(error)) {
                        tracker.eject(instance, settings.get().ejectionTime());
                    }
                })
                .doFinally(signal -> {
                    ServiceInstance instance = chosenThisAttempt(exchange, before);
                    if (instance != null) {
                        tracker.finished(instance);
                        exchange.getAttributes().computeIfAbsent(PolicyLoadBalancer.TRIED_INSTANCES_ATTR,
                                name -> new HashSet<String>());
                        Set<String> tried = exchange.getAttribute(PolicyLoadBalancer.TRIED_INSTANCES_ATTR);
                        tried.add(InstanceTracker.keyOf(instance));
                    }
                });
    }

    private static ServiceInstance chosenThisAttempt(ServerWebExchange exchange, Object before) {
        Object current = exchange.getAttribute(GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        return current != before && current instanceof Response<?> response && response.hasServer()
                && response.getServer() instanceof ServiceInstance instance ? instance : null;
    }
}
