package io.microplatform.gateway.ratelimit;

import io.microplatform.gateway.Backends;
import io.microplatform.gateway.Tokens;
import io.microplatform.test.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis unreachable (a port where nothing listens): routes decide without it as configured, fail open or
 * fail closed, and the limiter says so in its metric.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RateLimitWithoutRedisIT {

    @RegisterExtension
    static final Backends backends = new Backends()
            .with("inventory-service", "inventory-1")
            .with("order-service", "orders-1");

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backends.register(registry);
        registry.add("REDIS_HOST", () -> "localhost");
        registry.add("REDIS_PORT", RateLimitWithoutRedisIT::closedPort);
    }

    @Test
    void aFailOpenRoutePassesAndAFailClosedRouteRefusesWithAProblem() {
        ResponseEntity<String> open = TestHttp.client(port).get().uri("/api/inventory/products")
                .retrieve().toEntity(String.class);
        assertThat(open.getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> closed = TestHttp.client(port).get().uri("/api/orders/42")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.user("alice"))
                .retrieve().toEntity(String.class);
        assertThat(closed.getStatusCode().value()).isEqualTo(503);
        assertThat(closed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(closed.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(closed.getBody()).contains("rate limiting is unavailable");

        assertThat(meters.get("gateway.ratelimit.redis.available").gauge().value()).isZero();
        assertThat(meters.get("gateway.ratelimit.requests").tag("route", "inventory")
                .tag("outcome", "unchecked_allowed").counter().count()).isPositive();
        assertThat(meters.get("gateway.ratelimit.requests").tag("route", "orders")
                .tag("outcome", "unchecked_rejected").counter().count()).isPositive();
    }

    private static String closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
