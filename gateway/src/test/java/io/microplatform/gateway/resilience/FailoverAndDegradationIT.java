package io.microplatform.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.microplatform.gateway.Backend;
import io.microplatform.gateway.Backends;
import io.microplatform.gateway.Tokens;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithDevStack;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failover, circuit breaking and degradation with two real instances of a service behind the gateway and the
 * real Redis of the dev stack: one instance stops and reads keep succeeding; both stop and, once the breaker
 * is open, catalog reads are answered from the last good response kept in Redis and writes get 503 with
 * Retry-After; both come back and traffic returns to both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.loadbalancer.health-check.interval=500ms",
        "spring.cloud.loadbalancer.health-check.refetch-instances-interval=1s",
        "microplatform.gateway.load-balancing.ejection-time=2s",
        "microplatform.gateway.resilience.timeouts.response=6s",
        "microplatform.gateway.resilience.timeouts.circuit-breaker=4s",
        "microplatform.gateway.resilience.timeouts.downstream=1s",
        "microplatform.gateway.resilience.routes.inventory.circuit-breaker.sliding-window-size=4",
        "microplatform.gateway.resilience.routes.inventory.circuit-breaker.minimum-number-of-calls=4",
        "microplatform.gateway.resilience.routes.inventory.circuit-breaker.wait-duration-in-open-state=2s",
        "microplatform.gateway.resilience.routes.inventory.circuit-breaker.permitted-calls-in-half-open-state=1",
        "microplatform.gateway.resilience.routes.inventory.retry.first-backoff=10ms",
        "microplatform.gateway.resilience.routes.inventory.degradation.cache-refresh=100ms",
        "microplatform.gateway.resilience.routes.orders.circuit-breaker.minimum-number-of-calls=2",
        "microplatform.gateway.resilience.routes.orders.circuit-breaker.sliding-window-size=2",
        "microplatform.gateway.resilience.routes.orders.circuit-breaker.wait-duration-in-open-state=7s" })
@WithDevStack
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverAndDegradationIT {

    private static final String CATALOG = "/api/inventory/products";
    private static final String KEPT = "gateway:last-good:inventory:" + CATALOG;

    @RegisterExtension
    static final Backends backends = new Backends();
    private static final Backend first = backends.start("inventory-service", "inventory-1");
    private static final Backend second = backends.start("inventory-service", "inventory-2");
    private static final Backend orders = backends.start("order-service", "orders-1");

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    ConfigurableApplicationContext context;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        backends.register(registry);
    }

    @Test
    @Order(1)
    void readsReachBothInstancesAndTheLastGoodResponseIsKept() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(catalog().getStatusCode().value()).isEqualTo(200);
            assertThat(first.hits()).isPositive();
            assertThat(second.hits()).isPositive();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(redis.hasKey(KEPT).block()));
    }

    @Test
    @Order(2)
    void readsKeepSucceedingWhenOneInstanceStops() {
        first.stop();
        for (int i = 0; i < 20; i++) {
            ResponseEntity<String> response = catalog();
            assertThat(response.getStatusCode().value()).isEqualTo(200);
            assertThat(response.getHeaders().getFirst("X-Degraded")).isNull();
            assertThat(response.getBody()).contains("\"instance\":\"inventory-2\"");
        }
    }

    @Test
    @Order(3)
    void whenBothStopTheCircuitOpensAndReadsAreServedFromTheKeptResponse() {
        String kept = catalog().getBody();
        await().atMost(Duration.ofSeconds(10)).until(() -> kept.equals(redis.<String, String>opsForHash()
                .get(KEPT, "body").block()));
        second.stop();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<String> response = catalog();
            assertThat(breakers.circuitBreaker("inventory").getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(response.getStatusCode().value()).isEqualTo(200);
            assertThat(response.getHeaders().getFirst("X-Degraded")).isEqualTo("true");
            assertThat(response.getBody()).isEqualTo(kept);
        });
    }

    @Test
    @Order(4)
    void aDegradedReadWithNothingKeptIsAServiceUnavailableProblem() {
        ResponseEntity<String> response = TestHttp.client(port).get().uri(CATALOG + "/NEVER-READ").retrieve()
                .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(response.getBody()).contains("urn:microplatform:problem:service-unavailable");
    }

    @Test
    @Order(5)
    void afterRecoveryTrafficReturnsToBothInstances() {
        first.restart();
        second.restart();
        first.resetHits();
        second.resetHits();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<String> response = catalog();
            assertThat(response.getHeaders().getFirst("X-Degraded")).isNull();
            assertThat(first.hits()).isPositive();
            assertThat(second.hits()).isPositive();
        });
        assertThat(breakers.circuitBreaker("inventory").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    @Order(7)
    void aWriteToAServiceThatIsDownIsAServiceUnavailableProblemWithRetryAfter() {
        orders.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ResponseEntity<String> response = TestHttp.client(port).post().uri("/api/orders")
                        .header("Authorization", "Bearer " + Tokens.user("alice"))
                        .contentType(MediaType.APPLICATION_JSON).body("{\"items\":[]}")
                        .retrieve().toEntity(String.class);
                assertThat(response.getStatusCode().value()).isEqualTo(503);
                assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("7");
                assertThat(breakers.circuitBreaker("orders").getState()).isEqualTo(CircuitBreaker.State.OPEN);
                assertThat(response.getBody()).contains("circuit open");
            });
        }
        finally {
            orders.restart();
        }
    }

    @Test
    @Order(8)
    void theDegradationSwitchForcesTheFallbackWithoutARestart() {
        assertThat(catalog().getHeaders().getFirst("X-Degraded")).isNull();
        int before = first.hits() + second.hits();

        change(Map.of("microplatform.gateway.resilience.routes.inventory.degradation.forced", "true"));
        ResponseEntity<String> forced = catalog();
        assertThat(forced.getStatusCode().value()).isEqualTo(200);
        assertThat(forced.getHeaders().getFirst("X-Degraded")).isEqualTo("true");
        assertThat(first.hits() + second.hits()).isEqualTo(before);

        change(Map.of("microplatform.gateway.resilience.routes.inventory.degradation.forced", "false"));
        assertThat(catalog().getHeaders().getFirst("X-Degraded")).isNull();
    }

    @Test
    @Order(9)
    void aChangeThatFailsValidationIsRefusedAndTheSettingsInForceStay() {
        change(Map.of("microplatform.gateway.resilience.timeouts.circuit-breaker", "1h",
                "microplatform.gateway.resilience.routes.inventory.degradation.forced", "true"));
        assertThat(catalog().getHeaders().getFirst("X-Degraded")).isNull();
        change(Map.of());
    }

    @Test
    @Order(6)
    void aServiceThatDoesNotAnswerInTimeIsCutOffByTheTimeoutBudget() {
        try {
            ResponseEntity<String> response = TestHttp.client(port).get().uri("/api/orders/slow")
                    .header("Authorization", "Bearer " + Tokens.user("alice"))
                    .retrieve().toEntity(String.class);
            assertThat(response.getStatusCode().value()).isEqualTo(503);
            assertThat(response.getBody()).contains("did not answer in time");
        }
        finally {
            orders.release();
        }
    }

    private ResponseEntity<String> catalog() {
        return TestHttp.client(port).get().uri(CATALOG).retrieve().toEntity(String.class);
    }

    /** What Consul's watch does on a change of config/gateway.yml: new values, then the event. */
    private void change(Map<String, Object> properties) {
        context.getEnvironment().getPropertySources().remove("changed");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed", properties));
        context.publishEvent(new EnvironmentChangeEvent(context, Set.copyOf(properties.keySet())));
    }
}
