package io.microplatform.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The security headers of every response: those Spring Security's header writers set by default, with the
 * gateway's Content-Security-Policy and Referrer-Policy, written in one pass over a fixed table. Spring Security
 * writes them through seven writers, each of which builds a case-insensitive set of its own header names on
 * every response before it looks them up: 4-6 % of the gateway's CPU samples under load (bench/README.md, "Fifth
 * pass"). The rules stay Spring Security's, and {@code SecurityHeadersTest} checks them against its own writers:
 * a group of headers is left out when the response already carries one of them (a service's own Cache-Control,
 * the Swagger UI's policy); Cache-Control, Pragma and Expires are not written on a 304;
 * Strict-Transport-Security only over https.
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

    static final String REFERRER_POLICY = "no-referrer";

    private static final Group CACHE_CONTROL = new Group(
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate", "Pragma", "no-cache", "Expires", "0");

    private static final Group STRICT_TRANSPORT_SECURITY = new Group(
            "Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");

    /** Written on every response, in Spring Security's order. */
    private static final List<Group> ALWAYS = List.of(
            new Group("X-Content-Type-Options", "nosniff"),
            new Group("X-Frame-Options", "DENY"),
            new Group("X-XSS-Protection", "0"),
            new Group("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            new Group("Referrer-Policy", REFERRER_POLICY));

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        HttpStatusCode status = response.getStatusCode();
        if (status == null || status.value() != 304) {
            CACHE_CONTROL.writeTo(headers);
        }
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            STRICT_TRANSPORT_SECURITY.writeTo(headers);
        }
        for (Group group : ALWAYS) {
            group.writeTo(headers);
        }
        return Mono.empty();
    }

    /** Headers that go together: all of them, or none if the response has any of them already. */
    private record Group(String... namesAndValues) {

        void writeTo(HttpHeaders headers) {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (headers.containsHeader(namesAndValues[i])) {
                    return;
                }
            }
            for (int i = 0; i < namesAndValues.length; i += 2) {
                headers.set(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
    }
}
