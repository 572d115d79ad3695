package io.microplatform.cache.ring;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One Redis node of the ring and whether this instance lets it serve.
 *
 * <p>In service means: one connection is open and nothing has failed on it. The connection never reconnects by
 * itself ({@code autoReconnect=false}): a failed command, a timeout or a dropped connection (the node was
 * killed or restarted) takes the node out of service at once, and only {@link #join(boolean)} puts it back,
 * after emptying it of the cache's keys. So no value the node held before this instance lost it is ever
 * served by this instance.
 */
final class RedisNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisNode.class);

    private final RingProperties.Member member;
    private final String keyPattern;
    private final RedisClient client;
    private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();

    RedisNode(RingProperties.Member member, String keyPrefix, Duration timeout, ClientResources resources) {
        this.member = member;
        this.keyPattern = keyPrefix + "*";
        this.client = RedisClient.create(resources, RedisURI.Builder.redis(member.host(), member.port())
                .withTimeout(timeout).build());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> channel) {
                StatefulRedisConnection<String, String> current = connection.get();
                if (current == channel) {
                    leave(current, "connection lost");
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> channel, SocketAddress address) {
            }

            @Override
            public void onRedisExceptionCaught(RedisChannelHandler<?, ?> channel, Throwable cause) {
            }
        });
    }

    String name() {
        return member.name();
    }

    RingProperties.Member member() {
        return member;
    }

    boolean inService() {
        return connection.get() != null;
    }

    /** The commands of the connection in service, or null when the node is out of service. */
    Connection current() {
        StatefulRedisConnection<String, String> current = connection.get();
        return current == null ? null : new Connection(this, current);
    }

    /**
     * Connects and puts the node in service. With {@code empty}, first deletes every key of the cache on it:
     * the node may hold values from before this instance lost it (a restart from its append-only file, or
     * writes that went past it), and a miss is always safe where a stale hit is not. Then, still before it
     * serves, {@code beforeService} may copy back what must survive a node's absence (counters).
     *
     * @return whether the node is in service now
     */
    synchronized boolean join(boolean empty, Consumer<RedisCommands<String, String>> beforeService) {
        if (inService()) {
            return true;
        }
        StatefulRedisConnection<String, String> opened;
        try {
            opened = client.connect();
        }
        catch (RuntimeException e) {
            log.debug("{} at {} unreachable: {}", name(), member.address(), e.getMessage());
            return false;
        }
        try {
            long deleted = empty ? deleteCacheKeys(opened.sync()) : 0;
            if (empty) {
                beforeService.accept(opened.sync());
            }
            opened.sync().ping();
            connection.set(opened);
            log.info("{} at {} in service{}", name(), member.address(), empty ? " (" + deleted + " old keys deleted)" : "");
            return true;
        }
        catch (RuntimeException e) {
            opened.closeAsync();
            log.warn("{} at {} not taken into service: {}", name(), member.address(), e.getMessage());
            return false;
        }
    }

    private long deleteCacheKeys(RedisCommands<String, String> commands) {
        long[] deleted = {0};
        scan(commands, keyPattern, keys -> deleted[0] += commands.unlink(keys.toArray(String[]::new)));
        return deleted[0];
    }

    /** Every key matching the pattern, a batch at a time (SCAN: never blocks the node like KEYS). */
    static void scan(RedisCommands<String, String> commands, String pattern, Consumer<List<String>> batch) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
        KeyScanCursor<String> cursor = commands.scan(args);
        while (true) {
            if (!cursor.getKeys().isEmpty()) {
                batch.accept(cursor.getKeys());
            }
            if (cursor.isFinished()) {
                return;
            }
            cursor = commands.scan(ScanCursor.of(cursor.getCursor()), args);
        }
    }

    /** Takes the node out of service if {@code failed} is still its connection (a newer one is left alone). */
    void leave(StatefulRedisConnection<String, String> failed, String why) {
        if (connection.compareAndSet(failed, null)) {
            log.warn("{} at {} out of service: {}", name(), member.address(), why);
            failed.closeAsync();
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> current = connection.getAndSet(null);
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }

    /** One connection in service and the node it belongs to, so that a failure on it is reported to the node. */
    record Connection(RedisNode node, StatefulRedisConnection<String, String> connection) {

        RedisAsyncCommands<String, String> async() {
            return connection.async();
        }

        void failed(Throwable cause) {
            node.leave(connection, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
