package io.microplatform.cache.ring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consistent hashing of keys to node names, with virtual nodes: each node is placed on a 64-bit circle at the
 * hashes of {@code name#0 .. name#(v-1)}, and a key belongs to the first R distinct nodes clockwise from its
 * own hash. Nodes are placed by NAME, never by address, so a node that moves to another host keeps its keys.
 *
 * <p>Immutable and pure (no Redis, no clock): membership changes build a new ring, and the distribution
 * properties (shares, keys moved by a change) are unit-tested on it.
 */
public final class HashRing {

    private final long[] points;
    private final String[] pointNodes;
    private final List<String> nodes;
    private final int virtualNodes;
    private final int replication;

    public HashRing(Collection<String> nodeNames, int virtualNodes, int replication) {
        if (virtualNodes < 1 || replication < 1) {
            throw new IllegalArgumentException("virtual nodes and replication must be at least 1");
        }
        this.nodes = List.copyOf(nodeNames);
        if (nodes.stream().distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("node names must be unique: " + nodes);
        }
        this.virtualNodes = virtualNodes;
        this.replication = replication;
        record Point(long hash, String node) {
        }
        List<Point> placed = new ArrayList<>(nodes.size() * virtualNodes);
        for (String node : nodes) {
            for (int i = 0; i < virtualNodes; i++) {
                placed.add(new Point(hash(node + "#" + i), node));
            }
        }
        // ties (astronomically rare) are broken by name, so every instance builds the same ring
        placed.sort((a, b) -> {
            int byHash = Long.compareUnsigned(a.hash(), b.hash());
            return byHash != 0 ? byHash : a.node().compareTo(b.node());
        });
        this.points = new long[placed.size()];
        this.pointNodes = new String[placed.size()];
        for (int i = 0; i < placed.size(); i++) {
            points[i] = placed.get(i).hash();
            pointNodes[i] = placed.get(i).node();
        }
    }

    /** The nodes that hold the key, primary first: min(R, nodes) distinct names, clockwise from the key's hash. */
    public List<String> owners(String key) {
        int wanted = Math.min(replication, nodes.size());
        List<String> owners = new ArrayList<>(wanted);
        if (wanted == 0) {
            return owners;
        }
        int start = firstPointAtOrAfter(hash(key));
        for (int i = 0; owners.size() < wanted && i < points.length; i++) {
            String node = pointNodes[(start + i) % points.length];
            if (!owners.contains(node)) {
                owners.add(node);
            }
        }
        return owners;
    }

    /** The node that holds the key first (reads go there while it is reachable). */
    public String primary(String key) {
        return pointNodes[firstPointAtOrAfter(hash(key)) % points.length];
    }

    /** Each node's part of the circle as primary owner, between 0 and 1; the parts add up to 1. */
    public Map<String, Double> shares() {
        Map<String, Double> shares = new LinkedHashMap<>();
        nodes.forEach(node -> shares.put(node, 0.0));
        for (int i = 0; i < points.length; i++) {
            // the arc (previous point, this point] belongs to this point's node; unsigned, wrapping at 2^64
            long arc = points[i] - points[(i - 1 + points.length) % points.length];
            double length = points.length == 1 ? 0x1p64 : unsigned(arc);
            shares.merge(pointNodes[i], length / 0x1p64, Double::sum);
        }
        return shares;
    }

    public List<String> nodes() {
        return nodes;
    }

    public int virtualNodes() {
        return virtualNodes;
    }

    public int replication() {
        return replication;
    }

    private int firstPointAtOrAfter(long hash) {
        int low = 0;
        int high = points.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Long.compareUnsigned(points[mid], hash) < 0) {
                low = mid + 1;
            }
            else {
                high = mid;
            }
        }
        return low == points.length ? 0 : low;
    }

    private static double unsigned(long value) {
        return (value >>> 1) * 2.0 + (value & 1);
    }

    /** The first 8 bytes of MD5: evenly spread, stable across JVMs and languages (as ketama does). */
    static long hash(String value) {
        byte[] digest = md5().digest(value.getBytes(StandardCharsets.UTF_8));
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = (hash << 8) | (digest[i] & 0xff);
        }
        return hash;
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    });

    private static MessageDigest md5() {
        MessageDigest digest = MD5.get();
        digest.reset();
        return digest;
    }

    @Override
    public String toString() {
        return "HashRing" + nodes + " x" + virtualNodes + " R=" + replication;
    }
}
