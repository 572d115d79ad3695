package io.microplatform.gateway.apidocs;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The Swagger UI's pages get a Content-Security-Policy that lets them run: scripts, styles and fetches from the
 * gateway itself, inline styles, data: images, no framing. The security header writer (security's
 * {@code SecurityHeaders}, with Spring Security's rules) leaves a policy that is already set in place, and sets
 * the gateway's strict one on every other response.
 */
class SwaggerUiContentSecurityPolicy implements WebFilter, Ordered {

    static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/webjars/swagger-ui/") || path.startsWith("/swagger-ui")) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(CONTENT_SECURITY_POLICY, POLICY);
        }
        return chain.filter(exchange);
    }

    /** Spring's filter chain names a checkpoint after every filter on every request: a constant, not a string built each time. */
    @Override
    public String toString() {
        return "SwaggerUiContentSecurityPolicy";
    }
}
