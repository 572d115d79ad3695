package io.microplatform.test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running service's OpenAPI document ({@code /v3/api-docs}), read as the gateway's Swagger UI reads it, with the
 * checks every service's document must pass: exactly the operations the service offers under {@code /api}, each
 * with a success response and the platform's problem responses ({@code application/problem+json}: 400 where it
 * takes input, 404 where it names something in its path, 500 and 503 everywhere, and the ones it declares).
 */
public final class ApiDocument {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final Map<String, Object> document;

    private ApiDocument(Map<String, Object> document) {
        this.document = document;
    }

    public static ApiDocument fetch(int port) {
        ResponseEntity<Map<String, Object>> response = TestHttp.client(port).get().uri("/v3/api-docs").retrieve()
                .toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(response.getStatusCode().value()).as("GET /v3/api-docs").isEqualTo(200);
        return new ApiDocument(response.getBody());
    }

    /** {@code "GET /api/orders/{id}"} for every operation of the document. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        paths().forEach((path, item) -> map(item).keySet().stream().filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }

    /**
     * The document lists exactly {@code expected} ({@code "POST /api/orders"}…), and each operation passes the
     * platform's checks.
     */
    public ApiDocument hasExactlyOperations(String... expected) {
        assertThat(operations()).containsExactlyInAnyOrder(expected);
        for (String operation : expected) {
            checkResponses(operation);
        }
        assertThat(map(map(document.get("components")).get("schemas"))).containsKey("Problem");
        assertThat(map(map(document.get("components")).get("securitySchemes"))).containsKey("bearer-jwt");
        assertThat(list(document.get("servers"))).extracting(server -> map(server).get("url")).containsExactly("/");
        return this;
    }

    /** {@code operation} answers these statuses (besides the platform's own) with a problem. */
    public ApiDocument hasProblems(String operation, int... statuses) {
        Map<String, Object> responses = responses(operation);
        for (int status : statuses) {
            assertThat(responses).as("%s responses", operation).containsKey(Integer.toString(status));
            assertThat(map(map(responses.get(Integer.toString(status))).get("content")))
                    .as("%s %d", operation, status).containsOnlyKeys(PROBLEM_JSON);
        }
        return this;
    }

    /** The schema name ({@code OrderPage}) of {@code operation}'s JSON success response. */
    public String successSchema(String operation) {
        Map<String, Object> responses = responses(operation);
        String success = responses.keySet().stream().filter(status -> status.startsWith("2")).findFirst().orElseThrow();
        Object ref = map(map(map(map(responses.get(success)).get("content")).get("application/json")).get("schema")).get("$ref");
        return ref == null ? null : ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
    }

    private void checkResponses(String operation) {
        Map<String, Object> op = operation(operation);
        Map<String, Object> responses = responses(operation);
        assertThat(responses.keySet()).as("%s has a success response", operation).anyMatch(status -> status.startsWith("2"));
        List<String> problems = new ArrayList<>(List.of("500", "503"));
        List<Object> parameters = list(op.get("parameters"));
        if (op.get("requestBody") != null || !parameters.isEmpty()) {
            problems.add("400");
        }
        if (parameters.stream().anyMatch(parameter -> "path".equals(map(parameter).get("in")))) {
            problems.add("404");
        }
        responses.keySet().stream().filter(status -> status.startsWith("4") || status.startsWith("5"))
                .forEach(problems::add);
        hasProblems(operation, problems.stream().distinct().mapToInt(Integer::parseInt).toArray());
    }

    private Map<String, Object> responses(String operation) {
        return map(operation(operation).get("responses"));
    }

    private Map<String, Object> operation(String operation) {
        String[] methodAndPath = operation.split(" ", 2);
        Map<String, Object> item = map(paths().get(methodAndPath[1]));
        assertThat(item).as(operation).containsKey(methodAndPath[0].toLowerCase());
        return map(item.get(methodAndPath[0].toLowerCase()));
    }

    private Map<String, Object> paths() {
        return map(document.get("paths"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
