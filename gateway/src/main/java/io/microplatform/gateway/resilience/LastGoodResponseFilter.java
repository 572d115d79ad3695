package io.microplatform.gateway.resilience;

import io.microplatform.gateway.config.LiveProperties;
import io.microplatform.gateway.config.MatchedRoute;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


/**
 * Keeps a copy of good responses to degradable reads in Redis, as the fallback for when the service cannot
 * answer. Wraps the response before Spring Cloud Gateway writes the body, copies the bytes as they pass
 * through, and stores them once the body is complete, without holding up the client. A path's copy is renewed
 * at most every {@code cache-refresh}, so most reads pay nothing for this.
 */
class LastGoodResponseFilter implements GlobalFilter, Ordered {

    /** Around the filter that writes the downstream response body. */
    static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    private static final Logger log = LoggerFactory.getLogger(LastGoodResponseFilter.class);
    private static final int MAX_TRACKED_PATHS = 10_000;

    private final LiveProperties<ResilienceProperties> settings;
    private final DegradedResponses degraded;
    private final LastGoodResponses lastGood;
    private final Map<String, Long> lastKept = new ConcurrentHashMap<>();

    LastGoodResponseFilter(LiveProperties<ResilienceProperties> settings, DegradedResponses degraded,
            LastGoodResponses lastGood) {
        this.settings = settings;
        this.degraded = degraded;
        this.lastGood = lastGood;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        MatchedRoute<ResilienceProperties.RoutePolicy> route = MatchedRoute.find(exchange, settings.get().routes());
        if (route == null || !degraded.isDegradableRead(exchange.getRequest(), route.settings().degradation())) {
            return chain.filter(exchange);
        }
        ResilienceProperties.RoutePolicy policy = route.settings();
        String key = LastGoodResponses.key(route.id(), DegradedResponses.pathAndQuery(exchange.getRequest()));
        long now = System.nanoTime();
        Long last = lastKept.get(key);
        if (last != null && now - last < policy.degradation().cacheRefresh().toNanos()) {
            return chain.filter(exchange);
        }
        ServerHttpResponse copying = new CopyingResponse(exchange.getResponse(), key, policy.degradation(), now);
        return chain.filter(exchange.mutate().response(copying).build());
    }

    private final class CopyingResponse extends ServerHttpResponseDecorator {

        private final String key;
        private final ResilienceProperties.Degradation degradation;
        private final long startedAt;

        CopyingResponse(ServerHttpResponse delegate, String key, ResilienceProperties.Degradation degradation,
                long startedAt) {
            super(delegate);
            this.key = key;
            this.degradation = degradation;
            this.startedAt = startedAt;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            HttpHeaders headers = getHeaders();
            long length = headers.getContentLength();
            if (!HttpStatus.OK.equals(getStatusCode()) || headers.containsHeader(DegradedResponses.DEGRADED_HEADER)
                    || length > degradation.maxCachedSize()) {
                return super.writeWith(body);
            }
            ByteArrayOutputStream copy = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
            Flux<? extends DataBuffer> copied = Flux.from(body).doOnNext(buffer -> {
                if (copy.size() <= degradation.maxCachedSize()) {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), 0, bytes.length);
                    copy.writeBytes(bytes);
                }
            });
            return super.writeWith(copied).doOnSuccess(done -> keep(copy, headers));
        }

        private void keep(ByteArrayOutputStream copy, HttpHeaders headers) {
            if (copy.size() > degradation.maxCachedSize()) {
                return;
            }
            if (lastKept.size() > MAX_TRACKED_PATHS) {
                lastKept.clear();
            }
            lastKept.put(key, startedAt);
            LastGoodResponses.KeptResponse kept = new LastGoodResponses.KeptResponse(
                    headers.getFirst(HttpHeaders.CONTENT_TYPE), headers.getFirst(HttpHeaders.CONTENT_ENCODING),
                    Instant.now(), copy.toByteArray());
            lastGood.keep(key, kept, degradation.cacheTtl())
                    .subscribe(stored -> {
                    }, error -> log.debug("Could not keep the response of {} as fallback: {}", key, error.toString()));
        }
    }
}
