/**
 * Cache entries with a time to live: {@code PUT|GET|DELETE /api/cache/entries/{key}}. Entries live on the first
 * Redis node; a consistent-hash ring over all nodes is not built yet.
 */
package io.microplatform.cache.entry;
