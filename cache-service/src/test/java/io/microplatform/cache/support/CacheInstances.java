package io.microplatform.cache.support;

import io.microplatform.test.ServiceProcess;
import io.microplatform.test.ServiceProcesses;
import io.microplatform.test.TestHttp;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two cache-service instances against the same Redis nodes and the same inventory-service process: the test's
 * own application, and a second one run from this module's jar as a real process (started once per test JVM,
 * finding inventory-service by simple discovery like the first).
 */
public final class CacheInstances {

    private static ServiceProcess second;

    private CacheInstances() {
    }

    public static RestClient first(int localPort) {
        return TestHttp.client(localPort);
    }

    public static RestClient second() {
        return TestHttp.client(secondUri().toString());
    }

    public static synchronized URI secondUri() {
        if (second == null) {
            URI inventory = ServiceProcesses.uriOf("inventory-service");
            second = ServiceProcess.start("cache-service", "cache-service-2", ServiceProcess.freePort(),
                    ServiceProcess.discovering(Map.of("inventory-service", List.of(inventory))));
            ServiceProcess started = second;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.process().destroy();
                try {
                    if (!started.process().waitFor(20, TimeUnit.SECONDS)) {
                        started.process().destroyForcibly();
                    }
                }
                catch (InterruptedException e) {
                    started.process().destroyForcibly();
                }
            }, "cache-service-2-shutdown"));
        }
        return second.uri();
    }

    public static URI inventory() {
        return ServiceProcesses.uriOf("inventory-service");
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
