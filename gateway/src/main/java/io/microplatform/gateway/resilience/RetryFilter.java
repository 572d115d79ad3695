package io.microplatform.gateway.resilience;

import io.microplatform.gateway.config.LiveProperties;
import io.microplatform.gateway.config.MatchedRoute;
import io.microplatform.gateway.loadbalancer.ConnectionFailures;
import io.microplatform.starter.IdempotencyKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;


/**
 * Failover: an idempotent request that met a refused or lost connection, or a 502 or 503, is sent again,
 * after an exponential backoff with jitter, to an instance not yet tried (the load balancer leaves tried ones
 * out). Idempotent means a configured method (GET, HEAD) or a POST with {@code Idempotency-Key}, whose body is
 * then kept in memory to be sent again. When retries run out, the last answer goes on as it is; the circuit
 * breaker around decides about the fallback. Retries are counted in {@code gateway.retries}.
 */
class RetryFilter implements GlobalFilter, Ordered {

    /** Inside the circuit breaker: the breaker sees one call per client request. */
    static final int ORDER = 30;

    private final LiveProperties<ResilienceProperties> settings;
    private final MeterRegistry meters;

    RetryFilter(LiveProperties<ResilienceProperties> settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        MatchedRoute<ResilienceProperties.RoutePolicy> route = MatchedRoute.find(exchange, settings.get().routes());
        if (route == null) {
            return chain.filter(exchange);
        }
        ResilienceProperties.RoutePolicy policy = route.settings();
        if (policy.retry().maxAttempts() <= 1 || !isIdempotent(exchange.getRequest(), policy.retry())) {
            return chain.filter(exchange);
        }
        String routeId = route.id();
        if (exchange.getRequest().getMethod() == HttpMethod.POST) {
            // the body can be read once only: keep it to send it again
            return ServerWebExchangeUtils.cacheRequestBody(exchange, request -> attempts(
                    exchange.mutate().request(request).build(), chain, routeId, policy.retry()));
        }
        return attempts(exchange, chain, routeId, policy.retry());
    }

    static boolean isIdempotent(ServerHttpRequest request, ResilienceProperties.Retry retry) {
        HttpMethod method = request.getMethod();
        return retry.methods().contains(method.name())
                || method == HttpMethod.POST && request.getHeaders().containsHeader(IdempotencyKey.HEADER);
    }

    private Mono<Void> attempts(ServerWebExchange exchange, GatewayFilterChain chain, String routeId,
            ResilienceProperties.Retry retry) {
        Retry backoff = Retry.backoff(retry.maxAttempts() - 1, retry.firstBackoff())
                .maxBackoff(retry.maxBackoff())
                .jitter(retry.jitter())
                .filter(RetryFilter::isRetryable)
                .doBeforeRetry(signal -> {
                    count(routeId, signal.failure());
                    ServerWebExchangeUtils.reset(exchange);
                })
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
        return Mono.defer(() -> chain.filter(exchange))
                .then(Mono.defer(() -> retryableStatus(exchange)))
                .retryWhen(backoff)
                .onErrorResume(RetryableStatus.class, last -> Mono.empty());
    }

    private static Mono<Void> retryableStatus(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status != null && (status.value() == 502 || status.value() == 503)
                ? Mono.error(new RetryableStatus(status.value())) : Mono.empty();
    }

    private static boolean isRetryable(Throwable error) {
        return error instanceof RetryableStatus || ConnectionFailures.isConnectFailure(error)
                || ConnectionFailures.isPrematureClose(error);
    }

    private void count(String routeId, Throwable failure) {
        String reason = failure instanceof RetryableStatus status ? "status_" + status.status
                : ConnectionFailures.isConnectFailure(failure) ? "connect_failure" : "connection_closed";
        Counter.builder("gateway.retries")
                .description("Requests sent again to another instance")
                .tags("route", routeId, "reason", reason)
                .register(meters)
                .increment();
    }

    /** A 502 or 503 answer, turned into a signal the retry operator sees; no stack, it is no exceptional event. */
    static final class RetryableStatus extends RuntimeException {

        final int status;

        RetryableStatus(int status) {
            super("downstream answered " + status, null, false, false);
            this.status = status;
        }
    }
}
