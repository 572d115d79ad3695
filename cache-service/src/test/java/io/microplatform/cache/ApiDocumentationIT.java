package io.microplatform.cache;

import io.microplatform.test.ApiDocument;
import io.microplatform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document cache-service serves, as the gateway's Swagger UI reads it (through /api-docs/cache-service): every
 * operation under /api with its schemas, the platform's problem responses and the ones this service adds.
 */
@ServiceIntegrationTest
class ApiDocumentationIT {

    @LocalServerPort
    int port;

    @Test
    void documentsEveryOperationWithItsProblems() {
        ApiDocument document = ApiDocument.fetch(port)
                .hasExactlyOperations("PUT /api/cache/entries/{key}", "GET /api/cache/entries/{key}",
                        "DELETE /api/cache/entries/{key}", "POST /api/cache/counters/{name}/increments",
                        "GET /api/cache/counters/{name}", "GET /api/cache/ring", "GET /api/cache/ring/owners/{key}",
                        "GET /api/cache/products/{sku}")
                .hasProblems("PUT /api/cache/entries/{key}", 400, 404)
                .hasProblems("GET /api/cache/entries/{key}", 404)
                .hasProblems("GET /api/cache/products/{sku}", 400, 404);
        assertThat(document.successSchema("GET /api/cache/entries/{key}")).isEqualTo("CacheEntry");
        assertThat(document.successSchema("GET /api/cache/ring")).isEqualTo("RingView");
    }
}
