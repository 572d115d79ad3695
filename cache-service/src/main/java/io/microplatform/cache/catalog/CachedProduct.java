package io.microplatform.cache.catalog;

/**
 * A product as the cache keeps it, in L1 and (encoded) in L2: inventory's answer as it came ({@code body}, null
 * for a product that does not exist), its version (0 for an absent one), when the L2 entry expires and how long
 * the load took (both for XFetch).
 */
record CachedProduct(long version, long expiresAtMillis, long loadMillis, String body) {

    boolean absent() {
        return body == null;
    }

    /** {@code version|expiresAt|loadMillis|body}, body empty for an absent product (a product's body is never empty). */
    String encode() {
        return version + "|" + expiresAtMillis + "|" + loadMillis + "|" + (body == null ? "" : body);
    }

    static CachedProduct decode(String encoded) {
        String[] parts = encoded.split("\\|", 4);
        return new CachedProduct(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                parts[3].isEmpty() ? null : parts[3]);
    }
}
