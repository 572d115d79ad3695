/**
 * cache-service: a distributed cache on a ring of Redis nodes behind a REST API. Features:
 * {@link io.microplatform.cache.ring} (placement, replication, faults), {@link io.microplatform.cache.entry},
 * {@link io.microplatform.cache.counter}, {@link io.microplatform.cache.coherence} (each instance's L1 and the
 * invalidations that keep it coherent), {@link io.microplatform.cache.catalog} (inventory's products read
 * through, kept consistent by inventory's events).
 */
package io.microplatform.cache;
