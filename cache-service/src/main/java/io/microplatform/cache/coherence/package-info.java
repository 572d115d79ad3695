/**
 * Two levels, coherent: each instance's L1 ({@link io.microplatform.cache.coherence.NearCache}, Caffeine, bounded,
 * every entry dropped {@code ttl} after it was written) in front of the ring (L2), and the ways a change reaches
 * every L1 ({@link io.microplatform.cache.coherence.Invalidations}).
 *
 * <h2>Two paths, and what each covers</h2>
 * <ul>
 * <li><b>Fast: Redis pub/sub.</b> An invalidation is published on every node of the ring, and every instance is
 *     subscribed on every node (the nodes of the ring as it is now: a configuration refresh that adds or removes a
 *     node adds or closes its channel, see {@link io.microplatform.cache.ring.RingReconfigured}), so one node down
 *     loses nothing. Redis drops pub/sub messages only for a subscriber
 *     that is not connected (also when it kills a subscriber whose output buffer overflowed: a disconnect too), so
 *     a subscription that drops clears the L1, and so does every (re)subscription: what was published while it was
 *     away is gone for good, and Lettuce re-subscribes by itself.</li>
 * <li><b>Durable: Kafka</b> ({@code cache.invalidations}). Every instance reads every invalidation in a consumer
 *     group of its own; a partition assigned anew (a rebalance, a lost session) clears the L1. It covers a
 *     publisher that could not reach any node, or a subscriber that reconnected between the clear and the
 *     message.</li>
 * <li><b>The cap.</b> Whatever happens to both, an L1 entry lives at most {@code ttl} (default 5 s) after it was
 *     written. Stale fills are refused: a value read from L2 is put in L1 only if no invalidation or clear
 *     happened since the read began ({@link io.microplatform.cache.coherence.NearCache#stamp(String)}).</li>
 * </ul>
 *
 * <h2>The bound</h2>
 * Once L2 has been invalidated (the catalog: by the {@code ProductChanged} consumer, when it raised the product's
 * floor and deleted the older entry), another instance's L1 serves the old value for at most {@code ttl} (5 s)
 * even if every message is lost; normally until the pub/sub message arrives (milliseconds; see the benchmark).
 * From inventory's commit, add the outbox relay's poll ({@code 100 ms}) and Kafka's delivery to the consumer.
 */
package io.microplatform.cache.coherence;
