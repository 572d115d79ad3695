package io.microplatform.gateway;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service instances a gateway test routes to: {@link Backend}s started under a service name, listed for
 * simple discovery by {@link #register}, and stopped after the test class. Declare it as a static
 * {@code @RegisterExtension} field and call {@link #register} from the test's {@code @DynamicPropertySource}.
 */
public final class Backends implements AfterAllCallback {

    private static final String INSTANCES = "spring.cloud.discovery.client.simple.instances.";

    private final Map<String, List<Backend>> byService = new LinkedHashMap<>();

    /** Starts an instance of {@code service} now, so that its port is known before the context starts. */
    public Backend start(String service, String name) {
        Backend backend = Backend.start(name);
        byService.computeIfAbsent(service, s -> new ArrayList<>()).add(backend);
        return backend;
    }

    /** {@link #start}, for declaring the instances where the field is declared. */
    public Backends with(String service, String name) {
        start(service, name);
        return this;
    }

    /** Lists every started instance, in start order, as {@code <service>[i].uri}. */
    public void register(DynamicPropertyRegistry registry) {
        byService.forEach((service, backends) -> {
            for (int i = 0; i < backends.size(); i++) {
                registry.add(INSTANCES + service + "[" + i + "].uri", backends.get(i)::uri);
            }
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        byService.values().forEach(backends -> backends.forEach(Backend::close));
    }
}
