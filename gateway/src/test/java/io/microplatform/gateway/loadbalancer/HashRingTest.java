package io.microplatform.gateway.loadbalancer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HashRingTest {

    private static final List<String> KEYS = IntStream.range(0, 20_000).mapToObj(i -> "user-" + i).toList();

    @Test
    void aKeyAlwaysBelongsToTheSameNodeWhateverTheOrderOfTheNodes() {
        HashRing ring = HashRing.of(List.of("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080"), 160);
        HashRing shuffled = HashRing.of(List.of("10.0.0.3:8080", "10.0.0.1:8080", "10.0.0.2:8080"), 160);
        for (String key : KEYS) {
            assertThat(ring.owner(key)).isEqualTo(ring.owner(key)).isEqualTo(shuffled.owner(key));
        }
    }

    @Test
    void addingANodeMovesAtMostItsShareOfKeysPlusTenPercentAndOnlyToIt() {
        List<String> nodes = new ArrayList<>();
        nodes.add("localhost:8082");
        for (int n = 2; n <= 10; n++) {
            HashRing before = HashRing.of(nodes, 160);
            String joining = "localhost:" + (8081 + n);
            nodes.add(joining);
            HashRing after = HashRing.of(nodes, 160);
            int moved = 0;
            for (String key : KEYS) {
                if (!before.owner(key).equals(after.owner(key))) {
                    moved++;
                    assertThat(after.owner(key)).isEqualTo(joining);
                }
            }
            assertThat((double) moved / KEYS.size()).as("moved with %d nodes", n).isLessThanOrEqualTo(1.0 / n + 0.10);
        }
    }

    @Test
    void virtualNodesSpreadKeysRoughlyEvenly() {
        List<String> nodes = List.of("a:1", "b:1", "c:1", "d:1");
        HashRing ring = HashRing.of(nodes, 160);
        Map<String, Integer> counts = new HashMap<>();
        KEYS.forEach(key -> counts.merge(ring.owner(key), 1, Integer::sum));
        counts.values().forEach(count -> assertThat((double) count / KEYS.size()).isBetween(0.15, 0.35));
    }

    @Test
    void aNodeLeftOutHandsItsKeysToItsSuccessorsOnly() {
        HashRing ring = HashRing.of(List.of("a:1", "b:1", "c:1"), 160);
        for (String key : KEYS) {
            String owner = ring.owner(key);
            String withoutB = ring.owner(key, node -> !node.equals("b:1"));
            if (!owner.equals("b:1")) {
                assertThat(withoutB).isEqualTo(owner);
            }
            assertThat(withoutB).isIn(Set.of("a:1", "c:1"));
        }
        assertThat(HashRing.of(List.of(), 160).owner("key")).isNull();
    }
}
