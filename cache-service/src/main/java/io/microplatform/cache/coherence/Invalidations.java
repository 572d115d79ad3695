package io.microplatform.cache.coherence;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.microplatform.cache.ring.RingProperties;
import io.microplatform.cache.ring.RingReconfigured;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells every instance's L1 that a key changed: this instance's at once, the others fast through Redis pub/sub
 * (published on every node of the ring, each instance subscribed on every node) and durably through Kafka.
 * The channels follow the ring's membership when a configuration refresh changes it. See the package
 * documentation for what each path covers.
 */
public final class Invalidations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

    private final NearCache near;
    private final NearCacheProperties properties;
    private final KafkaTemplate<String, String> kafka;
    private final ClientResources resources;
    private final ScheduledExecutorService retry;
    private volatile Map<String, NodeChannel> nodes = Map.of();

    public Invalidations(NearCache near, NearCacheProperties properties, KafkaTemplate<String, String> kafka,
                         RingProperties ring, ClientResources resources) {
        this.near = near;
        this.properties = properties;
        this.kafka = kafka;
        this.resources = resources;
        follow(ring);
        this.retry = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "invalidation-connect");
            thread.setDaemon(true);
            return thread;
        });
        retry.scheduleWithFixedDelay(this::connectMissing, 0, ring.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Subscribes on the nodes that joined the ring and closes the channels of the nodes that left it (or moved to
     * another address); the channels of the other nodes are kept as they are.
     */
    private synchronized void follow(RingProperties ring) {
        Map<String, NodeChannel> old = nodes;
        Map<String, NodeChannel> next = new LinkedHashMap<>();
        for (RingProperties.Member member : ring.members()) {
            NodeChannel kept = old.get(member.name());
            next.put(member.name(), kept != null && kept.member.equals(member) ? kept
                    : new NodeChannel(member, ring.nodeTimeout(), resources));
        }
        nodes = Map.copyOf(next);
        old.forEach((name, channel) -> {
            if (next.get(name) != channel) {
                channel.close();
            }
        });
    }

    @EventListener
    void onRingReconfigured(RingReconfigured event) {
        follow(event.properties());
    }

    /** Nodes unreachable when they joined: subscribed and connected once they answer (never on a request's path). */
    private void connectMissing() {
        for (NodeChannel node : nodes.values()) {
            if (!node.ready()) {
                node.subscribe();
                node.connectPublisher();
            }
        }
    }

    /** This instance's L1 now; every other instance's through pub/sub and Kafka. Never throws. */
    public void publish(String key) {
        near.invalidate(key);
        for (NodeChannel node : nodes.values()) {
            node.publish(key);
        }
        try {
            kafka.send(properties.topic(), key, key).whenComplete((sent, failure) -> {
                if (failure != null) {
                    log.warn("invalidation of {} not sent to Kafka: {}", key, failure.getMessage());
                }
            });
        }
        catch (RuntimeException e) {
            log.warn("invalidation of {} not sent to Kafka: {}", key, e.getMessage());
        }
    }

    @Override
    public void close() {
        retry.shutdownNow();
        nodes.values().forEach(NodeChannel::close);
    }

    /**
     * One node: a subscription that reconnects by itself (Lettuce re-subscribes after a reconnect) and a
     * connection to publish on. Every lost subscription and every (re)subscription clears the L1: messages
     * published while it was away are gone for good.
     */
    private final class NodeChannel {

        private final RingProperties.Member member;
        private final RedisClient client;
        private final Duration timeout;
        private volatile StatefulRedisPubSubConnection<String, String> subscription;
        private volatile StatefulRedisConnection<String, String> publisher;

        NodeChannel(RingProperties.Member member, Duration timeout, ClientResources resources) {
            this.member = member;
            this.timeout = timeout;
            this.client = RedisClient.create(resources, RedisURI.Builder.redis(member.host(), member.port())
                    .withTimeout(timeout).build());
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                    .build());
            client.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> channel, SocketAddress address) {
                }

                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> channel) {
                    if (channel == subscription) {
                        near.clear("invalidation subscription on " + member.name() + " lost");
                    }
                }

                @Override
                public void onRedisExceptionCaught(RedisChannelHandler<?, ?> channel, Throwable cause) {
                }
            });
            subscribe();
            connectPublisher();
        }

        /** Subscribes if not subscribed yet (the node was down at start-up); a reconnect re-subscribes by itself. */
        synchronized void subscribe() {
            if (subscription != null) {
                return;
            }
            try {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String key) {
                        near.invalidate(key);
                    }

                    @Override
                    public void subscribed(String channel, long count) {
                        near.clear("subscribed to " + channel + " on " + member.name());
                    }
                });
                connection.sync().subscribe(properties.channel());
                subscription = connection;
            }
            catch (RuntimeException e) {
                log.debug("no invalidation subscription on {} yet: {}", member.name(), e.getMessage());
            }
        }

        /**
         * Fire and forget: the publisher connection reconnects by itself and rejects commands while it is away, so
         * a node that is down costs nothing here (its subscribers clear their L1 when they get it back).
         */
        void publish(String key) {
            try {
                StatefulRedisConnection<String, String> connection = publisher;
                if (connection != null) {
                    connection.async().publish(properties.channel(), key);
                }
            }
            catch (RuntimeException e) {
                log.debug("invalidation of {} not published on {}: {}", key, member.name(), e.getMessage());
            }
        }

        /** Connected from the retry loop only, never on a request's path. */
        synchronized StatefulRedisConnection<String, String> connectPublisher() {
            if (publisher == null) {
                try {
                    publisher = client.connect();
                }
                catch (RuntimeException e) {
                    log.debug("no invalidation publisher on {} yet: {}", member.name(), e.getMessage());
                }
            }
            return publisher;
        }

        boolean ready() {
            return subscription != null && publisher != null;
        }

        void close() {
            if (subscription != null) {
                subscription.closeAsync();
            }
            if (publisher != null) {
                publisher.closeAsync();
            }
            client.shutdown(Duration.ZERO, timeout);
        }
    }
}
