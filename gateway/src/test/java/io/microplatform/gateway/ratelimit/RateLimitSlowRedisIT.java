package io.microplatform.gateway.ratelimit;

import io.microplatform.devstack.ComponentState;
import io.microplatform.gateway.Backends;
import io.microplatform.gateway.Tokens;
import io.microplatform.test.SharedDevStack;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithDevStack;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dev stack's Redis frozen with SIGSTOP (it accepts connections and answers nothing, as a hung server or a
 * starved process): a late answer refuses the fail-closed orders route for that request only; Redis counts as
 * down once its answers have kept coming late for {@code redis-down-after}. The retry interval is long here, so
 * that Redis wrongly taken for down would show as a 503 on the request after it was resumed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "microplatform.gateway.rate-limit.redis-timeout=300ms",
        "microplatform.gateway.rate-limit.redis-down-after=1500ms",
        "microplatform.gateway.rate-limit.redis-retry-interval=5s" })
@WithDevStack
@DirtiesContext
class RateLimitSlowRedisIT {

    private static final String REDIS = "redis-1";

    @RegisterExtension
    static final Backends backends = new Backends().with("order-service", "orders-1");

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backends.register(registry);
    }

    @AfterEach
    void resumeRedis() {
        if (SharedDevStack.get().state(REDIS) == ComponentState.PAUSED) {
            SharedDevStack.get().resume(REDIS);
        }
    }

    @Test
    void oneLateAnswerRefusesOnlyItsOwnRequest() {
        assertThat(order()).isEqualTo(200);

        SharedDevStack.get().pause(REDIS);
        assertThat(order()).as("Redis frozen: the route fails closed").isEqualTo(503);
        SharedDevStack.get().resume(REDIS);

        assertThat(order()).as("the next request asks Redis again").isEqualTo(200);
        assertThat(available()).isOne();
    }

    @Test
    void answersLateForDownAfterMakeRedisDownUntilItAnswersAgain() {
        assertThat(order()).isEqualTo(200);

        SharedDevStack.get().pause(REDIS);
        // each request waits out the 300 ms timeout; after 1.5 s of them Redis is down
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
            assertThat(order()).isEqualTo(503);
            return available() == 0;
        });
        SharedDevStack.get().resume(REDIS);

        // one request per retry interval asks again; once it is answered, limits are enforced again
        await().atMost(Duration.ofSeconds(30)).until(() -> order() == 200);
        assertThat(available()).isOne();
    }

    private int order() {
        return TestHttp.client(port).get().uri("/api/orders/42")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.user("slow-redis"))
                .retrieve().toBodilessEntity().getStatusCode().value();
    }

    private double available() {
        return meters.get("gateway.ratelimit.redis.available").gauge().value();
    }
}
