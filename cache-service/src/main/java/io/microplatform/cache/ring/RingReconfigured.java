package io.microplatform.cache.ring;

/** Published after a configuration refresh changed the ring: the settings it runs on from now on. */
public record RingReconfigured(RingProperties properties) {
}
