package io.microplatform.cache.ring;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The cache's keys spread over the Redis nodes: where a key lives ({@link #owners(String)}), reading it from the
 * first owner in service ({@link #readFirst}), writing it to every owner in service ({@link #writeAll}). The
 * membership can be replaced while requests run ({@link #reconfigure(RingProperties)}).
 */
public final class CacheRing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CacheRing.class);

    private final String keyPrefix;
    private final ClientResources resources;
    private final ScheduledExecutorService prober;
    private final List<RejoinCopy> rejoinCopies = new CopyOnWriteArrayList<>();
    private volatile Membership membership;

    private record Membership(RingProperties properties, HashRing ring, Map<String, RedisNode> nodes) {
    }

    /** The answer of one owner: which node answered, and its value (null for a missing key). */
    public record Replica<T>(String node, T value) {
    }

    public CacheRing(RingProperties properties, String keyPrefix, ClientResources resources) {
        this.keyPrefix = keyPrefix;
        this.resources = resources;
        this.membership = build(properties, Map.of());
        // nodes reachable at start-up serve at once: this instance has written nothing past them yet
        membership.nodes().values().forEach(node -> node.join(false, commands -> { }));
        this.prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cache-ring-prober");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.probeInterval().toMillis();
        prober.scheduleWithFixedDelay(this::probe, interval, interval, TimeUnit.MILLISECONDS);
    }

    public List<String> owners(String key) {
        return membership.ring().owners(key);
    }

    /**
     * Runs a read on the key's owners in order and returns the first answer; an owner out of service is skipped
     * without waiting, one that fails or times out is taken out of service and the next is tried.
     *
     * @throws ProblemException 503 when no owner is in service
     */
    public <T> Replica<T> readFirst(String key, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return readFirst(key, command, value -> true);
    }

    /**
     * As {@link #readFirst(String, Function)}, but an answer that is not {@code found} (a miss) is passed over for
     * the next owner in service: a node emptied on its return misses keys its replicas still hold. That is as
     * safe as reading the first owner, because every owner in service took every write and delete since it
     * last joined. The last answer is returned when no owner has the key.
     */
    public <T> Replica<T> readFirst(String key, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command,
                                    Predicate<T> found) {
        Membership current = membership;
        Duration timeout = current.properties().nodeTimeout();
        Replica<T> miss = null;
        for (String owner : current.ring().owners(key)) {
            RedisNode.Connection connection = current.nodes().get(owner).current();
            if (connection == null) {
                continue;
            }
            try {
                Replica<T> answer = new Replica<>(owner, await(command.apply(connection.async()), timeout));
                if (found.test(answer.value())) {
                    return answer;
                }
                miss = answer;
            }
            catch (RedisCommandExecutionException e) {
                throw e;
            }
            catch (RuntimeException e) {
                connection.failed(e);
            }
        }
        if (miss != null) {
            return miss;
        }
        throw unavailable(key);
    }

    /**
     * Runs a write on every owner in service, in parallel, and returns the answers of those that succeeded. An
     * owner that fails is taken out of service (and emptied before it serves again), so an owner either has the
     * write or will not serve the key until it has been emptied.
     *
     * @throws ProblemException 503 when no owner took the write
     */
    public <T> List<Replica<T>> writeAll(String key, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return onAll(key, command);
    }

    /**
     * Runs a read on every owner in service, in parallel: for values whose replicas may differ and that can be
     * merged (a counter's replicas are each a lower bound of its value).
     *
     * @throws ProblemException 503 when no owner answered
     */
    public <T> List<Replica<T>> readAll(String key, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return onAll(key, command);
    }

    private <T> List<Replica<T>> onAll(String key, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        Membership current = membership;
        Map<RedisNode.Connection, RedisFuture<T>> sent = new LinkedHashMap<>();
        for (String owner : current.ring().owners(key)) {
            RedisNode.Connection connection = current.nodes().get(owner).current();
            if (connection != null) {
                try {
                    sent.put(connection, command.apply(connection.async()));
                }
                catch (RuntimeException e) {
                    connection.failed(e);
                }
            }
        }
        List<Replica<T>> written = new ArrayList<>(sent.size());
        RedisCommandExecutionException refused = null;
        for (Map.Entry<RedisNode.Connection, RedisFuture<T>> each : sent.entrySet()) {
            try {
                written.add(new Replica<>(each.getKey().node().name(), await(each.getValue(), current.properties().nodeTimeout())));
            }
            catch (RedisCommandExecutionException e) {
                refused = e;
            }
            catch (RuntimeException e) {
                each.getKey().failed(e);
            }
        }
        if (refused != null) {
            throw refused;
        }
        if (written.isEmpty()) {
            throw unavailable(key);
        }
        return written;
    }

    /** The key as stored in Redis: the cache's prefix keeps it apart from other data on a shared node. */
    public String redisKey(String key) {
        return keyPrefix + key;
    }

    public RingView view() {
        Membership current = membership;
        Map<String, Double> shares = current.ring().shares();
        List<RingView.Node> nodes = current.nodes().values().stream()
                .map(node -> new RingView.Node(node.name(), node.member().address(), shares.get(node.name()), node.inService()))
                .toList();
        return new RingView(nodes, current.ring().virtualNodes(), current.ring().replication());
    }

    /**
     * Replaces the membership: nodes kept (same name and address) stay as they are; new ones are emptied before
     * they serve, since they may hold keys from an earlier membership; removed ones are closed. Keys move only to
     * or from the nodes that came or went.
     */
    public synchronized void reconfigure(RingProperties properties) {
        Membership old = membership;
        Membership next = build(properties, old.nodes());
        membership = next;
        old.nodes().forEach((name, node) -> {
            if (next.nodes().get(name) != node) {
                node.close();
            }
        });
        log.info("ring is now {} x{} R={}", next.ring().nodes(), properties.virtualNodes(), properties.replication());
        probe();
    }

    private Membership build(RingProperties properties, Map<String, RedisNode> existing) {
        Map<String, RedisNode> nodes = new LinkedHashMap<>();
        for (RingProperties.Member member : properties.members()) {
            RedisNode kept = existing.get(member.name());
            nodes.put(member.name(), kept != null && kept.member().equals(member) ? kept
                    : new RedisNode(member, keyPrefix, properties.nodeTimeout(), resources));
        }
        return new Membership(properties, new HashRing(nodes.keySet(), properties.virtualNodes(), properties.replication()), nodes);
    }

    /** Tries the nodes out of service again; each is emptied of the cache's keys before it serves. */
    private void probe() {
        try {
            new HashMap<>(membership.nodes()).values().stream()
                    .filter(node -> !node.inService())
                    .forEach(node -> node.join(true, commands -> copyBack(node, commands)));
        }
        catch (RuntimeException e) {
            log.warn("ring probe failed", e);
        }
    }

    /**
     * Keys that must survive a node's absence: on its return, after it was emptied and before it serves, each key
     * under {@code subPrefix} that it owns is copied to it from the other owners in service, merged by
     * {@code mergeScript} (KEYS[1] the key, ARGV[1] the value another owner holds).
     *
     * @param ringKeyOf the key on the ring of a Redis key, given the part after the prefix and sub-prefix
     */
    public void copyOnRejoin(String subPrefix, Function<String, String> ringKeyOf, String mergeScript) {
        rejoinCopies.add(new RejoinCopy(subPrefix, ringKeyOf, mergeScript));
    }

    private record RejoinCopy(String subPrefix, Function<String, String> ringKeyOf, String mergeScript) {
    }

    private void copyBack(RedisNode returning, RedisCommands<String, String> target) {
        Membership current = membership;
        long copied = 0;
        for (RejoinCopy copy : rejoinCopies) {
            String prefix = keyPrefix + copy.subPrefix();
            for (RedisNode source : current.nodes().values()) {
                RedisNode.Connection connection = source.current();
                if (source == returning || connection == null) {
                    continue;
                }
                RedisCommands<String, String> from = connection.connection().sync();
                List<String> owned = new ArrayList<>();
                RedisNode.scan(from, prefix + "*", keys -> keys.stream()
                        .filter(key -> current.ring().owners(copy.ringKeyOf().apply(key.substring(prefix.length())))
                                .contains(returning.name()))
                        .forEach(owned::add));
                for (String key : owned) {
                    String value = from.get(key);
                    if (value != null) {
                        target.eval(copy.mergeScript(), ScriptOutputType.VALUE, new String[] {key}, value);
                        copied++;
                    }
                }
            }
        }
        if (copied > 0) {
            log.info("{}: {} keys copied back from the other owners", returning.name(), copied);
        }
    }

    private static <T> T await(RedisFuture<T> future, Duration timeout) {
        return LettuceFutures.awaitOrCancel(future, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ProblemException unavailable(String key) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "no Redis node holding '" + key + "' is reachable");
    }

    @Override
    public void close() {
        prober.shutdownNow();
        membership.nodes().values().forEach(RedisNode::close);
    }
}
