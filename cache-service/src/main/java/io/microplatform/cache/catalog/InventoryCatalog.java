package io.microplatform.cache.catalog;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The source: inventory-service's {@code GET /api/inventory/products/{sku}}, through discovery. */
class InventoryCatalog {

    /** What inventory answered: the body (null: no such product), its version, and whether it may be kept. */
    record Loaded(String body, long version, boolean cacheable) {
    }

    private final RestClient http;
    private final JsonMapper json;

    InventoryCatalog(RestClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    Loaded load(String sku) {
        ResponseEntity<String> response;
        try {
            response = http.get().uri("/api/inventory/products/{sku}", sku).retrieve()
                    .onStatus(status -> status.value() == 404, (request, answer) -> {
                    })
                    .toEntity(String.class);
        }
        catch (RestClientException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                    "inventory-service did not answer for product " + sku + ": " + e.getMessage());
        }
        if (response.getStatusCode().value() == 404) {
            return new Loaded(null, 0, true);
        }
        String body = response.getBody();
        JsonNode product = json.readTree(body);
        String cacheControl = response.getHeaders().getCacheControl();
        boolean cacheable = cacheControl == null || !cacheControl.contains("no-store");
        return new Loaded(body, product.path("version").asLong(0), cacheable);
    }
}
