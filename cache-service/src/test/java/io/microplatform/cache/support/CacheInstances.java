package io.microplatform.cache.support;

import io.microplatform.test.ServiceProcesses;
import io.microplatform.test.TestHttp;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Map;

/**
 * Two cache-service instances against the same Redis nodes: the test's own application, and a second one run
 * from this module's jar as a real process (started once per test JVM).
 */
public final class CacheInstances {

    private CacheInstances() {
    }

    public static RestClient first(int localPort) {
        return TestHttp.client(localPort);
    }

    public static RestClient second() {
        return TestHttp.client(ServiceProcesses.uriOf("cache-service").toString());
    }

    /** Whether the instance has the node in service (reachable, and emptied and refilled after its absence). */
    @SuppressWarnings("unchecked")
    public static boolean inService(RestClient instance, String node) {
        Map<String, Object> ring = instance.get().uri("/api/cache/ring").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        return ((List<Map<String, Object>>) ring.get("nodes")).stream()
                .anyMatch(each -> each.get("name").equals(node) && each.get("up").equals(true));
    }
}
