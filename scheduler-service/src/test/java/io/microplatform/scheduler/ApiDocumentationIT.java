package io.microplatform.scheduler;

import io.microplatform.test.ApiDocument;
import io.microplatform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document scheduler-service serves, as the gateway's Swagger UI reads it (through /api-docs/scheduler-service): every
 * operation under /api with its schemas, the platform's problem responses and the ones this service adds.
 */
@ServiceIntegrationTest
class ApiDocumentationIT {

    @LocalServerPort
    int port;

    @Test
    void documentsEveryOperationWithItsProblems() {
        ApiDocument document = ApiDocument.fetch(port)
                .hasExactlyOperations("POST /api/scheduler/schedules", "GET /api/scheduler/schedules",
                        "GET /api/scheduler/schedules/{id}", "POST /api/scheduler/schedules/{id}/pause",
                        "POST /api/scheduler/schedules/{id}/resume", "DELETE /api/scheduler/schedules/{id}",
                        "GET /api/scheduler/runs", "GET /api/scheduler/runs/{id}", "POST /api/scheduler/runs/{id}/retry",
                        "POST /api/scheduler/jobs", "GET /api/scheduler/jobs/{id}", "GET /api/scheduler/leader")
                .hasProblems("POST /api/scheduler/runs/{id}/retry", 404, 409)
                .hasProblems("GET /api/scheduler/leader", 503)
                .hasProblems("GET /api/scheduler/runs", 400);
        assertThat(document.successSchema("GET /api/scheduler/schedules")).isEqualTo("SchedulePage");
        assertThat(document.successSchema("GET /api/scheduler/runs")).isEqualTo("RunPage");
        assertThat(document.successSchema("POST /api/scheduler/jobs")).isEqualTo("Job");
    }
}
