package io.microplatform.gateway.loadbalancer;

import io.microplatform.gateway.Backend;
import io.microplatform.gateway.Tokens;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithDevStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Load-balancing policies through the gateway, against real instances found by discovery: the weighted policy
 * over the instances' {@code weight} metadata, and consistent hashing of {@code /api/cache/entries/{key}} while an
 * instance joins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.loadbalancer.health-check.interval=500ms",
        "spring.cloud.loadbalancer.health-check.refetch-instances-interval=500ms",
        "microplatform.gateway.load-balancing.services.scheduler-service.policy=weighted",
        "microplatform.gateway.rate-limit.routes.scheduler.replenish-rate=100000",
        "microplatform.gateway.rate-limit.routes.scheduler.burst-capacity=100000",
        "microplatform.gateway.rate-limit.routes.cache.replenish-rate=100000",
        "microplatform.gateway.rate-limit.routes.cache.burst-capacity=100000" })
@WithDevStack
@DirtiesContext
class LoadBalancingIT {

    private static final Pattern INSTANCE = Pattern.compile("\"instance\":\"([^\"]+)\"");
    private static final String INSTANCES = "spring.cloud.discovery.client.simple.instances.";

    private static Backend heavy;
    private static Backend light;
    private static final List<Backend> caches = List.of(Backend.start("cache-1"), Backend.start("cache-2"),
            Backend.start("cache-3"));

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    private final String token = Tokens.user("balancing-test");

    /** One client for the thousands of requests: a client per request would open a connection per request. */
    private RestClient client;

    @BeforeAll
    static void startInstances() {
        heavy = Backend.start("scheduler-heavy");
        light = Backend.start("scheduler-light");
    }

    @AfterAll
    static void stopInstances() {
        heavy.close();
        light.close();
        caches.forEach(Backend::close);
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add(INSTANCES + "scheduler-service[0].uri", () -> heavy.uri());
        registry.add(INSTANCES + "scheduler-service[0].metadata.weight", () -> "3");
        registry.add(INSTANCES + "scheduler-service[1].uri", () -> light.uri());
        registry.add(INSTANCES + "scheduler-service[1].metadata.weight", () -> "1");
        registry.add(INSTANCES + "cache-service[0].uri", () -> caches.get(0).uri());
        registry.add(INSTANCES + "cache-service[1].uri", () -> caches.get(1).uri());
    }

    @Test
    void theWeightedPolicySharesRequestsByWeight() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            get("/api/scheduler/jobs");
            assertThat(heavy.hits()).isPositive();
            assertThat(light.hits()).isPositive();
        });
        heavy.resetHits();
        light.resetHits();

        IntStream.range(0, 1000).forEach(i -> assertThat(get("/api/scheduler/jobs")).isNotNull());

        assertThat(heavy.hits() + light.hits()).isEqualTo(1000);
        assertThat((double) heavy.hits()).isBetween(750 * 0.9, 750 * 1.1);
        assertThat((double) light.hits()).isBetween(250 * 0.9, 250 * 1.1);
    }

    @Test
    void consistentHashingKeepsKeysOnTheirInstanceAndMovesFewWhenOneJoins() {
        List<String> keys = IntStream.range(0, 200).mapToObj(i -> "key-" + i).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(owners(keys).values())
                .contains("cache-1", "cache-2"));
        Map<String, String> before = owners(keys);
        assertThat(owners(keys)).isEqualTo(before);
        assertThat(owners(keys)).isEqualTo(before);

        // a third instance registers: what a Consul watch or a changed discovery list announces
        Map<String, Object> discovery = new HashMap<>();
        for (int i = 0; i < caches.size(); i++) {
            discovery.put(INSTANCES + "cache-service[" + i + "].uri", caches.get(i).uri());
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("joined", discovery));
        context.publishEvent(new EnvironmentChangeEvent(context, Set.copyOf(discovery.keySet())));
        await().atMost(Duration.ofSeconds(30)).until(() -> owners(keys).containsValue("cache-3"));

        Map<String, String> after = owners(keys);
        List<String> moved = keys.stream().filter(key -> !before.get(key).equals(after.get(key))).toList();
        assertThat(moved).allSatisfy(key -> assertThat(after.get(key)).isEqualTo("cache-3"));
        assertThat((double) moved.size()).isLessThanOrEqualTo(keys.size() * (1.0 / 3 + 0.10));
        assertThat(owners(keys)).isEqualTo(after);
    }

    private Map<String, String> owners(List<String> keys) {
        Map<String, String> owners = new HashMap<>();
        keys.forEach(key -> owners.put(key, instanceOf(get("/api/cache/entries/" + key))));
        return owners;
    }

    private String get(String path) {
        if (client == null) {
            client = TestHttp.client(port);
        }
        return client.get().uri(path).header("Authorization", "Bearer " + token).retrieve().body(String.class);
    }

    private static String instanceOf(String body) {
        Matcher matcher = INSTANCE.matcher(body == null ? "" : body);
        return matcher.find() ? matcher.group(1) : "none";
    }
}
