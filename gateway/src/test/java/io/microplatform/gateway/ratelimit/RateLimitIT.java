package io.microplatform.gateway.ratelimit;

import io.microplatform.gateway.Backend;
import io.microplatform.gateway.Tokens;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithDevStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis token bucket of a route, driven at three times its rate through the gateway against the real
 * Redis of the dev stack. Requests are paced by a timer; what is asserted is a count, against what the
 * configured bucket should admit over the time the requests actually took.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "microplatform.gateway.rate-limit.routes.cache.replenish-rate=10",
        "microplatform.gateway.rate-limit.routes.cache.burst-capacity=10",
        "microplatform.gateway.rate-limit.routes.cache.key=api-key" })
@WithDevStack
@DirtiesContext
class RateLimitIT {

    private static final int RATE = 10;
    private static final int BURST = 10;

    private static Backend cache;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startInstance() {
        cache = Backend.start("cache-1");
    }

    @AfterAll
    static void stopInstance() {
        cache.close();
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.cache-service[0].uri", cache::uri);
    }

    @Test
    void atThreeTimesTheRateTheBucketAdmitsReplenishTimesSecondsPlusBurst() {
        String apiKey = UUID.randomUUID().toString();
        WebClient client = WebClient.create("http://localhost:" + port);
        String token = Tokens.user("rate-test");
        // warm up the route (the first request starts the load balancer), with another key
        TestHttp.client(port).get().uri("/api/cache/entries/warm-up").header("Authorization", "Bearer " + token)
                .retrieve().toBodilessEntity();

        int requests = 3 * RATE * 3;
        long[] firstAndLast = new long[2];
        List<Integer> statuses = Flux.interval(Duration.ZERO, Duration.ofMillis(1000 / (3 * RATE)))
                .take(requests)
                .doOnNext(i -> firstAndLast[i == 0 ? 0 : 1] = System.nanoTime())
                .flatMap(i -> client.get().uri("/api/cache/entries/k" + i)
                        .header("Authorization", "Bearer " + token)
                        .header("X-API-Key", apiKey)
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
                .collectList()
                .block(Duration.ofSeconds(60));

        double seconds = (firstAndLast[1] - firstAndLast[0]) / 1e9;
        double expected = RATE * seconds + BURST;
        long admitted = statuses.stream().filter(status -> status == 200).count();
        long refused = statuses.stream().filter(status -> status == 429).count();
        assertThat(admitted + refused).isEqualTo(requests);
        assertThat((double) admitted).isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 0.10));
    }

    @Test
    void aRefusalIsATooManyRequestsProblemWithRetryAfterAndLimitHeaders() {
        String apiKey = UUID.randomUUID().toString();
        String token = Tokens.user("rate-test");
        int admitted = 0;
        ResponseEntity<String> response;
        do {
            response = TestHttp.client(port).get().uri("/api/cache/entries/x")
                    .header("Authorization", "Bearer " + token).header("X-API-Key", apiKey)
                    .retrieve().toEntity(String.class);
            assertThat(response.getHeaders().getFirst("X-RateLimit-Limit")).isEqualTo("10");
            assertThat(response.getHeaders().getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("10");
            assertThat(response.getHeaders().getFirst("X-RateLimit-Remaining")).isNotNull();
            if (response.getStatusCode().value() == 200) {
                admitted++;
            }
        }
        while (response.getStatusCode().value() == 200 && admitted < 1000);

        assertThat(admitted).isGreaterThanOrEqualTo(BURST);
        assertThat(response.getStatusCode().value()).isEqualTo(429);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(response.getBody()).contains("urn:microplatform:problem:rate-limited");
    }
}
