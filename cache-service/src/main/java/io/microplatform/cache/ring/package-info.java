/**
 * The consistent-hash ring: the cache's keys spread over the Redis nodes ({@code REDIS_NODES}), each key on R of
 * them (replication, default 2).
 *
 * <h2>Placement</h2>
 * {@link io.microplatform.cache.ring.HashRing}: 160 virtual nodes per node on a 64-bit circle (MD5 of
 * {@code name#i}), placed by the node's NAME, so a node that changes address moves no key. A key's owners are
 * the first R distinct nodes clockwise from its hash. Adding a node moves about 1/(N+1) of the keys, all to the
 * new node, none between the others; removing one moves only its own ({@code HashRingTest}, 100,000 keys).
 * Membership is configuration: on a refresh ({@code EnvironmentChangeEvent}: a Consul KV watch in docker and
 * k8s) the ring is rebuilt without a restart; an invalid change is refused. Nodes new to the ring are emptied
 * before they serve, since they may hold keys from an earlier membership.
 *
 * <h2>Replication and faults</h2>
 * Writes and deletes go to every owner in service, in parallel; reads to the first owner in service. A node
 * whose command fails or takes longer than {@code node-timeout} (250 ms), or whose connection drops, is taken
 * out of service at once: later requests skip it without waiting, so no request waits for a dead node longer
 * than one {@code node-timeout}. While at least one owner of a key is in service, the key can be read and
 * written; with none, the request is a 503 problem.
 *
 * <h2>Rejoin: flush, not epoch</h2>
 * A node that comes back (a restart from its append-only file, a network that heals, a thawed process) may hold
 * values that were overwritten or deleted while it was away. Every instance probes the nodes it took out of
 * service every {@code probe-interval} (500 ms), and before it lets such a node serve again it deletes every
 * key of the cache on it ({@code SCAN} + {@code UNLINK}, keys under {@code key-prefix} only: the gateway's keys
 * on the same node stay). Connections never reconnect by themselves, so a node restarted behind an instance's
 * back is noticed as a dropped connection and goes through the same path. We chose the flush over an epoch
 * because an epoch needs a place that agrees on the current epoch of each node and survives the loss of any
 * node, which the cache does not have (it has no database, and the Redis nodes are the very thing that fails);
 * the flush needs nothing but the node, and its only cost is misses, never a stale hit. The bound that remains:
 * between one instance re-admitting a node and another instance (that also lost it) re-admitting it, the second
 * may still write past it; the first may read the value that write replaced for at most that long (one
 * {@code probe-interval} plus the flush). The same holds for a hung node (SIGSTOP) that an instance saw time out:
 * each instance that saw it fail empties it before using it again. A node that no instance saw fail missed no
 * write. An asymmetric partition (a node reachable from one instance and not from the other) is not covered.
 *
 * <p>Keys that a node lost to a new member on a membership change are left to expire by their time to live.
 */
package io.microplatform.cache.ring;
