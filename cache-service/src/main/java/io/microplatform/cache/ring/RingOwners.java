package io.microplatform.cache.ring;

import java.util.List;

/** {@code GET /api/cache/ring/owners/{key}}: the nodes that hold the key, in the order reads try them. */
public record RingOwners(String key, List<String> owners) {
}
