package io.microplatform.gateway.ratelimit;

import io.microplatform.gateway.Backend;
import io.microplatform.gateway.Backends;
import io.microplatform.gateway.Tokens;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithDevStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The Redis token bucket of a route, driven at three times its rate through the gateway against the real
 * Redis of the dev stack. Requests are paced by a timer; what is asserted is a count, against what the
 * configured bucket should admit over the time the requests actually took.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "microplatform.gateway.rate-limit.routes.cache.replenish-rate=10",
        "microplatform.gateway.rate-limit.routes.cache.burst-capacity=10",
        "microplatform.gateway.rate-limit.routes.cache.key=api-key",
        // a busy route, leased: 50 per second with a 200 ms window lets an instance lease up to 10 tokens
        "microplatform.gateway.rate-limit.lease-window=200ms",
        "microplatform.gateway.rate-limit.routes.scheduler.replenish-rate=50",
        "microplatform.gateway.rate-limit.routes.scheduler.burst-capacity=50",
        "microplatform.gateway.rate-limit.routes.scheduler.key=api-key" })
@WithDevStack
@DirtiesContext
class RateLimitIT {

    private static final int RATE = 10;
    private static final int BURST = 10;
    private static final int LEASED_RATE = 50;
    private static final int LEASED_BURST = 50;

    @RegisterExtension
    static final Backends backends = new Backends();
    private static final Backend cache = backends.start("cache-service", "cache-1");
    private static final Backend scheduler = backends.start("scheduler-service", "scheduler-1");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        backends.register(registry);
    }

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void atThreeTimesTheRateTheBucketAdmitsReplenishTimesSecondsPlusBurst() {
        // 10 per second: below two tokens per lease window, so every request is Redis's decision
        Driven driven = driveAtThreeTimesTheRate("/api/cache/entries/k", RATE, 3);

        assertThat((double) driven.admitted()).isCloseTo(driven.expected(RATE, BURST), offset(driven.expected(RATE, BURST) * 0.10));
    }

    @Test
    void aLeasedBucketAdmitsTheSameWithFarFewerRedisCalls() {
        long scriptCallsBefore = scriptCalls();

        Driven driven = driveAtThreeTimesTheRate("/api/scheduler/jobs/j", LEASED_RATE, 3);

        double expected = driven.expected(LEASED_RATE, LEASED_BURST);
        assertThat((double) driven.admitted()).isCloseTo(expected, offset(expected * 0.10));
        // leases never create tokens: the limit holds; they only spare Redis. Unleased, every request (admitted or
        // refused) is one script call; leased, one call serves several (about ten on a quiet machine; fewer on a
        // loaded one, where requests arrive less evenly, so the bound is half)
        long scriptCalls = scriptCalls() - scriptCallsBefore;
        assertThat(scriptCalls).isPositive().isLessThan(driven.requests() / 2);
    }

    /**
     * Sends {@code 3 * rate} requests per second for {@code seconds} (paced by a timer, one new API key), and
     * counts what was admitted over the time the requests actually took.
     */
    private Driven driveAtThreeTimesTheRate(String pathPrefix, int rate, int seconds) {
        String apiKey = UUID.randomUUID().toString();
        WebClient client = WebClient.create("http://localhost:" + port);
        String token = Tokens.user("rate-test");
        // warm up the route (the first request starts the load balancer), with another key
        TestHttp.client(port).get().uri(pathPrefix + "warm-up").header("Authorization", "Bearer " + token)
                .retrieve().toBodilessEntity();

        int requests = 3 * rate * seconds;
        long[] firstAndLast = new long[2];
        List<Integer> statuses = Flux.interval(Duration.ZERO, Duration.ofNanos(1_000_000_000L / (3L * rate)))
                .take(requests)
                // a tick the client cannot send yet waits here, and counts from when it is sent
                .onBackpressureBuffer()
                .doOnNext(i -> firstAndLast[i == 0 ? 0 : 1] = System.nanoTime())
                .flatMap(i -> client.get().uri(pathPrefix + i)
                        .header("Authorization", "Bearer " + token)
                        .header("X-API-Key", apiKey)
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
                        requests)
                .collectList()
                .block(Duration.ofSeconds(60));

        long admitted = statuses.stream().filter(status -> status == 200).count();
        long refused = statuses.stream().filter(status -> status == 429).count();
        assertThat(admitted + refused).isEqualTo(requests);
        return new Driven(requests, admitted, (firstAndLast[1] - firstAndLast[0]) / 1e9);
    }

    private record Driven(long requests, long admitted, double seconds) {

        double expected(int rate, int burst) {
            return rate * seconds + burst;
        }
    }

    /** EVALSHA and EVAL calls Redis has served so far (the token bucket script). */
    private long scriptCalls() {
        Properties stats = redis.getConnectionFactory().getReactiveConnection().serverCommands()
                .info("commandstats").block(Duration.ofSeconds(5));
        long calls = 0;
        for (String command : List.of("cmdstat_evalsha", "cmdstat_eval")) {
            String value = stats.getProperty(command);
            if (value != null) {
                calls += Long.parseLong(value.replaceAll("^calls=(\\d+),.*$", "$1"));
            }
        }
        return calls;
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
