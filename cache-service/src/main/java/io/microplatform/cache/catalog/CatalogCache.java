package io.microplatform.cache.catalog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.microplatform.cache.coherence.NearCache;
import io.microplatform.starter.lock.DistributedLock;
import io.microplatform.starter.lock.DistributedLocks;
import io.microplatform.starter.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * L1 → L2 → inventory, with the protections of the package documentation: single flight per instance, a lease
 * across instances, version compare-and-set on L2, early refresh of hot keys, absent entries, jittered TTLs.
 */
class CatalogCache {

    private static final Logger log = LoggerFactory.getLogger(CatalogCache.class);
    private static final Duration LEASE_POLL = Duration.ofMillis(10);

    enum Source { L1, L2, MISS }

    /** The answer and where it came from; {@code kept}: whether the cache holds it (false for a no-store answer). */
    record Lookup(CachedProduct product, Source source, boolean kept) {
    }

    /** Loads from the source; a seam for tests that must hold a load at a given point. */
    interface ProductLoader {
        InventoryCatalog.Loaded load(String sku);
    }

    private final NearCache near;
    private final CatalogStore store;
    private final ProductLoader source;
    private final DistributedLocks locks;
    private final CatalogProperties properties;
    private final ExecutorService refresher;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, CompletableFuture<Lookup>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> refreshing = new ConcurrentHashMap<>();
    private final Counter protectedLoads;
    private final Counter unprotectedLoads;
    private final Counter earlyRefreshes;

    CatalogCache(NearCache near, CatalogStore store, ProductLoader source, DistributedLocks locks,
                 CatalogProperties properties, ExecutorService refresher, MeterRegistry meters) {
        this.near = near;
        this.store = store;
        this.source = source;
        this.locks = locks;
        this.properties = properties;
        this.refresher = refresher;
        this.clock = System::currentTimeMillis;
        this.protectedLoads = loads(meters, "protected");
        this.unprotectedLoads = loads(meters, "unprotected");
        this.earlyRefreshes = loads(meters, "early-refresh");
    }

    /**
     * Loads from inventory by kind: {@code protected} under the lease with L2 read and written, at most one per key
     * and entry life across all instances; {@code unprotected} when a protection was missing (L2 or the lease's
     * Redis unreachable, the lease held past {@code lease-wait}): each may be a second load of a key;
     * {@code early-refresh}: XFetch.
     */
    private static Counter loads(MeterRegistry meters, String kind) {
        return Counter.builder("cache.catalog.loads").tag("kind", kind)
                .description("products loaded from inventory-service").register(meters);
    }

    Lookup get(String sku) {
        String key = CatalogStore.ringKey(sku);
        CachedProduct l1 = near.get(key);
        if (l1 != null) {
            refreshEarlyIfDue(sku, l1);
            return new Lookup(l1, Source.L1, true);
        }
        // single flight: one load per key at a time in this instance, the others wait for its answer
        CompletableFuture<Lookup> mine = new CompletableFuture<>();
        CompletableFuture<Lookup> running = inFlight.putIfAbsent(sku, mine);
        if (running != null) {
            try {
                return running.join();
            }
            catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            Lookup lookup = fromL2OrSource(sku);
            mine.complete(lookup);
            return lookup;
        }
        catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        }
        finally {
            inFlight.remove(sku, mine);
        }
    }

    private Lookup fromL2OrSource(String sku) {
        long stamp = near.stamp(CatalogStore.ringKey(sku));
        boolean[] l2Down = {false};
        CachedProduct l2 = readL2(sku, l2Down);
        if (l2 != null) {
            near.put(CatalogStore.ringKey(sku), l2, stamp);
            refreshEarlyIfDue(sku, l2);
            return new Lookup(l2, Source.L2, true);
        }
        // across instances: the lease holder loads, the others wait for its entry in L2
        long deadline = System.nanoTime() + properties.leaseWait().toNanos();
        while (true) {
            Optional<DistributedLock> lease;
            try {
                lease = locks.tryLock(leaseName(sku), Duration.ZERO, properties.leaseTime());
            }
            catch (RuntimeException e) {
                // the lease's Redis is unreachable: load without it (single flight per instance still holds)
                log.debug("no load lease for {}: {}", sku, e.getMessage());
                return load(sku, stamp, false);
            }
            if (lease.isPresent()) {
                try (DistributedLock held = lease.get()) {
                    // the previous holder may have filled L2 between our read and our lease
                    CachedProduct filled = readL2(sku, l2Down);
                    if (filled != null) {
                        near.put(CatalogStore.ringKey(sku), filled, stamp);
                        return new Lookup(filled, Source.L2, true);
                    }
                    return load(sku, stamp, !l2Down[0]);
                }
            }
            sleep(LEASE_POLL);
            CachedProduct filled = readL2(sku, l2Down);
            if (filled != null) {
                near.put(CatalogStore.ringKey(sku), filled, stamp);
                return new Lookup(filled, Source.L2, true);
            }
            if (System.nanoTime() > deadline) {
                log.warn("load lease of {} held past {}: loading without it", sku, properties.leaseWait());
                return load(sku, stamp, false);
            }
        }
    }

    /** From the source into L2 (compare-and-set) and L1; a no-store answer is passed on and kept nowhere. */
    private Lookup load(String sku, long stamp, boolean protectedLoad) {
        return load(sku, stamp, protectedLoad ? protectedLoads : unprotectedLoads);
    }

    private Lookup load(String sku, long stamp, Counter kind) {
        long started = clock.getAsLong();
        InventoryCatalog.Loaded loaded = source.load(sku);
        long now = clock.getAsLong();
        long ttl = jittered(loaded.body() == null ? properties.absentTtl() : properties.ttl());
        CachedProduct product = new CachedProduct(loaded.version(), now + ttl, Math.max(1, now - started), loaded.body());
        if (!loaded.cacheable()) {
            kind.increment();
            return new Lookup(product, Source.MISS, false);
        }
        boolean written;
        try {
            written = store.write(sku, product, ttl);
        }
        catch (ProblemException e) {
            // no owner of the key reachable: the answer is served, kept nowhere (not even L1, which L2 backs)
            log.debug("product {} not kept: {}", sku, e.getMessage());
            unprotectedLoads.increment();
            return new Lookup(product, Source.MISS, false);
        }
        kind.increment();
        if (written) {
            near.put(CatalogStore.ringKey(sku), product, stamp);
            return new Lookup(product, Source.MISS, true);
        }
        // refused: an invalidation announced a newer version while this load ran; what it read is served to
        // this request (it was current when read) but kept nowhere
        return new Lookup(product, Source.MISS, false);
    }

    /**
     * XFetch (Vattani, Chierichetti, Lowenstein): refresh before expiry with a probability that grows as expiry
     * nears and with the cost of a load, {@code now - loadMillis * beta * ln(random) >= expiresAt}. The old value
     * is served meanwhile; one refresh per key per instance, and none while another instance holds the lease.
     */
    private void refreshEarlyIfDue(String sku, CachedProduct cached) {
        double beta = properties.earlyRefresh();
        if (beta <= 0) {
            return;
        }
        double gap = -cached.loadMillis() * beta * Math.log(ThreadLocalRandom.current().nextDouble());
        if (clock.getAsLong() + gap < cached.expiresAtMillis()) {
            return;
        }
        if (refreshing.putIfAbsent(sku, Boolean.TRUE) != null) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    Optional<DistributedLock> lease = locks.tryLock(leaseName(sku), Duration.ZERO, properties.leaseTime());
                    if (lease.isPresent()) {
                        try (DistributedLock held = lease.get()) {
                            load(sku, near.stamp(CatalogStore.ringKey(sku)), earlyRefreshes);
                        }
                    }
                }
                catch (RuntimeException e) {
                    log.debug("early refresh of {} failed: {}", sku, e.getMessage());
                }
                finally {
                    refreshing.remove(sku);
                }
            });
        }
        catch (RuntimeException e) {
            refreshing.remove(sku);
        }
    }

    /** L2, or null when no owner of the key is reachable: the catalog then reads inventory (degraded, not down). */
    private CachedProduct readL2(String sku, boolean[] unavailable) {
        try {
            return store.read(sku);
        }
        catch (ProblemException e) {
            log.debug("L2 unavailable for {}: {}", sku, e.getMessage());
            unavailable[0] = true;
            return null;
        }
    }

    private long jittered(Duration ttl) {
        double jitter = properties.ttlJitter();
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Math.max(1, Math.round(ttl.toMillis() * factor));
    }

    private static String leaseName(String sku) {
        return "cache:catalog-load:" + sku;
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a load", e);
        }
    }
}
