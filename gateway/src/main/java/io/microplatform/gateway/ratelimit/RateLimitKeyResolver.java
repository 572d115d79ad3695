package io.microplatform.gateway.ratelimit;

import io.microplatform.gateway.ratelimit.RateLimitProperties.KeyType;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Whose bucket a request draws from. User and API key fall back to the client address when the request has
 * neither, so anonymous traffic is still limited. API keys are hashed: Redis keys are visible to anyone who
 * can list them.
 */
class RateLimitKeyResolver {

    static final String API_KEY_HEADER = "X-API-Key";

    Mono<String> resolve(ServerWebExchange exchange, KeyType type, int trustedProxies) {
        return switch (type) {
            case USER -> exchange.getPrincipal()
                    .filter(principal -> principal instanceof Authentication authentication
                            && authentication.isAuthenticated())
                    .map(principal -> "user:" + principal.getName())
                    .switchIfEmpty(Mono.fromSupplier(() -> clientAddress(exchange, trustedProxies)));
            case API_KEY -> Mono.fromSupplier(() -> {
                String apiKey = exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER);
                return apiKey == null || apiKey.isBlank() ? clientAddress(exchange, trustedProxies)
                        : "key:" + sha256(apiKey);
            });
            case IP -> Mono.fromSupplier(() -> clientAddress(exchange, trustedProxies));
        };
    }

    private static String clientAddress(ServerWebExchange exchange, int trustedProxies) {
        InetSocketAddress address = trustedProxies > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(trustedProxies).resolve(exchange)
                : exchange.getRequest().getRemoteAddress();
        if (address == null) {
            return "ip:unknown";
        }
        return "ip:" + (address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString());
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
