/**
 * Cache entries with a time to live: {@code PUT|GET|DELETE /api/cache/entries/{key}}, on the ring
 * ({@link io.microplatform.cache.ring}): a write or delete goes to every owner of the key in service, a read to
 * the first owner in service. Refusals (a bad key, a value over 64 KiB, a time to live out of range) are 400
 * problems and nothing is stored.
 */
package io.microplatform.cache.entry;
