package io.microplatform.cache.entry;

/** An entry as the API returns it; {@code ttlSeconds} is what remains of its time to live. */
public record CacheEntry(String key, String value, long ttlSeconds) {
}
