package io.microplatform.gateway;

import com.sun.net.httpserver.HttpServer;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithDevStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway with its real routes from config/gateway.yml, in front of a live HTTP backend (standing in for
 * inventory-service), a port where nothing listens (a stopped cache-service) and a service with no instance;
 * the real Redis of the dev stack behind rate limits and fallbacks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithDevStack
class GatewayRoutingIT {

    private static HttpServer backend;
    private static int stoppedPort;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            stoppedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stopBackend() {
        backend.stop(0);
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        String instances = "spring.cloud.discovery.client.simple.instances.";
        registry.add(instances + "inventory-service[0].uri", () -> "http://localhost:" + backend.getAddress().getPort());
        registry.add(instances + "cache-service[0].uri", () -> "http://localhost:" + stoppedPort);
    }

    @Test
    void routesByPathToTheDiscoveredInstance() {
        ResponseEntity<Map<String, Object>> response = get("/api/inventory/products");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("path", "/api/inventory/products");
    }

    @Test
    void unknownRouteIsANotFoundProblem() {
        ResponseEntity<Map<String, Object>> response = authenticatedGet("/api/nothing-here");
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "urn:microplatform:problem:not-found")
                .containsEntry("instance", "/api/nothing-here");
    }

    @Test
    void stoppedServiceIsAServiceUnavailableProblemWithRetryAfter() {
        ResponseEntity<Map<String, Object>> response = authenticatedGet("/api/cache/entries/x");
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        // the route's circuit breaker: come back when it lets calls through again
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("10");
        assertThat(response.getBody()).containsEntry("type", "urn:microplatform:problem:service-unavailable");
    }

    @Test
    void serviceWithoutInstancesIsAServiceUnavailableProblem() {
        ResponseEntity<Map<String, Object>> response = authenticatedGet("/api/scheduler/jobs");
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthIsUp() {
        ResponseEntity<Map<String, Object>> response = get("/actuator/health");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("status", "UP");
    }

    private ResponseEntity<Map<String, Object>> authenticatedGet(String path) {
        return TestHttp.client(port).get().uri(path).header("Authorization", "Bearer " + Tokens.user("alice"))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
    }

    private ResponseEntity<Map<String, Object>> get(String path) {
        return TestHttp.client(port).get().uri(path).retrieve().toEntity(new ParameterizedTypeReference<>() {
        });
    }
}
