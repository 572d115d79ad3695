package io.microplatform.gateway.ratelimit;

import io.microplatform.gateway.config.LiveProperties;
import io.microplatform.gateway.config.MatchedRoute;
import io.microplatform.gateway.ratelimit.RateLimitProperties.RedisUnavailable;
import io.microplatform.gateway.ratelimit.RateLimitProperties.RouteLimit;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


/**
 * Applies the route's token bucket before anything else is spent on the request. Every limited response
 * carries {@code X-RateLimit-Limit} (the burst capacity), {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Replenish-Rate}; a refusal is 429 problem+json with {@code Retry-After}. Decisions are
 * counted in {@code gateway.ratelimit.requests} by route and outcome.
 * <p>
 * A busy key is not Redis's question on every request: this instance leases tokens for its next few requests and
 * remembers a refusal until the bucket can have refilled ({@link TokenLeases}, {@code lease-window}); the limit
 * itself stays Redis's.
 */
class RateLimitFilter implements GlobalFilter, Ordered {

    /** After the request deadline starts, before circuit breaking and retries. */
    static final int ORDER = 10;

    static final URI RATE_LIMITED = ProblemTypes.of("rate-limited");
    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String REPLENISH_RATE = "X-RateLimit-Replenish-Rate";

    private final LiveProperties<RateLimitProperties> settings;
    private final RateLimitKeyResolver keys;
    private final TokenBucket buckets;
    private final TokenLeases leases;
    private final RedisAvailability redis;
    private final RequestEventLoop eventLoops;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RateLimitFilter(LiveProperties<RateLimitProperties> settings, RateLimitKeyResolver keys, TokenBucket buckets,
            TokenLeases leases, RedisAvailability redis, RequestEventLoop eventLoops, MeterRegistry meters) {
        this.settings = settings;
        this.keys = keys;
        this.buckets = buckets;
        this.leases = leases;
        this.redis = redis;
        this.eventLoops = eventLoops;
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        RateLimitProperties properties = settings.get();
        MatchedRoute<RouteLimit> route = MatchedRoute.find(exchange, properties.routes());
        if (route == null) {
            return chain.filter(exchange);
        }
        String routeId = route.id();
        RouteLimit limit = route.settings();
        return keys.resolve(exchange, limit.key(), properties.trustedProxies())
                .flatMap(key -> limit(exchange, chain, routeId, limit, properties, "gateway:rate:" + routeId + ":" + key));
    }

    private Mono<Void> limit(ServerWebExchange exchange, GatewayFilterChain chain, String routeId, RouteLimit limit,
            RateLimitProperties properties, String bucket) {
        long now = System.nanoTime();
        TokenLeases.Lease lease = leases.of(bucket, now);
        long local = lease.take(limit.requestedTokens(), now);
        if (local >= 0) {
            return allowed(exchange, chain, routeId, limit, local);
        }
        if (local == TokenLeases.REFUSED) {
            return rejected(exchange, routeId, limit, 0, lease.refusedFor(now));
        }
        if (!redis.shouldAsk(properties.redisRetryInterval(), now)) {
            return withoutRedis(exchange, chain, routeId, limit, properties);
        }
        TokenLeases.Ask ask = lease.ask(limit.requestedTokens(), TokenLeases.maxLease(limit, properties.leaseWindow()),
                properties.leaseWindow(), now);
        Scheduler eventLoop = eventLoops.of(exchange);
        return buckets.take(bucket, limit, ask.tokens(), properties.redisTimeout(), eventLoop)
                .doOnNext(decision -> redis.succeeded())
                // recorded before the call counts as ended (doFinally): the next refill must see this one's grant
                .map(decision -> (Object) new Answer(decision, lease.answered(limit.requestedTokens(),
                        decision.granted(), decision.remaining(), decision.retryAfter(), System.nanoTime())))
                .onErrorResume(error -> {
                    redis.failed(error, System.nanoTime(), properties.redisRetryInterval(), properties.redisDownAfter());
                    return Mono.just(error);
                })
                .doFinally(signal -> lease.done(ask))
                // Redis answers on Lettuce's one I/O thread: go on with the request on its own event loop, or every
                // rate-limited request of the gateway would be proxied from that single thread
                .publishOn(eventLoop)
                .flatMap(outcome -> {
                    if (!(outcome instanceof Answer answer)) {
                        return withoutRedis(exchange, chain, routeId, limit, properties);
                    }
                    return answer.decision().allowed() ? allowed(exchange, chain, routeId, limit, answer.remaining())
                            : rejected(exchange, routeId, limit, answer.remaining(), answer.decision().retryAfter());
                });
    }

    /** Redis's decision, and the tokens left as this instance knows them once the lease has recorded it. */
    private record Answer(TokenBucket.Decision decision, long remaining) {
    }

    private Mono<Void> allowed(ServerWebExchange exchange, GatewayFilterChain chain, String routeId, RouteLimit limit,
            long remaining) {
        limitHeaders(exchange, limit, remaining);
        count(routeId, "allowed");
        return chain.filter(exchange);
    }

    private Mono<Void> rejected(ServerWebExchange exchange, String routeId, RouteLimit limit, long remaining,
            Duration retryAfter) {
        HttpHeaders headers = limitHeaders(exchange, limit, remaining);
        count(routeId, "rejected");
        long seconds = seconds(retryAfter);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return Mono.error(new ProblemException(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED,
                "too many requests on this route: at most " + limit.replenishRate() + " tokens per second with bursts of "
                        + limit.burstCapacity() + " (" + limit.requestedTokens() + " per request); retry in "
                        + seconds + " s"));
    }

    private static HttpHeaders limitHeaders(ServerWebExchange exchange, RouteLimit limit, long remaining) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(LIMIT, Integer.toString(limit.burstCapacity()));
        headers.set(REMAINING, Long.toString(remaining));
        headers.set(REPLENISH_RATE, Integer.toString(limit.replenishRate()));
        return headers;
    }

    private Mono<Void> withoutRedis(ServerWebExchange exchange, GatewayFilterChain chain, String routeId,
            RouteLimit limit, RateLimitProperties properties) {
        if (limit.whenRedisUnavailable() == RedisUnavailable.FAIL_OPEN) {
            count(routeId, "unchecked_allowed");
            return chain.filter(exchange);
        }
        count(routeId, "unchecked_rejected");
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                Long.toString(seconds(properties.redisRetryInterval())));
        return Mono.error(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "rate limiting is unavailable and this route does not take requests without it; retry later"));
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private void count(String routeId, String outcome) {
        counters.computeIfAbsent(routeId + '/' + outcome, name -> Counter.builder("gateway.ratelimit.requests")
                .description("Rate-limit decisions; unchecked_* were made without Redis (fail open or closed)")
                .tags("route", routeId, "outcome", outcome)
                .register(meters)).increment();
    }
}
