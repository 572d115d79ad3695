package io.microplatform.orders;

import io.microplatform.test.ApiDocument;
import io.microplatform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document order-service serves, as the gateway's Swagger UI reads it (through /api-docs/order-service): every
 * operation under /api with its schemas, the platform's problem responses and the ones this service adds.
 */
@ServiceIntegrationTest
class ApiDocumentationIT {

    @LocalServerPort
    int port;

    @Test
    void documentsEveryOperationWithItsProblems() {
        ApiDocument document = ApiDocument.fetch(port)
                .hasExactlyOperations("GET /api/orders", "POST /api/orders", "GET /api/orders/{id}",
                        "POST /api/payments/accounts", "GET /api/payments/accounts/{userId}")
                .hasProblems("POST /api/orders", 400, 402, 403, 409, 422, 503)
                .hasProblems("GET /api/orders", 400, 403)
                .hasProblems("GET /api/orders/{id}", 404)
                .hasProblems("POST /api/payments/accounts", 400, 409);
        assertThat(document.successSchema("GET /api/orders")).isEqualTo("OrderPage");
        assertThat(document.successSchema("POST /api/orders")).isEqualTo("Order");
    }
}
