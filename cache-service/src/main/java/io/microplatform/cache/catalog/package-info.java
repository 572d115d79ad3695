/**
 * The product catalog read through the cache: {@code GET /api/cache/products/{sku}} answers inventory-service's
 * {@code GET /api/inventory/products/{sku}} (found through discovery, load-balanced) from L1, else L2, else
 * inventory, saying which in {@code X-Cache: L1|L2|MISS}.
 *
 * <h2>Kept consistent by events: delete, never update</h2>
 * inventory publishes {@code ProductChanged} (event id, sku, new version) through its outbox to
 * {@code inventory.events}. {@code ProductChangedListener} (one instance of a shared consumer group per event)
 * raises the sku's floor to that version and deletes an older entry on every owner, then invalidates every L1
 * (see {@link io.microplatform.cache.coherence}). The next read loads the product again. An event is retried
 * while no owner is reachable, never skipped.
 *
 * <h2>Never a value that can be rolled back, never an older version</h2>
 * inventory marks an answer whose Seata AT transaction can still be rolled back {@code Cache-Control: no-store}
 * (see inventory's outbox package): the cache passes such an answer on and keeps it nowhere. Stale sets: every L2
 * write is a compare-and-set in one script, refused below the floor an invalidation set and below the version
 * already there ({@code CatalogStore}); a load that read version N and finishes after the invalidation of N+1
 * is served to its own request and kept nowhere.
 *
 * <h2>Stampede</h2>
 * Concurrent misses of one sku in one instance share one load (single flight). Across instances, the load takes
 * a lease ({@code DistributedLocks} from platform-starter: owner token, renewed while held, released by its
 * owner only); the others wait for its entry in L2, polling, at most {@code lease-wait}, and then load
 * themselves. With the lease's Redis unreachable, instances load without it (fail open: more loads, never an
 * error). Hot keys are refreshed early (XFetch: with a probability that grows as expiry nears and with the cost
 * of a load) while the old value is served.
 *
 * <h2>Penetration and avalanche</h2>
 * A sku inventory does not know is kept as absent (version 0) for {@code absent-ttl} (30 s), so a flood of
 * unknown skus reaches inventory at most once per sku and period; its creation (version 1) raises the floor and
 * deletes the absent entry. Every time to live is drawn from ttl x (1 ± {@code ttl-jitter}).
 */
package io.microplatform.cache.catalog;
