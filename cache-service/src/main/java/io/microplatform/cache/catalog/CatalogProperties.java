package io.microplatform.cache.catalog;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * The product catalog read through the cache. Read at start-up.
 *
 * @param inventoryUrl   inventory-service, by service name: resolved by discovery and load-balanced
 * @param connectTimeout connection timeout of a load from inventory
 * @param readTimeout    response timeout of a load from inventory
 * @param ttl            time to live of a product in L2 (before jitter)
 * @param absentTtl      time to live of "no such product" in L2 (before jitter): a flood of unknown skus reaches
 *                       inventory at most once per sku and per this period
 * @param ttlJitter      each time to live is drawn uniformly from ttl x (1 ± jitter), so entries loaded together
 *                       do not expire together
 * @param leaseTime      the cross-instance load lease's time in Redis (renewed while the load runs)
 * @param leaseWait      how long a request waits for another instance's load before it loads itself
 * @param earlyRefresh   XFetch's beta: 0 never refreshes early, 1 is the paper's default, above 1 earlier
 * @param eventsTopic    inventory's product events (ProductChanged)
 */
@Validated
@ConfigurationProperties("microplatform.cache.catalog")
public record CatalogProperties(@NotNull @DefaultValue("http://inventory-service") URI inventoryUrl,
                                @NotNull @DefaultValue("500ms") Duration connectTimeout,
                                @NotNull @DefaultValue("2s") Duration readTimeout,
                                @NotNull @DefaultValue("10m") Duration ttl,
                                @NotNull @DefaultValue("30s") Duration absentTtl,
                                @DecimalMin("0.0") @DecimalMax("0.5") @DefaultValue("0.1") double ttlJitter,
                                @NotNull @DefaultValue("2s") Duration leaseTime,
                                @NotNull @DefaultValue("3s") Duration leaseWait,
                                @DecimalMin("0.0") @DecimalMax("10.0") @DefaultValue("1.0") double earlyRefresh,
                                @NotBlank @DefaultValue("inventory.events") String eventsTopic) {
}
