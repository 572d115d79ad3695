package io.microplatform.cache.ring;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** The ring's distribution properties over 100,000 keys, with the default 160 virtual nodes. */
class HashRingTest {

    private static final int KEYS = 100_000;
    private static final List<String> THREE = List.of("redis-1", "redis-2", "redis-3");
    private static final List<String> FOUR = List.of("redis-1", "redis-2", "redis-3", "redis-4");

    @Test
    void eachNodeHoldsItsShareOfTheKeysWithinFifteenPercentOfTheMean() {
        HashRing ring = new HashRing(THREE, 160, 2);
        Map<String, Integer> primaries = new HashMap<>();
        Map<String, Integer> replicas = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            List<String> owners = ring.owners(key(i));
            primaries.merge(owners.get(0), 1, Integer::sum);
            owners.forEach(owner -> replicas.merge(owner, 1, Integer::sum));
        }
        double mean = KEYS / 3.0;
        THREE.forEach(node -> assertThat((double) primaries.get(node)).isCloseTo(mean, within(mean * 0.15)));
        double meanCopies = KEYS * 2 / 3.0;
        THREE.forEach(node -> assertThat((double) replicas.get(node)).isCloseTo(meanCopies, within(meanCopies * 0.15)));
        // the shares the ring reports are the same spread, measured on the circle
        assertThat(ring.shares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        ring.shares().values().forEach(share -> assertThat(share).isCloseTo(1 / 3.0, within(0.15 / 3)));
    }

    @Test
    void everyKeyHasTwoDistinctOwnersPrimaryFirst() {
        HashRing ring = new HashRing(THREE, 160, 2);
        IntStream.range(0, 1000).mapToObj(HashRingTest::key).forEach(key -> {
            List<String> owners = ring.owners(key);
            assertThat(owners).hasSize(2).doesNotHaveDuplicates();
            assertThat(owners.get(0)).isEqualTo(ring.primary(key));
        });
        assertThat(new HashRing(List.of("redis-1"), 160, 2).owners("k")).containsExactly("redis-1");
    }

    @Test
    void anAddedNodeTakesAboutOneQuarterOfTheKeysAndNoneMoveBetweenSurvivors() {
        HashRing before = new HashRing(THREE, 160, 2);
        HashRing after = new HashRing(FOUR, 160, 2);
        int moved = 0;
        for (int i = 0; i < KEYS; i++) {
            String was = before.primary(key(i));
            String is = after.primary(key(i));
            if (!was.equals(is)) {
                moved++;
                assertThat(is).as("a key may only move to the new node").isEqualTo("redis-4");
            }
            // replica sets change only by the new node coming in
            List<String> lost = new java.util.ArrayList<>(before.owners(key(i)));
            lost.removeAll(after.owners(key(i)));
            if (!lost.isEmpty()) {
                assertThat(after.owners(key(i))).contains("redis-4");
            }
        }
        assertThat(moved / (double) KEYS).isCloseTo(1 / 4.0, within(0.02));
    }

    @Test
    void aRemovedNodeGivesUpOnlyItsOwnKeys() {
        HashRing before = new HashRing(FOUR, 160, 2);
        HashRing after = new HashRing(THREE, 160, 2);
        int moved = 0;
        for (int i = 0; i < KEYS; i++) {
            String was = before.primary(key(i));
            if (!was.equals(after.primary(key(i)))) {
                moved++;
                assertThat(was).as("only the removed node's keys move").isEqualTo("redis-4");
            }
        }
        assertThat(moved / (double) KEYS).isCloseTo(1 / 4.0, within(0.02));
    }

    @Test
    void placementDependsOnNamesNotOnTheOrderTheyAreListedIn() {
        HashRing ring = new HashRing(THREE, 160, 2);
        HashRing reordered = new HashRing(List.of("redis-3", "redis-1", "redis-2"), 160, 2);
        IntStream.range(0, 1000).mapToObj(HashRingTest::key)
                .forEach(key -> assertThat(reordered.owners(key)).isEqualTo(ring.owners(key)));
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HashRing(List.of("a", "a"), 160, 2));
    }

    private static String key(int i) {
        return "product:" + i;
    }
}
