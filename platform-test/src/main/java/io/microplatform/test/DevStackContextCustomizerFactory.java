package io.microplatform.test;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the shared dev stack's coordinates, with the highest precedence, to the environment of every test
 * annotated with {@link WithDevStack}. The services' configuration reads them through its
 * {@code ${POSTGRES_PORT:...}} placeholders, exactly as it reads environment variables in a container.
 * With {@link WithServices}, it also starts the named services and lists them for simple discovery.
 */
class DevStackContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        MergedAnnotations annotations = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY);
        if (!annotations.isPresent(WithDevStack.class)) {
            return null;
        }
        List<String> services = annotations.get(WithServices.class).getValue("value", String[].class)
                .map(List::of).orElse(List.of());
        return new DevStackContextCustomizer(services);
    }

    /** A value object, so that every test with the same services shares one cached context. */
    private record DevStackContextCustomizer(List<String> services) implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            Map<String, Object> properties = new HashMap<>(SharedDevStack.get().connectionProperties());
            for (String service : services) {
                properties.put("spring.cloud.discovery.client.simple.instances." + service + "[0].uri",
                        ServiceProcesses.uriOf(service).toString());
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("devstack", properties));
        }
    }
}
