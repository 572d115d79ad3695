package io.microplatform.gateway.config;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;

import java.util.Map;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * The settings one pattern has for the route a request matched. Every global filter of the gateway keeps its
 * settings per route id, and a route without an entry is left alone by that filter.
 *
 * @param id       the id of the route the request matched
 * @param settings its entry in the pattern's per-route settings
 */
public record MatchedRoute<T>(String id, T settings) {

    /** The matched route's entry in {@code byRouteId}; null before routing, or when the route has none. */
    public static <T> @Nullable MatchedRoute<T> find(ServerWebExchange exchange, Map<String, T> byRouteId) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return null;
        }
        T settings = byRouteId.get(route.getId());
        return settings == null ? null : new MatchedRoute<>(route.getId(), settings);
    }
}
