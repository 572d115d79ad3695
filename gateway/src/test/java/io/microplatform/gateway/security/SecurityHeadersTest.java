package io.microplatform.gateway.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.server.WebFilter;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's one header writer answers exactly as Spring Security's default writers do, configured with the
 * gateway's Content-Security-Policy and Referrer-Policy: the same headers and values on the same responses. Spring
 * Security's writers are taken from a filter chain it builds itself, so a change of its defaults in an upgrade
 * fails here.
 */
class SecurityHeadersTest {

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of("a plain response", "http://gateway/api/orders", HttpStatus.OK, Map.of()),
                Arguments.of("over https", "https://gateway/api/orders", HttpStatus.OK, Map.of()),
                Arguments.of("a 304", "http://gateway/api/orders", HttpStatus.NOT_MODIFIED, Map.of()),
                Arguments.of("a 304 over https", "https://gateway/api/orders", HttpStatus.NOT_MODIFIED, Map.of()),
                Arguments.of("a service's own Cache-Control", "http://gateway/api/inventory/products", HttpStatus.OK,
                        Map.of("Cache-Control", "max-age=60")),
                Arguments.of("a service's own Expires (one of a group)", "http://gateway/api/inventory/products",
                        HttpStatus.OK, Map.of("expires", "Thu, 01 Dec 2039 16:00:00 GMT")),
                Arguments.of("the Swagger UI's policy", "http://gateway/swagger-ui/index.html", HttpStatus.OK,
                        Map.of("Content-Security-Policy", "default-src 'self'")),
                Arguments.of("a service's own framing and referrer rules", "https://gateway/api/cache/ring",
                        HttpStatus.OK, Map.of("X-Frame-Options", "SAMEORIGIN", "Referrer-Policy", "origin",
                                "Strict-Transport-Security", "max-age=60")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void writesWhatSpringSecuritysWritersWrite(String what, String uri, HttpStatus status,
            Map<String, String> fromTheService) {
        Map<String, String> expected = respond(springSecuritysHeaderFilter(), uri, status, fromTheService);
        Map<String, String> actual = respond(new HttpHeaderWriterWebFilter(new SecurityHeaders()), uri, status,
                fromTheService);

        assertThat(actual).isEqualTo(expected);
        assertThat(actual).containsEntry("x-content-type-options", "nosniff");
    }

    private static WebFilter springSecuritysHeaderFilter() {
        return ServerHttpSecurity.http()
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build()
                .getWebFilters()
                .filter(HttpHeaderWriterWebFilter.class::isInstance)
                .blockFirst();
    }

    /** The response's headers once committed, names in lower case, values joined. */
    private static Map<String, String> respond(WebFilter headerFilter, String uri, HttpStatus status,
            Map<String, String> fromTheService) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(uri));
        headerFilter.filter(exchange, served -> {
            served.getResponse().setStatusCode(status);
            fromTheService.forEach(served.getResponse().getHeaders()::set);
            return served.getResponse().setComplete();
        }).block();
        Map<String, String> headers = new TreeMap<>();
        HttpHeaders written = exchange.getResponse().getHeaders();
        written.forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        return headers;
    }
}
