package io.microplatform.cache.catalog;

import io.microplatform.cache.coherence.Invalidations;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * inventory's {@code ProductChanged} events: one instance of the group takes each (a shared consumer group), raises
 * the product's floor and deletes the older entry in L2, then invalidates every instance's L1. An event that
 * cannot be applied (no owner of the key reachable) is retried, and the partition waits: none is skipped.
 */
@Component
class ProductChangedListener {

    private final CatalogStore store;
    private final Invalidations invalidations;
    private final JsonMapper json;

    ProductChangedListener(CatalogStore store, Invalidations invalidations, JsonMapper json) {
        this.store = store;
        this.invalidations = invalidations;
        this.json = json;
    }

    // metadata refreshed every 5 s, not 5 min: inventory owns the topic and may create it, or add partitions to it,
    // after this consumer subscribed (the broker auto-creates a topic a consumer asks for, with its default
    // partition count), and events on partitions the consumer does not know yet would wait that long
    @KafkaListener(topics = "${microplatform.cache.catalog.events-topic:inventory.events}",
            groupId = "${spring.application.name}-catalog",
            properties = { "auto.offset.reset=earliest", "metadata.max.age.ms=5000" })
    void onProductChanged(String payload) {
        JsonNode event = json.readTree(payload);
        String sku = event.path("sku").asString(null);
        if (sku == null) {
            return;
        }
        store.invalidate(sku, event.path("version").asLong(0));
        invalidations.publish(CatalogStore.ringKey(sku));
    }
}
