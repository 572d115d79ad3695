package io.microplatform.cache.catalog;

import io.microplatform.cache.support.CacheInstances;

import java.util.Arrays;

/** How many product reads inventory-service answered, by status, from its own metrics (its /actuator/prometheus). */
final class InventoryCounts {

    private InventoryCounts() {
    }

    /** Loads a cache instance made without one of its protections (see CatalogCache), from its /actuator/prometheus. */
    static long unprotectedLoads(org.springframework.web.client.RestClient instance) {
        String metrics = instance.get().uri("/actuator/prometheus").retrieve().body(String.class);
        return Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith("cache_catalog_loads_total{") && line.contains("kind=\"unprotected\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    static long productReads(int status) {
        String metrics = org.springframework.web.client.RestClient.create(CacheInstances.inventory().toString())
                .get().uri("/actuator/prometheus").retrieve().body(String.class);
        return Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .filter(line -> line.contains("uri=\"/api/inventory/products/{sku}\"") && line.contains("method=\"GET\""))
                .filter(line -> line.contains("status=\"" + status + "\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
