package io.microplatform.gateway.security;

import io.microplatform.gateway.config.LiveProperties;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses request bodies over {@code max-request-size} with 413 problem+json: at once when
 * {@code Content-Length} says so, and while streaming when the body is chunked. Runs before authentication,
 * so an oversized body costs nothing else.
 */
class RequestSizeLimitFilter implements WebFilter, Ordered {

    static final URI TOO_LARGE = ProblemTypes.of("request-too-large");

    private final LiveProperties<SecurityProperties> settings;

    RequestSizeLimitFilter(LiveProperties<SecurityProperties> settings) {
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return SecurityWebFiltersOrder.FIRST.getOrder() - 200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long max = settings.get().maxRequestSize().toBytes();
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return Mono.error(tooLarge(max));
        }
        if (declared >= 0 || !hasBody(request)) {
            return chain.filter(exchange);
        }
        AtomicLong received = new AtomicLong();
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (received.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge(max));
                    }
                    else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static boolean hasBody(ServerHttpRequest request) {
        return request.getHeaders().containsHeader("Transfer-Encoding");
    }

    private static ProblemException tooLarge(long max) {
        return new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, TOO_LARGE,
                "the request body is larger than the gateway accepts (" + max + " bytes)");
    }

    /** Spring's filter chain names a checkpoint after every filter on every request: a constant, not a string built each time. */
    @Override
    public String toString() {
        return "RequestSizeLimitFilter";
    }
}
