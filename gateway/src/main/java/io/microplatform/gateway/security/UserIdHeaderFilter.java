package io.microplatform.gateway.security;

import io.microplatform.gateway.config.LiveProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.Optional;

/**
 * Tells the services who is calling: the token's subject goes downstream in {@code X-User-Id} (configurable),
 * and a header of that name sent by the client is always removed, so that a service can trust it.
 */
class UserIdHeaderFilter implements GlobalFilter, Ordered {

    /** Before every other route filter: the rate limiter, the load balancer (hashing on the header) see it. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final LiveProperties<SecurityProperties> settings;

    UserIdHeaderFilter(LiveProperties<SecurityProperties> settings) {
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String header = settings.get().userIdHeader();
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(Principal::getName)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(userId -> chain.filter(withUserId(exchange, header, userId.orElse(null))));
    }

    private static ServerWebExchange withUserId(ServerWebExchange exchange, String header, String userId) {
        ServerHttpRequest request = exchange.getRequest();
        if (userId == null && !request.getHeaders().containsHeader(header)) {
            return exchange;
        }
        return exchange.mutate().request(request.mutate().headers(headers -> {
            headers.remove(header);
            if (userId != null) {
                headers.set(header, userId);
            }
        }).build()).build();
    }
}
