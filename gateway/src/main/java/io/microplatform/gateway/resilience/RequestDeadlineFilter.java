package io.microplatform.gateway.resilience;

import io.microplatform.gateway.config.LiveProperties;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * The outermost timeout of the budget ({@code timeouts.response}): from the route's first filter until the
 * response headers are ready. Normally the circuit breaker's time limiter or the per-attempt timeout fires
 * first; this one catches routes without a breaker and anything else that would keep a client waiting.
 */
class RequestDeadlineFilter implements GlobalFilter, Ordered {

    static final int ORDER = 0;

    private final LiveProperties<ResilienceProperties> settings;

    RequestDeadlineFilter(LiveProperties<ResilienceProperties> settings) {
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Duration deadline = settings.get().timeouts().response();
        return chain.filter(exchange).timeout(deadline, Mono.error(() -> new ProblemException(
                HttpStatus.GATEWAY_TIMEOUT, ProblemTypes.GATEWAY_TIMEOUT,
                "no answer within the gateway's response timeout of " + deadline.toMillis() + " ms")));
    }
}
