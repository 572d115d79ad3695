package io.microplatform.cache.catalog;

import io.lettuce.core.ScriptOutputType;
import io.microplatform.cache.ring.CacheRing;

import java.util.List;

/**
 * The catalog's L2 on the ring: {@code catalog:product:<sku>} holds a {@link CachedProduct}, and
 * {@code catalog:floor:<sku>} the newest version an invalidation announced. Both go to the sku's owners.
 *
 * <p>Stale sets (the memcache paper's problem): a load that read version N and is slow must not write N after
 * an invalidation for N+1 deleted the entry. Every write is a compare-and-set in one script: refused below the
 * floor, and refused below the version already there. An invalidation raises the floor and deletes an entry
 * older than it: delete, never update.
 */
final class CatalogStore {

    /** KEYS[1] entry, KEYS[2] floor; ARGV[1] version, ARGV[2] encoded entry, ARGV[3] ttl ms. 1 written, 0 refused. */
    private static final String WRITE = """
            local floor = tonumber(redis.call('GET', KEYS[2]) or '-1')
            local version = tonumber(ARGV[1])
            if version < floor then return 0 end
            local current = redis.call('GET', KEYS[1])
            if current then
              local held = tonumber(string.match(current, '^(%d+)|'))
              if held and held > version then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1""";
    /** KEYS[1] entry, KEYS[2] floor; ARGV[1] the announced version, ARGV[2] floor ttl ms. 1 deleted, 0 kept. */
    private static final String INVALIDATE = """
            local version = tonumber(ARGV[1])
            local floor = tonumber(redis.call('GET', KEYS[2]) or '-1')
            if version > floor then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            else redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
            local current = redis.call('GET', KEYS[1])
            if current then
              local held = tonumber(string.match(current, '^(%d+)|'))
              if held == nil or held < version then redis.call('DEL', KEYS[1]) return 1 end
            end
            return 0""";

    private final CacheRing ring;
    private final long floorTtlMillis;

    CatalogStore(CacheRing ring, long floorTtlMillis) {
        this.ring = ring;
        this.floorTtlMillis = floorTtlMillis;
    }

    /** The entry from the first owner in service that has it, or null. */
    CachedProduct read(String sku) {
        String value = ring.<String>readFirst(ringKey(sku), redis -> redis.get(entryKey(sku)), found -> found != null)
                .value();
        return value == null ? null : CachedProduct.decode(value);
    }

    /** Compare-and-set on every owner; true if at least one owner took it. */
    boolean write(String sku, CachedProduct product, long ttlMillis) {
        List<CacheRing.Replica<Long>> answers = ring.writeAll(ringKey(sku), redis -> redis.eval(WRITE,
                ScriptOutputType.INTEGER, new String[] {entryKey(sku), floorKey(sku)},
                Long.toString(product.version()), product.encode(), Long.toString(ttlMillis)));
        return answers.stream().anyMatch(answer -> answer.value() == 1L);
    }

    /** Raises the floor to {@code version} and deletes an older entry, on every owner. */
    void invalidate(String sku, long version) {
        ring.writeAll(ringKey(sku), redis -> redis.eval(INVALIDATE, ScriptOutputType.INTEGER,
                new String[] {entryKey(sku), floorKey(sku)}, Long.toString(version), Long.toString(floorTtlMillis)));
    }

    /** The key on the ring (placement) and in L1. */
    static String ringKey(String sku) {
        return "product:" + sku;
    }

    private String entryKey(String sku) {
        return ring.redisKey("catalog:product:" + sku);
    }

    private String floorKey(String sku) {
        return ring.redisKey("catalog:floor:" + sku);
    }
}
