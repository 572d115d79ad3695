package io.microplatform.scheduler.support;

import io.microplatform.test.TestHttp;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Map;

/** The scheduler's REST API as a black-box client sees it: JSON maps, statuses returned, not thrown. */
public final class SchedulerApi {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    private record Page(List<Map<String, Object>> content, int page, int size, long totalElements) {
    }

    private final RestClient http;

    public SchedulerApi(int port) {
        this.http = TestHttp.client(port);
    }

    public ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(MAP);
    }

    public ResponseEntity<Map<String, Object>> post(String path, Object body, String idempotencyKey) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", idempotencyKey)
                .body(body).retrieve().toEntity(MAP);
    }

    public ResponseEntity<Map<String, Object>> post(String path) {
        return http.post().uri(path).retrieve().toEntity(MAP);
    }

    public ResponseEntity<Map<String, Object>> get(String path, Object... variables) {
        return http.get().uri(path, variables).retrieve().toEntity(MAP);
    }

    /** The {@code content} of one page of a list endpoint. */
    public List<Map<String, Object>> list(String path, Object... variables) {
        return http.get().uri(path, variables).retrieve().body(Page.class).content();
    }

    public ResponseEntity<Void> delete(String path, Object... variables) {
        return http.delete().uri(path, variables).retrieve().toBodilessEntity();
    }

    /** Creates a schedule and returns its id; fails the test unless the answer is 201. */
    public String create(Map<String, Object> schedule) {
        ResponseEntity<Map<String, Object>> created = post("/api/scheduler/schedules", schedule);
        if (created.getStatusCode().value() != 201) {
            throw new AssertionError("schedule not created: " + created.getStatusCode() + " " + created.getBody());
        }
        return created.getBody().get("id").toString();
    }
}
