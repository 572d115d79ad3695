/**
 * cache-service: a cache on Redis behind a REST API. Features: {@link io.microplatform.cache.entry}.
 */
package io.microplatform.cache;
