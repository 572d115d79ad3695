package io.microplatform.gateway.apidocs;

import io.microplatform.gateway.Backend;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithDevStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's one Swagger UI with its real configuration (config/gateway.yml): {@code /api-docs/<service>} reaches
 * the service's {@code /v3/api-docs} through discovery without a token and under the route's rate limit, the UI
 * lists every service's document, and its pages get a content policy that lets them run while API responses keep
 * the strict one. A live HTTP backend stands in for inventory-service; cache-service's port has nothing on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithDevStack
class ApiDocsIT {

    private static final Backend inventory = Backend.start("inventory-1");
    private static final int stoppedPort = freePort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        String instances = "spring.cloud.discovery.client.simple.instances.";
        registry.add(instances + "inventory-service[0].uri", inventory::uri);
        registry.add(instances + "cache-service[0].uri", () -> "http://localhost:" + stoppedPort);
    }

    @AfterAll
    static void stopBackend() {
        inventory.close();
    }

    @Test
    void aServicesDocumentIsRoutedWithoutATokenUnderItsRateLimit() {
        ResponseEntity<Map<String, Object>> response = get("/api-docs/inventory-service");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("path", "/v3/api-docs").containsEntry("method", "GET");
        assertThat(response.getHeaders().getFirst("X-RateLimit-Limit")).isEqualTo("20");
        assertThat(response.getHeaders().getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("5");
    }

    @Test
    void aStoppedServicesDocumentIsAServiceUnavailableProblem() {
        ResponseEntity<Map<String, Object>> response = get("/api-docs/cache-service");

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "urn:microplatform:problem:service-unavailable");
    }

    @Test
    void theUiListsEveryServicesDocumentThroughTheGateway() {
        ResponseEntity<Map<String, Object>> config = get("/v3/api-docs/swagger-config");

        assertThat(config.getStatusCode().value()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> urls = (List<Map<String, String>>) config.getBody().get("urls");
        assertThat(urls).extracting(url -> url.get("name") + " " + url.get("url")).containsExactlyInAnyOrder(
                "order-service /api-docs/order-service", "inventory-service /api-docs/inventory-service",
                "scheduler-service /api-docs/scheduler-service", "cache-service /api-docs/cache-service");
        assertThat(config.getBody()).containsEntry("persistAuthorization", true);
    }

    @Test
    void theUiGetsAPolicyThatLetsItRunAndTheApiKeepsTheStrictOne() {
        ResponseEntity<String> redirect = TestHttp.client(port).get().uri("/swagger-ui.html").retrieve().toEntity(String.class);
        assertThat(redirect.getStatusCode().value()).isEqualTo(302);

        ResponseEntity<String> page = TestHttp.client(port).get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("swagger-ui-bundle.js");
        assertThat(page.getHeaders().get("Content-Security-Policy")).containsExactly(SwaggerUiContentSecurityPolicy.POLICY);
        assertThat(page.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");

        ResponseEntity<String> script = TestHttp.client(port).get().uri("/swagger-ui/swagger-initializer.js").retrieve()
                .toEntity(String.class);
        assertThat(script.getStatusCode().value()).isEqualTo(200);
        assertThat(script.getBody()).contains("/v3/api-docs/swagger-config");

        ResponseEntity<Map<String, Object>> api = get("/api/inventory/products");
        assertThat(api.getHeaders().getFirst("Content-Security-Policy")).startsWith("default-src 'none'");
    }

    private ResponseEntity<Map<String, Object>> get(String path) {
        return TestHttp.client(port).get().uri(path).retrieve().toEntity(new ParameterizedTypeReference<>() {
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
