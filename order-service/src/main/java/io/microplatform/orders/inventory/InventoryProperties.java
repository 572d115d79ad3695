package io.microplatform.orders.inventory;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * @param baseUrl        where inventory-service is: {@code lb://}-style service name resolved by discovery
 * @param connectTimeout connection timeout of a call
 * @param readTimeout    response timeout of a call; with the connection timeout below the gateway's downstream
 *                       timeout, so that a stuck call fails (and undoes) its order before the gateway gives up
 */
@Validated
@ConfigurationProperties("microplatform.orders.inventory")
public record InventoryProperties(@NotNull @DefaultValue("http://inventory-service") URI baseUrl,
                                  @DefaultValue("500ms") Duration connectTimeout,
                                  @DefaultValue("2s") Duration readTimeout) {
}
