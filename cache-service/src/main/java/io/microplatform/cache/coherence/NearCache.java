package io.microplatform.cache.coherence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * This instance's L1: Caffeine, bounded by {@code maximum-size}, every entry dropped {@code ttl} after it was
 * written whatever happens to the invalidation messages.
 *
 * <p>A value read from L2 or the source must not land in L1 after an invalidation of its key has passed by
 * (it would then live until the cap). Callers take a {@link #stamp(String)} before they read and {@link #put}
 * only if no invalidation of the key and no clear happened since. Keys share 1,024 counters (by hash), so an
 * invalidation of another key on the same counter makes a fill skip L1 (a later read fills it): never a stale
 * entry, rarely a lost fill.
 */
public final class NearCache {

    private static final Logger log = LoggerFactory.getLogger(NearCache.class);

    private static final int STRIPES = 1024;

    private final Cache<String, Object> entries;
    /** Invalidations per stripe of keys (low 32 bits of a stamp) and clears (high 32 bits). */
    private final AtomicLongArray changes = new AtomicLongArray(STRIPES);
    private final AtomicLong clears = new AtomicLong();

    public NearCache(NearCacheProperties properties) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(properties.maximumSize())
                .expireAfterWrite(properties.ttl())
                .build();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) entries.getIfPresent(key);
    }

    /** Taken before reading what may be {@link #put}; changes with every invalidation of the key and every clear. */
    public long stamp(String key) {
        return (clears.get() << 32) | (changes.get(stripe(key)) & 0xffffffffL);
    }

    /** Keeps the value unless an invalidation of the key or a clear happened since {@code stamp}; whether it was kept. */
    public boolean put(String key, Object value, long stamp) {
        if (stamp(key) != stamp) {
            return false;
        }
        entries.put(key, value);
        // an invalidation that ran between the check and the put has moved the stamp: undo the put
        if (stamp(key) != stamp) {
            entries.invalidate(key);
            return false;
        }
        return true;
    }

    public void invalidate(String key) {
        changes.incrementAndGet(stripe(key));
        entries.invalidate(key);
    }

    /** Drops everything: the invalidation stream may have had a gap. */
    public void clear(String why) {
        clears.incrementAndGet();
        entries.invalidateAll();
        log.info("L1 cleared: {}", why);
    }

    private static int stripe(String key) {
        return (key.hashCode() & 0x7fffffff) % STRIPES;
    }

    /** How often the L1 was cleared since start-up (each a possible gap in the invalidation stream). */
    public long clears() {
        return clears.get();
    }

    public long size() {
        return entries.estimatedSize();
    }
}
