package io.microplatform.cache.ring;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.microplatform.cache.coherence.NearCache;
import io.microplatform.cache.coherence.NearCacheProperties;
import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.WithServices;
import io.microplatform.test.SharedDevStack;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ring's membership changed by a configuration refresh, without a restart. */
@ServiceIntegrationTest
@WithServices("inventory-service")
class RingMembershipIT {

    private static final String OVERRIDE = "ring-membership-test";
    private static final String NODES = "microplatform.cache.ring.nodes";

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    CacheRing ring;

    @Autowired
    NearCache near;

    @Autowired
    NearCacheProperties nearProperties;

    @AfterEach
    void restoreTheDevStacksRing() {
        context.getEnvironment().getPropertySources().remove(OVERRIDE);
        refresh(NODES);
        assertThat(names(ring.view())).containsExactly("redis-1", "redis-2", "redis-3");
    }

    @Test
    void anAddedNodeTakesItsShareAndNoKeyMovesBetweenTheOthers() throws IOException {
        Map<String, List<String>> before = owners();
        override(Map.of(NODES, nodes() + ",redis-4=localhost:" + unusedPort()));

        RingView view = ring.view();
        assertThat(names(view)).containsExactly("redis-1", "redis-2", "redis-3", "redis-4");
        assertThat(view.nodes().get(3).up()).as("nothing listens there").isFalse();
        int moved = 0;
        for (Map.Entry<String, List<String>> key : owners().entrySet()) {
            String was = before.get(key.getKey()).get(0);
            String is = key.getValue().get(0);
            if (!was.equals(is)) {
                moved++;
                assertThat(is).isEqualTo("redis-4");
            }
        }
        assertThat(moved / 4000.0).isBetween(0.25 - 0.05, 0.25 + 0.05);
    }

    /**
     * The invalidation channels follow the membership: a node that leaves loses this instance's subscription,
     * one that joins gets one, and a message published on the joined node alone reaches this instance's L1.
     */
    @Test
    void theInvalidationSubscriptionsFollowTheMembership() {
        long subscribed = subscribers("redis-3");
        assertThat(subscribed).as("this instance is subscribed on redis-3").isPositive();
        override(Map.of(NODES, nodes().substring(0, nodes().lastIndexOf(','))));
        assertThat(names(ring.view())).containsExactly("redis-1", "redis-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers("redis-3") == subscribed - 1);

        context.getEnvironment().getPropertySources().remove(OVERRIDE);
        refresh(NODES);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers("redis-3") == subscribed);
        await().atMost(Duration.ofSeconds(20)).until(() -> droppedByAMessageOn("redis-3"));
    }

    @Test
    void aNodeGivenAnotherAddressMovesNoKey() {
        Map<String, List<String>> before = owners();
        // the same servers under another address: 127.0.0.1 instead of localhost
        override(Map.of(NODES, nodes().replace("localhost", "127.0.0.1")));

        assertThat(ring.view().nodes()).extracting(RingView.Node::address).allMatch(address -> address.startsWith("127.0.0.1:"));
        assertThat(owners()).isEqualTo(before);
    }

    @Test
    void anInvalidChangeIsRefusedAndTheRingStaysAsItWas() {
        override(Map.of("microplatform.cache.ring.replication", "0"));

        assertThat(ring.view().replication()).isEqualTo(2);
        assertThat(names(ring.view())).containsExactly("redis-1", "redis-2", "redis-3");
    }

    private void override(Map<String, Object> properties) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(OVERRIDE, new HashMap<>(properties)));
        refresh(properties.keySet().toArray(String[]::new));
    }

    private void refresh(String... keys) {
        context.publishEvent(new EnvironmentChangeEvent(context, Set.of(keys)));
    }

    /** The dev stack's three nodes, named explicitly. */
    private static String nodes() {
        return String.join(",", IntStream.rangeClosed(1, 3)
                .mapToObj(i -> "redis-" + i + "=localhost:" + SharedDevStack.get().port("redis-" + i)).toList());
    }

    private static String redisUri(String node) {
        return "redis://localhost:" + SharedDevStack.get().port(node);
    }

    /**
     * An L1 entry put now is dropped by an invalidation published on that node alone, and by nothing else (a
     * (re)subscription's own clear may still be on its way: then this answers false and is asked again).
     */
    private boolean droppedByAMessageOn(String node) {
        String key = "membership-" + UUID.randomUUID();
        long clears = near.clears();
        if (!near.put(key, "cached", near.stamp(key))) {
            return false;
        }
        try (RedisClient client = RedisClient.create(redisUri(node));
             StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().publish(nearProperties.channel(), key);
        }
        try {
            await().atMost(Duration.ofSeconds(2)).until(() -> near.get(key) == null);
        }
        catch (ConditionTimeoutException e) {
            return false;
        }
        return near.clears() == clears;
    }

    /** Every instance's subscriptions to the invalidation channel on that node. */
    private long subscribers(String node) {
        try (RedisClient client = RedisClient.create(redisUri(node));
             StatefulRedisConnection<String, String> redis = client.connect()) {
            return redis.sync().pubsubNumsub(nearProperties.channel()).get(nearProperties.channel());
        }
    }

    private Map<String, List<String>> owners() {
        Map<String, List<String>> owners = new HashMap<>();
        IntStream.range(0, 4000).mapToObj(i -> "member-" + i).forEach(key -> owners.put(key, ring.owners(key)));
        return owners;
    }

    private static List<String> names(RingView view) {
        return view.nodes().stream().map(RingView.Node::name).toList();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
