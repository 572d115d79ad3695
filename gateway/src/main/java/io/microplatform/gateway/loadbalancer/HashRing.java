package io.microplatform.gateway.loadbalancer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * A consistent-hash ring: every node owns {@code virtualNodes} points, a key belongs to the first point at or
 * after its own hash. Adding a node takes over only the keys that now fall on its points, about
 * {@code 1 / (nodes + 1)} of them; the others stay where they were. Immutable: built again when the set of
 * nodes changes.
 */
final class HashRing {

    private final List<String> nodes;
    private final int virtualNodes;
    private final long[] points;
    private final String[] owners;

    private HashRing(List<String> nodes, int virtualNodes, long[] points, String[] owners) {
        this.nodes = nodes;
        this.virtualNodes = virtualNodes;
        this.points = points;
        this.owners = owners;
    }

    static HashRing of(Collection<String> nodes, int virtualNodes) {
        List<String> sorted = nodes.stream().distinct().sorted().toList();
        int size = sorted.size() * virtualNodes;
        long[][] entries = new long[size][];
        int i = 0;
        for (int node = 0; node < sorted.size(); node++) {
            for (int replica = 0; replica < virtualNodes; replica++) {
                entries[i++] = new long[] { hash(sorted.get(node) + "#" + replica), node };
            }
        }
        Arrays.sort(entries, (a, b) -> Long.compare(a[0], b[0]));
        long[] points = new long[size];
        String[] owners = new String[size];
        for (int p = 0; p < size; p++) {
            points[p] = entries[p][0];
            owners[p] = sorted.get((int) entries[p][1]);
        }
        return new HashRing(sorted, virtualNodes, points, owners);
    }

    /** Whether this ring was built from exactly these nodes (in any order) with this many virtual nodes. */
    boolean isFor(Collection<String> nodes, int virtualNodes) {
        return this.virtualNodes == virtualNodes && this.nodes.size() == nodes.size() && this.nodes.containsAll(nodes);
    }

    String owner(String key) {
        return owner(key, node -> true);
    }

    /**
     * The owner of the key among the nodes that {@code accepted} allows: walking on from the key's point, so a
     * node left out (unhealthy, already tried) hands its keys to its successors only, as if it were removed.
     */
    String owner(String key, Predicate<String> accepted) {
        if (points.length == 0) {
            return null;
        }
        int start = Arrays.binarySearch(points, hash(key));
        if (start < 0) {
            start = -start - 1;
        }
        for (int i = 0; i < points.length; i++) {
            String owner = owners[(start + i) % points.length];
            if (accepted.test(owner)) {
                return owner;
            }
        }
        return null;
    }

    /** 64-bit FNV-1a over the UTF-8 bytes, then MurmurHash3's finaliser to spread nearby inputs over the ring. */
    static long hash(String value) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
