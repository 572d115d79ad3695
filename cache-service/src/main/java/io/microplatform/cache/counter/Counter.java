package io.microplatform.cache.counter;

/** A counter as the API returns it. */
public record Counter(String name, long value) {
}
