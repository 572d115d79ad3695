package io.microplatform.cache.ring;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.WithServices;
import io.microplatform.test.SharedDevStack;
import io.microplatform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ring on the dev stack's three Redis nodes, with one of them killed and started again with its old data. */
@ServiceIntegrationTest
@WithServices("inventory-service")
class RingFaultsIT {

    private static final int KEYS = 300;

    @LocalServerPort
    int port;

    @Test
    void theRingShowsThreeNodesInServiceAndEachKeysOwners() {
        Map<String, Object> ring = get("/api/cache/ring").getBody();
        assertThat(ring).containsEntry("virtualNodes", 160).containsEntry("replication", 2);
        List<Map<String, Object>> nodes = nodes(ring);
        assertThat(nodes).extracting(node -> node.get("name")).containsExactly("redis-1", "redis-2", "redis-3");
        assertThat(nodes).allSatisfy(node -> assertThat(node.get("up")).isEqualTo(true));
        assertThat(nodes.stream().mapToDouble(node -> ((Number) node.get("share")).doubleValue()).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));

        Map<String, Object> owners = get("/api/cache/ring/owners/product:KB-001").getBody();
        assertThat(owners).containsEntry("key", "product:KB-001");
        assertThat((List<?>) owners.get("owners")).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aKilledNodeLosesNoKeyAndServesNothingFromBeforeItsDeathWhenItComesBack() {
        IntStream.range(0, KEYS).forEach(i -> put("ring-k" + i, "old-" + i));
        try {
            SharedDevStack.get().kill("redis-2");

            // every key is still readable, from its other replica
            IntStream.range(0, KEYS).forEach(i -> assertThat(value("ring-k" + i)).isEqualTo("old-" + i));
            // writes and deletes go on without it
            IntStream.range(0, KEYS).forEach(i -> {
                if (i % 3 == 0) {
                    assertThat(client().delete().uri("/api/cache/entries/ring-k" + i).retrieve().toBodilessEntity()
                            .getStatusCode().value()).isEqualTo(204);
                }
                else {
                    put("ring-k" + i, "new-" + i);
                }
            });
            assertThat(up("redis-2")).isFalse();
        }
        finally {
            SharedDevStack.get().start("redis-2");
        }
        // the node is back with its append-only file, i.e. with the old values, until the ring takes it back
        await().atMost(Duration.ofSeconds(30)).until(() -> up("redis-2"));

        IntStream.range(0, KEYS).forEach(i -> assertThat(value("ring-k" + i)).isEqualTo(i % 3 == 0 ? null : "new-" + i));
        try (RedisClient client = RedisClient.create("redis://localhost:" + SharedDevStack.get().port("redis-2"));
             StatefulRedisConnection<String, String> redis2 = client.connect()) {
            IntStream.range(0, KEYS).forEach(i -> assertThat(redis2.sync().get("cache:ring-k" + i)).isNotEqualTo("old-" + i));
        }
    }

    @Test
    void aHungNodeIsSkippedAndEmptiedBeforeItServesAgain() {
        IntStream.range(0, 100).forEach(i -> put("hung-k" + i, "old-" + i));
        try {
            SharedDevStack.get().pause("redis-3");
            // the first request that reaches it waits one node timeout, then the node is out of service
            IntStream.range(0, 100).forEach(i -> put("hung-k" + i, "new-" + i));
            assertThat(up("redis-3")).isFalse();
            IntStream.range(0, 100).forEach(i -> assertThat(value("hung-k" + i)).isEqualTo("new-" + i));
        }
        finally {
            SharedDevStack.get().resume("redis-3");
        }
        // thawed, it still holds the old values, until the ring empties it
        await().atMost(Duration.ofSeconds(30)).until(() -> up("redis-3"));
        IntStream.range(0, 100).forEach(i -> assertThat(value("hung-k" + i)).isEqualTo("new-" + i));
    }

    private void put(String key, String value) {
        ResponseEntity<Map<String, Object>> response = client().put().uri("/api/cache/entries/" + key)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", value, "ttlSeconds", 300))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(response.getStatusCode().value()).as("PUT %s", key).isEqualTo(200);
    }

    private String value(String key) {
        ResponseEntity<Map<String, Object>> response = get("/api/cache/entries/" + key);
        if (response.getStatusCode().value() == 404) {
            return null;
        }
        assertThat(response.getStatusCode().value()).as("GET %s", key).isEqualTo(200);
        return (String) response.getBody().get("value");
    }

    private boolean up(String node) {
        return nodes(get("/api/cache/ring").getBody()).stream()
                .filter(each -> each.get("name").equals(node)).findFirst().orElseThrow().get("up").equals(true);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Map<String, Object> ring) {
        return (List<Map<String, Object>>) ring.get("nodes");
    }

    private ResponseEntity<Map<String, Object>> get(String path) {
        return client().get().uri(path).retrieve().toEntity(new ParameterizedTypeReference<>() {
        });
    }

    private RestClient client() {
        return TestHttp.client(port);
    }
}
