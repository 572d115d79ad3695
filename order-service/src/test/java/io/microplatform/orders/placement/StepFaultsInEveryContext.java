package io.microplatform.orders.placement;

import io.microplatform.test.ServiceIntegrationTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.List;

/**
 * Registers {@link StepFaults} in the context of every {@link ServiceIntegrationTest} of this module, whether the
 * test arms it or not. Importing it only into the tests that arm it would give them a context of their own, and
 * a second context in one JVM runs without transactions (see {@link ServiceIntegrationTest}).
 */
class StepFaultsInEveryContext implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(ServiceIntegrationTest.class) ? new Customizer() : null;
    }

    /** A value object, so that it does not split the context cache. */
    private record Customizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getBeanFactory().registerSingleton("stepFaults", new StepFaults());
        }
    }
}
