package io.microplatform.test;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.List;
import java.util.Map;

/**
 * Adds the shared dev stack's coordinates, with the highest precedence, to the environment of every test
 * annotated with {@link WithDevStack}. The services' configuration reads them through its
 * {@code ${POSTGRES_PORT:...}} placeholders, exactly as it reads environment variables in a container.
 */
class DevStackContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        boolean wanted = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(WithDevStack.class);
        return wanted ? new DevStackContextCustomizer() : null;
    }

    /** Stateless, so that every context of the JVM that uses the stack can be cached and shared. */
    private static final class DevStackContextCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            Map<String, Object> properties = Map.copyOf(SharedDevStack.get().connectionProperties());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("devstack", properties));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof DevStackContextCustomizer;
        }

        @Override
        public int hashCode() {
            return DevStackContextCustomizer.class.hashCode();
        }
    }
}
