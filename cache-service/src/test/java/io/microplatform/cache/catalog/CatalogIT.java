package io.microplatform.cache.catalog;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.microplatform.cache.coherence.NearCache;
import io.microplatform.cache.coherence.NearCacheProperties;
import io.microplatform.cache.support.CacheInstances;
import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.ServiceProcess;
import io.microplatform.test.SharedDevStack;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithServices;
import io.microplatform.starter.lock.DistributedLocks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog read through two cache-service instances from a real inventory-service process, kept consistent by
 * its ProductChanged events over real Kafka, on the dev stack's three Redis nodes.
 */
@ServiceIntegrationTest
@WithServices("inventory-service")
class CatalogIT {

    /** The L1 cap (config/cache-service.yml) plus the event's way from inventory's commit to the L2 delete. */
    private static final Duration BOUND = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    InventoryCatalog inventoryCatalog;

    @Autowired
    CatalogStore store;

    @Autowired
    DistributedLocks locks;

    @Autowired
    CatalogProperties properties;

    @Test
    void readsThroughL1ThenL2ThenInventoryAndSaysWhich() {
        String sku = newProduct(1000);
        RestClient first = CacheInstances.first(port);
        RestClient second = CacheInstances.second();

        ResponseEntity<Map<String, Object>> miss = read(first, sku);
        assertThat(miss.getStatusCode().value()).isEqualTo(200);
        assertThat(miss.getHeaders().getFirst("X-Cache")).isEqualTo("MISS");
        assertThat(miss.getBody()).containsEntry("sku", sku).containsEntry("priceCents", 1000).containsEntry("version", 1);
        // the creation's invalidation may still arrive by the durable path (Kafka) and empty an L1 once more
        assertThat(read(first, sku).getHeaders().getFirst("X-Cache")).isIn("L1", "L2");
        await().atMost(BOUND).until(() -> "L1".equals(read(first, sku).getHeaders().getFirst("X-Cache")));
        assertThat(read(second, sku).getHeaders().getFirst("X-Cache")).isEqualTo("L2");
        await().atMost(BOUND).until(() -> "L1".equals(read(second, sku).getHeaders().getFirst("X-Cache")));
        assertThat(read(second, sku).getBody()).isEqualTo(miss.getBody());

        ResponseEntity<Map<String, Object>> bad = read(first, "lower-case");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aChangeInInventoryReachesBothInstancesL1AndNeverGoesBack() {
        String sku = newProduct(1000);
        RestClient first = CacheInstances.first(port);
        RestClient second = CacheInstances.second();
        warmBoth(sku, first, second);

        changePrice(sku, 1100);

        await().atMost(BOUND).until(() -> price(first, sku) == 1100 && price(second, sku) == 1100);
        // once the new version is served, the old one never comes back
        IntStream.range(0, 50).forEach(i -> {
            assertThat(price(first, sku)).isEqualTo(1100);
            assertThat(price(second, sku)).isEqualTo(1100);
        });
    }

    @Test
    void withEveryInvalidationSubscriptionCutAChangeIsStillSeenWithinTheBound() {
        String sku = newProduct(500);
        RestClient first = CacheInstances.first(port);
        RestClient second = CacheInstances.second();
        warmBoth(sku, first, second);

        for (String node : List.of("redis-1", "redis-2", "redis-3")) {
            try (RedisClient client = RedisClient.create("redis://localhost:" + SharedDevStack.get().port(node));
                 StatefulRedisConnection<String, String> redis = client.connect()) {
                redis.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
            }
        }
        changePrice(sku, 600);

        await().atMost(BOUND).until(() -> price(first, sku) == 600 && price(second, sku) == 600);
    }

    /**
     * An inventory instance that is down but still listed by discovery: a cache-service process whose discovery
     * lists a port nobody listens on beside the live inventory, so that round-robin sends every other load there.
     * Each load refused that way goes to the next instance, so no miss answers 503 (with the retry off, every
     * second one does).
     */
    @Test
    void aMissIsLoadedFromTheNextInventoryInstanceWhenOneRefusesTheConnection() {
        List<String> skus = IntStream.range(0, 6).mapToObj(i -> newProduct(100 + i)).toList();
        URI closed = URI.create("http://localhost:" + ServiceProcess.freePort());
        ServiceProcess cache = ServiceProcess.start("cache-service", "cache-service-failover", ServiceProcess.freePort(),
                ServiceProcess.discovering(Map.of("inventory-service", List.of(CacheInstances.inventory(), closed))));
        try {
            RestClient instance = TestHttp.client(cache.uri().toString());
            for (int i = 0; i < skus.size(); i++) {
                ResponseEntity<Map<String, Object>> answer = read(instance, skus.get(i));
                assertThat(answer.getStatusCode().value()).as("miss " + i).isEqualTo(200);
                assertThat(answer.getHeaders().getFirst("X-Cache")).isEqualTo("MISS");
                assertThat(answer.getBody()).containsEntry("priceCents", 100 + i);
            }
        }
        finally {
            cache.signal("TERM");
        }
    }

    /**
     * The memcache paper's stale set, made to happen: a load reads version 1, is held, the product changes to
     * version 2 and the change's event raises the floor; the held load then may not write version 1.
     */
    @Test
    void aLoadThatReadTheOldProductCannotOverwriteTheNewerOne() throws Exception {
        String sku = newProduct(700);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CatalogCache.ProductLoader slow = requested -> {
            InventoryCatalog.Loaded loaded = inventoryCatalog.load(requested);
            read.countDown();
            try {
                proceed.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return loaded;
        };
        CatalogCache cache = new CatalogCache(new NearCache(new NearCacheProperties(100, Duration.ofSeconds(5),
                "unused", "unused", (short) 1)), store, slow, locks, properties, Executors.newSingleThreadExecutor(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

        // a thread of its own: the common pool may have a single worker (2 cores), which the HTTP client's body
        // writing needs on JDK 25
        ExecutorService loader = Executors.newSingleThreadExecutor();
        CompletableFuture<CatalogCache.Lookup> held = CompletableFuture.supplyAsync(() -> cache.get(sku), loader);
        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
        changePrice(sku, 800);
        // the change's event has been applied: the floor is at version 2 on the sku's owners
        await().atMost(BOUND).until(() -> "2".equals(floorOnFirstOwner(sku)));

        proceed.countDown();
        CatalogCache.Lookup stale = held.get(30, TimeUnit.SECONDS);
        assertThat(stale.product().version()).isEqualTo(1);
        assertThat(stale.kept()).isFalse();
        assertThat(store.read(sku)).isNull();
        assertThat(price(CacheInstances.first(port), sku)).isEqualTo(800);
        assertThat(store.read(sku).version()).isEqualTo(2);
        assertThat(price(CacheInstances.second(), sku)).isEqualTo(800);
        loader.shutdown();
    }

    @Test
    void twoHundredConcurrentMissesOverTwoInstancesReadInventoryOnce() throws Exception {
        String sku = newProduct(900);
        List<RestClient> instances = List.of(CacheInstances.first(port), CacheInstances.second());
        long before = InventoryCounts.productReads(200);
        long unprotectedBefore = unprotectedLoads(instances);

        List<Integer> prices = concurrently(200, 200, i -> price(instances.get(i % 2), sku));

        assertThat(prices).hasSize(200).containsOnly(900);
        // one load; more only where a protection was missing (a Redis node timed out on this loaded machine), and
        // each extra one is such a load (an unprotected load may also be the only one)
        assertThat(InventoryCounts.productReads(200) - before)
                .isBetween(1L, 1 + unprotectedLoads(instances) - unprotectedBefore);
    }

    @Test
    void aThousandUnknownSkusReachInventoryAtMostOnceEach() throws Exception {
        String prefix = "NOPE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
        List<RestClient> instances = List.of(CacheInstances.first(port), CacheInstances.second());
        long before = InventoryCounts.productReads(404);
        long unprotectedBefore = unprotectedLoads(instances);

        // each sku asked four times, twice through each instance, by 16 clients at once
        List<Integer> statuses = concurrently(4000, 16, i -> instances.get(i % 2).get()
                .uri("/api/cache/products/{sku}", prefix + (i / 4)).retrieve().toBodilessEntity().getStatusCode().value());

        assertThat(statuses).hasSize(4000).containsOnly(404);
        // each sku once; more only for loads made without a protection (a Redis node timed out), each accounted for
        assertThat(InventoryCounts.productReads(404) - before)
                .isBetween(1000L, 1000 + unprotectedLoads(instances) - unprotectedBefore);
        ResponseEntity<Map<String, Object>> again = read(CacheInstances.first(port), prefix + "7");
        assertThat(again.getHeaders().getFirst("X-Cache")).isIn("L1", "L2");
        assertThat(again.getBody()).containsEntry("detail", "product " + prefix + "7 does not exist");
    }

    @Test
    void anUnknownSkuThatIsCreatedIsServedAtOnce() {
        String sku = "LATE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        RestClient first = CacheInstances.first(port);
        assertThat(read(first, sku).getStatusCode().value()).isEqualTo(404);
        assertThat(read(first, sku).getHeaders().getFirst("X-Cache")).isEqualTo("L1");

        create(sku, 100);

        await().atMost(BOUND).until(() -> read(first, sku).getStatusCode().value() == 200);
    }

    @SuppressWarnings("unchecked")
    private String floorOnFirstOwner(String sku) {
        Map<String, Object> owners = CacheInstances.first(port).get().uri("/api/cache/ring/owners/product:{sku}", sku)
                .retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        String node = ((List<String>) owners.get("owners")).get(0);
        try (RedisClient client = RedisClient.create("redis://localhost:" + SharedDevStack.get().port(node));
             StatefulRedisConnection<String, String> redis = client.connect()) {
            return redis.sync().get("cache:catalog:floor:" + sku);
        }
    }

    private interface Call<T> {
        T call(int i) throws Exception;
    }

    private static <T> List<T> concurrently(int calls, int threads, Call<T> call) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int index = i;
                futures.add(clients.submit(() -> {
                    start.await();
                    return call.call(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            clients.shutdownNow();
        }
    }

    private static long unprotectedLoads(List<RestClient> instances) {
        return instances.stream().mapToLong(InventoryCounts::unprotectedLoads).sum();
    }

    private void warmBoth(String sku, RestClient first, RestClient second) {
        await().atMost(BOUND).until(() -> "L1".equals(read(first, sku).getHeaders().getFirst("X-Cache"))
                && "L1".equals(read(second, sku).getHeaders().getFirst("X-Cache")));
    }

    private static int price(RestClient instance, String sku) {
        return ((Number) read(instance, sku).getBody().get("priceCents")).intValue();
    }

    private static ResponseEntity<Map<String, Object>> read(RestClient instance, String sku) {
        return instance.get().uri("/api/cache/products/{sku}", sku).retrieve()
                .toEntity(new ParameterizedTypeReference<>() {
                });
    }

    /** A new product whose creation event has passed (it invalidates the key in every L1: no race with the test). */
    private String newProduct(long priceCents) {
        String sku = "C-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        create(sku, priceCents);
        await().atMost(BOUND).until(() -> "1".equals(floorOnFirstOwner(sku)));
        return sku;
    }

    private static void create(String sku, long priceCents) {
        assertThat(TestHttp.client(CacheInstances.inventory().toString()).post().uri("/api/inventory/products")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", sku, "name", "Cached " + sku, "priceCents", priceCents, "available", 10))
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(201);
    }

    private static void changePrice(String sku, long priceCents) {
        assertThat(TestHttp.client(CacheInstances.inventory().toString()).patch().uri("/api/inventory/products/{sku}", sku)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("priceCents", priceCents))
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
    }
}
