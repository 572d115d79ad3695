/**
 * Cache entries with a time to live: {@code PUT|GET|DELETE /api/cache/entries/{key}}. Entries live on the first
 * Redis node for now; sharding over the nodes is the cache issue's work.
 */
package io.microplatform.cache.entry;
