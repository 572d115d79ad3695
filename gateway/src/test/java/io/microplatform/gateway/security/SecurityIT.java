package io.microplatform.gateway.security;

import io.microplatform.gateway.Backends;
import io.microplatform.gateway.Tokens;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithDevStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication, authorisation and request hygiene at the gateway, in front of real instances. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "microplatform.gateway.security.cors.allowed-origins=https://shop.example.com",
        "microplatform.gateway.security.max-request-size=64KB" })
@WithDevStack
@DirtiesContext
class SecurityIT {

    @RegisterExtension
    static final Backends backends = new Backends()
            .with("inventory-service", "inventory-1")
            .with("order-service", "orders-1");

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        backends.register(registry);
    }

    @Test
    void catalogReadsAndHealthArePublic() {
        assertThat(get("/api/inventory/products", null).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/inventory/products/KB-001", null).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/actuator/health", null).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aMissingTokenIsAnUnauthorizedProblem() {
        ResponseEntity<String> response = get("/api/orders/42", null);
        assertUnauthorized(response);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(response.getBody()).contains("needs a bearer token");
    }

    @Test
    void malformedExpiredAndWronglySignedTokensAreUnauthorizedProblems() {
        for (String token : new String[] { "not-a-jwt", Tokens.expired("alice"),
                Tokens.signedWith("another-secret-of-thirty-two-bytes-at-least", "alice") }) {
            ResponseEntity<String> response = get("/api/orders/42", token);
            assertUnauthorized(response);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
            assertThat(response.getBody()).contains("the bearer token is not valid");
        }
    }

    @Test
    void aValidTokenPassesAndTheUserIdGoesDownstreamInsteadOfTheClientsOwn() {
        ResponseEntity<String> response = client().get().uri("/api/orders/42")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.user("alice"))
                .header("X-User-Id", "mallory")
                .retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"userId\":\"alice\"");
    }

    @Test
    void aUserIdSentByAnAnonymousClientIsRemoved() {
        ResponseEntity<String> response = client().get().uri("/api/inventory/products")
                .header("X-User-Id", "mallory").retrieve().toEntity(String.class);
        assertThat(response.getBody()).contains("\"userId\":null");
    }

    @Test
    void adminEndpointsNeedTheAdminRole() {
        ResponseEntity<String> user = post("/api/inventory/products", Tokens.user("bob", "user"));
        assertThat(user.getStatusCode().value()).isEqualTo(403);
        assertThat(user.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(user.getBody()).contains("urn:microplatform:problem:forbidden");

        assertThat(post("/api/inventory/products/KB-001/restock", Tokens.user("bob")).getStatusCode().value())
                .isEqualTo(403);
        assertThat(post("/api/payments/accounts", Tokens.user("bob")).getStatusCode().value()).isEqualTo(403);
        assertThat(post("/api/inventory/products", null).getStatusCode().value()).isEqualTo(401);
        assertThat(post("/api/inventory/products", Tokens.user("root", "admin")).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void actuatorEndpointsOtherThanHealthAreOnlyOnTheManagementPort() {
        for (String endpoint : new String[] { "/actuator/prometheus", "/actuator/info", "/actuator/env" }) {
            ResponseEntity<String> response = get(endpoint, Tokens.user("root", "admin"));
            assertThat(response.getStatusCode().value()).as(endpoint).isEqualTo(404);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<String> metrics = TestHttp.client(managementPort).get().uri("/actuator/prometheus").retrieve()
                .toEntity(String.class);
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("gateway_ratelimit_redis_available");
    }

    @Test
    void anOversizedBodyIsAPayloadTooLargeProblem() throws IOException, InterruptedException {
        byte[] body = new byte[100 * 1024];
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.user("alice"))
                .header(HttpHeaders.CONTENT_TYPE, "application/json");
        HttpResponse<String> declared = http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = http.send(request.POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString());
        for (HttpResponse<String> response : java.util.List.of(declared, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
            assertThat(response.body()).contains("urn:microplatform:problem:request-too-large");
        }
        HttpResponse<String> small = http.send(request.POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[1000]))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).contains("\"received\":1000");
    }

    @Test
    void responsesCarrySecurityHeadersAndCorsFollowsConfiguration() {
        ResponseEntity<String> response = get("/api/inventory/products", null);
        assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(response.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");

        ResponseEntity<String> preflight = client().options().uri("/api/orders")
                .header(HttpHeaders.ORIGIN, "https://shop.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Idempotency-Key")
                .retrieve().toEntity(String.class);
        assertThat(preflight.getStatusCode().value()).isEqualTo(200);
        assertThat(preflight.getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://shop.example.com");

        ResponseEntity<String> foreign = client().options().uri("/api/orders")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .retrieve().toEntity(String.class);
        assertThat(foreign.getStatusCode().value()).isEqualTo(403);
    }

    private static void assertUnauthorized(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("urn:microplatform:problem:unauthorized");
    }

    private RestClient client() {
        return TestHttp.client(port);
    }

    private ResponseEntity<String> get(String path, String token) {
        RestClient.RequestHeadersSpec<?> request = client().get().uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> post(String path, String token) {
        RestClient.RequestBodySpec request = client().post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.body("{}").retrieve().toEntity(String.class);
    }
}
