package io.microplatform.cache.ring;

import java.util.List;

/** {@code GET /api/cache/ring}: the members, each one's part of the circle as primary owner, and the settings. */
public record RingView(List<Node> nodes, int virtualNodes, int replication) {

    /** {@code up}: in service for this instance (reachable, and emptied after its last absence). */
    public record Node(String name, String address, double share, boolean up) {
    }
}
